//! The login flow: what the page reports (documents, socket states, sync,
//! progress) and what it means: settle, wait for a login, log in, ready.

use super::pairing::busy_call;
use super::{Busy, Mode, Phase, RestoreStage, Session, WHATSAPP_WEB_ORIGIN};
use crate::account::{AccountCommand, AccountEvent};
use crate::errors::ClientError;
use crate::session::events::Event;
use crate::session::io::*;

impl Session {
    pub(super) fn on_page(&mut self, ev: PageEvent) {
        match ev {
            PageEvent::Document { url } => self.on_document(&url),
            PageEvent::LoggedOut if matches!(self.phase, Phase::LoggingOut { .. }) => self.finish_logout(),
            PageEvent::LoggedOut => {
                if matches!(self.phase, Phase::LoggingIn { .. } | Phase::Ready) {
                    // Logged out from the phone: say so, then wait for the page to
                    // reload into a fresh login, as whatsapp-web.js does.
                    self.out.push(Output::Emit(Event::Disconnected("LOGOUT".into())));
                    self.generation += 1;
                    self.socket_state = None;
                    self.phase = Phase::Loading;
                    self.arm_auth_timeout();
                }
            }
            PageEvent::Loaded => self.on_loaded(),
            PageEvent::Version { version, had_session } => {
                self.web_version = Some(version.clone());
                if self.phase == Phase::Launching {
                    self.early_version = Some((version, had_session));
                    return;
                }
                if self.phase == Phase::Loading {
                    self.restoring = had_session;
                    self.last_attach_error = None;
                    self.start_attach();
                    self.run_waiting_support_calls();
                }
            }
            PageEvent::State(state) => self.on_socket_state(state),
            PageEvent::Qr { seq, text } => self.on_qr(seq, text),
            PageEvent::Synced => match self.phase {
                Phase::Attaching(_) => self.synced_during_attach = true,
                Phase::LoggingIn { info_read: None } => self.on_synced(),
                Phase::Settling | Phase::Unpaired { .. }
                    if self.socket_state.as_deref() == Some("CONNECTED") =>
                {
                    self.synced_early = true;
                    self.enter_logging_in();
                }
                // The sync callbacks may finish before the socket reports
                // CONNECTED: remember it for then.
                Phase::AttachPaused | Phase::Settling | Phase::Unpaired { .. } => self.synced_early = true,
                _ => {}
            },
            PageEvent::Account(AccountEvent::UnreadChanged(chat_id)) => {
                if self.phase == Phase::Ready && self.interest.unread_count {
                    let cmd = self.cmd();
                    self.out.push(Output::RunAccount(cmd, AccountCommand::ForwardUnread(chat_id)));
                }
            }
            PageEvent::Account(event) => {
                if self.phase == Phase::Ready {
                    for emit in self.account.emits(event) {
                        self.out.push(Output::Emit(Event::Account(emit)));
                    }
                }
            }
            PageEvent::Progress(p) => {
                let logging_in = match self.phase {
                    Phase::LoggingIn { .. } => true,
                    // The first sync after a pairing reports progress while the
                    // socket still reads PAIRING: that is the login's too.
                    Phase::Settling | Phase::Unpaired { .. } => {
                        !matches!(self.socket_state.as_deref(), None | Some("UNPAIRED" | "UNPAIRED_IDLE"))
                    }
                    _ => false,
                };
                if logging_in && self.last_progress != Some(p) {
                    self.last_progress = Some(p);
                    self.out.push(Output::Emit(Event::LoadingScreen(p)));
                    if matches!(self.phase, Phase::LoggingIn { .. }) {
                        // Progress means the login is alive: restart its bound.
                        self.arm_login_timeout();
                    }
                }
            }
        }
    }

    pub(super) fn on_document(&mut self, url: &str) {
        let was_logged_in = matches!(self.phase, Phase::LoggingIn { .. } | Phase::Ready);
        match self.phase {
            // WhatsApp Web reloads once its logout is done.
            Phase::LoggingOut { .. } => return self.finish_logout(),
            Phase::Attaching(_)
            | Phase::AttachPaused
            | Phase::Settling
            | Phase::AuthNeeded { .. }
            | Phase::Unpaired { .. }
            | Phase::LoggingIn { .. }
            | Phase::Ready => {}
            // First load, or nothing to re-attach to.
            _ => return,
        }
        if !url.starts_with(WHATSAPP_WEB_ORIGIN) {
            // Navigated away from WhatsApp Web: there is nothing to re-attach to.
            self.out.push(Output::Emit(Event::Disconnected("NAVIGATION".into())));
            self.shutdown(ShutdownReason::Disconnected("NAVIGATION".into()));
            return;
        }
        // The page reloaded under us: whatever was running there is gone.
        if let Phase::Unpaired { busy: Some(busy), .. } = &self.phase {
            if let Some(call) = busy_call(busy) {
                self.reply(call, Err(ClientError::PageNavigated));
            }
        }
        if was_logged_in && url.contains("post_logout=1") {
            self.out.push(Output::Emit(Event::Disconnected("LOGOUT".into())));
        }
        self.generation += 1;
        self.qr_seq = 0;
        self.last_qr = None;
        self.last_progress = None;
        self.socket_state = None;
        self.synced_early = false;
        self.loaded = false;
        self.phase = Phase::Loading;
        self.arm_auth_timeout();
    }

    pub(super) fn on_socket_state(&mut self, state: String) {
        self.socket_state = Some(state.clone());
        if let Phase::Unpaired { busy: Some(Busy::RestoringQr { call, stage: RestoreStage::AwaitingState }), .. } = &self.phase {
            let call = *call;
            self.finish_restore(call);
        }
        match &self.phase {
            Phase::Attaching(_) => self.state_during_attach = true,
            Phase::Settling => self.settle(&state),
            Phase::Unpaired { mode, busy, .. } => {
                if state == "CONNECTED" {
                    self.enter_logging_in();
                } else if state == "UNPAIRED_IDLE" && *mode == Mode::Qr && busy.is_none() {
                    // The batch of refs ran out: fetch a fresh one ourselves
                    // (whatsapp-web.js's attempt at this runs in Node and fails).
                    let cmd = self.cmd();
                    self.out.push(Output::Run(cmd, PageCommand::RefreshQr));
                }
            }
            Phase::LoggingIn { .. } => {
                if state == "UNPAIRED" || state == "UNPAIRED_IDLE" {
                    // The pairing did not hold; wait for a login again.
                    self.enter_unpaired(&state);
                }
            }
            Phase::Ready => {
                self.out.push(Output::Emit(Event::ChangeState(state.clone())));
                if state == "CONFLICT" && self.config.takeover_on_conflict {
                    self.generation += 1;
                    self.out.push(Output::Arm(Timer::Takeover { generation: self.generation }, self.config.takeover_timeout));
                    return;
                }
                if !matches!(state.as_str(), "CONNECTED" | "OPENING" | "PAIRING" | "TIMEOUT") {
                    self.out.push(Output::Emit(Event::Disconnected(state.clone())));
                    self.shutdown(ShutdownReason::Disconnected(state));
                }
            }
            _ => {}
        }
    }

    /// Decides what the settled socket state means for login.
    pub(super) fn settle(&mut self, state: &str) {
        match state {
            // whatsapp-web.js asks a strategy before showing a QR.
            "UNPAIRED" | "UNPAIRED_IDLE" if self.config.custom_strategy => {
                self.phase = Phase::AuthNeeded { state: state.to_string() };
                self.ask_strategy(StrategyHook::AuthenticationNeeded);
            }
            "UNPAIRED" | "UNPAIRED_IDLE" => self.enter_unpaired(state),
            "CONNECTED" => self.enter_logging_in(),
            _ => self.phase = Phase::Settling,
        }
    }

    pub(super) fn enter_unpaired(&mut self, state: &str) {
        self.synced_early = false;
        // A custom strategy says itself whether the login failed (onAuthenticationNeeded).
        if std::mem::take(&mut self.restoring) && !self.config.custom_strategy {
            self.out.push(Output::Emit(Event::AuthFailure(
                "the saved session could not be restored (WhatsApp no longer accepts it); a new login is needed".into(),
            )));
        }
        self.resolve_init();
        self.generation += 1;
        match self.config.pair_with_phone.clone() {
            Some(req) => {
                self.phase = Phase::Unpaired { mode: Mode::Qr, busy: None, initial_read: None };
                self.start_code_request(None, req, true);
            }
            None => {
                let read = self.cmd();
                self.phase = Phase::Unpaired { mode: Mode::Qr, busy: None, initial_read: Some(read) };
                self.out.push(Output::Run(read, PageCommand::ReadQr));
                if state == "UNPAIRED_IDLE" {
                    let cmd = self.cmd();
                    self.out.push(Output::Run(cmd, PageCommand::RefreshQr));
                }
                self.pump();
            }
        }
    }

    pub(super) fn enter_logging_in(&mut self) {
        self.restoring = false;
        self.resolve_init();
        self.generation += 1;
        if let Phase::Unpaired { busy: Some(busy), .. } = &self.phase {
            match busy.clone() {
                Busy::RequestingCode { call: Some(call), .. } => {
                    self.reply(call, Err(ClientError::AlreadyLoggedIn))
                }
                // Nothing left to cancel: the goal of the call is moot.
                Busy::RestoringQr { call: Some(call), .. } => self.reply(call, Ok(Reply::Unit)),
                _ => {}
            }
        }
        for (id, _) in std::mem::take(&mut self.queue) {
            self.reply(id, Err(ClientError::AlreadyLoggedIn));
        }
        self.phase = Phase::LoggingIn { info_read: None };
        if std::mem::take(&mut self.synced_early) {
            self.on_synced();
        } else {
            self.arm_login_timeout();
        }
    }

    pub(super) fn on_synced(&mut self) {
        // `authenticated` carries a custom strategy's getAuthEventPayload().
        if self.config.custom_strategy {
            if !self.is_asking(StrategyHook::AuthEventPayload) {
                self.ask_strategy(StrategyHook::AuthEventPayload);
            }
            return;
        }
        self.finish_synced();
    }

    pub(super) fn finish_synced(&mut self) {
        self.out.push(Output::Emit(Event::Authenticated));
        let cmd = self.cmd();
        self.phase = Phase::LoggingIn { info_read: Some(cmd) };
        self.out.push(Output::Run(cmd, PageCommand::ReadInfo));
    }
}
