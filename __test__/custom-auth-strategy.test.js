'use strict';
// Custom auth strategies: a subclass of AuthStrategy written for whatsapp-web.js runs
// unchanged. Its hooks are called at whatsapp-web.js's moments, awaited, with the same
// arguments (src/session/machine/strategy.rs, lib/auth/custom.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { setup, waitFor, recordEvents, loginByQr, showQr, chromiumPidsUnder, TEST_ROOT } = require('./helpers');
const { AuthStrategy, BaseAuthStrategy } = require('..');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

/** Records each hook call (name and arguments) in order; `answers` overrides hooks. Built over
 * either package's base class, so the same strategy runs in whatsapp-web.js too. */
const recordingOver = (Base) => class RecordingAuth extends Base {
  constructor(answers = {}) {
    super();
    this.calls = [];
    this.answers = answers;
  }
  record(name, args) {
    this.calls.push({ name, args: [...args] });
    return this.answers[name] ? this.answers[name].apply(this, args) : undefined;
  }
  setup(client) {
    super.setup(client);
    this.record('setup', [client]);
  }
  async beforeBrowserInitialized(...args) {
    return this.record('beforeBrowserInitialized', args);
  }
  async afterBrowserInitialized(...args) {
    return this.record('afterBrowserInitialized', args);
  }
  async onAuthenticationNeeded(...args) {
    const answer = this.record('onAuthenticationNeeded', args);
    return answer || { failed: false, restart: false, failureEventPayload: undefined };
  }
  async getAuthEventPayload(...args) {
    const answer = this.record('getAuthEventPayload', args);
    return answer === undefined ? { by: 'RecordingAuth' } : answer;
  }
  async afterAuthReady(...args) {
    return this.record('afterAuthReady', args);
  }
  async disconnect(...args) {
    return this.record('disconnect', args);
  }
  async destroy(...args) {
    return this.record('destroy', args);
  }
  async logout(...args) {
    return this.record('logout', args);
  }
};
const RecordingAuth = recordingOver(AuthStrategy);

/** Keeps the Chromium profile in its own folder, as whatsapp-web.js's LocalAuth does. */
class FolderAuth extends AuthStrategy {
  constructor(folder) {
    super();
    this.folder = folder;
  }
  async beforeBrowserInitialized() {
    this.client.options.puppeteer = { ...this.client.options.puppeteer, userDataDir: this.folder };
  }
}

const names = (strategy) => strategy.calls.map((c) => c.name);

test('AuthStrategy is exported (also as BaseAuthStrategy) with whatsapp-web.js default hooks', async () => {
  assert.equal(AuthStrategy, BaseAuthStrategy);
  const plain = new (class extends AuthStrategy {})();
  assert.deepEqual(await plain.onAuthenticationNeeded(), { failed: false, restart: false, failureEventPayload: undefined });
  assert.equal(await plain.getAuthEventPayload(), undefined);
});

test('a recording strategy sees every hook, in whatsapp-web.js order and with its arguments, through QR login, ready, logout', async () => {
  const ctx = await setup();
  try {
    const strategy = new RecordingAuth();
    const client = ctx.client({ authStrategy: strategy });
    assert.equal(strategy.client, client, 'setup(client) sets this.client');
    assert.deepEqual(names(strategy), ['setup']);
    assert.equal(strategy.calls[0].args[0], client);

    const log = recordEvents(client, ['qr', 'authenticated', 'ready', 'disconnected']);
    const afterReady = new Promise((resolve) => {
      strategy.answers.afterAuthReady = resolve;
    });
    await loginByQr(ctx, client);
    await afterReady;
    assert.deepEqual(names(strategy), ['setup', 'beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'getAuthEventPayload', 'afterAuthReady']);
    for (const call of strategy.calls.slice(1)) assert.deepEqual(call.args, [], `${call.name}() takes no arguments`);
    const authenticated = log.find((e) => e.name === 'authenticated');
    assert.deepEqual(authenticated.args, [{ by: 'RecordingAuth' }], 'getAuthEventPayload() is the argument of authenticated');
    const order = log.map((e) => e.name).filter((n) => n !== 'qr');
    assert.deepEqual(order, ['authenticated', 'ready']);

    await client.logout();
    assert.deepEqual(names(strategy).slice(6), ['logout'], 'logout() hook once, after the logout');
    await client.destroy();
    assert.deepEqual(names(strategy).slice(7), ['destroy']);
  } finally {
    await ctx.close();
  }
});

test('a strategy keeping its own userDataDir: the session survives a restart, no QR the second time', async () => {
  const ctx = await setup();
  const folder = path.join(TEST_ROOT, 'custom-profile');
  try {
    const first = ctx.client({ authStrategy: new FolderAuth(folder) });
    await loginByQr(ctx, first);
    assert.ok(chromiumPidsUnder(folder).length > 0, 'Chromium runs with the strategy folder as its profile');
    await first.destroy();
    assert.ok(fs.existsSync(path.join(folder, 'Default')), 'the profile stays in the folder');
    assert.equal((fs.statSync(folder).mode & 0o777).toString(8), '700', 'private, as the built-in strategies keep it');

    const second = ctx.client({ authStrategy: new FolderAuth(folder) });
    const log = recordEvents(second);
    const ready = waitFor(second, 'ready');
    await second.initialize();
    await ready;
    assert.equal(log.filter((e) => e.name === 'qr').length, 0);
    assert.equal(second.info.wid._serialized, '15550100001@c.us');
  } finally {
    await ctx.close();
  }
});

test('onAuthenticationNeeded() failing: auth_failure with its payload, initialize() settles, destroy() hook, no Chromium left', async () => {
  const ctx = await setup();
  try {
    const payload = { reason: 'no saved session in the vault' };
    const strategy = new RecordingAuth({ onAuthenticationNeeded: () => ({ failed: true, failureEventPayload: payload }) });
    const client = ctx.client({ authStrategy: strategy });
    const log = recordEvents(client, ['qr', 'auth_failure', 'ready']);
    await client.initialize();
    assert.deepEqual(log.map((e) => e.name), ['auth_failure']);
    assert.equal(log[0].args[0], payload, 'the payload object itself');
    assert.deepEqual(names(strategy), ['setup', 'beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'destroy']);
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    await ctx.close();
  }
});

test('onAuthenticationNeeded() answering restart: destroyed and initialized again, as whatsapp-web.js', async () => {
  const ctx = await setup();
  try {
    let asked = 0;
    const strategy = new RecordingAuth({ onAuthenticationNeeded: () => (++asked === 1 ? { failed: true, restart: true, failureEventPayload: 'retry' } : undefined) });
    const client = ctx.client({ authStrategy: strategy });
    const failures = recordEvents(client, ['auth_failure']);
    await loginByQr(ctx, client);
    assert.deepEqual(failures.map((e) => e.args[0]), ['retry']);
    assert.deepEqual(names(strategy).slice(0, 9), ['setup', 'beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'destroy', 'beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'getAuthEventPayload']);
  } finally {
    await ctx.close();
  }
});

for (const hook of ['beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded']) {
  test(`a throwing ${hook}(): initialize() rejects with ERR_AUTH_STRATEGY, no Chromium left`, async () => {
    const ctx = await setup();
    try {
      const strategy = new RecordingAuth({
        [hook]: () => {
          throw new Error('vault unreachable');
        },
      });
      const client = ctx.client({ authStrategy: strategy });
      const qrs = recordEvents(client, ['qr']);
      await assert.rejects(client.initialize(), (err) => {
        assert.equal(err.code, 'ERR_AUTH_STRATEGY');
        assert.match(err.message, new RegExp(`${hook}\\(\\) threw: vault unreachable`));
        return true;
      });
      assert.equal(qrs.length, 0);
      assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
    } finally {
      await ctx.close();
    }
  });
}

test('an onAuthenticationNeeded() that never answers: ERR_AUTH_STRATEGY naming it after authTimeoutMs, no Chromium left', async () => {
  const ctx = await setup();
  try {
    const strategy = new RecordingAuth({ onAuthenticationNeeded: () => new Promise(() => {}) });
    const client = ctx.client({ authStrategy: strategy, authTimeoutMs: 8000 });
    await assert.rejects(client.initialize(), (err) => {
      assert.equal(err.code, 'ERR_AUTH_STRATEGY');
      assert.match(err.message, /onAuthenticationNeeded\(\) did not answer within 8000 ms/);
      return true;
    });
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    await ctx.close();
  }
});

test('a conflict calls disconnect() before disconnected; a logout from the phone calls logout() after it', async () => {
  const ctx = await setup();
  try {
    const strategy = new RecordingAuth();
    const client = ctx.client({ authStrategy: strategy });
    await loginByQr(ctx, client);
    const atEvent = [];
    client.on('disconnected', (reason) => atEvent.push([reason, names(strategy).filter((n) => n === 'disconnect' || n === 'logout')]));
    const disconnected = waitFor(client, 'disconnected');
    ctx.sim.conflict();
    assert.equal(await disconnected, 'CONFLICT');
    assert.deepEqual(atEvent, [['CONFLICT', ['disconnect']]]);

    const second = new RecordingAuth();
    const other = ctx.client({ authStrategy: second });
    await loginByQr(ctx, other);
    const loggedOut = waitFor(other, 'disconnected');
    ctx.sim.logoutFromPhone();
    assert.equal(await loggedOut, 'LOGOUT');
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(names(second).includes('logout'), 'logout() after the phone removed the device');
    assert.ok(!names(second).includes('disconnect'));
  } finally {
    await ctx.close();
  }
});

test('whatsapp-web.js itself calls the same recording strategy in the same order through QR login and ready', async (t) => {
  const WwebjsBase = require('whatsapp-web.js/src/authStrategies/BaseAuthStrategy');
  const { sim, client } = await wwebjsOnSimulator(t);
  const strategy = new (recordingOver(WwebjsBase))();
  client.authStrategy = strategy;
  strategy.setup(client);
  const afterReady = new Promise((resolve) => {
    strategy.answers.afterAuthReady = resolve;
  });
  const authenticated = waitFor(client, 'authenticated');
  await wwebjsLogin(sim, client);
  assert.deepEqual(await authenticated, { by: 'RecordingAuth' });
  await afterReady;
  assert.deepEqual(names(strategy), ['setup', 'beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'getAuthEventPayload', 'afterAuthReady']);
  for (const call of strategy.calls.slice(1)) assert.deepEqual(call.args, []);
});
