//! Throw-away Chromium profiles (NoAuth, sharedBrowser), one folder per process.
//!
//! Every temporary profile of this process lives below
//! `$TMPDIR/whatsapp-web-rs-<pid>/` (0700), locked by the process while it
//! lives. A profile is deleted when its
//! client closes; whatever a process leaves behind because it exited without
//! `destroy()` is deleted by [`cleanup_at_exit`] (called from Node's `exit`
//! event), and the folders of processes that died without running it
//! (SIGKILL, a crash) are swept by the next process that makes a profile.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::private_fs;

const PREFIX: &str = "whatsapp-web-rs-";

/// This process's folder, made (and stale ones swept) on first use.
fn process_root() -> std::io::Result<PathBuf> {
    static ROOT: Mutex<Option<PathBuf>> = Mutex::new(None);
    let mut root = ROOT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(dir) = root.as_ref().filter(|d| d.is_dir()) {
        return Ok(dir.clone());
    }
    let tmp = std::env::temp_dir();
    sweep_stale(&tmp);
    let dir = tmp.join(format!("{PREFIX}{}", std::process::id()));
    private_fs::ensure_private_dir(&dir)?;
    hold_alive_lock(&dir);
    *root = Some(dir.clone());
    Ok(dir)
}

/// Holds an exclusive lock on `<dir>/.alive` for the life of the process. The
/// kernel drops it when the process dies, whatever the pid namespace, so a
/// sweeper in another container sharing TMPDIR (where our pid means nothing)
/// or after pid reuse still tells a live folder from a dead one.
fn hold_alive_lock(dir: &Path) {
    static HELD: Mutex<Vec<std::fs::File>> = Mutex::new(Vec::new());
    let Ok(file) = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".alive")) else { return };
    // SAFETY: flock on a descriptor we own.
    if unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        HELD.lock().unwrap_or_else(|p| p.into_inner()).push(file);
    }
}

/// Whether the process that made `dir` is gone: its lock can be taken (or,
/// for a folder without one, its pid no longer runs).
fn owner_gone(dir: &Path, pid: i32) -> bool {
    match std::fs::File::open(dir.join(".alive")) {
        // SAFETY: flock on a descriptor we own; closing it releases the probe.
        Ok(file) => unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX | libc::LOCK_NB) == 0 },
        Err(_) => !alive(pid),
    }
}

/// A fresh profile folder below this process's folder, deleted when dropped.
pub fn new_profile(kind: &str) -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix(&format!("{kind}-")).tempdir_in(process_root()?)
}

/// Removes the folders of processes that no longer run.
fn sweep_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)).and_then(|p| p.parse::<i32>().ok()) else { continue };
        if pid != std::process::id() as i32 && owner_gone(&entry.path(), pid) {
            crate::debug_log!("removing the temporary profiles of process {pid}, which is gone");
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// At process exit: stops every Chromium this process started (they would
/// die with it anyway, but could still write into their profiles) and
/// deletes this process's folder of temporary profiles. Synchronous: Node's
/// `exit` listeners cannot wait.
pub fn cleanup_at_exit() {
    crate::browser::ChromiumProcess::kill_all_and_wait(std::time::Duration::from_secs(2));
    let tmp = std::env::temp_dir();
    let dir = tmp.join(format!("{PREFIX}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A child that has exited (and been reaped): a pid that no longer runs.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id()
    }

    #[test]
    fn folders_of_dead_processes_are_swept_and_live_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let stale = tmp.path().join(format!("{PREFIX}{dead}"));
        let live = tmp.path().join(format!("{PREFIX}{}", std::process::id()));
        let unrelated = tmp.path().join(format!("{PREFIX}shared-abc"));
        for d in [&stale, &live, &unrelated] {
            std::fs::create_dir_all(d.join("profile-x")).unwrap();
        }
        sweep_stale(tmp.path());
        assert!(!stale.exists());
        assert!(live.exists());
        assert!(unrelated.exists(), "only <prefix><pid> folders are ours to judge");
    }

    #[test]
    fn a_held_lock_keeps_a_folder_whose_pid_looks_dead() {
        // Another pid namespace sharing TMPDIR: the pid is dead here, the owner is alive.
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(format!("{PREFIX}{}", dead_pid()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = std::fs::File::create(dir.join(".alive")).unwrap();
        // A separate open file description, as another process would hold it.
        assert_eq!(unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX | libc::LOCK_NB) }, 0);
        sweep_stale(tmp.path());
        assert!(dir.exists(), "locked: its owner lives");
        drop(file);
        sweep_stale(tmp.path());
        assert!(!dir.exists(), "unlocked: swept");
    }
}
