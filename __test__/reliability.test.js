'use strict';
// The browser and the Node process dying under the client.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder, showQr, loginByQr } = require('./helpers');

/** The pid of the Chromium browser process (the one that is not a --type= child). */
function browserPid(root) {
  for (const pid of chromiumPidsUnder(root)) {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmd.includes('--type=')) return pid;
  }
  throw new Error('no browser process');
}

test('Chromium killed in QR mode: disconnected, pending call rejected, nothing left, initialize() works again', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    await showQr(client);
    await client.requestPairingCode('15551234567', true, 100000);
    const pending = client.cancelPairingCode().then(() => 'resolved', (e) => e.code);
    const disconnected = waitFor(client, 'disconnected', 2000);
    process.kill(browserPid(TEST_ROOT), 'SIGKILL');
    assert.equal(await disconnected, 'BROWSER_CLOSED');
    assert.ok(['ERR_BROWSER_CLOSED', 'resolved'].includes(await pending), 'the call settles');
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
    const again = waitFor(client, 'qr');
    await client.initialize();
    assert.match(await again, /^2@/);
  } finally {
    await ctx.close();
  }
});

test('Node killed with SIGKILL: its Chromium goes with it', async () => {
  const root = fs.mkdtempSync(path.join(TEST_ROOT, 'node-kill-'));
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'qr-child.js')], {
    env: { ...process.env, TMPDIR: root },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await waitFor(child.stdout, 'data', 30000, (chunk) => String(chunk).includes('QR'));
    assert.ok(chromiumPidsUnder(root).length > 0, 'Chromium runs');
    child.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (chromiumPidsUnder(root).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(chromiumPidsUnder(root), [], 'no Chromium left 5 s after Node died');
  } finally {
    child.kill('SIGKILL');
  }
});

test('Chromium killed in code mode: disconnected within 2 s and the refresh stops', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    await showQr(client);
    await client.requestPairingCode('15551234567', true, 300);
    const codes = [];
    client.on('code', (c) => codes.push(c));
    const disconnected = waitFor(client, 'disconnected', 2000);
    process.kill(browserPid(TEST_ROOT), 'SIGKILL');
    assert.equal(await disconnected, 'BROWSER_CLOSED');
    const n = codes.length;
    await new Promise((r) => setTimeout(r, 900));
    assert.equal(codes.length, n, 'no code after the browser died');
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    await ctx.close();
  }
});

test('Chromium killed after ready: disconnected, and the LocalAuth session comes back with no qr', async () => {
  const ctx = await setup();
  const { LocalAuth } = require('..');
  const dataPath = path.join(TEST_ROOT, 'crash-auth');
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'crash', dataPath }) });
    await loginByQr(ctx, client);
    // Let the page persist what it persists after login, as a real session would have time to.
    await new Promise((r) => setTimeout(r, 500));
    const disconnected = waitFor(client, 'disconnected', 2000);
    process.kill(browserPid(path.join(dataPath, 'session-crash')), 'SIGKILL');
    assert.equal(await disconnected, 'BROWSER_CLOSED');
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(dataPath), []);

    const again = ctx.client({ authStrategy: new LocalAuth({ clientId: 'crash', dataPath }) });
    let qrs = 0;
    again.on('qr', () => qrs++);
    const ready2 = waitFor(again, 'ready');
    await again.initialize();
    await ready2;
    assert.equal(qrs, 0, 'restored without a qr');
  } finally {
    await ctx.close();
  }
});

test('destroy() at every step of initialize() resolves, leaves nothing and a reusable profile', async () => {
  const ctx = await setup();
  const { LocalAuth } = require('..');
  const dataPath = path.join(TEST_ROOT, 'destroy-steps');
  try {
    // From "before Chromium started" through launch, navigation, attach, to the first QR.
    for (const delay of [0, 1, 10, 40, 80, 150, 250, 400, 600, 900]) {
      const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'steps', dataPath }) });
      const init = client.initialize().then(() => 'resolved', (e) => `rejected ${e.code}`);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      await client.destroy();
      assert.equal(await init, 'resolved', `initialize() settles quietly when destroyed after ${delay} ms`);
      assert.deepEqual(chromiumPidsUnder(dataPath), [], `nothing left after ${delay} ms`);
    }
    const last = ctx.client({ authStrategy: new LocalAuth({ clientId: 'steps', dataPath }) });
    const qr = waitFor(last, 'qr');
    await last.initialize();
    assert.match(await qr, /^2@/, 'the profile is reusable');
  } finally {
    await ctx.close();
  }
});

test('destroy() during requestPairingCode, cancelPairingCode and a refresh', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    for (const moment of ['request', 'cancel', 'refresh']) {
      const client = ctx.client();
      await showQr(client);
      let pending;
      if (moment === 'request') {
        pending = client.requestPairingCode('15551234567');
      } else if (moment === 'cancel') {
        await client.requestPairingCode('15551234567');
        pending = client.cancelPairingCode();
      } else {
        await client.requestPairingCode('15551234567', true, 50);
        await waitFor(client, 'code', 3000);
        pending = Promise.resolve();
      }
      const settled = pending.then(() => 'resolved', (e) => e.code);
      await client.destroy();
      assert.ok(['resolved', 'ERR_CLIENT_DESTROYED'].includes(await settled), `${moment}: ${await settled}`);
      assert.deepEqual(chromiumPidsUnder(TEST_ROOT), [], `${moment}: nothing left`);
    }
  } finally {
    await ctx.close();
  }
});

test('the page reloading under the client: it re-attaches, the new QR scans, a pending call gets a typed error', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    const errors = [];
    const qrs = [];
    client.on('qr', (qr) => qrs.push(qr));
    await showQr(client);

    const pending = client.requestPairingCode('15551234567').then(() => 'resolved', (e) => { errors.push(e); return e.code; });
    assert.ok(ctx.sim.reloadPages() >= 1);
    const outcome = await pending;
    assert.ok(['resolved', 'ERR_PAGE_NAVIGATED'].includes(outcome), outcome);
    for (const e of errors) assert.doesNotMatch(e.message, /Execution context was destroyed/);

    // After the reload the client shows QRs again, by itself.
    const before = qrs.length;
    await waitFor(client, 'qr', 10000, () => qrs.length > before);
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(qrs.at(-1))).ok, true);
    await ready;

    // Logged in, reloaded: the session is restored and the client is ready again.
    const readyAgain = waitFor(client, 'ready');
    ctx.sim.reloadPages();
    await readyAgain;
    assert.equal(await client.getState(), 'CONNECTED');
  } finally {
    await ctx.close();
  }
});

test('navigating away from WhatsApp Web disconnects with NAVIGATION', async () => {
  const ctx = await setup({ firstRefTtlMs: 30000 });
  try {
    const client = ctx.client();
    await showQr(client);
    const disconnected = waitFor(client, 'disconnected', 5000);
    ctx.sim.reloadPages({ url: 'https://elsewhere.invalid/' });
    assert.equal(await disconnected, 'NAVIGATION');
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    await ctx.close();
  }
});

test('a panic in Rust becomes a rejected promise or a thrown error, never an abort', async () => {
  const native = require('../lib/native');
  const previous = process.env.WWRS_TEST_HOOKS;
  process.env.WWRS_TEST_HOOKS = '1';
  try {
    assert.throws(() => native.debugPanicSync(), /panic/);
    // Drive the native class directly, as index.js does (holding the process
    // open while answers are due, as index.js does too).
    const hold = setInterval(() => {}, 1000);
    test.after(() => clearInterval(hold));
    const replies = new Map();
    const core = new native.NativeClient({}, (kind, payload) => {
      if (kind === 'reply') replies.get(payload[0])(payload);
    });
    const ask = (method, ...args) => new Promise((resolve) => {
      const id = replies.size + 1;
      replies.set(id, resolve);
      core[method](id, ...args);
    });
    const [, ok, message] = await ask('debugPanic');
    assert.equal(ok, false);
    assert.match(message, /bug in whatsapp-web-rs/);
    // The client is stopped, and says so, instead of hanging.
    assert.match((await ask('getState'))[2], /client task/);
    assert.match((await ask('requestPairingCode', '15551234567'))[2], /client task/);
  } finally {
    if (previous === undefined) delete process.env.WWRS_TEST_HOOKS;
    else process.env.WWRS_TEST_HOOKS = previous;
  }
  // Without the switch the hooks do nothing.
  assert.throws(() => native.debugPanicSync(), /test hooks are disabled/);
});

/** An executable that stands in for Chromium: it crashes (SIGSEGV) on its first `crashes` starts, then runs Chromium. */
function crashingChromium(dir, crashes) {
  const script = path.join(dir, 'crashing-chromium.sh');
  const count = path.join(dir, 'starts');
  fs.writeFileSync(script, `#!/bin/sh
n=$(cat '${count}' 2>/dev/null || echo 0)
echo $((n + 1)) > '${count}'
if [ "$n" -lt ${crashes} ]; then kill -SEGV $$; fi
exec /usr/bin/chromium "$@"
`, { mode: 0o700 });
  return { script, starts: () => Number(fs.readFileSync(count, 'utf8')) };
}

test('Chromium crashing while it starts: started once more, and the QR comes; crashing twice is a typed error saying so', async (t) => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'wwrs-crash-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ctx = await setup();
  try {
    const once = crashingChromium(fs.mkdtempSync(path.join(dir, 'once-')), 1);
    const client = ctx.client({ puppeteer: { executablePath: once.script } });
    const qr = waitFor(client, 'qr');
    await client.initialize();
    assert.match(await qr, /^2@/);
    assert.equal(once.starts(), 2, 'one crash, one start that worked');
    await client.destroy();

    const always = crashingChromium(fs.mkdtempSync(path.join(dir, 'always-')), 99);
    const failing = ctx.client({ puppeteer: { executablePath: always.script } });
    await assert.rejects(failing.initialize(), (e) => {
      assert.equal(e.code, 'ERR_BROWSER_LAUNCH');
      assert.match(e.message, /died while starting, twice/);
      assert.match(e.message, /killed by signal 11 while starting/);
      return true;
    });
    assert.equal(always.starts(), 2, 'started twice, not more');
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    await ctx.close();
  }
});
