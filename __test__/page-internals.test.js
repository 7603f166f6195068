'use strict';
// src/page/internals.json is the one table of WhatsApp Web internals and the features
// each carries (getPageSupport(), the warning after ready and the docs all read it):
// every internal a page function looks up through need() must be in it, and
// docs/page-internals.md must list every one. No browser: the sources are read.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { internals } = require('../src/page/internals.json');

function pageSources(dir = path.join(root, 'src', 'page')) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...pageSources(full));
    else if (entry.name.endsWith('.js')) files.push(full);
  }
  return files;
}

// `need('Module', 'a', 'b.c')` → Module.a, Module.b.c (or Module alone).
function needCalls(source) {
  const calls = [];
  for (const match of source.matchAll(/\bneed\(\s*'([\w$]+)'((?:\s*,\s*'[\w$.]+')*)\s*\)/g)) {
    const members = [...match[2].matchAll(/'([\w$.]+)'/g)].map((m) => m[1]);
    calls.push({ module: match[1], members });
  }
  return calls;
}

const tableNames = new Set();
for (const row of internals) {
  for (const member of row.members) tableNames.add(`${row.module}.${member.replace(/\(\)$/, '')}`);
}

test('every internal a page function needs is in the table', () => {
  let count = 0;
  for (const file of pageSources()) {
    if (file.endsWith('need.js')) continue;
    const source = fs.readFileSync(file, 'utf8');
    for (const { module, members } of needCalls(source)) {
      count += 1;
      if (members.length === 0) {
        assert.ok(internals.some((row) => row.module === module), `${path.relative(root, file)}: need('${module}') is not in src/page/internals.json`);
      }
      for (const member of members) {
        assert.ok(tableNames.has(`${module}.${member}`), `${path.relative(root, file)}: ${module}.${member} is not in src/page/internals.json`);
      }
    }
    // Nothing is required around need(): a missing module would not be named.
    const direct = source.replace(/^\s*\/\/.*$/gm, '').match(/window\.require\(\s*'([\w$]+)'/g) || [];
    if (!file.endsWith('bootstrap.js') && !file.endsWith('page_support.js')) {
      assert.deepEqual(direct, [], `${path.relative(root, file)} requires modules without need()`);
    }
  }
  assert.ok(count > 60, `only ${count} need() calls found`);
});

test('the table is well formed, and the QR internals are exactly those that gate the login', () => {
  for (const row of internals) {
    assert.match(row.module, /^[\w$]+$/);
    assert.ok(Array.isArray(row.members) && row.members.length > 0, row.module);
    assert.ok(Array.isArray(row.features) && row.features.length > 0, row.module);
  }
  const login = internals.filter((row) => row.login).map((row) => row.module).sort();
  assert.deepEqual(login, [
    'Debug',
    'WABase64',
    'WAWebCompanionRegClientUtils',
    'WAWebConnModel',
    'WAWebSignalStoreApi',
    'WAWebSocketModel',
    'WAWebUserPrefsInfoStore',
    'WAWebUserPrefsMultiDevice',
  ]);
  // bootstrap.js waits for the same modules (less Debug, which it reads directly).
  const bootstrap = fs.readFileSync(path.join(root, 'src', 'page', 'bootstrap.js'), 'utf8');
  const waited = [...bootstrap.match(/const MODULES = \[([\s\S]*?)\]/)[1].matchAll(/'([\w$]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(waited, login.filter((m) => m !== 'Debug'));
});

test('docs/page-internals.md lists every internal of the table', () => {
  const docs = fs.readFileSync(path.join(root, 'docs', 'page-internals.md'), 'utf8');
  const missing = [...tableNames].filter((name) => !docs.includes(name));
  assert.deepEqual(missing, [], 'internals the docs do not list');
});
