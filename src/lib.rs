//! whatsapp-web-rs: the login and session layer of whatsapp-web.js, in Rust.
//!
//! This file is the N-API surface only. The `Client` users see is a small
//! JavaScript `EventEmitter` (index.js) that owns a [`NativeClient`].

/// Diagnostics on stderr when `WWRS_DEBUG` is set (any value).
#[macro_export]
macro_rules! debug_log {
    ($($arg:tt)*) => {
        if std::env::var_os("WWRS_DEBUG").is_some() {
            eprintln!("[whatsapp-web-rs] {}", format!($($arg)*));
        }
    };
}

pub mod auth;
pub mod browser;
pub mod driver;
pub mod errors;
pub mod options;
pub mod phone;
pub mod session;

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

type EmitFn = ThreadsafeFunction<FnArgs<(String, Vec<Value>)>, Unknown<'static>, FnArgs<(String, Vec<Value>)>, Status, false>;

#[napi]
pub struct NativeClient {
    handle: ClientHandle,
}

#[napi]
impl NativeClient {
    /// Parses and checks the options; throws a TypeError naming a bad one.
    #[napi(constructor, catch_unwind)]
    pub fn new(options: Value) -> Result<Self> {
        let options = ClientOptions::parse(&options)?;
        Ok(NativeClient { handle: ClientHandle::spawn(options) })
    }

    #[napi(ts_args_type = "emit: (event: string, args: unknown[]) => void")]
    pub async fn initialize(&self, emit: EmitFn) -> Result<()> {
        let emit = Arc::new(emit);
        self.handle.set_emitter(Arc::new(move |event: session::Event| {
            emit.call(FnArgs::from((event.name().to_string(), event.args())), ThreadsafeFunctionCallMode::NonBlocking);
        }));
        self.handle.call(Call::Initialize).await?;
        Ok(())
    }

    /// Validates here, before anything is queued or sent to the page.
    #[napi(ts_args_type = "phoneNumber: unknown, showNotification?: unknown, intervalMs?: unknown")]
    pub async fn request_pairing_code(&self, phone_number: Value, show_notification: Option<Value>, interval_ms: Option<Value>) -> Result<String> {
        let request = code_request(&phone_number, show_notification.as_ref(), interval_ms.as_ref())?;
        match self.handle.call(Call::RequestCode(request)).await? {
            Reply::Code(code) => Ok(code),
            other => Err(ClientError::Internal(format!("unexpected reply {other:?}")).into()),
        }
    }

    #[napi]
    pub async fn cancel_pairing_code(&self) -> Result<()> {
        self.handle.call(Call::CancelCode).await?;
        Ok(())
    }

    #[napi]
    pub async fn get_state(&self) -> Result<Option<String>> {
        match self.handle.call(Call::GetState).await? {
            Reply::State(state) => Ok(state),
            _ => Ok(None),
        }
    }

    #[napi]
    pub async fn get_w_web_version(&self) -> Result<Option<String>> {
        match self.handle.call(Call::GetVersion).await? {
            Reply::State(version) => Ok(version),
            _ => Ok(None),
        }
    }

    #[napi]
    pub async fn destroy(&self) -> Result<()> {
        self.handle.call(Call::Destroy).await?;
        Ok(())
    }
}

fn code_request(phone: &Value, notify: Option<&Value>, interval: Option<&Value>) -> std::result::Result<CodeRequest, ClientError> {
    let phone = match phone {
        Value::String(s) => PhoneNumber::parse(s)?,
        other => return Err(ClientError::PhoneNumberNotString(describe(other))),
    };
    let show_notification = match notify {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(ClientError::InvalidOption {
                option: "showNotification".into(),
                reason: format!("must be a boolean, got {}", describe(other)),
            })
        }
    };
    let interval_ms = match interval {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64() {
            Some(f) if f.is_finite() && f >= 1.0 && f.fract() == 0.0 && f <= 2_147_483_647.0 => Some(f as u64),
            _ => {
                return Err(ClientError::InvalidOption {
                    option: "intervalMs".into(),
                    reason: format!("must be a whole number of milliseconds from 1 to 2147483647, got {n}"),
                })
            }
        },
        Some(other) => {
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

/// Turns a value into the checked phone number the client would send
/// (digits only), or throws the error `requestPairingCode` would.
#[napi(catch_unwind, ts_args_type = "phoneNumber: unknown")]
pub fn normalize_phone_number(phone_number: Value) -> Result<String> {
    match &phone_number {
        Value::String(s) => Ok(PhoneNumber::parse(s)?.as_str().to_string()),
        other => Err(ClientError::PhoneNumberNotString(describe(other)).into()),
    }
}
