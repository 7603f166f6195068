'use strict';
// QR login end to end: our client, real Chromium, the bundled simulator.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { LocalAuth, Client } = require('..');
const { TEST_ROOT, setup, waitFor, recordEvents, chromiumPidsUnder, showQr, loginByQr } = require('./helpers');

const parseQr = (qr) => {
  const [ref, noise, identity, secret, platform] = qr.split(',');
  return { ref, noise, identity, secret, platform };
};

test('QR login reaches ready with loading_screen, authenticated and info', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    const log = recordEvents(client);
    const firstQr = waitFor(client, 'qr');
    await client.initialize();
    const qr = await firstQr;
    const parts = parseQr(qr);
    assert.match(parts.ref, /^2@/);
    for (const key of [parts.noise, parts.identity, parts.secret]) assert.equal(Buffer.from(key, 'base64').length, 32);
    assert.equal(parts.platform, '1');
    assert.equal(await client.getState(), 'UNPAIRED');
    assert.equal(await client.getWWebVersion(), '2.3000.1017054665');

    const ready = waitFor(client, 'ready');
    assert.deepEqual(await ctx.sim.phone.scan(qr), { ok: true, wid: '15550100001@c.us' });
    await ready;
    assert.equal(client.info.wid._serialized, '15550100001@c.us');
    assert.equal(client.info.pushname, 'Test Phone');
    assert.equal(await client.getState(), 'CONNECTED');
    const names = log.map((e) => e.name);
    assert.ok(names.indexOf('authenticated') < names.indexOf('ready'));
    const screens = log.filter((e) => e.name === 'loading_screen');
    assert.ok(screens.length >= 2, 'loading_screen events before ready');
    assert.deepEqual(screens.at(-1).args, [100, 'WhatsApp']);
    assert.ok(!log.some((e) => e.name === 'qr' && /^(undefined|null),/.test(e.args[0])), 'never a QR without a ref');
    assert.equal(names.filter((n) => n === 'qr').length, 1);
  } finally {
    await ctx.close();
  }
});

test('refs rotate with their lifetimes and each QR is the current one', async () => {
  const ctx = await setup({ firstRefTtlMs: 1500, nextRefTtlMs: 700, refsPerBatch: 3 });
  try {
    const client = ctx.client();
    const qrs = [];
    client.on('qr', (qr) => qrs.push({ qr, t: Date.now() }));
    await client.initialize();
    await waitFor(client, 'qr', 10000, () => qrs.length >= 3);
    const refs = qrs.map((q) => parseQr(q.qr).ref);
    assert.equal(new Set(refs).size, refs.length, 'every QR has a new ref');
    // The first ref lives ~1500 ms, the next ~700 ms.
    assert.ok(qrs[1].t - qrs[0].t >= 1200, `first ref shown ${qrs[1].t - qrs[0].t} ms`);
    assert.ok(qrs[2].t - qrs[1].t >= 500 && qrs[2].t - qrs[1].t < 1500, `second ref shown ${qrs[2].t - qrs[1].t} ms`);
    // An earlier ref no longer scans; the current one does.
    assert.equal((await ctx.sim.phone.scan(qrs[0].qr)).ok, false);
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qrs.at(-1).qr)).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('after the batch of refs runs out (UNPAIRED_IDLE) the client fetches a fresh one', async () => {
  const ctx = await setup({ firstRefTtlMs: 500, nextRefTtlMs: 300, refsPerBatch: 2 });
  try {
    const client = ctx.client();
    const qrs = [];
    client.on('qr', (qr) => qrs.push(qr));
    await client.initialize();
    // 2 refs in the first batch, then more from a batch the client asked for.
    await waitFor(client, 'qr', 15000, () => qrs.length >= 4);
    const batches = ctx.sim.events.filter((e) => e.type === 'batch-issued');
    assert.ok(batches.length >= 2, `a second batch was served (${JSON.stringify(batches.map((b) => b.type))})`);
    const secrets = new Set(qrs.map((q) => parseQr(q).secret));
    assert.ok(secrets.size >= 2, 'the fresh batch came with a fresh ADV secret');
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qrs.at(-1))).ok, true, 'a QR of the fresh batch scans');
    await ready;
  } finally {
    await ctx.close();
  }
});

test('qrMaxRetries: n means exactly n qr events, then disconnected and a clean shutdown', async () => {
  const ctx = await setup({ firstRefTtlMs: 400, nextRefTtlMs: 200, refsPerBatch: 6 });
  try {
    const client = ctx.client({ qrMaxRetries: 3 });
    const log = recordEvents(client);
    await client.initialize();
    const reason = await waitFor(client, 'disconnected', 15000);
    assert.equal(reason, 'Max qrcode retries reached');
    await client.destroy();
    assert.equal(log.filter((e) => e.name === 'qr').length, 3);
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), [], 'the browser is gone');
    // Nothing more arrives once the client has shut down.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(log.filter((e) => e.name === 'qr').length, 3);
  } finally {
    await ctx.close();
  }
});

test('the QR is emitted again when the ADV secret rotates, and the new one scans', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    const first = waitFor(client, 'qr');
    await client.initialize();
    const before = parseQr(await first);
    const rotated = waitFor(client, 'qr');
    assert.ok(ctx.sim.rotateAdvSecret() >= 1);
    const after = parseQr(await rotated);
    assert.equal(after.ref, before.ref, 'same ref, re-rendered');
    assert.notEqual(after.secret, before.secret, 'with the new secret');
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan([after.ref, after.noise, after.identity, after.secret, after.platform].join(','))).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('LocalAuth: a saved session restarts straight to ready with no qr', async () => {
  const ctx = await setup();
  const dataPath = path.join(TEST_ROOT, 'auth-restart');
  try {
    const first = ctx.client({ authStrategy: new LocalAuth({ clientId: 'restart', dataPath }) });
    await loginByQr(ctx, first);
    await first.destroy();
    assert.ok(fs.existsSync(path.join(dataPath, 'session-restart')), 'whatsapp-web.js layout');

    const second = ctx.client({ authStrategy: new LocalAuth({ clientId: 'restart', dataPath }) });
    const log = recordEvents(second);
    const ready2 = waitFor(second, 'ready');
    await second.initialize();
    await ready2;
    assert.equal(log.filter((e) => e.name === 'qr').length, 0);
    assert.equal(second.info.wid._serialized, '15550100001@c.us');
  } finally {
    await ctx.close();
  }
});

test('destroy() during QR leaves no Chromium process and a reusable profile', async () => {
  const ctx = await setup();
  const dataPath = path.join(TEST_ROOT, 'auth-destroy');
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'd', dataPath }) });
    await showQr(client);
    const profile = path.join(dataPath, 'session-d');
    assert.ok(chromiumPidsUnder(profile).length > 0, 'Chromium runs with the profile');
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(profile), []);
    await client.destroy(); // idempotent

    const again = ctx.client({ authStrategy: new LocalAuth({ clientId: 'd', dataPath }) });
    const qr2 = waitFor(again, 'qr');
    await again.initialize();
    assert.match(await qr2, /^2@/);
    await again.destroy();
    assert.deepEqual(chromiumPidsUnder(profile), []);
  } finally {
    await ctx.close();
  }
});

test('a bad clientId is refused with a clear, typed error', () => {
  for (const clientId of ['has space', '../escape', 'a/b', 'dot.ted']) {
    assert.throws(() => new LocalAuth({ clientId }), (err) => {
      assert.ok(err instanceof TypeError);
      assert.equal(err.code, 'ERR_INVALID_CLIENT_ID');
      assert.match(err.message, /clientId/);
      return true;
    });
  }
  assert.doesNotThrow(() => new LocalAuth({ clientId: 'ok_id-1' }));
});

test('a wrongly typed option is refused with an error that names it', () => {
  assert.throws(() => new Client({ qrMaxRetries: '3' }), (err) => err instanceof TypeError && err.code === 'ERR_INVALID_OPTION' && /qrMaxRetries/.test(err.message));
  assert.throws(() => new Client({ puppeteer: { args: '--no-sandbox' } }), /puppeteer\.args/);
});
