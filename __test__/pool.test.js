'use strict';
// The session pool with real worker processes (fixtures/pool-worker.js), one redis-server and the
// simulator: placement by capacity, a worker killed with SIGKILL (its session ready on another
// worker without a QR, a message sent meanwhile arriving once), pool.call() and the event stream
// from a worker that does not own the session, a clean shutdown handing sessions over at once,
// two workers racing for one account, a worker paused past its lease (SIGSTOP, SIGCONT), an
// account removed and added again, and a worker whose clients cannot start.
// The tests run in order and share the pool; each says what it leaves behind.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { TEST_ROOT, setup, chromiumPidsUnder, killAllUnder } = require('./helpers');
const { control, until } = require('./account-helpers');
const pool = require('./pool-helpers');

const LEASE_MS = 3000;
const PLACEMENT_MS = 300;
// Each account is its own phone number on the simulator.
const PHONES = { a: '15553330001', b: '15553330002', c: '15553330003', d: '15553330004', e: '15553330005' };
const FRIEND = '15553339999';

let redis;
let resp;
let ctx;
const workers = new Map();

before(async () => {
    redis = await startRedis();
    resp = new RedisStore({ port: redis.port });
    ctx = await setup();
    await ctx.sim.addContacts([{ number: FRIEND, name: 'Friend' }]);
});

after(async () => {
    for (const w of workers.values()) w.kill('SIGKILL');
    for (const w of workers.values()) killAllUnder(w.dataPath);
    if (ctx) await ctx.close();
    if (redis) await redis.stop();
});

function startWorker(workerId, capacity, clientOptions) {
    const w = pool.startWorker({
        redisPort: redis.port,
        chromiumArgs: ctx.sim.chromiumArgs,
        root: TEST_ROOT,
        workerId,
        capacity,
        leaseMs: LEASE_MS,
        placementMs: PLACEMENT_MS,
        clientOptions,
        // The phone of the account scans each QR the pool shows (first link only).
        onMessage: (_, m) => m.event === 'qr' && ctx.sim.phone.scan(m.qr, { phone: PHONES[m.account] }).catch(() => {}),
    });
    workers.set(workerId, w);
    return w;
}

const { seen, event } = pool;
const registered = (n) => pool.registered(resp, n);

const connectedPages = (account) => ctx.sim.state().sockets.filter((s) => s.state === 'CONNECTED' && s.sessionWid === `${PHONES[account]}@c.us`).length;

test('placement: each account goes to the worker with the most free capacity; each links once by QR', async () => {
    const w1 = startWorker('w1', 2);
    const w2 = startWorker('w2', 1);
    const w3 = startWorker('w3', 1);
    await Promise.all([w1, w2, w3].map((w) => seen(w, event('started'))));
    await registered(3);
    for (const account of ['a', 'b', 'c']) await w1.op('add', { account });
    // a: w1 (2 free); b: w1 (1 free each, the smallest id); c: w2 (w1 is full).
    await Promise.all([seen(w1, event('ready', 'a')), seen(w1, event('ready', 'b')), seen(w2, event('ready', 'c'))]);
    assert.deepEqual((await w1.op('sessions')).sort(), ['a', 'b']);
    assert.deepEqual(await w2.op('sessions'), ['c']);
    assert.deepEqual(await w3.op('sessions'), []);
    assert.deepEqual(await w3.op('locate', { account: 'c' }), { workerId: 'w2', token: 1 });
    // The first backup is committed soon after ready (firstBackupMs), so the accounts can move.
    await Promise.all([seen(w1, event('backup', 'a')), seen(w1, event('backup', 'b')), seen(w2, event('backup', 'c'))]);
    for (const account of ['a', 'b', 'c']) assert.equal(connectedPages(account), 1, account);
});

test('a worker killed with SIGKILL: its session is ready on another worker without a QR, and a message sent meanwhile arrives once', async () => {
    const [w1, w2, w3] = [workers.get('w1'), workers.get('w2'), workers.get('w3')];
    // w1 follows c's events as they come, wherever c runs.
    await w1.op('follow', { account: 'c' });
    const killedAt = Date.now();
    w2.kill('SIGKILL');
    await w2.exited;
    // Its Chromium goes with it (PR_SET_PDEATHSIG): nothing of w2 stays connected.
    for (let i = 0; i < 50 && chromiumPidsUnder(w2.dataPath).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(chromiumPidsUnder(w2.dataPath), [], "the killed worker's Chromium is gone");
    // While c has no owner, a friend writes to it.
    const sent = await control(ctx.sim, 'POST', '/_sim/peer/send', { from: FRIEND, to: PHONES.c, body: 'sent while moving' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const ready = await seen(w3, event('ready', 'c'), LEASE_MS + 60000, 'ready of c');
    const back = ready.at - killedAt;
    assert.ok(!w3.log.some(event('qr', 'c')), 'restored from the store: no QR');
    assert.equal(ready.wid, `${PHONES.c}@c.us`);
    console.log(`# c ready on w3 ${back} ms after w2 was killed (lease ${LEASE_MS} ms)`);
    assert.ok(back >= LEASE_MS * 0.5, `not claimed before w2's lease could run out (${back} ms)`);
    // The message reached c once, on its new worker; read from a worker that does not own c.
    const followed = await seen(w1, (m) => m.event === 'followed' && m.entry.event === 'message' && m.entry.args[0].body === 'sent while moving', 30000, 'the message, followed');
    assert.equal(followed.entry.workerId, 'w3');
    let messages = [];
    for (let i = 0; i < 100 && messages.length === 0; i++) {
        const events = await w1.op('readEvents', { account: 'c', after: '0' });
        messages = events.filter((e) => e.event === 'message' && e.args[0].body === 'sent while moving');
        if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(messages.length, 1, 'delivered once');
    assert.equal(messages[0].workerId, 'w3');
    assert.equal(messages[0].token, 2, 'under the new owner\'s token');
    assert.equal(connectedPages('c'), 1);
});

test('pool.call() from a worker that does not own the session runs on the owner; bad calls get named errors', async () => {
    const w1 = workers.get('w1');
    const sent = await w1.op('call', { account: 'c', method: 'sendMessage', args: [`${FRIEND}@c.us`, 'hello from the pool'] });
    assert.equal(sent.body, 'hello from the pool');
    assert.equal(sent.fromMe, true);
    const inbox = await control(ctx.sim, 'GET', `/_sim/peer/inbox?peer=${FRIEND}`);
    assert.ok(JSON.stringify(inbox.body).includes('hello from the pool'), 'the friend got it');
    assert.equal(await w1.op('call', { account: 'c', method: 'getState', args: [] }), 'CONNECTED');
    await assert.rejects(w1.op('call', { account: 'c', method: 'noSuchMethod', args: [] }), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(w1.op('call', { account: 'c', method: '_private', args: [] }), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(w1.op('call', { account: 'nobody', method: 'getState', args: [] }), { code: 'ERR_SESSION_MOVED' });
    // The owner's own errors come back with their code.
    await assert.rejects(w1.op('call', { account: 'c', method: 'sendMessage', args: ['not an id', 'x'] }), (e) => typeof e.code === 'string' && e.code.startsWith('ERR_'));
});

test('a clean shutdown hands its sessions over at once: ready on another worker without a QR, before the lease would have run out', async () => {
    const w1 = workers.get('w1');
    const w4 = startWorker('w4', 2);
    await seen(w4, event('started'));
    await registered(3);
    const shutdown = w1.op('shutdown');
    const stopped = await seen(w1, (m) => m.event === 'session_stopped' && m.reason === 'hand-over', 30000, 'hand-over');
    await shutdown;
    const exit = await w1.exited;
    assert.equal(exit.code, 0);
    const starts = await Promise.all(['a', 'b'].map((account) => seen(w4, event('session_started', account), 30000, `start of ${account}`)));
    for (const start of starts) assert.ok(start.at - stopped.at < LEASE_MS, `claimed ${start.at - stopped.at} ms after the hand-over began: released, not expired`);
    await Promise.all(['a', 'b'].map((account) => seen(w4, event('ready', account), 60000, `ready of ${account}`)));
    assert.ok(!w4.log.some((m) => m.event === 'qr'), 'restored from the store: no QR');
    assert.deepEqual(chromiumPidsUnder(w1.dataPath), [], "the stopped worker's Chromium is gone");
    const registry = await resp.command('ZRANGE', 'wwrs:pool:{registry}:workers', '0', '-1');
    assert.ok(!registry.map(String).includes('w1'), 'w1 left the registry');
});

test('two workers started at once, one new account: one client runs it', async () => {
    // w3 (c) and w4 (a, b) are full; w5 and w6 start together with room for one each.
    const w5 = startWorker('w5', 1);
    const w6 = startWorker('w6', 1);
    await Promise.all([w5, w6].map((w) => seen(w, event('started'))));
    await workers.get('w3').op('add', { account: 'd' });
    const first = await Promise.race([w5, w6].map((w) => seen(w, event('ready', 'd'), 60000, 'ready of d').then(() => w)));
    const other = first === w5 ? w6 : w5;
    // A few placement rounds later, still one client, on the worker the lease names.
    await new Promise((resolve) => setTimeout(resolve, PLACEMENT_MS * 5));
    assert.ok(!other.log.some(event('session_started', 'd')), `${other.workerId} never started d`);
    assert.deepEqual(await other.op('locate', { account: 'd' }), { workerId: first.workerId, token: 1 });
    assert.equal(connectedPages('d'), 1);
    await seen(first, event('backup', 'd'));
});

test('a worker paused past its lease (SIGSTOP) loses the session to another; resumed (SIGCONT), it stops its client and never acts for it again', async () => {
    const owner = [workers.get('w5'), workers.get('w6')].find((w) => w.log.some(event('ready', 'd')));
    const spare = owner.workerId === 'w5' ? workers.get('w6') : workers.get('w5');
    owner.kill('SIGSTOP');
    try {
        // Its Chromium runs on, connected; the new owner's page replaces that connection.
        const ready = await seen(spare, event('ready', 'd'), LEASE_MS + 60000, 'ready of d on the spare worker');
        assert.ok(!spare.log.some(event('qr', 'd')), 'restored from the store: no QR');
        assert.equal(connectedPages('d'), 1, 'the paused worker\'s page was replaced');
        void ready;
    } finally {
        owner.kill('SIGCONT');
    }
    const stopped = await seen(owner, event('session_stopped', 'd'), 30000, 'its stop of d');
    assert.equal(stopped.reason, 'deadline-passed');
    // Nothing the resumed worker did for d got into d's history after the new owner took over.
    const history = await spare.op('readEvents', { account: 'd', after: '0' });
    const firstOfNew = history.findIndex((e) => e.workerId === spare.workerId);
    assert.ok(firstOfNew > 0, 'both owners recorded events');
    assert.deepEqual(history.slice(firstOfNew).filter((e) => e.workerId === owner.workerId), [], 'no event of the old owner after the new one\'s first');
    assert.ok(history.slice(firstOfNew).every((e) => e.token === 2));
    // Calls for d go to the new owner, and the old one keeps nothing of d.
    assert.equal(await owner.op('call', { account: 'd', method: 'getState', args: [] }), 'CONNECTED');
    assert.deepEqual(await owner.op('sessions'), []);
    assert.equal(connectedPages('d'), 1);
});

/** The first message of `w` after time `t` matching `predicate`. */
const seenAfter = (w, t, predicate, ms, what) => seen(w, (m) => m.at >= t && predicate(m), ms, what);

test('pool.remove(): the owner stops the session, backs it up and gives the lease back; nobody claims it; added again, it is restored without a QR', async () => {
    const w3 = workers.get('w3');
    const { workerId } = await w3.op('locate', { account: 'd' });
    const holder = workers.get(workerId);
    const other = workerId === 'w5' ? workers.get('w6') : workers.get('w5');
    const removedAt = Date.now();
    await w3.op('remove', { account: 'd' });
    // The holder is full: it reads the account list anyway, and stops d.
    const stopped = await seenAfter(holder, removedAt, event('session_stopped', 'd'), 30000, 'the stop of d');
    assert.equal(stopped.reason, 'removed');
    await seenAfter(holder, stopped.at, event('backup', 'd'), 30000, 'the backup of d');
    assert.equal(await until(() => w3.op('locate', { account: 'd' }), (where) => where === null, 'the lease of d given back'), null);
    assert.deepEqual(await holder.op('sessions'), []);
    assert.equal(await w3.op('call', { account: 'c', method: 'getState', args: [] }), 'CONNECTED', 'the other sessions run on');
    // Both w5 and w6 have room now; a few placement rounds later neither has claimed d.
    await new Promise((resolve) => setTimeout(resolve, PLACEMENT_MS * 5));
    for (const w of [holder, other]) assert.ok(!w.log.some((m) => m.at >= stopped.at && event('session_started', 'd')(m)), `${w.workerId} left d alone`);
    assert.equal(connectedPages('d'), 0, 'no page of d is connected');
    assert.ok(!(await w3.op('accounts')).includes('d'));

    // Added again: restored from the backup the removal wrote, without a QR.
    const addedAt = Date.now();
    await w3.op('add', { account: 'd' });
    const ready = await Promise.race([holder, other].map((w) => seenAfter(w, addedAt, event('ready', 'd'), 60000, 'ready of d again').then((m) => ({ w, m }))));
    assert.equal(ready.m.wid, `${PHONES.d}@c.us`);
    assert.ok(![holder, other].some((w) => w.log.some((m) => m.at >= addedAt && event('qr', 'd')(m))), 'restored: no QR');
    assert.equal(connectedPages('d'), 1);
});

test('a worker whose client cannot start (no browser there) gives the account back at once, and another worker runs it', async () => {
    // w7 has the most room but no Chromium: placement gives it the new account e first.
    const broken = startWorker('w7', 3, { puppeteer: { executablePath: '/nonexistent/chromium' } });
    await seen(broken, event('started'));
    // w3, w4, w5, w6 and now w7 (w1 shut down, w2 was killed): placement must know of w7.
    await registered(5);
    const addedAt = Date.now();
    await workers.get('w3').op('add', { account: 'e' });
    const failed = await seenAfter(broken, addedAt, event('session_stopped', 'e'), 30000, 'the failed start of e');
    assert.equal(failed.reason, 'failed');
    const error = await seenAfter(broken, addedAt, event('error'), 30000, 'the error');
    assert.match(error.message, /nonexistent\/chromium/);
    // The worker with room left (w5 or w6) takes it, well before a lease held by w7 would have run out.
    const started = await Promise.race(['w5', 'w6'].map((id) => seenAfter(workers.get(id), failed.at, event('session_started', 'e'), 30000, 'the start of e elsewhere').then((m) => ({ id, m }))));
    assert.ok(started.m.at - failed.at < LEASE_MS, `claimed ${started.m.at - failed.at} ms after the failure: given back, not expired`);
    const ready = await seenAfter(workers.get(started.id), failed.at, event('ready', 'e'), 60000, 'ready of e');
    assert.equal(ready.wid, `${PHONES.e}@c.us`);
    assert.deepEqual(await broken.op('sessions'), []);
    assert.deepEqual(await broken.op('locate', { account: 'e' }), { workerId: started.id, token: 2 });
    assert.equal(connectedPages('e'), 1);
});
