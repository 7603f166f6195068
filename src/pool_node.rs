//! The session pool seen from Node (`lib/pool/index.js`): one `NativePool`
//! per worker. It owns the lease driver (`pool::PoolDriver`) and the pool's
//! Redis reads and writes (`pool::registry`); JavaScript gives it the
//! application's Redis client as a bridge function and receives what the
//! machine decides (start, stop, back up) to carry out on its clients.
//!
//! Both functions are weak ThreadsafeFunctions, as RemoteAuth's store is: the
//! pool never keeps Node alive by itself; `lib/pool/index.js` holds the
//! process open while the pool runs.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use serde_json::{json, Value};

use crate::errors::ClientError;
use crate::pool::{registry, AccountId, Bridge, Clock, DriverConfig, Input, LeaseConfig, Leases, Output, PoolDriver, Script, StopReason, WorkerId};

/// `(command) => Promise<reply>`: lib/pool/redis-adapter.js over the application's client.
type BridgeFn = ThreadsafeFunction<Value, Promise<Value>, Value, Status, false, true>;
/// `(kind, payload) => void`: what the worker must do with its clients.
type PoolDeliverFn = ThreadsafeFunction<FnArgs<(String, Value)>, Unknown<'static>, FnArgs<(String, Value)>, Status, false, true>;

struct JsBridge(Arc<BridgeFn>);

impl Bridge for JsBridge {
    fn send_value(&self, command: Value) -> BoxFuture<'static, std::result::Result<Value, String>> {
        let tsfn = self.0.clone();
        Box::pin(async move {
            let promise = tsfn.call_async(command).await.map_err(|e| e.reason.clone())?;
            promise.await.map_err(|e| e.reason.clone())
        })
    }
}

const DEFAULT_PREFIX: &str = "wwrs:pool:";
const DEFAULT_SWEEP_MS: u64 = 5_000;
const DEFAULT_TIME_LIMIT_MS: u64 = 2_000;

fn invalid(name: &str, reason: impl Into<String>) -> ClientError {
    ClientError::InvalidOption { option: format!("createSessionPool.{name}"), reason: reason.into() }
}

fn whole(options: &Value, name: &str, default: Option<u64>, min: u64) -> std::result::Result<u64, ClientError> {
    match options.get(name) {
        None | Some(Value::Null) => default.ok_or_else(|| invalid(name, "is required")),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v >= min => Ok(v),
            _ => Err(invalid(name, format!("must be a whole number of at least {min}, got {n}"))),
        },
        Some(other) => Err(invalid(name, format!("must be a number, got {}", crate::options::describe(other)))),
    }
}

struct Parsed {
    leases: LeaseConfig,
    sweep_ms: u64,
    time_limit_ms: u64,
}

fn parse_options(options: &Value) -> std::result::Result<Parsed, ClientError> {
    if !options.is_object() {
        return Err(invalid("options", "must be an object"));
    }
    let worker = match options.get("workerId") {
        Some(Value::String(id)) => WorkerId::parse(id).map_err(|e| invalid("workerId", e.to_string()))?,
        other => return Err(invalid("workerId", format!("is required: a string naming this worker, unique in the pool (got {})", other.map(crate::options::describe).unwrap_or_else(|| "nothing".into())))),
    };
    let prefix = match options.get("prefix") {
        None | Some(Value::Null) => DEFAULT_PREFIX.to_owned(),
        Some(Value::String(p)) if !p.is_empty() && p.len() <= 64 && p.chars().all(|c| c.is_ascii_graphic() && c != '{' && c != '}') => p.clone(),
        Some(other) => return Err(invalid("prefix", format!("must be 1 to 64 printable characters without spaces or braces, got {}", crate::options::describe(other)))),
    };
    let capacity = whole(options, "capacity", None, 0)?.min(u32::MAX as u64) as u32;
    let lease_ms = whole(options, "leaseMs", Some(crate::pool::DEFAULT_LEASE_MS), 100)?;
    let mut leases = LeaseConfig::new(worker, &prefix, capacity, lease_ms).map_err(|e| invalid("leaseMs", e.to_string()))?;
    leases.rebalance = match options.get("rebalance") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(on)) => *on,
        Some(other) => return Err(invalid("rebalance", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    let sweep_ms = whole(options, "placementMs", Some(DEFAULT_SWEEP_MS.min(lease_ms / 3).max(50)), 50)?;
    // A taker claims within a period of the release and heartbeats its load within the next.
    leases.rebalance_hold_ms = 3 * sweep_ms;
    let time_limit_ms = whole(options, "redisTimeoutMs", Some(DEFAULT_TIME_LIMIT_MS.min(leases.renew_every_ms / 2).max(50)), 10)?;
    Ok(Parsed { leases, sweep_ms, time_limit_ms })
}

fn account(id: &str) -> Result<AccountId> {
    Ok(AccountId::parse(id)?)
}

fn redis_error(e: String) -> Error {
    ClientError::PoolRedis(e).into()
}

/// One worker of a session pool.
#[napi]
pub struct NativePool {
    driver: PoolDriver,
    bridge: Arc<dyn Bridge>,
    keys: crate::pool::Keys,
    worker: WorkerId,
    time_limit: Duration,
    /// The lease time: an account whose client failed to start rests for two of them.
    lease_ms: u64,
    /// Numbers this worker's backups (`<account>@<token>.<n>`).
    backup_serial: AtomicU64,
}

#[napi]
impl NativePool {
    #[napi(constructor, catch_unwind, ts_args_type = "options: unknown, redis: (command: unknown) => Promise<unknown>, deliver: (kind: string, payload: unknown) => void")]
    pub fn new(options: Value, redis: BridgeFn, deliver: PoolDeliverFn) -> Result<Self> {
        let parsed = parse_options(&options)?;
        let keys = parsed.leases.keys.clone();
        let worker = parsed.leases.worker.clone();
        let lease_ms = parsed.leases.lease_ms;
        let bridge: Arc<dyn Bridge> = Arc::new(JsBridge(Arc::new(redis)));
        let time_limit = Duration::from_millis(parsed.time_limit_ms);
        let config = DriverConfig { time_limit, sweep_every: Some(Duration::from_millis(parsed.sweep_ms)), clock: Clock::boot() };
        let leases = Leases::new(parsed.leases);
        let (driver, mut outputs) = napi::bindgen_prelude::within_runtime_if_available(|| PoolDriver::spawn_with(leases, bridge.clone(), config));
        napi::bindgen_prelude::spawn(async move {
            while let Some(output) = outputs.recv().await {
                let (kind, payload) = match output {
                    Output::StartClient { account, token } => ("start", json!({ "account": account.as_str(), "token": token })),
                    Output::StopClient { account, token, reason } => {
                        let reason = match reason {
                            StopReason::LeaseLost => "lease-lost",
                            StopReason::DeadlinePassed => "deadline-passed",
                            StopReason::HandOver => "hand-over",
                            StopReason::Removed => "removed",
                        };
                        ("stop", json!({ "account": account.as_str(), "token": token, "reason": reason }))
                    }
                    Output::Backup { account, token } => ("backup", json!({ "account": account.as_str(), "token": token })),
                    Output::Fault(fault) => ("fault", json!({ "message": format!("{fault:?}") })),
                    Output::Drained => ("drained", Value::Null),
                    Output::Redis(..) | Output::WakeAt(_) => continue,
                };
                deliver.call(FnArgs::from((kind.to_owned(), payload)), ThreadsafeFunctionCallMode::NonBlocking);
            }
        });
        Ok(NativePool { driver, bridge, keys, worker, time_limit, lease_ms, backup_serial: AtomicU64::new(0) })
    }

    /// The Lua sources by name, for lib/pool/redis-adapter.js.
    #[napi]
    pub fn scripts() -> Value {
        Value::Object(Script::ALL.iter().map(|s| (s.name().to_owned(), Value::String(s.source().to_owned()))).collect())
    }

    #[napi(getter)]
    pub fn worker_id(&self) -> String {
        self.worker.as_str().to_owned()
    }

    /// Sessions this worker runs or is claiming.
    #[napi]
    pub fn load(&self) -> u32 {
        self.driver.load()
    }

    /// The token a session's outward action must carry now, or null.
    #[napi(catch_unwind)]
    pub fn may_act(&self, account_id: String) -> Result<Option<f64>> {
        Ok(self.driver.may_act(&account(&account_id)?).map(|t| t as f64))
    }

    #[napi(catch_unwind)]
    pub fn client_stopped(&self, account_id: String) -> Result<()> {
        self.driver.input(Input::ClientStopped(account(&account_id)?));
        Ok(())
    }

    /// The account's client could not start (constructor or `initialize()`); it is destroyed.
    /// The lease goes back, and the account is marked in Redis as failed on this worker for two
    /// lease times, so every worker's placement gives it to another one meanwhile.
    #[napi]
    pub async fn client_failed(&self, account_id: String) -> Result<()> {
        let account = account(&account_id)?;
        self.driver.input(Input::ClientFailed(account.clone()));
        let rest_ms = 2 * self.lease_ms;
        self.send(registry::mark_failed(&self.keys, &account, &self.worker, rest_ms), "SET").await.map(|_| ())
    }

    #[napi(catch_unwind)]
    pub fn backup_done(&self, account_id: String, ok: bool) -> Result<()> {
        self.driver.input(Input::BackupDone(account(&account_id)?, ok));
        Ok(())
    }

    #[napi(catch_unwind)]
    pub fn set_capacity(&self, capacity: u32) -> Result<()> {
        self.driver.input(Input::Capacity(capacity));
        Ok(())
    }

    /// Hand every session over, then deliver `drained`.
    #[napi(catch_unwind)]
    pub fn shutdown(&self) -> Result<()> {
        self.driver.input(Input::Shutdown);
        Ok(())
    }

    async fn send(&self, command: Value, what: &str) -> Result<Value> {
        crate::pool::send_bounded(&self.bridge, command, what, self.time_limit).await.map_err(redis_error)
    }

    /// Adds an account to the pool; some worker claims it at its next sweep.
    #[napi]
    pub async fn add_account(&self, account_id: String) -> Result<()> {
        let account = account(&account_id)?;
        self.send(registry::add_account(&self.keys, &account), "SADD").await.map(|_| ())
    }

    /// Takes an account out of the pool: no worker claims it again, and its
    /// owner hands its session over (stop, backup, release) at its next sweep.
    #[napi]
    pub async fn remove_account(&self, account_id: String) -> Result<()> {
        let account = account(&account_id)?;
        self.send(registry::remove_account(&self.keys, &account), "SREM").await.map(|_| ())
    }

    #[napi]
    pub async fn accounts(&self) -> Result<Vec<String>> {
        let reply = self.send(registry::list_accounts(&self.keys), "SMEMBERS").await?;
        Ok(registry::parse_accounts(&reply).map_err(redis_error)?.into_iter().map(|a| a.as_str().to_owned()).collect())
    }

    /// `{ workerId, token }` of the account's owner, or null.
    #[napi(ts_return_type = "Promise<{ workerId: string, token: number } | null>")]
    pub async fn locate(&self, account_id: String) -> Result<Value> {
        let account = account(&account_id)?;
        let reply = self.send(registry::locate(&self.keys, &account), "GET").await?;
        Ok(match registry::parse_locate(&reply).map_err(redis_error)? {
            Some((token, worker)) => json!({ "workerId": worker.as_str(), "token": token }),
            None => Value::Null,
        })
    }

    /// A fresh store entry name for a backup of `account` under `token`.
    #[napi(catch_unwind)]
    pub fn backup_entry(&self, account_id: String, token: f64) -> Result<String> {
        let account = account(&account_id)?;
        let serial = self.backup_serial.fetch_add(1, Ordering::Relaxed);
        Ok(crate::pool::backup_entry(&account, token as u64, serial))
    }

    /// Makes `entry` the backup restored next, if this worker still holds the
    /// account with `token`: `{ committed, previous, reason }`.
    #[napi(ts_return_type = "Promise<{ committed: boolean, previous: string | null, reason: string | null }>")]
    pub async fn commit_backup(&self, account_id: String, token: f64, entry: String) -> Result<Value> {
        let account = account(&account_id)?;
        let reply = self.send(registry::commit_backup(&self.keys, &account, token as u64, &self.worker, &entry), "commit_backup").await?;
        Ok(match registry::parse_commit(&reply).map_err(redis_error)? {
            registry::Commit::Committed { previous } => json!({ "committed": true, "previous": previous, "reason": null }),
            registry::Commit::LeaseLost => json!({ "committed": false, "previous": null, "reason": "this worker no longer holds the account" }),
            registry::Commit::Older => json!({ "committed": false, "previous": null, "reason": "a newer backup is committed" }),
        })
    }

    /// The store entry of the account's committed backup, or null.
    #[napi]
    pub async fn committed_backup(&self, account_id: String) -> Result<Option<String>> {
        let account = account(&account_id)?;
        let reply = self.send(registry::committed_backup(&self.keys, &account), "GET").await?;
        registry::parse_committed(&reply).map_err(redis_error)
    }

    /// After a logout: nothing to restore any more.
    #[napi]
    pub async fn clear_backup(&self, account_id: String) -> Result<()> {
        let account = account(&account_id)?;
        self.send(registry::clear_backup(&self.keys, &account), "DEL").await.map(|_| ())
    }

    /// Appends a client event to the account's stream if this worker may act
    /// for it; resolves the entry id, or null when it may not.
    #[napi]
    pub async fn append_event(&self, account_id: String, name: String, args_json: String) -> Result<Option<String>> {
        let account = account(&account_id)?;
        let Some(token) = self.driver.may_act(&account) else { return Ok(None) };
        let reply = self.send(registry::append_event(&self.keys, &account, token, &self.worker, &name, &args_json), "append_event").await?;
        registry::parse_append(&reply).map_err(redis_error)
    }

    /// Events after `after` (exclusive; "0" for all), oldest first.
    #[napi(ts_return_type = "Promise<Array<{ id: string, token: number, workerId: string, event: string, args: string }>>")]
    pub async fn read_events(&self, account_id: String, after: String, count: u32) -> Result<Value> {
        let account = account(&account_id)?;
        let after = registry::stream_position(&after).ok_or_else(|| ClientError::InvalidArgument { name: "after".into(), reason: format!("must be a stream id like \"1700000000000-0\" or \"0\", got {after:?}") })?;
        let reply = self.send(registry::read_events(&self.keys, &account, &after, count.clamp(1, 1000) as u64), "XRANGE").await?;
        let entries = registry::parse_entries(&reply).map_err(redis_error)?;
        Ok(Value::Array(
            entries
                .iter()
                .filter_map(|e| {
                    let token: u64 = e.get("token")?.parse().ok()?;
                    Some(json!({ "id": e.id, "token": token, "workerId": e.get("worker")?, "event": e.get("event")?, "args": e.get("args")? }))
                })
                .collect(),
        ))
    }

    /// Appends a call or an answer to a worker's mailbox (`box`: "inbox" or "replies").
    #[napi]
    pub async fn send_mail(&self, worker_id: String, mailbox: String, fields: std::collections::HashMap<String, String>) -> Result<()> {
        let worker = WorkerId::parse(&worker_id)?;
        let stream = match mailbox.as_str() {
            "inbox" => self.keys.inbox(&worker),
            "replies" => self.keys.replies(&worker),
            other => return Err(ClientError::InvalidArgument { name: "mailbox".into(), reason: format!("must be \"inbox\" or \"replies\", got {other:?}") }.into()),
        };
        let mut fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        fields.sort();
        self.send(registry::mailbox_send(stream, &fields), "XADD").await.map(|_| ())
    }

    /// New entries of this worker's mailbox after the ids last seen.
    #[napi(ts_return_type = "Promise<{ inbox: Array<{ id: string, fields: Record<string, string> }>, replies: Array<{ id: string, fields: Record<string, string> }> }>")]
    pub async fn read_mail(&self, after_inbox: String, after_replies: String) -> Result<Value> {
        let position = |id: &str, name: &str| {
            registry::stream_position(id).ok_or_else(|| Error::from(ClientError::InvalidArgument { name: name.into(), reason: format!("must be a stream id, got {id:?}") }))
        };
        let (after_inbox, after_replies) = (position(&after_inbox, "afterInbox")?, position(&after_replies, "afterReplies")?);
        let reply = self.send(registry::mailbox_read(&self.keys, &self.worker, &after_inbox, &after_replies), "XREAD").await?;
        let (inbox_key, replies_key) = (self.keys.inbox(&self.worker), self.keys.replies(&self.worker));
        let mut out = json!({ "inbox": [], "replies": [] });
        for (key, entries) in registry::parse_xread(&reply).map_err(redis_error)? {
            let slot = if key == inbox_key {
                "inbox"
            } else if key == replies_key {
                "replies"
            } else {
                continue;
            };
            let list: Vec<Value> = entries.iter().map(|e| json!({ "id": e.id, "fields": e.fields.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<serde_json::Map<String, Value>>() })).collect();
            out[slot] = Value::Array(list);
        }
        Ok(out)
    }
}
