//! `new Client(options)`: whatsapp-web.js's options, parsed and checked.
//!
//! Unknown keys are ignored, as whatsapp-web.js ignores them; a known key
//! with a value of the wrong type is an error that names the key, because
//! a silently ignored `qrMaxRetries: "3"` costs users an afternoon.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::auth::AuthStrategy;
use crate::errors::ClientError;
use crate::phone::PhoneNumber;
use crate::session::{CodeRequest, LoginConfig};

/// whatsapp-web.js's default user agent (`DefaultOptions.userAgent`).
pub const DEFAULT_USER_AGENT: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.67 Safari/537.36";
pub const DEFAULT_PAIRING_INTERVAL_MS: u64 = 180_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Headless {
    /// `headless: true` or `'new'`.
    New,
    /// `headless: 'shell'`: the old headless shell.
    Shell,
    /// `headless: false`: a real window (needs a display).
    Off,
}

#[derive(Debug, Clone)]
pub struct BrowserOptions {
    pub headless: Headless,
    pub executable_path: PathBuf,
    pub args: Vec<String>,
    pub user_data_dir: Option<PathBuf>,
    /// `false` keeps Chromium's own user agent.
    pub user_agent: Option<String>,
    pub bypass_csp: bool,
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub auth: AuthStrategy,
    pub browser: BrowserOptions,
    pub login: LoginConfig,
    pub device_name: Option<String>,
    pub browser_name: Option<String>,
}

impl ClientOptions {
    pub fn parse(value: &Value) -> Result<Self, ClientError> {
        let empty = Map::new();
        let root = match value {
            Value::Object(m) => m,
            Value::Null => &empty,
            other => return Err(invalid("options", "must be an object", other)),
        };
        let opts = Obj { map: root, prefix: "" };

        let auth = AuthStrategy::from_option(root.get("authStrategy"))?;

        let pup_map = opts.object("puppeteer")?;
        let pup = Obj { map: pup_map.unwrap_or(&empty), prefix: "puppeteer." };
        let headless = match pup.map.get("headless") {
            None | Some(Value::Null) | Some(Value::Bool(true)) => Headless::New,
            Some(Value::Bool(false)) => Headless::Off,
            Some(Value::String(s)) if s == "new" => Headless::New,
            Some(Value::String(s)) if s == "shell" => Headless::Shell,
            Some(other) => return Err(invalid("puppeteer.headless", "must be true, false, 'new' or 'shell'", other)),
        };
        let executable_path = match pup.string("executablePath")? {
            Some(p) => PathBuf::from(p),
            None => match std::env::var("CHROME_PATH") {
                Ok(p) if !p.is_empty() => PathBuf::from(p),
                _ => PathBuf::from("/usr/bin/chromium"),
            },
        };
        let args = pup.string_array("args")?.unwrap_or_default();
        let user_data_dir = pup.string("userDataDir")?.map(PathBuf::from);
        if pup.map.contains_key("browserWSEndpoint") || pup.map.contains_key("browserURL") {
            return Err(ClientError::InvalidOption {
                option: "puppeteer.browserWSEndpoint".into(),
                reason: "attaching to a running browser is not supported yet".into(),
            });
        }

        let user_agent = match root.get("userAgent") {
            None | Some(Value::Null) => Some(DEFAULT_USER_AGENT.to_string()),
            Some(Value::Bool(false)) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => return Err(invalid("userAgent", "must be a string or false", other)),
        };

        let auth_timeout_ms = opts.uint("authTimeoutMs")?.unwrap_or(0);
        let qr_max_retries = opts.uint("qrMaxRetries")?.unwrap_or(0);
        let qr_max_retries = u32::try_from(qr_max_retries)
            .map_err(|_| invalid("qrMaxRetries", "is too large", &Value::from(qr_max_retries)))?;

        let pair_with_phone = match opts.object("pairWithPhoneNumber")? {
            None => None,
            Some(p) => {
                let p = Obj { map: p, prefix: "pairWithPhoneNumber." };
                match p.string("phoneNumber")? {
                    None => None,
                    Some(s) if s.is_empty() => None,
                    Some(s) => Some(CodeRequest {
                        phone: PhoneNumber::parse(&s)?,
                        show_notification: p.bool("showNotification")?.unwrap_or(true),
                        interval: Duration::from_millis(pairing_interval(p.uint("intervalMs")?)?),
                    }),
                }
            }
        };

        Ok(ClientOptions {
            auth,
            browser: BrowserOptions {
                headless,
                executable_path,
                args,
                user_data_dir,
                user_agent,
                bypass_csp: opts.bool("bypassCSP")?.unwrap_or(false),
            },
            login: LoginConfig {
                qr_max_retries,
                pair_with_phone,
                auth_timeout: Duration::from_millis(auth_timeout_ms),
                restore_qr_timeout: Duration::ZERO,
            },
            device_name: opts.string("deviceName")?,
            browser_name: opts.string("browserName")?,
        })
    }
}

/// `intervalMs` of a pairing-code request: a positive whole number of ms.
pub fn pairing_interval(ms: Option<u64>) -> Result<u64, ClientError> {
    match ms {
        None => Ok(DEFAULT_PAIRING_INTERVAL_MS),
        Some(0) => Err(ClientError::InvalidOption {
            option: "intervalMs".into(),
            reason: "must be a positive number of milliseconds".into(),
        }),
        Some(ms) => Ok(ms),
    }
}

fn invalid(option: &str, reason: &str, got: &Value) -> ClientError {
    ClientError::InvalidOption { option: option.to_string(), reason: format!("{reason}, got {}", describe(got)) }
}

/// A short description of a JSON value for error messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 40 => format!("a string of {} characters", s.chars().count()),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Typed reads from one options object; `null` counts as absent.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    prefix: &'static str,
}

impl<'a> Obj<'a> {
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn name(&self, key: &str) -> String {
        format!("{}{}", self.prefix, key)
    }

    fn string(&self, key: &str) -> Result<Option<String>, ClientError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(invalid(&self.name(key), "must be a string", other)),
        }
    }

    fn bool(&self, key: &str) -> Result<Option<bool>, ClientError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(invalid(&self.name(key), "must be a boolean", other)),
        }
    }

    fn uint(&self, key: &str) -> Result<Option<u64>, ClientError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) => Ok(Some(v)),
                None => match n.as_f64() {
                    Some(f) if f >= 0.0 && f.fract() == 0.0 && f < 9.0e15 => Ok(Some(f as u64)),
                    _ => Err(invalid(&self.name(key), "must be a non-negative whole number", &Value::Number(n.clone()))),
                },
            },
            Some(other) => Err(invalid(&self.name(key), "must be a non-negative whole number", other)),
        }
    }

    fn object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>, ClientError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(other) => Err(invalid(&self.name(key), "must be an object", other)),
        }
    }

    fn string_array(&self, key: &str) -> Result<Option<Vec<String>>, ClientError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(invalid(&self.name(key), "must be an array of strings", other)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(invalid(&self.name(key), "must be an array of strings", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_match_whatsapp_web_js() {
        let o = ClientOptions::parse(&json!({})).unwrap();
        assert_eq!(o.browser.headless, Headless::New);
        assert_eq!(o.browser.user_agent.as_deref(), Some(DEFAULT_USER_AGENT));
        assert_eq!(o.login.qr_max_retries, 0);
        assert!(o.login.pair_with_phone.is_none());
        assert!(matches!(o.auth, AuthStrategy::NoAuth));
    }

    #[test]
    fn wrong_types_name_the_option() {
        let cases = [
            (json!({"qrMaxRetries": "3"}), "qrMaxRetries"),
            (json!({"qrMaxRetries": -1}), "qrMaxRetries"),
            (json!({"authTimeoutMs": 1.5}), "authTimeoutMs"),
            (json!({"puppeteer": {"args": "--no-sandbox"}}), "puppeteer.args"),
            (json!({"puppeteer": {"args": [1]}}), "puppeteer.args"),
            (json!({"puppeteer": {"headless": "yes"}}), "puppeteer.headless"),
            (json!({"puppeteer": 5}), "puppeteer"),
            (json!({"userAgent": 5}), "userAgent"),
            (json!({"bypassCSP": "true"}), "bypassCSP"),
            (json!({"pairWithPhoneNumber": {"phoneNumber": 15551234567u64}}), "pairWithPhoneNumber.phoneNumber"),
            (json!({"pairWithPhoneNumber": {"phoneNumber": "15551234567", "intervalMs": 0}}), "intervalMs"),
        ];
        for (value, option) in cases {
            match ClientOptions::parse(&value) {
                Err(ClientError::InvalidOption { option: o, .. }) => assert_eq!(o, option, "{value}"),
                other => panic!("{value}: expected an error naming {option}, got {other:?}"),
            }
        }
    }

    #[test]
    fn unknown_keys_are_ignored() {
        assert!(ClientOptions::parse(&json!({"somethingElse": 1, "puppeteer": {"slowMo": 3}})).is_ok());
    }

    #[test]
    fn pair_with_phone_number_is_checked() {
        let o = ClientOptions::parse(&json!({"pairWithPhoneNumber": {"phoneNumber": "+1 555 123 4567", "showNotification": false, "intervalMs": 5000}})).unwrap();
        let p = o.login.pair_with_phone.unwrap();
        assert_eq!(p.phone.as_str(), "15551234567");
        assert!(!p.show_notification);
        assert_eq!(p.interval, Duration::from_millis(5000));
        assert!(matches!(
            ClientOptions::parse(&json!({"pairWithPhoneNumber": {"phoneNumber": "0123"}})),
            Err(ClientError::PhoneNumberTooShort(4))
        ));
        // whatsapp-web.js's default: an empty phone number means QR mode.
        let o = ClientOptions::parse(&json!({"pairWithPhoneNumber": {"phoneNumber": "", "showNotification": true, "intervalMs": 180000}})).unwrap();
        assert!(o.login.pair_with_phone.is_none());
    }
}
