'use strict';
// A page without some of WhatsApp Web's modules, as after an update that renamed them
// (the simulator's missingModules): the client still logs in unless the QR itself needs
// the module, the feature that needs it rejects with ERR_PAGE_CHANGED naming it,
// getPageSupport() lists exactly what is missing, and a process warning says so once.
// Here: the full page, a module the QR needs, and that every other module has a case in
// page-changes-cases.js (run by the page-changes-<group>.test.js files).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { LocalAuth } = require('..');
const { TEST_ROOT, setup, loginByQr, chromiumPidsUnder } = require('./helpers');
const { internals } = require('../src/page/internals.json');
const { CASES, pageWarnings } = require('./page-changes-cases');

const LOGIN_MODULES = new Set(internals.filter((row) => row.login).map((row) => row.module));

test('every module outside the QR is covered by a case in page-changes-cases.js', () => {
  const covered = new Set(Object.values(CASES).flat().map((c) => c.module));
  const modules = [...new Set(internals.map((row) => row.module))].filter((m) => !LOGIN_MODULES.has(m));
  // WAWebSocketModel and WAWebConnModel have members outside the QR, but the modules gate the login.
  assert.deepEqual(modules.filter((m) => !covered.has(m)), []);
});

describe('a page without one module', () => {
  let ctx;
  before(async () => {
    ctx = await setup();
  });
  after(() => ctx.close());

  test('a full page lacks nothing and warns about nothing', async () => {
    const warnings = pageWarnings();
    try {
      const client = ctx.client();
      await loginByQr(ctx, client);
      const support = await client.getPageSupport();
      assert.equal(support.version, await client.getWWebVersion());
      assert.deepEqual(support.missing, []);
      await client.getState(); // a round trip after the check that follows ready
      assert.deepEqual(warnings.seen, []);
      await client.destroy();
    } finally {
      warnings.stop();
    }
  });
});

test('a module the QR needs that stays missing ends initialize() with ERR_PAGE_CHANGED naming it, and closes Chromium', async () => {
  const ctx = await setup({ missingModules: ['WAWebConnModel'] });
  const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, 'login-module-'));
  try {
    // Far beyond the 30 s bound after the page's load: the error must be the page change, not the timeout.
    const client = ctx.client({ authStrategy: new LocalAuth({ dataPath }), authTimeoutMs: 150000 });
    const qrs = [];
    client.on('qr', (qr) => qrs.push(qr));
    await assert.rejects(client.initialize(), (error) => {
      assert.equal(error.code, 'ERR_PAGE_CHANGED', error.message);
      assert.match(error.message, /WAWebConnModel is not on the page/);
      return true;
    });
    assert.deepEqual(qrs, []);
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(dataPath), [], 'no Chromium left behind');
  } finally {
    await ctx.close();
  }
});

test('a page version that is not digits and dots logs in; getWWebVersion() and getPageSupport() give it', async () => {
  const ctx = await setup({ version: '2.3000.0-beta' });
  try {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-cache-'));
    const client = ctx.client({ webVersionCache: { type: 'local', path: cacheDir } });
    await loginByQr(ctx, client);
    assert.equal(await client.getWWebVersion(), '2.3000.0-beta');
    assert.equal((await client.getPageSupport()).version, '2.3000.0-beta');
    await client.destroy();
    assert.deepEqual(fs.readdirSync(cacheDir), [], 'no cache file named after it');
    fs.rmSync(cacheDir, { recursive: true, force: true });
  } finally {
    await ctx.close();
  }
});
