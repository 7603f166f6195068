'use strict';
// RemoteAuth with a real store (Redis): a session saved by one process is
// restored by another process with a different data folder, straight to ready.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');
const { RemoteAuth } = require('..');
const { startRedis } = require('./fixtures/redis-server');
const { RedisStore } = require('./fixtures/redis-store');
const { TEST_ROOT, setup, chromiumPidsUnder } = require('./helpers');

/** Runs the child client; resolves with its events once it said `destroyed` (or failed). */
function runChild(config, onEvent = () => {}) {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'remote-auth-child.js'), JSON.stringify(config)], {
    cwd: config.cwd,
    env: { ...process.env, TMPDIR: config.dataPath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events = [];
  const lines = readline.createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child timed out; events: ${JSON.stringify(events)}`));
    }, 60000);
    lines.on('line', (line) => {
      const message = JSON.parse(line);
      events.push(message);
      onEvent(message);
      if (message.event === 'error') {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(message.value));
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(events);
    });
  });
}

test('RemoteAuth: saved to Redis by one process, restored by another with no qr', async () => {
  const redis = await startRedis();
  const ctx = await setup();
  try {
    const base = { port: redis.port, chromiumArgs: ctx.sim.chromiumArgs, clientId: 'remote1' };
    const first = { ...base, dataPath: fs.mkdtempSync(path.join(TEST_ROOT, 'remote-a-')), waitForBackup: true };
    first.cwd = first.dataPath;
    const events1 = await runChild(first, (m) => {
      if (m.event === 'qr') ctx.sim.phone.scan(m.value);
    });
    const names1 = events1.map((e) => e.event);
    assert.deepEqual(names1.filter((n) => n !== 'qr'), ['authenticated', 'ready', 'remote_session_saved', 'destroyed']);
    const store = new RedisStore({ port: redis.port });
    assert.equal(await store.sessionExists({ session: 'RemoteAuth-remote1' }), true, 'the session archive is in the store under whatsapp-web.js\'s name');
    assert.deepEqual(fs.readdirSync(first.dataPath).filter((f) => f.endsWith('.zip')), [], 'no zip left behind');
    assert.deepEqual(chromiumPidsUnder(first.dataPath), []);

    // Another process, another (empty) data folder: the profile comes from Redis.
    const second = { ...base, dataPath: fs.mkdtempSync(path.join(TEST_ROOT, 'remote-b-')), waitForBackup: false };
    second.cwd = second.dataPath;
    const events2 = await runChild(second);
    const names2 = events2.map((e) => e.event);
    assert.ok(!names2.includes('qr'), `restored without a qr: ${JSON.stringify(names2)}`);
    assert.ok(names2.includes('ready'));
    assert.equal(events2.find((e) => e.event === 'ready').value, '15550100001@c.us');
    assert.ok(fs.existsSync(path.join(second.dataPath, 'RemoteAuth-remote1', 'Default')), 'profile restored in whatsapp-web.js\'s layout');
  } finally {
    await ctx.close();
    await redis.stop();
  }
});

test('RemoteAuth options follow whatsapp-web.js\'s rules, with typed errors', () => {
  const store = { sessionExists() {}, save() {}, extract() {}, delete() {} };
  assert.throws(() => new RemoteAuth({ store, backupSyncIntervalMs: 1000 }), { code: 'ERR_INVALID_OPTION', message: /backupSyncIntervalMs/ });
  assert.throws(() => new RemoteAuth({ backupSyncIntervalMs: 60000 }), { code: 'ERR_INVALID_OPTION', message: /store/ });
  assert.throws(() => new RemoteAuth({ store: { save() {} }, backupSyncIntervalMs: 60000 }), { message: /sessionExists/ });
  assert.throws(() => new RemoteAuth({ store, clientId: 'a b', backupSyncIntervalMs: 60000 }), { code: 'ERR_INVALID_CLIENT_ID' });
  const auth = new RemoteAuth({ store, clientId: 'x', dataPath: '/tmp/ra', backupSyncIntervalMs: 60000 });
  assert.equal(auth.clientId, 'x');
  assert.equal(auth.userDataDir, '/tmp/ra/RemoteAuth-x');
});
