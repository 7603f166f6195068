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
//! Time is milliseconds since the task started, on tokio's clock (so tests
//! can pause it). Not yet: `CLOCK_BOOTTIME` (see docs/pool.md: a suspended
//! machine must count as time passing), `may_act` for callers, the snapshot
//! and heartbeat timers.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{sleep_until, timeout, Instant};

use super::io::{Input, Output, RedisCommand, ReqId, Script, ScriptReply};
use super::lease::Leases;

/// The application's Redis client as the driver sees it. `send` must not
/// block: it starts the command and returns its reply as a future.
pub trait Bridge: Send + Sync + 'static {
    fn send(&self, command: &RedisCommand) -> BoxFuture<'static, Result<Value, String>>;
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
    };
    parsed.ok_or_else(|| format!("pool {}: unexpected reply {reply}", script.name()))
}

/// The handle of a running driver. Dropping it ends the task; leases it
/// held then run out in Redis by themselves.
pub struct PoolDriver {
    inputs: mpsc::UnboundedSender<Input>,
    task: JoinHandle<()>,
}

impl PoolDriver {
    /// Starts the task on the current tokio runtime. `time_limit` bounds each
    /// Redis command; it should stay well below the renewal period.
    pub fn spawn(leases: Leases, bridge: Arc<dyn Bridge>, time_limit: Duration) -> (PoolDriver, mpsc::UnboundedReceiver<Output>) {
        let (inputs, input_rx) = mpsc::unbounded_channel();
        let (events, event_rx) = mpsc::unbounded_channel();
        let task = tokio::spawn(run(leases, bridge, time_limit, input_rx, events));
        (PoolDriver { inputs, task }, event_rx)
    }

    /// Placement snapshots, capacity changes, stopped clients, finished
    /// backups, shutdown. `false` if the task has ended.
    pub fn input(&self, input: Input) -> bool {
        self.inputs.send(input).is_ok()
    }
}

impl Drop for PoolDriver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn run(
    mut leases: Leases,
    bridge: Arc<dyn Bridge>,
    time_limit: Duration,
    mut inputs: mpsc::UnboundedReceiver<Input>,
    events: mpsc::UnboundedSender<Output>,
) {
    let start = Instant::now();
    let (reply_tx, mut replies) = mpsc::unbounded_channel::<(ReqId, Result<ScriptReply, String>)>();
    let mut wake: Option<u64> = None;
    loop {
        let timer = sleep_until(start + Duration::from_millis(wake.unwrap_or(0)));
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
        };
        let now = start.elapsed().as_millis() as u64;
        for output in leases.handle(now, input) {
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
