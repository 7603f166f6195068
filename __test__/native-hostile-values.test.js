'use strict';
// Issue 20: every synchronous method of the native layer survives hostile
// values (huge, negative, NaN, wrong types, "=", very long strings) with a
// typed error, and no panic reaches Node. The calls run in a child process
// (fixtures/hostile-native-child.js), because an abort would take the test
// runner down with it: its exit status is the "process lives" assertion.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { spawn } = require('child_process');
const { TEST_ROOT } = require('./helpers');

function runChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'hostile-native-child.js')], {
      cwd: TEST_ROOT,
      env: { ...process.env, WWRS_TEST_HOOKS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

test('each synchronous native method answers hostile values with a typed error, and the process lives', async () => {
  const { code, signal, out, err } = await runChild();
  assert.deepEqual({ code, signal }, { code: 0, signal: null }, `the child died: ${err.slice(-2000)}`);
  const { hostile, calls, replies } = JSON.parse(out.trim().split('\n').pop());
  assert.ok(calls.length > 500, `${calls.length} calls`);

  const untyped = calls.filter((c) => c.result.startsWith('untyped:'));
  assert.deepEqual(untyped, [], 'every error has a code');
  // A panic in a synchronous call is ERR_INTERNAL, thrown, not an abort.
  assert.equal(calls.find((c) => c.call === 'debugPanicSync()').result, 'ERR_INTERNAL');
  // No hostile value passes for a phone number.
  const phones = calls.filter((c) => c.call.startsWith('normalizePhoneNumber('));
  assert.ok(phones.length > 0 && phones.every((c) => c.result.startsWith('ERR_PHONE_NUMBER_')), JSON.stringify(phones));

  // Calls answered through the delivery channel: a typed error each.
  const failed = replies.filter((r) => !r.ok);
  assert.ok(failed.length > 100, `${failed.length} refusals`);
  for (const r of failed) assert.match(String(r.code), /^ERR_[A-Z_]+$/, JSON.stringify(r));
  // MessageMedia data (answered under 1000 + the value's index): "=" (once 2^64-1 bytes) and
  // other non-base64 are ERR_INVALID_ARGUMENT, 24 MiB of base64 too large for a picture, and
  // 1 MiB of valid base64 goes on to be refused only because the client is not initialized.
  const media = (label) => replies.find((r) => r.id === 1000 + hostile.indexOf(label));
  assert.deepEqual(media('"="'), { id: 1000 + hostile.indexOf('"="'), ok: false, code: 'ERR_INVALID_ARGUMENT' });
  assert.equal(media('"=="').code, 'ERR_INVALID_ARGUMENT');
  assert.equal(media('"x"').code, 'ERR_INVALID_ARGUMENT');
  assert.equal(media('"AAAAAAAA"…(25165824)').code, 'ERR_MEDIA_TOO_LARGE');
  assert.equal(media('"99999999"…(1048576)').code, 'ERR_NOT_INITIALIZED');
  for (const r of replies.filter((x) => x.id >= 1000 && x.id < 1000 + hostile.length)) assert.ok(['ERR_INVALID_ARGUMENT', 'ERR_MEDIA_TOO_LARGE', 'ERR_NOT_INITIALIZED'].includes(r.code), JSON.stringify(r));

  // The session task's panic: its callers get ERR_INTERNAL, later calls too.
  assert.deepEqual(replies.filter((r) => r.id === 4294967295 || r.id === 13).map((r) => r.code).slice(-2), ['ERR_INTERNAL', 'ERR_INTERNAL']);
});
