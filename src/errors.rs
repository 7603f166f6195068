//! Every failure a user can see, as a named value with a stable `code`.
//!
//! The code crosses the N-API boundary as a `[CODE] message` prefix that the
//! JavaScript glue turns into an `Error` (or `TypeError` for bad input) with
//! a `code` property, so users can branch on `err.code` instead of parsing
//! text, and never see a minified `Evaluation failed: t`.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClientError {
    // Bad input: reported before anything reaches the page.
    #[error("phone number must be a string of digits, got {0}")]
    PhoneNumberNotString(String),
    #[error("phone number contains {0:?}; only digits, a leading '+', spaces, dashes, dots and parentheses are allowed")]
    PhoneNumberInvalidCharacter(char),
    #[error("phone number has {0} digits; with its country code it needs at least 7")]
    PhoneNumberTooShort(usize),
    #[error("phone number has {0} digits; E.164 numbers have at most 15")]
    PhoneNumberTooLong(usize),
    #[error("phone number starts with 0; give it in international form with the country code and no trunk prefix (e.g. 447911123456, not 07911123456)")]
    PhoneNumberLeadingZero,
    #[error("option {option}: {reason}")]
    InvalidOption { option: String, reason: String },
    #[error("invalid clientId {0:?}: only letters, digits, underscores and hyphens are allowed")]
    InvalidClientId(String),
    #[error("{0}")]
    InvalidChatId(String),
    #[error("argument {name}: {reason}")]
    InvalidArgument { name: String, reason: String },

    // Calls made at the wrong moment.
    #[error("the client is not initialized; call initialize() first")]
    NotInitialized,
    #[error("initialize() was already called on this client")]
    AlreadyInitialized,
    #[error("the client was destroyed")]
    Destroyed,
    #[error("the client is already logged in; pairing calls are only valid while waiting for login")]
    AlreadyLoggedIn,
    #[error("the client is not waiting for a login yet")]
    NotWaitingForLogin,
    #[error("the client is not logged in yet; wait for the 'ready' event")]
    NotLoggedIn,
    #[error("{0} was not found")]
    MessageNotFound(String),
    /// Something whatsapp-web.js does that whatsapp-web-rs does not carry out yet.
    #[error("{0}")]
    NotSupported(String),
    #[error("the media is {size} bytes; WhatsApp takes at most {limit} bytes for {what}")]
    MediaTooLarge { size: usize, limit: usize, what: &'static str },
    /// An animated sticker needs ffmpeg (the `ffmpegPath` option), and it was not there.
    #[error("ffmpeg was not found at '{0}' (the ffmpegPath option); ffmpeg makes animated stickers from video: install it or set ffmpegPath")]
    FfmpegNotFound(String),
    /// ffmpeg ran but made no sticker of the video (unreadable, too long to convert, too large).
    #[error("ffmpeg could not make a sticker of the video: {0}")]
    FfmpegFailed(String),

    // The WhatsApp server refused a pairing-code request.
    #[error("WhatsApp refused the pairing code request: too many attempts (429 rate-overlimit); wait before trying again, this can last hours")]
    RateLimited,
    #[error("WhatsApp refused the pairing code request as malformed (400 bad-request){0}")]
    BadRequest(String),
    #[error("pairing codes are not available for this account or region ({0})")]
    PairingNotAvailable(String),
    #[error("WhatsApp refused the pairing code request ({0})")]
    ServerRefused(String),
    /// WhatsApp's server refused a call's request with an HTTP-like status (a page function
    /// handed on WhatsApp Web's `ServerStatusCodeError`, src/page/server_refusal.js).
    /// `what`: the call ("accepting a group invite").
    #[error("WhatsApp refused {what}: {status} ({})", status_meaning(*status))]
    ServerStatus { what: &'static str, status: u16 },

    // The browser and the page.
    #[error("WhatsApp Web did not load within {0} ms (authTimeoutMs)")]
    AuthTimeout(u64),
    #[error("WhatsApp Web loaded, but its connection to WhatsApp stayed in {state} for {ms} ms (authTimeoutMs); check the network and any proxy")]
    ConnectTimeout { ms: u64, state: String },
    #[error("the login did not finish: no sync progress for {0} ms after WhatsApp accepted it")]
    LoginTimeout(u64),
    #[error("could not start Chromium: {0}")]
    BrowserLaunch(String),
    #[error("the browser profile {0} is in use by another Chromium process")]
    ProfileLocked(String),
    #[error("the browser closed or crashed{0}")]
    BrowserClosed(String),
    #[error("the page navigated away during the call")]
    PageNavigated,
    #[error("a page call failed: {0}")]
    PageScript(String),
    /// A WhatsApp Web internal the call needs is not on the page (a WhatsApp Web
    /// update renamed or removed it). `version`: the page's, filled in by the session.
    #[error("WhatsApp Web changed: {internal} is not on the page (WhatsApp Web {}); the features that use it fail until the client supports this version (client.getPageSupport() lists what is missing; a webVersion pin avoids it)", version.as_deref().unwrap_or("of unknown version"))]
    PageChanged { internal: String, version: Option<String> },
    #[error("the page did not answer {0} in time")]
    PageTimeout(String),
    #[error("session storage: {0}")]
    Storage(String),
    /// A custom auth strategy's hook threw or did not answer.
    #[error("the auth strategy's {0}")]
    AuthStrategy(String),
    #[error("webVersionCache: {0}")]
    WebVersion(String),
    #[error("webVersion must be digits and dots like \"2.3000.1017054665\", got {0}")]
    InvalidWebVersion(String),
    /// The session pool's Redis failed or answered what the pool does not write.
    #[error("session pool: redis {0}")]
    PoolRedis(String),
    /// `pool.call()`: the account has no owner, or its owner changed while the call was on its way.
    #[error("session pool: {0}")]
    SessionMoved(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ClientError {
    /// The stable code users branch on (`err.code`).
    pub fn code(&self) -> &'static str {
        use ClientError::*;
        match self {
            PhoneNumberNotString(_) => "ERR_PHONE_NUMBER_NOT_STRING",
            PhoneNumberInvalidCharacter(_) => "ERR_PHONE_NUMBER_INVALID_CHARACTER",
            PhoneNumberTooShort(_) => "ERR_PHONE_NUMBER_TOO_SHORT",
            PhoneNumberTooLong(_) => "ERR_PHONE_NUMBER_TOO_LONG",
            PhoneNumberLeadingZero => "ERR_PHONE_NUMBER_LEADING_ZERO",
            InvalidOption { .. } => "ERR_INVALID_OPTION",
            InvalidClientId(_) => "ERR_INVALID_CLIENT_ID",
            InvalidChatId(_) => "ERR_INVALID_CHAT_ID",
            InvalidArgument { .. } => "ERR_INVALID_ARGUMENT",
            NotLoggedIn => "ERR_NOT_LOGGED_IN",
            MessageNotFound(_) => "ERR_MESSAGE_NOT_FOUND",
            NotSupported(_) => "ERR_NOT_SUPPORTED",
            MediaTooLarge { .. } => "ERR_MEDIA_TOO_LARGE",
            FfmpegNotFound(_) => "ERR_FFMPEG_NOT_FOUND",
            FfmpegFailed(_) => "ERR_FFMPEG_FAILED",
            NotInitialized => "ERR_NOT_INITIALIZED",
            AlreadyInitialized => "ERR_ALREADY_INITIALIZED",
            Destroyed => "ERR_CLIENT_DESTROYED",
            AlreadyLoggedIn => "ERR_ALREADY_LOGGED_IN",
            NotWaitingForLogin => "ERR_NOT_WAITING_FOR_LOGIN",
            RateLimited => "ERR_PAIRING_RATE_LIMITED",
            BadRequest(_) => "ERR_PAIRING_BAD_REQUEST",
            PairingNotAvailable(_) => "ERR_PAIRING_NOT_AVAILABLE",
            ServerRefused(_) => "ERR_PAIRING_REFUSED",
            ServerStatus { .. } => "ERR_SERVER_REFUSED",
            AuthTimeout(_) => "ERR_AUTH_TIMEOUT",
            ConnectTimeout { .. } => "ERR_CONNECT_TIMEOUT",
            LoginTimeout(_) => "ERR_LOGIN_TIMEOUT",
            BrowserLaunch(_) => "ERR_BROWSER_LAUNCH",
            ProfileLocked(_) => "ERR_PROFILE_LOCKED",
            BrowserClosed(_) => "ERR_BROWSER_CLOSED",
            PageNavigated => "ERR_PAGE_NAVIGATED",
            PageScript(_) => "ERR_PAGE_SCRIPT",
            PageChanged { .. } => "ERR_PAGE_CHANGED",
            PageTimeout(_) => "ERR_PAGE_TIMEOUT",
            Storage(_) => "ERR_STORAGE",
            AuthStrategy(_) => "ERR_AUTH_STRATEGY",
            WebVersion(_) | InvalidWebVersion(_) => "ERR_WEB_VERSION",
            PoolRedis(_) => "ERR_POOL_REDIS",
            SessionMoved(_) => "ERR_SESSION_MOVED",
            Internal(_) => "ERR_INTERNAL",
        }
    }

    /// Bad input from the caller: surfaces as a `TypeError` in JavaScript.
    pub fn is_type_error(&self) -> bool {
        use ClientError::*;
        matches!(
            self,
            PhoneNumberNotString(_)
                | PhoneNumberInvalidCharacter(_)
                | PhoneNumberTooShort(_)
                | PhoneNumberTooLong(_)
                | PhoneNumberLeadingZero
                | InvalidOption { .. }
                | InvalidClientId(_)
                | InvalidWebVersion(_)
                | InvalidChatId(_)
                | InvalidArgument { .. }
        )
    }

    /// Maps a refusal from `startAltLinkingFlow` (status and text as the page
    /// reported them) to its named error.
    pub fn from_pairing_refusal(status: &str, text: &str) -> Self {
        let detail = if text.is_empty() { status.to_string() } else { format!("{status} {text}") };
        match (status, text) {
            ("429", _) | (_, "rate-overlimit") => ClientError::RateLimited,
            ("400", _) | (_, "bad-request") => ClientError::BadRequest(format!(
                "; WhatsApp expects the device display as \"Browser (OS)\" ({detail})"
            )),
            (_, t) if t.contains("not-available") || t.contains("not-allowed") => {
                ClientError::PairingNotAvailable(detail)
            }
            ("501", _) | ("403", _) => ClientError::PairingNotAvailable(detail),
            _ => ClientError::ServerRefused(detail),
        }
    }

    /// The page-changed error a page function's exception carries, if any: the
    /// `WWRS_PAGE_CHANGED:<internal>` marker of src/page/need.js. The name comes
    /// from the page, so it is only taken if it looks like one (see `is_internal_name`).
    pub fn page_changed_in(exception: &str) -> Option<Self> {
        const MARKER: &str = "WWRS_PAGE_CHANGED:";
        let start = exception.find(MARKER)? + MARKER.len();
        let rest = &exception[start..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$')).unwrap_or(rest.len());
        let internal = &rest[..end];
        is_internal_name(internal).then(|| ClientError::PageChanged { internal: internal.to_string(), version: None })
    }

    /// A page-changed error with the page's version, if it has none yet.
    pub fn with_web_version(self, version: Option<&str>) -> Self {
        match self {
            ClientError::PageChanged { internal, version: None } => ClientError::PageChanged { internal, version: version.map(str::to_string) },
            other => other,
        }
    }

    /// The text that crosses N-API: `[CODE] message` (see the module comment).
    pub fn to_wire(&self) -> String {
        let kind = if self.is_type_error() { "TypeError" } else { "Error" };
        format!("[{}:{}] {}", kind, self.code(), self)
    }
}

/// What a status WhatsApp's server refuses a request with means, as WhatsApp Web reads it in
/// the calls that can get it (groups and invites: 401 not an admin, 404 no such invite or group,
/// 409 already a member, 410 an expired or revoked invite).
pub fn status_meaning(status: u16) -> &'static str {
    match status {
        400 => "bad request: WhatsApp did not take the request as sent",
        401 => "not authorized: the account is not an admin of the group, or may not do this",
        403 => "forbidden: the account may not do this (e.g. not a member of the community, or removed from the group)",
        404 => "not found: no such invite, group or user, or the invite is not the account's",
        406 => "not acceptable: the group or the request does not allow it",
        409 => "conflict: already done, e.g. the account is already in the group",
        410 => "gone: the invite expired or was revoked",
        419 => "the group is full",
        429 => "rate limited: too many requests; wait before trying again",
        500..=599 => "WhatsApp's server failed; try again later",
        _ => "refused by WhatsApp's server",
    }
}

/// A WhatsApp Web internal's name as the client writes it (`Module`,
/// `Module.member.member`, `Debug.VERSION`): identifier characters and dots, at
/// most 160 of them. Anything else from the page is not put in a message.
pub fn is_internal_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 160
        && name.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$'))
}

impl From<ClientError> for napi::Error {
    fn from(e: ClientError) -> Self {
        napi::Error::new(napi::Status::GenericFailure, e.to_wire())
    }
}
