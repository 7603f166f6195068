//! What the page lacks: `getPageSupport()`, the warning after `ready` (once per
//! missing internal), and the login's bounded wait for the QR's internals: a
//! page that fired `load` LOGIN_INTERNALS_GRACE ago and still lacks one ends
//! `initialize()` with ERR_PAGE_CHANGED naming it, instead of waiting for
//! `authTimeoutMs` and saying nothing.

use std::time::Duration;

use serde_json::json;

use super::{Phase, Session};
use crate::errors::ClientError;
use crate::session::events::Event;
use crate::session::io::*;

/// How long after the page's `load` event the QR's internals may be missing.
pub(super) const LOGIN_INTERNALS_GRACE: Duration = Duration::from_secs(30);

/// Why a page support check runs.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SupportUse {
    /// `getPageSupport()`.
    Call(CallId),
    /// After `ready`: warn once per missing internal.
    Warn,
    /// The login is waiting for the page: a missing QR internal ends it;
    /// `fallback` (the auth timeout's error) ends it otherwise.
    Login { epoch: u64, fallback: Option<ClientError> },
}

impl Session {
    /// The page fired `load`.
    pub(super) fn on_loaded(&mut self) {
        match self.phase {
            Phase::Launching => self.early_loaded = true,
            Phase::Loading | Phase::Attaching(_) | Phase::AttachPaused => {
                self.loaded = true;
                self.out.push(Output::Arm(Timer::LoginInternals { epoch: self.epoch }, LOGIN_INTERNALS_GRACE));
            }
            _ => self.loaded = true,
        }
        self.run_waiting_support_calls();
    }

    /// Whether a page is there to check: it loaded, or announced itself.
    fn page_is_up(&self) -> bool {
        self.loaded || !matches!(self.phase, Phase::Idle | Phase::Launching | Phase::Loading | Phase::Closing | Phase::Closed)
    }

    pub(super) fn on_support_call(&mut self, id: CallId) {
        match self.phase {
            Phase::Idle => self.reply(id, Err(ClientError::NotInitialized)),
            Phase::Closing | Phase::Closed => self.reply(id, Err(ClientError::Destroyed)),
            // Checked on the live page: one still loading would lack everything.
            _ if !self.page_is_up() => self.support_waiters.push(id),
            _ => self.check_support(SupportUse::Call(id)),
        }
    }

    pub(super) fn run_waiting_support_calls(&mut self) {
        if self.page_is_up() {
            for id in std::mem::take(&mut self.support_waiters) {
                self.check_support(SupportUse::Call(id));
            }
        }
    }

    pub(super) fn check_support(&mut self, why: SupportUse) {
        let cmd = self.cmd();
        self.support_checks.push((cmd, why));
        self.out.push(Output::Run(cmd, PageCommand::CheckSupport));
    }

    /// `Timer::LoginInternals`: still no login page LOGIN_INTERNALS_GRACE after `load`.
    pub(super) fn on_login_internals_timer(&mut self, epoch: u64) {
        if epoch == self.epoch && self.waiting_for_page() {
            self.check_support(SupportUse::Login { epoch, fallback: None });
        }
    }

    /// The auth timeout while waiting for the page: a page that loaded is
    /// checked first, so a missing QR internal is named.
    pub(super) fn page_did_not_come(&mut self, err: ClientError) {
        if self.loaded {
            self.check_support(SupportUse::Login { epoch: self.epoch, fallback: Some(err) });
        } else {
            self.fail_loading(err);
        }
    }

    pub(super) fn waiting_for_page(&self) -> bool {
        matches!(self.phase, Phase::Loading | Phase::Attaching(_) | Phase::AttachPaused)
    }

    /// The page never became a login page.
    pub(super) fn fail_loading(&mut self, err: ClientError) {
        if self.init_waiter.is_none() {
            // A reload after login never came back.
            self.out.push(Output::Emit(Event::Disconnected("NAVIGATION".into())));
        }
        self.fail_init(err);
    }

    /// A support check finished; false if `cmd` was not one.
    pub(super) fn on_support_done(&mut self, cmd: CmdId, res: &Result<PageResult, ClientError>) -> bool {
        let Some(pos) = self.support_checks.iter().position(|(c, _)| *c == cmd) else { return false };
        let (_, why) = self.support_checks.remove(pos);
        let missing = match res {
            Ok(PageResult::Support(missing)) => Ok(missing.clone()),
            Ok(other) => Err(ClientError::Internal(format!("unexpected page support result {other:?}"))),
            Err(e) => Err(e.clone()),
        };
        match why {
            SupportUse::Call(id) => {
                let answer = missing.map(|missing| {
                    let missing: Vec<_> = missing.iter().map(|m| json!({ "internal": m.internal, "features": m.features })).collect();
                    Reply::Value(json!({ "version": self.web_version, "missing": missing }))
                });
                self.reply(id, answer);
            }
            SupportUse::Warn => {
                for m in missing.unwrap_or_default() {
                    if self.warned.contains(&m.internal) {
                        continue;
                    }
                    self.warned.push(m.internal.clone());
                    let message = format!(
                        "whatsapp-web-rs: WhatsApp Web {} has no {} (an update renamed or removed it); until whatsapp-web-rs follows, these calls reject with ERR_PAGE_CHANGED and these events are not emitted: {}",
                        self.web_version.as_deref().unwrap_or("(version unknown)"),
                        m.internal,
                        m.features.join(", ")
                    );
                    self.out.push(Output::Emit(Event::PageChanged { internal: m.internal, features: m.features, message }));
                }
            }
            SupportUse::Login { epoch, fallback } => {
                if epoch != self.epoch || !self.waiting_for_page() {
                    return true; // the page came (or went) meanwhile
                }
                let changed = missing
                    .ok()
                    .and_then(|missing| missing.into_iter().find(|m| m.login))
                    .map(|m| ClientError::PageChanged { internal: m.internal, version: None });
                if let Some(err) = changed.or(fallback) {
                    self.fail_loading(err);
                }
            }
        }
        true
    }

    /// The session is going away: every support call gets `err`.
    pub(super) fn fail_support_calls(&mut self, err: &ClientError) {
        let mut ids = std::mem::take(&mut self.support_waiters);
        for (_, why) in std::mem::take(&mut self.support_checks) {
            if let SupportUse::Call(id) = why {
                ids.push(id);
            }
        }
        for id in ids {
            self.reply(id, Err(err.clone()));
        }
    }
}
