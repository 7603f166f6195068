//! RemoteAuth: the browser profile backed up to a user's store as a zip.
//!
//! Layout and names follow whatsapp-web.js 1.34's RemoteAuth, so stores
//! written for it (`wwebjs-mongo`, `wwebjs-aws-s3`) keep working: the
//! profile lives in `<dataPath>/RemoteAuth-<clientId>`, a backup is the zip
//! `<dataPath>/RemoteAuth-<clientId>.zip` holding `Default/IndexedDB` and
//! `Default/Local Storage`, handed over by `store.save({ session })`. Stores
//! of the older kind read `<session>.zip` from the working directory, so the
//! zip is also placed there for the duration of the call.
//!
//! The store itself is the user's JavaScript object; [`RemoteStore`] calls it
//! through a thread-safe function, everything else (zip, unzip, folders,
//! timing) happens here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::errors::ClientError;
use crate::private_fs;
use crate::session_archive::{self, Limits};

#[derive(Debug, Clone, PartialEq)]
pub struct RemoteAuth {
    pub client_id: Option<String>,
    /// Absolute.
    pub data_path: PathBuf,
    pub backup_interval: Duration,
    /// Wait after the first login before the first backup (whatsapp-web.js: 60 s,
    /// so the session has settled enough to be restorable).
    pub initial_delay: Duration,
    pub rm_max_retries: u32,
    /// Caps on what a restore may unpack (`restoreMaxBytes`, `restoreMaxEntries`).
    pub limits: Limits,
}

impl RemoteAuth {
    pub fn session_name(&self) -> String {
        match &self.client_id {
            Some(id) => format!("RemoteAuth-{id}"),
            None => "RemoteAuth".into(),
        }
    }

    pub fn user_data_dir(&self) -> PathBuf {
        self.data_path.join(self.session_name())
    }

    fn zip_path(&self) -> PathBuf {
        self.data_path.join(format!("{}.zip", self.session_name()))
    }

    /// Prefix of the scratch folders a restore works in (siblings of the profile,
    /// so the finished profile can be renamed into place).
    fn scratch_prefix(&self) -> String {
        format!(".{}.restore-", self.session_name())
    }

    /// Before launch: the profile folder as the store has it. The local
    /// session is replaced only once a complete copy has been unpacked next
    /// to it; until then nothing local changes, so a store that is down, a
    /// damaged or hostile archive, or a cap reached leaves it as it was. A
    /// store without a backup keeps the local folder too (it may hold a login
    /// made before the first backup).
    pub async fn restore(&self, store: &RemoteStore) -> Result<(), ClientError> {
        let dir = self.user_data_dir();
        private_fs::create_dir_all(&self.data_path).map_err(storage)?;
        self.recover_interrupted_restores(&dir);
        let session = self.session_name();
        let failed = |step: &str, e: ClientError| {
            ClientError::Storage(format!("restoring {session} failed at {step}; the local session was left as it was: {}", detail(e)))
        };
        if !store.session_exists(&session).await.map_err(|e| failed("store.sessionExists()", e))? {
            return private_fs::ensure_private_dir(&dir).map_err(storage);
        }
        let scratch = tempfile::Builder::new()
            .prefix(&self.scratch_prefix())
            .tempdir_in(&self.data_path)
            .map_err(|e| failed("creating a scratch folder", storage(e)))?;
        // tempdir is 0700 already; the archive the store writes into it is unreadable to others.
        let zip = scratch.path().join(format!("{session}.zip"));
        store.extract(&session, &zip).await.map_err(|e| failed("store.extract()", e))?;
        if !zip.is_file() {
            return Err(failed("store.extract()", ClientError::Storage(format!("no archive was written to {}", zip.display()))));
        }
        let limits = self.limits;
        // The scratch folder travels with the blocking job, so it is removed only
        // once the unzip is over, even if this future is dropped (destroy()).
        let (scratch, unzipped) = tokio::task::spawn_blocking(move || {
            let _ = std::fs::set_permissions(&zip, std::os::unix::fs::PermissionsExt::from_mode(private_fs::FILE_MODE));
            let result = session_archive::unzip(&zip, &scratch.path().join("profile"), limits);
            let _ = std::fs::remove_file(&zip);
            (scratch, result)
        })
        .await
        .map_err(|e| failed("unzip", ClientError::Internal(e.to_string())))?;
        unzipped.map_err(|e| failed("unzip", ClientError::Storage(e)))?;
        swap_in(&scratch.path().join("profile"), &dir, &scratch.path().join("previous"))
            .map_err(|e| failed("moving the restored profile into place", storage(e)))?;
        Ok(())
    }

    /// A process that died between the two renames of a swap left the old
    /// profile in its scratch folder: put it back, then drop the leftovers.
    fn recover_interrupted_restores(&self, dir: &Path) {
        let prefix = self.scratch_prefix();
        let Ok(entries) = std::fs::read_dir(&self.data_path) else { return };
        for entry in entries.flatten() {
            if !entry.file_name().to_string_lossy().starts_with(&prefix) {
                continue;
            }
            let previous = entry.path().join("previous");
            if previous.is_dir() && !dir.exists() {
                let _ = std::fs::rename(&previous, dir);
            }
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }

    /// One backup: zip the session folders (0600, on a blocking thread) and
    /// hand them to the store. Nothing local changes, and nothing is deleted
    /// from the store, so a failed `save()` leaves both copies usable.
    pub async fn backup(&self, store: &RemoteStore) -> Result<(), ClientError> {
        let zip = self.zip_path();
        let profile_default = self.user_data_dir().join("Default");
        if !profile_default.is_dir() {
            return Err(ClientError::Storage(format!("no profile to back up at {}", profile_default.display())));
        }
        let zip_for_job = zip.clone();
        tokio::task::spawn_blocking(move || session_archive::zip_session(&profile_default, &zip_for_job))
            .await
            .map_err(|e| ClientError::Internal(e.to_string()))?
            .map_err(ClientError::Storage)?;
        let session = self.session_name();
        // Stores written for older whatsapp-web.js (wwebjs-mongo) read
        // `<session>.zip` from the working directory: a private copy is there
        // for the duration of the call only.
        let cwd_copy = std::env::current_dir().ok().map(|d| d.join(format!("{session}.zip"))).filter(|p| *p != zip);
        let cwd_copy = cwd_copy.filter(|copy| match private_fs::copy_replace(&zip, copy) {
            Ok(()) => true,
            Err(e) => {
                crate::debug_log!("RemoteAuth: no copy of the backup in the working directory: {e}");
                false
            }
        });
        let saved = store.save(&session, &zip).await;
        let _ = std::fs::remove_file(&zip);
        if let Some(copy) = &cwd_copy {
            let _ = std::fs::remove_file(copy);
        }
        saved
    }

    /// `logout()`: the backup and the local profile are deleted.
    pub async fn delete(&self, store: Option<&RemoteStore>) -> Result<(), ClientError> {
        if let Some(store) = store {
            let session = self.session_name();
            if store.session_exists(&session).await? {
                store.delete(&session).await?;
            }
        }
        remove_dir(&self.user_data_dir(), self.rm_max_retries).await
    }
}

/// Puts `new` where `dir` is, keeping the old `dir` at `previous` until the
/// new one is in place (and putting it back if that fails).
fn swap_in(new: &Path, dir: &Path, previous: &Path) -> std::io::Result<()> {
    let had_old = match std::fs::rename(dir, previous) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    if let Err(e) = std::fs::rename(new, dir) {
        if had_old {
            let _ = std::fs::rename(previous, dir);
        }
        return Err(e);
    }
    Ok(())
}

/// A storage error's own words, without the "session storage:" prefix.
fn detail(e: ClientError) -> String {
    match e {
        ClientError::Storage(s) => s,
        other => other.to_string(),
    }
}

fn storage(e: impl std::fmt::Display) -> ClientError {
    ClientError::Storage(e.to_string())
}

pub async fn remove_dir(dir: &Path, retries: u32) -> Result<(), ClientError> {
    let mut attempt = 0;
    loop {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) if attempt >= retries => return Err(ClientError::Storage(format!("cannot remove {}: {e}", dir.display()))),
            Err(_) => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100 * attempt as u64)).await;
            }
        }
    }
}

/// Calls the user's store object (`sessionExists`, `save`, `extract`, `delete`).
pub type StoreCall = Arc<dyn Fn(&'static str, Value) -> futures::future::BoxFuture<'static, Result<Value, String>> + Send + Sync>;

#[derive(Clone)]
pub struct RemoteStore {
    call: StoreCall,
}

impl std::fmt::Debug for RemoteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RemoteStore")
    }
}

impl RemoteStore {
    pub fn new(call: StoreCall) -> Self {
        RemoteStore { call }
    }

    /// A custom strategy's hook through the same bridge (index.js answers with
    /// JSON); the session bounds the wait.
    pub async fn call_hook(&self, hook: &'static str) -> Result<Value, String> {
        (self.call)(hook, Value::Null).await
    }

    async fn invoke(&self, method: &'static str, args: Value) -> Result<Value, ClientError> {
        match tokio::time::timeout(Duration::from_secs(120), (self.call)(method, args)).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(ClientError::Storage(format!("store.{method}() failed: {e}"))),
            Err(_) => Err(ClientError::Storage(format!("store.{method}() did not settle within 120 s"))),
        }
    }

    pub async fn session_exists(&self, session: &str) -> Result<bool, ClientError> {
        let v = self.invoke("sessionExists", json!({ "session": session })).await?;
        // Stores answer with a boolean or a count.
        Ok(match v {
            Value::Bool(b) => b,
            Value::Number(n) => n.as_f64().unwrap_or(0.0) > 0.0,
            Value::Null => false,
            _ => true,
        })
    }

    pub async fn save(&self, session: &str, zip: &Path) -> Result<(), ClientError> {
        self.invoke("save", json!({ "session": session, "path": zip.to_string_lossy() })).await.map(|_| ())
    }

    pub async fn extract(&self, session: &str, zip: &Path) -> Result<(), ClientError> {
        self.invoke("extract", json!({ "session": session, "path": zip.to_string_lossy() })).await.map(|_| ())
    }

    pub async fn delete(&self, session: &str) -> Result<(), ClientError> {
        self.invoke("delete", json!({ "session": session })).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn remote(data_path: &Path) -> RemoteAuth {
        RemoteAuth {
            client_id: Some("t".into()),
            data_path: data_path.to_path_buf(),
            backup_interval: Duration::from_secs(60),
            initial_delay: Duration::from_secs(60),
            rm_max_retries: 0,
            limits: Limits { max_bytes: 1 << 20, max_entries: 100 },
        }
    }

    /// A store whose archive is `zip` (copied on extract) and that fails the named method.
    fn store(zip: Option<Vec<u8>>, fail: Option<&'static str>, saved: Arc<std::sync::Mutex<Vec<Vec<u8>>>>) -> RemoteStore {
        RemoteStore::new(Arc::new(move |method: &'static str, args: Value| {
            let (zip, saved) = (zip.clone(), saved.clone());
            Box::pin(async move {
                if fail == Some(method) {
                    return Err(format!("{method} is down"));
                }
                let path = args.get("path").and_then(Value::as_str).map(PathBuf::from);
                match method {
                    "sessionExists" => Ok(Value::Bool(zip.is_some())),
                    "extract" => std::fs::write(path.unwrap(), zip.unwrap()).map(|_| Value::Null).map_err(|e| e.to_string()),
                    "save" => {
                        saved.lock().unwrap().push(std::fs::read(path.unwrap()).map_err(|e| e.to_string())?);
                        Ok(Value::Null)
                    }
                    _ => Ok(Value::Null),
                }
            }) as futures::future::BoxFuture<'static, Result<Value, String>>
        }))
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
    }

    /// Every file under `dir` with its bytes, for byte-for-byte comparisons.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    out.push((e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn local_session(tmp: &Path) -> (RemoteAuth, Vec<(PathBuf, Vec<u8>)>) {
        let r = remote(tmp);
        let ls = r.user_data_dir().join("Default/Local Storage/leveldb");
        std::fs::create_dir_all(&ls).unwrap();
        std::fs::write(ls.join("000005.ldb"), b"the newer local session").unwrap();
        let snap = snapshot(&r.user_data_dir());
        (r, snap)
    }

    #[test]
    fn a_failed_restore_leaves_the_local_session_byte_for_byte() {
        let good = zip_of(&[("Default/Local Storage/leveldb/000009.ldb", b"from the store")]);
        let truncated = good[..good.len() / 2].to_vec();
        let traversal = zip_of(&[("Default/Local Storage/leveldb/x", b"ok"), ("../../outside", b"evil")]);
        let bomb = zip_of(&[("Default/IndexedDB/big", &vec![0u8; 4 << 20])]);
        let cases: Vec<(&str, Option<Vec<u8>>, Option<&'static str>, &str)> = vec![
            ("store down", Some(good.clone()), Some("sessionExists"), "store.sessionExists()"),
            ("extract fails", Some(good.clone()), Some("extract"), "store.extract()"),
            ("truncated zip", Some(truncated), None, "unzip"),
            ("../ entry", Some(traversal), None, "unsafe path"),
            ("over the cap", Some(bomb), None, "restoreMaxBytes"),
        ];
        for (what, zip, fail, says) in cases {
            let tmp = tempfile::tempdir().unwrap();
            let (r, before) = local_session(tmp.path());
            let err = block_on(r.restore(&store(zip, fail, Default::default()))).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(says) && message.contains("left as it was"), "{what}: {message}");
            assert_eq!(snapshot(&r.user_data_dir()), before, "{what}: local session unchanged");
            let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
            assert_eq!(left, vec![std::ffi::OsString::from("RemoteAuth-t")], "{what}: no scratch or zip left");
            assert!(!tmp.path().parent().unwrap().join("outside").exists());
        }
    }

    #[test]
    fn a_good_restore_replaces_the_local_session_and_no_backup_keeps_it() {
        let tmp = tempfile::tempdir().unwrap();
        let (r, before) = local_session(tmp.path());
        block_on(r.restore(&store(None, None, Default::default()))).unwrap();
        assert_eq!(snapshot(&r.user_data_dir()), before, "no backup in the store: the local login stays");
        let zip = zip_of(&[("Default/Local Storage/leveldb/000009.ldb", b"from the store"), ("Local State", b"{}")]);
        block_on(r.restore(&store(Some(zip), None, Default::default()))).unwrap();
        let after = snapshot(&r.user_data_dir());
        assert_eq!(after, vec![(PathBuf::from("Default/Local Storage/leveldb/000009.ldb"), b"from the store".to_vec())]);
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("RemoteAuth-t")]);
    }

    #[test]
    fn an_interrupted_swap_is_undone_at_the_next_restore() {
        let tmp = tempfile::tempdir().unwrap();
        let (r, before) = local_session(tmp.path());
        let scratch = tmp.path().join(format!("{}crashed", r.scratch_prefix()));
        std::fs::create_dir_all(&scratch).unwrap();
        std::fs::rename(r.user_data_dir(), scratch.join("previous")).unwrap();
        block_on(r.restore(&store(None, None, Default::default()))).unwrap();
        assert_eq!(snapshot(&r.user_data_dir()), before);
        assert!(!scratch.exists());
    }

    #[test]
    fn a_failed_save_leaves_the_local_folder_and_no_zip() {
        let tmp = tempfile::tempdir().unwrap();
        let (r, before) = local_session(tmp.path());
        let saved = Arc::new(std::sync::Mutex::new(Vec::new()));
        block_on(r.backup(&store(None, None, saved.clone()))).unwrap();
        assert_eq!(saved.lock().unwrap().len(), 1, "the first backup reached the store");
        let err = block_on(r.backup(&store(None, Some("save"), saved.clone()))).unwrap_err();
        assert!(err.to_string().contains("store.save() failed"), "{err}");
        assert_eq!(snapshot(&r.user_data_dir()), before);
        assert!(!r.zip_path().exists());
        // What the store holds is a complete archive that restores.
        let restored = tempfile::tempdir().unwrap();
        let other = remote(restored.path());
        block_on(other.restore(&store(Some(saved.lock().unwrap()[0].clone()), None, Default::default()))).unwrap();
        assert_eq!(snapshot(&other.user_data_dir()), before);
    }
}
