'use strict';
// `npm run demo:pool` (examples/demo-pool.js) does what the README says: three accounts linked on
// three workers, the worker of one killed with SIGKILL, that account ready again on another
// worker without a QR, a call from a third worker, a clean shutdown; nothing left running.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { chromiumPidsUnder } = require('./helpers');

test('the pool demo kills a worker and its account comes back elsewhere without a QR', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'examples', 'demo-pool.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150000);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, out);
    const killed = /killing (w\d) \(it runs bob\) with SIGKILL/.exec(out);
    assert.ok(killed, out);
    const back = /bob is ready again on (w\d), (\d+) ms after the kill, without a QR/.exec(out);
    assert.ok(back, out);
    assert.notEqual(back[1], killed[1]);
    const qrsOfBob = out.split('\n').filter((line) => line.includes('bob: QR shown'));
    assert.equal(qrsOfBob.length, 1, 'bob was linked by QR once, before the kill');
    assert.match(out, /asked bob's new worker to send a message: "bob is back"/);
    assert.deepEqual(chromiumPidsUnder('wwrs-demo-pool-'), [], 'no Chromium of the demo left');
});
