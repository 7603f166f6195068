//! The state machine proper. See the module comment in `mod.rs`.
//!
//! Shape of a session:
//!
//! ```text
//! Idle ─initialize─▶ Launching ─launched─▶ Loading ─version─▶ Attaching ─attached─▶ Settling
//!                                             ▲                                        │
//!                           page reloaded ────┤                     UNPAIRED(_IDLE) ───┤─── CONNECTED
//!                                             │                                        ▼        ▼
//!                                             └──────────────────────────── Unpaired ─▶ LoggingIn ─synced─▶ Ready
//! any ─destroy / fatal─▶ Closing ─shutdown complete─▶ Closed ─initialize─▶ Launching …
//! ```
//!
//! While `Unpaired`, the login mode is QR or pairing code, and user pairing
//! calls run one at a time from a FIFO queue. A call that is not legal in the
//! current phase is answered with a named error and never reaches the page.
//!
//! The login flow (page callbacks, settling, logging in) is in `machine/login.rs`,
//! the pairing flow (QR and code, one call at a time) in `machine/pairing.rs`, the
//! timers in `machine/timers.rs`, what the page lacks in `machine/support.rs`;
//! the machine's inputs and outputs are in `io.rs`.

mod login;
mod pairing;
mod strategy;
mod support;
mod timers;

use std::collections::VecDeque;
use std::time::Duration;

use super::events::{ClientInfo, Event};
use super::io::*;
use crate::account::{AccountCommand, AccountState};
use crate::errors::ClientError;
use pairing::busy_call;
use support::SupportUse;

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Qr,
    Code { request: CodeRequest, generation: u64 },
}

#[derive(Debug, Clone, PartialEq)]
enum Busy {
    /// A code request in the page; `call` is None for automatic refreshes.
    RequestingCode { call: Option<CallId>, cmd: CmdId },
    /// Going back to QR; `Running` until the page script returns, then
    /// `AwaitingQr` until a QR built after it is emitted, or `AwaitingState`
    /// when that QR came before the socket reported the state it belongs to.
    RestoringQr { call: Option<CallId>, stage: RestoreStage },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum RestoreStage {
    Running(CmdId),
    AwaitingQr { read: CmdId, min_seq: u64 },
    /// The fresh QR is shown; the call answers at the next socket state.
    AwaitingState,
}

#[derive(Debug, Clone, PartialEq)]
enum Op {
    RequestCode(CodeRequest),
    CancelCode,
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Launching,
    Loading,
    Attaching(CmdId),
    /// An attach failed (modules or keys not there yet); retried on a timer
    /// until the auth timeout.
    AttachPaused,
    Settling,
    /// The page needs a login and a custom strategy's `onAuthenticationNeeded()`
    /// is deciding (`state`: the socket state that said so).
    AuthNeeded { state: String },
    Unpaired { mode: Mode, busy: Option<Busy>, initial_read: Option<CmdId> },
    LoggingIn { info_read: Option<CmdId> },
    Ready,
    /// `logout()` running in the page: it returns at once, and the unpair
    /// reaches the server later; this phase waits for the page to say so.
    /// `wait`: the page held a login, so the unpair has to reach the server.
    LoggingOut { cmd: CmdId, wait: bool },
    Closing,
    Closed,
}

const DEFAULT_AUTH_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_LOGIN_TIMEOUT: Duration = Duration::from_secs(120);
const DEFAULT_LOGOUT_TIMEOUT: Duration = Duration::from_secs(25);
const DEFAULT_ATTACH_RETRY: Duration = Duration::from_millis(250);
/// Documents outside it mean the page navigated away from WhatsApp Web.
const WHATSAPP_WEB_ORIGIN: &str = "https://web.whatsapp.com/";

/// The session. Feed it with [`Session::handle`]; carry out what it returns.
#[derive(Debug)]
pub struct Session {
    config: LoginConfig,
    phase: Phase,
    out: Vec<Output>,
    next_cmd: CmdId,
    /// Bumped whenever the login mode changes; timers from older modes are void.
    generation: u64,
    /// Bumped per launch and per page load, to void stale auth timeouts.
    epoch: u64,
    /// The call waiting for `initialize()` to settle.
    init_waiter: Option<CallId>,
    destroy_waiters: Vec<CallId>,
    queue: VecDeque<(CallId, Op)>,
    socket_state: Option<String>,
    web_version: Option<String>,
    qr_count: u32,
    last_qr: Option<String>,
    /// Highest QR sequence seen in the current document.
    qr_seq: u64,
    last_progress: Option<u8>,
    /// The page held a saved login when it loaded: if it then asks for a
    /// login, the saved session was refused (`auth_failure`).
    restoring: bool,
    /// Page commands whose only job is to answer a call (resetState).
    plain_calls: Vec<(CmdId, CallId)>,
    /// A version report that came before the launch was (the page loaded fast).
    early_version: Option<(String, bool)>,
    /// Page callbacks that overtook the attach result: the listeners are live
    /// before the result is sent, and the two travel separately.
    state_during_attach: bool,
    synced_during_attach: bool,
    /// `hasSynced` turned true before the socket said CONNECTED (the sync
    /// callbacks set it independently of the state): applied on CONNECTED.
    synced_early: bool,
    /// Why the last attach failed, for the auth-timeout error.
    last_attach_error: Option<String>,
    /// Messages already emitted (each is emitted once).
    account: AccountState,
    /// The optional events the application listens to (kept across page
    /// reloads: every subscription carries it).
    interest: EventInterest,
    /// The current document fired `load` (`early_loaded`: before the launch was reported).
    loaded: bool,
    early_loaded: bool,
    /// Page support checks running, and `getPageSupport()` calls waiting for a page.
    support_checks: Vec<(CmdId, SupportUse)>,
    support_waiters: Vec<CallId>,
    /// Missing internals already warned about (once each per client).
    warned: Vec<String>,
    /// A custom strategy's hooks asked and not answered yet, with the number of each question.
    asks: Vec<(StrategyHook, u64)>,
    ask_seq: u64,
}

impl Session {
    pub fn new(mut config: LoginConfig) -> Self {
        if config.auth_timeout.is_zero() {
            config.auth_timeout = DEFAULT_AUTH_TIMEOUT;
        }
        if config.restore_qr_timeout.is_zero() {
            config.restore_qr_timeout = Duration::from_secs(60);
        }
        if config.login_timeout.is_zero() {
            config.login_timeout = DEFAULT_LOGIN_TIMEOUT;
        }
        if config.logout_timeout.is_zero() {
            config.logout_timeout = DEFAULT_LOGOUT_TIMEOUT;
        }
        if config.attach_retry.is_zero() {
            config.attach_retry = DEFAULT_ATTACH_RETRY;
        }
        Session {
            config,
            phase: Phase::Idle,
            out: Vec::new(),
            next_cmd: 1,
            generation: 0,
            epoch: 0,
            init_waiter: None,
            destroy_waiters: Vec::new(),
            queue: VecDeque::new(),
            socket_state: None,
            web_version: None,
            qr_count: 0,
            last_qr: None,
            qr_seq: 0,
            last_progress: None,
            restoring: false,
            plain_calls: Vec::new(),
            early_version: None,
            state_during_attach: false,
            synced_during_attach: false,
            synced_early: false,
            last_attach_error: None,
            account: AccountState::default(),
            interest: EventInterest::default(),
            loaded: false,
            early_loaded: false,
            support_checks: Vec::new(),
            support_waiters: Vec::new(),
            warned: Vec::new(),
            asks: Vec::new(),
            ask_seq: 0,
        }
    }

    /// `window.Debug.VERSION` of the current page.
    pub fn web_version(&self) -> Option<&str> {
        self.web_version.as_deref()
    }

    /// The socket state last reported by the page (`getState()`).
    pub fn socket_state(&self) -> Option<&str> {
        self.socket_state.as_deref()
    }

    pub fn is_closed(&self) -> bool {
        matches!(self.phase, Phase::Closed | Phase::Idle)
    }

    pub fn handle(&mut self, input: Input) -> Vec<Output> {
        match input {
            Input::Call(id, call) => self.on_call(id, call),
            Input::Launched => {
                if self.phase == Phase::Launching {
                    self.phase = Phase::Loading;
                    // authTimeoutMs covers the page, as in whatsapp-web.js: it
                    // starts now that the navigation started. The launch has
                    // its own bounds in the driver.
                    self.arm_auth_timeout();
                    if self.config.custom_strategy {
                        self.ask_strategy(StrategyHook::AfterBrowserInitialized);
                    }
                    // The page may have loaded before the launch was reported.
                    if let Some((version, had_session)) = self.early_version.take() {
                        self.on_page(PageEvent::Version { version, had_session });
                    }
                    if std::mem::take(&mut self.early_loaded) {
                        self.on_loaded();
                    }
                }
            }
            Input::LaunchFailed(err) => {
                if self.phase == Phase::Launching {
                    self.fail_init(err);
                }
            }
            Input::Interest(interest) => {
                // Before `ready` it waits for the subscription; after, the page takes it now.
                if interest != self.interest {
                    self.interest = interest;
                    if self.phase == Phase::Ready {
                        let cmd = self.cmd();
                        self.out.push(Output::RunAccount(cmd, AccountCommand::Subscribe(interest)));
                    }
                }
            }
            Input::Page(ev) => self.on_page(ev),
            Input::Done(cmd, res) => self.on_done(cmd, res),
            Input::Timer(t) => self.on_timer(t),
            Input::BrowserLost(why) => self.on_browser_lost(why),
            Input::StrategyAnswer(hook, res) => self.on_strategy_answer(hook, res),
            Input::ShutdownComplete => {
                if self.phase == Phase::Closing {
                    self.phase = Phase::Closed;
                    for id in std::mem::take(&mut self.destroy_waiters) {
                        self.reply(id, Ok(Reply::Unit));
                    }
                }
            }
        }
        std::mem::take(&mut self.out)
    }

    // ---- user calls -------------------------------------------------------

    fn on_call(&mut self, id: CallId, call: Call) {
        match call {
            Call::Initialize => match self.phase {
                Phase::Idle | Phase::Closed => {
                    self.socket_state = None;
                    self.qr_count = 0;
                    self.last_qr = None;
                    self.last_progress = None;
                    self.synced_early = false;
                    self.loaded = false;
                    self.early_loaded = false;
                    self.init_waiter = Some(id);
                    self.phase = Phase::Launching;
                    // A new epoch voids every timer of an earlier run.
                    self.epoch += 1;
                    self.out.push(Output::Launch);
                }
                Phase::Closing => self.reply(id, Err(ClientError::Destroyed)),
                _ => self.reply(id, Err(ClientError::AlreadyInitialized)),
            },
            Call::GetState => {
                let state = self.socket_state.clone();
                self.reply(id, Ok(Reply::State(state)));
            }
            Call::Logout => match self.phase {
                Phase::Attaching(_)
                | Phase::AttachPaused
                | Phase::Settling
                | Phase::Unpaired { .. }
                | Phase::LoggingIn { .. }
                | Phase::Ready => {
                    let cmd = self.cmd();
                    let wait = matches!(self.phase, Phase::LoggingIn { .. } | Phase::Ready);
                    self.destroy_waiters.push(id);
                    self.fail_pending_pairing(ClientError::Destroyed);
                    self.phase = Phase::LoggingOut { cmd, wait };
                    self.out.push(Output::Run(cmd, PageCommand::Logout));
                    // Socket.logout() returns before the unpair reached the
                    // server; closing the browser then would leave the device
                    // linked on the phone. Wait for the page, within a bound.
                    self.out.push(Output::Arm(Timer::LogoutTimeout { epoch: self.epoch }, self.config.logout_timeout));
                }
                Phase::LoggingOut { .. } | Phase::Closing => self.destroy_waiters.push(id),
                // Nothing running: just remove what is saved.
                _ => {
                    self.destroy_waiters.push(id);
                    self.shutdown(ShutdownReason::Logout);
                }
            },
            Call::ResetState => match self.phase {
                Phase::Attaching(_) | Phase::AttachPaused | Phase::Settling | Phase::Unpaired { .. } | Phase::LoggingIn { .. } | Phase::Ready => {
                    let cmd = self.cmd();
                    self.plain_calls.push((cmd, id));
                    self.out.push(Output::Run(cmd, PageCommand::Reconnect));
                }
                Phase::Idle => self.reply(id, Err(ClientError::NotInitialized)),
                _ => self.reply(id, Err(ClientError::Destroyed)),
            },
            Call::DebugPanic => panic!("debug panic requested through the test hook"),
            Call::Account(call) => match self.phase {
                Phase::Ready => {
                    let cmd = self.cmd();
                    self.plain_calls.push((cmd, id));
                    self.out.push(Output::RunAccount(cmd, AccountCommand::Call(call)));
                }
                Phase::Idle => self.reply(id, Err(ClientError::NotInitialized)),
                Phase::Closing | Phase::Closed => self.reply(id, Err(ClientError::Destroyed)),
                _ => self.reply(id, Err(ClientError::NotLoggedIn)),
            },
            Call::GetPageSupport => self.on_support_call(id),
            Call::GetVersion => {
                let version = self.web_version.clone();
                self.reply(id, Ok(Reply::State(version)));
            }
            Call::Destroy => match self.phase {
                Phase::Idle | Phase::Closed => self.reply(id, Ok(Reply::Unit)),
                Phase::Closing => self.destroy_waiters.push(id),
                _ => {
                    self.destroy_waiters.push(id);
                    self.shutdown(ShutdownReason::Destroyed);
                }
            },
            Call::RequestCode(_) | Call::CancelCode => {
                let gate = match self.phase {
                    Phase::Idle => Some(ClientError::NotInitialized),
                    Phase::Closing | Phase::Closed => Some(ClientError::Destroyed),
                    Phase::LoggingIn { .. } | Phase::Ready => Some(ClientError::AlreadyLoggedIn),
                    _ => None,
                };
                if let Some(err) = gate {
                    self.reply(id, Err(err));
                    return;
                }
                let op = match call {
                    Call::RequestCode(req) => Op::RequestCode(req),
                    _ => Op::CancelCode,
                };
                self.queue.push_back((id, op));
                self.pump();
            }
        }
    }

    // ---- page callbacks ---------------------------------------------------

    // ---- page command results ---------------------------------------------

    fn on_done(&mut self, cmd: CmdId, res: Result<PageResult, ClientError>) {
        if self.on_support_done(cmd, &res) {
            return;
        }
        if let Some(pos) = self.plain_calls.iter().position(|(c, _)| *c == cmd) {
            let (_, call) = self.plain_calls.remove(pos);
            self.reply(
                call,
                res.map(|r| match r {
                    PageResult::Value(v) => Reply::Value(v),
                    PageResult::Json(text) => Reply::Json(text),
                    _ => Reply::Unit,
                }),
            );
            return;
        }
        match self.phase.clone() {
            Phase::LoggingOut { cmd: c, wait } if c == cmd => match res {
                // Socket.logout() accepted the request; the page says when the
                // server has it (Cmd `logout`, then a reload).
                Ok(_) if wait => {}
                // Nothing was linked (no login yet), the page reloaded as it
                // logged out, or the page could not log out at all: close
                // either way, and the saved session is removed.
                _ => self.finish_logout(),
            },
            Phase::Attaching(c) if c == cmd => match res {
                Ok(PageResult::Attached { state, has_synced }) => {
                    self.phase = Phase::Settling;
                    // A state callback that arrived first is at least as new as the
                    // state the result read: every change after the listeners were
                    // installed sends one, in order.
                    let state = if self.state_during_attach { self.socket_state.clone() } else { state };
                    self.synced_early |= has_synced || self.synced_during_attach;
                    self.last_attach_error = None;
                    if let Some(state) = state {
                        self.socket_state = Some(state.clone());
                        self.settle(&state);
                    }
                }
                // The page reloaded while we attached: wait for its next version.
                Err(ClientError::PageNavigated) => self.phase = Phase::Loading,
                Err(err @ ClientError::BrowserClosed(_)) => self.fail_init(err),
                // WhatsApp Web loads its bundles asynchronously: a module or a
                // key may not be there yet. Try again until the auth timeout.
                Err(err) => {
                    self.last_attach_error = Some(err.to_string());
                    self.phase = Phase::AttachPaused;
                    self.out.push(Output::Arm(Timer::AttachRetry { epoch: self.epoch }, self.config.attach_retry));
                }
                Ok(_) => self.fail_init(ClientError::Internal("unexpected attach result".into())),
            },
            Phase::Unpaired { busy, initial_read, .. } => self.on_unpaired_done(cmd, res, busy, initial_read),
            Phase::LoggingIn { info_read: Some(c) } if c == cmd => {
                let info = match res {
                    Ok(PageResult::Info(info)) => info,
                    _ => ClientInfo::default(),
                };
                self.phase = Phase::Ready;
                self.out.push(Output::Emit(Event::Ready(info)));
                let subscribe = self.cmd();
                self.out.push(Output::RunAccount(subscribe, AccountCommand::Subscribe(self.interest)));
                // What this page lacks is said once, after ready (a process warning).
                self.check_support(SupportUse::Warn);
            }
            _ => {}
        }
    }

    // ---- endings ----------------------------------------------------------

    fn on_browser_lost(&mut self, why: String) {
        match self.phase {
            Phase::Idle | Phase::Closing | Phase::Closed => {}
            _ => {
                if self.init_waiter.is_some() {
                    self.fail_init(ClientError::BrowserClosed(format!(": {why}")));
                } else {
                    self.out.push(Output::Emit(Event::Disconnected("BROWSER_CLOSED".into())));
                    self.shutdown(ShutdownReason::BrowserLost(why));
                }
            }
        }
    }

    fn fail_init(&mut self, err: ClientError) {
        if let Some(id) = self.init_waiter.take() {
            self.reply(id, Err(err));
        }
        self.shutdown(ShutdownReason::InitFailed);
    }

    fn shutdown(&mut self, reason: ShutdownReason) {
        let err = match &reason {
            ShutdownReason::BrowserLost(why) => ClientError::BrowserClosed(format!(": {why}")),
            _ => ClientError::Destroyed,
        };
        // An initialize() interrupted by destroy() resolves: most programs
        // call it without a catch, and destroy() is not an error.
        if let Some(id) = self.init_waiter.take() {
            let res = if reason == ShutdownReason::Destroyed { Ok(Reply::Unit) } else { Err(err.clone()) };
            self.reply(id, res);
        }
        if let Phase::Unpaired { busy: Some(busy), .. } = &self.phase {
            if let Some(call) = busy_call(busy) {
                self.reply(call, Err(err.clone()));
            }
        }
        for (id, _) in std::mem::take(&mut self.queue) {
            self.reply(id, Err(err.clone()));
        }
        for (_, id) in std::mem::take(&mut self.plain_calls) {
            self.reply(id, Err(err.clone()));
        }
        self.fail_support_calls(&err);
        self.asks.clear();
        self.generation += 1;
        self.epoch += 1;
        self.phase = Phase::Closing;
        self.out.push(Output::Shutdown(reason));
    }

    // ---- helpers ----------------------------------------------------------

    fn start_attach(&mut self) {
        self.state_during_attach = false;
        self.synced_during_attach = false;
        let cmd = self.cmd();
        self.phase = Phase::Attaching(cmd);
        self.out.push(Output::Run(cmd, PageCommand::Attach));
    }

    /// The page's logout is done (or will never say so): close, and the
    /// driver removes the saved session.
    fn finish_logout(&mut self) {
        self.out.push(Output::Emit(Event::Disconnected("LOGOUT".into())));
        self.shutdown(ShutdownReason::Logout);
    }

    fn arm_login_timeout(&mut self) {
        self.out.push(Output::Arm(Timer::LoginTimeout { generation: self.generation }, self.config.login_timeout));
    }

    /// Rejects the running and queued pairing calls (the session is going away).
    fn fail_pending_pairing(&mut self, err: ClientError) {
        if let Phase::Unpaired { busy: Some(busy), .. } = &self.phase {
            if let Some(call) = busy_call(busy) {
                self.reply(call, Err(err.clone()));
            }
        }
        for (id, _) in std::mem::take(&mut self.queue) {
            self.reply(id, Err(err.clone()));
        }
    }

    fn resolve_init(&mut self) {
        if let Some(id) = self.init_waiter.take() {
            self.reply(id, Ok(Reply::Unit));
        }
    }

    fn arm_auth_timeout(&mut self) {
        self.epoch += 1;
        self.out.push(Output::Arm(Timer::AuthTimeout { epoch: self.epoch }, self.config.auth_timeout));
    }

    fn cmd(&mut self) -> CmdId {
        let id = self.next_cmd;
        self.next_cmd += 1;
        id
    }

    fn reply(&mut self, id: CallId, res: Result<Reply, ClientError>) {
        // A page-changed error says which WhatsApp Web lacks the internal.
        let res = res.map_err(|e| e.with_web_version(self.web_version.as_deref()));
        self.out.push(Output::Reply(id, res));
    }
}
