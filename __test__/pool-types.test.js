'use strict';
// The session pool's types (lib/pool/index.d.ts): a worker program as an application writes it
// (__test__/types-pool/pool.ts) compiles with `tsc --strict`, importing 'whatsapp-web-rs/pool'.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { tscPath, makeProject, tsc } = require('./typescript');

const ROOT = path.join(__dirname, '..');

test('a pool worker program compiles against lib/pool/index.d.ts', async () => {
    const tscBin = tscPath();
    assert.ok(tscBin, 'typescript is not installed: npm install (it is a devDependency)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-pool-types-'));
    try {
        makeProject(dir, 'whatsapp-web-rs/pool', {
            programs: [path.join(__dirname, 'types-pool', 'pool.ts')],
            paths: { 'whatsapp-web-rs/pool': [path.join(ROOT, 'lib', 'pool')], 'whatsapp-web-rs': [ROOT] },
        });
        const { code, output } = await tsc(tscBin, dir);
        assert.equal(code, 0, output);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
