'use strict';
// Type-level drop-in check: __test__/types/*.ts, programs written against whatsapp-web.js's
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
// Every program in __test__/types/: the login and session layer (program.ts) and the bot after
// `ready`, one program per feature area.
const PROGRAMS = fs
    .readdirSync(path.join(__dirname, 'types'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(__dirname, 'types', name));
const WWEBJS = path.dirname(require.resolve('whatsapp-web.js/package.json', { paths: [ROOT] }));
const { tscPath, makeProject, tsc } = require('./typescript');
const PACKAGES = ['whatsapp-web.js', 'whatsapp-web-rs'];

// One tsc run per package for all the programs (each run type-checks the packages' declarations
// once; a run per program took minutes on a busy 2-core machine), then a test per program.
let compiled;
function compileAll() {
    compiled ??= (async () => {
        const tscBin = tscPath();
        assert.ok(tscBin, 'typescript is not installed: npm install (it is a devDependency)');
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-types-'));
        try {
            const results = {};
            await Promise.all(
                PACKAGES.map(async (name) => {
                    const dir = path.join(tmp, name);
                    fs.mkdirSync(dir);
                    // Both package names map to the real folders, so neither needs installing by that name.
                    makeProject(dir, name, {
                        programs: PROGRAMS,
                        skipLibCheck: name === 'whatsapp-web.js',
                        paths: { 'whatsapp-web.js': [WWEBJS], 'whatsapp-web-rs': [ROOT] },
                    });
                    results[name] = await tsc(tscBin, dir);
                }),
            );
            const version = require(path.join(path.dirname(tscBin), '..', 'package.json')).version;
            return { results, version, tscBin };
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    })();
    return compiled;
}

// tsc's errors (`file(line,col): error TS…`) in `file`, and those in no program (a declaration file).
function errorsOf(output, file) {
    const errors = output.split('\n').filter((line) => /\): error TS\d+/.test(line) || /^error TS\d+/.test(line));
    const inProgram = (line) => PROGRAMS.some((p) => line.startsWith(`${path.basename(p)}(`));
    return errors.filter((line) => line.startsWith(`${file}(`) || !inProgram(line));
}

test('the type programs in __test__/types/ are found', () => {
    assert.ok(PROGRAMS.length >= 9, PROGRAMS.join(', '));
    assert.ok(PROGRAMS.some((p) => p.endsWith('program.ts')));
});

for (const program of PROGRAMS) {
    test(`${path.basename(program)} compiles against whatsapp-web.js's types and against whatsapp-web-rs's`, async (t) => {
        const { results, version, tscBin } = await compileAll();
        t.diagnostic(`tsc ${version} (${tscBin})`);
        const file = path.basename(program);
        // whatsapp-web.js first: if the program does not compile against its own types, the program
        // is wrong, not our index.d.ts.
        for (const name of PACKAGES) {
            const { code, output } = results[name];
            const errors = errorsOf(output, file);
            const against = name === 'whatsapp-web.js' ? 'against whatsapp-web.js' : 'against whatsapp-web-rs (index.d.ts)';
            assert.deepEqual(errors, [], `${against}:\n${errors.join('\n')}`);
            // A failed run with no error lines at all (tsc crashed, timed out) fails every program.
            if (code !== 0) assert.ok(/error TS\d+/.test(output), `${against}: tsc failed without errors:\n${output}`);
        }
    });
}
