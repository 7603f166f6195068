//! A custom auth strategy (the application's subclass of `AuthStrategy`): the
//! hooks the session waits for are asked at whatsapp-web.js's moments
//! (`Output::AskStrategy`), and the session goes on when index.js answers
//! (`Input::StrategyAnswer`). A hook that throws or does not answer within
//! `authTimeoutMs` is `ERR_AUTH_STRATEGY`, and the browser is closed.

use serde_json::{json, Value};

use super::{Phase, Session};
use crate::errors::ClientError;
use crate::session::events::Event;
use crate::session::io::*;

impl Session {
    pub(super) fn ask_strategy(&mut self, hook: StrategyHook) {
        self.ask_seq += 1;
        self.asks.push((hook, self.ask_seq));
        self.out.push(Output::AskStrategy(hook));
        self.out.push(Output::Arm(Timer::StrategyTimeout { ask: self.ask_seq }, self.config.auth_timeout));
    }

    pub(super) fn is_asking(&self, hook: StrategyHook) -> bool {
        self.asks.iter().any(|(h, _)| *h == hook)
    }

    pub(super) fn on_strategy_answer(&mut self, hook: StrategyHook, res: Result<Value, String>) {
        let Some(pos) = self.asks.iter().position(|(h, _)| *h == hook) else { return };
        self.asks.remove(pos);
        self.rearm_strategy_timer();
        self.on_strategy_settled(hook, res);
    }

    /// One timer at a time (arming supersedes): an answered question hands it
    /// to the oldest one still open.
    fn rearm_strategy_timer(&mut self) {
        if let Some(&(_, ask)) = self.asks.first() {
            self.out.push(Output::Arm(Timer::StrategyTimeout { ask }, self.config.auth_timeout));
        }
    }

    pub(super) fn on_strategy_timeout(&mut self, ask: u64) {
        let Some(pos) = self.asks.iter().position(|(_, a)| *a <= ask) else { return };
        let (hook, _) = self.asks.remove(pos);
        self.rearm_strategy_timer();
        let ms = self.config.auth_timeout.as_millis();
        self.on_strategy_settled(hook, Err(format!("did not answer within {ms} ms (authTimeoutMs)")));
    }

    fn on_strategy_settled(&mut self, hook: StrategyHook, res: Result<Value, String>) {
        if matches!(self.phase, Phase::Idle | Phase::Closing | Phase::Closed) {
            return;
        }
        match hook {
            StrategyHook::AfterBrowserInitialized => {
                if let Err(why) = res {
                    self.fail_strategy(hook, why);
                }
            }
            StrategyHook::AuthenticationNeeded => {
                let Phase::AuthNeeded { state } = self.phase.clone() else { return };
                let answer = match res {
                    Ok(answer) => answer,
                    Err(why) => return self.fail_strategy(hook, why),
                };
                let flag = |k: &str| answer.get(k).and_then(Value::as_bool).unwrap_or(false);
                if flag("failed") {
                    // whatsapp-web.js: auth_failure, destroy(), and initialize() again on
                    // `restart`. index.js does the last two when initialize() answers so.
                    self.out.push(Output::Emit(Event::StrategyAuthFailure));
                    if let Some(id) = self.init_waiter.take() {
                        self.reply(id, Ok(Reply::Value(json!({ "authFailed": true, "restart": flag("restart") }))));
                    }
                    self.shutdown(ShutdownReason::InitFailed);
                } else {
                    // The socket may have moved on (UNPAIRED_IDLE) while the strategy thought.
                    let state = self.socket_state.clone().unwrap_or(state);
                    self.enter_unpaired(&state);
                }
            }
            // A payload that failed is no payload: the login goes on, as it does in
            // whatsapp-web.js (index.js warns about the hook).
            StrategyHook::AuthEventPayload => {
                if self.phase == (Phase::LoggingIn { info_read: None }) {
                    self.finish_synced();
                }
            }
        }
    }

    fn fail_strategy(&mut self, hook: StrategyHook, why: String) {
        let err = ClientError::AuthStrategy(format!("{}() {why}", hook.name()));
        if self.init_waiter.is_none() {
            self.out.push(Output::Emit(Event::Disconnected("AUTH_STRATEGY".into())));
        }
        self.fail_init(err);
    }
}
