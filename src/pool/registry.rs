//! The pool's Redis traffic besides the leases (docs/pool.md, "Keys"): the
//! worker registry and placement reads, backup pointers, event streams and
//! the mailboxes of `pool.call`. Each command is built here as the adapter
//! takes it (`{ script, keys, args }` or `{ command, args }`, every value a
//! separate string, never spliced into script text) and each reply is read
//! back here: a reply of any other shape is an error, never a guess.

use serde_json::{json, Value};

use super::io::Script;
use super::keys::{AccountId, Keys, WorkerId};
use super::placement::WorkerLoad;

/// Events kept per account (XADD MAXLEN ~).
pub const EVENTS_CAP: u64 = 10_000;
/// Entries kept per mailbox stream; calls and answers are read within seconds.
pub const MAILBOX_CAP: u64 = 1_000;
/// Entries read per mailbox poll.
pub const MAILBOX_BATCH: u64 = 100;

fn script(script: Script, keys: &[String], args: &[String]) -> Value {
    json!({ "script": script.name(), "keys": keys, "args": args })
}

/// A plain command. `key` is the key it acts on (every command of the pool
/// has one, and all its keys share its hash slot): a Redis Cluster client
/// that cannot find keys by itself (node-redis) routes the command by it.
fn command(name: &str, args: &[String]) -> Value {
    keyed_command(name, args, &args[0])
}

fn keyed_command(name: &str, args: &[String], key: &str) -> Value {
    json!({ "command": name, "args": args, "key": key })
}

fn bad(what: &str, reply: &Value) -> String {
    let mut text = reply.to_string();
    text.truncate(200);
    format!("pool {what}: unexpected reply {text}")
}

pub fn heartbeat(keys: &Keys, load: &WorkerLoad, ttl_ms: u64) -> Value {
    let args = [load.id.as_str().to_owned(), load.capacity.to_string(), load.load.to_string(), u8::from(load.draining).to_string(), ttl_ms.to_string()];
    script(Script::Heartbeat, &[keys.workers(), keys.loads()], &args)
}

/// A worker that drained leaves the registry at once instead of timing out.
pub fn leave(keys: &Keys, worker: &WorkerId) -> [Value; 2] {
    [command("ZREM", &[keys.workers(), worker.as_str().into()]), command("HDEL", &[keys.loads(), worker.as_str().into()])]
}

pub fn registry_read(keys: &Keys) -> Value {
    script(Script::Registry, &[keys.workers(), keys.loads(), keys.accounts()], &[])
}

/// registry.lua's reply: live workers and the pool's accounts. Entries that
/// do not parse (an id this version would not accept, a damaged load) are
/// left out rather than trusted.
pub fn parse_registry(reply: &Value) -> Result<(Vec<WorkerLoad>, Vec<AccountId>), String> {
    let Some([workers, accounts]) = reply.as_array().map(Vec::as_slice) else { return Err(bad("registry", reply)) };
    let (Some(workers), Some(accounts)) = (workers.as_array(), accounts.as_array()) else { return Err(bad("registry", reply)) };
    let loads = workers
        .chunks(2)
        .filter_map(|pair| {
            let [id, load] = pair else { return None };
            let id = WorkerId::parse(id.as_str()?).ok()?;
            let mut parts = load.as_str()?.split(' ').map(str::parse::<u32>);
            let (capacity, load, draining) = (parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?);
            Some(WorkerLoad { id, capacity, load, draining: draining == 1 })
        })
        .collect();
    let accounts = accounts.iter().filter_map(|a| AccountId::parse(a.as_str()?).ok()).collect();
    Ok((loads, accounts))
}

/// Whether the account's lease is held, and the worker its client last
/// failed to start on: one MGET (both keys are in the account's slot).
pub fn lease_state(keys: &Keys, account: &AccountId) -> Value {
    command("MGET", &[keys.lease(account), keys.failed(account)])
}

/// `(held, failed_on)` of [`lease_state`]'s reply. A marker that is not a
/// worker id is ignored (it only steers placement).
pub fn parse_lease_state(reply: &Value) -> Result<(bool, Option<WorkerId>), String> {
    match reply.as_array().map(Vec::as_slice) {
        Some([lease, failed]) if (lease.is_null() || lease.is_string()) && (failed.is_null() || failed.is_string()) => {
            Ok((lease.is_string(), failed.as_str().and_then(|w| WorkerId::parse(w).ok())))
        }
        _ => Err(bad("MGET", reply)),
    }
}

/// Marks the account's client as failed to start on `worker` for `ms`
/// (docs/pool.md, "Failed to start"). Advisory, so not fenced: it only
/// steers placement, and it expires.
pub fn mark_failed(keys: &Keys, account: &AccountId, worker: &WorkerId, ms: u64) -> Value {
    command("SET", &[keys.failed(account), worker.as_str().into(), "PX".into(), ms.to_string()])
}

pub fn add_account(keys: &Keys, account: &AccountId) -> Value {
    command("SADD", &[keys.accounts(), account.as_str().into()])
}

pub fn remove_account(keys: &Keys, account: &AccountId) -> Value {
    command("SREM", &[keys.accounts(), account.as_str().into()])
}

pub fn list_accounts(keys: &Keys) -> Value {
    command("SMEMBERS", &[keys.accounts()])
}

pub fn parse_accounts(reply: &Value) -> Result<Vec<AccountId>, String> {
    let list = reply.as_array().ok_or_else(|| bad("SMEMBERS", reply))?;
    let mut accounts: Vec<AccountId> = list.iter().filter_map(|a| AccountId::parse(a.as_str()?).ok()).collect();
    accounts.sort();
    Ok(accounts)
}

pub fn locate(keys: &Keys, account: &AccountId) -> Value {
    command("GET", &[keys.lease(account)])
}

/// `(token, worker)` of the lease, `None` when nobody holds it.
pub fn parse_locate(reply: &Value) -> Result<Option<(u64, WorkerId)>, String> {
    match reply {
        Value::Null => Ok(None),
        Value::String(text) => {
            let (token, worker) = super::keys::parse_lease_value(text).ok_or_else(|| bad("lease", reply))?;
            Ok(Some((token, WorkerId::parse(worker).map_err(|_| bad("lease", reply))?)))
        }
        _ => Err(bad("lease", reply)),
    }
}

/// A store entry name as built by `keys::backup_entry`: nothing else is
/// ever passed to the application's store, whatever Redis holds.
fn check_entry(entry: &str) -> Option<&str> {
    let (account, rest) = entry.rsplit_once('@')?;
    let (token, serial) = rest.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (AccountId::parse(account).is_ok() && digits(token) && digits(serial)).then_some(entry)
}

pub fn commit_backup(keys: &Keys, account: &AccountId, token: u64, worker: &WorkerId, entry: &str) -> Value {
    script(Script::CommitBackup, &[keys.lease(account), keys.backup(account)], &[token.to_string(), worker.as_str().into(), entry.into()])
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commit {
    /// The new entry is the one restored; the previous one (if any) may go.
    Committed { previous: Option<String> },
    /// The writer does not hold the lease with its token any more.
    LeaseLost,
    /// A backup with a higher token is committed (Redis lost the counter).
    Older,
}

pub fn parse_commit(reply: &Value) -> Result<Commit, String> {
    match reply.as_array().map(Vec::as_slice) {
        Some([ok, previous]) if ok.as_i64() == Some(1) => match previous {
            // Lua's false comes back as nil.
            Value::Null | Value::Bool(false) => Ok(Commit::Committed { previous: None }),
            Value::String(p) => Ok(Commit::Committed { previous: check_entry(p).map(str::to_owned) }),
            _ => Err(bad("commit_backup", reply)),
        },
        Some([ok, why]) if ok.as_i64() == Some(0) && why.as_str() == Some("lease") => Ok(Commit::LeaseLost),
        Some([ok, why]) if ok.as_i64() == Some(0) && why.as_str() == Some("older") => Ok(Commit::Older),
        _ => Err(bad("commit_backup", reply)),
    }
}

pub fn committed_backup(keys: &Keys, account: &AccountId) -> Value {
    command("GET", &[keys.backup(account)])
}

/// The committed backup's store entry, `None` when there is none.
pub fn parse_committed(reply: &Value) -> Result<Option<String>, String> {
    match reply {
        Value::Null => Ok(None),
        Value::String(text) => {
            let (_, entry) = text.split_once(' ').ok_or_else(|| bad("backup", reply))?;
            check_entry(entry).map(|e| Some(e.to_owned())).ok_or_else(|| bad("backup", reply))
        }
        _ => Err(bad("backup", reply)),
    }
}

pub fn clear_backup(keys: &Keys, account: &AccountId) -> Value {
    command("DEL", &[keys.backup(account)])
}

pub fn append_event(keys: &Keys, account: &AccountId, token: u64, worker: &WorkerId, name: &str, args_json: &str) -> Value {
    let args = [token.to_string(), worker.as_str().into(), name.into(), args_json.into(), EVENTS_CAP.to_string()];
    script(Script::AppendEvent, &[keys.lease(account), keys.events(account)], &args)
}

/// The new entry's id, `None` when the writer does not hold the lease.
pub fn parse_append(reply: &Value) -> Result<Option<String>, String> {
    match reply {
        Value::String(id) if is_stream_id(id) => Ok(Some(id.clone())),
        v if v.as_i64() == Some(0) => Ok(None),
        _ => Err(bad("append_event", reply)),
    }
}

fn is_stream_id(id: &str) -> bool {
    id.split_once('-').is_some_and(|(ms, seq)| !ms.is_empty() && !seq.is_empty() && ms.bytes().chain(seq.bytes()).all(|b| b.is_ascii_digit()))
}

/// Checks a stream id given by the application (`"0"`, `"0-0"` or an id a
/// read returned) before it goes into a command.
pub fn stream_position(id: &str) -> Option<String> {
    if id == "0" || is_stream_id(id) {
        Some(id.to_owned())
    } else {
        None
    }
}

/// Events after `after` (exclusive), oldest first.
pub fn read_events(keys: &Keys, account: &AccountId, after: &str, count: u64) -> Value {
    command("XRANGE", &[keys.events(account), format!("({after}"), "+".into(), "COUNT".into(), count.to_string()])
}

/// One stream entry: its id and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub fields: Vec<(String, String)>,
}

impl Entry {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn parse_entry(v: &Value) -> Option<Entry> {
    let [id, fields] = v.as_array()?.as_slice() else { return None };
    let id = id.as_str().filter(|id| is_stream_id(id))?.to_owned();
    let flat = fields.as_array()?;
    let fields = flat.chunks(2).map(|kv| Some((kv.first()?.as_str()?.to_owned(), kv.get(1)?.as_str()?.to_owned()))).collect::<Option<Vec<_>>>()?;
    Some(Entry { id, fields })
}

pub fn parse_entries(reply: &Value) -> Result<Vec<Entry>, String> {
    let list = reply.as_array().ok_or_else(|| bad("XRANGE", reply))?;
    list.iter().map(|e| parse_entry(e).ok_or_else(|| bad("stream entry", e))).collect()
}

/// Appends a call or an answer to a worker's mailbox.
pub fn mailbox_send(stream: String, fields: &[(&str, &str)]) -> Value {
    let mut args = vec![stream, "MAXLEN".into(), "~".into(), MAILBOX_CAP.to_string(), "*".into()];
    for (k, v) in fields {
        args.push((*k).into());
        args.push((*v).into());
    }
    command("XADD", &args)
}

/// Reads both of a worker's mailbox streams after the last ids seen.
pub fn mailbox_read(keys: &Keys, worker: &WorkerId, after_inbox: &str, after_replies: &str) -> Value {
    let args = ["COUNT".into(), MAILBOX_BATCH.to_string(), "STREAMS".into(), keys.inbox(worker), keys.replies(worker), after_inbox.into(), after_replies.into()];
    keyed_command("XREAD", &args, &keys.inbox(worker))
}

/// XREAD's reply as (stream key, entries); nil when nothing is new.
pub fn parse_xread(reply: &Value) -> Result<Vec<(String, Vec<Entry>)>, String> {
    match reply {
        Value::Null => Ok(Vec::new()),
        Value::Array(streams) => streams
            .iter()
            .map(|s| match s.as_array().map(Vec::as_slice) {
                Some([key, entries]) => Ok((key.as_str().ok_or_else(|| bad("XREAD", reply))?.to_owned(), parse_entries(entries)?)),
                _ => Err(bad("XREAD", reply)),
            })
            .collect(),
        // RESP3 clients give a map of stream -> entries.
        Value::Object(map) => map.iter().map(|(k, v)| Ok((k.clone(), parse_entries(v)?))).collect(),
        _ => Err(bad("XREAD", reply)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(id: &str) -> AccountId {
        AccountId::parse(id).unwrap()
    }

    #[test]
    fn registry_replies_are_read_strictly() {
        let reply = json!([["w1", "3 1 0", "w2", "2 2 1", "bad id", "1 0 0", "w3", "x 0 0"], ["a", "b", "{evil}"]]);
        let (workers, accounts) = parse_registry(&reply).unwrap();
        assert_eq!(workers.len(), 2);
        assert_eq!((workers[1].capacity, workers[1].load, workers[1].draining), (2, 2, true));
        assert_eq!(accounts, vec![acct("a"), acct("b")]);
        assert!(parse_registry(&json!("OK")).is_err());
    }

    #[test]
    fn plain_commands_name_the_key_a_cluster_client_routes_them_by() {
        let keys = Keys::new("p:");
        let worker = WorkerId::parse("w1").unwrap();
        let state = lease_state(&keys, &acct("a"));
        assert_eq!((state["command"].as_str(), state["key"].as_str()), (Some("MGET"), Some("p:{a}:lease")));
        let read = mailbox_read(&keys, &worker, "0", "0");
        assert_eq!(read["key"].as_str(), Some(keys.inbox(&worker).as_str()), "XREAD's key follows STREAMS, not its first argument");
        assert_eq!(read["args"][0], "COUNT");
        assert_eq!(add_account(&keys, &acct("a"))["key"].as_str(), Some(keys.accounts().as_str()));
    }

    #[test]
    fn lease_states_are_read_strictly() {
        assert_eq!(parse_lease_state(&json!([null, null])), Ok((false, None)));
        assert_eq!(parse_lease_state(&json!(["3 w1", null])), Ok((true, None)));
        let (held, failed) = parse_lease_state(&json!([null, "w2"])).unwrap();
        assert_eq!((held, failed.as_ref().map(WorkerId::as_str)), (false, Some("w2")));
        assert_eq!(parse_lease_state(&json!([null, "not a worker id!"])), Ok((false, None)), "a bad marker only loses its advice");
        for bad in [json!(1), json!([null]), json!([1, null]), json!([null, null, null])] {
            assert!(parse_lease_state(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn backup_pointers_only_ever_name_entries_the_pool_writes() {
        assert_eq!(parse_committed(&json!("4 acct@4.2")), Ok(Some("acct@4.2".into())));
        assert_eq!(parse_committed(&Value::Null), Ok(None));
        for bad in ["4 ../../etc/passwd", "4 acct@4", "4 acct@x.1", "nospace"] {
            assert!(parse_committed(&json!(bad)).is_err(), "{bad}");
        }
        assert_eq!(parse_commit(&json!([1, null])), Ok(Commit::Committed { previous: None }));
        assert_eq!(parse_commit(&json!([1, "a@1.0"])), Ok(Commit::Committed { previous: Some("a@1.0".into()) }));
        assert_eq!(parse_commit(&json!([1, "../x"])), Ok(Commit::Committed { previous: None }));
        assert_eq!(parse_commit(&json!([0, "lease"])), Ok(Commit::LeaseLost));
    }

    #[test]
    fn stream_replies_and_positions() {
        let reply = json!([["k1", [["1-0", ["a", "1", "b", "2"]]]], ["k2", []]]);
        let streams = parse_xread(&reply).unwrap();
        assert_eq!(streams[0].1[0].get("b"), Some("2"));
        assert_eq!(parse_xread(&Value::Null), Ok(vec![]));
        assert!(parse_xread(&json!([["k1", [["1-0", ["a"]]]]])).is_err());
        assert_eq!(stream_position("0"), Some("0".into()));
        assert_eq!(stream_position("17-3"), Some("17-3".into()));
        assert_eq!(stream_position("+"), None);
        assert_eq!(parse_append(&json!(0)), Ok(None));
        assert_eq!(parse_append(&json!("5-1")), Ok(Some("5-1".into())));
    }
}
