'use strict';
// Compiling __test__/types/program.ts (a whatsapp-web.js user's program) with
// the project's TypeScript: shared by types.test.js (against both packages'
// folders) and install.test.js (against the package installed by name).
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PROGRAM = path.join(__dirname, 'types', 'program.ts');

/** tsc is the project's `typescript` (a devDependency); TSC=/path/to/bin/tsc overrides it. */
function tscPath() {
    if (process.env.TSC) return process.env.TSC;
    try {
        return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    } catch {
        return null;
    }
}

// A temporary project in `dir`: the programs (program.ts unless told) importing `moduleName`, and
// its tsconfig. `paths` maps package names to folders; without it `moduleName`
// resolves from dir/node_modules as for any app.
function makeProject(dir, moduleName, { skipLibCheck = false, paths, programs = [PROGRAM] } = {}) {
    // Each program keeps its file name, so tsc's errors say which one they are in.
    const files = programs.map((program) => {
        const source = fs.readFileSync(program, 'utf8');
        const rewritten = source.replace(/from 'whatsapp-web\.js';/, `from '${moduleName}';`);
        assert.match(rewritten, new RegExp(`from '${moduleName.replace(/\./g, '\\.')}';`), `the import of ${path.basename(program)} was rewritten`);
        fs.writeFileSync(path.join(dir, path.basename(program)), rewritten);
        return path.basename(program);
    });
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
            // An app has its own @types/node; this checkout's saves installing one.
            types: ['node'],
            typeRoots: [path.join(ROOT, 'node_modules', '@types')],
            ...(paths ? { paths } : {}),
        },
        files,
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

function tsc(tscBin, dir, env = process.env) {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [tscBin, '-p', path.join(dir, 'tsconfig.json'), '--noEmit', '--strict', '--pretty', 'false'],
            { cwd: dir, env, timeout: 120000, maxBuffer: 16 << 20 },
            (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() }),
        );
    });
}

module.exports = { tscPath, makeProject, tsc };
