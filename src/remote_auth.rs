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

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::errors::ClientError;

/// The folders of a profile that hold a WhatsApp Web session.
const REQUIRED_DIRS: [&str; 3] = ["Default", "IndexedDB", "Local Storage"];

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

    /// Before launch: the profile folder as the store has it, or empty.
    pub async fn restore(&self, store: &RemoteStore) -> Result<(), ClientError> {
        let dir = self.user_data_dir();
        remove_dir(&dir, self.rm_max_retries).await?;
        let session = self.session_name();
        if store.session_exists(&session).await? {
            let zip = self.zip_path();
            std::fs::create_dir_all(&self.data_path).map_err(storage)?;
            store.extract(&session, &zip).await?;
            let unzipped = unzip(&zip, &dir);
            let _ = std::fs::remove_file(&zip);
            unzipped?;
        } else {
            std::fs::create_dir_all(&dir).map_err(storage)?;
        }
        Ok(())
    }

    /// One backup: zip the session folders and hand them to the store.
    pub async fn backup(&self, store: &RemoteStore) -> Result<(), ClientError> {
        let zip = self.zip_path();
        let profile_default = self.user_data_dir().join("Default");
        if !profile_default.is_dir() {
            return Err(ClientError::Storage(format!("no profile to back up at {}", profile_default.display())));
        }
        zip_session(&profile_default, &zip)?;
        let session = self.session_name();
        // Stores written for older whatsapp-web.js read `<session>.zip` from the working directory.
        let cwd_copy = std::env::current_dir().ok().map(|d| d.join(format!("{session}.zip"))).filter(|p| *p != zip);
        if let Some(copy) = &cwd_copy {
            let _ = std::fs::copy(&zip, copy);
        }
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

/// Zips `<profile>/Default/{IndexedDB, Local Storage}` as `Default/...`.
fn zip_session(profile_default: &Path, zip_path: &Path) -> Result<(), ClientError> {
    let file = File::create(zip_path).map_err(storage)?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for name in REQUIRED_DIRS {
        let source = profile_default.join(name);
        if source.is_dir() {
            add_dir(&mut zip, &source, &Path::new("Default").join(name), options)?;
        }
    }
    zip.finish().map_err(storage)?;
    Ok(())
}

fn add_dir(zip: &mut zip::ZipWriter<File>, dir: &Path, prefix: &Path, options: zip::write::SimpleFileOptions) -> Result<(), ClientError> {
    let name = prefix.to_string_lossy().replace('\\', "/");
    zip.add_directory(format!("{name}/"), options).map_err(storage)?;
    for entry in std::fs::read_dir(dir).map_err(storage)? {
        let entry = entry.map_err(storage)?;
        let path = entry.path();
        let inner = prefix.join(entry.file_name());
        let kind = entry.file_type().map_err(storage)?;
        if kind.is_dir() {
            add_dir(zip, &path, &inner, options)?;
        } else if kind.is_file() {
            // A live profile: a file may vanish between listing and reading.
            let Ok(mut f) = File::open(&path) else { continue };
            let mut buf = Vec::new();
            if f.read_to_end(&mut buf).is_err() {
                continue;
            }
            zip.start_file(inner.to_string_lossy().replace('\\', "/"), options).map_err(storage)?;
            zip.write_all(&buf).map_err(storage)?;
        }
    }
    Ok(())
}

/// Unzips into `dir`, refusing entries that would land outside it.
fn unzip(zip_path: &Path, dir: &Path) -> Result<(), ClientError> {
    let file = File::open(zip_path).map_err(storage)?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| ClientError::Storage(format!("the stored session is not a zip: {e}")))?;
    std::fs::create_dir_all(dir).map_err(storage)?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(storage)?;
        let Some(relative) = entry.enclosed_name() else {
            return Err(ClientError::Storage(format!("the stored session has an unsafe path {:?}", entry.name())));
        };
        let target = dir.join(relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).map_err(storage)?;
        } else {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(storage)?;
            }
            let mut out = File::create(&target).map_err(storage)?;
            std::io::copy(&mut entry, &mut out).map_err(storage)?;
        }
    }
    Ok(())
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

    #[test]
    fn zip_roundtrip_keeps_the_session_folders_only() {
        let tmp = tempfile::tempdir().unwrap();
        let default = tmp.path().join("profile/Default");
        std::fs::create_dir_all(default.join("IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb")).unwrap();
        std::fs::create_dir_all(default.join("Local Storage/leveldb")).unwrap();
        std::fs::create_dir_all(default.join("Cache")).unwrap();
        std::fs::write(default.join("IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log"), b"\x00\x01session").unwrap();
        std::fs::write(default.join("Local Storage/leveldb/CURRENT"), b"MANIFEST-000001\n").unwrap();
        std::fs::write(default.join("Cache/big"), vec![7u8; 1000]).unwrap();
        let zip = tmp.path().join("s.zip");
        zip_session(&default, &zip).unwrap();
        let out = tmp.path().join("restored");
        unzip(&zip, &out).unwrap();
        assert_eq!(std::fs::read(out.join("Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log")).unwrap(), b"\x00\x01session");
        assert_eq!(std::fs::read(out.join("Default/Local Storage/leveldb/CURRENT")).unwrap(), b"MANIFEST-000001\n");
        assert!(!out.join("Default/Cache").exists(), "caches are not backed up");
    }

    #[test]
    fn unzip_refuses_paths_outside_the_profile() {
        let tmp = tempfile::tempdir().unwrap();
        let zip_path = tmp.path().join("evil.zip");
        let mut zip = zip::ZipWriter::new(File::create(&zip_path).unwrap());
        zip.start_file("../escaped", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"x").unwrap();
        zip.finish().unwrap();
        assert!(matches!(unzip(&zip_path, &tmp.path().join("p")), Err(ClientError::Storage(_))));
        assert!(!tmp.path().join("escaped").exists());
    }
}
