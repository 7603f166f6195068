//! Starting Chromium so that it cannot outlive us.
//!
//! Chromium is spawned by one long-lived thread with `PR_SET_PDEATHSIG`
//! (the signal follows the *thread* that forked, so a short-lived thread
//! would kill the browser when it ends) and in its own process group, so
//! that a close can take the whole tree (renderers, zygotes) down at once.
//!
//! The prebuilt binary is Linux-only; the `platform` functions at the end keep
//! other systems compiling when built from source: there the group kill on
//! `destroy()`/drop still applies, but nothing kills Chromium if Node itself
//! is killed (no PDEATHSIG outside Linux).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::{oneshot, watch};

use crate::errors::ClientError;

type SpawnJob = (Command, oneshot::Sender<std::io::Result<Child>>);

fn launcher() -> &'static Mutex<std_mpsc::Sender<SpawnJob>> {
    static LAUNCHER: OnceLock<Mutex<std_mpsc::Sender<SpawnJob>>> = OnceLock::new();
    LAUNCHER.get_or_init(|| {
        let (tx, rx) = std_mpsc::channel::<SpawnJob>();
        std::thread::Builder::new()
            .name("wwrs-launcher".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    let _ = reply.send(cmd.spawn());
                }
            })
            .expect("spawn launcher thread");
        Mutex::new(tx)
    })
}

/// Process groups of the browsers this process started and has not closed yet.
fn live_groups() -> &'static Mutex<std::collections::HashSet<i32>> {
    static LIVE: OnceLock<Mutex<std::collections::HashSet<i32>>> = OnceLock::new();
    LIVE.get_or_init(Default::default)
}

/// A running Chromium. Dropping it kills the process group.
#[derive(Debug)]
pub struct ChromiumProcess {
    pid: i32,
    /// Becomes `Some(description)` when the browser process has exited.
    exited: watch::Receiver<Option<String>>,
    stderr_tail: Arc<Mutex<Vec<String>>>,
}

/// Why one start of Chromium failed: only a browser that died while starting
/// is worth a second start.
enum LaunchFailure {
    DiedEarly(ClientError),
    Final(ClientError),
}

impl From<ClientError> for LaunchFailure {
    fn from(e: ClientError) -> Self {
        LaunchFailure::Final(e)
    }
}

/// How we reach the DevTools of a browser we started.
#[derive(Debug)]
pub enum DevToolsLink {
    /// `--remote-debugging-pipe`: the driver's socket and the handle for relays.
    #[cfg(unix)]
    Pipe { socket: super::devtools_pipe::PipeSocket, pipe: super::devtools_pipe::DevToolsPipe },
    /// Where pipes are not implemented (Windows): the port's websocket URL.
    #[cfg(not(unix))]
    Url(String),
}

/// Set to `true` by `destroy()` while a launch is under way.
pub type Cancel = watch::Receiver<bool>;

/// A launch that nobody will cancel.
pub fn never_cancelled() -> Cancel {
    static NEVER: OnceLock<watch::Sender<bool>> = OnceLock::new();
    NEVER.get_or_init(|| watch::channel(false).0).subscribe()
}

/// Resolves once `cancel` is set; never if its sender is gone without setting it.
pub async fn cancelled(cancel: &Cancel) {
    let mut cancel = cancel.clone();
    if cancel.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

impl ChromiumProcess {
    pub async fn spawn(executable: &std::path::Path, args: &[String], launch_timeout: Duration) -> Result<(Self, DevToolsLink), ClientError> {
        Self::spawn_cancellable(executable, args, launch_timeout, &never_cancelled()).await
    }

    /// Like [`spawn`](Self::spawn); if `cancel` is set before the browser is
    /// up, what was started is killed (and gone) before this returns `Destroyed`.
    ///
    /// Returns once Chromium answers over its DevTools pipe (or, where there
    /// is no pipe, has printed its DevTools URL).
    ///
    /// A Chromium that dies during start-up (it crashed, or closed its pipe
    /// before answering) is started once more: on a loaded machine Chromium
    /// occasionally crashes while it starts, and the next start works. A
    /// timeout, a locked profile or a missing executable is not retried.
    pub async fn spawn_cancellable(executable: &std::path::Path, args: &[String], launch_timeout: Duration, cancel: &Cancel) -> Result<(Self, DevToolsLink), ClientError> {
        match Self::spawn_once(executable, args, launch_timeout, cancel).await {
            Err(LaunchFailure::DiedEarly(first)) => {
                crate::debug_log!("Chromium died while starting ({first}); starting it once more");
                match Self::spawn_once(executable, args, launch_timeout, cancel).await {
                    Ok(up) => Ok(up),
                    Err(LaunchFailure::DiedEarly(ClientError::BrowserLaunch(second))) => {
                        Err(ClientError::BrowserLaunch(format!("Chromium died while starting, twice: {second}")))
                    }
                    Err(LaunchFailure::DiedEarly(e) | LaunchFailure::Final(e)) => Err(e),
                }
            }
            Err(LaunchFailure::Final(e)) => Err(e),
            Ok(up) => Ok(up),
        }
    }

    async fn spawn_once(executable: &std::path::Path, args: &[String], launch_timeout: Duration, cancel: &Cancel) -> Result<(Self, DevToolsLink), LaunchFailure> {
        let mut cmd = Command::new(executable);
        cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        platform::tie_to_parent(&mut cmd);
        #[cfg(unix)]
        let pipes = {
            let pipes = super::devtools_pipe::PipePair::new().map_err(|e| ClientError::BrowserLaunch(format!("cannot create the DevTools pipe: {e}")))?;
            pipes.install(&mut cmd);
            pipes
        };
        let (tx, rx) = oneshot::channel();
        launcher()
            .lock()
            .map_err(|_| ClientError::Internal("launcher lock poisoned".into()))?
            .send((cmd, tx))
            .map_err(|_| ClientError::Internal("launcher thread gone".into()))?;
        let mut child = rx
            .await
            .map_err(|_| ClientError::Internal("launcher thread gone".into()))?
            .map_err(|e| ClientError::BrowserLaunch(format!("{}: {e}", executable.display())))?;
        let pid = child.id() as i32;
        live_groups().lock().unwrap_or_else(|p| p.into_inner()).insert(pid);
        #[cfg(unix)]
        let link = {
            let (from_browser, to_browser) = pipes.into_parent_ends();
            super::devtools_pipe::start(from_browser, to_browser)
        };

        // Read stderr on a thread: the DevTools URL first, then keep draining so
        // Chromium never blocks on a full pipe; keep a tail for error messages.
        let stderr = child.stderr.take().expect("stderr piped");
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let (url_tx, url_rx) = oneshot::channel::<String>();
        {
            let tail = stderr_tail.clone();
            std::thread::Builder::new()
                .name("wwrs-chromium-stderr".into())
                .spawn(move || {
                    let mut url_tx = Some(url_tx);
                    for line in BufReader::new(stderr).lines() {
                        let Ok(line) = line else { break };
                        if let Some(rest) = line.strip_prefix("DevTools listening on ") {
                            if let Some(tx) = url_tx.take() {
                                let _ = tx.send(rest.trim().to_string());
                            }
                            continue;
                        }
                        let mut tail = tail.lock().unwrap_or_else(|p| p.into_inner());
                        if tail.len() >= 30 {
                            tail.remove(0);
                        }
                        tail.push(line);
                    }
                })
                .map_err(|e| ClientError::Internal(e.to_string()))?;
        }

        let (exit_tx, exited) = watch::channel(None);
        std::thread::Builder::new()
            .name("wwrs-chromium-wait".into())
            .spawn(move || {
                let why = match child.wait() {
                    Ok(status) => platform::describe_exit(status),
                    Err(e) => format!("Chromium could not be waited for: {e}"),
                };
                let _ = exit_tx.send(Some(why));
            })
            .map_err(|e| ClientError::Internal(e.to_string()))?;

        let process = ChromiumProcess { pid, exited, stderr_tail };
        #[cfg(unix)]
        let (link, up) = {
            drop(url_rx);
            match link {
                Ok((socket, pipe, ready)) => (Some(DevToolsLink::Pipe { socket, pipe }), ready),
                Err(e) => {
                    process.wait_or_kill(Duration::ZERO).await;
                    return Err(ClientError::BrowserLaunch(format!("cannot read the DevTools pipe: {e}")).into());
                }
            }
        };
        #[cfg(not(unix))]
        let (mut link, up) = (None, url_rx);
        let mut exited = process.exited.clone();
        // `None` from `up`: the pipe (or stderr) closed before an answer,
        // which is Chromium dying; a timeout is Chromium hanging.
        let outcome = tokio::select! {
            answer = up => Ok(answer.ok()),
            _ = exited.wait_for(|e| e.is_some()) => Ok(None),
            _ = tokio::time::sleep(launch_timeout) => Err(None),
            _ = cancelled(cancel) => Err(Some(ClientError::Destroyed)),
        };
        let answered = match outcome {
            Ok(answered) => answered,
            Err(Some(destroyed)) => {
                process.wait_or_kill(Duration::ZERO).await;
                return Err(LaunchFailure::Final(destroyed));
            }
            Err(None) => return Err(LaunchFailure::Final(process.launch_error(launch_timeout))),
        };
        #[cfg(not(unix))]
        if let Some(url) = &answered {
            link = Some(DevToolsLink::Url(url.clone()));
        }
        match (answered, link) {
            (Some(_), Some(link)) => Ok((process, link)),
            _ => {
                // Give the exit status a moment to arrive so the error says
                // how Chromium ended rather than that it did not answer.
                let mut exited = process.exited.clone();
                let _ = tokio::time::timeout(Duration::from_secs(2), exited.wait_for(|e| e.is_some())).await;
                match process.launch_error(launch_timeout) {
                    locked @ ClientError::ProfileLocked(_) => Err(LaunchFailure::Final(locked)),
                    died => Err(LaunchFailure::DiedEarly(died)),
                }
            }
        }
    }

    fn launch_error(&self, launch_timeout: Duration) -> ClientError {
        let tail = self.stderr_tail.lock().unwrap_or_else(|p| p.into_inner()).join("\n");
        if tail.contains("profile appears to be in use") || tail.contains("ProcessSingleton") {
            let dir = tail
                .split("--user-data-dir=")
                .nth(1)
                .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                .unwrap_or_else(|| "(profile)".into());
            return ClientError::ProfileLocked(dir);
        }
        let exited = self.exited.borrow().clone();
        let what = exited.map(|why| format!("{why} while starting")).unwrap_or_else(|| format!("no answer over DevTools within {} ms", launch_timeout.as_millis()));
        let tail = tail.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>();
        let tail = tail[tail.len().saturating_sub(5)..].join(" | ");
        ClientError::BrowserLaunch(if tail.is_empty() { what } else { format!("{what}: {tail}") })
    }

    /// Kills every browser this process started and waits (up to `limit`)
    /// until none of their processes is left: for the exit of Node, when
    /// nothing async can run any more.
    pub fn kill_all_and_wait(limit: Duration) {
        let groups: Vec<i32> = live_groups().lock().unwrap_or_else(|p| p.into_inner()).iter().copied().collect();
        for &pgid in &groups {
            platform::kill_group(pgid);
        }
        let deadline = std::time::Instant::now() + limit;
        while groups.iter().any(|&g| platform::group_has_live_member(g)) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Resolves when the browser process has exited, with why.
    pub fn exited(&self) -> watch::Receiver<Option<String>> {
        self.exited.clone()
    }

    pub fn has_exited(&self) -> bool {
        self.exited.borrow().is_some()
    }

    /// Kills the whole process group (browser, renderers, zygotes).
    pub fn kill_group(&self) {
        platform::kill_group(self.pid);
    }

    /// Waits for the browser to exit, killing the group if it takes longer than `grace`.
    pub async fn wait_or_kill(&self, grace: Duration) {
        let mut exited = self.exited.clone();
        if tokio::time::timeout(grace, exited.wait_for(|e| e.is_some())).await.is_err() {
            self.kill_group();
            let _ = tokio::time::timeout(Duration::from_secs(5), exited.wait_for(|e| e.is_some())).await;
        }
        // Children that outlived the browser (zygotes, crashpad) go with the group.
        self.kill_group();
        self.wait_group_gone(Duration::from_secs(3)).await;
    }

    /// SIGKILL is delivered asynchronously: wait until no live process of the
    /// group is left, so that when destroy() resolves the profile is free.
    async fn wait_group_gone(&self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while platform::group_has_live_member(self.pid) && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(15)).await;
        }
    }
}

impl Drop for ChromiumProcess {
    fn drop(&mut self) {
        live_groups().lock().unwrap_or_else(|p| p.into_inner()).remove(&self.pid);
        self.kill_group();
    }
}

/// What differs between operating systems: tying the child to us, killing its
/// tree, and telling whether any of the tree is left.
#[cfg(target_os = "linux")]
mod platform {
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    pub fn tie_to_parent(cmd: &mut Command) {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::setpgid(0, 0);
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // If our process already died between fork and prctl, go now.
                if libc::getppid() == 1 {
                    libc::_exit(1);
                }
                Ok(())
            });
        }
    }

    pub use super::unix::{describe_exit, kill_group};

    /// Whether any non-zombie process is left in process group `pgid`.
    pub fn group_has_live_member(pgid: i32) -> bool {
        let Ok(entries) = std::fs::read_dir("/proc") else { return false };
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.parse::<i32>().ok()) else { return false };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
            // Fields after the command name: state, ppid, pgrp, ...
            let Some(rest) = stat.rsplit_once(") ").map(|(_, r)| r) else { return false };
            let mut fields = rest.split_whitespace();
            let state = fields.next().unwrap_or("");
            let pgrp = fields.nth(1).and_then(|p| p.parse::<i32>().ok());
            pgrp == Some(pgid) && state != "Z" && state != "X"
        })
    }
}

/// macOS and the BSDs: a process group, no parent-death signal.
#[cfg(all(unix, not(target_os = "linux")))]
mod platform {
    use std::os::unix::process::CommandExt;
    use std::process::Command;

    pub fn tie_to_parent(cmd: &mut Command) {
        // SAFETY: setpgid is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                libc::setpgid(0, 0);
                Ok(())
            });
        }
    }

    pub use super::unix::{describe_exit, kill_group};

    /// Signal 0 probes the group (zombies count, so this may wait out its limit).
    pub fn group_has_live_member(pgid: i32) -> bool {
        // SAFETY: a plain syscall with signal 0, which delivers nothing.
        unsafe { libc::kill(-pgid, 0) == 0 }
    }
}

#[cfg(unix)]
mod unix {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    pub fn describe_exit(status: ExitStatus) -> String {
        match (status.code(), status.signal()) {
            (_, Some(sig)) => format!("Chromium was killed by signal {sig}"),
            (Some(code), _) => format!("Chromium exited with code {code}"),
            _ => "Chromium exited".to_string(),
        }
    }

    pub fn kill_group(pid: i32) {
        // SAFETY: plain syscalls on a pid we spawned in its own group.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

/// Windows: `taskkill /T` takes the tree down; no parent-death tie.
#[cfg(windows)]
mod platform {
    use std::os::windows::process::CommandExt;
    use std::process::{Command, ExitStatus, Stdio};

    const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;

    pub fn tie_to_parent(cmd: &mut Command) {
        cmd.creation_flags(CREATE_NEW_PROCESS_GROUP);
    }

    pub fn describe_exit(status: ExitStatus) -> String {
        match status.code() {
            Some(code) => format!("Chromium exited with code {code}"),
            None => "Chromium exited".to_string(),
        }
    }

    pub fn kill_group(pid: i32) {
        let _ = Command::new("taskkill")
            .args(["/PID", &pid.to_string(), "/T", "/F"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    /// taskkill waits for the tree; nothing is left to wait for.
    pub fn group_has_live_member(_pgid: i32) -> bool {
        false
    }
}
