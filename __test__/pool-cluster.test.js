'use strict';
// The session pool on a Redis Cluster (three masters, tests' fixture) through the two clients it
// supports, ioredis's Cluster and node-redis's createCluster, as an application passes them:
// every key of an account shares the account's hash slot and the registry's keys share theirs, so
// each script and command lands on one node (a CROSSSLOT or MOVED error would fail the pool).
// Two workers in this process, each a createSessionPool() on the cluster, run two accounts on the
// simulator: placement, pool.call() and readEvents() from the other worker (mailboxes and streams
// in other slots), pool.remove(), and a shutdown handing its account over to the other worker,
// restored from the backup without a QR. The RemoteAuth store is a plain Redis of its own.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { createSessionPool } = require('../lib/pool');
const { startRedis } = require('./fixtures/redis-server');
const { startRedisCluster } = require('./fixtures/redis-cluster');
const { RedisStore } = require('./fixtures/redis-store');
const { TEST_ROOT, setup, killAllUnder } = require('./helpers');
const { until } = require('./account-helpers');

let cluster;
let storeServer;
let ctx;

before(async () => {
    cluster = await startRedisCluster();
    storeServer = await startRedis();
    ctx = await setup();
});

after(async () => {
    if (ctx) await ctx.close();
    if (cluster) await cluster.stop();
    if (storeServer) await storeServer.stop();
});

const CLIENTS = {
    async ioredis(nodes) {
        const { Cluster } = require('ioredis');
        const client = new Cluster(nodes.map(({ port }) => ({ host: '127.0.0.1', port })));
        await new Promise((resolve, reject) => {
            client.once('ready', resolve);
            client.once('error', reject);
        });
        return { client, close: () => client.disconnect() };
    },
    async 'node-redis'(nodes) {
        const { createCluster } = require('redis');
        const client = createCluster({ rootNodes: nodes.map(({ port }) => ({ url: `redis://127.0.0.1:${port}` })) });
        client.on('error', () => {});
        await client.connect();
        return { client, close: () => client.destroy() };
    },
};

/** The first time `emitter` emits `event` with arguments matching `match`. */
function next(emitter, event, match = () => true, ms = 60000) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            emitter.off(event, listener);
            reject(new Error(`no ${event} within ${ms} ms`));
        }, ms);
        function listener(...args) {
            if (!match(...args)) return;
            clearTimeout(timer);
            emitter.off(event, listener);
            resolve(args);
        }
        emitter.on(event, listener);
    });
}

for (const [kind, phoneBase] of [['ioredis', 15553340000], ['node-redis', 15553340010]]) {
    test(`${kind} on a Redis Cluster: placement, calls and events across slots, remove, and a hand-over restored without a QR`, async () => {
        const phones = { x: String(phoneBase + 1), y: String(phoneBase + 2) };
        const { client: redis, close } = await CLIENTS[kind](cluster.nodes);
        const store = new RedisStore({ port: storeServer.port });
        const pools = [];
        const qrs = [];
        const dataPaths = [];
        const startPool = (workerId) => {
            const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, `cluster-${kind}-${workerId}-`));
            dataPaths.push(dataPath);
            const pool = createSessionPool({
                redis,
                workerId,
                capacity: 1,
                store,
                dataPath,
                prefix: `wwrs:${kind}:`,
                leaseMs: 3000,
                placementMs: 300,
                firstBackupMs: 500,
                pollMs: 100,
                clientOptions: { webVersionCache: { type: 'none' }, puppeteer: { args: ctx.sim.chromiumArgs } },
            });
            pool.on('qr', (account, qr) => {
                qrs.push(account);
                ctx.sim.phone.scan(qr, { phone: phones[account] }).catch(() => {});
            });
            pool.on('error', (error) => console.error(`pool ${workerId}: ${error.code}: ${error.message}`));
            pools.push(pool);
            return pool;
        };
        try {
            const w1 = startPool('w1');
            const w2 = startPool('w2');
            const readyOn = (account) => Promise.race(pools.map((p) => next(p, 'ready', (a) => a === account).then(() => p)));
            const backedUp = (account) => Promise.race(pools.map((p) => next(p, 'backup', (a) => a === account)));
            const ready = { x: readyOn('x'), y: readyOn('y') };
            const backups = [backedUp('x'), backedUp('y')];
            await w1.add('x');
            await w1.add('y');
            const owner = { x: await ready.x, y: await ready.y };
            assert.notEqual(owner.x, owner.y, 'one account on each worker (capacity 1 each)');
            assert.deepEqual((await w2.accounts()).sort(), ['x', 'y']);
            await Promise.all(backups);

            // From the worker that does not run x: its lease, a call through the mailboxes, its events.
            const other = owner.x === w1 ? w2 : w1;
            assert.deepEqual(await other.locate('x'), { workerId: owner.x.workerId, token: 1 });
            assert.equal(await other.call('x', 'getState'), 'CONNECTED');
            const events = await other.readEvents('x');
            assert.ok(events.some((e) => e.event === 'pool:ready' && e.args[0].wid === `${phones.x}@c.us`), JSON.stringify(events.map((e) => e.event)));

            // y leaves the pool: its worker stops it and gives the lease back.
            const removed = next(owner.y, 'session_stopped', (a) => a === 'y');
            await w2.remove('y');
            assert.deepEqual((await removed).slice(1), ['removed']);
            await until(() => w1.locate('y'), (where) => where === null, 'the lease of y given back');

            // x's worker shuts down: x moves to the other one (free now), restored without a QR.
            const qrsBefore = qrs.length;
            const moved = next(other, 'ready', (a) => a === 'x');
            await owner.x.shutdown();
            await moved;
            assert.equal(qrs.length, qrsBefore, 'restored from the backup: no QR');
            assert.deepEqual(await other.locate('x'), { workerId: other.workerId, token: 2 });
            assert.deepEqual(other.sessions(), ['x']);
        } finally {
            await Promise.all(pools.map((p) => Promise.race([p.shutdown(), new Promise((resolve) => setTimeout(resolve, 30000))])));
            await close();
            for (const dir of dataPaths) killAllUnder(dir);
        }
    });
}
