'use strict';
// createSessionPool() refuses what it cannot run, with a typed error naming the option, before
// anything reaches Redis; and a pool that runs nothing shuts down and leaves the registry.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { shapedLike } = require('./fixtures/redis-shapes');
const { createSessionPool } = require('../lib/pool');

const store = { sessionExists: async () => false, save: async () => {}, extract: async () => {}, delete: async () => {} };

test('bad options are refused with a typed error that names them, and nothing is sent to Redis', () => {
    const seen = [];
    const redis = shapedLike('ioredis', { command: async () => null }, seen);
    const base = { redis, workerId: 'w1', capacity: 1, store };
    const cases = [
        [{ ...base, workerId: undefined }, /workerId: is required/],
        [{ ...base, workerId: 'has space' }, /workerId/],
        [{ ...base, workerId: '../elsewhere' }, /workerId/],
        [{ ...base, capacity: -1 }, /capacity: must be a whole number/],
        [{ ...base, capacity: undefined }, /capacity: is required/],
        [{ ...base, leaseMs: 50 }, /leaseMs/],
        [{ ...base, rebalance: 'yes' }, /rebalance/],
        [{ ...base, prefix: 'a{b}' }, /prefix/],
        [{ ...base, store: { save() {} } }, /store must be a RemoteAuth store/],
        [{ ...base, redis: {} }, /redis must be an ioredis or node-redis/],
        [{ ...base, clientOptions: { sharedBrowser: true } }, /sharedBrowser cannot be used/],
        [{ ...base, clientOptions: { authStrategy: {} } }, /authStrategy is the pool's own/],
        [{ ...base, pollMs: 0 }, /pollMs must be a positive integer/],
    ];
    for (const [options, message] of cases) {
        assert.throws(() => createSessionPool(options), (e) => e instanceof TypeError && /^ERR_INVALID_(OPTION|ARGUMENT)$/.test(e.code) && message.test(e.message), message.source);
    }
    assert.throws(() => createSessionPool(), { code: 'ERR_INVALID_OPTION' });
    assert.deepEqual(seen, [], 'nothing reached Redis');
});

test('a worker with nothing to run joins the registry, answers for unknown accounts, and leaves on shutdown', async (t) => {
    const server = await startRedis();
    t.after(() => server.stop());
    const resp = new RedisStore({ port: server.port });
    const pool = createSessionPool({ redis: shapedLike('ioredis', resp), workerId: 'idle', capacity: 0, store, leaseMs: 1500, placementMs: 100 });
    let listed = false;
    for (let i = 0; i < 100 && !listed; i++) {
        listed = (await resp.command('ZSCORE', 'wwrs:pool:{registry}:workers', 'idle')) !== null;
        if (!listed) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(listed, 'registered by its heartbeat');
    assert.equal(await pool.locate('nobody'), null);
    await assert.rejects(pool.call('nobody', 'getState'), { code: 'ERR_SESSION_MOVED' });
    await assert.rejects(pool.call('nobody', 'not a method'), { code: 'ERR_INVALID_ARGUMENT' });
    await assert.rejects(pool.locate('bad id!'), { code: 'ERR_INVALID_ARGUMENT' });
    await pool.add('someone');
    assert.deepEqual(await pool.accounts(), ['someone']);
    assert.equal(pool.client('someone'), null);
    await pool.shutdown();
    assert.equal(await resp.command('ZSCORE', 'wwrs:pool:{registry}:workers', 'idle'), null, 'left the registry');
});
