'use strict';
// Calls at the wrong moment, wrong types, and thousands of generated inputs:
// always a clear typed error, never a crash, a hang or anything run in the page.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, LocalAuth } = require('..');
const native = require('../lib/native');
const { setup, waitFor, showQr } = require('./helpers');

const TYPED_CODES = new Set([
  'ERR_INVALID_OPTION',
  'ERR_INVALID_CLIENT_ID',
  'ERR_PHONE_NUMBER_TOO_SHORT',
  'ERR_PHONE_NUMBER_TOO_LONG',
  'ERR_PHONE_NUMBER_LEADING_ZERO',
  'ERR_PHONE_NUMBER_INVALID_CHARACTER',
  'ERR_PHONE_NUMBER_NOT_STRING',
]);

// A seeded generator, so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const INJECTIONS = [
  "1'); alert(1); //",
  '15551234567"); window.pwned = 1; ("',
  '`${alert(1)}`',
  '<img src=x onerror=alert(1)>',
  '15551234567\u0000',
  '1555\n1234567',
  '\u202e15551234567',
  '١٥٥٥١٢٣٤٥٦٧', // Arabic-Indic digits
  '+١٥٥٥١٢٣٤٥٦٧',
  '15551234567; DROP TABLE users',
  '${process.exit()}',
  '__proto__',
];

function generatedValue(r) {
  const pool = [
    () => Math.floor(r() * 1e16).toString(),
    () => '+' + Math.floor(r() * 1e12),
    () => ' ' + Math.floor(r() * 1e9) + '-' + Math.floor(r() * 1e4) + ' ',
    () => '0' + Math.floor(r() * 1e10),
    () => INJECTIONS[Math.floor(r() * INJECTIONS.length)],
    () => String.fromCharCode(...Array.from({ length: Math.floor(r() * 20) }, () => 32 + Math.floor(r() * 95))),
    () => String.fromCharCode(...Array.from({ length: Math.floor(r() * 8) }, () => Math.floor(r() * 0xffff))),
    () => Math.floor(r() * 1e12),
    () => -r() * 100,
    () => NaN,
    () => Infinity,
    () => null,
    () => undefined,
    () => true,
    () => [],
    () => ({}),
    () => () => 1,
    () => Symbol('s'),
    () => 10n,
  ];
  return pool[Math.floor(r() * pool.length)]();
}

// The rule, written independently of the Rust code.
function expectedPhone(value) {
  if (typeof value !== 'string') return { error: 'ERR_PHONE_NUMBER_NOT_STRING' };
  let body = value.trim();
  if (body.startsWith('+')) body = body.slice(1);
  let digits = '';
  for (const c of body) {
    if (c >= '0' && c <= '9') digits += c;
    else if (' -.()'.includes(c)) continue;
    else return { error: 'ERR_PHONE_NUMBER_INVALID_CHARACTER' };
  }
  if (digits.length < 7) return { error: 'ERR_PHONE_NUMBER_TOO_SHORT' };
  if (digits.length > 15) return { error: 'ERR_PHONE_NUMBER_TOO_LONG' };
  if (digits.startsWith('0')) return { error: 'ERR_PHONE_NUMBER_LEADING_ZERO' };
  return { digits };
}

function codeOf(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

test('10,000 generated phone numbers follow the rule exactly, with typed errors', () => {
  const r = rng(42);
  let valid = 0;
  for (let i = 0; i < 10000; i++) {
    const input = generatedValue(r);
    const expected = expectedPhone(input);
    const got = codeOf(() => {
      try {
        return native.normalizePhoneNumber(input);
      } catch (e) {
        // The same mapping the Client applies.
        const m = /^\[(TypeError|Error):([A-Z_]+)\] /.exec(e.message);
        throw Object.assign(new Error(e.message), { code: m ? m[2] : 'UNTYPED', kind: m && m[1] });
      }
    });
    if (expected.digits) {
      valid++;
      assert.equal(got.value, expected.digits, `input ${JSON.stringify(String(input))}`);
    } else {
      assert.ok(got.error, `input ${String(input)} must be refused`);
      assert.equal(got.error.code, expected.error, `input ${JSON.stringify(String(input))}`);
      assert.equal(got.error.kind, 'TypeError');
    }
  }
  assert.ok(valid > 500, `the generator also makes valid numbers (${valid})`);
});

test('10,000 generated option objects either construct or throw a TypeError naming the option', async () => {
  const r = rng(7);
  const keys = ['qrMaxRetries', 'authTimeoutMs', 'userAgent', 'bypassCSP', 'deviceName', 'browserName', 'puppeteer', 'pairWithPhoneNumber', 'authStrategy', 'unknownKey', 'takeoverOnConflict'];
  const sub = { puppeteer: ['headless', 'executablePath', 'args', 'userDataDir', 'slowMo'], pairWithPhoneNumber: ['phoneNumber', 'showNotification', 'intervalMs'] };
  let built = 0;
  const clients = [];
  for (let i = 0; i < 10000; i++) {
    const options = {};
    for (const key of keys) {
      if (r() < 0.3) {
        if (sub[key] && r() < 0.7) {
          options[key] = {};
          for (const k of sub[key]) if (r() < 0.5) options[key][k] = r() < 0.2 ? [generatedValue(r), generatedValue(r)] : generatedValue(r);
        } else {
          options[key] = generatedValue(r);
        }
      }
    }
    const result = codeOf(() => new Client(options));
    if (result.error) {
      assert.ok(result.error instanceof TypeError, `${result.error.message}`);
      assert.ok(TYPED_CODES.has(result.error.code), `code ${result.error.code}: ${result.error.message}`);
    } else {
      built++;
      clients.push(result.value);
    }
  }
  assert.ok(built > 100, `some generated options are valid (${built})`);
  // Constructed but never initialized clients destroy cleanly.
  await Promise.all(clients.slice(0, 200).map((c) => c.destroy()));
});

test('calls before initialize(), twice at once, and after destroy() get clear answers', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    await assert.rejects(client.requestPairingCode('15551234567'), { code: 'ERR_NOT_INITIALIZED' });
    await assert.rejects(client.cancelPairingCode(), { code: 'ERR_NOT_INITIALIZED' });
    assert.equal(await client.getState(), null);
    assert.equal(await client.getWWebVersion(), null);
    await client.destroy(); // nothing to destroy yet: resolves

    const qr = waitFor(client, 'qr');
    const [a, b] = await Promise.allSettled([client.initialize(), client.initialize()]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(b.status, 'rejected');
    assert.equal(b.reason.code, 'ERR_ALREADY_INITIALIZED');
    await qr;

    const [c1, c2] = await Promise.all([client.requestPairingCode('15551234567'), client.requestPairingCode('15557654321')]);
    assert.notEqual(c1, c2, 'two requests at once: both served, in order');
    await Promise.all([client.cancelPairingCode(), client.cancelPairingCode()]);

    await Promise.all([client.destroy(), client.destroy()]);
    await assert.rejects(client.requestPairingCode('15551234567'), { code: 'ERR_CLIENT_DESTROYED' });
    await assert.rejects(client.cancelPairingCode(), { code: 'ERR_CLIENT_DESTROYED' });
    await client.destroy();
  } finally {
    await ctx.close();
  }
});

test('generated and hostile phone numbers on a live client: only digits ever reach the page', async () => {
  const ctx = await setup({ firstRefTtlMs: 60000 });
  try {
    const client = ctx.client();
    await showQr(client);
    const r = rng(99);
    const inputs = [...INJECTIONS, ...Array.from({ length: 300 }, () => generatedValue(r))];
    let accepted = 0;
    for (const input of inputs) {
      const expected = expectedPhone(input);
      try {
        const code = await client.requestPairingCode(input, false, 600000);
        assert.ok(expected.digits, `${String(input)} was accepted`);
        assert.match(code, /^[1-9A-HJ-NP-TV-Z]{8}$/);
        accepted++;
      } catch (error) {
        assert.ok(error instanceof TypeError, `${String(input)}: ${error.message}`);
        assert.equal(error.code, expected.error);
      }
    }
    assert.ok(accepted > 10, `some were valid (${accepted})`);
    const sent = ctx.sim.events.filter((e) => e.type === 'companion-hello').map((e) => e.phone);
    assert.equal(sent.length, accepted);
    assert.ok(sent.every((p) => /^[1-9]\d{6,14}$/.test(p)), 'the page only ever got digits');
    // And the client still works afterwards.
    await client.cancelPairingCode();
    assert.equal(await client.getState(), 'UNPAIRED');
  } finally {
    await ctx.close();
  }
});

test('a LocalAuth with wrongly typed options is refused', () => {
  assert.throws(() => new LocalAuth({ clientId: 5 }), { code: 'ERR_INVALID_OPTION' });
  assert.throws(() => new LocalAuth({ dataPath: ['x'] }), { code: 'ERR_INVALID_OPTION' });
  assert.throws(() => new LocalAuth({ rmMaxRetries: -1 }), { code: 'ERR_INVALID_OPTION' });
  assert.throws(() => new Client({ authStrategy: { foo: 1 } }), { code: 'ERR_INVALID_OPTION' });
});
