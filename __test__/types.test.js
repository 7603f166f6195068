'use strict';
// Type-level drop-in check: __test__/types/program.ts, a program written against whatsapp-web.js's
// own types (login events, client options, the three auth strategies, a RemoteAuth Store, the
// session methods and constants), must compile with `tsc --noEmit --strict` both as it is and with
// its import changed to 'whatsapp-web-rs'. The whatsapp-web.js build proves the program is right;
// the whatsapp-web-rs build fails with the errors that say what our index.d.ts lacks.
//
// tsc is the project's `typescript` (a devDependency); TSC=/path/to/bin/tsc overrides it.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
// The login and session layer, and the bot after `ready` (messages, chats, contacts).
const PROGRAMS = ['program.ts', 'messages.ts', 'polls.ts', 'calls-profile.ts', 'group-admin.ts', 'chat-actions.ts', 'ids-vcards.ts', 'message-actions.ts', 'scheduled-events.ts', 'labels.ts'].map((name) => path.join(__dirname, 'types', name));
const WWEBJS = path.dirname(require.resolve('whatsapp-web.js/package.json', { paths: [ROOT] }));
const { tscPath, makeProject, tsc } = require('./typescript');

for (const program of PROGRAMS) test(`${path.basename(program)} compiles against whatsapp-web.js's types and against whatsapp-web-rs's`, async (t) => {
    const tscBin = tscPath();
    assert.ok(tscBin, 'typescript is not installed: npm install (it is a devDependency)');
    const version = require(path.join(path.dirname(tscBin), '..', 'package.json')).version;
    t.diagnostic(`tsc ${version} (${tscBin})`);

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-types-'));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const results = {};
    await Promise.all(
        ['whatsapp-web.js', 'whatsapp-web-rs'].map(async (name) => {
            const dir = path.join(tmp, name);
            fs.mkdirSync(dir);
            // Both package names map to the real folders, so neither needs installing by that name.
            makeProject(dir, name, {
                program,
                skipLibCheck: name === 'whatsapp-web.js',
                paths: { 'whatsapp-web.js': [WWEBJS], 'whatsapp-web-rs': [ROOT] },
            });
            results[name] = await tsc(tscBin, dir);
        }),
    );
    // whatsapp-web.js first: if the program does not compile against its own types, the program
    // is wrong, not our index.d.ts.
    assert.equal(results['whatsapp-web.js'].code, 0, `against whatsapp-web.js:\n${results['whatsapp-web.js'].output}`);
    assert.equal(results['whatsapp-web-rs'].code, 0, `against whatsapp-web-rs (index.d.ts):\n${results['whatsapp-web-rs'].output}`);
});
