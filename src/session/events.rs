//! What the client tells its user: the events of whatsapp-web.js's `Client`.

use serde::{Deserialize, Serialize};

use crate::account::AccountEmit;

/// Who is logged in, as `client.info` shows it after `ready`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClientInfo {
    pub pushname: Option<String>,
    /// The account's wid object (`{ server, user, _serialized }`), as the page gives it.
    pub wid: serde_json::Value,
    pub platform: Option<String>,
}

/// The name index.js takes as a process warning rather than an event.
pub const PAGE_CHANGED_WARNING: &str = "__wwrs_page_changed";
/// The name index.js turns into `auth_failure` with the strategy's own payload.
pub const STRATEGY_AUTH_FAILURE: &str = "__wwrs_strategy_auth_failure";

/// One event for the JavaScript `EventEmitter`.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Qr(String),
    Code(String),
    /// A periodic pairing-code refresh failed; the client went back to QR mode.
    CodeError { code: &'static str, message: String },
    LoadingScreen(u8),
    /// A saved session was refused; a fresh login follows.
    AuthFailure(String),
    /// A custom strategy's `onAuthenticationNeeded()` answered `failed`: index.js
    /// emits `auth_failure` with the `failureEventPayload` it kept.
    StrategyAuthFailure,
    Authenticated,
    Ready(ClientInfo),
    ChangeState(String),
    Disconnected(String),
    /// RemoteAuth: a backup reached the store.
    RemoteSessionSaved,
    /// `message`, `message_create`, `message_ack`.
    Account(AccountEmit),
    /// After `ready`, once per missing internal: index.js turns it into a process
    /// warning (code `WWRS_PAGE_CHANGED`), not an event of the client.
    PageChanged { internal: String, features: Vec<String>, message: String },
}

impl Event {
    /// The event name users subscribe to (whatsapp-web.js's `Events` values).
    pub fn name(&self) -> &'static str {
        match self {
            Event::Qr(_) => "qr",
            Event::Code(_) => "code",
            Event::CodeError { .. } => "code_error",
            Event::LoadingScreen(_) => "loading_screen",
            Event::AuthFailure(_) => "auth_failure",
            Event::StrategyAuthFailure => STRATEGY_AUTH_FAILURE,
            Event::Authenticated => "authenticated",
            Event::Ready(_) => "ready",
            Event::ChangeState(_) => "change_state",
            Event::Disconnected(_) => "disconnected",
            Event::RemoteSessionSaved => "remote_session_saved",
            Event::Account(emit) => emit.name(),
            Event::PageChanged { .. } => PAGE_CHANGED_WARNING,
        }
    }

    /// The listener arguments as a JSON array, the form the client delivers: JavaScript's
    /// JSON.parse builds the objects far faster than N-API can, one property at a time.
    pub fn args_json(&self) -> String {
        match self {
            Event::Account(emit) => serde_json::to_string(&emit.args_json()),
            _ => serde_json::to_string(&self.args()),
        }
        .unwrap_or_else(|_| "[]".into())
    }

    /// The listener arguments, in whatsapp-web.js's order.
    pub fn args(&self) -> Vec<serde_json::Value> {
        use serde_json::json;
        match self {
            Event::Qr(s) | Event::Code(s) | Event::ChangeState(s) | Event::Disconnected(s) | Event::AuthFailure(s) => {
                vec![json!(s)]
            }
            Event::CodeError { code, message } => vec![json!({ "code": code, "message": message })],
            Event::LoadingScreen(p) => vec![json!(p), json!("WhatsApp")],
            Event::Authenticated | Event::RemoteSessionSaved | Event::StrategyAuthFailure => vec![],
            Event::Ready(info) => vec![serde_json::to_value(info).unwrap_or_default()],
            Event::Account(emit) => emit.args(),
            Event::PageChanged { internal, features, message } => {
                vec![json!({ "internal": internal, "features": features, "message": message })]
            }
        }
    }
}
