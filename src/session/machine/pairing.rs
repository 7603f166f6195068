//! The pairing flow while a login is awaited: QR codes and pairing codes,
//! the user's pairing calls one at a time in call order, and the way back
//! from a code to a scannable QR.

use super::{Busy, Mode, Op, Phase, RestoreStage, Session};
use crate::errors::ClientError;
use crate::session::events::Event;
use crate::session::io::*;

impl Session {
    /// Starts the next queued pairing call if the session is free for it.
    pub(super) fn pump(&mut self) {
        loop {
            let Phase::Unpaired { mode, busy: None, .. } = &self.phase else { return };
            let in_qr_mode = *mode == Mode::Qr;
            let Some((id, op)) = self.queue.pop_front() else { return };
            match op {
                Op::RequestCode(req) => {
                    self.start_code_request(Some(id), req, true);
                    return;
                }
                // Cancel in QR mode changes nothing.
                Op::CancelCode if in_qr_mode => self.reply(id, Ok(Reply::Unit)),
                Op::CancelCode => {
                    self.start_restore(Some(id));
                    return;
                }
            }
        }
    }

    pub(super) fn start_code_request(&mut self, call: Option<CallId>, request: CodeRequest, first: bool) {
        self.generation += 1;
        let cmd = self.cmd();
        let command = PageCommand::RequestCode {
            phone: request.phone.as_str().to_string(),
            // WhatsApp Web's own UI asks for the push notification only once.
            show_notification: first && request.show_notification,
            // A refresh comes intervalMs (180 s) later, after the batch of
            // refs ran out (160 s): the socket needs restarting first.
            refresh_socket: !first,
        };
        self.phase = Phase::Unpaired {
            mode: Mode::Code { request, generation: self.generation },
            busy: Some(Busy::RequestingCode { call, cmd }),
            initial_read: None,
        };
        self.out.push(Output::Run(cmd, command));
    }

    pub(super) fn start_restore(&mut self, call: Option<CallId>) {
        self.generation += 1;
        let cmd = self.cmd();
        self.phase = Phase::Unpaired {
            mode: Mode::Qr,
            busy: Some(Busy::RestoringQr { call, stage: RestoreStage::Running(cmd) }),
            initial_read: None,
        };
        self.out.push(Output::Run(cmd, PageCommand::RestoreQr));
        self.out.push(Output::Arm(
            Timer::RestoreQrTimeout { generation: self.generation },
            self.config.restore_qr_timeout,
        ));
    }

    pub(super) fn on_qr(&mut self, seq: u64, text: String) {
        if seq < self.qr_seq {
            return; // built before a QR we already handled
        }
        let Phase::Unpaired { mode, busy, .. } = &self.phase else { return };
        match busy {
            None if *mode == Mode::Qr => {
                self.qr_seq = seq;
                self.emit_qr(text);
            }
            Some(Busy::RestoringQr { call, stage: RestoreStage::AwaitingQr { min_seq, .. } }) if seq >= *min_seq => {
                let call = *call;
                self.qr_seq = seq;
                self.emit_qr(text);
                self.finish_restore(call);
            }
            _ => {}
        }
    }

    pub(super) fn emit_qr(&mut self, text: String) {
        if self.last_qr.as_deref() == Some(text.as_str()) {
            return;
        }
        if self.config.qr_max_retries > 0 && self.qr_count >= self.config.qr_max_retries {
            self.out.push(Output::Emit(Event::Disconnected("Max qrcode retries reached".into())));
            self.shutdown(ShutdownReason::MaxQrRetries);
            return;
        }
        self.qr_count += 1;
        self.last_qr = Some(text.clone());
        self.out.push(Output::Emit(Event::Qr(text)));
    }

    /// The page hands the fresh QR back as its ref arrives, before the socket
    /// state that shows it (UNPAIRED follows in the same page turn, behind the
    /// page's own listeners): the QR is out at once, and the call answers with
    /// the state report, so that getState() after it reads UNPAIRED.
    fn finish_restore_when_shown(&mut self, call: Option<CallId>) {
        if self.socket_state.as_deref() == Some("UNPAIRED") {
            self.finish_restore(call);
        } else if let Phase::Unpaired { busy, .. } = &mut self.phase {
            *busy = Some(Busy::RestoringQr { call, stage: RestoreStage::AwaitingState });
        }
    }

    pub(super) fn finish_restore(&mut self, call: Option<CallId>) {
        if let Phase::Unpaired { busy, .. } = &mut self.phase {
            *busy = None;
        }
        if let Some(call) = call {
            self.reply(call, Ok(Reply::Unit));
        }
        self.pump();
    }

    pub(super) fn on_code_result(&mut self, call: Option<CallId>, res: Result<PageResult, ClientError>) {
        let Phase::Unpaired { mode, busy, .. } = &mut self.phase else { return };
        *busy = None;
        let Mode::Code { request, generation } = mode.clone() else { return };
        match res {
            Ok(PageResult::Code(code)) => {
                self.out.push(Output::Emit(Event::Code(code.clone())));
                if let Some(call) = call {
                    self.reply(call, Ok(Reply::Code(code)));
                }
                self.out.push(Output::Arm(Timer::CodeRefresh { generation }, request.interval));
                self.pump();
            }
            Ok(other) => {
                let err = ClientError::Internal(format!("unexpected code result {other:?}"));
                self.code_failed(call, err);
            }
            Err(err) => self.code_failed(call, err),
        }
    }

    /// A code request failed: tell the caller (or, for a refresh, emit
    /// `code_error`), then go back to QR so the user still has a way in.
    pub(super) fn code_failed(&mut self, call: Option<CallId>, err: ClientError) {
        let err = err.with_web_version(self.web_version.as_deref());
        match call {
            Some(call) => self.reply(call, Err(err.clone())),
            None => self.out.push(Output::Emit(Event::CodeError { code: err.code(), message: err.to_string() })),
        }
        if matches!(err, ClientError::PageNavigated | ClientError::BrowserClosed(_)) {
            return; // the reload / shutdown path takes over
        }
        if matches!(err, ClientError::PageChanged { .. }) {
            // Pairing codes are not on this page, and nothing was changed in it
            // (need() looks everything up first): show its QR as it is.
            self.generation += 1;
            let read = self.cmd();
            self.phase = Phase::Unpaired { mode: Mode::Qr, busy: None, initial_read: Some(read) };
            self.out.push(Output::Run(read, PageCommand::ReadQr));
            self.pump();
            return;
        }
        self.start_restore(None);
    }

    /// A page command of the pairing flow finished (QR read, code request, restore).
    pub(super) fn on_unpaired_done(&mut self, cmd: CmdId, res: Result<PageResult, ClientError>, busy: Option<Busy>, initial_read: Option<CmdId>) {
        if initial_read == Some(cmd) {
            if let Ok(PageResult::Qr(Some((seq, text)))) = res {
                self.on_qr(seq, text);
            }
            return;
        }
        match busy {
            Some(Busy::RequestingCode { call, cmd: c }) if c == cmd => self.on_code_result(call, res),
            Some(Busy::RestoringQr { call, stage: RestoreStage::Running(c) }) if c == cmd => match res {
                // The page handed back the fresh batch's first QR: show it, done.
                Ok(PageResult::Qr(Some((seq, text)))) if seq >= self.qr_seq => {
                    self.qr_seq = seq;
                    self.emit_qr(text);
                    if matches!(self.phase, Phase::Unpaired { .. }) {
                        self.finish_restore_when_shown(call);
                    }
                }
                Ok(_) => {
                    // Read the QR the page holds now; if it has none yet,
                    // the next one it builds completes the call.
                    let read = self.cmd();
                    let min_seq = self.qr_seq;
                    if let Phase::Unpaired { busy, .. } = &mut self.phase {
                        *busy = Some(Busy::RestoringQr {
                            call,
                            stage: RestoreStage::AwaitingQr { read, min_seq },
                        });
                    }
                    self.out.push(Output::Run(read, PageCommand::ReadQr));
                }
                Err(err) => {
                    if let Phase::Unpaired { busy, .. } = &mut self.phase {
                        *busy = None;
                    }
                    if let Some(call) = call {
                        self.reply(call, Err(err));
                    }
                    self.pump();
                }
            },
            Some(Busy::RestoringQr { call, stage: RestoreStage::AwaitingQr { read, .. } }) if read == cmd => {
                if let Ok(PageResult::Qr(Some((seq, text)))) = res {
                    if seq >= self.qr_seq {
                        self.qr_seq = seq;
                        self.emit_qr(text);
                        if matches!(self.phase, Phase::Unpaired { .. }) {
                            self.finish_restore(call);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

pub(super) fn busy_call(busy: &Busy) -> Option<CallId> {
    match busy {
        Busy::RequestingCode { call, .. } | Busy::RestoringQr { call, .. } => *call,
    }
}
