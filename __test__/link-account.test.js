'use strict';
// The linking server's account lifecycle (lib/link/account.js) with a stand-in
// client, for the orderings a real browser makes rare: a QR still being drawn
// when the client moved on, a QR that cannot be drawn, the idle timeout.
const test = require('node:test');
const assert = require('node:assert/strict');
const EventEmitter = require('events');
const { Account } = require('../lib/link/account');

class StandInClient extends EventEmitter {
  destroyed = false;
  initialize() {
    return Promise.resolve();
  }
  destroy() {
    this.destroyed = true;
    return Promise.resolve();
  }
}

function account({ renderQr = async (text) => `<svg>${text}</svg>`, idleTimeoutMs = 60000 } = {}) {
  const clients = [];
  const acc = new Account('a', {
    renderQr,
    idleTimeoutMs,
    createClient: () => {
      const client = new StandInClient();
      clients.push(client);
      return client;
    },
  });
  return { acc, clients };
}

// The idle timer is unref'd (a server's socket keeps the process alive); here nothing else would.
const keepAlive = setInterval(() => {}, 1000);
test.after(() => clearInterval(keepAlive));

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a QR still being drawn when a code arrives is never shown over the code', async () => {
  let finish;
  const { acc, clients } = account({ renderQr: () => new Promise((resolve) => (finish = resolve)) });
  acc.start();
  clients[0].emit('qr', '2@ref,a,b,c,1');
  clients[0].emit('code', 'ABCD1234');
  finish('<svg>late</svg>');
  await tick();
  assert.equal(acc.state.phase, 'code');
  assert.equal(acc.state.code, 'ABCD1234');
  assert.equal(acc.state.qrSvg, undefined);
});

test('the newest QR wins when drawings finish out of order', async () => {
  const pending = [];
  const { acc, clients } = account({ renderQr: (text) => new Promise((resolve) => pending.push(() => resolve(`<svg>${text}</svg>`))) });
  acc.start();
  clients[0].emit('qr', 'first');
  clients[0].emit('qr', 'second');
  pending[1]();
  await tick();
  pending[0]();
  await tick();
  assert.equal(acc.state.qrSvg, '<svg>second</svg>');
});

test('a QR that cannot be drawn ends the login and frees the client', async () => {
  const { acc, clients } = account({ renderQr: () => Promise.reject(Object.assign(new Error('no'), { code: 'ERR_QR_RENDER' })) });
  acc.start();
  clients[0].emit('qr', 'x');
  await tick();
  assert.equal(acc.state.phase, 'failed');
  assert.equal(acc.state.error.code, 'ERR_QR_RENDER');
  assert.equal(clients[0].destroyed, true);
  assert.equal(acc.client, null);
});

test('an unwatched login stops after idleTimeoutMs; a watched or linked one does not', async () => {
  const { acc, clients } = account({ idleTimeoutMs: 50 });
  acc.start();
  acc.viewerAdded();
  clients[0].emit('qr', 'x');
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(clients[0].destroyed, false, 'watched: still running');
  const idle = new Promise((resolve) => acc.once('idle', resolve));
  acc.viewerRemoved();
  await idle;
  await tick();
  assert.equal(clients[0].destroyed, true);
  assert.equal(acc.state.phase, 'stopped');

  acc.viewerAdded(); // the page is opened again: a fresh login
  assert.equal(clients.length, 2);
  clients[1].info = { wid: { _serialized: '15550100001@c.us' }, pushname: 'Test Phone' };
  clients[1].emit('ready');
  acc.viewerRemoved();
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(clients[1].destroyed, false, 'a linked client is never stopped for idleness');
  assert.equal(acc.state.wid, '15550100001@c.us');
  await acc.remove();
  assert.equal(clients[1].destroyed, true, 'removal destroys it');
});

test('events of a client the account let go of are ignored', async () => {
  const { acc, clients } = account();
  acc.start();
  clients[0].emit('auth_failure', 'refused');
  await acc.restart();
  assert.equal(clients[0].destroyed, true);
  clients[0].emit('code', 'ZZZZ9999');
  clients[0].emit('disconnected', 'LOGOUT');
  assert.equal(acc.state.phase, 'starting', 'the old client changes nothing');
  assert.equal(acc.client, clients[1]);
  await acc.remove();
});

test('restart() acts only on an ended login; a running or linked one is left as it is', async () => {
  const { acc, clients } = account();
  acc.start();
  for (const phase of ['starting', 'ready']) {
    if (phase === 'ready') clients[0].emit('ready');
    assert.equal(acc.state.phase, phase);
    await assert.rejects(acc.restart(), { code: 'ERR_ACCOUNT_NOT_ENDED' });
    assert.equal(acc.state.phase, phase, 'nothing changed');
    assert.equal(clients.length, 1);
    assert.equal(clients[0].destroyed, false);
  }
  clients[0].emit('disconnected', 'LOGOUT');
  await acc.restart();
  assert.equal(clients.length, 2);
  await acc.stop();
  assert.equal(acc.state.phase, 'stopped');
  await acc.restart();
  assert.equal(clients.length, 3, 'an idle-stopped login may start again too');
  await acc.remove();
});
