'use strict';
// A session folder is an account. These tests show that a RemoteAuth restore
// never destroys the local session before it has a complete better one,
// that what comes back from a store is unpacked within limits and inside
// the profile, and that what the client creates for a session is readable
// by its owner only.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { Client, RemoteAuth, LocalAuth } = require('..');
const { makeZip } = require('./fixtures/zip');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder, loginByQr } = require('./helpers');

const SESSION = 'RemoteAuth-safe';

/** Every file below `dir` with its bytes (and every folder), for byte-for-byte comparison. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      const rel = path.relative(dir, p);
      if (entry.isDirectory()) {
        out[`${rel}/`] = true;
        walk(p);
      } else {
        out[rel] = fs.readFileSync(p).toString('base64');
      }
    }
  };
  walk(dir);
  return out;
}

function modeOf(p) {
  return fs.statSync(p).mode & 0o777;
}

/** A data folder holding a local session newer than any backup. */
function localSession(name) {
  const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, `${name}-`));
  const ls = path.join(dataPath, SESSION, 'Default', 'Local Storage', 'leveldb');
  fs.mkdirSync(ls, { recursive: true });
  fs.writeFileSync(path.join(ls, '000005.ldb'), 'the local session, newer than the backup');
  fs.writeFileSync(path.join(dataPath, SESSION, 'Local State'), '{"local":true}');
  return dataPath;
}

/**
 * A store holding `zip` (written on extract), failing `failing` if given;
 * records calls. `once`: the archive is handed out once, then the store is
 * empty (so the first backup comes after initialBackupDelayMs).
 */
function fakeStore({ zip = null, failing = null, once = false } = {}) {
  const calls = [];
  const saved = [];
  return {
    calls,
    saved,
    async sessionExists({ session }) {
      calls.push(['sessionExists', session]);
      if (failing === 'sessionExists') throw new Error('the store is down for a moment');
      return zip !== null;
    },
    async extract({ session, path: p }) {
      calls.push(['extract', session]);
      if (failing === 'extract') throw new Error('network reset while downloading');
      fs.writeFileSync(p, zip);
      if (once) zip = null;
    },
    async save({ session, path: p }) {
      calls.push(['save', session]);
      // What whatsapp-web.js's stores see: the zip at `path`, and (wwebjs-mongo) `<session>.zip` in the cwd.
      saved.push({ mode: modeOf(p), cwdMode: fs.existsSync(`${session}.zip`) ? modeOf(`${session}.zip`) : null, bytes: fs.readFileSync(p) });
      if (failing === 'save') throw new Error('quota exceeded');
    },
    async delete() {},
  };
}

function remoteClient(dataPath, store, extra = {}) {
  return new Client({
    authStrategy: new RemoteAuth({ store, clientId: 'safe', dataPath, backupSyncIntervalMs: 60000, ...extra }),
    webVersionCache: { type: 'none' },
  });
}

const GOOD_ZIP = makeZip([{ name: 'Default/Local Storage/leveldb/000009.ldb', data: 'from the store' }]);

const FAILURES = [
  { what: 'a store that throws in sessionExists()', store: { zip: GOOD_ZIP, failing: 'sessionExists' }, says: /store\.sessionExists\(\).*the store is down/ },
  { what: 'a store that throws in extract()', store: { zip: GOOD_ZIP, failing: 'extract' }, says: /store\.extract\(\).*network reset/ },
  { what: 'a truncated zip', store: { zip: GOOD_ZIP.subarray(0, Math.floor(GOOD_ZIP.length / 2)) }, says: /unzip.*(zip|damaged)/ },
  {
    what: 'a zip with a ../ entry',
    store: { zip: makeZip([{ name: 'Default/Local Storage/leveldb/000009.ldb', data: 'ok' }, { name: '../../escaped-by-zip', data: 'evil' }]) },
    says: /unsafe path/,
  },
];

for (const { what, store: spec, says } of FAILURES) {
  test(`RemoteAuth restore: ${what} leaves the local session byte-for-byte intact`, async () => {
    const dataPath = localSession('restore-fail');
    const before = snapshot(path.join(dataPath, SESSION));
    const store = fakeStore(spec);
    const client = remoteClient(dataPath, store);
    try {
      const error = await client.initialize().then(
        () => null,
        (e) => e
      );
      assert.ok(error, 'initialize() rejects');
      assert.equal(error.code, 'ERR_STORAGE');
      assert.match(error.message, says);
      assert.match(error.message, /left as it was/);
      assert.deepEqual(snapshot(path.join(dataPath, SESSION)), before);
      assert.deepEqual(fs.readdirSync(dataPath), [SESSION], 'no scratch folder or zip left behind');
      assert.ok(!fs.existsSync(path.join(TEST_ROOT, 'escaped-by-zip')) && !fs.existsSync(path.join(path.dirname(TEST_ROOT), 'escaped-by-zip')));
      assert.deepEqual(chromiumPidsUnder(dataPath), [], 'no browser was started');
    } finally {
      await client.destroy();
    }
  });
}

test('RemoteAuth restore: a zip that expands past restoreMaxBytes is refused without filling the disk', async () => {
  const dataPath = localSession('restore-bomb');
  const before = snapshot(path.join(dataPath, SESSION));
  // 64 MiB of zeros in a ~64 KiB archive, one entry lying about its size.
  const bomb = makeZip([
    { name: 'Default/IndexedDB/a', data: Buffer.alloc(32 << 20), declaredSize: 10 },
    { name: 'Default/IndexedDB/b', data: Buffer.alloc(32 << 20) },
  ]);
  assert.ok(bomb.length < 1 << 20);
  const client = remoteClient(dataPath, fakeStore({ zip: bomb }), { restoreMaxBytes: 1 << 20 });
  try {
    await assert.rejects(client.initialize(), { code: 'ERR_STORAGE', message: /(restoreMaxBytes|damaged)/ });
    assert.deepEqual(snapshot(path.join(dataPath, SESSION)), before);
    assert.deepEqual(fs.readdirSync(dataPath), [SESSION]);
  } finally {
    await client.destroy();
  }
  assert.throws(() => new RemoteAuth({ store: fakeStore(), backupSyncIntervalMs: 60000, restoreMaxBytes: 0 }), { code: 'ERR_INVALID_OPTION', message: /restoreMaxBytes/ });
});

test('RemoteAuth: a restored session is 0600 files in 0700 folders (whatever the umask), foreign entries are not extracted, backups are 0600', async () => {
  const ctx = await setup();
  const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, 'restore-perms-'));
  const zip = makeZip([
    { name: 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/marker', data: 'restored' },
    { name: 'Default/Local Storage/leveldb/marker', data: 'restored' },
    { name: 'Local State', data: '{"evil":true}' },
    { name: 'Default/Preferences', data: '{"evil":true}' },
  ]);
  const store = fakeStore({ zip, once: true });
  const cwd = process.cwd();
  const oldMask = process.umask(0);
  process.chdir(dataPath);
  try {
    const client = ctx.client({
      authStrategy: new RemoteAuth({ store, clientId: 'safe', dataPath, backupSyncIntervalMs: 60000, initialBackupDelayMs: 1 }),
    });
    // The restored session is not logged in at the simulator: a QR login, then a backup.
    const saved = waitFor(client, 'remote_session_saved', 60000);
    await loginByQr(ctx, client);
    await saved;
    const profile = path.join(dataPath, SESSION);
    for (const dir of ['', 'Default', 'Default/IndexedDB', 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb', 'Default/Local Storage']) {
      assert.equal(modeOf(path.join(profile, dir)).toString(8), '700', `${dir || 'the profile'} is 0700`);
    }
    const marker = path.join(profile, 'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/marker');
    assert.equal(fs.readFileSync(marker, 'utf8'), 'restored');
    assert.equal(modeOf(marker).toString(8), '600');
    assert.notEqual(fs.existsSync(path.join(profile, 'Local State')) && fs.readFileSync(path.join(profile, 'Local State'), 'utf8'), '{"evil":true}', 'Local State not taken from the zip');
    assert.ok(!fs.existsSync(path.join(profile, 'Default/Preferences')) || !fs.readFileSync(path.join(profile, 'Default/Preferences'), 'utf8').includes('evil'));
    const backup = store.saved.at(-1);
    assert.equal(backup.mode.toString(8), '600', 'the backup zip is 0600');
    assert.equal(backup.cwdMode.toString(8), '600', "the working-directory copy (for stores that read it there) is 0600");
    assert.deepEqual(fs.readdirSync(dataPath).filter((f) => f.endsWith('.zip')), [], 'both copies removed right after save()');
  } finally {
    process.chdir(cwd);
    process.umask(oldMask);
    await ctx.close();
  }
});

test('LocalAuth: the session folder the client creates is 0700 whatever the umask', async () => {
  const ctx = await setup();
  const dataPath = path.join(fs.mkdtempSync(path.join(TEST_ROOT, 'local-perms-')), 'auth');
  const oldMask = process.umask(0);
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'p', dataPath }) });
    await client.initialize();
    assert.equal(modeOf(dataPath).toString(8), '700');
    assert.equal(modeOf(path.join(dataPath, 'session-p')).toString(8), '700');
  } finally {
    process.umask(oldMask);
    await ctx.close();
  }
});
