'use strict';
// The session pool's bridge to the application's Redis client (lib/pool/redis-adapter.js)
// against a real redis-server. Neither ioredis nor redis is installed, so two tiny wrappers
// around the tests' RESP client (fixtures/redis-store.js) take their shapes: ioredis's
// evalsha(sha, numKeys, ...keys, ...args) / call(name, ...args), and node-redis v4's
// evalSha(sha, { keys, arguments }) / sendCommand([name, ...args]), each rejecting with Redis's
// own error text as those clients do.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { createRedisBridge } = require('../lib/pool/redis-adapter');
const { shapedLike } = require('./fixtures/redis-shapes');

const LUA = path.join(__dirname, '..', 'src', 'pool', 'lua');
const SCRIPTS = Object.fromEntries(['claim', 'renew', 'release'].map((n) => [n, fs.readFileSync(path.join(LUA, `${n}.lua`), 'utf8')]));

let redis;
let resp;

before(async () => {
    redis = await startRedis();
    resp = new RedisStore({ port: redis.port });
});

const ioredisShaped = (seen = []) => shapedLike('ioredis', resp, seen);
const nodeRedisShaped = (seen = []) => shapedLike('node-redis', resp, seen);

after(async () => {
    if (redis) await redis.stop();
});

let n = 0;
function account() {
    n += 1;
    return { lease: `t:{adapter-${n}}:lease`, token: `t:{adapter-${n}}:token` };
}

for (const [kind, make] of [['ioredis', ioredisShaped], ['node-redis', nodeRedisShaped]]) {
    test(`${kind}: scripts run by EVALSHA after one EVAL on NOSCRIPT, replies as plain values`, async () => {
        await resp.command('SCRIPT', 'FLUSH');
        const client = make();
        const bridge = createRedisBridge(client, { scripts: SCRIPTS });
        const a = account();
        assert.deepEqual(await bridge({ script: 'claim', keys: [a.lease, a.token], args: ['w1', '5000'] }), [1, 1]);
        assert.deepEqual(client.seen, ['EVALSHA', 'EVAL'], 'NOSCRIPT, then EVAL (which loads it)');
        const [won, holder, pttl] = await bridge({ script: 'claim', keys: [a.lease, a.token], args: ['w2', '5000'] });
        assert.equal(won, 0);
        assert.equal(holder, '1 w1', 'a bulk string comes back as a string');
        assert.ok(pttl > 0 && pttl <= 5000);
        assert.equal(await bridge({ script: 'renew', keys: [a.lease], args: ['1', 'w1', '5000'] }), 1);
        assert.equal(await bridge({ script: 'release', keys: [a.lease], args: ['1', 'w2'] }), 0);
        // Each script meets NOSCRIPT once (its EVAL loads it); after that, EVALSHA alone.
        assert.deepEqual(client.seen, ['EVALSHA', 'EVAL', 'EVALSHA', 'EVALSHA', 'EVAL', 'EVALSHA', 'EVAL']);
        assert.equal(await bridge({ script: 'renew', keys: [a.lease], args: ['1', 'w1', '5000'] }), 1);
        assert.equal(await bridge({ script: 'release', keys: [a.lease], args: ['1', 'w1'] }), 1);
        assert.deepEqual(client.seen.slice(7), ['EVALSHA', 'EVALSHA'], 'loaded once, by SHA since');
        assert.equal(await bridge({ command: 'SET', args: [a.lease, '1 w1'] }), 'OK');
        assert.equal(await bridge({ command: 'GET', args: [a.lease] }), '1 w1');
        assert.equal(await bridge({ command: 'GET', args: ['t:{nobody}:lease'] }), null);
    });

    test(`${kind}: a script's own error rejects as Redis's error, without a second try`, async () => {
        const client = make();
        const bridge = createRedisBridge(client, { scripts: SCRIPTS });
        const a = account();
        await assert.rejects(bridge({ script: 'claim', keys: [a.lease, a.token], args: ['w1', '0'] }), /lease time must be a positive integer/);
        assert.ok(!client.seen.slice(1).includes('EVALSHA'), `one EVALSHA at most: ${client.seen}`);
        assert.equal(await resp.command('GET', a.token), null, 'nothing spent');
    });
}

test('a command with no reply within the time limit rejects with ERR_POOL_REDIS_TIMEOUT', async () => {
    const never = () => new Promise(() => {});
    const bridge = createRedisBridge({ evalsha: never, eval: never, call: never }, { scripts: SCRIPTS, timeoutMs: 50 });
    const started = Date.now();
    await assert.rejects(bridge({ script: 'renew', keys: ['k'], args: ['1', 'w1', '5000'] }), (err) => {
        assert.equal(err.code, 'ERR_POOL_REDIS_TIMEOUT');
        assert.match(err.message, /redis renew: no reply within 50 ms/);
        return true;
    });
    assert.ok(Date.now() - started < 1000);
});

test('the time limit covers the EVAL fallback too', async () => {
    const client = {
        evalsha: async () => {
            throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        },
        eval: () => new Promise(() => {}),
        call: async () => 'OK',
    };
    const bridge = createRedisBridge(client, { scripts: SCRIPTS, timeoutMs: 50 });
    await assert.rejects(bridge({ script: 'claim', keys: ['a', 'b'], args: ['w1', '5000'] }), { code: 'ERR_POOL_REDIS_TIMEOUT' });
});

test('bad clients, options and commands are named errors; nothing reaches Redis', async () => {
    for (const client of [null, {}, { get() {} }, { evalsha() {}, eval() {} }]) {
        assert.throws(() => createRedisBridge(client, { scripts: SCRIPTS }), { code: 'ERR_INVALID_ARGUMENT', message: /ioredis or node-redis/ });
    }
    for (const timeoutMs of [0, -1, 1.5, '100']) {
        assert.throws(() => createRedisBridge(ioredisShaped(), { scripts: SCRIPTS, timeoutMs }), { code: 'ERR_INVALID_ARGUMENT', message: /timeoutMs/ });
    }
    assert.throws(() => createRedisBridge(ioredisShaped(), {}), { code: 'ERR_INVALID_ARGUMENT', message: /scripts/ });
    const client = ioredisShaped();
    const bridge = createRedisBridge(client, { scripts: SCRIPTS });
    await assert.rejects(bridge({ script: 'nope', keys: [], args: [] }), { code: 'ERR_INVALID_ARGUMENT', message: /unknown script "nope"/ });
    await assert.rejects(bridge({ script: 'renew', keys: 'k', args: [] }), { code: 'ERR_INVALID_ARGUMENT', message: /keys must be an array/ });
    await assert.rejects(bridge({ script: 'renew', keys: ['k'], args: [1] }), { code: 'ERR_INVALID_ARGUMENT', message: /args must hold strings/ });
    await assert.rejects(bridge({}), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(bridge(null), { code: 'ERR_INVALID_ARGUMENT' });
    assert.deepEqual(client.seen, []);
});
