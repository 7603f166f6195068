//! One worker's leases, sans I/O (docs/pool.md, "One account on one worker").
//!
//! ```text
//! unowned ─placement─▶ Claiming ─Claimed(token)─▶ Held{Running} ⇄ renewal in flight
//!    ▲                     │ Held / error                │
//!    └─────────────────────┘                             ├─ renew refused ─────────▶ StopClient(LeaseLost)   ─▶ unowned
//!    ▲                                                   ├─ local deadline passed ─▶ StopClient(DeadlinePassed) ─▶ unowned
//!    │                                                   ├─ shutdown / capacity / removed / rebalance ─▶ Stopping ─▶ BackingUp ─▶ Releasing
//!    │                                                   └─ client failed to start ─▶ Releasing (resting here a while)
//!    └──────────────────────────────────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! Time is the driver's monotonic clock in milliseconds, passed with every
//! input. A lease is trusted locally only until `valid_until`: the time the
//! claim or renewal was *sent* plus the lease time minus the clock drift
//! allowance. Counting from the send (not the reply) keeps the local deadline
//! at or before Redis's own expiry whatever the network delay was. The client
//! is stopped `stop_margin` before that, and every input first checks every
//! deadline, so a worker resuming from a pause stops its clients before it
//! does anything else.

use std::collections::{BTreeMap, HashMap};

use super::io::*;
use super::keys::{AccountId, Keys, WorkerId};
use super::placement::{assign, WorkerLoad};
use crate::errors::ClientError;

/// The lease timing of a pool. All times in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseConfig {
    pub worker: WorkerId,
    pub keys: Keys,
    pub capacity: u32,
    /// How long a claim or renewal keeps the lease in Redis.
    pub lease_ms: u64,
    /// A renewal is sent this long after the previous one was sent.
    pub renew_every_ms: u64,
    /// After a failed renewal (Redis error or time limit), the next try.
    pub retry_ms: u64,
    /// The client is stopped this long before the local deadline: the time a
    /// stop may take plus room for a late timer.
    pub stop_margin_ms: u64,
    /// Allowance for the local clock running slower than Redis's.
    pub drift_ms: u64,
    /// Hand sessions over to a worker with more room (a new one, say), one at
    /// a time, until no other has two more free places than this one.
    pub rebalance: bool,
    /// After a session moved away, how long before the next judgement: the
    /// taker's heartbeat must have had time to show it (a few placement
    /// periods), or a stale load would move one session too many.
    pub rebalance_hold_ms: u64,
}

pub const DEFAULT_LEASE_MS: u64 = 15_000;

impl LeaseConfig {
    /// Defaults from the lease time: renew every third of it (two renewals
    /// may fail before the client must stop), stop a fifth of it early, and
    /// allow 1% + 2 ms of clock drift (the allowance Redis's distributed-lock
    /// page uses).
    pub fn new(worker: WorkerId, prefix: &str, capacity: u32, lease_ms: u64) -> Result<Self, ClientError> {
        let config = LeaseConfig {
            worker,
            keys: Keys::new(prefix),
            capacity,
            lease_ms,
            renew_every_ms: lease_ms / 3,
            retry_ms: (lease_ms / 30).max(1),
            stop_margin_ms: lease_ms / 5,
            drift_ms: lease_ms / 100 + 2,
            rebalance: false,
            rebalance_hold_ms: lease_ms,
        };
        config.check()?;
        Ok(config)
    }

    /// A renewal must be due well before the client has to stop, or a
    /// healthy worker would stop its clients between two renewals.
    pub fn check(&self) -> Result<(), ClientError> {
        let bad = |reason: String| Err(ClientError::InvalidArgument { name: "leaseMs".into(), reason });
        if self.lease_ms < 100 {
            return bad(format!("must be at least 100 ms (got {})", self.lease_ms));
        }
        if self.renew_every_ms == 0 || self.retry_ms == 0 {
            return bad("renewal and retry periods must be above 0".into());
        }
        if self.renew_every_ms + self.stop_margin_ms + self.drift_ms >= self.lease_ms {
            return bad(format!(
                "renewal period {} + stop margin {} + drift {} must stay below the lease time {}",
                self.renew_every_ms, self.stop_margin_ms, self.drift_ms, self.lease_ms
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// claim.lua sent at `sent_at`.
    Claiming {
        req: ReqId,
        sent_at: u64,
    },
    Held(Held),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Held {
    token: u64,
    /// Local time at which the lease must be assumed gone.
    valid_until: u64,
    renewal: Renewal,
    stage: Stage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewal {
    Due(u64),
    InFlight { req: ReqId, sent_at: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// The client runs (or is starting) under this token.
    Running,
    /// Hand-over: waiting for `ClientStopped`.
    Stopping,
    /// Hand-over: waiting for `BackupDone`.
    BackingUp,
    /// Hand-over: release.lua sent; no more renewals.
    Releasing(ReqId),
}

impl Held {
    fn stop_at(&self, margin: u64) -> u64 {
        self.valid_until.saturating_sub(margin)
    }
}

/// One worker's leases. Feed it with [`Leases::handle`]; carry out what it returns.
#[derive(Debug)]
pub struct Leases {
    cfg: LeaseConfig,
    slots: BTreeMap<AccountId, Slot>,
    /// The highest token seen per account, to notice Redis going back.
    last_tokens: HashMap<AccountId, u64>,
    /// The session being handed over by rebalancing, and when the next
    /// rebalancing judgement may come.
    moving: Option<AccountId>,
    rebalance_after: u64,
    /// Accounts whose client failed to start here, and until when this
    /// worker does not claim them: a start that fails for a reason of this
    /// machine (no Chromium, a full disk) must not hold the account, and a
    /// cause that lasts must not make it spin.
    resting: HashMap<AccountId, u64>,
    next_req: ReqId,
    draining: bool,
    drained: bool,
    out: Vec<Output>,
    last_wake: Option<u64>,
}

impl Leases {
    pub fn new(cfg: LeaseConfig) -> Self {
        Leases {
            cfg,
            slots: BTreeMap::new(),
            last_tokens: HashMap::new(),
            resting: HashMap::new(),
            moving: None,
            rebalance_after: 0,
            next_req: 0,
            draining: false,
            drained: false,
            out: Vec::new(),
            last_wake: None,
        }
    }

    pub fn config(&self) -> &LeaseConfig {
        &self.cfg
    }

    /// Shutting down: the heartbeat says so and placement gives it nothing.
    pub fn is_draining(&self) -> bool {
        self.draining
    }

    /// Sessions run or claimed here: the load this worker's heartbeat reports.
    pub fn load(&self) -> u32 {
        self.slots.len() as u32
    }

    /// The token to tag an outward action of `account` with, or `None` when
    /// the client must not act (not ours, being handed over, or too close to
    /// the local deadline). The driver asks right before every send.
    pub fn may_act(&self, now: u64, account: &AccountId) -> Option<u64> {
        match self.slots.get(account) {
            Some(Slot::Held(h)) if h.stage == Stage::Running && now < h.stop_at(self.cfg.stop_margin_ms) => Some(h.token),
            _ => None,
        }
    }

    pub fn handle(&mut self, now: u64, input: Input) -> Vec<Output> {
        // Deadlines first: after a pause nothing may go out for a lease that
        // ran out, not even the renewal that was due long ago.
        self.expire(now);
        match input {
            Input::Tick => {}
            Input::Placement(snapshot) => self.place(now, snapshot),
            Input::Reply(req, reply) => self.on_reply(now, req, reply),
            Input::Capacity(capacity) => {
                self.cfg.capacity = capacity;
                self.shed();
            }
            Input::ClientStopped(account) => self.on_client_stopped(&account),
            Input::BackupDone(account, _ok) => self.on_backup_done(&account),
            Input::ClientFailed(account) => self.on_client_failed(now, &account),
            Input::Shutdown => {
                self.draining = true;
                let all: Vec<AccountId> = self.slots.keys().cloned().collect();
                for account in all {
                    self.hand_over(&account, StopReason::HandOver);
                }
            }
        }
        self.renew_due(now);
        if self.draining && self.slots.is_empty() && !self.drained {
            self.drained = true;
            self.out.push(Output::Drained);
        }
        self.schedule();
        std::mem::take(&mut self.out)
    }

    fn req(&mut self) -> ReqId {
        self.next_req += 1;
        self.next_req
    }

    fn send(&mut self, cmd: RedisCommand) -> ReqId {
        let req = self.req();
        self.out.push(Output::Redis(req, cmd));
        req
    }

    /// Local deadlines: a lease whose stop point passed is gone for this
    /// worker. Its client stops; nothing is sent (the lease may already be
    /// another worker's, and a release would gain nothing: it is fenced).
    fn expire(&mut self, now: u64) {
        let margin = self.cfg.stop_margin_ms;
        let gone: Vec<AccountId> =
            self.slots.iter().filter(|(_, s)| matches!(s, Slot::Held(h) if now >= h.stop_at(margin))).map(|(a, _)| a.clone()).collect();
        for account in gone {
            self.lose(&account, StopReason::DeadlinePassed);
        }
    }

    /// The lease is (or must be assumed) gone: stop a client that runs.
    fn lose(&mut self, account: &AccountId, reason: StopReason) {
        if let Some(Slot::Held(h)) = self.slots.remove(account) {
            // A client in hand-over is already stopping or stopped, and its
            // backup is written under its token, so a late one is refused.
            if h.stage == Stage::Running {
                self.out.push(Output::StopClient { account: account.clone(), token: h.token, reason });
            }
        }
    }

    fn place(&mut self, now: u64, snapshot: Snapshot) {
        if self.draining {
            return;
        }
        // Sessions of accounts that left the pool stop here; nobody claims them again.
        if let Some(accounts) = &snapshot.accounts {
            let removed: Vec<AccountId> = self.slots.keys().filter(|a| !accounts.contains(*a)).cloned().collect();
            for account in removed {
                self.hand_over(&account, StopReason::Removed);
            }
        }
        self.resting.retain(|_, until| *until > now);
        if self.cfg.rebalance {
            self.rebalance(now, &snapshot.workers);
        }
        // This worker's own entry is replaced by what it knows now: the
        // registry's copy is up to one heartbeat old.
        let me = WorkerLoad { id: self.cfg.worker.clone(), capacity: self.cfg.capacity, load: self.load(), draining: false };
        let mut workers: Vec<WorkerLoad> = snapshot.workers.into_iter().filter(|w| w.id != me.id).collect();
        workers.push(me);
        let unowned: Vec<AccountId> = snapshot.unowned.into_iter().filter(|a| !self.slots.contains_key(a) && !self.resting.contains_key(a)).collect();
        for (account, worker) in assign(&workers, &unowned, &snapshot.failed_on) {
            if worker != self.cfg.worker {
                continue;
            }
            let cmd = RedisCommand::claim(&self.cfg.keys, &account, &self.cfg.worker, self.cfg.lease_ms);
            let req = self.send(cmd);
            self.slots.insert(account, Slot::Claiming { req, sent_at: now });
        }
    }

    fn find(&self, req: ReqId) -> Option<AccountId> {
        self.slots
            .iter()
            .find(|(_, s)| match s {
                Slot::Claiming { req: r, .. } => *r == req,
                Slot::Held(h) => matches!(h.renewal, Renewal::InFlight { req: r, .. } if r == req) || h.stage == Stage::Releasing(req),
            })
            .map(|(a, _)| a.clone())
    }

    fn on_reply(&mut self, now: u64, req: ReqId, reply: Result<ScriptReply, String>) {
        // A reply nobody waits for (its slot expired meanwhile) changes
        // nothing: a lease it may have extended runs out by itself.
        let Some(account) = self.find(req) else { return };
        match self.slots[&account].clone() {
            Slot::Claiming { sent_at, .. } => self.on_claim_reply(now, account, sent_at, reply),
            Slot::Held(h) if h.stage == Stage::Releasing(req) => {
                // Released, not ours any more, or unknown: in every case this
                // worker is done with it (an unreleased lease expires).
                self.slots.remove(&account);
            }
            Slot::Held(h) => {
                let Renewal::InFlight { sent_at, .. } = h.renewal else { return };
                match reply {
                    Ok(ScriptReply::Renewed) => {
                        let valid_until = (sent_at + self.cfg.lease_ms - self.cfg.drift_ms).max(h.valid_until);
                        let renewal = Renewal::Due(sent_at + self.cfg.renew_every_ms);
                        self.slots.insert(account, Slot::Held(Held { valid_until, renewal, ..h }));
                        // Renewed from a send long ago may still be past the stop point.
                        self.expire(now);
                    }
                    Ok(ScriptReply::NotRenewed) => self.lose(&account, StopReason::LeaseLost),
                    // An error, a time limit or a reply of the wrong kind:
                    // try again soon; the deadline stops the client if it lasts.
                    _ => {
                        let renewal = Renewal::Due(now + self.cfg.retry_ms);
                        self.slots.insert(account, Slot::Held(Held { renewal, ..h }));
                    }
                }
            }
        }
    }

    fn on_claim_reply(&mut self, now: u64, account: AccountId, sent_at: u64, reply: Result<ScriptReply, String>) {
        let Ok(ScriptReply::Claimed { token }) = reply else {
            // Lost the race (Held), or an error: placement tries again with
            // the next snapshot. A claim that ran although its reply was lost
            // leaves a lease nobody renews: the account waits one lease time.
            self.slots.remove(&account);
            return;
        };
        let valid_until = (sent_at + self.cfg.lease_ms).saturating_sub(self.cfg.drift_ms);
        let held = Held { token, valid_until, renewal: Renewal::Due(sent_at + self.cfg.renew_every_ms), stage: Stage::Running };
        let last = self.last_tokens.get(&account).copied();
        if let Some(last) = last.filter(|last| token <= *last) {
            self.out.push(Output::Fault(Fault::TokenWentBack { account: account.clone(), last, got: token }));
            self.release(account, held);
            return;
        }
        self.last_tokens.insert(account.clone(), token);
        if self.draining || now >= held.stop_at(self.cfg.stop_margin_ms) || self.running() >= self.cfg.capacity as usize {
            // Shutting down, the reply came too late to use the lease, or
            // the capacity was cut while the claim was out.
            self.release(account, held);
            return;
        }
        self.out.push(Output::StartClient { account: account.clone(), token });
        self.slots.insert(account, Slot::Held(held));
    }

    fn release(&mut self, account: AccountId, held: Held) {
        let cmd = RedisCommand::release(&self.cfg.keys, &account, held.token, &self.cfg.worker);
        let req = self.send(cmd);
        self.slots.insert(account, Slot::Held(Held { stage: Stage::Releasing(req), ..held }));
    }

    /// Starts the hand-over of a running session: stop, back up, release.
    /// `reason` is `HandOver` or `Removed`.
    fn hand_over(&mut self, account: &AccountId, reason: StopReason) {
        debug_assert!(reason.backs_up());
        if let Some(Slot::Held(h)) = self.slots.get_mut(account) {
            if h.stage == Stage::Running {
                h.stage = Stage::Stopping;
                let token = h.token;
                self.out.push(Output::StopClient { account: account.clone(), token, reason });
            }
        }
    }

    /// Hands one running session over when another live worker has at least
    /// two more free places than this one: placement then gives it there (it
    /// is still the freer of the two after the move, so nothing moves back).
    /// One at a time: nothing while a claim or a hand-over is under way here,
    /// nor for `rebalance_hold_ms` after a moved session left (the registry's
    /// load of its taker is a heartbeat old). The session stops for the move
    /// (backed up, restored there), as in a clean shutdown.
    fn rebalance(&mut self, now: u64, workers: &[WorkerLoad]) {
        if let Some(account) = &self.moving {
            if self.slots.contains_key(account) {
                return;
            }
            self.moving = None;
            self.rebalance_after = now + self.cfg.rebalance_hold_ms;
        }
        if now < self.rebalance_after || self.slots.values().any(|s| !matches!(s, Slot::Held(Held { stage: Stage::Running, .. }))) {
            return;
        }
        let mine = self.cfg.capacity.saturating_sub(self.load());
        let freest = workers.iter().filter(|w| w.id != self.cfg.worker).map(WorkerLoad::free).max().unwrap_or(0);
        if freest >= mine.saturating_add(2) {
            // The last in id order, as a capacity cut picks.
            if let Some(account) = self.running_accounts().pop() {
                self.hand_over(&account, StopReason::HandOver);
                self.moving = Some(account);
            }
        }
    }

    /// A client that could not start: its lease goes back at once, without a
    /// backup (nothing newer than the committed one exists), and the account
    /// rests here for two lease times. The driver also marks it in Redis
    /// (`{acct}:failed`), so every worker's placement gives it elsewhere
    /// meanwhile; the local rest holds even if that write fails.
    fn on_client_failed(&mut self, now: u64, account: &AccountId) {
        if let Some(Slot::Held(h)) = self.slots.get(account) {
            if h.stage == Stage::Running {
                let h = h.clone();
                self.resting.insert(account.clone(), now + 2 * self.cfg.lease_ms);
                self.release(account.clone(), h);
            }
        }
    }

    fn running_accounts(&self) -> Vec<AccountId> {
        self.slots.iter().filter(|(_, s)| matches!(s, Slot::Held(Held { stage: Stage::Running, .. }))).map(|(a, _)| a.clone()).collect()
    }

    fn running(&self) -> usize {
        self.running_accounts().len()
    }

    /// After a capacity cut, hands over the sessions above it (the last in
    /// id order, so the choice is predictable). Claims still out are
    /// released when they succeed if there is no room for them then.
    fn shed(&mut self) {
        let running = self.running_accounts();
        let surplus = running.len().saturating_sub(self.cfg.capacity as usize);
        for account in running.iter().rev().take(surplus) {
            self.hand_over(account, StopReason::HandOver);
        }
    }

    fn on_client_stopped(&mut self, account: &AccountId) {
        if let Some(Slot::Held(h)) = self.slots.get_mut(account) {
            if h.stage == Stage::Stopping {
                h.stage = Stage::BackingUp;
                let token = h.token;
                self.out.push(Output::Backup { account: account.clone(), token });
            }
        }
    }

    /// The backup is written (or failed: the last complete one stays the one
    /// restored); either way the lease is released now, not left to expire.
    fn on_backup_done(&mut self, account: &AccountId) {
        if let Some(Slot::Held(h)) = self.slots.get(account) {
            if h.stage == Stage::BackingUp {
                let h = h.clone();
                self.release(account.clone(), h);
            }
        }
    }

    fn renew_due(&mut self, now: u64) {
        let due: Vec<(AccountId, u64)> = self
            .slots
            .iter()
            .filter_map(|(a, s)| match s {
                Slot::Held(h) if !matches!(h.stage, Stage::Releasing(_)) && matches!(h.renewal, Renewal::Due(at) if now >= at) => {
                    Some((a.clone(), h.token))
                }
                _ => None,
            })
            .collect();
        for (account, token) in due {
            let cmd = RedisCommand::renew(&self.cfg.keys, &account, token, &self.cfg.worker, self.cfg.lease_ms);
            let req = self.send(cmd);
            if let Some(Slot::Held(h)) = self.slots.get_mut(&account) {
                h.renewal = Renewal::InFlight { req, sent_at: now };
            }
        }
    }

    /// The next time something is due: a renewal or a stop point.
    fn schedule(&mut self) {
        let margin = self.cfg.stop_margin_ms;
        let next = self
            .slots
            .values()
            .filter_map(|s| match s {
                Slot::Held(h) => {
                    let renew = match (h.stage, h.renewal) {
                        (Stage::Releasing(_), _) | (_, Renewal::InFlight { .. }) => u64::MAX,
                        (_, Renewal::Due(at)) => at,
                    };
                    Some(renew.min(h.stop_at(margin)))
                }
                Slot::Claiming { .. } => None,
            })
            .min();
        if next.is_some() && next != self.last_wake {
            self.out.push(Output::WakeAt(next.unwrap_or_default()));
        }
        self.last_wake = next;
    }
}
