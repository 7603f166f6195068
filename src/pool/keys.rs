//! Names in Redis: the ids the pool accepts and the keys built from them.
//!
//! Every key of one account carries the account id in braces (`{acct}`),
//! Redis Cluster's hash tag: the lease, the fencing counter, the event stream
//! and the backup pointer then live in one slot, so a script may touch
//! several of them (claim.lua uses the lease and the counter together).

use crate::errors::ClientError;

/// The longest id accepted, for accounts and workers alike.
const MAX_ID_LEN: usize = 128;

/// An account id: what whatsapp-web.js accepts as a `clientId` (letters,
/// digits, `_` and `-`), so an account id is also a valid RemoteAuth
/// `clientId` and can never contain a brace, a space or a key separator.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(String);

/// A worker id: letters, digits, `.`, `_`, `-` and `:` (a host name, a pod
/// name, `host:pid`), not starting with a dot. The lease value
/// `"<token> <worker>"` then splits at its first space without doubt, and the
/// id is a safe folder name (the default data path is `.wwebjs_pool/<id>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkerId(String);

/// Checks an id's length and characters; `allowed` says which it may use.
fn check_id(name: &str, id: &str, allowed: fn(char) -> bool, rule: &str) -> Result<String, ClientError> {
    let reason = if id.is_empty() || id.len() > MAX_ID_LEN {
        format!("must be 1 to {MAX_ID_LEN} characters long")
    } else if !id.chars().all(allowed) {
        rule.to_owned()
    } else {
        return Ok(id.to_owned());
    };
    Err(ClientError::InvalidArgument { name: name.into(), reason })
}

impl AccountId {
    pub fn parse(id: &str) -> Result<Self, ClientError> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let rule = "only letters, digits, underscores and hyphens are allowed (as for a clientId)";
        check_id("accountId", id, allowed, rule).map(AccountId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl WorkerId {
    pub fn parse(id: &str) -> Result<Self, ClientError> {
        let rule = "only letters, digits, '.', '_', '-' and ':' are allowed, not starting with '.'";
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':');
        if id.starts_with('.') {
            return Err(ClientError::InvalidArgument { name: "workerId".into(), reason: rule.to_owned() });
        }
        check_id("workerId", id, allowed, rule).map(WorkerId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The key names under one prefix (default `wwrs:pool:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    pub fn new(prefix: &str) -> Self {
        Keys { prefix: prefix.to_owned() }
    }

    /// `"<token> <worker>"` while the account is owned; expires after the lease time.
    pub fn lease(&self, account: &AccountId) -> String {
        format!("{}{{{}}}:lease", self.prefix, account.0)
    }

    /// The account's fencing counter (INCR per successful claim); never expires.
    pub fn token(&self, account: &AccountId) -> String {
        format!("{}{{{}}}:token", self.prefix, account.0)
    }

    /// `"<token> <store entry>"` of the backup a new owner restores.
    pub fn backup(&self, account: &AccountId) -> String {
        format!("{}{{{}}}:backup", self.prefix, account.0)
    }

    /// The worker the account's client last failed to start on, for two lease
    /// times: placement gives the account to another worker meanwhile.
    pub fn failed(&self, account: &AccountId) -> String {
        format!("{}{{{}}}:failed", self.prefix, account.0)
    }

    /// The account's client events, appended by its owner (append_event.lua).
    pub fn events(&self, account: &AccountId) -> String {
        format!("{}{{{}}}:events", self.prefix, account.0)
    }

    // The registry's keys share one hash tag, so heartbeat.lua and
    // registry.lua may touch all of them in one step.

    /// Sorted set: worker id -> heartbeat deadline.
    pub fn workers(&self) -> String {
        format!("{}{{registry}}:workers", self.prefix)
    }

    /// Hash: worker id -> "<capacity> <load> <draining>".
    pub fn loads(&self) -> String {
        format!("{}{{registry}}:loads", self.prefix)
    }

    /// Set of the accounts the pool runs.
    pub fn accounts(&self) -> String {
        format!("{}{{registry}}:accounts", self.prefix)
    }

    /// A worker's mailbox: calls for its sessions (`pool.call`) and answers
    /// to its own calls, two streams under one hash tag so one XREAD reads both.
    pub fn inbox(&self, worker: &WorkerId) -> String {
        format!("{}{{w:{}}}:inbox", self.prefix, worker.0)
    }

    pub fn replies(&self, worker: &WorkerId) -> String {
        format!("{}{{w:{}}}:replies", self.prefix, worker.0)
    }
}

/// The store entry a backup of `account` under `token` is written to: a new
/// name per backup, so a crash while writing never touches the committed one
/// (commit_backup.lua then switches to it).
pub fn backup_entry(account: &AccountId, token: u64, serial: u64) -> String {
    format!("{}@{token}.{serial}", account.0)
}

/// The value claim.lua stores in a lease key.
pub fn lease_value(token: u64, worker: &WorkerId) -> String {
    format!("{token} {}", worker.0)
}

/// Reads a lease value back as (token, worker id), e.g. for `pool.locate()`
/// (`None` for anything claim.lua does not write).
pub fn parse_lease_value(value: &str) -> Option<(u64, &str)> {
    let (token, worker) = value.split_once(' ')?;
    let token = token.parse().ok()?;
    (!worker.is_empty()).then_some((token, worker))
}
