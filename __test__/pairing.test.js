'use strict';
// Pairing-code login and switching between QR and code, against the simulator.
const test = require('node:test');
const assert = require('node:assert/strict');
const { setup, waitFor, recordEvents } = require('./helpers');

const PHONE = '15551234567';
const CODE_RE = /^[1-9A-HJ-NP-TV-Z]{8}$/;
const parseRef = (qr) => qr.split(',')[0];
const parseSecret = (qr) => qr.split(',')[3];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Any unhandled rejection (e.g. from an automatic code refresh) fails the file.
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
test.after(() => assert.deepEqual(unhandled, [], 'no unhandled rejections'));

async function qrClient(ctx, options = {}) {
  const client = ctx.client(options);
  const log = recordEvents(client);
  const first = waitFor(client, 'qr');
  await client.initialize();
  await first;
  return { client, log };
}

test('QR -> code -> cancel -> QR -> scan -> ready', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const { client, log } = await qrClient(ctx);
    const qrBefore = log.filter((e) => e.name === 'qr').at(-1).args[0];
    const code = await client.requestPairingCode(PHONE);
    assert.match(code, CODE_RE);
    assert.deepEqual(log.filter((e) => e.name === 'code').map((e) => e.args[0]), [code]);

    await client.cancelPairingCode();
    // cancelPairingCode resolves only after the new qr was emitted.
    const qrAfter = log.filter((e) => e.name === 'qr').at(-1).args[0];
    assert.notEqual(parseRef(qrAfter), parseRef(qrBefore), 'fresh refs');
    assert.notEqual(parseSecret(qrAfter), parseSecret(qrBefore), 'fresh ADV secret');
    // The code died with the cancel.
    assert.equal((await ctx.sim.phone.typeCode(PHONE, code)).ok, false);

    const ready = waitFor(client, 'ready');
    assert.deepEqual(await ctx.sim.phone.scan(qrAfter), { ok: true, wid: '15550100001@c.us' });
    await ready;
    // Pairing calls after login: a clear error, and the page is not touched.
    await assert.rejects(client.requestPairingCode(PHONE), { code: 'ERR_ALREADY_LOGGED_IN' });
    await assert.rejects(client.cancelPairingCode(), { code: 'ERR_ALREADY_LOGGED_IN' });
  } finally {
    await ctx.close();
  }
});

test('three round trips: only the last QR scans, every earlier one is refused', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const { client, log } = await qrClient(ctx);
    for (let i = 0; i < 3; i++) {
      assert.match(await client.requestPairingCode(PHONE, true, 60000), CODE_RE);
      await client.cancelPairingCode();
    }
    const qrs = log.filter((e) => e.name === 'qr').map((e) => e.args[0]);
    assert.equal(qrs.length, 4, 'the first QR and one per cancel');
    for (const old of qrs.slice(0, -1)) {
      const result = await ctx.sim.phone.scan(old);
      assert.equal(result.ok, false, 'an earlier QR is refused');
    }
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qrs.at(-1))).ok, true);
    await ready;
    assert.ok(!ctx.sim.events.some((e) => e.type === 'hmac-mismatch-logout'), 'no QR with a retired secret was shown');
  } finally {
    await ctx.close();
  }
});

test('pairWithPhoneNumber starts in code mode and logs in by code', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client({ pairWithPhoneNumber: { phoneNumber: '+1 (555) 123-4567', showNotification: true, intervalMs: 180000 } });
    const log = recordEvents(client);
    const codeEvent = waitFor(client, 'code');
    await client.initialize();
    // On a failure, say what the client and the server did instead.
    const story = () => JSON.stringify({ client: log.map((e) => [e.name, ...e.args]), sim: ctx.sim.events.map((e) => (e.why ? `${e.type}:${e.why}` : e.type)) });
    const code = await codeEvent.catch((err) => assert.fail(`${err.message}; ${story()}`));
    assert.match(code, CODE_RE);
    const hello = ctx.sim.events.find((e) => e.type === 'companion-hello');
    assert.equal(hello.phone, PHONE, 'the page got the digits only');
    const ready = waitFor(client, 'ready');
    assert.deepEqual(await ctx.sim.phone.typeCode(PHONE, code), { ok: true, wid: `${PHONE}@c.us` }, story());
    await ready.catch((err) => assert.fail(`${err.message}; ${story()}`));
    assert.equal(client.info.wid._serialized, `${PHONE}@c.us`);
    assert.equal(log.filter((e) => e.name === 'qr').length, 0, 'no qr in code mode');
  } finally {
    await ctx.close();
  }
});

test('pairWithPhoneNumber client can cancel back to a scannable QR', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client({ pairWithPhoneNumber: { phoneNumber: PHONE } });
    const codeEvent = waitFor(client, 'code');
    const qrEvent = waitFor(client, 'qr');
    await client.initialize();
    await codeEvent;
    await client.cancelPairingCode();
    const qr = await qrEvent;
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qr)).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('requestPairingCode on a QR client logs in by code; QR events stop in code mode', async () => {
  const ctx = await setup({ firstRefTtlMs: 800, nextRefTtlMs: 400 });
  try {
    const { client, log } = await qrClient(ctx);
    const code = await client.requestPairingCode(PHONE);
    const qrCount = log.filter((e) => e.name === 'qr').length;
    await sleep(1500); // refs would have rotated several times
    assert.equal(log.filter((e) => e.name === 'qr').length, qrCount, 'no qr while in code mode');
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.typeCode(PHONE, code)).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('codes refresh every intervalMs, notify only on the first, and stop on cancel and on login', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const { client, log } = await qrClient(ctx);
    const interval = 700;
    const codes = () => log.filter((e) => e.name === 'code').map((e) => e.args[0]);
    const first = await client.requestPairingCode(PHONE, true, interval);
    await waitFor(client, 'code', 5000, () => codes().length >= 3);
    assert.equal(codes()[0], first);
    assert.equal(new Set(codes()).size, codes().length, 'every refresh is a new code');
    const hellos = ctx.sim.events.filter((e) => e.type === 'companion-hello');
    assert.equal(hellos[0].showPushNotification, true);
    assert.ok(hellos.slice(1).every((h) => h.showPushNotification === false), 'refreshes do not notify');
    // A superseded code is refused by the phone.
    assert.equal((await ctx.sim.phone.typeCode(PHONE, first)).ok, false);

    await client.cancelPairingCode();
    const afterCancel = codes().length;
    await sleep(interval * 3);
    assert.equal(codes().length, afterCancel, 'no code after cancelPairingCode resolved');

    // Again, then log in with the live code: refreshes stop for good.
    await client.requestPairingCode(PHONE, false, interval);
    await waitFor(client, 'code', 5000);
    const live = codes().at(-1);
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.typeCode(PHONE, live)).ok, true);
    await ready;
    const atLogin = codes().length;
    await sleep(interval * 3);
    assert.equal(codes().length, atLogin, 'no code after login');
    assert.ok(!ctx.sim.events.filter((e) => e.type === 'companion-hello').slice(hellos.length).some((h) => h.showPushNotification), 'showNotification=false honoured');
  } finally {
    await ctx.close();
  }
});

test('bad phone numbers and arguments are refused before anything reaches the page', async () => {
  const ctx = await setup();
  try {
    const { client } = await qrClient(ctx);
    const cases = [
      ['123456', 'ERR_PHONE_NUMBER_TOO_SHORT'],
      ['1234567890123456', 'ERR_PHONE_NUMBER_TOO_LONG'],
      ['0612345678', 'ERR_PHONE_NUMBER_LEADING_ZERO'],
      ["1'); alert(1); //", 'ERR_PHONE_NUMBER_INVALID_CHARACTER'],
      ['15551234567<script>', 'ERR_PHONE_NUMBER_INVALID_CHARACTER'],
      ['', 'ERR_PHONE_NUMBER_TOO_SHORT'],
      [15551234567, 'ERR_PHONE_NUMBER_NOT_STRING'],
      [null, 'ERR_PHONE_NUMBER_NOT_STRING'],
      [{ toString: () => PHONE }, 'ERR_PHONE_NUMBER_NOT_STRING'],
    ];
    for (const [phone, code] of cases) {
      await assert.rejects(client.requestPairingCode(phone), (err) => {
        assert.ok(err instanceof TypeError, `${JSON.stringify(phone)} gives a TypeError`);
        assert.equal(err.code, code, JSON.stringify(phone));
        return true;
      });
    }
    await assert.rejects(client.requestPairingCode(PHONE, 'yes'), { code: 'ERR_INVALID_OPTION', name: 'TypeError' });
    await assert.rejects(client.requestPairingCode(PHONE, true, -5), /intervalMs/);
    await assert.rejects(client.requestPairingCode(PHONE, true, 0), /intervalMs/);
    assert.equal(ctx.sim.events.filter((e) => e.type === 'companion-hello').length, 0, 'nothing was sent to the page');
    const dialogs = await ctx.sim.events.filter((e) => e.type === 'page-error');
    assert.deepEqual(dialogs, []);
    // The client is still fine.
    assert.match(await client.requestPairingCode('+44 (7911) 123-456'), CODE_RE);
    assert.equal(ctx.sim.events.find((e) => e.type === 'companion-hello').phone, '447911123456');
  } finally {
    await ctx.close();
  }
});

test('server refusals become typed errors and the client returns to a scannable QR', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const { client, log } = await qrClient(ctx);
    const cases = [
      [429, 'ERR_PAIRING_RATE_LIMITED', /too many attempts/],
      [400, 'ERR_PAIRING_BAD_REQUEST', /Browser \(OS\)/],
      ['unavailable', 'ERR_PAIRING_NOT_AVAILABLE', /not available/],
    ];
    for (const [status, code, message] of cases) {
      ctx.sim.failNextCodeRequest({ status });
      const qrs = log.filter((e) => e.name === 'qr').length;
      const nextQr = waitFor(client, 'qr', 10000, () => log.filter((e) => e.name === 'qr').length > qrs);
      await assert.rejects(client.requestPairingCode(PHONE), (err) => {
        assert.equal(err.code, code);
        assert.match(err.message, message);
        assert.doesNotMatch(err.message, /Evaluation failed/);
        return true;
      });
      await nextQr; // back in QR mode by itself
    }
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(log.filter((e) => e.name === 'qr').at(-1).args[0])).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('a refused automatic refresh emits code_error, returns to QR, and never rejects unhandled', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const { client, log } = await qrClient(ctx);
    await client.requestPairingCode(PHONE, true, 600);
    ctx.sim.failNextCodeRequest({ status: 429 });
    const failure = await waitFor(client, 'code_error', 5000);
    assert.equal(failure.code, 'ERR_PAIRING_RATE_LIMITED');
    const qr = await waitFor(client, 'qr', 10000);
    const codesAtFailure = log.filter((e) => e.name === 'code').length;
    await sleep(1500);
    assert.equal(log.filter((e) => e.name === 'code').length, codesAtFailure, 'refreshes stopped');
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qr)).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('ordering guarantees hold over 200+ randomized, partly concurrent operations', async () => {
  const ctx = await setup({ firstRefTtlMs: 900, nextRefTtlMs: 300, refsPerBatch: 3 });
  try {
    const { client } = await qrClient(ctx);
    // One timeline of events and call settlements, in the order JavaScript saw them.
    const timeline = [];
    client.on('qr', (qr) => timeline.push({ kind: 'qr', value: qr }));
    client.on('code', (code) => timeline.push({ kind: 'code', value: code }));
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pending = [];
    let next = 0;
    const start = (op) => {
      const index = next++;
      const promise = (op === 'request' ? client.requestPairingCode(PHONE, true, 150 + Math.floor(random() * 400)) : client.cancelPairingCode()).then(
        (value) => timeline.push({ kind: 'resolve', op, index, value }),
        (error) => timeline.push({ kind: 'reject', op, index, code: error.code, message: error.message })
      );
      pending.push(promise);
      return promise;
    };
    for (let i = 0; i < 220; i++) {
      const op = random() < 0.5 ? 'request' : 'cancel';
      const r = random();
      if (r < 0.4) await start(op); // awaited
      else if (r < 0.9) start(op); // fired without awaiting: queued behind the others
      else await sleep(Math.floor(random() * 300));
    }
    await Promise.all(pending);
    await client.cancelPairingCode();
    timeline.push({ kind: 'resolve', op: 'cancel', index: next++ });

    // 1. Calls settle in call order.
    const settled = timeline.filter((e) => e.kind === 'resolve' || e.kind === 'reject');
    assert.equal(settled.length, next);
    settled.forEach((e, i) => assert.equal(e.index, i, 'settled in call order'));
    // 2. No call failed except as a typed refusal (none are injected here).
    assert.deepEqual(settled.filter((e) => e.kind === 'reject'), []);
    // 3. Walk the timeline: after a request resolved no qr until a cancel; after a
    //    cancel resolved no code until a request. A call's own event comes just before it settles.
    let mode = 'qr';
    timeline.forEach((e, i) => {
      const nextSettle = timeline.slice(i + 1).find((x) => x.kind === 'resolve' || x.kind === 'reject');
      if (e.kind === 'qr') {
        assert.ok(mode === 'qr' || (nextSettle && nextSettle.op === 'cancel'), `qr at ${i} in code mode`);
      } else if (e.kind === 'code') {
        assert.ok(mode === 'code' || (nextSettle && nextSettle.op === 'request' && nextSettle.value === e.value), `code at ${i} in qr mode`);
        assert.match(e.value, CODE_RE);
      } else if (e.kind === 'resolve') {
        mode = e.op === 'request' ? 'code' : 'qr';
      }
    });
    const counts = { qr: timeline.filter((e) => e.kind === 'qr').length, code: timeline.filter((e) => e.kind === 'code').length };
    assert.ok(counts.code > 50 && counts.qr > 50, `both modes exercised (${JSON.stringify(counts)})`);

    // 4. The last QR scans; after login nothing more is emitted.
    const lastQr = timeline.filter((e) => e.kind === 'qr').at(-1).value;
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(lastQr)).ok, true);
    await ready;
    const atLogin = timeline.length;
    await sleep(1200);
    assert.equal(timeline.length, atLogin, 'no qr or code after login');
  } finally {
    await ctx.close();
  }
});
