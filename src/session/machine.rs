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

use std::collections::VecDeque;
use std::time::Duration;

use super::events::{ClientInfo, Event};
use crate::account::{AccountCall, AccountEvent, AccountState};
use crate::errors::ClientError;
use crate::phone::PhoneNumber;

pub type CallId = u64;
pub type CmdId = u64;

/// A pairing-code request as the user made it (already validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRequest {
    pub phone: PhoneNumber,
    pub show_notification: bool,
    pub interval: Duration,
}

/// What the session needs from the client options.
#[derive(Debug, Clone, Default)]
pub struct LoginConfig {
    /// `qrMaxRetries`: 0 means unlimited; n means exactly n `qr` events.
    pub qr_max_retries: u32,
    /// `pairWithPhoneNumber`: start in pairing-code mode.
    pub pair_with_phone: Option<CodeRequest>,
    /// `authTimeoutMs` (0 means 30 s, as in whatsapp-web.js).
    pub auth_timeout: Duration,
    /// How long `cancelPairingCode()` waits for the fresh QR.
    pub restore_qr_timeout: Duration,
    /// `takeoverOnConflict` / `takeoverTimeoutMs`.
    pub takeover_on_conflict: bool,
    pub takeover_timeout: Duration,
    /// How long a login may go without sync progress before it is given up
    /// (0: two minutes). The first sync of a large account reports progress
    /// all along, so only a stalled one hits this.
    pub login_timeout: Duration,
    /// How long `logout()` waits for the page's own logout to reach the
    /// server (0: 25 s, a little more than WhatsApp Web's own bound).
    pub logout_timeout: Duration,
    /// The pause before a failed attach is tried again (0: 250 ms).
    pub attach_retry: Duration,
}

/// User calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Initialize,
    RequestCode(CodeRequest),
    CancelCode,
    GetState,
    /// `getWWebVersion()`: the `window.Debug.VERSION` of the current page.
    GetVersion,
    Destroy,
    /// `logout()`: log out in the page, close, remove the saved session.
    Logout,
    /// `resetState()`: reconnect the page's socket.
    ResetState,
    /// Test hook (enabled by WWRS_TEST_HOOKS): a bug inside the machine.
    DebugPanic,
    /// Messages, chats and contacts (src/account/): only once logged in.
    Account(AccountCall),
}

/// Successful answers to user calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Unit,
    Code(String),
    State(Option<String>),
    /// An account call's answer, already in whatsapp-web.js's shape.
    Value(serde_json::Value),
}

/// Callbacks from the page (through the CDP binding).
#[derive(Debug, Clone, PartialEq)]
pub enum PageEvent {
    /// A new document started loading (first load, reload or navigation).
    Document { url: String },
    /// `window.Debug.VERSION` appeared: WhatsApp Web's modules are loaded.
    /// `had_session`: the page holds a saved login at that moment.
    Version { version: String, had_session: bool },
    /// The page logged out (`Cmd` `logout` / `logout_from_bridge`).
    LoggedOut,
    /// `Socket` `change:state`.
    State(String),
    /// A QR text built in the page at the moment its ref or ADV secret
    /// changed. `seq` increases per document, so an older QR that arrives
    /// late never replaces a newer one.
    Qr { seq: u64, text: String },
    /// `Socket` `change:hasSynced` to true.
    Synced,
    /// Offline-delivery progress, 0–100.
    Progress(u8),
    /// A new message or an ack (after `ready`, see src/account/).
    Account(AccountEvent),
}

/// Work the driver runs in the page. Each carries its own small page script.
#[derive(Debug, Clone, PartialEq)]
pub enum PageCommand {
    /// Hook the page's modules (listeners forward to the binding) and report
    /// the socket state.
    Attach,
    /// Build the QR text from what the page holds now.
    ReadQr,
    /// `WAWebLaunchSocketUtils.refreshQR()`: a fresh batch of refs.
    RefreshQr,
    /// `initializeAltDeviceLinking()` then `startAltLinkingFlow(phone, notify)`.
    /// With `refresh_socket` (automatic refreshes), the socket is restarted
    /// first for a fresh batch of refs, as WhatsApp Web's own reset does; the
    /// page also restarts it when the batch already ran out.
    RequestCode { phone: String, show_notification: bool, refresh_socket: bool },
    /// Back to QR: `refreshQR()` then `initializeQRLinking()`.
    RestoreQr,
    /// `Conn.serialize()` and the logged-in wid.
    ReadInfo,
    /// `Socket.logout()`.
    Logout,
    /// `Socket.reconnect()`.
    Reconnect,
    /// Take the session back after CONFLICT.
    Takeover,
    /// After `ready`: forward new messages and acks through the binding.
    Subscribe,
    /// A user call of the account.
    Account(AccountCall),
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageResult {
    Unit,
    Attached { state: Option<String>, has_synced: bool },
    Qr(Option<(u64, String)>),
    Code(String),
    Info(ClientInfo),
    Value(serde_json::Value),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    AuthTimeout { epoch: u64 },
    /// Try the attach again (the page's modules were not all there yet).
    AttachRetry { epoch: u64 },
    /// A login that stopped making sync progress.
    LoginTimeout { generation: u64 },
    /// `logout()` gives up waiting for the page's own logout.
    LogoutTimeout { epoch: u64 },
    CodeRefresh { generation: u64 },
    RestoreQrTimeout { generation: u64 },
    Takeover { generation: u64 },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Call(CallId, Call),
    Launched,
    LaunchFailed(ClientError),
    Page(PageEvent),
    Done(CmdId, Result<PageResult, ClientError>),
    Timer(Timer),
    BrowserLost(String),
    ShutdownComplete,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ShutdownReason {
    Destroyed,
    /// `logout()`: the driver also removes the saved session.
    Logout,
    MaxQrRetries,
    Disconnected(String),
    BrowserLost(String),
    InitFailed,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Emit(Event),
    /// Start Chromium and navigate to WhatsApp Web; answer with `Launched`
    /// or `LaunchFailed`.
    Launch,
    Run(CmdId, PageCommand),
    Arm(Timer, Duration),
    Reply(CallId, Result<Reply, ClientError>),
    /// Close the browser and release the profile; answer with `ShutdownComplete`.
    Shutdown(ShutdownReason),
}

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
    /// `AwaitingQr` until a QR built after it is emitted.
    RestoringQr { call: Option<CallId>, stage: RestoreStage },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum RestoreStage {
    Running(CmdId),
    AwaitingQr { read: CmdId, min_seq: u64 },
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
                    // The page may have loaded before the launch was reported.
                    if let Some((version, had_session)) = self.early_version.take() {
                        self.on_page(PageEvent::Version { version, had_session });
                    }
                }
            }
            Input::LaunchFailed(err) => {
                if self.phase == Phase::Launching {
                    self.fail_init(err);
                }
            }
            Input::Page(ev) => self.on_page(ev),
            Input::Done(cmd, res) => self.on_done(cmd, res),
            Input::Timer(t) => self.on_timer(t),
            Input::BrowserLost(why) => self.on_browser_lost(why),
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
                    self.out.push(Output::Run(cmd, PageCommand::Account(call)));
                }
                Phase::Idle => self.reply(id, Err(ClientError::NotInitialized)),
                Phase::Closing | Phase::Closed => self.reply(id, Err(ClientError::Destroyed)),
                _ => self.reply(id, Err(ClientError::NotLoggedIn)),
            },
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

    /// Starts the next queued pairing call if the session is free for it.
    fn pump(&mut self) {
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

    fn start_code_request(&mut self, call: Option<CallId>, request: CodeRequest, first: bool) {
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

    fn start_restore(&mut self, call: Option<CallId>) {
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

    // ---- page callbacks ---------------------------------------------------

    fn on_page(&mut self, ev: PageEvent) {
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

    fn on_document(&mut self, url: &str) {
        let was_logged_in = matches!(self.phase, Phase::LoggingIn { .. } | Phase::Ready);
        match self.phase {
            // WhatsApp Web reloads once its logout is done.
            Phase::LoggingOut { .. } => return self.finish_logout(),
            Phase::Attaching(_)
            | Phase::AttachPaused
            | Phase::Settling
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
        self.phase = Phase::Loading;
        self.arm_auth_timeout();
    }

    fn on_socket_state(&mut self, state: String) {
        self.socket_state = Some(state.clone());
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
    fn settle(&mut self, state: &str) {
        match state {
            "UNPAIRED" | "UNPAIRED_IDLE" => self.enter_unpaired(state),
            "CONNECTED" => self.enter_logging_in(),
            _ => self.phase = Phase::Settling,
        }
    }

    fn enter_unpaired(&mut self, state: &str) {
        self.synced_early = false;
        if std::mem::take(&mut self.restoring) {
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

    fn enter_logging_in(&mut self) {
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

    fn on_synced(&mut self) {
        self.out.push(Output::Emit(Event::Authenticated));
        let cmd = self.cmd();
        self.phase = Phase::LoggingIn { info_read: Some(cmd) };
        self.out.push(Output::Run(cmd, PageCommand::ReadInfo));
    }

    fn on_qr(&mut self, seq: u64, text: String) {
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

    fn emit_qr(&mut self, text: String) {
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

    fn finish_restore(&mut self, call: Option<CallId>) {
        if let Phase::Unpaired { busy, .. } = &mut self.phase {
            *busy = None;
        }
        if let Some(call) = call {
            self.reply(call, Ok(Reply::Unit));
        }
        self.pump();
    }

    // ---- page command results ---------------------------------------------

    fn on_done(&mut self, cmd: CmdId, res: Result<PageResult, ClientError>) {
        if let Some(pos) = self.plain_calls.iter().position(|(c, _)| *c == cmd) {
            let (_, call) = self.plain_calls.remove(pos);
            self.reply(call, res.map(|r| if let PageResult::Value(v) = r { Reply::Value(v) } else { Reply::Unit }));
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
            Phase::Unpaired { busy, initial_read, .. } => {
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
                                self.finish_restore(call);
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
            Phase::LoggingIn { info_read: Some(c) } if c == cmd => {
                let info = match res {
                    Ok(PageResult::Info(info)) => info,
                    _ => ClientInfo::default(),
                };
                self.phase = Phase::Ready;
                self.out.push(Output::Emit(Event::Ready(info)));
                let subscribe = self.cmd();
                self.out.push(Output::Run(subscribe, PageCommand::Subscribe));
            }
            _ => {}
        }
    }

    fn on_code_result(&mut self, call: Option<CallId>, res: Result<PageResult, ClientError>) {
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
    fn code_failed(&mut self, call: Option<CallId>, err: ClientError) {
        match call {
            Some(call) => self.reply(call, Err(err.clone())),
            None => self.out.push(Output::Emit(Event::CodeError { code: err.code(), message: err.to_string() })),
        }
        if matches!(err, ClientError::PageNavigated | ClientError::BrowserClosed(_)) {
            return; // the reload / shutdown path takes over
        }
        self.start_restore(None);
    }

    // ---- timers -----------------------------------------------------------

    fn on_timer(&mut self, timer: Timer) {
        match timer {
            Timer::AuthTimeout { epoch } if epoch == self.epoch => {
                let ms = self.config.auth_timeout.as_millis() as u64;
                match self.phase {
                    Phase::Loading | Phase::Attaching(_) | Phase::AttachPaused => {
                        if self.init_waiter.is_none() {
                            // A reload after login never came back.
                            self.out.push(Output::Emit(Event::Disconnected("NAVIGATION".into())));
                        }
                        let err = match self.last_attach_error.take() {
                            Some(why) => ClientError::PageScript(format!(
                                "WhatsApp Web loaded but could not be attached to within {ms} ms (authTimeoutMs): {why}"
                            )),
                            None => ClientError::AuthTimeout(ms),
                        };
                        self.fail_init(err);
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
                if let Phase::Unpaired { busy: Some(Busy::RestoringQr { call, .. }), .. } = &mut self.phase {
                    let call = *call;
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
        self.out.push(Output::Reply(id, res));
    }
}

fn busy_call(busy: &Busy) -> Option<CallId> {
    match busy {
        Busy::RequestingCode { call, .. } | Busy::RestoringQr { call, .. } => *call,
    }
}
