//! The file descriptors of `--remote-debugging-pipe`: two pipes whose
//! child ends become descriptors 3 (commands in) and 4 (messages out) in
//! Chromium, and nowhere else. What travels over them: devtools_pipe.rs.

use std::os::fd::OwnedFd;

/// The two pipes a launch needs: the parent's ends, and the child's ends,
/// which go to descriptors 3 and 4 in Chromium.
pub struct PipePair {
    pub from_browser: OwnedFd,
    pub to_browser: OwnedFd,
    child_reads: OwnedFd,
    child_writes: OwnedFd,
}

impl PipePair {
    pub fn new() -> std::io::Result<Self> {
        let (child_reads, to_browser) = cloexec_pipe()?;
        let (from_browser, child_writes) = cloexec_pipe()?;
        Ok(PipePair { from_browser, to_browser, child_reads, child_writes })
    }

    /// Makes the child's ends descriptors 3 (commands in) and 4 (messages
    /// out) in the spawned process. The parent's copies close when the pair's
    /// child ends are dropped after the spawn (`into_parent_ends`).
    pub fn install(&self, cmd: &mut std::process::Command) {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let (reads, writes) = (self.child_reads.as_raw_fd(), self.child_writes.as_raw_fd());
        // SAFETY: dup2 is async-signal-safe; both sources are >= 5 (see
        // cloexec_pipe), so neither is overwritten by the other's dup2. The
        // copies lose FD_CLOEXEC, so exactly these two cross the exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(reads, 3) < 0 || libc::dup2(writes, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    /// After the spawn: closes our copies of the child's ends (so that the
    /// browser's exit is seen as the end of the pipe) and keeps ours.
    pub fn into_parent_ends(self) -> (OwnedFd, OwnedFd) {
        (self.from_browser, self.to_browser)
    }

    /// Both sides, for tests that play Chromium: (our ends, its read end, its write end).
    #[cfg(test)]
    pub fn with_child_ends_for_tests(self) -> ((OwnedFd, OwnedFd), OwnedFd, OwnedFd) {
        ((self.from_browser, self.to_browser), self.child_reads, self.child_writes)
    }
}

/// A pipe whose two ends are close-on-exec and numbered 5 or above.
fn cloexec_pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: pipe() fills two fresh descriptors, each owned exactly once below.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    Ok((above_four(read)?, above_four(write)?))
}

/// The same pipe end as a descriptor >= 5 with FD_CLOEXEC, so that no other
/// process we spawn inherits it and the dup2 to 3 and 4 cannot clash.
fn above_four(fd: OwnedFd) -> std::io::Result<OwnedFd> {
    use std::os::fd::{AsRawFd, FromRawFd};
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor we then own; `fd` is closed on drop.
    let copy = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 5) };
    if copy < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(unsafe { OwnedFd::from_raw_fd(copy) })
}
