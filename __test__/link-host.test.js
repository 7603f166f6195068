'use strict';
// The linking server answers only its own names: a page that rebinds its
// name to 127.0.0.1 (DNS rebinding) sends a matching Host and Origin, and
// must be refused on every route without anything changing. And "Start
// again" cannot end a linked account or a login under way. A stand-in
// client keeps this free of Chromium: what is checked is the HTTP layer and
// which calls reach the client.
const test = require('node:test');
const assert = require('node:assert/strict');
const EventEmitter = require('events');
const http = require('http');
const { createLinkServer } = require('../lib/link/server');

// The clients the server made, and every call that reached them.
function standIn() {
  const made = [];
  class StandInClient extends EventEmitter {
    calls = [];
    destroyed = false;
    constructor() {
      super();
      made.push(this);
    }
    initialize() {
      this.calls.push('initialize');
      setImmediate(() => this.emit('qr', '2@ref'));
      return Promise.resolve();
    }
    requestPairingCode(phone) {
      this.calls.push(`requestPairingCode ${phone}`);
      return Promise.resolve('ABCD1234');
    }
    cancelPairingCode() {
      this.calls.push('cancelPairingCode');
      return Promise.resolve();
    }
    destroy() {
      this.destroyed = true;
      return Promise.resolve();
    }
  }
  return { Client: StandInClient, made };
}

const renderQr = async (text) => `<svg>${text}</svg>`;

/** One request with the headers exactly as given (Host included); resolves { status, headers, body }. */
function raw(url, { method = 'GET', path = '/', headers = {}, body } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, setHost: !('host' in headers) }, (res) => {
      // An event stream that was (wrongly) opened never ends: read its first chunk only.
      let data = '';
      res.setEncoding('utf8');
      const done = () => {
        let json = null;
        try {
          json = JSON.parse(data);
        } catch {}
        resolve({ status: res.statusCode, headers: res.headers, body: data, json });
      };
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.once('data', (c) => {
          data += c;
          res.destroy();
          done();
        });
        return;
      }
      res.on('data', (c) => (data += c));
      res.on('end', done);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function started(t, options = {}) {
  const { Client, made } = standIn();
  const link = createLinkServer({ Client, renderQr, ...options });
  t.after(() => link.close());
  const url = await link.listen(0);
  link.addAccount('alice');
  await new Promise((resolve) => made[0].once('qr', () => setImmediate(resolve)));
  return { link, url, made, port: new URL(url).port };
}

test('allowedHosts is checked, and listen() on a host that is not loopback requires it', async (t) => {
  for (const bad of ['link.example.com', [42], ['http://link.example.com'], ['link.example.com/x'], [''], ['a@127.0.0.1'], ['link.example.com:99999']]) {
    assert.throws(() => createLinkServer({ allowedHosts: bad, renderQr }), (e) => e instanceof TypeError && e.code === 'ERR_INVALID_OPTION' && /allowedHosts/.test(e.message), JSON.stringify(bad));
  }
  const open = createLinkServer({ renderQr });
  t.after(() => open.close());
  for (const host of ['0.0.0.0', '::', '192.0.2.1', 'link.example.com']) {
    assert.throws(() => open.listen(0, host), (e) => e.code === 'ERR_ALLOWED_HOSTS_REQUIRED' && /allowedHosts/.test(e.message), host);
  }
  // Loopback needs nothing; with allowedHosts any address may be bound.
  assert.match(await open.listen(0, 'localhost'), /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/);
  const listed = createLinkServer({ renderQr, allowedHosts: ['link.example.com'] });
  t.after(() => listed.close());
  assert.match(await listed.listen(0, '0.0.0.0'), /^http:\/\/0\.0\.0\.0:\d+$/);
});

test('a foreign Host with a matching Origin is refused on every route, and nothing changes', async (t) => {
  const { link, url, made, port } = await started(t);
  const before = JSON.stringify(link.accounts());
  const foreign = [`attacker.example:${port}`, 'attacker.example', `127.0.0.1.attacker.example:${port}`, `evil@127.0.0.1:${port}`, `127.0.0.1:${port}/x`, ''];
  const routes = [
    ['GET', '/'],
    ['GET', '/assets/page.js'],
    ['GET', '/assets/page.css'],
    ['GET', '/accounts/alice'],
    ['GET', '/accounts/alice/'],
    ['GET', '/api/accounts'],
    ['POST', '/api/accounts', { account: 'mallory' }],
    ['GET', '/api/accounts/alice'],
    ['GET', '/api/accounts/alice/events'],
    ['POST', '/api/accounts/alice/code', { phone: '15551234567' }],
    ['POST', '/api/accounts/alice/qr', {}],
    ['POST', '/api/accounts/alice/restart', {}],
    ['DELETE', '/api/accounts/alice'],
  ];
  for (const host of foreign) {
    for (const [method, path, body] of routes) {
      const r = await raw(url, {
        method,
        path,
        headers: { host, origin: `http://${host}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body && JSON.stringify(body),
      });
      assert.equal(r.status, 421, `${method} ${path} as ${host}`);
      assert.equal(r.json && r.json.error.code, 'ERR_HOST_NOT_ALLOWED', `${method} ${path} as ${host}: a JSON error`);
    }
  }
  assert.equal(JSON.stringify(link.accounts()), before, 'the account list is unchanged');
  assert.equal(made.length, 1, 'no client was started');
  assert.deepEqual(made[0].calls, ['initialize'], 'no code was requested, nothing was cancelled');
  assert.equal(made[0].destroyed, false);
  assert.equal(link.client('alice'), made[0]);

  // This machine's names work, whatever their case, with the Origin check as before.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, '127.1.2.3', `[::1]:${port}`]) {
    const r = await raw(url, { path: '/api/accounts', headers: { host } });
    assert.equal(r.status, 200, host);
    assert.deepEqual(r.json.accounts.map((a) => a.account), ['alice']);
  }
  const cross = await raw(url, { method: 'POST', path: '/api/accounts', headers: { host: `127.0.0.1:${port}`, origin: 'http://attacker.example', 'content-type': 'application/json' }, body: '{"account":"mallory"}' });
  assert.equal(cross.status, 403);
  assert.equal(cross.json.error.code, 'ERR_CROSS_ORIGIN');
  const unreadable = await raw(url, { path: '//[', headers: { host: `localhost:${port}` } });
  assert.equal(unreadable.status, 400);
  assert.equal(unreadable.json.error.code, 'ERR_BAD_PATH');
  const stream = await raw(url, { path: '/api/accounts/alice/events', headers: { host: `localhost:${port}` } });
  assert.equal(stream.status, 200);
  assert.match(stream.body, /^event: state\ndata: \{"account":"alice","phase":"qr"/);
});

test('allowedHosts: a listed name is answered, case-insensitively, on any port or the listed one', async (t) => {
  const { url, port, made } = await started(t, { allowedHosts: ['Link.Example.com', 'pinned.example:8443'] });
  const get = (host) => raw(url, { path: '/api/accounts', headers: { host } });
  assert.equal((await get(`link.example.com:${port}`)).status, 200);
  assert.equal((await get('LINK.EXAMPLE.COM')).status, 200);
  assert.equal((await get('pinned.example:8443')).status, 200);
  assert.equal((await get('pinned.example:8444')).status, 421);
  assert.equal((await get('pinned.example')).status, 421);
  assert.equal((await get('other.example.com')).status, 421);
  const code = await raw(url, {
    method: 'POST',
    path: '/api/accounts/alice/code',
    headers: { host: 'link.example.com', origin: 'http://link.example.com', 'content-type': 'application/json' },
    body: '{"phone":"15551234567"}',
  });
  assert.equal(code.status, 200);
  assert.deepEqual(made[0].calls, ['initialize', 'requestPairingCode 15551234567']);
});

test('mounted under basePath in an application server: its routes check the Host, the application keeps its own', async (t) => {
  const { Client, made } = standIn();
  const link = createLinkServer({ Client, renderQr, basePath: '/link' });
  const server = http.createServer((req, res) => link.handler(req, res, () => res.end('the app')));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    await link.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const host = 'attacker.example';
  for (const path of ['/link', '/link/', '/link/assets/page.js', '/link/api/accounts']) {
    const r = await raw(url, { path, headers: { host } });
    assert.equal(r.status, 421, path);
    assert.equal(r.json.error.code, 'ERR_HOST_NOT_ALLOWED');
  }
  const add = await raw(url, { method: 'POST', path: '/link/api/accounts', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' }, body: '{"account":"mallory"}' });
  assert.equal(add.status, 421);
  assert.deepEqual(link.accounts(), []);
  assert.equal(made.length, 0);
  assert.equal((await raw(url, { path: '/elsewhere', headers: { host } })).body, 'the app', "the application's paths are its own business");
});

test('"Start again" only after a login ended: on a linked or a linking account it is 409 and nothing happens', async (t) => {
  const { link, url, made, port } = await started(t);
  const restart = () =>
    raw(url, { method: 'POST', path: '/api/accounts/alice/restart', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, body: '{}' });

  let r = await restart();
  assert.equal(r.status, 409, 'while the QR is shown');
  assert.equal(r.json.error.code, 'ERR_ACCOUNT_NOT_ENDED');
  assert.equal(link.accounts()[0].phase, 'qr');

  const owner = made[0];
  owner.info = { wid: { _serialized: '15551230000@c.us' }, pushname: 'Owner' };
  owner.emit('authenticated');
  r = await restart();
  assert.equal(r.status, 409, 'while linking');
  owner.emit('ready');
  assert.equal(link.accounts()[0].phase, 'ready');
  r = await restart();
  assert.equal(r.status, 409, 'once linked');
  assert.equal(r.json.error.code, 'ERR_ACCOUNT_NOT_ENDED');
  assert.match(r.json.error.message, /linked/);
  assert.equal(owner.destroyed, false, "the owner's session was not ended");
  assert.equal(made.length, 1, 'no other client was started');
  assert.equal(link.client('alice'), owner);
  assert.equal(link.accounts()[0].wid, '15551230000@c.us');

  // Once the session ended, Start again gives a fresh client.
  owner.emit('disconnected', 'LOGOUT');
  assert.equal(link.accounts()[0].phase, 'disconnected');
  r = await restart();
  assert.equal(r.status, 200);
  assert.equal(made.length, 2);
  assert.equal(link.client('alice'), made[1]);
});
