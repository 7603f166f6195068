'use strict';
// The web version cache handles data the page or a server controls: a
// version names a file only if it is digits and dots, and a remote page
// comes over https (or from this machine), within a timeout and a size cap,
// and never holds destroy() up.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const { execFileSync } = require('child_process');
const { Client } = require('..');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder, showQr, loginByQr } = require('./helpers');

const VERSION = '2.3000.1017054665';

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

test('a page that reports a traversing version writes nothing outside the cache folder', async () => {
  const ctx = await setup();
  const root = fs.mkdtempSync(path.join(TEST_ROOT, 'traversal-'));
  const cache = path.join(root, 'a', 'b', 'cache');
  try {
    // Any script in the page can call the binding; this one claims a version
    // that would name `<cache>/../../escaped.html`, right after the real one
    // was reported (the client took it then: the forged one only renames the save).
    const evalOnNewDoc = `const forge = setInterval(() => {
      if (!(window.Debug && window.Debug.VERSION)) return;
      clearInterval(forge);
      window.__wwrs_binding(JSON.stringify({ t: 'version', v: '../../escaped', hadSession: false }));
    }, 20);`;
    const client = ctx.client({ webVersionCache: { type: 'local', path: cache }, evalOnNewDoc });
    await loginByQr(ctx, client);
    const saved = path.join(cache, `${VERSION}.html`);
    // Saved in the background right after ready.
    for (let i = 0; i < 200 && !fs.existsSync(saved); i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(filesUnder(root), [path.join('a', 'b', 'cache', `${VERSION}.html`)], 'only the real version, inside the cache');
    assert.equal(await client.getWWebVersion(), VERSION, 'the forged version was ignored');
  } finally {
    await ctx.close();
  }
});

test('webVersion must be digits and dots (ERR_WEB_VERSION)', () => {
  for (const bad of ['../../x', '2.3000.1/../../etc', '2', 'latest', '2.3000.1.html']) {
    assert.throws(() => new Client({ webVersion: bad }), { name: 'TypeError', code: 'ERR_WEB_VERSION' }, bad);
  }
  assert.doesNotThrow(() => new Client({ webVersion: '2.3000.42', webVersionCache: { type: 'none' } }));
});

test('webVersionCache remote: plain http:// is refused unless the host is this machine', () => {
  assert.throws(() => new Client({ webVersionCache: { type: 'remote', remotePath: 'http://mirror.example/{version}.html' } }), {
    code: 'ERR_INVALID_OPTION',
    message: /webVersionCache\.remotePath.*https/,
  });
  assert.doesNotThrow(() => new Client({ webVersionCache: { type: 'remote', remotePath: 'https://mirror.example/{version}.html' } }));
  assert.doesNotThrow(() => new Client({ webVersionCache: { type: 'remote', remotePath: 'http://127.0.0.1:1/{version}.html' } }));
});

/** A mirror that sends headers and part of a body, then stalls (and counts the requests). */
async function stallingMirror() {
  const sockets = new Set();
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    server.emit('asked', req.url);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html>'.padEnd(64 << 10, ' '));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    server,
    requests,
    url: `http://127.0.0.1:${port}/{version}.html`,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

test('a remote cache that stalls: initialize() rejects within timeoutMs and destroy() resolves with no Chromium left', async () => {
  const ctx = await setup();
  const mirror = await stallingMirror();
  try {
    const client = ctx.client({ webVersionCache: { type: 'remote', remotePath: mirror.url, strict: true, timeoutMs: 2000 } });
    const started = Date.now();
    await assert.rejects(client.initialize(), { code: 'ERR_WEB_VERSION', message: /timeoutMs/ });
    const took = Date.now() - started;
    assert.ok(took < 15000, `rejected after ${took} ms`);
    await client.destroy();
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
    assert.deepEqual(mirror.requests, [`/${VERSION}.html`]);
  } finally {
    mirror.close();
    await ctx.close();
  }
});

test('destroy() during a stalled download cancels it and resolves at once, with no Chromium left', async () => {
  const ctx = await setup();
  const mirror = await stallingMirror();
  try {
    const client = ctx.client({ webVersionCache: { type: 'remote', remotePath: mirror.url, strict: true, timeoutMs: 600000 } });
    const asked = waitFor(mirror.server, 'asked');
    const init = client.initialize().then(
      () => 'resolved',
      (e) => e.code
    );
    await asked;
    await client.destroy();
    // initialize() interrupted by destroy() settles (it does not hang until the timeout).
    const settled = await init;
    assert.ok(['resolved', 'ERR_CLIENT_DESTROYED'].includes(settled), settled);
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), []);
  } finally {
    mirror.close();
    await ctx.close();
  }
});

test('a remote page above maxBytes is refused', async () => {
  const ctx = await setup();
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }); // no length: counted as it arrives
    res.end(Buffer.alloc(3 << 20, 0x20));
  });
  const port = await listen(server);
  try {
    const client = ctx.client({ webVersionCache: { type: 'remote', remotePath: `http://127.0.0.1:${port}/{version}.html`, strict: true, maxBytes: 1 << 20 } });
    await assert.rejects(client.initialize(), { code: 'ERR_WEB_VERSION', message: /maxBytes/ });
  } finally {
    server.close();
    await ctx.close();
  }
});

/** A CA and a certificate it signed for 127.0.0.1, made with openssl in `dir`. */
function makeCa(dir) {
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=wwrs test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '2', '-extfile', 'leaf.ext');
  return { ca: path.join(dir, 'ca.pem'), key: fs.readFileSync(path.join(dir, 'leaf.key')), cert: fs.readFileSync(path.join(dir, 'leaf.pem')) };
}

test('an https:// remote cache works when its certificate is trusted (NODE_EXTRA_CA_CERTS), and is refused when not', async () => {
  const ctx = await setup();
  const { ca, key, cert } = makeCa(fs.mkdtempSync(path.join(TEST_ROOT, 'ca-')));
  // The mirror holds the simulator's page, as web version mirrors hold WhatsApp Web's.
  const PAGE = await (await fetch(ctx.sim.httpUrl)).text();
  const asked = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    asked.push(req.url);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  const port = await listen(server);
  const remotePath = `https://127.0.0.1:${port}/{version}.html`;
  const before = process.env.NODE_EXTRA_CA_CERTS;
  try {
    delete process.env.NODE_EXTRA_CA_CERTS;
    const untrusted = ctx.client({ webVersionCache: { type: 'remote', remotePath, strict: true } });
    await assert.rejects(untrusted.initialize(), { code: 'ERR_WEB_VERSION', message: /certificate|UnknownIssuer/i });
    assert.deepEqual(asked, [], 'nothing was asked over an untrusted connection');

    process.env.NODE_EXTRA_CA_CERTS = ca;
    const served = ctx.sim.events.filter((e) => e.type === 'page-served').length;
    const client = ctx.client({ webVersion: '2.3000.43', webVersionCache: { type: 'remote', remotePath, strict: true } });
    await showQr(client);
    assert.deepEqual(asked, ['/2.3000.43.html']);
    assert.equal(ctx.sim.events.filter((e) => e.type === 'page-served').length, served, 'the page came from the https mirror');
  } finally {
    if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = before;
    server.close();
    await ctx.close();
  }
});

test('puppeteer.browserURL still attaches: the HTTP client chromiumoxide builds finds the TLS provider installed', async () => {
  const ctx = await setup();
  const { launchChromium, makeProfileDir, removeProfileDir } = require('../simulator/chromium');
  const profile = makeProfileDir();
  const browser = await launchChromium({ sim: ctx.sim, userDataDir: profile });
  try {
    const browserURL = `http://${new URL(browser.wsEndpoint()).host}`;
    await showQr(ctx.client({ puppeteer: { browserURL } }));
  } finally {
    await ctx.close();
    await browser.close().catch(() => {});
    await removeProfileDir(profile);
  }
});
