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
// TAP goes to the terminal as it happens; a spec report goes to a file whose
// "failing tests" part (with each error and its stack) is printed last, so the
// tail of a CI log says why a test failed, not only which one.
const specReport = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'wwrs-test-report-')), 'spec.txt');
const nodeOk = step(process.execPath, [
  '--test',
  '--test-concurrency=1',
  '--test-timeout=180000',
  '--test-reporter=tap',
  '--test-reporter-destination=stdout',
  '--test-reporter=spec',
  `--test-reporter-destination=${specReport}`,
  ...files,
]);
if (!nodeOk) {
  const report = fs.existsSync(specReport) ? fs.readFileSync(specReport, 'utf8') : '';
  const failures = report.slice(Math.max(0, report.lastIndexOf('failing tests:')));
  const lines = failures.split('\n');
  console.log(`\n[test] why the failing tests failed:\n${lines.slice(0, 400).join('\n')}${lines.length > 400 ? `\n[test] ... ${lines.length - 400} more lines in ${specReport}` : ''}`);
}
if (nodeOk) fs.rmSync(path.dirname(specReport), { recursive: true, force: true });
process.exit(rustOk && nodeOk ? 0 : 1);
