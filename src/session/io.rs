//! What goes into the session machine and what comes out of it: user calls,
//! page callbacks, page commands and their results, timers, and the outputs
//! the driver carries out.

use std::time::Duration;

use super::events::{ClientInfo, Event};
use crate::account::{AccountCall, AccountCommand, AccountEvent};
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
    /// The auth strategy is the application's own subclass of `AuthStrategy`:
    /// its hooks are asked at whatsapp-web.js's moments (`Output::AskStrategy`).
    pub custom_strategy: bool,
}

/// The hooks of a custom auth strategy the session waits for (the others,
/// `beforeBrowserInitialized`, `afterAuthReady`, `disconnect`, `destroy` and
/// `logout`, belong to user calls and events and are called by index.js).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyHook {
    /// The browser is up (whatsapp-web.js: before the page navigates).
    AfterBrowserInitialized,
    /// The page needs a login: answered `{ failed, restart }` before any QR.
    AuthenticationNeeded,
    /// The login is in: `authenticated` waits for the answer (its payload).
    AuthEventPayload,
}

impl StrategyHook {
    /// The method name on whatsapp-web.js's `AuthStrategy`.
    pub fn name(self) -> &'static str {
        match self {
            StrategyHook::AfterBrowserInitialized => "afterBrowserInitialized",
            StrategyHook::AuthenticationNeeded => "onAuthenticationNeeded",
            StrategyHook::AuthEventPayload => "getAuthEventPayload",
        }
    }
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
    /// `getPageSupport()`: which internals the client uses are missing from the
    /// page, once a page has loaded.
    GetPageSupport,
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
    /// A value, in whatsapp-web.js's shape.
    Value(serde_json::Value),
    /// An account call's answer as JSON text, checked and in whatsapp-web.js's
    /// shape: a list of hundreds of chats is parsed once, by JSON.parse.
    Json(String),
}

/// Callbacks from the page (through the CDP binding).
#[derive(Debug, Clone, PartialEq)]
pub enum PageEvent {
    /// A new document started loading (first load, reload or navigation).
    Document { url: String },
    /// The document fired `load`: its own scripts have run. From here the QR's
    /// modules get a bounded time to appear (`Timer::LoginInternals`).
    Loaded,
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

/// Events the page reports only while the application listens to them:
/// each costs page work per change (`unread_count` reads the whole chat on
/// every incoming message), and nobody would see the result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventInterest {
    pub unread_count: bool,
}

/// Work of the login the driver runs in the page (src/browser/commands.rs).
/// Each carries its own small page script.
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
    /// Check, without calling anything, which internals of src/page/internals.json
    /// are missing from the page.
    CheckSupport,
}

/// A WhatsApp Web internal the client uses that the page does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingInternal {
    /// `Module` (the whole module is missing) or `Module.member`, as in internals.json.
    pub internal: String,
    /// What stops working without it (method and event names).
    pub features: Vec<String>,
    /// The QR needs it: a page without it cannot log in.
    pub login: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageResult {
    Unit,
    Attached { state: Option<String>, has_synced: bool },
    Qr(Option<(u64, String)>),
    Code(String),
    Info(ClientInfo),
    Value(serde_json::Value),
    /// An account call's answer as JSON text (see `Reply::Json`).
    Json(String),
    /// The internals missing from the page (`PageCommand::CheckSupport`).
    Support(Vec<MissingInternal>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// The page fired `load` a while ago and the QR's internals are still not
    /// all there: name the missing one instead of waiting for `authTimeoutMs`.
    LoginInternals { epoch: u64 },
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
    /// A custom strategy's hook did not answer (`ask` numbers the question).
    StrategyTimeout { ask: u64 },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Call(CallId, Call),
    /// The application started or stopped listening to an optional event.
    Interest(EventInterest),
    Launched,
    LaunchFailed(ClientError),
    Page(PageEvent),
    Done(CmdId, Result<PageResult, ClientError>),
    Timer(Timer),
    BrowserLost(String),
    ShutdownComplete,
    /// A custom strategy's hook settled: its JSON answer, or why it failed.
    StrategyAnswer(StrategyHook, Result<serde_json::Value, String>),
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
    /// Work of the account the driver runs in the page (src/account/ knows
    /// its page functions and what their answers mean); answered with `Done`
    /// as `Run` is.
    RunAccount(CmdId, AccountCommand),
    Arm(Timer, Duration),
    Reply(CallId, Result<Reply, ClientError>),
    /// Close the browser and release the profile; answer with `ShutdownComplete`.
    Shutdown(ShutdownReason),
    /// Call the custom strategy's hook; answer with `StrategyAnswer`.
    AskStrategy(StrategyHook),
}
