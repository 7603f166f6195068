'use strict';
// The Redis-backed RemoteAuth store used by the tests (fixtures/redis-store.js) against a real
// redis-server (fixtures/redis-server.js): the Store contract on its own, then with
// whatsapp-web.js 1.34.7's RemoteAuth unchanged, which is what defines that contract.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startRedis } = require('./fixtures/redis-server');
const { RedisStore, encodeCommand, parseReply } = require('./fixtures/redis-store');

let redis;
const startCwd = process.cwd();
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-redis-store-'));

before(async () => {
    redis = await startRedis();
});

after(async () => {
    process.chdir(startCwd);
    if (redis) await redis.stop();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
});

// The store reads `${session}.zip` from the cwd, so each test works in its own folder.
function workDir(t) {
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'cwd-'));
    process.chdir(dir);
    t.after(() => process.chdir(startCwd));
    return dir;
}

// Zip-like bytes: a local-file-header signature, every byte value, sequences a careless RESP
// reader would trip over (CRLF, "$-1", "*"), and 1.5 MB of random data (more than one TCP read).
function zipLike(seed) {
    return Buffer.concat([
        Buffer.from('PK\x03\x04', 'latin1'),
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        Buffer.from(`\r\n$-1\r\n*2\r\n+OK\r\n-ERR ${seed}\r\n`),
        crypto.randomBytes(1536 * 1024),
        Buffer.from('PK\x05\x06', 'latin1'),
    ]);
}

const gone = (pid) => {
    try {
        process.kill(pid, 0);
        return false;
    } catch (err) {
        return err.code === 'ESRCH';
    }
};

test('startRedis: a private redis-server on a loopback port, without persistence, gone after stop()', async () => {
    const extra = await startRedis();
    try {
        assert.notEqual(extra.port, redis.port);
        const store = new RedisStore({ port: extra.port });
        assert.equal(await store.command('PING'), 'PONG');
        assert.deepEqual(
            (await store.command('CONFIG', 'GET', 'save')).map(String),
            ['save', ''],
            'no RDB snapshots',
        );
        assert.deepEqual((await store.command('CONFIG', 'GET', 'appendonly')).map(String), ['appendonly', 'no']);
        assert.deepEqual((await store.command('CONFIG', 'GET', 'bind')).map(String), ['bind', '127.0.0.1']);
    } finally {
        await extra.stop();
    }
    assert.ok(gone(extra.pid), `redis-server ${extra.pid} is gone`);
    await extra.stop(); // idempotent
    await assert.rejects(new RedisStore({ port: extra.port, timeoutMs: 2000 }).command('PING'), /ECONNREFUSED/);
});

test('save / sessionExists / extract / delete round-trip a binary zip byte for byte', async (t) => {
    const dir = workDir(t);
    const store = new RedisStore({ port: redis.port });
    const session = 'RemoteAuth-roundtrip';
    const bytes = zipLike('a');
    fs.writeFileSync(path.join(dir, `${session}.zip`), bytes);

    assert.equal(await store.sessionExists({ session }), false);
    await store.save({ session });
    assert.equal(await store.sessionExists({ session }), true);
    // save() reads the file; it leaves it where it is (RemoteAuth removes it itself).
    assert.ok(fs.existsSync(path.join(dir, `${session}.zip`)));

    const out = path.join(dir, 'restored', 'copy.zip');
    fs.mkdirSync(path.dirname(out));
    await store.extract({ session, path: out });
    assert.ok(fs.readFileSync(out).equals(bytes), 'extract writes exactly the saved bytes');

    // A later save replaces the stored copy.
    const newer = zipLike('b');
    fs.writeFileSync(path.join(dir, `${session}.zip`), newer);
    await store.save({ session });
    await store.extract({ session, path: out });
    assert.ok(fs.readFileSync(out).equals(newer));

    await store.delete({ session });
    assert.equal(await store.sessionExists({ session }), false);
    await assert.rejects(store.extract({ session, path: path.join(dir, 'after-delete.zip') }), /no stored session 'RemoteAuth-roundtrip'/);
});

test('a missing session: not there, extract rejects and writes nothing, delete is a no-op, save without the zip rejects', async (t) => {
    const dir = workDir(t);
    const store = new RedisStore({ port: redis.port });
    const session = 'RemoteAuth-never-saved';
    assert.equal(await store.sessionExists({ session }), false);
    const target = path.join(dir, 'out.zip');
    await assert.rejects(store.extract({ session, path: target }), /no stored session/);
    assert.equal(fs.existsSync(target), false);
    await store.delete({ session });
    assert.equal(await store.sessionExists({ session }), false);
    // save() reads `${session}.zip` from the cwd; here there is none.
    await assert.rejects(store.save({ session }), (err) => err.code === 'ENOENT' && err.path === `${session}.zip`);
    assert.equal(await store.sessionExists({ session }), false);
    assert.throws(() => store.key(''), TypeError);
    assert.throws(() => new RedisStore({ port: 'x' }), TypeError);
});

test('two sessions are kept apart', async (t) => {
    const dir = workDir(t);
    const store = new RedisStore({ port: redis.port });
    const a = { session: 'RemoteAuth-alice', bytes: zipLike('alice') };
    const b = { session: 'RemoteAuth-bob', bytes: zipLike('bob') };
    for (const s of [a, b]) {
        fs.writeFileSync(path.join(dir, `${s.session}.zip`), s.bytes);
        await store.save({ session: s.session });
    }
    for (const s of [a, b]) {
        const out = path.join(dir, `${s.session}.out`);
        await store.extract({ session: s.session, path: out });
        assert.ok(fs.readFileSync(out).equals(s.bytes), `${s.session} gets its own bytes back`);
    }
    await store.delete({ session: a.session });
    assert.equal(await store.sessionExists({ session: a.session }), false);
    assert.equal(await store.sessionExists({ session: b.session }), true);
    // Another store object (another process, in real use) sees the same data.
    const other = new RedisStore({ port: redis.port });
    const out = path.join(dir, 'bob-again.zip');
    await other.extract({ session: b.session, path: out });
    assert.ok(fs.readFileSync(out).equals(b.bytes));
    await other.delete({ session: b.session });
});

test('RESP encoding and parsing are binary-safe', () => {
    assert.deepEqual(encodeCommand(['SET', 'k', Buffer.from([0, 13, 10])]), Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\x00\r\n\r\n', 'latin1'));
    assert.deepEqual(parseReply(Buffer.from('$3\r\na\r\n\r\n')).value, Buffer.from('a\r\n'));
    assert.equal(parseReply(Buffer.from('$5\r\nab')), null, 'incomplete');
    assert.equal(parseReply(Buffer.from('$-1\r\n')).value, null);
    assert.equal(parseReply(Buffer.from(':1\r\n')).value, 1);
    assert.equal(parseReply(Buffer.from('+OK\r\n')).value, 'OK');
    assert.match(parseReply(Buffer.from('-ERR wrong\r\n')).value.message, /ERR wrong/);
    assert.deepEqual(parseReply(Buffer.from('*2\r\n$1\r\na\r\n:2\r\n')).value, [Buffer.from('a'), 2]);
});

// ---- with whatsapp-web.js's own RemoteAuth ------------------------------------------------------

const { RemoteAuth, Events } = require('whatsapp-web.js');

// A RemoteAuth with its client stubbed: only what RemoteAuth touches (options.puppeteer, emit).
function remoteAuth(dataPath, store, clientId) {
    const emitted = [];
    const auth = new RemoteAuth({ clientId, dataPath, store, backupSyncIntervalMs: 60000 });
    auth.setup({ options: { puppeteer: {} }, emit: (name) => emitted.push(name) });
    return { auth, emitted };
}

// A profile with the folders RemoteAuth keeps (Default/IndexedDB, Default/Local Storage) and one it
// does not (Default/Cache).
function fillProfile(userDataDir) {
    const files = {
        'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log': crypto.randomBytes(4096),
        'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/CURRENT': Buffer.from('MANIFEST-000001\n'),
        'Default/Local Storage/leveldb/000005.ldb': crypto.randomBytes(2048),
        'Default/Cache/Cache_Data/data_0': crypto.randomBytes(1024),
    };
    for (const [rel, bytes] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(userDataDir, rel)), { recursive: true });
        fs.writeFileSync(path.join(userDataDir, rel), bytes);
    }
    return files;
}

// whatsapp-web.js 1.34.7's RemoteAuth resolves its extraction on the unzipper stream's 'finish',
// which comes before the files are written ('close' does): beforeBrowserInitialized() can return,
// and Chromium start, on a half-restored profile. There is no event to await from outside, so the
// test polls for the files (bounded) instead of reading them at once.
async function waitForFiles(expected, timeoutMs = 5000) {
    const complete = ([file, bytes]) => {
        try {
            return fs.statSync(file).size === bytes.length;
        } catch {
            return false;
        }
    };
    const deadline = Date.now() + timeoutMs;
    while (!expected.every(complete)) {
        if (Date.now() > deadline) {
            throw new Error(`not restored within ${timeoutMs} ms: ${expected.filter((e) => !complete(e)).map(([f]) => f).join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 20));
    }
}

test("whatsapp-web.js RemoteAuth stores, restores and deletes a profile through this store (cwd = dataPath)", async (t) => {
    const dataPath = workDir(t); // RemoteAuth's zip lands in dataPath; the store reads it from the cwd
    const store = new RedisStore({ port: redis.port });
    const { auth, emitted } = remoteAuth(dataPath, store, 'alpha');

    await auth.beforeBrowserInitialized(); // nothing stored yet: an empty profile folder
    const userDataDir = path.join(dataPath, 'RemoteAuth-alpha');
    assert.equal(auth.userDataDir, userDataDir);
    assert.deepEqual(fs.readdirSync(userDataDir), []);
    const files = fillProfile(userDataDir);

    await auth.storeRemoteSession({ emit: true });
    assert.deepEqual(emitted, [Events.REMOTE_SESSION_SAVED]);
    assert.equal(await store.sessionExists({ session: 'RemoteAuth-alpha' }), true);
    assert.equal(fs.existsSync(path.join(dataPath, 'RemoteAuth-alpha.zip')), false, 'RemoteAuth removed its zip');

    // A new machine: no profile; RemoteAuth extracts the stored zip into it.
    fs.rmSync(userDataDir, { recursive: true, force: true });
    await auth.beforeBrowserInitialized();
    const kept = Object.entries(files).filter(([rel]) => !rel.startsWith('Default/Cache/'));
    await waitForFiles(kept.map(([rel, bytes]) => [path.join(userDataDir, rel), bytes]));
    for (const [rel, bytes] of Object.entries(files)) {
        const restored = path.join(userDataDir, rel);
        if (rel.startsWith('Default/Cache/')) assert.equal(fs.existsSync(restored), false, `${rel} is not kept`);
        else assert.ok(fs.readFileSync(restored).equals(bytes), `${rel} restored`);
    }

    await auth.logout();
    assert.equal(await store.sessionExists({ session: 'RemoteAuth-alpha' }), false);
    assert.equal(fs.existsSync(userDataDir), false);
});

test('whatsapp-web.js 1.34.7 RemoteAuth defect: with cwd != dataPath the store cannot find the zip (ENOENT)', async (t) => {
    const cwd = workDir(t);
    const dataPath = fs.mkdtempSync(path.join(tmpRoot, 'data-'));
    const store = new RedisStore({ port: redis.port });
    const { auth, emitted } = remoteAuth(dataPath, store, 'beta');
    await auth.beforeBrowserInitialized();
    fillProfile(auth.userDataDir);
    // RemoteAuth writes `${dataPath}/RemoteAuth-beta.zip`; MongoStore-style stores open
    // `RemoteAuth-beta.zip` relative to the cwd. Recorded as whatsapp-web.js behaves.
    await assert.rejects(auth.storeRemoteSession({ emit: true }), (err) => err.code === 'ENOENT' && err.path === 'RemoteAuth-beta.zip');
    assert.deepEqual(emitted, []);
    assert.equal(await store.sessionExists({ session: 'RemoteAuth-beta' }), false);
    assert.deepEqual(fs.readdirSync(cwd), []);
});
