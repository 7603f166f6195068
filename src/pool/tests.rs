//! The lease machine driven by hand against a model of the Lua scripts
//! (`FakeRedis`, which does what claim/renew/release.lua do, with the same
//! clock as the workers). The scripts themselves run against a real
//! redis-server in __test__/pool-lua.test.js.

use std::collections::HashMap;

use super::*;

pub(super) const LEASE: u64 = 1000;
pub(super) const MARGIN: u64 = 200;
pub(super) const DRIFT: u64 = 12;
pub(super) const RENEW: u64 = 300;
pub(super) const RETRY: u64 = 50;
pub(super) const HOLD: u64 = 100;

pub(super) fn acct(id: &str) -> AccountId {
    AccountId::parse(id).unwrap()
}

pub(super) fn wid(id: &str) -> WorkerId {
    WorkerId::parse(id).unwrap()
}

pub(super) fn config(worker: &str, capacity: u32) -> LeaseConfig {
    let cfg = LeaseConfig {
        worker: wid(worker),
        keys: Keys::new("t:"),
        capacity,
        lease_ms: LEASE,
        renew_every_ms: RENEW,
        retry_ms: RETRY,
        stop_margin_ms: MARGIN,
        drift_ms: DRIFT,
        rebalance: false,
        rebalance_hold_ms: HOLD,
    };
    cfg.check().unwrap();
    cfg
}

/// The Lua scripts' semantics: lease keys with an expiry, fencing counters.
#[derive(Default)]
pub(super) struct FakeRedis {
    pub(super) leases: HashMap<String, (String, u64)>,
    pub(super) counters: HashMap<String, u64>,
}

impl FakeRedis {
    fn live(&mut self, now: u64, key: &str) -> Option<String> {
        match self.leases.get(key) {
            Some((value, expires)) if now < *expires => Some(value.clone()),
            _ => {
                self.leases.remove(key);
                None
            }
        }
    }

    pub(super) fn exec(&mut self, now: u64, cmd: &RedisCommand) -> ScriptReply {
        match cmd {
            RedisCommand::Claim { lease_key, token_key, worker, lease_ms } => {
                if let Some(holder) = self.live(now, lease_key) {
                    let pttl = (self.leases[lease_key].1 - now) as i64;
                    return ScriptReply::Held { holder, pttl_ms: pttl };
                }
                let token = self.counters.entry(token_key.clone()).or_default();
                *token += 1;
                let token = *token;
                self.leases.insert(lease_key.clone(), (lease_value(token, worker), now + lease_ms));
                ScriptReply::Claimed { token }
            }
            RedisCommand::Renew { lease_key, token, worker, lease_ms } => {
                if self.live(now, lease_key) == Some(lease_value(*token, worker)) {
                    self.leases.get_mut(lease_key).unwrap().1 = now + lease_ms;
                    ScriptReply::Renewed
                } else {
                    ScriptReply::NotRenewed
                }
            }
            RedisCommand::Release { lease_key, token, worker } => {
                if self.live(now, lease_key) == Some(lease_value(*token, worker)) {
                    self.leases.remove(lease_key);
                    ScriptReply::Released
                } else {
                    ScriptReply::NotReleased
                }
            }
        }
    }

    pub(super) fn holder(&mut self, now: u64, account: &str) -> Option<(u64, String)> {
        let value = self.live(now, &Keys::new("t:").lease(&acct(account)))?;
        parse_lease_value(&value).map(|(t, w)| (t, w.to_owned()))
    }
}

fn redis_of(out: &[Output]) -> Vec<(ReqId, RedisCommand)> {
    out.iter()
        .filter_map(|o| match o {
            Output::Redis(req, cmd) => Some((*req, cmd.clone())),
            _ => None,
        })
        .collect()
}

fn starts(out: &[Output]) -> Vec<(String, u64)> {
    out.iter()
        .filter_map(|o| match o {
            Output::StartClient { account, token } => Some((account.as_str().to_owned(), *token)),
            _ => None,
        })
        .collect()
}

fn stops(out: &[Output]) -> Vec<(String, StopReason)> {
    out.iter()
        .filter_map(|o| match o {
            Output::StopClient { account, reason, .. } => Some((account.as_str().to_owned(), *reason)),
            _ => None,
        })
        .collect()
}

/// Feeds `input`, then answers every Redis command from `redis` at the same
/// time, until nothing is left to answer; returns everything that came out.
fn drive(redis: &mut FakeRedis, w: &mut Leases, now: u64, input: Input) -> Vec<Output> {
    let mut all = Vec::new();
    let mut pending = vec![input];
    while let Some(input) = pending.pop() {
        let out = w.handle(now, input);
        for (req, cmd) in redis_of(&out) {
            pending.insert(0, Input::Reply(req, Ok(redis.exec(now, &cmd))));
        }
        all.extend(out);
    }
    all
}

pub(super) fn snapshot(workers: &[(&str, u32, u32)], unowned: &[&str]) -> Snapshot {
    Snapshot {
        workers: workers
            .iter()
            .map(|(id, capacity, load)| WorkerLoad { id: wid(id), capacity: *capacity, load: *load, draining: false })
            .collect(),
        unowned: unowned.iter().map(|a| acct(a)).collect(),
        accounts: None,
        failed_on: HashMap::new(),
    }
}

/// A worker that owns `accounts`, claimed at time 0.
fn owning(redis: &mut FakeRedis, worker: &str, capacity: u32, accounts: &[&str]) -> Leases {
    let mut w = Leases::new(config(worker, capacity));
    let out = drive(redis, &mut w, 0, Input::Placement(snapshot(&[], accounts)));
    assert_eq!(starts(&out).len(), accounts.len(), "{out:?}");
    w
}

/// A worker of capacity 1 whose claim of `account`, sent at 0, is not answered yet.
fn claiming(worker: &str, account: &str) -> (Leases, ReqId, RedisCommand) {
    let mut w = Leases::new(config(worker, 1));
    let out = w.handle(0, Input::Placement(snapshot(&[], &[account])));
    let (req, cmd) = redis_of(&out).remove(0);
    (w, req, cmd)
}

#[test]
fn two_workers_racing_for_one_account_one_client_starts() {
    let mut redis = FakeRedis::default();
    // Both just started: each sees an empty registry, so each gives the account to itself.
    let (mut a, ra, ca) = claiming("a", "x");
    let (mut b, rb, cb) = claiming("b", "x");
    assert_eq!(ca.script(), Script::Claim);
    // Redis runs scripts one at a time: a's first.
    let reply_a = redis.exec(0, &ca);
    let reply_b = redis.exec(0, &cb);
    assert_eq!(reply_a, ScriptReply::Claimed { token: 1 });
    assert!(matches!(&reply_b, ScriptReply::Held { holder, .. } if holder == "1 a"));
    let out_a = a.handle(1, Input::Reply(ra, Ok(reply_a)));
    let out_b = b.handle(1, Input::Reply(rb, Ok(reply_b)));
    assert_eq!(starts(&out_a), vec![("x".to_owned(), 1)]);
    assert!(starts(&out_b).is_empty() && redis_of(&out_b).is_empty(), "{out_b:?}");
    assert_eq!((a.load(), b.load()), (1, 0));
    assert_eq!(a.may_act(1, &acct("x")), Some(1));
    assert_eq!(b.may_act(1, &acct("x")), None);
}

#[test]
fn placement_gives_each_account_to_the_most_free_worker_ties_by_id() {
    let w = |id: &str, capacity, load, draining| WorkerLoad { id: wid(id), capacity, load, draining };
    let workers = [w("c", 5, 1, false), w("b", 4, 0, false), w("a", 9, 1, true), w("d", 3, 3, false)];
    let unowned = [acct("k3"), acct("k1"), acct("k2"), acct("k1")];
    let plan = assign(&workers, &unowned, &HashMap::new());
    let plan: Vec<(&str, &str)> = plan.iter().map(|(a, w)| (a.as_str(), w.as_str())).collect();
    // c and b both have 4 free: b (smaller id) first, then c has more, then a tie again.
    // a is draining and d is full: they get nothing. k1 appears once.
    assert_eq!(plan, vec![("k1", "b"), ("k2", "c"), ("k3", "b")]);
    // No room anywhere: nothing is assigned.
    assert!(assign(&[w("a", 1, 1, false)], &[acct("x")], &HashMap::new()).is_empty());
    // Never to the worker the account's client last failed to start on; with no other room, nowhere.
    let failed_on = HashMap::from([(acct("k1"), wid("b"))]);
    let plan = assign(&workers, &unowned, &failed_on);
    let plan: Vec<(&str, &str)> = plan.iter().map(|(a, w)| (a.as_str(), w.as_str())).collect();
    assert_eq!(plan, vec![("k1", "c"), ("k2", "b"), ("k3", "b")]);
    assert!(assign(&[w("a", 2, 0, false)], &[acct("x")], &HashMap::from([(acct("x"), wid("a"))])).is_empty());
}

#[test]
fn each_worker_claims_only_its_share_and_counts_its_own_load_live() {
    let snap = snapshot(&[("a", 2, 0), ("b", 2, 0)], &["x", "y", "z"]);
    let mut a = Leases::new(config("a", 2));
    let mut b = Leases::new(config("b", 2));
    let claimed = |out: &[Output]| -> Vec<String> { redis_of(out).iter().map(|(_, c)| c.keys()[0].to_owned()).collect() };
    assert_eq!(claimed(&a.handle(0, Input::Placement(snap.clone()))), vec!["t:{x}:lease", "t:{z}:lease"]);
    assert_eq!(claimed(&b.handle(0, Input::Placement(snap.clone()))), vec!["t:{y}:lease"]);
    // The registry still says a runs nothing, but a knows it is full.
    assert!(a.handle(1, Input::Placement(snapshot(&[("a", 2, 0)], &["w"]))).is_empty());
}

#[test]
fn a_renewed_lease_is_trusted_from_the_renewal_send_time() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 1, &["x"]);
    // Claimed at 0: trusted until 0 + 1000 - 12, the client stops 200 before.
    assert_eq!(a.may_act(787, &acct("x")), Some(1));
    assert_eq!(a.may_act(788, &acct("x")), None);
    let out = a.handle(RENEW, Input::Tick);
    let (req, cmd) = redis_of(&out).remove(0);
    assert_eq!(cmd, RedisCommand::Renew { lease_key: "t:{x}:lease".into(), token: 1, worker: wid("a"), lease_ms: LEASE });
    // The reply comes late, at 500: the lease still counts from 300.
    let reply = redis.exec(RENEW, &cmd);
    let out = a.handle(500, Input::Reply(req, Ok(reply)));
    assert_eq!(out, vec![Output::WakeAt(2 * RENEW)]);
    assert_eq!(a.may_act(RENEW + LEASE - DRIFT - MARGIN - 1, &acct("x")), Some(1));
    assert_eq!(a.may_act(RENEW + LEASE - DRIFT - MARGIN, &acct("x")), None);
}

#[test]
fn a_refused_renewal_stops_the_client_at_once() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 1, &["x"]);
    // Someone deleted the lease and another worker claimed it (an operator, a bug).
    redis.leases.clear();
    redis.exec(10, &RedisCommand::claim(&Keys::new("t:"), &acct("x"), &wid("b"), LEASE));
    let out = drive(&mut redis, &mut a, RENEW, Input::Tick);
    assert_eq!(stops(&out), vec![("x".to_owned(), StopReason::LeaseLost)]);
    assert_eq!(a.may_act(RENEW, &acct("x")), None);
    assert_eq!(a.load(), 0);
}

#[test]
fn failing_renewals_stop_the_client_before_redis_lets_the_lease_go() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 1, &["x"]);
    // Redis unreachable from here on: every renewal fails. The driver ticks
    // only when the machine asks (WakeAt), so the timers alone must suffice.
    let mut now = 0;
    let mut wake = RENEW;
    let mut renewals = 0;
    let mut steps = 0;
    let stopped_at = loop {
        steps += 1;
        assert!(steps < 100 && wake > now, "the timers must move on (at {now}, wake {wake})");
        now = wake;
        let mut out = a.handle(now, Input::Tick);
        for (req, _) in redis_of(&out) {
            renewals += 1;
            out.extend(a.handle(now, Input::Reply(req, Err("connection reset".into()))));
        }
        if !stops(&out).is_empty() {
            assert_eq!(stops(&out), vec![("x".to_owned(), StopReason::DeadlinePassed)]);
            break now;
        }
        wake = out.iter().filter_map(|o| if let Output::WakeAt(t) = o { Some(*t) } else { None }).next_back().unwrap_or(wake);
    };
    assert!(renewals > 1, "retried after the first failure");
    // Stopped at the local stop point, a safety margin before the lease ends in Redis.
    assert_eq!(stopped_at, LEASE - DRIFT - MARGIN);
    assert!(redis.holder(stopped_at + MARGIN, "x").is_some(), "Redis still holds the lease for a");
}

#[test]
fn a_worker_paused_past_its_lease_stops_its_client_on_resume_without_acting() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 1, &["x"]);
    drive(&mut redis, &mut a, RENEW, Input::Tick);
    // A renewal goes out at 600 and a is stopped (SIGSTOP) before its reply.
    let out = a.handle(2 * RENEW, Input::Tick);
    let (req, cmd) = redis_of(&out).remove(0);
    let late_reply = redis.exec(2 * RENEW, &cmd);
    // Meanwhile the lease runs out in Redis and b claims the account.
    let mut b = Leases::new(config("b", 1));
    let out_b = drive(&mut redis, &mut b, 3000, Input::Placement(snapshot(&[("a", 1, 1)], &["x"])));
    assert_eq!(starts(&out_b), vec![("x".to_owned(), 2)]);
    assert_eq!(redis.holder(3000, "x"), Some((2, "b".to_owned())));
    // SIGCONT at 5000: the late reply arrives first, and still nothing but the stop comes out.
    let out = a.handle(5000, Input::Reply(req, Ok(late_reply)));
    assert_eq!(out, vec![Output::StopClient { account: acct("x"), token: 1, reason: StopReason::DeadlinePassed }]);
    assert_eq!(a.may_act(5000, &acct("x")), None);
    assert!(a.handle(5001, Input::Tick).is_empty());
}

#[test]
fn a_resumed_worker_stops_before_sending_an_overdue_renewal() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 1, &["x"]);
    // Paused right after the claim; its first tick comes long after the lease.
    let out = a.handle(4000, Input::Tick);
    assert_eq!(out, vec![Output::StopClient { account: acct("x"), token: 1, reason: StopReason::DeadlinePassed }]);
}

#[test]
fn clean_shutdown_stops_backs_up_releases_then_others_claim() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 2, &["x", "y"]);
    let mut b = Leases::new(config("b", 2));
    let out = a.handle(100, Input::Shutdown);
    assert_eq!(stops(&out), vec![("x".to_owned(), StopReason::HandOver), ("y".to_owned(), StopReason::HandOver)]);
    assert!(redis_of(&out).is_empty(), "nothing released before the backup: {out:?}");
    assert_eq!(a.may_act(100, &acct("x")), None, "a stopping client may not act");
    // b cannot take x yet.
    let out_b = drive(&mut redis, &mut b, 150, Input::Placement(snapshot(&[], &["x"])));
    assert!(starts(&out_b).is_empty());
    let out = a.handle(200, Input::ClientStopped(acct("x")));
    assert_eq!(out, vec![Output::Backup { account: acct("x"), token: 1 }]);
    let out = drive(&mut redis, &mut a, 250, Input::BackupDone(acct("x"), true));
    assert_eq!(redis_of(&out).iter().map(|(_, c)| c.script()).collect::<Vec<_>>(), vec![Script::Release]);
    assert!(!out.contains(&Output::Drained), "y is still being handed over");
    // Released long before the lease would expire: b claims x now, with a higher token.
    let out_b = drive(&mut redis, &mut b, 260, Input::Placement(snapshot(&[], &["x"])));
    assert_eq!(starts(&out_b), vec![("x".to_owned(), 2)]);
    // y's backup is slow: its lease keeps being renewed meanwhile.
    drive(&mut redis, &mut a, 280, Input::ClientStopped(acct("y")));
    let out = drive(&mut redis, &mut a, RENEW, Input::Tick);
    assert_eq!(redis_of(&out).iter().map(|(_, c)| c.script()).collect::<Vec<_>>(), vec![Script::Renew]);
    // A failed backup still releases: the last complete backup is the one restored.
    let out = drive(&mut redis, &mut a, 400, Input::BackupDone(acct("y"), false));
    assert_eq!(out.iter().filter(|o| **o == Output::Drained).count(), 1);
    assert_eq!(redis.holder(400, "y"), None);
    assert!(a.handle(500, Input::Placement(snapshot(&[], &["z"]))).is_empty(), "a draining worker claims nothing");
}

#[test]
fn a_claim_answered_during_shutdown_is_released_without_starting() {
    let mut redis = FakeRedis::default();
    let (mut a, req, cmd) = claiming("a", "x");
    assert!(a.handle(10, Input::Shutdown).is_empty(), "the claim is still out");
    let reply = redis.exec(0, &cmd);
    let out = drive(&mut redis, &mut a, 20, Input::Reply(req, Ok(reply)));
    assert!(starts(&out).is_empty());
    assert_eq!(out.last(), Some(&Output::Drained));
    assert_eq!(redis.holder(20, "x"), None);
}

#[test]
fn a_claim_answered_too_late_to_use_is_released() {
    let mut redis = FakeRedis::default();
    let (mut a, req, cmd) = claiming("a", "x");
    let reply = redis.exec(0, &cmd);
    let out = drive(&mut redis, &mut a, LEASE - DRIFT - MARGIN, Input::Reply(req, Ok(reply)));
    assert!(starts(&out).is_empty(), "{out:?}");
    assert_eq!(redis_of(&out).iter().map(|(_, c)| c.script()).collect::<Vec<_>>(), vec![Script::Release]);
}

#[test]
fn fencing_tokens_only_go_up_and_a_token_going_back_is_refused() {
    let mut redis = FakeRedis::default();
    let mut tokens = Vec::new();
    for (i, worker) in ["a", "b", "a", "c"].into_iter().enumerate() {
        // Each owner dies silently; the next claims after the lease ran out.
        let now = i as u64 * 2 * LEASE;
        let mut w = Leases::new(config(worker, 1));
        let out = drive(&mut redis, &mut w, now, Input::Placement(snapshot(&[], &["x"])));
        tokens.push(starts(&out)[0].1);
    }
    assert_eq!(tokens, vec![1, 2, 3, 4]);
    // A worker that saw token 4 is given 1 after Redis lost its data.
    let mut a = owning(&mut FakeRedis { counters: HashMap::from([("t:{x}:token".into(), 3)]), ..Default::default() }, "a", 1, &["x"]);
    a.handle(LEASE, Input::Tick); // lost by deadline
    let mut wiped = FakeRedis::default();
    let out = drive(&mut wiped, &mut a, 3 * LEASE, Input::Placement(snapshot(&[], &["x"])));
    assert!(out.contains(&Output::Fault(Fault::TokenWentBack { account: acct("x"), last: 4, got: 1 })), "{out:?}");
    assert!(starts(&out).is_empty());
    assert_eq!(wiped.holder(3 * LEASE, "x"), None, "the lease is given back");
}

#[test]
fn a_capacity_cut_hands_the_surplus_over() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 3, &["x", "y", "z"]);
    let out = a.handle(10, Input::Capacity(1));
    assert_eq!(stops(&out), vec![("z".to_owned(), StopReason::HandOver), ("y".to_owned(), StopReason::HandOver)]);
    assert_eq!(a.may_act(10, &acct("x")), Some(1));
    // A claim that was out when the capacity fell is given back when it wins.
    let mut b = Leases::new(config("b", 2));
    let out = b.handle(0, Input::Placement(snapshot(&[], &["p", "q"])));
    let claims = redis_of(&out);
    b.handle(1, Input::Capacity(1));
    let mut out = Vec::new();
    for (req, cmd) in claims {
        let reply = redis.exec(2, &cmd);
        out.extend(drive(&mut redis, &mut b, 2, Input::Reply(req, Ok(reply))));
    }
    assert_eq!(starts(&out), vec![("p".to_owned(), 1)]);
    assert_eq!(redis.holder(2, "q"), None, "q released");
}

#[test]
fn with_rebalance_a_loaded_worker_hands_sessions_to_a_freer_one_one_at_a_time() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 4, &["w", "x", "y", "z"]);
    // Off by default: a new empty worker takes only new accounts.
    assert!(stops(&drive(&mut redis, &mut a, 10, Input::Placement(snapshot(&[("b", 4, 0)], &[])))).is_empty());
    let mut a = {
        let mut cfg = config("a", 4);
        cfg.rebalance = true;
        let mut w = Leases::new(cfg);
        let mut fresh = FakeRedis::default();
        drive(&mut fresh, &mut w, 0, Input::Placement(snapshot(&[], &["w", "x", "y", "z"])));
        redis = fresh;
        w
    };
    let out = drive(&mut redis, &mut a, 20, Input::Placement(snapshot(&[("b", 4, 0)], &[])));
    assert_eq!(stops(&out), vec![("z".to_owned(), StopReason::HandOver)]);
    // Nothing more while that hand-over runs.
    assert!(stops(&drive(&mut redis, &mut a, 30, Input::Placement(snapshot(&[("b", 4, 0)], &[])))).is_empty());
    drive(&mut redis, &mut a, 40, Input::ClientStopped(acct("z")));
    drive(&mut redis, &mut a, 50, Input::BackupDone(acct("z"), true));
    assert_eq!(redis.holder(50, "z"), None, "released for b to claim");
    // b's heartbeat does not show z yet (still free 4 against a's 1 + 2): judged only after the hold.
    assert!(stops(&drive(&mut redis, &mut a, 60, Input::Placement(snapshot(&[("b", 4, 0)], &[])))).is_empty());
    assert!(stops(&drive(&mut redis, &mut a, 60 + HOLD - 1, Input::Placement(snapshot(&[("b", 4, 0)], &[])))).is_empty());
    // b took z: free 3 against a's 1, one more moves; then 2 and 2, and nothing.
    let out = drive(&mut redis, &mut a, 60 + HOLD, Input::Placement(snapshot(&[("b", 4, 1)], &[])));
    assert_eq!(stops(&out), vec![("y".to_owned(), StopReason::HandOver)]);
    drive(&mut redis, &mut a, 200, Input::ClientStopped(acct("y")));
    drive(&mut redis, &mut a, 210, Input::BackupDone(acct("y"), true));
    drive(&mut redis, &mut a, 220, Input::Placement(snapshot(&[("b", 4, 1)], &[])));
    assert!(stops(&drive(&mut redis, &mut a, 220 + HOLD, Input::Placement(snapshot(&[("b", 4, 2)], &[])))).is_empty());
    assert_eq!(a.load(), 2);
    // One free place more than a's two is no reason to move, nor is an empty worker that drains.
    let mut draining = snapshot(&[("b", 5, 2), ("c", 9, 0)], &[]);
    draining.workers[1].draining = true;
    assert!(stops(&drive(&mut redis, &mut a, 400, Input::Placement(draining))).is_empty());
}

/// A snapshot that also lists every account of the pool.
fn snapshot_of_pool(unowned: &[&str], accounts: &[&str]) -> Snapshot {
    Snapshot { accounts: Some(accounts.iter().map(|a| acct(a)).collect()), ..snapshot(&[], unowned) }
}

#[test]
fn a_removed_account_is_stopped_backed_up_and_released_and_not_claimed_again() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 2, &["x", "y"]);
    // y left the pool: the next snapshot no longer lists it.
    let out = drive(&mut redis, &mut a, 100, Input::Placement(snapshot_of_pool(&[], &["x"])));
    assert_eq!(stops(&out), vec![("y".to_owned(), StopReason::Removed)]);
    assert_eq!(a.may_act(100, &acct("y")), None, "a session being removed may not act");
    assert_eq!(a.may_act(100, &acct("x")), Some(1), "x runs on");
    // As a hand-over: the stopped client is backed up, then the lease goes back.
    assert_eq!(a.handle(150, Input::ClientStopped(acct("y"))), vec![Output::Backup { account: acct("y"), token: 1 }]);
    let out = drive(&mut redis, &mut a, 200, Input::BackupDone(acct("y"), true));
    assert_eq!(redis_of(&out).iter().map(|(_, c)| c.script()).collect::<Vec<_>>(), vec![Script::Release]);
    assert_eq!(redis.holder(200, "y"), None);
    assert_eq!(a.load(), 1);
    // Without the account list (a snapshot that could not read it) nothing counts as removed.
    let out = drive(&mut redis, &mut a, 250, Input::Placement(snapshot(&[], &[])));
    assert!(stops(&out).is_empty(), "{out:?}");
    // y is in no snapshot's unowned list any more (registry.lua reads only the pool's accounts).
    let out = drive(&mut redis, &mut a, 300, Input::Placement(snapshot_of_pool(&[], &["x"])));
    assert!(starts(&out).is_empty() && stops(&out).is_empty(), "{out:?}");
}

#[test]
fn a_client_that_fails_to_start_gives_the_lease_back_and_rests_before_a_new_claim() {
    let mut redis = FakeRedis::default();
    let mut a = owning(&mut redis, "a", 2, &["x"]);
    let out = drive(&mut redis, &mut a, 100, Input::ClientFailed(acct("x")));
    assert!(stops(&out).is_empty(), "the client is already gone: {out:?}");
    assert!(!out.iter().any(|o| matches!(o, Output::Backup { .. })), "no backup of a session that never ran: {out:?}");
    assert_eq!(redis_of(&out).iter().map(|(_, c)| c.script()).collect::<Vec<_>>(), vec![Script::Release]);
    assert_eq!(redis.holder(100, "x"), None, "released at once, not held until the lease runs out");
    assert_eq!(a.may_act(100, &acct("x")), None);
    assert_eq!(a.load(), 0);
    // This worker leaves it to others for two lease times...
    let out = drive(&mut redis, &mut a, 200, Input::Placement(snapshot(&[], &["x"])));
    assert!(starts(&out).is_empty(), "{out:?}");
    let mut b = Leases::new(config("b", 1));
    let out = drive(&mut redis, &mut b, 300, Input::Placement(snapshot(&[("a", 2, 0)], &["x"])));
    assert!(starts(&out).is_empty(), "placement gives x to a, the freer worker: {out:?}");
    // The driver marks x as failed on a in Redis: every worker's placement then passes a over.
    let marked = Snapshot { failed_on: HashMap::from([(acct("x"), wid("a"))]), ..snapshot(&[("a", 2, 0)], &["x"]) };
    let out = drive(&mut redis, &mut b, 400, Input::Placement(marked));
    assert_eq!(starts(&out), vec![("x".to_owned(), 2)], "another worker takes it");
    // ...then claims it again.
    drive(&mut redis, &mut b, 500, Input::ClientFailed(acct("x")));
    let out = drive(&mut redis, &mut a, 100 + 2 * LEASE, Input::Placement(snapshot(&[], &["x"])));
    assert_eq!(starts(&out), vec![("x".to_owned(), 3)]);
}

#[test]
fn keys_and_arguments_are_separate_values_and_ids_are_checked() {
    let cmd = RedisCommand::claim(&Keys::new("wwrs:pool:"), &acct("shop-1"), &wid("w1"), 15_000);
    assert_eq!(cmd.keys(), vec!["wwrs:pool:{shop-1}:lease", "wwrs:pool:{shop-1}:token"]);
    assert_eq!(cmd.args(), vec!["w1".to_owned(), "15000".to_owned()]);
    assert!(cmd.script().source().contains("INCR"));
    for script in Script::ALL {
        assert!(script.source().starts_with("--"), "{} is commented", script.name());
    }
    for bad in ["", "a b", "{x}", "a:b", &"x".repeat(129)] {
        assert!(AccountId::parse(bad).is_err(), "{bad:?}");
    }
    assert!(WorkerId::parse("host-1.example:42").is_ok());
    for bad in ["w 1", "../x", "..", ".hidden", "a/b", "a{b}", ""] {
        assert!(WorkerId::parse(bad).is_err(), "{bad:?}");
    }
    assert_eq!(parse_lease_value("12 host-1/pid:42"), Some((12, "host-1/pid:42")));
    assert_eq!(parse_lease_value("x y"), None);
    assert!(LeaseConfig::new(wid("a"), "p:", 1, 15_000).is_ok());
    assert!(LeaseConfig::new(wid("a"), "p:", 1, 50).is_err());
    let mut cfg = config("a", 1);
    cfg.renew_every_ms = 800;
    assert!(cfg.check().is_err(), "a renewal later than the stop point");
}
