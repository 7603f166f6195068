//! One HTTP cache and V8 code cache for the sessions that have no profile
//! of their own (NoAuth), kept in a per-user folder.
//!
//! WhatsApp Web is megabytes of JavaScript under content-hashed names served
//! `immutable`. A NoAuth session starts on an empty temporary profile, so
//! without this every start downloads and compiles all of it again. With
//! `--disk-cache-dir` Chromium keeps both its HTTP cache and its code cache
//! ("Code Cache/js") there instead of in the profile (checked with Chromium
//! 156), so the second process on the machine loads the bundles from disk and,
//! from the third load on, skips compiling them. Nothing of a session is kept
//! there: cookies, IndexedDB and local storage stay in the temporary profile.
//!
//! Two Chromium processes must not use one cache folder at the same time
//! (each assumes it owns the index). So the folder has a few slots, each
//! guarded by an advisory lock held for the browser's lifetime; when all are
//! busy the session keeps Chromium's default, a private cache in its profile.

use std::fs::{File, OpenOptions};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// How many browsers at once can use a shared cache; more start with a private one.
const SLOTS: usize = 4;

/// A cache slot in use: the lock is released when this is dropped, which must
/// be after the browser using it has exited.
#[derive(Debug)]
pub struct CacheLease {
    dir: PathBuf,
    _lock: File,
}

impl CacheLease {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// `$XDG_CACHE_HOME/whatsapp-web-rs/chromium`, else `~/.cache/whatsapp-web-rs/chromium`.
pub fn base_dir() -> Option<PathBuf> {
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_absolute());
    let root = from_env("XDG_CACHE_HOME").or_else(|| from_env("HOME").map(|h| h.join(".cache")))?;
    Some(root.join("whatsapp-web-rs").join("chromium"))
}

/// The first free slot of the shared cache, locked; `None` when the folder
/// cannot be made or every slot is in use (the caller then keeps a private cache).
pub fn lease() -> Option<CacheLease> {
    lease_in(&base_dir()?)
}

fn lease_in(base: &Path) -> Option<CacheLease> {
    if let Err(e) = std::fs::create_dir_all(base) {
        crate::debug_log!("shared cache: cannot create {}: {e}", base.display());
        return None;
    }
    for slot in 0..SLOTS {
        let lock_path = base.join(format!("slot-{slot}.lock"));
        let Ok(lock) = OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path) else { continue };
        // SAFETY: flock on a descriptor we own; LOCK_NB never blocks.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            continue;
        }
        let dir = base.join(format!("slot-{slot}"));
        if std::fs::create_dir_all(&dir).is_err() {
            continue;
        }
        crate::debug_log!("shared cache: using {}", dir.display());
        return Some(CacheLease { dir, _lock: lock });
    }
    crate::debug_log!("shared cache: all {SLOTS} slots busy; this session keeps a private cache");
    None
}

/// Points Chromium's caches at the leased folder, unless the user chose one.
pub fn apply(args: &mut Vec<String>, lease: &CacheLease) {
    if !args.iter().any(|a| a == "--disk-cache-dir" || a.starts_with("--disk-cache-dir=")) {
        args.push(format!("--disk-cache-dir={}", lease.dir().display()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_exclusive_and_freed_on_drop() {
        let base = tempfile::tempdir().unwrap();
        let leases: Vec<_> = (0..SLOTS).map(|_| lease_in(base.path()).expect("a free slot")).collect();
        let dirs: std::collections::HashSet<_> = leases.iter().map(|l| l.dir().to_path_buf()).collect();
        assert_eq!(dirs.len(), SLOTS, "each lease gets its own folder");
        assert!(lease_in(base.path()).is_none(), "all slots busy: private cache");
        let freed = leases[1].dir().to_path_buf();
        drop(leases);
        assert_eq!(lease_in(base.path()).unwrap().dir(), base.path().join("slot-0"));
        assert!(freed.exists());
    }

    #[test]
    fn user_cache_dir_wins() {
        let base = tempfile::tempdir().unwrap();
        let lease = lease_in(base.path()).unwrap();
        let mut args = vec!["--disk-cache-dir=/mine".to_string()];
        apply(&mut args, &lease);
        assert_eq!(args, vec!["--disk-cache-dir=/mine".to_string()]);
        let mut args = vec![];
        apply(&mut args, &lease);
        assert_eq!(args, vec![format!("--disk-cache-dir={}", lease.dir().display())]);
    }
}
