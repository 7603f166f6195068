//! What goes into a worker's lease machine and what comes out of it. Redis
//! commands come out as data (which script, which keys, which arguments);
//! the driver sends them and feeds the replies back in.

use super::keys::{AccountId, Keys, WorkerId};
use super::placement::WorkerLoad;

/// Numbers the machine gives its Redis commands so their replies can be
/// matched (a reply to a request the machine no longer waits for is ignored).
pub type ReqId = u64;

/// The pool's Lua scripts (src/pool/lua/), sent with EVALSHA after a
/// SCRIPT LOAD of [`Script::source`], or with EVAL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Claim,
    Renew,
    Release,
    // The registry, backups and events (registry.rs); the lease machine
    // never sends these.
    Heartbeat,
    Registry,
    CommitBackup,
    AppendEvent,
}

impl Script {
    pub const ALL: [Script; 7] = [Script::Claim, Script::Renew, Script::Release, Script::Heartbeat, Script::Registry, Script::CommitBackup, Script::AppendEvent];

    pub fn source(self) -> &'static str {
        match self {
            Script::Claim => include_str!("lua/claim.lua"),
            Script::Renew => include_str!("lua/renew.lua"),
            Script::Release => include_str!("lua/release.lua"),
            Script::Heartbeat => include_str!("lua/heartbeat.lua"),
            Script::Registry => include_str!("lua/registry.lua"),
            Script::CommitBackup => include_str!("lua/commit_backup.lua"),
            Script::AppendEvent => include_str!("lua/append_event.lua"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Claim => "claim",
            Script::Renew => "renew",
            Script::Release => "release",
            Script::Heartbeat => "heartbeat",
            Script::Registry => "registry",
            Script::CommitBackup => "commit_backup",
            Script::AppendEvent => "append_event",
        }
    }
}

/// One script call. Each variant carries exactly what its script needs, so
/// a renewal without a token (or a claim with one) cannot be built; keys and
/// arguments are separate values, never spliced into script text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedisCommand {
    Claim { lease_key: String, token_key: String, worker: WorkerId, lease_ms: u64 },
    Renew { lease_key: String, token: u64, worker: WorkerId, lease_ms: u64 },
    Release { lease_key: String, token: u64, worker: WorkerId },
}

impl RedisCommand {
    pub(crate) fn claim(keys: &Keys, account: &AccountId, worker: &WorkerId, lease_ms: u64) -> Self {
        RedisCommand::Claim { lease_key: keys.lease(account), token_key: keys.token(account), worker: worker.clone(), lease_ms }
    }

    pub(crate) fn renew(keys: &Keys, account: &AccountId, token: u64, worker: &WorkerId, lease_ms: u64) -> Self {
        RedisCommand::Renew { lease_key: keys.lease(account), token, worker: worker.clone(), lease_ms }
    }

    pub(crate) fn release(keys: &Keys, account: &AccountId, token: u64, worker: &WorkerId) -> Self {
        RedisCommand::Release { lease_key: keys.lease(account), token, worker: worker.clone() }
    }

    pub fn script(&self) -> Script {
        match self {
            RedisCommand::Claim { .. } => Script::Claim,
            RedisCommand::Renew { .. } => Script::Renew,
            RedisCommand::Release { .. } => Script::Release,
        }
    }

    /// KEYS, in the order the script reads them.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            RedisCommand::Claim { lease_key, token_key, .. } => vec![lease_key.as_str(), token_key.as_str()],
            RedisCommand::Renew { lease_key, .. } | RedisCommand::Release { lease_key, .. } => vec![lease_key.as_str()],
        }
    }

    /// ARGV, in the order the script reads them.
    pub fn args(&self) -> Vec<String> {
        match self {
            RedisCommand::Claim { worker, lease_ms, .. } => vec![worker.as_str().into(), lease_ms.to_string()],
            RedisCommand::Renew { token, worker, lease_ms, .. } => vec![token.to_string(), worker.as_str().into(), lease_ms.to_string()],
            RedisCommand::Release { token, worker, .. } => vec![token.to_string(), worker.as_str().into()],
        }
    }
}

/// A script's answer, as the driver read it from the RESP reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptReply {
    /// claim.lua `{1, token}`.
    Claimed {
        token: u64,
    },
    /// claim.lua `{0, holder, pttl}`: another claim holds the lease.
    Held {
        holder: String,
        pttl_ms: i64,
    },
    /// renew.lua 1 / 0.
    Renewed,
    NotRenewed,
    /// release.lua 1 / 0.
    Released,
    NotReleased,
}

/// What Redis currently knows about the pool, read by the driver every
/// placement period (docs/pool.md, "Placement").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Workers whose heartbeat has not expired.
    pub workers: Vec<WorkerLoad>,
    /// Accounts of the pool with no lease key.
    pub unowned: Vec<AccountId>,
    /// Every account of the pool (`{registry}:accounts`), when it was read:
    /// a session held here whose account is not in it was removed
    /// (`pool.remove`) and is handed over. `None`: not read, nothing is
    /// taken for removed.
    pub accounts: Option<std::collections::BTreeSet<AccountId>>,
    /// Unowned accounts whose client last failed to start on a worker
    /// (`{acct}:failed`, for two lease times): placement gives them elsewhere.
    pub failed_on: std::collections::HashMap<AccountId, WorkerId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A timer fired (or the driver just woke up: every input is a tick too).
    Tick,
    /// A fresh view of the pool: claim what placement gives this worker.
    Placement(Snapshot),
    /// The reply to a command; `Err` for a Redis error, a lost connection or
    /// the driver's own time limit (the command may or may not have run).
    Reply(ReqId, Result<ScriptReply, String>),
    /// The application changed this worker's capacity.
    Capacity(u32),
    /// A client asked to stop for a hand-over has stopped (its profile is
    /// closed, so a backup of it is consistent).
    ClientStopped(AccountId),
    /// The hand-over backup finished (`true`) or failed (`false`).
    BackupDone(AccountId, bool),
    /// The client of a session held here could not start (its constructor
    /// or `initialize()` failed; it is destroyed). The lease is released
    /// without a backup, and this worker leaves the account to others for
    /// a while before it claims it again.
    ClientFailed(AccountId),
    /// Clean shutdown: hand every session over, then report `Drained`.
    Shutdown,
}

/// Why a client is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// renew.lua answered 0: the lease expired and may be someone else's.
    LeaseLost,
    /// No renewal confirmed in time: the local deadline (lease minus drift
    /// and safety margin) passed, e.g. after a pause or a network cut.
    DeadlinePassed,
    /// Clean shutdown or a lower capacity: the session moves on purpose.
    HandOver,
    /// The account left the pool (`pool.remove`): stopped, backed up and
    /// released like a hand-over, and claimed by nobody after it.
    Removed,
}

impl StopReason {
    /// Whether the stop is answered with `ClientStopped`, then backed up and
    /// released (the session stopped on purpose, the lease still held).
    pub fn backs_up(self) -> bool {
        matches!(self, StopReason::HandOver | StopReason::Removed)
    }
}

/// Something that should never happen, reported instead of acted upon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// claim.lua gave a token not above one this worker saw for the account:
    /// Redis lost data (restart without persistence, failover to a replica
    /// behind, FLUSHALL). The session is not started.
    TokenWentBack { account: AccountId, last: u64, got: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Redis(ReqId, RedisCommand),
    /// Start (restore from the backup store) the client of `account`; every
    /// outward action of it is tagged with `token` (backups, events, replies).
    StartClient {
        account: AccountId,
        token: u64,
    },
    /// Stop the client at once; for `HandOver` and `Removed` answer with `ClientStopped`.
    StopClient {
        account: AccountId,
        token: u64,
        reason: StopReason,
    },
    /// Back the stopped client's session up under `token`, then answer `BackupDone`.
    Backup {
        account: AccountId,
        token: u64,
    },
    /// Feed `Tick` at this time (ms of the driver's clock) at the latest.
    WakeAt(u64),
    Fault(Fault),
    /// Shutdown is complete: this worker holds no lease (the driver still
    /// finishes the stops it was asked for before it exits).
    Drained,
}
