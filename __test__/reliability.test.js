'use strict';
// The browser and the Node process dying under the client.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder } = require('./helpers');

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
    const qr = waitFor(client, 'qr');
    await client.initialize();
    await qr;
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
