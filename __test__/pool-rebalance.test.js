'use strict';
// rebalance: a worker running every session hands some over, one at a time, to a worker added
// later, until neither has two more free places than the other; each moved session is ready on
// the new worker from its backup, without a QR. Two workers in this process on one redis-server,
// through the real ioredis client; the RemoteAuth store in the same Redis.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { createSessionPool } = require('../lib/pool');
const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { TEST_ROOT, setup, killAllUnder } = require('./helpers');

const PHONES = { p: '15553350001', q: '15553350002', r: '15553350003', s: '15553350004' };

let redisServer;
let ctx;

before(async () => {
    redisServer = await startRedis();
    ctx = await setup();
});

after(async () => {
    if (ctx) await ctx.close();
    if (redisServer) await redisServer.stop();
});

test('rebalance: sessions move one by one to a worker added later, restored without a QR, until neither has two more free places', async () => {
    const Redis = require('ioredis');
    const redis = new Redis({ host: '127.0.0.1', port: redisServer.port });
    const store = new RedisStore({ port: redisServer.port });
    const pools = [];
    const dataPaths = [];
    const log = [];
    const startPool = (workerId, capacity, rebalance) => {
        const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, `rebalance-${workerId}-`));
        dataPaths.push(dataPath);
        const pool = createSessionPool({
            redis,
            workerId,
            capacity,
            rebalance,
            store,
            dataPath,
            leaseMs: 3000,
            placementMs: 300,
            firstBackupMs: 500,
            pollMs: 100,
            clientOptions: { webVersionCache: { type: 'none' }, puppeteer: { args: ctx.sim.chromiumArgs } },
        });
        for (const event of ['qr', 'ready', 'backup', 'session_started', 'session_stopped']) {
            pool.on(event, (account, detail) => log.push({ worker: workerId, event, account, detail: typeof detail === 'string' ? detail : undefined, at: Date.now() }));
        }
        pool.on('qr', (account, qr) => ctx.sim.phone.scan(qr, { phone: PHONES[account] }).catch(() => {}));
        pool.on('error', (error) => log.push({ worker: workerId, event: 'error', detail: `${error.code}: ${error.message}` }));
        pools.push(pool);
        return pool;
    };
    const until = async (what, ok, ms = 60000) => {
        for (const start = Date.now(); !ok(); ) {
            if (Date.now() - start > ms) throw new Error(`never: ${what}; log ${JSON.stringify(log.map((e) => [e.worker, e.event, e.account, e.detail]))}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    };
    const seen = (worker, event, account) => log.some((e) => e.worker === worker && e.event === event && e.account === account);
    try {
        // w1 runs all four accounts, linked by QR and backed up.
        const w1 = startPool('w1', 4, true);
        for (const account of ['p', 'q', 'r', 's']) await w1.add(account);
        await until('four sessions ready and backed up on w1', () => ['p', 'q', 'r', 's'].every((a) => seen('w1', 'ready', a) && seen('w1', 'backup', a)));
        const qrs = log.filter((e) => e.event === 'qr').length;

        // w2 joins with room for four: w1 (0 free) hands s over; once w2's heartbeat shows it
        // (3 free against w1's 1), r; then 2 and 2, and nothing more moves.
        const w2 = startPool('w2', 4, false);
        await until('r and s ready on w2', () => seen('w2', 'ready', 's') && seen('w2', 'ready', 'r'));
        const handed = () => log.filter((e) => e.worker === 'w1' && e.event === 'session_stopped').map((e) => [e.account, e.detail]);
        assert.deepEqual(handed(), [['s', 'hand-over'], ['r', 'hand-over']]);
        const sTaken = log.find((e) => e.worker === 'w2' && e.event === 'session_started' && e.account === 's');
        const rStopped = log.find((e) => e.worker === 'w1' && e.event === 'session_stopped' && e.account === 'r');
        assert.ok(rStopped.at > sTaken.at, `one at a time: r stopped ${rStopped.at - sTaken.at} ms after w2 took s`);
        assert.equal(log.filter((e) => e.event === 'qr').length, qrs, 'restored from the backup: no QR');
        assert.deepEqual(await w2.locate('r'), { workerId: 'w2', token: 2 });
        // Several placement periods (and a rebalancing hold) later, nothing else has moved.
        await new Promise((resolve) => setTimeout(resolve, 300 * 8));
        assert.deepEqual(handed().length, 2);
        assert.deepEqual(w1.sessions().sort(), ['p', 'q']);
        assert.deepEqual(w2.sessions().sort(), ['r', 's']);
    } finally {
        await Promise.all(pools.map((p) => Promise.race([p.shutdown(), new Promise((resolve) => setTimeout(resolve, 30000))])));
        redis.disconnect();
        for (const dir of dataPaths) killAllUnder(dir);
    }
});
