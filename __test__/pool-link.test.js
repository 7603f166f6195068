'use strict';
// The linking page on a session pool: the page is served by a worker that runs no session (this
// test process, capacity 0), the account runs on another worker process; the page shows the
// owner's QR, asks the owner for a pairing code, and shows the account linked.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { shapedLike } = require('./fixtures/redis-shapes');
const { TEST_ROOT, setup, killAllUnder } = require('./helpers');
const { startWorker, seen, event, registered } = require('./pool-helpers');
const { createSessionPool } = require('../lib/pool');
const { createLinkServer } = require('../lib/link/server');

const PHONE = '15553330005';

/** The page's event stream: every `state` it is sent, and a way to wait for one. */
function follow(url) {
    const states = [];
    const waiters = [];
    const req = http.get(url, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const data = block.split('\n').find((line) => line.startsWith('data: '));
                if (!block.includes('event: state') || !data) continue;
                const state = JSON.parse(data.slice(6));
                states.push(state);
                for (const w of [...waiters]) if (w.predicate(state)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(state);
            }
        });
    });
    return {
        states,
        close: () => req.destroy(),
        until: (predicate, ms = 60000) =>
            states.find(predicate) ||
            new Promise((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no such state within ${ms} ms; states: ${JSON.stringify(states.map((s) => s.phase))}`)), ms);
                waiters.push({ predicate, resolve: (s) => (clearTimeout(timer), resolve(s)) });
            }),
    };
}

async function post(url, body) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    return { status: res.status, body: await res.json() };
}

test('the linking page on any worker shows and links an account that runs on another', async (t) => {
    const redis = await startRedis();
    t.after(() => redis.stop());
    const ctx = await setup();
    t.after(() => ctx.close());
    const resp = new RedisStore({ port: redis.port });
    const worker = startWorker({ redisPort: redis.port, chromiumArgs: ctx.sim.chromiumArgs, root: TEST_ROOT, workerId: 'runner', capacity: 1, leaseMs: 3000, placementMs: 300 });
    t.after(() => {
        worker.kill('SIGKILL');
        killAllUnder(worker.dataPath);
    });
    await seen(worker, event('started'));
    // This process: a worker with no room for sessions, serving the page.
    const pool = createSessionPool({ redis: shapedLike('ioredis', resp), workerId: 'web', capacity: 0, store: new RedisStore({ port: redis.port }), leaseMs: 3000, placementMs: 300, pollMs: 100 });
    t.after(() => pool.shutdown());
    await registered(resp, 2);
    const link = createLinkServer({ pool });
    t.after(() => link.close());
    const linked = new Promise((resolve) => link.on('linked', (id, info) => resolve({ id, info })));
    const base = await link.listen(0);

    const added = await post(`${base}/api/accounts`, { account: 'eve' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const page = follow(`${base}/api/accounts/eve/events`);
    t.after(() => page.close());
    const qr = await page.until((s) => s.phase === 'qr');
    assert.match(qr.qrSvg, /<svg/);
    assert.deepEqual(await pool.locate('eve'), { workerId: 'runner', token: 1 });
    assert.equal(link.client('eve'), null, 'the Client runs on the other worker');

    // A bad number is refused by the owner's client with the library's typed error, as on a
    // local account.
    const refused = await post(`${base}/api/accounts/eve/code`, { phone: '123' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'ERR_PHONE_NUMBER_TOO_SHORT');

    // A pairing code, asked from this worker, made by the owner's client.
    const code = await post(`${base}/api/accounts/eve/code`, { phone: `+${PHONE}` });
    assert.equal(code.status, 200, JSON.stringify(code.body));
    assert.match(code.body.code, /^[A-Z0-9]{8}$/);
    await page.until((s) => s.phase === 'code' && s.code === code.body.code);
    assert.deepEqual(await ctx.sim.phone.typeCode(PHONE, code.body.code), { ok: true, wid: `${PHONE}@c.us` });
    const ready = await page.until((s) => s.phase === 'ready');
    assert.equal(ready.wid, `${PHONE}@c.us`);
    assert.deepEqual(await linked, { id: 'eve', info: { wid: `${PHONE}@c.us` } });
    await seen(worker, event('ready', 'eve'));
    // Linked: no more codes.
    const late = await post(`${base}/api/accounts/eve/code`, { phone: `+${PHONE}` });
    assert.equal(late.status, 409, JSON.stringify(late.body));
});
