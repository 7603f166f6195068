//! The timers' side of the session: each timer carries the epoch or
//! generation it was armed in, and one from an earlier page, mode or run is
//! void.

use super::{Busy, Mode, Phase, RestoreStage, Session};
use crate::errors::ClientError;
use crate::session::events::Event;
use crate::session::io::*;

impl Session {
    pub(super) fn on_timer(&mut self, timer: Timer) {
        match timer {
            Timer::AuthTimeout { epoch } if epoch == self.epoch => {
                let ms = self.config.auth_timeout.as_millis() as u64;
                match self.phase {
                    Phase::Loading | Phase::Attaching(_) | Phase::AttachPaused => {
                        let err = match self.last_attach_error.take() {
                            Some(why) => ClientError::PageScript(format!(
                                "WhatsApp Web loaded but could not be attached to within {ms} ms (authTimeoutMs): {why}"
                            )),
                            None => ClientError::AuthTimeout(ms),
                        };
                        self.page_did_not_come(err);
                    }
                    // The page is there but never reached WhatsApp's servers
                    // (a first load only: a loaded session reconnects by itself).
                    Phase::Settling if self.init_waiter.is_some() => {
                        let state = self.socket_state.clone().unwrap_or_else(|| "UNLAUNCHED".into());
                        self.fail_init(ClientError::ConnectTimeout { ms, state });
                    }
                    _ => {}
                }
            }
            Timer::AuthTimeout { .. } => {}
            Timer::LoginInternals { epoch } => self.on_login_internals_timer(epoch),
            Timer::AttachRetry { epoch } => {
                if epoch == self.epoch && self.phase == Phase::AttachPaused {
                    self.start_attach();
                }
            }
            Timer::LoginTimeout { generation } => {
                if generation == self.generation && self.phase == (Phase::LoggingIn { info_read: None }) {
                    let err = ClientError::LoginTimeout(self.config.login_timeout.as_millis() as u64);
                    self.out.push(Output::Emit(Event::AuthFailure(format!("[{}] {err}", err.code()))));
                    self.out.push(Output::Emit(Event::Disconnected("LOGIN_TIMEOUT".into())));
                    self.shutdown(ShutdownReason::Disconnected("LOGIN_TIMEOUT".into()));
                }
            }
            Timer::LogoutTimeout { epoch } => {
                if epoch == self.epoch && matches!(self.phase, Phase::LoggingOut { .. }) {
                    self.finish_logout();
                }
            }
            Timer::CodeRefresh { generation } => {
                if let Phase::Unpaired { mode: Mode::Code { request, generation: g }, busy: None, .. } = &self.phase {
                    if *g == generation {
                        let request = request.clone();
                        self.start_code_request(None, request, false);
                    }
                }
            }
            Timer::StrategyTimeout { ask } => self.on_strategy_timeout(ask),
            Timer::Takeover { generation } => {
                if generation == self.generation && self.phase == Phase::Ready && self.socket_state.as_deref() == Some("CONFLICT") {
                    let cmd = self.cmd();
                    self.out.push(Output::Run(cmd, PageCommand::Takeover));
                }
            }
            Timer::RestoreQrTimeout { generation } => {
                if generation != self.generation {
                    return;
                }
                if let Phase::Unpaired { busy: Some(Busy::RestoringQr { call, stage }), .. } = &mut self.phase {
                    let call = *call;
                    if *stage == RestoreStage::AwaitingState {
                        // The QR is shown; only the state report is missing.
                        self.finish_restore(call);
                        return;
                    }
                    if let Phase::Unpaired { busy, .. } = &mut self.phase {
                        *busy = None;
                    }
                    if let Some(call) = call {
                        self.reply(call, Err(ClientError::PageTimeout("a fresh QR after cancelPairingCode()".into())));
                    }
                    self.pump();
                }
            }
        }
    }
}
