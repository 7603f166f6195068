//! whatsapp-web-rs: the login and session layer of whatsapp-web.js, in Rust.
//!
//! This file is the N-API surface only. The `Client` users see is a small
//! JavaScript `EventEmitter` (index.js) that owns a [`NativeClient`].

/// Diagnostics on stderr when `WWRS_DEBUG` is set (any value).
#[macro_export]
macro_rules! debug_log {
    ($($arg:tt)*) => {
        if std::env::var_os("WWRS_DEBUG").is_some() {
            eprintln!("[whatsapp-web-rs {:>7.1} ms] {}", $crate::debug_clock_ms(), format!($($arg)*));
        }
    };
}

/// Milliseconds since the first debug line, to read timings off `WWRS_DEBUG` output.
#[doc(hidden)]
pub fn debug_clock_ms() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
}

pub mod account;
pub mod auth;
pub mod browser;
pub mod chat;
pub mod contact;
pub mod driver;
pub mod errors;
pub mod message;
pub mod options;
pub mod phone;
pub mod pool;
mod pool_node;
pub mod private_fs;
pub mod reaction;
pub mod remote_auth;
pub mod session;
pub mod session_archive;
pub mod sticker;
pub mod sticker_video;
pub mod temp_profiles;
pub mod wid;

use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::LocalAuth;
use crate::driver::ClientHandle;
use crate::errors::ClientError;
use crate::options::{describe, pairing_interval, ClientOptions};
use crate::phone::PhoneNumber;
use crate::session::{Call, CodeRequest, Reply};

/// `(kind, payload) => void`: the one ordered channel into JavaScript
/// (events, call answers, "closed"). Weak: it never keeps Node alive by
/// itself; the JavaScript side holds the process open while a call is
/// pending or the client is running.
type DeliverFn = ThreadsafeFunction<FnArgs<(String, Value)>, Unknown<'static>, FnArgs<(String, Value)>, Status, false, true>;
/// `(method, args) => Promise`: calls RemoteAuth's store or a custom
/// strategy's hooks. Weak, like `DeliverFn`: the Client's keep-alive decides
/// when Node may exit. A strong one kept the process alive for as long as the
/// native client was not collected, after `destroy()` too (a test file with
/// custom strategies hung at its end now and then, as the collector ran or not).
type StoreFn = ThreadsafeFunction<FnArgs<(String, Value)>, Promise<Value>, FnArgs<(String, Value)>, Status, false, true>;

/// The store (or hooks) function as the native side calls it.
fn remote_store(store: StoreFn) -> remote_auth::RemoteStore {
    let store = Arc::new(store);
    remote_auth::RemoteStore::new(Arc::new(move |method: &'static str, args: Value| {
        let store = store.clone();
        Box::pin(async move {
            let promise = store.call_async(FnArgs::from((method.to_string(), args))).await.map_err(|e| e.reason.clone())?;
            promise.await.map_err(|e| e.reason.clone())
        }) as futures::future::BoxFuture<'static, std::result::Result<Value, String>>
    }))
}

fn reply_value(reply: Reply) -> Value {
    match reply {
        Reply::Unit => Value::Null,
        Reply::Code(code) => Value::String(code),
        Reply::State(state) => state.map(Value::String).unwrap_or(Value::Null),
        Reply::Value(value) => value,
        Reply::Json(text) => Value::String(text),
    }
}

fn deliver_fn(tsfn: DeliverFn) -> driver::Deliver {
    Arc::new(move |delivery: driver::Delivery| {
        let (kind, payload) = match delivery {
            // The arguments as JSON text, parsed in JavaScript (see Event::args_json).
            driver::Delivery::Event(event) => ("event", serde_json::json!([event.name(), event.args_json()])),
            // No value at all for calls that return nothing: they resolve to undefined.
            driver::Delivery::Reply(id, Ok(Reply::Unit)) => ("reply", serde_json::json!([id, true])),
            // JSON text: for a list of hundreds of chats, JSON.parse builds the objects
            // far faster than N-API can, one property at a time.
            driver::Delivery::Reply(id, Ok(Reply::Json(text))) => ("reply-json", serde_json::json!([id, text])),
            driver::Delivery::Reply(id, Ok(reply)) => ("reply", serde_json::json!([id, true, reply_value(reply)])),
            driver::Delivery::Reply(id, Err(err)) => ("reply", serde_json::json!([id, false, err.to_wire()])),
            driver::Delivery::Closed => ("closed", Value::Null),
            driver::Delivery::DevTools { relay, message } => ("devtools", serde_json::json!([relay, message])),
        };
        tsfn.call(FnArgs::from((kind.to_string(), payload)), ThreadsafeFunctionCallMode::NonBlocking);
    })
}

/// A JavaScript argument read without N-API conversion errors: values JSON
/// cannot hold (functions, symbols, bigints, NaN) are kept as their type
/// name, so the error names the argument and the problem.
enum JsArg {
    Json(Value),
    /// Not representable as JSON; the JavaScript type (e.g. "a function").
    Other(&'static str),
}

impl JsArg {
    fn read(env: &Env, v: Option<Unknown>) -> Result<Self> {
        let Some(v) = v else { return Ok(JsArg::Json(Value::Null)) };
        Ok(match v.get_type()? {
            ValueType::Undefined | ValueType::Null => JsArg::Json(Value::Null),
            ValueType::Boolean => JsArg::Json(Value::Bool(unsafe { bool::from_napi_value(env.raw(), v.raw())? })),
            ValueType::Number => {
                let f = unsafe { f64::from_napi_value(env.raw(), v.raw())? };
                match serde_json::Number::from_f64(f) {
                    Some(n) => JsArg::Json(Value::Number(n)),
                    None => JsArg::Other(if f.is_nan() { "NaN" } else { "an infinite number" }),
                }
            }
            ValueType::String => JsArg::Json(Value::String(unsafe { String::from_napi_value(env.raw(), v.raw())? })),
            ValueType::Object => JsArg::Other("an object"),
            ValueType::Function => JsArg::Other("a function"),
            ValueType::Symbol => JsArg::Other("a symbol"),
            ValueType::BigInt => JsArg::Other("a bigint"),
            _ => JsArg::Other("an unsupported value"),
        })
    }

    /// The JSON value, or an error in the words of `describe`.
    fn json(&self) -> std::result::Result<&Value, String> {
        match self {
            JsArg::Json(v) => Ok(v),
            JsArg::Other(what) => Err(what.to_string()),
        }
    }
}

#[napi]
pub struct NativeClient {
    handle: ClientHandle,
    /// What account calls use before their page call (`ffmpegPath`).
    tools: crate::account::Tools,
}

#[napi]
impl NativeClient {
    /// Parses and checks the options; throws a TypeError naming a bad one.
    #[napi(constructor, catch_unwind, ts_args_type = "options: unknown, deliver: (kind: string, payload: unknown) => void")]
    pub fn new(options: Value, deliver: DeliverFn) -> Result<Self> {
        guarded(|| {
            let options = ClientOptions::parse(&options)?;
            let tools = crate::account::Tools { ffmpeg_path: options.ffmpeg_path.clone() };
            Ok(NativeClient { handle: ClientHandle::spawn(options, deliver_fn(deliver)), tools })
        })
    }

    // Every call takes the JavaScript side's call id, is queued at once (on
    // the JavaScript thread, so calls reach the session in the order the
    // program made them) and is answered through the delivery channel.

    /// `store`: RemoteAuth's store, or a custom strategy's hooks (`(hook) => Promise<json>`);
    /// `userDataDir`: the profile folder a custom strategy chose.
    #[napi(catch_unwind, ts_args_type = "id: number, store?: ((method: string, args: object) => Promise<unknown>) | null, userDataDir?: string | null")]
    pub fn initialize(&self, id: u32, store: Option<StoreFn>, user_data_dir: Option<String>) -> Result<()> {
        guarded(|| {
            let dir = match user_data_dir.filter(|d| !d.is_empty()) {
                Some(d) => Some(auth::absolute(&d)?),
                None => None,
            };
            self.handle.set_user_data_dir(dir);
            if let Some(store) = store {
                self.handle.set_store(remote_store(store));
            }
            self.handle.call(Call::Initialize, id as u64);
            Ok(())
        })
    }

    /// Validates here, before anything is queued or sent to the page.
    #[napi(catch_unwind, ts_args_type = "id: number, phoneNumber: unknown, showNotification?: unknown, intervalMs?: unknown")]
    pub fn request_pairing_code(&self, env: Env, id: u32, phone_number: Option<Unknown>, show_notification: Option<Unknown>, interval_ms: Option<Unknown>) -> Result<()> {
        guarded(|| {
            let request = code_request(&JsArg::read(&env, phone_number)?, &JsArg::read(&env, show_notification)?, &JsArg::read(&env, interval_ms)?);
            match request {
                Ok(request) => self.handle.call(Call::RequestCode(request), id as u64),
                Err(e) => self.handle.answer(id as u64, Err(e)),
            }
            Ok(())
        })
    }

    /// The optional events (those the page reports only when someone
    /// listens, see `EventInterest`) the application has listeners for now.
    /// Other names are not optional and are ignored.
    #[napi(catch_unwind)]
    pub fn set_listening(&self, events: Vec<String>) -> Result<()> {
        guarded(|| {
            let listening = |name: &str| events.iter().any(|e| e == name);
            self.handle.set_interest(session::EventInterest { unread_count: listening("unread_count") });
            Ok(())
        })
    }

    #[napi(catch_unwind)]
    pub fn cancel_pairing_code(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::CancelCode, id as u64)))
    }

    #[napi(catch_unwind)]
    pub fn get_state(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::GetState, id as u64)))
    }

    #[napi(catch_unwind)]
    pub fn get_w_web_version(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::GetVersion, id as u64)))
    }

    /// `getPageSupport()`: the internals the client uses that the page lacks.
    #[napi(catch_unwind)]
    pub fn get_page_support(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::GetPageSupport, id as u64)))
    }

    #[napi(catch_unwind)]
    pub fn logout(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::Logout, id as u64)))
    }

    #[napi(catch_unwind)]
    pub fn reset_state(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::ResetState, id as u64)))
    }

    /// Where puppeteer reaches the running browser, and our page's target:
    /// `{ relay, targetId }` for a browser we launched (a relay on its
    /// DevTools pipe; its messages arrive as "devtools" deliveries), or
    /// `{ browserWSEndpoint, targetId }` for one the user attached to.
    #[napi(catch_unwind)]
    pub fn dev_tools(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.dev_tools(id as u64)))
    }

    /// A CDP command (JSON text) from puppeteer for relay `relay`.
    #[napi(catch_unwind)]
    pub fn dev_tools_send(&self, relay: u32, message: String) -> Result<()> {
        guarded(|| Ok(self.handle.dev_tools_send(relay, message)))
    }

    /// Puppeteer closed relay `relay`'s transport.
    #[napi(catch_unwind)]
    pub fn dev_tools_close(&self, relay: u32) -> Result<()> {
        guarded(|| Ok(self.handle.dev_tools_close(relay)))
    }

    #[napi(catch_unwind)]
    pub fn destroy(&self, id: u32) -> Result<()> {
        guarded(|| Ok(self.handle.call(Call::Destroy, id as u64)))
    }

    /// Messages, chats and contacts: `method` is the whatsapp-web.js method
    /// name, `args` its arguments (made JSON-safe by index.js). Checked here,
    /// before anything is queued.
    #[napi(catch_unwind, ts_args_type = "id: number, method: string, args: unknown[]")]
    pub fn account_call(&self, id: u32, method: String, args: Value) -> Result<()> {
        guarded(|| {
            match crate::account::AccountCall::parse(&method, &args) {
                // Slow work (a sticker) runs first, off Node's thread.
                Ok(call) if call.needs_preparing() => {
                    let tools = self.tools.clone();
                    self.handle.call_when_prepared(id as u64, async move { call.prepared(tools).await.map(Call::Account) })
                }
                Ok(call) => self.handle.call(Call::Account(call), id as u64),
                Err(e) => self.handle.answer(id as u64, Err(e)),
            }
            Ok(())
        })
    }

    /// Panics inside the session task (WWRS_TEST_HOOKS only).
    #[napi(catch_unwind)]
    pub fn debug_panic(&self, id: u32) -> Result<()> {
        guarded(|| {
            test_hooks_enabled()?;
            self.handle.call(Call::DebugPanic, id as u64);
            Ok(())
        })
    }
}

/// Runs the body of an N-API entry point so that a panic in it becomes an
/// `ERR_INTERNAL` error for JavaScript. Unwinding out of the `extern "C"`
/// function N-API calls would abort Node, every client with it. Each entry
/// point also carries napi's own `catch_unwind` for the argument conversions
/// that run before the body (its error has no code, but Node lives).
fn guarded<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_panic(body)?
}

/// A panic in `body` as `ClientError::Internal` (napi-free, so unit tests can link it).
fn catch_panic<T>(body: impl FnOnce() -> T) -> std::result::Result<T, ClientError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .map_err(|panic| ClientError::Internal(format!("a bug in whatsapp-web-rs panicked ({}); please report it", driver::panic_text(&*panic))))
}

/// Test hooks, off unless WWRS_TEST_HOOKS is set: they prove that a Rust
/// panic becomes a JavaScript error instead of aborting Node.
fn test_hooks_enabled() -> Result<()> {
    if std::env::var_os("WWRS_TEST_HOOKS").is_some() {
        Ok(())
    } else {
        Err(ClientError::Internal("test hooks are disabled".into()).into())
    }
}

/// Panics in a synchronous N-API call (WWRS_TEST_HOOKS only).
#[napi(catch_unwind)]
pub fn debug_panic_sync() -> Result<()> {
    guarded(|| {
        test_hooks_enabled()?;
        panic!("debug panic requested through the test hook");
    })
}

fn phone_arg(phone: &JsArg) -> std::result::Result<PhoneNumber, ClientError> {
    match phone.json() {
        Ok(Value::String(s)) => PhoneNumber::parse(s),
        Ok(other) => Err(ClientError::PhoneNumberNotString(describe(other))),
        Err(what) => Err(ClientError::PhoneNumberNotString(what)),
    }
}

fn code_request(phone: &JsArg, notify: &JsArg, interval: &JsArg) -> std::result::Result<CodeRequest, ClientError> {
    let phone = phone_arg(phone)?;
    let bad = |option: &str, reason: &str, what: String| ClientError::InvalidOption {
        option: option.into(),
        reason: format!("{reason}, got {what}"),
    };
    let notify = notify.json().map_err(|w| bad("showNotification", "must be a boolean", w))?;
    let interval = interval.json().map_err(|w| bad("intervalMs", "must be a whole number of milliseconds", w))?;
    let show_notification = match notify {
        Value::Null => true,
        Value::Bool(b) => *b,
        other => {
            return Err(ClientError::InvalidOption {
                option: "showNotification".into(),
                reason: format!("must be a boolean, got {}", describe(other)),
            })
        }
    };
    let interval_ms = match interval {
        Value::Null => None,
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.is_finite() && f >= 1.0 && f.fract() == 0.0 && f <= 2_147_483_647.0 => Some(f as u64),
            _ => {
                return Err(ClientError::InvalidOption {
                    option: "intervalMs".into(),
                    reason: format!("must be a whole number of milliseconds from 1 to 2147483647, got {n}"),
                })
            }
        },
        other => {
            return Err(ClientError::InvalidOption {
                option: "intervalMs".into(),
                reason: format!("must be a number of milliseconds, got {}", describe(other)),
            })
        }
    };
    Ok(CodeRequest { phone, show_notification, interval: Duration::from_millis(pairing_interval(interval_ms)?) })
}

/// `new LocalAuth(options)`: checks the options and returns what the client
/// needs (`{ type, clientId, dataPath, rmMaxRetries }`), or throws.
#[napi(catch_unwind, ts_args_type = "options?: unknown")]
pub fn local_auth_descriptor(options: Option<Value>) -> Result<Value> {
    guarded(|| local_auth(options))
}

fn local_auth(options: Option<Value>) -> Result<Value> {
    let options = options.unwrap_or(Value::Null);
    let get_str = |k: &str| -> std::result::Result<Option<String>, ClientError> {
        match options.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(ClientError::InvalidOption { option: format!("LocalAuth.{k}"), reason: format!("must be a string, got {}", describe(other)) }),
        }
    };
    let retries = match options.get("rmMaxRetries") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64().is_some() => Some(n.as_u64().unwrap().min(u32::MAX as u64) as u32),
        Some(other) => {
            return Err(ClientError::InvalidOption { option: "LocalAuth.rmMaxRetries".into(), reason: format!("must be a non-negative whole number, got {}", describe(other)) }.into())
        }
    };
    let local = LocalAuth::new(get_str("clientId")?, get_str("dataPath")?, retries)?;
    Ok(serde_json::json!({
        "type": "local",
        "clientId": local.client_id,
        "dataPath": local.data_path.to_string_lossy(),
        "rmMaxRetries": local.rm_max_retries,
        "userDataDir": local.session_dir().to_string_lossy(),
    }))
}

/// `new RemoteAuth(options)`: checks the options (the store's method names
/// come as `storeMethods`) and returns the descriptor the client needs.
#[napi(catch_unwind, ts_args_type = "options?: unknown")]
pub fn remote_auth_descriptor(options: Option<Value>) -> Result<Value> {
    guarded(|| remote_auth(options))
}

fn remote_auth(options: Option<Value>) -> Result<Value> {
    let options = options.unwrap_or(Value::Null);
    let empty = serde_json::Map::new();
    let map = options.as_object().unwrap_or(&empty);
    let remote = auth::remote_auth(map)?;
    Ok(serde_json::json!({
        "type": "remote",
        "clientId": remote.client_id,
        "dataPath": remote.data_path.to_string_lossy(),
        "backupSyncIntervalMs": remote.backup_interval.as_millis() as u64,
        "initialBackupDelayMs": remote.initial_delay.as_millis() as u64,
        "rmMaxRetries": remote.rm_max_retries,
        "restoreMaxBytes": remote.limits.max_bytes,
        "restoreMaxEntries": remote.limits.max_entries,
        "storeMethods": map.get("storeMethods"),
        "userDataDir": remote.user_data_dir().to_string_lossy(),
        "sessionName": remote.session_name(),
    }))
}

/// Backs up a RemoteAuth session whose client has stopped (the session
/// pool's hand-over: the profile is closed, so the copy is consistent).
/// `descriptor` is `new RemoteAuth(options).toNative()`.
#[napi(ts_args_type = "descriptor: unknown, store: (method: string, args: object) => Promise<unknown>")]
pub async fn backup_remote_session(descriptor: Value, store: StoreFn) -> Result<()> {
    let empty = serde_json::Map::new();
    let remote = auth::remote_auth(descriptor.as_object().unwrap_or(&empty))?;
    remote.backup(&remote_store(store)).await?;
    Ok(())
}

/// At Node's exit: kills this process's browsers and deletes its temporary
/// profiles, even for clients that were never destroyed.
#[napi(catch_unwind)]
pub fn cleanup_at_exit() -> Result<()> {
    guarded(|| Ok(temp_profiles::cleanup_at_exit()))
}

/// Turns a value into the checked phone number the client would send
/// (digits only), or throws the error `requestPairingCode` would.
#[napi(catch_unwind, ts_args_type = "phoneNumber: unknown")]
pub fn normalize_phone_number(env: Env, phone_number: Option<Unknown>) -> Result<String> {
    guarded(|| Ok(phone_arg(&JsArg::read(&env, phone_number)?)?.as_str().to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_in_an_entry_point_is_err_internal() {
        let err = super::catch_panic::<()>(|| panic!("boom")).unwrap_err();
        assert_eq!(err.code(), "ERR_INTERNAL");
        assert!(err.to_wire().starts_with("[Error:ERR_INTERNAL]") && err.to_string().contains("boom"), "{err}");
        assert_eq!(super::catch_panic(|| 5), Ok(5));
    }
}
