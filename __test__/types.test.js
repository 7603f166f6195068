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
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
// The login and session layer, and the bot after `ready` (messages, chats, contacts).
const PROGRAMS = ['program.ts', 'messages.ts'].map((name) => path.join(__dirname, 'types', name));
const WWEBJS = path.dirname(require.resolve('whatsapp-web.js/package.json', { paths: [ROOT] }));

function tscPath() {
    if (process.env.TSC) return process.env.TSC;
    try {
        return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    } catch {
        return null;
    }
}

// A temporary project: program.ts importing `moduleName`, and a tsconfig mapping both package
// names to the real folders (so neither needs to be installed under node_modules by that name).
function makeProject(dir, program, moduleName, { skipLibCheck }) {
    const source = fs.readFileSync(program, 'utf8');
    const rewritten = source.replace(/from 'whatsapp-web\.js';/, `from '${moduleName}';`);
    assert.match(rewritten, new RegExp(`from '${moduleName.replace(/\./g, '\\.')}';`), 'the import was rewritten');
    fs.writeFileSync(path.join(dir, 'program.ts'), rewritten);
    const tsconfig = {
        compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            // node16 works the same with TypeScript 5 and 6 (6 deprecates node10 resolution).
            module: 'node16',
            moduleResolution: 'node16',
            // whatsapp-web.js's index.d.ts does not check on its own (it imports node-fetch and
            // InterfaceController, which have no types, and puppeteer 24 no longer exports
            // PuppeteerNodeLaunchOptions), so its build skips declaration files; ours is checked
            // too.
            skipLibCheck,
            types: ['node'],
            typeRoots: [path.join(ROOT, 'node_modules', '@types')],
            paths: {
                'whatsapp-web.js': [WWEBJS],
                'whatsapp-web-rs': [ROOT],
            },
        },
        files: ['program.ts'],
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

function tsc(tscBin, dir) {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [tscBin, '-p', path.join(dir, 'tsconfig.json'), '--noEmit', '--strict', '--pretty', 'false'],
            { cwd: dir, timeout: 120000, maxBuffer: 16 << 20 },
            (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() }),
        );
    });
}

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
            makeProject(dir, program, name, { skipLibCheck: name === 'whatsapp-web.js' });
            results[name] = await tsc(tscBin, dir);
        }),
    );
    // whatsapp-web.js first: if the program does not compile against its own types, the program
    // is wrong, not our index.d.ts.
    assert.equal(results['whatsapp-web.js'].code, 0, `against whatsapp-web.js:\n${results['whatsapp-web.js'].output}`);
    assert.equal(results['whatsapp-web-rs'].code, 0, `against whatsapp-web-rs (index.d.ts):\n${results['whatsapp-web-rs'].output}`);
});
