//! Auth strategies: where a session's browser profile lives on disk.
//!
//! `LocalAuth` keeps whatsapp-web.js's layout (`<dataPath>/session-<clientId>`)
//! so an existing `.wwebjs_auth` folder is picked up unchanged after the
//! `require` line is switched. `NoAuth` uses a throw-away profile.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::errors::ClientError;
use crate::remote_auth::{RemoteAuth, RemoteStore};

pub const DEFAULT_DATA_PATH: &str = "./.wwebjs_auth/";

#[derive(Debug, Clone, PartialEq)]
pub struct LocalAuth {
    pub client_id: Option<String>,
    /// Absolute.
    pub data_path: PathBuf,
    pub rm_max_retries: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AuthStrategy {
    NoAuth,
    Local(LocalAuth),
    Remote(RemoteAuth),
    /// A subclass of `AuthStrategy` written in JavaScript: its hooks are asked
    /// through the session (`Output::AskStrategy`); the profile is the
    /// `puppeteer.userDataDir` it chose in `beforeBrowserInitialized()`, or a
    /// temporary one.
    Custom,
}

/// whatsapp-web.js's rule: `/^[-_\w]+$/i`, i.e. ASCII letters, digits, `_`, `-`.
pub fn check_client_id(id: &str) -> Result<(), ClientError> {
    let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(ClientError::InvalidClientId(id.to_string()))
    }
}

impl LocalAuth {
    pub fn new(client_id: Option<String>, data_path: Option<String>, rm_max_retries: Option<u32>) -> Result<Self, ClientError> {
        // An empty clientId is falsy in whatsapp-web.js: the plain `session` folder.
        let client_id = client_id.filter(|id| !id.is_empty());
        if let Some(id) = &client_id {
            check_client_id(id)?;
        }
        let data_path = PathBuf::from(data_path.filter(|p| !p.is_empty()).unwrap_or_else(|| DEFAULT_DATA_PATH.into()));
        let data_path = if data_path.is_absolute() {
            data_path
        } else {
            std::env::current_dir().map_err(|e| ClientError::Storage(e.to_string()))?.join(data_path)
        };
        Ok(LocalAuth { client_id, data_path: normalize(&data_path), rm_max_retries: rm_max_retries.unwrap_or(4) })
    }

    pub fn session_dir(&self) -> PathBuf {
        match &self.client_id {
            Some(id) => self.data_path.join(format!("session-{id}")),
            None => self.data_path.join("session"),
        }
    }
}

/// `dir` made absolute (against the working directory) and without `.`/`..`.
pub fn absolute(dir: &str) -> Result<PathBuf, ClientError> {
    let path = PathBuf::from(dir);
    let path = if path.is_absolute() { path } else { std::env::current_dir().map_err(|e| ClientError::Storage(e.to_string()))?.join(path) };
    Ok(normalize(&path))
}

/// Removes `.` and `..` without touching the disk (the folder may not exist yet).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The profile folder of one browser launch.
#[derive(Debug)]
pub enum Profile {
    /// Kept after the browser closes (LocalAuth, or a user-given userDataDir).
    Persistent(PathBuf),
    /// Deleted when dropped (NoAuth).
    Temporary(tempfile::TempDir),
}

impl Profile {
    pub fn path(&self) -> &Path {
        match self {
            Profile::Persistent(p) => p,
            Profile::Temporary(t) => t.path(),
        }
    }
}

impl AuthStrategy {
    /// `logout()`: deletes the saved session (LocalAuth's folder), retrying
    /// like `fs.rm({ maxRetries })` because a just-closed browser may still be
    /// letting go of files.
    pub async fn remove_session(&self, store: Option<&RemoteStore>) -> Result<(), ClientError> {
        if let AuthStrategy::Remote(remote) = self {
            return remote.delete(store).await;
        }
        let AuthStrategy::Local(local) = self else { return Ok(()) };
        let dir = local.session_dir();
        let mut attempt = 0;
        loop {
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
                Err(e) if attempt >= local.rm_max_retries => {
                    return Err(ClientError::Storage(format!("cannot remove {}: {e}", dir.display())))
                }
                Err(_) => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100 * attempt as u64)).await;
                }
            }
        }
    }

    /// Reads the descriptor the JavaScript glue makes of an auth strategy object.
    pub fn from_option(v: Option<&Value>) -> Result<Self, ClientError> {
        let bad = |reason: &str| ClientError::InvalidOption { option: "authStrategy".into(), reason: reason.into() };
        let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(AuthStrategy::NoAuth) };
        let Value::Object(m) = v else { return Err(bad("must be a NoAuth or LocalAuth instance")) };
        match m.get("type").and_then(Value::as_str) {
            Some("none") => Ok(AuthStrategy::NoAuth),
            Some("local") => {
                let s = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
                let retries = m.get("rmMaxRetries").and_then(Value::as_u64).map(|n| n.min(u32::MAX as u64) as u32);
                Ok(AuthStrategy::Local(LocalAuth::new(s("clientId"), s("dataPath"), retries)?))
            }
            Some("remote") => Ok(AuthStrategy::Remote(remote_auth(m)?)),
            Some("custom") => Ok(AuthStrategy::Custom),
            _ => Err(bad("must be an instance of AuthStrategy (NoAuth, LocalAuth, RemoteAuth or a subclass of AuthStrategy)")),
        }
    }

    /// Makes the profile folder ready for a launch (RemoteAuth: restored from the store).
    pub async fn prepare_profile(&self, user_data_dir: Option<&Path>, store: Option<&RemoteStore>) -> Result<Profile, ClientError> {
        match self {
            AuthStrategy::Remote(remote) => {
                let dir = remote.user_data_dir();
                if let Some(given) = user_data_dir {
                    if normalize(given) != dir {
                        return Err(ClientError::InvalidOption {
                            option: "puppeteer.userDataDir".into(),
                            reason: "RemoteAuth is not compatible with a user-supplied userDataDir".into(),
                        });
                    }
                }
                let store = store.ok_or_else(|| ClientError::Internal("RemoteAuth without its store".into()))?;
                remote.restore(store).await?;
                Ok(Profile::Persistent(dir))
            }
            AuthStrategy::Local(local) => {
                let dir = local.session_dir();
                if let Some(given) = user_data_dir {
                    if normalize(given) != dir {
                        return Err(ClientError::InvalidOption {
                            option: "puppeteer.userDataDir".into(),
                            reason: "LocalAuth is not compatible with a user-supplied userDataDir".into(),
                        });
                    }
                }
                // The session folder is an account: only its owner may read it.
                crate::private_fs::ensure_private_dir(&dir)
                    .map_err(|e| ClientError::Storage(format!("cannot create {}: {e}", dir.display())))?;
                Ok(Profile::Persistent(dir))
            }
            AuthStrategy::NoAuth | AuthStrategy::Custom => match user_data_dir {
                Some(dir) => {
                    // The folder a custom strategy chose is an account as LocalAuth's is.
                    if matches!(self, AuthStrategy::Custom) {
                        crate::private_fs::ensure_private_dir(dir)
                            .map_err(|e| ClientError::Storage(format!("cannot create {}: {e}", dir.display())))?;
                    }
                    Ok(Profile::Persistent(dir.to_path_buf()))
                }
                None => crate::temp_profiles::new_profile("profile")
                    .map(Profile::Temporary)
                    .map_err(|e| ClientError::Storage(format!("cannot create a temporary profile: {e}"))),
            },
        }
    }
}

/// Reads and checks RemoteAuth's options (whatsapp-web.js's rules).
pub fn remote_auth(m: &serde_json::Map<String, Value>) -> Result<RemoteAuth, ClientError> {
    let bad = |option: &str, reason: String| ClientError::InvalidOption { option: format!("RemoteAuth.{option}"), reason };
    let string = |k: &str| -> Result<Option<String>, ClientError> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(bad(k, format!("must be a string, got {}", crate::options::describe(other)))),
        }
    };
    let number = |k: &str| -> Result<Option<u64>, ClientError> {
        match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64()),
            Some(other) => Err(bad(k, format!("must be a non-negative whole number, got {}", crate::options::describe(other)))),
        }
    };
    let methods: Vec<&str> = m.get("storeMethods").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let missing: Vec<&str> = ["sessionExists", "save", "extract", "delete"].into_iter().filter(|x| !methods.contains(x)).collect();
    if !missing.is_empty() {
        return Err(bad("store", format!("is required and needs the methods sessionExists, save, extract and delete (missing: {})", missing.join(", "))));
    }
    let client_id = string("clientId")?.filter(|s| !s.is_empty());
    if let Some(id) = &client_id {
        check_client_id(id)?;
    }
    let backup = number("backupSyncIntervalMs")?.unwrap_or(0);
    if backup < 60_000 {
        return Err(bad("backupSyncIntervalMs", format!("must be at least 60000 (one minute), got {backup}")));
    }
    // Not in whatsapp-web.js (which waits 60 s): lets tests and impatient
    // deployments take the first backup sooner.
    let initial = number("initialBackupDelayMs")?.unwrap_or(60_000);
    let defaults = crate::session_archive::Limits::default();
    let positive = |k: &str, default: u64| -> Result<u64, ClientError> {
        match number(k)? {
            None => Ok(default),
            Some(0) => Err(bad(k, "must be a positive whole number".into())),
            Some(n) => Ok(n),
        }
    };
    // Not in whatsapp-web.js: caps on what a restore may unpack.
    let limits = crate::session_archive::Limits {
        max_bytes: positive("restoreMaxBytes", defaults.max_bytes)?,
        max_entries: positive("restoreMaxEntries", defaults.max_entries)?,
    };
    let local = LocalAuth::new(None, string("dataPath")?, None)?;
    Ok(RemoteAuth {
        client_id,
        data_path: local.data_path,
        backup_interval: std::time::Duration::from_millis(backup),
        initial_delay: std::time::Duration::from_millis(initial),
        rm_max_retries: number("rmMaxRetries")?.map(|n| n.min(u32::MAX as u64) as u32).unwrap_or(4),
        limits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_id_rule_matches_whatsapp_web_js() {
        for ok in ["a", "client-1", "A_b-9"] {
            assert!(check_client_id(ok).is_ok(), "{ok}");
        }
        for bad in ["a b", "../x", "a/b", "é", "x.y", "a;rm"] {
            assert_eq!(check_client_id(bad), Err(ClientError::InvalidClientId(bad.into())));
        }
    }

    #[test]
    fn local_auth_layout() {
        let a = LocalAuth::new(Some("bot".into()), Some("/tmp/x/./auth".into()), None).unwrap();
        assert_eq!(a.session_dir(), PathBuf::from("/tmp/x/auth/session-bot"));
        assert_eq!(a.rm_max_retries, 4);
        let b = LocalAuth::new(None, Some("/tmp/y".into()), Some(1)).unwrap();
        assert_eq!(b.session_dir(), PathBuf::from("/tmp/y/session"));
        let c = LocalAuth::new(None, None, None).unwrap();
        assert!(c.session_dir().ends_with(".wwebjs_auth/session"));
    }

    fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f)
    }

    #[test]
    fn remote_auth_rules_follow_whatsapp_web_js() {
        let ok = serde_json::json!({"storeMethods": ["sessionExists", "save", "extract", "delete"], "clientId": "r1", "dataPath": "/tmp/ra", "backupSyncIntervalMs": 60000});
        let r = remote_auth(ok.as_object().unwrap()).unwrap();
        assert_eq!(r.user_data_dir(), PathBuf::from("/tmp/ra/RemoteAuth-r1"));
        for (bad, option) in [
            (serde_json::json!({"storeMethods": ["save"], "backupSyncIntervalMs": 60000}), "RemoteAuth.store"),
            (serde_json::json!({"storeMethods": ["sessionExists", "save", "extract", "delete"], "backupSyncIntervalMs": 59999}), "RemoteAuth.backupSyncIntervalMs"),
            (serde_json::json!({"storeMethods": ["sessionExists", "save", "extract", "delete"]}), "RemoteAuth.backupSyncIntervalMs"),
        ] {
            match remote_auth(bad.as_object().unwrap()) {
                Err(ClientError::InvalidOption { option: o, .. }) => assert_eq!(o, option),
                other => panic!("{bad}: {other:?}"),
            }
        }
        let bad_id = serde_json::json!({"storeMethods": ["sessionExists", "save", "extract", "delete"], "clientId": "a b", "backupSyncIntervalMs": 60000});
        assert!(matches!(remote_auth(bad_id.as_object().unwrap()), Err(ClientError::InvalidClientId(_))));
    }

    #[test]
    fn local_auth_refuses_a_foreign_user_data_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let a = AuthStrategy::Local(LocalAuth::new(Some("x".into()), Some(tmp.path().to_string_lossy().into()), None).unwrap());
        assert!(matches!(tokio_test_block_on(a.prepare_profile(Some(Path::new("/elsewhere")), None)), Err(ClientError::InvalidOption { .. })));
        let p = tokio_test_block_on(a.prepare_profile(None, None)).unwrap();
        assert!(p.path().is_dir());
        assert!(p.path().ends_with("session-x"));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(p.path()).unwrap().permissions().mode() & 0o777, 0o700, "a session folder is private");
    }
}
