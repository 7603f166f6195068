//! Page functions: small `.js` functions called through CDP with JSON
//! arguments (never spliced into script text). [`call`] runs any function it
//! is given (the account layer brings its own, src/account/); the login's
//! page commands are here, their answers checked into `PageResult`s.

use std::sync::atomic::Ordering;
use std::time::Duration;

use chromiumoxide::cdp::js_protocol::runtime::{CallArgument, CallFunctionOnParams, ExecutionContextId};
use serde_json::{json, Value};

use super::page_functions::{self, CALL_FILED, NOT_FILED};
use super::{PageHandle, BINDING};
use crate::errors::ClientError;
use crate::session::{ClientInfo, PageCommand, PageResult};

/// A login page function with `need()` (src/page/need.js) in front of it:
/// our own constant sources, never user input.
macro_rules! login_fn {
    ($file:literal) => {
        concat!(
            "function (...args) {\n",
            include_str!("../page/need.js"),
            "\nreturn (",
            include_str!(concat!("../page/", $file)),
            ")(...args);\n}"
        )
    };
}

const ATTACH_JS: &str = login_fn!("attach.js");
const READ_QR_JS: &str = include_str!("../page/read_qr.js");
const REFRESH_QR_JS: &str = login_fn!("refresh_qr.js");
const REQUEST_CODE_JS: &str = login_fn!("request_code.js");
const RESTORE_QR_JS: &str = login_fn!("restore_qr.js");
const READ_INFO_JS: &str = login_fn!("read_info.js");
const LOGOUT_JS: &str = login_fn!("logout.js");
const RECONNECT_JS: &str = login_fn!("reconnect.js");
const TAKEOVER_JS: &str = login_fn!("takeover.js");

/// How long a page script waits for a restarted socket to show fresh refs.
const SOCKET_RESTART_WAIT_MS: u64 = 20_000;

/// CDP failures in the words a user can act on.
pub(super) fn map_cdp_error(message: &str) -> ClientError {
    const NAVIGATED: [&str; 4] = [
        "Execution context was destroyed",
        "Cannot find context with specified id",
        "Inspected target navigated or closed",
        "Cannot find default execution context",
    ];
    if let Some(changed) = ClientError::page_changed_in(message) {
        // A page function's need() found an internal missing (src/page/need.js).
        changed
    } else if NAVIGATED.iter().any(|m| message.contains(m)) {
        ClientError::PageNavigated
    } else if message.contains("channel closed") || message.contains("Connection") || message.contains("WebSocket") {
        ClientError::BrowserClosed(format!(": {message}"))
    } else {
        ClientError::PageScript(message.to_string())
    }
}

/// Calls a page function (its source text) with JSON arguments, within
/// `limit`; `what` names it in a timeout. The source goes to each document
/// once (page_functions.rs).
pub async fn call(handle: &PageHandle, what: &str, function: &'static str, args: Vec<Value>, limit: Duration) -> Result<Value, ClientError> {
    let context = handle.context.load(Ordering::SeqCst);
    let key = page_functions::key_of(function);
    if context != 0 && handle.functions.has(context, key) {
        let result = call_text(handle, what, context, CALL_FILED, key, args, limit).await;
        if matches!(&result, Err(ClientError::PageScript(m)) if m.contains(NOT_FILED)) {
            handle.functions.forget(context, key);
        }
        return result;
    }
    let result = call_text(handle, what, context, &page_functions::installer(function), key, args, limit).await;
    if context != 0 && result.is_ok() {
        // It answered, so the installer ran and filed it first.
        handle.functions.add(context, key);
    }
    result
}

/// One `Runtime.callFunctionOn` of `function` with `key` and `args`.
async fn call_text(handle: &PageHandle, what: &str, context: i64, function: &str, key: u32, args: Vec<Value>, limit: Duration) -> Result<Value, ClientError> {
    let page = &handle.page;
    let mut params = CallFunctionOnParams::builder()
        .function_declaration(function)
        .await_promise(true)
        .return_by_value(true);
    if context != 0 {
        params = params.execution_context_id(ExecutionContextId::new(context));
    }
    params = params.argument(CallArgument::builder().value(json!(key)).build());
    for a in args {
        params = params.argument(CallArgument::builder().value(a).build());
    }
    let params = params.build().map_err(ClientError::Internal)?;
    match tokio::time::timeout(limit, page.evaluate_function(params)).await {
        Err(_) => Err(ClientError::PageTimeout(what.to_string())),
        Ok(Err(e)) => {
            crate::debug_log!("page call {what:?} failed: {e}");
            Err(map_cdp_error(&e.to_string()))
        }
        Ok(Ok(result)) => Ok(result.into_value::<Value>().unwrap_or(Value::Null)),
    }
}

/// Calls a page function that may hand its result back early through
/// `window.__wwrs.ret(id, value)` (its last argument is the id): the first
/// of that and the CDP answer wins (page_returns.rs says why).
async fn call_returning(handle: &PageHandle, what: &str, function: &'static str, mut args: Vec<Value>, limit: Duration) -> Result<Value, ClientError> {
    let mut pending = handle.returns.register();
    args.push(json!(pending.id()));
    let answer = call(handle, what, function, args, limit);
    tokio::select! {
        biased;
        Ok(value) = &mut pending.answer => Ok(value),
        result = answer => result,
    }
}

/// `{ seq, qr }` from the page, if it held a QR.
fn qr_of(v: &Value) -> Option<(u64, String)> {
    match (v.get("seq").and_then(Value::as_u64), v.get("qr").and_then(Value::as_str)) {
        (Some(seq), Some(qr)) => Some((seq, qr.to_string())),
        _ => None,
    }
}

/// Runs one login page command of the session.
pub async fn run_command(page: &PageHandle, cmd: &PageCommand, device: &(Option<String>, Option<String>)) -> Result<PageResult, ClientError> {
    const SHORT: Duration = Duration::from_secs(20);
    match cmd {
        PageCommand::Attach => {
            let v = call(page, "attaching to WhatsApp Web", ATTACH_JS, vec![json!(BINDING), json!(device.0), json!(device.1)], SHORT).await?;
            Ok(PageResult::Attached {
                state: v.get("state").and_then(Value::as_str).map(str::to_string),
                has_synced: v.get("hasSynced").and_then(Value::as_bool).unwrap_or(false),
            })
        }
        PageCommand::ReadQr => {
            let v = call(page, "reading the QR", READ_QR_JS, vec![], SHORT).await?;
            Ok(PageResult::Qr(qr_of(&v)))
        }
        PageCommand::RefreshQr => {
            call(page, "refreshing the QR", REFRESH_QR_JS, vec![], SHORT).await?;
            Ok(PageResult::Unit)
        }
        PageCommand::RequestCode { phone, show_notification, refresh_socket } => {
            // The code exchange runs PBKDF2 with 131072 rounds in the page, and
            // a socket restart may come first.
            let args = vec![json!(phone), json!(show_notification), json!(refresh_socket), json!(SOCKET_RESTART_WAIT_MS)];
            let v = call(page, "a pairing code", REQUEST_CODE_JS, args, Duration::from_secs(60)).await?;
            if v.get("ok").and_then(Value::as_bool) == Some(true) {
                match v.get("code").and_then(Value::as_str) {
                    Some(code) => Ok(PageResult::Code(code.to_string())),
                    None => Err(ClientError::PageScript("startAltLinkingFlow returned no code".into())),
                }
            } else {
                let f = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                if f("status") == "socket" {
                    // Not WhatsApp's answer: the page never got fresh refs to ask with.
                    return Err(ClientError::PageTimeout(f("text")));
                }
                Err(ClientError::from_pairing_refusal(&f("status"), &f("text")))
            }
        }
        PageCommand::RestoreQr => {
            // The script waits (in the page, by events) for the fresh batch's first QR.
            let v = call_returning(page, "returning to QR login", RESTORE_QR_JS, vec![json!(10_000)], SHORT).await?;
            Ok(PageResult::Qr(qr_of(&v)))
        }
        PageCommand::Logout => {
            call(page, "logging out", LOGOUT_JS, vec![], SHORT).await?;
            Ok(PageResult::Unit)
        }
        PageCommand::Reconnect => {
            call(page, "reconnecting", RECONNECT_JS, vec![], SHORT).await?;
            Ok(PageResult::Unit)
        }
        PageCommand::Takeover => {
            call(page, "taking the session over", TAKEOVER_JS, vec![], SHORT).await?;
            Ok(PageResult::Unit)
        }
        PageCommand::CheckSupport => super::page_support::check(page).await.map(PageResult::Support),
        PageCommand::ReadInfo => {
            let v = call(page, "reading the account info", READ_INFO_JS, vec![], SHORT).await?;
            Ok(PageResult::Info(ClientInfo {
                pushname: v.get("pushname").and_then(Value::as_str).map(str::to_string),
                wid: v.get("wid").cloned().unwrap_or(Value::Null),
                platform: v.get("platform").and_then(Value::as_str).map(str::to_string),
            }))
        }
    }
}
