'use strict';
// ES module consumers: `import { Client, LocalAuth, Events } from 'whatsapp-web-rs'`. index.mjs
// re-exports the CommonJS module by name (Node cannot see Events, WAState, … in index.js on its own:
// its `...constants` spread hides them from the CommonJS export scanner). This file is CommonJS so
// that scripts/test.js (which runs `*.test.js`) picks it up; the ESM side is in
// fixtures/esm-consumer.mjs and in a generated package consumer, loaded with import().

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..');
const cjs = require('..');

function tempDir(t, prefix) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
}

// Chromium processes whose command line names `dir` (there must be none: nothing is started).
function chromiumUsing(dir) {
    return fs
        .readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .filter((pid) => {
            try {
                const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
                return cmd.includes(dir) && /chrom/i.test(cmd);
            } catch {
                return false;
            }
        });
}

test('index.mjs: every export of the CommonJS module, by name, the very same objects', async () => {
    const esm = await import(pathToFileURL(path.join(ROOT, 'index.mjs')).href);
    const named = Object.keys(esm).filter((k) => k !== 'default').sort();
    assert.deepEqual(named, Object.keys(cjs).sort(), 'index.mjs re-exports exactly what index.js exports');
    for (const key of named) assert.equal(esm[key], cjs[key], `${key} is the CommonJS object itself`);
    assert.equal(esm.default, cjs);
});

test('an ES module program imports Client, LocalAuth and Events and constructs a client without starting a browser', async (t) => {
    const dataPath = tempDir(t, 'wwrs-esm-');
    const consumer = await import(pathToFileURL(path.join(__dirname, 'fixtures', 'esm-consumer.mjs')).href);
    const facts = await consumer.construct(dataPath);
    assert.deepEqual(facts, {
        isEmitter: true,
        strategy: true,
        clientId: 'esm',
        qrMaxRetries: 2,
        seen: ['test-qr'],
        info: undefined,
        state: null,
        noAuth: true,
        remoteAuth: 'function',
        events: ['qr', 'auth_failure', 'ready'],
        states: ['CONFLICT', 'UNPAIRED'],
        status: 3,
        authTimeoutMs: 0,
        url: 'https://web.whatsapp.com/',
    });
    assert.deepEqual(chromiumUsing(dataPath), [], 'no browser was started');
    // A class from `import` is the class from `require`.
    assert.equal(consumer.namespace.Client, cjs.Client);
    assert.equal(consumer.wwrs, cjs);
});

test("import { Client, LocalAuth, Events } from 'whatsapp-web-rs' (package exports)", async (t) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    if (!pkg.exports) {
        // Until package.json has the exports map, a bare import reaches index.js, where Node finds
        // no `Events`: recorded as to-do, not as a failure.
        t.todo('package.json has no "exports" map sending `import` to ./index.mjs yet');
    }
    // An application folder with whatsapp-web-rs installed (a link to this checkout).
    const app = tempDir(t, 'wwrs-esm-app-');
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'whatsapp-web-rs'), 'dir');
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'esm-app', type: 'module', private: true }));
    fs.writeFileSync(
        path.join(app, 'main.js'),
        [
            "import { Client, LocalAuth, Events } from 'whatsapp-web-rs';",
            "import { createRequire } from 'node:module';",
            'const require = createRequire(import.meta.url);',
            "export const same = Client === require('whatsapp-web-rs').Client;",
            "export const client = new Client({ authStrategy: new LocalAuth({ clientId: 'app', dataPath: new URL('./auth', import.meta.url).pathname }) });",
            'export const qrEvent = Events.QR_RECEIVED;',
        ].join('\n'),
    );
    const mod = await import(pathToFileURL(path.join(app, 'main.js')).href);
    assert.equal(mod.same, true, 'import and require give the same Client');
    assert.ok(mod.client instanceof cjs.Client);
    assert.equal(mod.qrEvent, 'qr');
    await mod.client.destroy();
    assert.deepEqual(chromiumUsing(app), []);
});
