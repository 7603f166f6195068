#!/usr/bin/env node
'use strict';
// The whole suite: the Rust unit tests (state machine, options, auth, phone
// numbers; no browser), then the Node tests in __test__/ (real Chromium
// against the bundled simulator, and whatsapp-web.js against it too).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const step = (cmd, args) => {
  console.log(`\n[test] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  return r.status === 0;
};

const only = process.argv.slice(2);
const files = only.length
  ? only
  : fs.readdirSync(path.join(root, '__test__')).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join('__test__', f));

const rustOk = only.length ? true : step('cargo', ['test', '--lib', '--quiet']);
// One file at a time: each starts browsers, and the machines have two cores.
const nodeOk = step(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=180000', ...files]);
process.exit(rustOk && nodeOk ? 0 : 1);
