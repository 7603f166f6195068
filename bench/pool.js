'use strict';
// The pool phase of the bench (BENCH_PHASES=pool; bench/README.md, "The pool phase"): the session
// pool (docs/pool.md) with worker processes (__test__/fixtures/pool-worker.js) on the bench's
// simulator and a local redis-server (the tests' own). whatsapp-web.js has no pool, so these rows
// have no whatsapp-web.js column.
//   (k) COME-BACK: an account runs on one of two workers with the pool's default timing (lease
//       15 s, placement every 5 s); the owner is killed with SIGKILL and the time from the kill to
//       `ready` on the other worker is taken, ROUNDS times (a fresh worker replaces the killed one).
//   (w) SESSIONS PER WORKER: one worker takes SESSIONS accounts one by one (each client its own
//       Chromium: sharedBrowser keeps no session a pool could back up);
//       5 s after each `ready`, PSS is summed over the worker and its Chromium; the per-session
//       cost (Theil-Sen, from the 2nd session) gives the sessions one worker runs in 4 GiB.
//   (r) REDIS: with those sessions idle, Redis's own counters over 30 s (INFO commandstats and
//       net bytes) give the commands and bytes per second per session.

const fs = require('fs');
const path = require('path');
const { startRedis } = require('../__test__/fixtures/redis-server');
const { RedisStore } = require('../__test__/fixtures/redis-store');
const { startWorker, seen, event, registered } = require('../__test__/pool-helpers');
const { theilSen } = require('./per_session');
const { stats } = require('./stats');

const ACCOUNT_PHONE_BASE = 15550400000;
const BUDGET_BYTES = 4 * 1024 ** 3;

function poolConfig(envInt) {
    return {
        rounds: envInt('BENCH_POOL_ROUNDS', 3, 1),
        sessions: envInt('BENCH_POOL_SESSIONS', 6, 2),
        leaseMs: envInt('BENCH_POOL_LEASE_MS', 15000, 100),
        placementMs: envInt('BENCH_POOL_PLACEMENT_MS', 5000, 50),
        trafficMs: envInt('BENCH_POOL_TRAFFIC_MS', 30000, 1000),
    };
}

/** Redis's counters: commands by name, and bytes in and out. */
async function redisCounters(resp) {
    const text = String(await resp.command('INFO', 'all'));
    const calls = {};
    for (const m of text.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) calls[m[1]] = Number(m[2]);
    const num = (name) => Number((new RegExp(`^${name}:(\\d+)`, 'm').exec(text) || [])[1]);
    return { calls, netIn: num('total_net_input_bytes'), netOut: num('total_net_output_bytes') };
}

async function poolPhase({ sim, envInt, log, procfs, root }) {
    const c = poolConfig(envInt);
    const dir = fs.mkdtempSync(path.join(root, 'pool-'));
    const redis = await startRedis();
    const resp = new RedisStore({ port: redis.port });
    const workers = [];
    let phone = ACCOUNT_PHONE_BASE;
    const phones = {};
    const spawn = (workerId, capacity, clientOptions) => {
        const w = startWorker({
            redisPort: redis.port,
            chromiumArgs: sim.chromiumArgs,
            root: dir,
            workerId,
            capacity,
            leaseMs: c.leaseMs,
            placementMs: c.placementMs,
            // The pool's default mailbox poll, as an application would run it.
            pollMs: 250,
            clientOptions,
            onMessage: (_, m) => m.event === 'qr' && sim.phone.scan(m.qr, { phone: phones[m.account] }).catch(() => {}),
        });
        workers.push(w);
        return w;
    };
    const addAccount = async (w, account) => {
        phones[account] = String(phone++);
        await w.op('add', { account });
    };
    try {
        // (k) come-back after SIGKILL.
        let pair = [spawn('k0', 1), spawn('k1', 1)];
        await Promise.all(pair.map((w) => seen(w, event('started'))));
        await registered(resp, 2);
        await addAccount(pair[0], 'comeback');
        let located = null;
        for (let i = 0; i < 600 && !located; i++) {
            located = await pair[0].op('locate', { account: 'comeback' });
            if (!located) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (!located) throw new Error('no worker claimed the account');
        let owner = pair.find((w) => w.workerId === located.workerId);
        await seen(owner, event('backup', 'comeback'), 120000, 'the first backup');
        const comeBackMs = [];
        for (let round = 0; round < c.rounds; round++) {
            const other = pair.find((w) => w !== owner);
            const since = other.log.length;
            const killedAt = Date.now();
            owner.kill('SIGKILL');
            await owner.exited;
            const after = (m) => other.log.indexOf(m) >= since && m.event === 'ready' && m.account === 'comeback';
            const back = await seen(other, after, c.leaseMs + c.placementMs + 120000, 'ready after the kill');
            comeBackMs.push(back.at - killedAt);
            log(`pool (k) round ${round + 1}: ready on ${other.workerId} ${back.at - killedAt} ms after SIGKILL`);
            // The next round restores the last committed backup, whoever wrote it (the new owner's
            // own comes a backup period later), as after any crash.
            const fresh = spawn(`k${round + 2}`, 1);
            await seen(fresh, event('started'));
            pair = [other, fresh];
            owner = other;
        }
        // Out of the pool, so the next worker does not take it.
        await pair[0].op('remove', { account: 'comeback' });
        for (const w of pair) w.kill('SIGKILL');

        // (w) sessions per worker, and (r) Redis traffic with them idle.
        const big = spawn('mem', c.sessions);
        await seen(big, event('started'));
        const pid = await big.op('pid');
        const readings = [];
        const snapshot = () => procfs.snapshot(pid, big.dataPath, { withPss: true });
        for (let n = 1; n <= c.sessions; n++) {
            const account = `mem${n}`;
            await addAccount(big, account);
            await seen(big, event('ready', account), 120000, `ready of ${account}`);
            await new Promise((resolve) => setTimeout(resolve, 5000));
            const reading = snapshot();
            readings.push({ n, pss: reading.total.pss, rss: reading.total.rss });
            log(`pool (w) ${n} session(s): PSS ${(reading.total.pss / 1024 ** 2).toFixed(0)} MiB`);
        }
        const before = await redisCounters(resp);
        await new Promise((resolve) => setTimeout(resolve, c.trafficMs));
        const after = await redisCounters(resp);
        const seconds = c.trafficMs / 1000;
        const perCommand = {};
        let commands = 0;
        for (const [name, calls] of Object.entries(after.calls)) {
            const delta = calls - (before.calls[name] || 0);
            if (delta > 0 && name !== 'info') perCommand[name] = delta / seconds / c.sessions;
            if (name !== 'info') commands += delta;
        }
        const points = readings.filter((r) => r.n >= 2).map((r) => ({ x: r.n, y: r.pss }));
        const perSessionPss = theilSen(points);
        const first = readings[0].pss;
        return {
            config: c,
            comeBackMs,
            readings,
            perSessionPss,
            sessionsIn4GiB: perSessionPss ? 1 + Math.floor((BUDGET_BYTES - first) / perSessionPss) : null,
            traffic: {
                commandsPerSecondPerSession: commands / seconds / c.sessions,
                bytesPerSecondPerSession: (after.netIn - before.netIn + after.netOut - before.netOut) / seconds / c.sessions,
                perCommand,
            },
        };
    } finally {
        for (const w of workers) w.kill('SIGKILL');
        await Promise.all(workers.map((w) => w.exited));
        // Their Chromium follows them (PR_SET_PDEATHSIG); wait for it, so nothing counts as stray.
        for (let i = 0; i < 100 && procfs.pidsMentioning(dir).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
        await redis.stop();
    }
}

function poolRows(pool) {
    const row = (id, label, unit, values) => ({ id, label, unit, ours: stats(values), wwebjs: null, floor: null, oursOverWwebjs: null, oursOverFloor: null });
    const MiB = 1024 ** 2;
    const c = pool.config;
    return [
        row('k.comeback', `(k) pool: SIGKILL of the owner -> ready on another worker (lease ${c.leaseMs} ms, placement ${c.placementMs} ms)`, 'ms', pool.comeBackMs),
        row('w.pss', `(w) pool: PSS per added session on one worker (own Chromium each; Theil-Sen, ${c.sessions} sessions)`, 'MiB', [pool.perSessionPss / MiB]),
        row('w.fit', '    sessions one worker runs in 4 GiB of PSS', '', [pool.sessionsIn4GiB]),
        row('r.commands', '(r) pool: commands Redis runs per second per idle session (a script\'s own commands count)', '', [pool.traffic.commandsPerSecondPerSession]),
        row('r.bytes', '    Redis bytes (in + out) per second per idle session', 'B', [pool.traffic.bytesPerSecondPerSession]),
    ];
}

function poolNote(pool) {
    const c = pool.config;
    const commands = Object.entries(pool.traffic.perCommand)
        .map(([name, rate]) => `${name} ${rate.toFixed(2)}/s`)
        .join(', ');
    return (
        `(k) two pool workers (capacity 1 each, default timing unless BENCH_POOL_LEASE_MS / BENCH_POOL_PLACEMENT_MS), one account; the owner is killed with SIGKILL ${c.rounds} times, timed from the kill to 'ready' on the other worker (lease expiry + placement + restore from the RemoteAuth store in Redis + login). ` +
        `(w) one worker with capacity ${c.sessions} takes the accounts one by one (each client its own Chromium and profile, as RemoteAuth needs), PSS summed over the worker and its Chromium processes 5 s after each 'ready'. ` +
        `(r) Redis's INFO counters over ${c.trafficMs} ms with those ${c.sessions} sessions idle, per session (the worker's heartbeat, registry reads and mailbox polls are shared by its sessions, so this falls as sessions per worker grow): ${commands}.`
    );
}

module.exports = { poolPhase, poolRows, poolNote };
