'use strict';
// The session pool's lease scripts (src/pool/lua/, design in docs/pool.md) against a real
// redis-server: claim is NX and spends a fencing token only when it wins, renew and release act
// only for the worker holding the lease with its token, and tokens only go up. No ioredis or
// redis package is installed, so the scripts go through the tests' own RESP client
// (fixtures/redis-store.js) with EVAL / EVALSHA, as the pool's driver will send them.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');

const LUA = path.join(__dirname, '..', 'src', 'pool', 'lua');
const source = (name) => fs.readFileSync(path.join(LUA, `${name}.lua`), 'utf8');
const SCRIPTS = Object.fromEntries(['claim', 'renew', 'release', 'heartbeat', 'registry', 'append_event'].map((name) => [name, source(name)]));

let redis;
let store;

before(async () => {
    redis = await startRedis();
    store = new RedisStore({ port: redis.port });
});

after(async () => {
    if (redis) await redis.stop();
});

// Replies come back with bulk strings as Buffers: make them plain values.
const plain = (v) => (Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? v.map(plain) : v);

// Keys as src/pool/keys.rs names them, one account per test.
let n = 0;
function account() {
    n += 1;
    const id = `acct-${n}`;
    return { lease: `t:{${id}}:lease`, token: `t:{${id}}:token` };
}

const claim = async (a, worker, leaseMs) =>
    plain(await store.command('EVAL', SCRIPTS.claim, '2', a.lease, a.token, worker, String(leaseMs)));
const renew = async (a, token, worker, leaseMs) =>
    plain(await store.command('EVAL', SCRIPTS.renew, '1', a.lease, String(token), worker, String(leaseMs)));
const release = async (a, token, worker) =>
    plain(await store.command('EVAL', SCRIPTS.release, '1', a.lease, String(token), worker));
const get = async (key) => plain(await store.command('GET', key));
const pttl = async (key) => store.command('PTTL', key);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('claim is NX: the first worker gets the lease and token 1, the second is told who holds it', async () => {
    const a = account();
    assert.deepEqual(await claim(a, 'w1', 5000), [1, 1]);
    assert.equal(await get(a.lease), '1 w1');
    const ttl = await pttl(a.lease);
    assert.ok(ttl > 4000 && ttl <= 5000, `lease expires in the lease time (${ttl} ms)`);
    const [won, holder, left] = await claim(a, 'w2', 5000);
    assert.equal(won, 0);
    assert.equal(holder, '1 w1');
    assert.ok(left > 0 && left <= 5000);
    assert.equal(await get(a.lease), '1 w1', 'the holder is unchanged');
    assert.equal(await get(a.token), '1', 'a lost claim spends no token');
});

test('two workers claiming at once: exactly one wins', async () => {
    const a = account();
    const replies = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => claim(a, w, 5000)));
    const winners = replies.filter((r) => r[0] === 1);
    assert.equal(winners.length, 1, JSON.stringify(replies));
    assert.deepEqual(winners[0], [1, 1]);
    assert.equal(await get(a.token), '1');
});

test('renew extends the lease only for the holder with its token', async () => {
    const a = account();
    const [, token] = await claim(a, 'w1', 3000);
    assert.equal(await renew(a, token + 1, 'w1', 9000), 0, 'wrong token');
    assert.equal(await renew(a, token, 'w2', 9000), 0, 'wrong worker');
    assert.ok((await pttl(a.lease)) <= 3000, 'refused renewals change nothing');
    assert.equal(await renew(a, token, 'w1', 9000), 1);
    assert.ok((await pttl(a.lease)) > 3000, 'extended from now by the lease time');
    assert.equal(await get(a.lease), '1 w1');
});

test('a lease that expired is not brought back by a renewal', async () => {
    const a = account();
    const [, token] = await claim(a, 'w1', 50);
    await sleep(120);
    assert.equal(await renew(a, token, 'w1', 5000), 0);
    assert.equal(await get(a.lease), null);
});

test('release deletes the lease only for the holder with its token, and keeps the counter', async () => {
    const a = account();
    const [, token] = await claim(a, 'w1', 5000);
    assert.equal(await release(a, token + 1, 'w1'), 0);
    assert.equal(await release(a, token, 'w2'), 0);
    assert.equal(await get(a.lease), '1 w1');
    assert.equal(await release(a, token, 'w1'), 1);
    assert.equal(await get(a.lease), null);
    assert.equal(await get(a.token), '1');
    assert.equal(await release(a, token, 'w1'), 0, 'a second release finds nothing');
});

test('tokens go up with every owner: release, expiry, and a stale worker cannot touch the new lease', async () => {
    const a = account();
    const tokens = [];
    let [, t] = await claim(a, 'w1', 5000);
    tokens.push(t);
    await release(a, t, 'w1');
    [, t] = await claim(a, 'w2', 50);
    tokens.push(t);
    await sleep(120); // w2 paused past its lease
    [, t] = await claim(a, 'w1', 5000);
    tokens.push(t);
    assert.deepEqual(tokens, [1, 2, 3]);
    // w2 resumes with token 2: its renewal and its release are refused.
    assert.equal(await renew(a, 2, 'w2', 5000), 0);
    assert.equal(await release(a, 2, 'w2'), 0);
    assert.equal(await get(a.lease), '3 w1');
});

test('a bad lease time is an error and spends no token', async () => {
    const a = account();
    for (const bad of ['0', '-5', '1.5', 'soon']) {
        await assert.rejects(
            store.command('EVAL', SCRIPTS.claim, '2', a.lease, a.token, 'w1', bad),
            /lease time must be a positive integer/,
        );
    }
    assert.equal(await get(a.token), null);
    assert.equal(await get(a.lease), null);
    const [, token] = await claim(a, 'w1', 5000);
    await assert.rejects(
        store.command('EVAL', SCRIPTS.renew, '1', a.lease, String(token), 'w1', '0'),
        /lease time must be a positive integer/,
    );
});

test('the scripts load once and run by SHA, as the driver sends them', async () => {
    const a = account();
    const sha = plain(await store.command('SCRIPT', 'LOAD', SCRIPTS.claim));
    assert.match(sha, /^[0-9a-f]{40}$/);
    assert.deepEqual(plain(await store.command('EVALSHA', sha, '2', a.lease, a.token, 'w1', '5000')), [1, 1]);
});

// commit_backup.lua: the backup restored is switched only by the lease holder with its token.
const COMMIT = source('commit_backup');
const commit = async (a, token, worker, entry) =>
    plain(await store.command('EVAL', COMMIT, '2', a.lease, a.backup, String(token), worker, entry));

test('a backup is committed only by the lease holder, and a stale worker cannot replace a newer one', async () => {
    const a = { ...account() };
    a.backup = a.lease.replace(':lease', ':backup');
    const [, t1] = await claim(a, 'w1', 5000);
    assert.deepEqual(await commit(a, t1, 'w2', 'acct@1.1'), [0, 'lease'], 'another worker');
    assert.deepEqual(await commit(a, t1, 'w1', 'acct@1.1'), [1, null], 'first backup: nothing to delete');
    assert.deepEqual(await commit(a, t1, 'w1', 'acct@1.2'), [1, 'acct@1.1'], 'the previous entry is handed back');
    // w1 pauses past its lease; w2 claims and commits its own backup.
    await release(a, t1, 'w1');
    const [, t2] = await claim(a, 'w2', 5000);
    assert.deepEqual(await commit(a, t2, 'w2', 'acct@2.1'), [1, 'acct@1.2']);
    // w1 resumes and finishes a backup it started before: refused.
    assert.deepEqual(await commit(a, t1, 'w1', 'acct@1.3'), [0, 'lease']);
    assert.equal(await get(a.backup), '2 acct@2.1');
    // Redis lost the counter and the lease, not the backup key: a lower token cannot commit.
    await store.command('DEL', a.lease, a.token);
    const [, t] = await claim(a, 'w3', 5000);
    assert.equal(t, 1);
    assert.deepEqual(await commit(a, t, 'w3', 'acct@1.9'), [0, 'older']);
    assert.equal(await get(a.backup), '2 acct@2.1');
});

test('heartbeats register workers by Redis\'s clock; one whose heartbeat ran out leaves the registry at the next heartbeat', async () => {
    const keys = ['r:{registry}:workers', 'r:{registry}:loads', 'r:{registry}:accounts'];
    const beat = async (worker, capacity, load, draining, ttl) => plain(await store.command('EVAL', SCRIPTS.heartbeat, '2', keys[0], keys[1], worker, String(capacity), String(load), String(draining), String(ttl)));
    const read = async () => plain(await store.command('EVAL', SCRIPTS.registry, '3', ...keys));
    await store.command('SADD', keys[2], 'acct-x', 'acct-y');
    assert.equal(await beat('w1', 3, 1, 0, 150), 0);
    assert.equal(await beat('w2', 2, 2, 1, 10000), 0);
    const [workers, accounts] = await read();
    assert.deepEqual(workers, ['w1', '3 1 0', 'w2', '2 2 1']);
    assert.deepEqual(accounts.sort(), ['acct-x', 'acct-y']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual((await read())[0], ['w2', '2 2 1'], 'w1 is past its heartbeat: not listed');
    assert.equal(await beat('w2', 2, 2, 1, 10000), 1, 'the next heartbeat removed w1');
    assert.deepEqual(plain(await store.command('HKEYS', keys[1])), ['w2']);
    await assert.rejects(beat('w3', -1, 0, 0, 100), /argument 2 must be a non-negative integer/);
});

test('an event is appended only by the worker holding the lease with that token', async () => {
    const a = account();
    const events = a.lease.replace(':lease', ':events');
    const append = async (token, worker, name) => plain(await store.command('EVAL', SCRIPTS.append_event, '2', a.lease, events, String(token), worker, name, '[]', '100'));
    const [, token] = await claim(a, 'w1', 10000);
    assert.match(await append(token, 'w1', 'ready'), /^\d+-\d+$/);
    assert.equal(await append(token, 'w2', 'ready'), 0, 'another worker');
    assert.equal(await append(token + 1, 'w1', 'ready'), 0, 'a token the lease does not hold');
    await release(a, token, 'w1');
    assert.equal(await append(token, 'w1', 'message'), 0, 'after the lease is gone');
    const entries = plain(await store.command('XRANGE', events, '-', '+'));
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0][1], ['token', String(token), 'worker', 'w1', 'event', 'ready', 'args', '[]']);
});
