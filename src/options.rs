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
    /// `puppeteer.executablePath`; None: searched at launch (browser/find.rs).
    pub executable_path: Option<PathBuf>,
    pub args: Vec<String>,
    pub user_data_dir: Option<PathBuf>,
    /// `false` keeps Chromium's own user agent.
    pub user_agent: Option<String>,
    pub bypass_csp: bool,
    /// `puppeteer.browserWSEndpoint` / `browserURL`: attach instead of launching.
    pub connect: Option<String>,
    /// `puppeteer.defaultViewport`; None (whatsapp-web.js's default) keeps the window size.
    pub viewport: Option<Viewport>,
    /// `proxyAuthentication`.
    pub proxy_credentials: Option<(String, String)>,
    /// `evalOnNewDoc`, as script text (the glue turns a function into a call of it).
    pub eval_on_new_doc: Option<String>,
    /// `sharedBrowser`: one Chromium for all clients with these launch options,
    /// a browser context each.
    pub shared: bool,
    /// `sharedCache` (default true): NoAuth sessions keep Chromium's HTTP and
    /// code cache in one per-user folder (src/browser/cache.rs).
    pub shared_cache: bool,
    /// `blockMedia` (default true): the browser does not load images and web
    /// fonts, which a headless session never shows (src/browser/resources.rs).
    pub block_media: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    pub device_scale_factor: f64,
    pub is_mobile: bool,
}

/// `webVersionCache`, with whatsapp-web.js's meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum WebVersionCache {
    None,
    /// Serve `<path>/<webVersion>.html` when present; save the page there after login.
    Local { path: PathBuf, strict: bool },
    /// Fetch the page from `remotePath` (`{version}` is replaced), within
    /// `timeout` for the whole download and at most `max_bytes`.
    Remote { remote_path: String, strict: bool, timeout: Duration, max_bytes: u64 },
}

#[derive(Debug, Clone)]
pub struct TakeoverOptions {
    pub on_conflict: bool,
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub auth: AuthStrategy,
    pub browser: BrowserOptions,
    pub login: LoginConfig,
    pub device_name: Option<String>,
    pub browser_name: Option<String>,
    pub web_version: String,
    pub web_version_cache: WebVersionCache,
    pub takeover: TakeoverOptions,
    /// whatsapp-web.js's `ffmpegPath`: the ffmpeg that makes animated
    /// stickers from video ('ffmpeg', looked up on PATH, unless set).
    pub ffmpeg_path: String,
}

/// whatsapp-web.js's `DefaultOptions.webVersion`.
pub const DEFAULT_WEB_VERSION: &str = "2.3000.1017054665";

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
        let executable_path = pup.string("executablePath")?.map(PathBuf::from);
        let args = pup.string_array("args")?.unwrap_or_default();
        let user_data_dir = pup.string("userDataDir")?.map(PathBuf::from);
        let connect = match (pup.string("browserWSEndpoint")?, pup.string("browserURL")?) {
            (Some(ws), _) => Some(ws),
            (None, Some(url)) => Some(url),
            (None, None) => None,
        };
        if let Some(url) = &connect {
            if !(url.starts_with("ws://") || url.starts_with("wss://") || url.starts_with("http://") || url.starts_with("https://")) {
                return Err(invalid("puppeteer.browserWSEndpoint", "must be a ws:// or http:// URL", &Value::String(url.clone())));
            }
        }
        let viewport = match pup.get("defaultViewport") {
            None => None,
            Some(Value::Object(m)) => {
                let v = Obj { map: m, prefix: "puppeteer.defaultViewport." };
                let dim = |k: &str| -> Result<u32, ClientError> {
                    match v.uint(k)? {
                        Some(n) if n > 0 && n <= 100_000 => Ok(n as u32),
                        _ => Err(invalid(&v.name(k), "must be a positive whole number of pixels", m.get(k).unwrap_or(&Value::Null))),
                    }
                };
                let scale = match v.get("deviceScaleFactor") {
                    None => 1.0,
                    Some(Value::Number(n)) if n.as_f64().is_some_and(|f| f > 0.0) => n.as_f64().unwrap_or(1.0),
                    Some(other) => return Err(invalid("puppeteer.defaultViewport.deviceScaleFactor", "must be a positive number", other)),
                };
                Some(Viewport { width: dim("width")?, height: dim("height")?, device_scale_factor: scale, is_mobile: v.bool("isMobile")?.unwrap_or(false) })
            }
            Some(other) => return Err(invalid("puppeteer.defaultViewport", "must be null or { width, height }", other)),
        };

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

        let proxy_credentials = match opts.object("proxyAuthentication")? {
            None => None,
            Some(m) => {
                let p = Obj { map: m, prefix: "proxyAuthentication." };
                match (p.string("username")?, p.string("password")?) {
                    (Some(u), Some(pw)) => Some((u, pw)),
                    _ => return Err(invalid("proxyAuthentication", "must be { username, password }", &Value::Object(m.clone()))),
                }
            }
        };
        let eval_on_new_doc = opts.string("evalOnNewDoc")?;
        let web_version = opts.string("webVersion")?.unwrap_or_else(|| DEFAULT_WEB_VERSION.to_string());
        // It names a cache file and goes into a URL: data, checked here.
        if !is_web_version(&web_version) {
            return Err(ClientError::InvalidWebVersion(describe(&Value::String(web_version))));
        }
        let web_version_cache = match opts.object("webVersionCache")? {
            None => WebVersionCache::Local { path: PathBuf::from("./.wwebjs_cache/"), strict: false },
            Some(m) => {
                let c = Obj { map: m, prefix: "webVersionCache." };
                let strict = c.bool("strict")?.unwrap_or(false);
                match c.string("type")?.as_deref() {
                    Some("none") => WebVersionCache::None,
                    None | Some("local") => WebVersionCache::Local {
                        path: PathBuf::from(c.string("path")?.unwrap_or_else(|| "./.wwebjs_cache/".into())),
                        strict,
                    },
                    Some("remote") => match c.string("remotePath")? {
                        Some(remote_path) => {
                            let sample = remote_path.replace("{version}", DEFAULT_WEB_VERSION);
                            if let Err(why) = reqwest::Url::parse(&sample).map_err(|e| e.to_string()).and_then(|u| remote_url_allowed(&u)) {
                                return Err(ClientError::InvalidOption { option: "webVersionCache.remotePath".into(), reason: why });
                            }
                            let timeout_ms = c.uint("timeoutMs")?.unwrap_or(DEFAULT_REMOTE_CACHE_TIMEOUT_MS);
                            let max_bytes = c.uint("maxBytes")?.unwrap_or(DEFAULT_REMOTE_CACHE_MAX_BYTES);
                            if timeout_ms == 0 || max_bytes == 0 {
                                let (k, v) = if timeout_ms == 0 { ("timeoutMs", timeout_ms) } else { ("maxBytes", max_bytes) };
                                return Err(invalid(&c.name(k), "must be a positive whole number", &Value::from(v)));
                            }
                            WebVersionCache::Remote { remote_path, strict, timeout: Duration::from_millis(timeout_ms), max_bytes }
                        }
                        None => return Err(invalid("webVersionCache.remotePath", "is required for type 'remote'", &Value::Null)),
                    },
                    Some(other) => return Err(invalid("webVersionCache.type", "must be 'none', 'local' or 'remote'", &Value::String(other.into()))),
                }
            }
        };
        let takeover = TakeoverOptions {
            on_conflict: opts.bool("takeoverOnConflict")?.unwrap_or(false),
            timeout: Duration::from_millis(opts.uint("takeoverTimeoutMs")?.unwrap_or(0)),
        };
        let shared = opts.bool("sharedBrowser")?.unwrap_or(false);
        if shared {
            let why = if !matches!(auth, AuthStrategy::NoAuth) {
                Some("keeps each session in an in-memory browser context, so it works with NoAuth only")
            } else if connect.is_some() {
                Some("cannot be combined with puppeteer.browserWSEndpoint/browserURL")
            } else if user_data_dir.is_some() {
                Some("cannot be combined with puppeteer.userDataDir (contexts have no profile folder)")
            } else {
                None
            };
            if let Some(why) = why {
                return Err(ClientError::InvalidOption { option: "sharedBrowser".into(), reason: why.into() });
            }
        }
        // As fluent-ffmpeg: an empty path is no path, 'ffmpeg' on PATH.
        let ffmpeg_path = opts.string("ffmpegPath")?.filter(|p| !p.is_empty()).unwrap_or_else(|| "ffmpeg".into());
        let custom_strategy = matches!(auth, AuthStrategy::Custom);

        Ok(ClientOptions {
            web_version,
            web_version_cache,
            takeover: takeover.clone(),
            auth,
            browser: BrowserOptions {
                headless,
                executable_path,
                args,
                user_data_dir,
                user_agent,
                bypass_csp: opts.bool("bypassCSP")?.unwrap_or(false),
                connect,
                viewport,
                proxy_credentials,
                eval_on_new_doc,
                shared,
                shared_cache: opts.bool("sharedCache")?.unwrap_or(true),
                block_media: opts.bool("blockMedia")?.unwrap_or(true),
            },
            login: LoginConfig {
                qr_max_retries,
                pair_with_phone,
                auth_timeout: Duration::from_millis(auth_timeout_ms),
                restore_qr_timeout: Duration::ZERO,
                takeover_on_conflict: takeover.on_conflict,
                takeover_timeout: takeover.timeout,
                custom_strategy,
                // Internal bounds; their defaults live in the session machine.
                ..LoginConfig::default()
            },
            device_name: opts.string("deviceName")?,
            browser_name: opts.string("browserName")?,
            ffmpeg_path,
        })
    }
}

/// How long a remote web version cache may take, all of the download included.
pub const DEFAULT_REMOTE_CACHE_TIMEOUT_MS: u64 = 20_000;
/// The largest page a remote web version cache may send (WhatsApp Web's is ~100 KB).
pub const DEFAULT_REMOTE_CACHE_MAX_BYTES: u64 = 20 << 20;

/// whatsapp-web.js's versions are digits and dots (`2.3000.1017054665`):
/// `^\d+(\.\d+){1,3}$`. Anything else is refused wherever a version
/// enters: the option, the page, a cache file name.
pub fn is_web_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    v.len() <= 64 && (2..=4).contains(&parts.len()) && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The page that will hold the logged-in session must not be changeable on
/// the way: `https://`, or plain `http://` to this machine only.
pub fn remote_url_allowed(url: &reqwest::Url) -> Result<(), String> {
    let host = url.host_str().unwrap_or("");
    let ip = host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>();
    let loopback = host.eq_ignore_ascii_case("localhost") || ip.is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(format!("must be an https:// URL (plain http:// only to this machine: localhost, 127.0.0.1, [::1]), got {url}")),
        other => Err(format!("must be an https:// URL, got a {other}: URL")),
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
        // whatsapp-web-rs's own start-up features are on unless turned off.
        assert!(o.browser.shared_cache && o.browser.block_media);
        let off = ClientOptions::parse(&json!({"sharedCache": false, "blockMedia": false})).unwrap();
        assert!(!off.browser.shared_cache && !off.browser.block_media);
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
            (json!({"sharedCache": "no"}), "sharedCache"),
            (json!({"blockMedia": 0}), "blockMedia"),
            (json!({"pairWithPhoneNumber": {"phoneNumber": 15551234567u64}}), "pairWithPhoneNumber.phoneNumber"),
            (json!({"pairWithPhoneNumber": {"phoneNumber": "15551234567", "intervalMs": 0}}), "intervalMs"),
            (json!({"webVersion": 2}), "webVersion"),
            (json!({"webVersionCache": {"type": "disk"}}), "webVersionCache.type"),
            (json!({"webVersionCache": {"type": "remote"}}), "webVersionCache.remotePath"),
            (json!({"takeoverOnConflict": "yes"}), "takeoverOnConflict"),
            (json!({"takeoverTimeoutMs": -3}), "takeoverTimeoutMs"),
            (json!({"ffmpegPath": false}), "ffmpegPath"),
            (json!({"proxyAuthentication": {"username": "u"}}), "proxyAuthentication"),
            (json!({"evalOnNewDoc": 3}), "evalOnNewDoc"),
            (json!({"puppeteer": {"browserWSEndpoint": "localhost:9222"}}), "puppeteer.browserWSEndpoint"),
            (json!({"puppeteer": {"defaultViewport": {"width": 0, "height": 10}}}), "puppeteer.defaultViewport.width"),
            (json!({"puppeteer": {"defaultViewport": 5}}), "puppeteer.defaultViewport"),
        ];
        for (value, option) in cases {
            match ClientOptions::parse(&value) {
                Err(ClientError::InvalidOption { option: o, .. }) => assert_eq!(o, option, "{value}"),
                other => panic!("{value}: expected an error naming {option}, got {other:?}"),
            }
        }
    }

    #[test]
    fn web_versions_are_digits_and_dots() {
        for ok in ["2.3000.1017054665", "2.3000", "1.2.3.4", DEFAULT_WEB_VERSION] {
            assert!(is_web_version(ok), "{ok}");
            assert_eq!(ClientOptions::parse(&json!({"webVersion": ok})).unwrap().web_version, ok);
        }
        for bad in ["../../x", "2", "2.3000.1/../../x", "2..3", "2.3.4.5.6", "2.3000.1 ", "", "2.3000.1.html", "２.３"] {
            assert!(!is_web_version(bad), "{bad}");
            let err = ClientOptions::parse(&json!({"webVersion": bad})).unwrap_err();
            assert_eq!(err.code(), "ERR_WEB_VERSION", "{bad}");
            assert!(err.is_type_error());
        }
    }

    #[test]
    fn remote_caches_are_https_or_loopback_with_limits() {
        let remote = |path: &str| ClientOptions::parse(&json!({"webVersionCache": {"type": "remote", "remotePath": path}}));
        for ok in ["https://example.com/{version}.html", "http://127.0.0.1:8080/{version}.html", "http://localhost/{version}", "http://[::1]:9/{version}"] {
            match remote(ok).unwrap().web_version_cache {
                WebVersionCache::Remote { timeout, max_bytes, .. } => {
                    assert_eq!(timeout, Duration::from_millis(DEFAULT_REMOTE_CACHE_TIMEOUT_MS));
                    assert_eq!(max_bytes, 20 << 20);
                }
                other => panic!("{other:?}"),
            }
        }
        for bad in ["http://example.com/{version}.html", "http://127.0.0.1.example.com/{version}", "file:///etc/{version}", "ftp://x/{version}", "not a url"] {
            match remote(bad) {
                Err(ClientError::InvalidOption { option, .. }) => assert_eq!(option, "webVersionCache.remotePath", "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        let limited = ClientOptions::parse(&json!({"webVersionCache": {"type": "remote", "remotePath": "https://x/{version}", "timeoutMs": 500, "maxBytes": 1000}})).unwrap();
        assert!(matches!(limited.web_version_cache, WebVersionCache::Remote { timeout, max_bytes: 1000, .. } if timeout == Duration::from_millis(500)));
        let zero = ClientOptions::parse(&json!({"webVersionCache": {"type": "remote", "remotePath": "https://x/{version}", "timeoutMs": 0}}));
        assert!(matches!(zero, Err(ClientError::InvalidOption { option, .. }) if option == "webVersionCache.timeoutMs"));
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
