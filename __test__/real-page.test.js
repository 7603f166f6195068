'use strict';
// The client against the simulator's real-sequence page (simulator/README.md, "Real-sequence
// mode"): modules that arrive after Debug.VERSION, keys that appear only when the socket starts,
// hasSynced before CONNECTED, a logout that reaches the server late, refs that run out in code
// mode, and a server that drops or goes away.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { LocalAuth } = require('..');
const { TEST_ROOT, setup, waitFor, recordEvents, chromiumPidsUnder, showQr, scanToReady } = require('./helpers');

const REAL = { realSequence: true, reconnectBackoffMs: 300, reconnectBackoffMaxMs: 3000 };
const PHONE = '15551234567';

for (const debugVariant of ['assign', 'late-property', 'define-property']) {
  test(`fresh profile, modules after Debug.VERSION (${debugVariant}), keys after the socket starts: qr, then ready`, async () => {
    const ctx = await setup({ ...REAL, debugVariant, moduleDelayMs: 800 });
    try {
      const client = ctx.client();
      const log = recordEvents(client);
      const qr = await showQr(client);
      const [ref, noise, identity, secret] = qr.split(',');
      assert.match(ref, /^2@/);
      for (const key of [noise, identity, secret]) assert.equal(Buffer.from(key, 'base64').length, 32, `a real key in ${qr}`);
      await scanToReady(ctx.sim, client, qr);
      assert.equal(client.info.wid._serialized, '15550100001@c.us');
      assert.deepEqual(
        log.filter((e) => ['authenticated', 'ready', 'disconnected'].includes(e.name)).map((e) => e.name),
        ['authenticated', 'ready'],
      );
    } finally {
      await ctx.close();
    }
  });
}

test('hasSynced before CONNECTED: the login still reaches ready, once CONNECTED arrives', async () => {
  const ctx = await setup({ ...REAL, syncBeforeConnected: true, connectedAfterSyncMs: 1500 });
  try {
    const client = ctx.client();
    const log = recordEvents(client);
    const qr = await showQr(client);
    await scanToReady(ctx.sim, client, qr);
    const synced = ctx.sim.events.find((e) => e.type === 'synced');
    const connected = ctx.sim.events.find((e) => e.type === 'connected-after-sync');
    assert.ok(synced && connected && synced.t < connected.t, 'the page synced before it was CONNECTED');
    const ready = log.find((e) => e.name === 'ready');
    assert.ok(ready.t >= connected.t, 'ready waits for CONNECTED');
    assert.equal(await client.getState(), 'CONNECTED');
  } finally {
    await ctx.close();
  }
});

test('code mode after the refs ran out: the refresh restarts the socket and its code logs in', async () => {
  const ctx = await setup({ ...REAL, refsPerBatch: 2, firstRefTtlMs: 1200, nextRefTtlMs: 800 });
  try {
    const client = ctx.client();
    const log = recordEvents(client);
    await showQr(client);
    const first = await client.requestPairingCode(PHONE, true, 6000);
    // The batch runs out (about 2 s) long before the refresh (6 s): the socket closes.
    await ctx.sim.waitFor('refs-exhausted', () => true, 10000);
    const idle = await ctx.sim.phone.typeCode(PHONE, first);
    assert.equal(idle.ok, false, 'the code died with its socket');
    const second = await waitFor(client, 'code', 20000);
    assert.notEqual(second, first);
    const ready = waitFor(client, 'ready', 20000);
    const typed = await ctx.sim.phone.typeCode(PHONE, second);
    assert.ok(typed.ok, `the refreshed code is accepted: ${JSON.stringify(typed)}`);
    await ready;
    assert.equal(client.info.wid._serialized, `${PHONE}@c.us`);
    assert.ok(!log.some((e) => e.name === 'code_error'), 'no refresh failed');
    assert.ok(!log.some((e) => e.name === 'qr' && e.t > log.find((x) => x.name === 'code').t), 'no qr in code mode');
  } finally {
    await ctx.close();
  }
});

test('a code requested by the user after the refs ran out restarts the socket first', async () => {
  const ctx = await setup({ ...REAL, refsPerBatch: 2, firstRefTtlMs: 1200, nextRefTtlMs: 800 });
  try {
    const client = ctx.client();
    await showQr(client);
    await client.requestPairingCode(PHONE, true, 600000);
    await ctx.sim.waitFor('refs-exhausted', () => true, 10000);
    const code = await client.requestPairingCode(PHONE, true, 600000);
    const ready = waitFor(client, 'ready', 20000);
    const typed = await ctx.sim.phone.typeCode(PHONE, code);
    assert.ok(typed.ok, JSON.stringify(typed));
    await ready;
  } finally {
    await ctx.close();
  }
});

test('logout() resolves only once the server has unlinked the device, and removes the session folder', async () => {
  const ctx = await setup({ ...REAL, logoutDelayMs: 1500 });
  const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, 'logout-'));
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'late', dataPath }) });
    const log = recordEvents(client);
    await scanToReady(ctx.sim, client, await showQr(client));
    assert.equal(ctx.sim.state().sessions.length, 1);
    const started = Date.now();
    await client.logout();
    const resolved = Date.now();
    const unlinked = ctx.sim.events.find((e) => e.type === 'logout' && e.t >= started);
    assert.ok(unlinked, 'the unpair reached the server');
    assert.ok(unlinked.t <= resolved, 'logout() resolved after the server unlinked the device');
    assert.ok(resolved - started >= 1000, `logout() waited for the page (${resolved - started} ms)`);
    assert.equal(ctx.sim.state().sessions.length, 0, 'the phone no longer lists the device');
    assert.deepEqual(log.filter((e) => e.name === 'disconnected').map((e) => e.args[0]), ['LOGOUT']);
    assert.ok(!fs.existsSync(path.join(dataPath, 'session-late')), 'the session folder is gone');
    assert.deepEqual(chromiumPidsUnder(dataPath), []);
  } finally {
    await ctx.close();
  }
});

test('a dropped socket and a server away for 30 s: change_state, then CONNECTED again, never disconnected', async () => {
  const ctx = await setup(REAL);
  try {
    const client = ctx.client();
    const log = recordEvents(client);
    await scanToReady(ctx.sim, client, await showQr(client));

    const dropAt = Date.now();
    ctx.sim.dropConnections();
    await waitFor(client, 'change_state', 20000, (s) => s === 'CONNECTED');
    const afterDrop = log.filter((e) => e.name === 'change_state' && e.t >= dropAt).map((e) => e.args[0]);
    assert.ok(afterDrop.length >= 2 && afterDrop.at(-1) === 'CONNECTED', `states after the drop: ${afterDrop}`);

    const awayAt = Date.now();
    ctx.sim.goAway(30000);
    await ctx.sim.waitFor('server-back', () => true, 40000);
    await waitFor(client, 'change_state', 30000, (s) => s === 'CONNECTED');
    assert.ok(Date.now() - awayAt >= 30000);
    assert.equal(await client.getState(), 'CONNECTED');
    assert.equal(client.info.wid._serialized, '15550100001@c.us');
    const names = log.map((e) => e.name);
    assert.ok(!names.includes('disconnected'), `no disconnected: ${names}`);
    assert.equal(names.filter((n) => n === 'ready').length, 1, 'no second ready');
    assert.ok(!names.includes('qr') || names.lastIndexOf('qr') < names.indexOf('ready'), 'no qr after login');
  } finally {
    await ctx.close();
  }
});

test('a page that never gets past OPENING ends initialize() in ERR_CONNECT_TIMEOUT, leaving nothing', async () => {
  const ctx = await setup(REAL);
  try {
    ctx.sim.goAway(120000);
    const client = ctx.client({ authTimeoutMs: 4000 });
    const started = Date.now();
    await assert.rejects(client.initialize(), (err) => {
      assert.equal(err.code, 'ERR_CONNECT_TIMEOUT');
      assert.match(err.message, /OPENING|TIMEOUT/);
      return true;
    });
    assert.ok(Date.now() - started < 30000, 'within the bound');
    // The rejection comes first; the browser closes right after it.
    for (let i = 0; i < 50 && chromiumPidsUnder(TEST_ROOT).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), [], 'no Chromium left');
  } finally {
    await ctx.close();
  }
});
