//! The pool driver: one tokio task that owns a worker's [`Leases`] machine and
//! carries out what it says (docs/pool.md, "Redis client").
//!
//! Rust owns the logic and the timers; Redis is reached through a [`Bridge`],
//! one command in and Redis's reply out. In the addon the bridge will be the
//! application's own client (ioredis or node-redis) behind
//! `lib/pool/redis-adapter.js`, called through a ThreadsafeFunction as
//! RemoteAuth's store is; in unit tests it is a model of the Lua scripts.
//!
//! The task feeds the machine its inputs (from the [`PoolDriver`] handle),
//! the replies to the commands it sent (each bounded by a time limit, after
//! which the reply counts as an error: the command may or may not have run)
//! and a `Tick` at every `WakeAt` time. The client-facing outputs
//! (`StartClient`, `StopClient`, `Backup`, `Fault`, `Drained`) go out on the
//! events channel, in order.
//!
//! Time is milliseconds since the task started, on `CLOCK_BOOTTIME` (a
//! suspended machine counts as time passing) or, in tests, tokio's clock.
//! With a sweep period the driver also heartbeats and reads the registry
//! for placement (registry.rs); callers ask `may_act` before acting.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{sleep_until, timeout, Instant};

use super::io::{Input, Output, RedisCommand, ReqId, Script, ScriptReply, Snapshot};
use super::keys::{AccountId, Keys};
use super::lease::Leases;
use super::placement::WorkerLoad;
use super::registry;

/// The application's Redis client as the driver sees it. `send` must not
/// block: it starts the command and returns its reply as a future.
pub trait Bridge: Send + Sync + 'static {
    /// A command in the adapter's shape (`bridge_command`, registry.rs).
    fn send_value(&self, command: Value) -> BoxFuture<'static, Result<Value, String>>;

    /// One of the lease machine's commands.
    fn send(&self, command: &RedisCommand) -> BoxFuture<'static, Result<Value, String>> {
        self.send_value(bridge_command(command))
    }
}

/// A command as `lib/pool/redis-adapter.js` takes it:
/// `{ script, keys, args }`, every key and argument a string.
pub fn bridge_command(command: &RedisCommand) -> Value {
    json!({ "script": command.script().name(), "keys": command.keys(), "args": command.args() })
}

/// Reads a script's reply in the shape the adapter gives it (Redis's reply
/// with bulk strings as strings and integers as numbers).
pub fn parse_reply(script: Script, reply: &Value) -> Result<ScriptReply, String> {
    let flag = |v: &Value| v.as_i64().filter(|n| *n == 0 || *n == 1);
    let parsed = match script {
        Script::Claim => match reply.as_array().map(Vec::as_slice) {
            Some([won, token]) if flag(won) == Some(1) => token.as_u64().filter(|t| *t > 0).map(|token| ScriptReply::Claimed { token }),
            Some([won, holder, pttl]) if flag(won) == Some(0) => holder
                .as_str()
                .zip(pttl.as_i64())
                .map(|(holder, pttl_ms)| ScriptReply::Held { holder: holder.to_owned(), pttl_ms }),
            _ => None,
        },
        Script::Renew => flag(reply).map(|n| if n == 1 { ScriptReply::Renewed } else { ScriptReply::NotRenewed }),
        Script::Release => flag(reply).map(|n| if n == 1 { ScriptReply::Released } else { ScriptReply::NotReleased }),
        // Not lease scripts: registry.rs reads their replies.
        Script::Heartbeat | Script::Registry | Script::CommitBackup | Script::AppendEvent => None,
    };
    parsed.ok_or_else(|| format!("pool {}: unexpected reply {reply}", script.name()))
}

/// The driver's clock, in milliseconds since the driver started.
///
/// In the addon it is `CLOCK_BOOTTIME`, which keeps counting while the
/// machine is suspended (a suspended VM or laptop must find its leases
/// expired when it wakes up; `CLOCK_MONOTONIC`, Rust's `Instant`, stops).
/// Tests use tokio's clock so they can pause it.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    Boot { start_ms: u64 },
    Tokio { start: Instant },
}

impl Clock {
    pub fn boot() -> Clock {
        Clock::Boot { start_ms: boot_ms() }
    }

    pub fn tokio() -> Clock {
        Clock::Tokio { start: Instant::now() }
    }

    pub fn now(&self) -> u64 {
        match self {
            Clock::Boot { start_ms } => boot_ms().saturating_sub(*start_ms),
            Clock::Tokio { start } => start.elapsed().as_millis() as u64,
        }
    }

    /// The tokio instant at which this clock shows `at` (timers run on
    /// tokio's clock; after a suspend they fire late, and the first input
    /// then finds the deadlines passed on this clock).
    fn instant_of(&self, at: u64) -> Instant {
        Instant::now() + Duration::from_millis(at.saturating_sub(self.now()))
    }
}

fn boot_ms() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the one we pass.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) } == 0;
    if ok {
        ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
    } else {
        // Not on Linux's terms: the monotonic clock is the next best.
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_millis() as u64
    }
}

/// How often the driver heartbeats and reads the registry for placement;
/// `None` for a driver that only follows its inputs (unit tests).
#[derive(Debug, Clone, Copy)]
pub struct DriverConfig {
    pub time_limit: Duration,
    pub sweep_every: Option<Duration>,
    pub clock: Clock,
}

/// The handle of a running driver. Dropping it ends the task; leases it
/// held then run out in Redis by themselves.
pub struct PoolDriver {
    inputs: mpsc::UnboundedSender<Input>,
    leases: Arc<Mutex<Leases>>,
    clock: Clock,
    task: JoinHandle<()>,
}

impl PoolDriver {
    /// Starts the task on the current tokio runtime. `time_limit` bounds each
    /// Redis command; it should stay well below the renewal period.
    pub fn spawn(leases: Leases, bridge: Arc<dyn Bridge>, time_limit: Duration) -> (PoolDriver, mpsc::UnboundedReceiver<Output>) {
        PoolDriver::spawn_with(leases, bridge, DriverConfig { time_limit, sweep_every: None, clock: Clock::tokio() })
    }

    pub fn spawn_with(leases: Leases, bridge: Arc<dyn Bridge>, config: DriverConfig) -> (PoolDriver, mpsc::UnboundedReceiver<Output>) {
        let (inputs, input_rx) = mpsc::unbounded_channel();
        let (events, event_rx) = mpsc::unbounded_channel();
        let leases = Arc::new(Mutex::new(leases));
        let task = tokio::spawn(run(leases.clone(), bridge, config, input_rx, inputs.clone(), events));
        (PoolDriver { inputs, leases, clock: config.clock, task }, event_rx)
    }

    /// Placement snapshots, capacity changes, stopped clients, finished
    /// backups, shutdown. `false` if the task has ended.
    pub fn input(&self, input: Input) -> bool {
        self.inputs.send(input).is_ok()
    }

    /// The token an outward action of `account` must carry, or `None` when
    /// this worker must not act for it now (docs/pool.md: asked right before
    /// every send).
    pub fn may_act(&self, account: &AccountId) -> Option<u64> {
        let leases = self.leases.lock().unwrap_or_else(|e| e.into_inner());
        leases.may_act(self.clock.now(), account)
    }

    pub fn load(&self) -> u32 {
        self.leases.lock().unwrap_or_else(|e| e.into_inner()).load()
    }
}

impl Drop for PoolDriver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Sends one command through the bridge within the time limit.
pub async fn send_bounded(bridge: &Arc<dyn Bridge>, command: Value, what: &str, time_limit: Duration) -> Result<Value, String> {
    match timeout(time_limit, bridge.send_value(command)).await {
        Ok(reply) => reply,
        Err(_) => Err(format!("pool {what}: no reply within {} ms", time_limit.as_millis())),
    }
}

/// One sweep: the heartbeat, then (unless draining) the registry and, unless
/// full, which accounts have no lease, as a placement snapshot. `None` if
/// Redis failed; the next sweep tries again.
async fn sweep(bridge: Arc<dyn Bridge>, keys: Keys, me: WorkerLoad, ttl_ms: u64, time_limit: Duration) -> Option<Snapshot> {
    let draining = me.draining;
    if let Err(e) = send_bounded(&bridge, registry::heartbeat(&keys, &me, ttl_ms), "heartbeat", time_limit).await {
        crate::debug_log!("pool heartbeat: {e}");
        return None;
    }
    // A worker that is leaving hands everything over anyway: it reads nothing.
    if draining {
        return None;
    }
    let reply = send_bounded(&bridge, registry::registry_read(&keys), "registry", time_limit).await;
    let (workers, accounts) = match reply.and_then(|r| registry::parse_registry(&r)) {
        Ok(read) => read,
        Err(e) => {
            crate::debug_log!("pool registry: {e}");
            return None;
        }
    };
    // Placement gives nothing to a full worker: it need not check every account's lease (the
    // largest Redis cost of the pool), but it reads the account list, to stop removed ones.
    let accounts_set: std::collections::BTreeSet<AccountId> = accounts.iter().cloned().collect();
    if me.load >= me.capacity {
        return Some(Snapshot { workers, unowned: Vec::new(), accounts: Some(accounts_set), failed_on: Default::default() });
    }
    let checks = accounts.iter().map(|account| {
        let bridge = bridge.clone();
        let command = registry::lease_state(&keys, account);
        async move { send_bounded(&bridge, command, "MGET", time_limit).await.and_then(|r| registry::parse_lease_state(&r)) }
    });
    let states = futures::future::join_all(checks).await;
    let mut unowned = Vec::new();
    let mut failed_on = std::collections::HashMap::new();
    for (account, state) in accounts.into_iter().zip(states) {
        match state {
            Ok((false, failed)) => {
                if let Some(worker) = failed {
                    failed_on.insert(account.clone(), worker);
                }
                unowned.push(account);
            }
            Ok((true, _)) => {}
            // Unknown: not offered this time (a claim would settle it anyway).
            Err(e) => crate::debug_log!("pool lease check: {e}"),
        }
    }
    Some(Snapshot { workers, unowned, accounts: Some(accounts_set), failed_on })
}

async fn run(
    leases: Arc<Mutex<Leases>>,
    bridge: Arc<dyn Bridge>,
    config: DriverConfig,
    mut inputs: mpsc::UnboundedReceiver<Input>,
    self_inputs: mpsc::UnboundedSender<Input>,
    events: mpsc::UnboundedSender<Output>,
) {
    let clock = config.clock;
    let time_limit = config.time_limit;
    let (reply_tx, mut replies) = mpsc::unbounded_channel::<(ReqId, Result<ScriptReply, String>)>();
    let (keys, worker, lease_ms) = {
        let l = leases.lock().unwrap_or_else(|e| e.into_inner());
        (l.config().keys.clone(), l.config().worker.clone(), l.config().lease_ms)
    };
    let mut sweeps = config.sweep_every.map(|every| {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        (interval, every)
    });
    let sweeping = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut drained = false;
    let mut wake: Option<u64> = None;
    loop {
        let timer = sleep_until(clock.instant_of(wake.unwrap_or(0)));
        let sweep_tick = async {
            match sweeps.as_mut() {
                Some((interval, _)) if !drained => interval.tick().await,
                _ => std::future::pending().await,
            }
        };
        let input = tokio::select! {
            biased;
            Some((req, reply)) = replies.recv() => Input::Reply(req, reply),
            input = inputs.recv() => match input {
                Some(input) => input,
                None => return,
            },
            // The machine announces a wake time only when it changes. Handling
            // a tick at or after it always moves its next time past it (the
            // renewal goes in flight, the stop point is passed), so the timer
            // is spent once it fired.
            _ = timer, if wake.is_some() => {
                wake = None;
                Input::Tick
            }
            _ = sweep_tick => {
                // One sweep at a time: a slow Redis must not pile them up.
                if !sweeping.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    let every = sweeps.as_ref().map(|(_, every)| *every).unwrap_or_default();
                    let me = {
                        let l = leases.lock().unwrap_or_else(|e| e.into_inner());
                        WorkerLoad { id: worker.clone(), capacity: l.config().capacity, load: l.load(), draining: l.is_draining() }
                    };
                    let (bridge, keys, tx, sweeping) = (bridge.clone(), keys.clone(), self_inputs.clone(), sweeping.clone());
                    // A heartbeat counts three sweeps, and never less than a lease.
                    let ttl_ms = (every.as_millis() as u64 * 3).max(lease_ms);
                    tokio::spawn(async move {
                        if let Some(snapshot) = sweep(bridge, keys, me, ttl_ms, time_limit).await {
                            let _ = tx.send(Input::Placement(snapshot));
                        }
                        sweeping.store(false, std::sync::atomic::Ordering::SeqCst);
                    });
                }
                Input::Tick
            }
        };
        let outputs = {
            let mut l = leases.lock().unwrap_or_else(|e| e.into_inner());
            l.handle(clock.now(), input)
        };
        for output in outputs {
            match output {
                Output::Redis(req, command) => {
                    let reply = bridge.send(&command);
                    let reply_tx = reply_tx.clone();
                    let script = command.script();
                    tokio::spawn(async move {
                        let reply = match timeout(time_limit, reply).await {
                            Ok(Ok(value)) => parse_reply(script, &value),
                            Ok(Err(error)) => Err(error),
                            Err(_) => Err(format!("pool {}: no reply within {} ms", script.name(), time_limit.as_millis())),
                        };
                        let _ = reply_tx.send((req, reply));
                    });
                }
                Output::WakeAt(at) => wake = Some(at),
                Output::Drained => {
                    // Leave the registry at once rather than after the heartbeat's time.
                    if sweeps.is_some() && !drained {
                        for command in registry::leave(&keys, &worker) {
                            let _ = send_bounded(&bridge, command, "leave", time_limit).await;
                        }
                    }
                    drained = true;
                    let _ = events.send(Output::Drained);
                }
                other => {
                    // Nobody listening any more is not the machine's concern.
                    let _ = events.send(other);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::super::tests::{acct, config, snapshot, FakeRedis, DRIFT, LEASE, MARGIN, RENEW, RETRY};
    use super::super::{Keys, StopReason};
    use super::*;

    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Mode {
        Answer,
        Fail,
        Hang,
    }

    /// The scripts' model behind a bridge, on tokio's (paused) clock, with
    /// every command logged with the time it reached "Redis".
    struct FakeBridge {
        start: Instant,
        redis: Mutex<FakeRedis>,
        mode: Mutex<Mode>,
        log: Mutex<Vec<(u64, Script)>>,
    }

    impl FakeBridge {
        fn new() -> Arc<Self> {
            Arc::new(FakeBridge { start: Instant::now(), redis: Mutex::default(), mode: Mutex::new(Mode::Answer), log: Mutex::default() })
        }
        fn now(&self) -> u64 {
            self.start.elapsed().as_millis() as u64
        }
        fn set(&self, mode: Mode) {
            *self.mode.lock().unwrap() = mode;
        }
        fn sent(&self, script: Script) -> Vec<u64> {
            self.log.lock().unwrap().iter().filter(|(_, s)| *s == script).map(|(t, _)| *t).collect()
        }
    }

    /// A script's reply in the shape the JS adapter hands it over.
    fn as_redis(reply: ScriptReply) -> Value {
        match reply {
            ScriptReply::Claimed { token } => json!([1, token]),
            ScriptReply::Held { holder, pttl_ms } => json!([0, holder, pttl_ms]),
            ScriptReply::Renewed | ScriptReply::Released => json!(1),
            ScriptReply::NotRenewed | ScriptReply::NotReleased => json!(0),
        }
    }

    impl Bridge for FakeBridge {
        fn send_value(&self, command: Value) -> BoxFuture<'static, Result<Value, String>> {
            Box::pin(async move { Err(format!("the model has no {command}")) })
        }

        fn send(&self, command: &RedisCommand) -> BoxFuture<'static, Result<Value, String>> {
            let now = self.now();
            self.log.lock().unwrap().push((now, command.script()));
            let reply = match *self.mode.lock().unwrap() {
                Mode::Answer => Ok(as_redis(self.redis.lock().unwrap().exec(now, command))),
                Mode::Fail => Err("connection refused".to_owned()),
                Mode::Hang => return Box::pin(futures::future::pending()),
            };
            Box::pin(async move { reply })
        }
    }

    const LIMIT: Duration = Duration::from_millis(100);

    async fn next(events: &mut mpsc::UnboundedReceiver<Output>) -> Output {
        timeout(Duration::from_secs(60), events.recv()).await.expect("an event").expect("the driver runs")
    }

    /// A driver for worker `a` (capacity 1) that claimed account `x` at time 0.
    async fn owning_x(bridge: &Arc<FakeBridge>) -> (PoolDriver, mpsc::UnboundedReceiver<Output>) {
        let (driver, mut events) = PoolDriver::spawn(Leases::new(config("a", 1)), bridge.clone(), LIMIT);
        assert!(driver.input(Input::Placement(snapshot(&[], &["x"]))));
        assert_eq!(next(&mut events).await, Output::StartClient { account: acct("x"), token: 1 });
        (driver, events)
    }

    #[tokio::test(start_paused = true)]
    async fn claim_then_renewals_on_the_machines_timers_then_a_refused_renewal_stops_the_client() {
        let bridge = FakeBridge::new();
        let (_driver, mut events) = owning_x(&bridge).await;
        // Wake between two renewals (at 3000 the test and the timer would tie).
        tokio::time::sleep(Duration::from_millis(3 * LEASE + 50)).await;
        // Renewed every RENEW ms from the send of the claim: the lease never ran out.
        let renewals = bridge.sent(Script::Renew);
        assert_eq!(renewals, (1..=10).map(|i| i * RENEW).collect::<Vec<_>>());
        assert_eq!(bridge.redis.lock().unwrap().holder(bridge.now(), "x"), Some((1, "a".to_owned())));
        assert!(events.try_recv().is_err(), "nothing else happened");
        // Another worker holds the lease now (ours ran out while Redis was
        // away, say): the next renewal is refused and the client stops at once.
        let key = Keys::new("t:").lease(&acct("x"));
        bridge.redis.lock().unwrap().leases.insert(key, ("2 b".to_owned(), u64::MAX));
        let stop = next(&mut events).await;
        assert_eq!(stop, Output::StopClient { account: acct("x"), token: 1, reason: StopReason::LeaseLost });
        assert_eq!(bridge.now(), 11 * RENEW, "stopped on the reply to the next renewal");
        tokio::time::sleep(Duration::from_millis(3 * LEASE)).await;
        assert_eq!(bridge.sent(Script::Renew).len(), 11, "no renewal after the loss");
        assert!(bridge.sent(Script::Release).is_empty(), "nothing to give back: it is b's");
    }

    #[tokio::test(start_paused = true)]
    async fn renewals_failing_or_hanging_stop_the_client_before_redis_lets_the_lease_go() {
        for mode in [Mode::Fail, Mode::Hang] {
            let bridge = FakeBridge::new();
            let (_driver, mut events) = owning_x(&bridge).await;
            bridge.set(mode);
            let stop = next(&mut events).await;
            assert_eq!(stop, Output::StopClient { account: acct("x"), token: 1, reason: StopReason::DeadlinePassed }, "{mode:?}");
            // Stopped at the local stop point, counted from the claim's send at 0 ...
            assert_eq!(bridge.now(), LEASE - DRIFT - MARGIN, "{mode:?}");
            // ... while Redis still holds the lease for this worker: no other
            // worker can have started the account yet.
            assert_eq!(bridge.redis.lock().unwrap().holder(bridge.now(), "x"), Some((1, "a".to_owned())), "{mode:?}");
            // Retried after each failure (an error at once, a hang after the time limit).
            let gap = if mode == Mode::Fail { RETRY } else { LIMIT.as_millis() as u64 + RETRY };
            let expected: Vec<u64> = (0..).map(|i| RENEW + i * gap).take_while(|t| *t < LEASE - DRIFT - MARGIN).collect();
            assert_eq!(bridge.sent(Script::Renew), expected, "{mode:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_hands_over_through_the_events_and_releases_the_lease() {
        let bridge = FakeBridge::new();
        let (driver, mut events) = owning_x(&bridge).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(driver.input(Input::Shutdown));
        assert_eq!(next(&mut events).await, Output::StopClient { account: acct("x"), token: 1, reason: StopReason::HandOver });
        // The client takes longer to stop than a renewal period: renewals go on.
        tokio::time::sleep(Duration::from_millis(LEASE)).await;
        assert!(driver.input(Input::ClientStopped(acct("x"))));
        assert_eq!(next(&mut events).await, Output::Backup { account: acct("x"), token: 1 });
        assert!(driver.input(Input::BackupDone(acct("x"), true)));
        assert_eq!(next(&mut events).await, Output::Drained);
        assert_eq!(bridge.sent(Script::Release).len(), 1);
        assert_eq!(bridge.redis.lock().unwrap().holder(bridge.now(), "x"), None, "released, not left to expire");
    }

    #[test]
    fn commands_go_to_the_adapter_as_script_keys_args_and_replies_are_checked() {
        let keys = Keys::new("t:");
        let worker = super::super::WorkerId::parse("a").unwrap();
        let renew = RedisCommand::renew(&keys, &acct("x"), 7, &worker, 900);
        assert_eq!(bridge_command(&renew), json!({ "script": "renew", "keys": ["t:{x}:lease"], "args": ["7", "a", "900"] }));
        assert_eq!(parse_reply(Script::Claim, &json!([1, 3])), Ok(ScriptReply::Claimed { token: 3 }));
        assert_eq!(parse_reply(Script::Claim, &json!([0, "2 b", 400])), Ok(ScriptReply::Held { holder: "2 b".into(), pttl_ms: 400 }));
        assert_eq!(parse_reply(Script::Renew, &json!(0)), Ok(ScriptReply::NotRenewed));
        assert_eq!(parse_reply(Script::Release, &json!(1)), Ok(ScriptReply::Released));
        for (script, bad) in [(Script::Claim, json!([1, 0])), (Script::Claim, json!([1])), (Script::Claim, json!("1")), (Script::Renew, json!(2)), (Script::Release, json!(null))] {
            assert!(parse_reply(script, &bad).unwrap_err().contains("unexpected reply"), "{bad}");
        }
    }
}
