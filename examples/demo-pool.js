#!/usr/bin/env node
'use strict';
// The session pool, offline (docs/pool.md; `npm run demo:pool`): a local Redis (the one the tests
// use), the bundled simulator and three worker processes. Three accounts are added to the pool
// and linked by QR (the simulator's phones scan them); then the worker running one of them is
// killed with SIGKILL, and the account comes back on another worker, restored from the RemoteAuth
// store without a QR. Each worker is __test__/fixtures/pool-worker.js: createSessionPool() with
// the tests' Redis client; in an application it is your ioredis or node-redis client.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSimulator } = require('../simulator');
const { startRedis } = require('../__test__/fixtures/redis-server');
const { startWorker } = require('../__test__/pool-helpers');

const LEASE_MS = 5000;
const ACCOUNTS = { alice: '15554440001', bob: '15554440002', carol: '15554440003' };
const t0 = Date.now();
const log = (text) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${text}`);

async function main() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-demo-pool-'));
    const redis = await startRedis();
    const sim = await startSimulator({ syncStepMs: 50 });
    const workers = [];
    const waiting = [];
    const when = (predicate) => new Promise((resolve) => waiting.push({ predicate, resolve }));
    const onMessage = (worker, m) => {
        if (m.event === 'qr') {
            log(`${m.account}: QR shown on ${worker.workerId}; its phone scans it`);
            sim.phone.scan(m.qr, { phone: ACCOUNTS[m.account] }).catch(() => {});
        } else if (m.event === 'ready') log(`${m.account}: ready on ${worker.workerId} (${m.wid})`);
        else if (m.event === 'backup') log(`${m.account}: backed up to the store by ${worker.workerId}`);
        else if (m.event === 'session_stopped') log(`${m.account}: stopped on ${worker.workerId} (${m.reason})`);
        else if (m.event === 'error' || m.event === 'fault') log(`${worker.workerId}: ${m.message}`);
        for (const w of [...waiting]) {
            if (w.predicate(worker, m)) {
                waiting.splice(waiting.indexOf(w), 1);
                w.resolve({ worker, m });
            }
        }
    };
    try {
        log(`Redis on 127.0.0.1:${redis.port}, simulator at ${sim.httpUrl}; three workers with room for two sessions each, lease ${LEASE_MS} ms`);
        for (const workerId of ['w1', 'w2', 'w3']) {
            workers.push(startWorker({ redisPort: redis.port, chromiumArgs: sim.chromiumArgs, root, workerId, capacity: 2, leaseMs: LEASE_MS, placementMs: 500, onMessage }));
        }
        await Promise.all(workers.map((w) => when((worker, m) => worker === w && m.event === 'started')));
        const backedUp = Object.keys(ACCOUNTS).map((account) => when((_, m) => m.event === 'backup' && m.account === account));
        for (const account of Object.keys(ACCOUNTS)) await workers[0].op('add', { account });
        log('added alice, bob and carol to the pool');
        await Promise.all(backedUp);
        for (const account of Object.keys(ACCOUNTS)) {
            const owner = await workers[0].op('locate', { account });
            log(`${account} runs on ${owner.workerId} (fencing token ${owner.token})`);
        }

        const { workerId } = await workers[0].op('locate', { account: 'bob' });
        const victim = workers.find((w) => w.workerId === workerId);
        const back = when((worker, m) => m.event === 'ready' && m.account === 'bob' && worker !== victim);
        log(`killing ${workerId} (it runs bob) with SIGKILL`);
        const killedAt = Date.now();
        victim.kill('SIGKILL');
        await victim.exited;
        const { worker } = await back;
        log(`bob is ready again on ${worker.workerId}, ${Date.now() - killedAt} ms after the kill, without a QR (lease ${LEASE_MS} ms + placement + restore)`);

        const caller = workers.find((w) => w !== victim && w !== worker);
        const sent = await caller.op('call', { account: 'bob', method: 'sendMessage', args: ['15554449999@c.us', 'bob is back'] });
        log(`${caller.workerId} asked bob's new worker to send a message: ${JSON.stringify(sent.body)} (${sent.id._serialized})`);

        for (const w of workers.filter((w) => w !== victim)) {
            await w.op('shutdown');
            await w.exited;
            log(`${w.workerId} shut down cleanly, handing its sessions over`);
        }
    } finally {
        for (const w of workers) w.kill('SIGKILL');
        await sim.close();
        await redis.stop();
        fs.rmSync(root, { recursive: true, force: true });
    }
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
