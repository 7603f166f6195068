'use strict';
// whatsapp-web.js's options and lifecycle calls, each shown by its effect.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { LocalAuth } = require('..');
const { TEST_ROOT, setup, waitFor, recordEvents, chromiumPidsUnder, showQr, loginByQr } = require('./helpers');

const pairDisplays = (sim) => sim.events.filter((e) => e.type === 'pair-success').map((e) => e.display);

test('deviceName and browserName set the device the phone shows and the display a code request sends', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client({ deviceName: 'TestBox', browserName: 'Firefox' });
    await showQr(client);
    await client.requestPairingCode('15551234567');
    assert.equal(ctx.sim.events.find((e) => e.type === 'companion-hello').display, 'Firefox (TestBox)');
    const fresh = waitFor(client, 'qr');
    await client.cancelPairingCode();
    const ready = waitFor(client, 'ready');
    assert.equal((await ctx.sim.phone.scan(await fresh)).ok, true);
    await ready;
    assert.deepEqual(pairDisplays(ctx.sim), ['Firefox (TestBox)'], 'the phone shows the device by that name');
  } finally {
    await ctx.close();
  }
});

test('the default user agent is whatsapp-web.js\'s; userAgent: false keeps Chromium\'s own', async () => {
  const ctx = await setup();
  try {
    await loginByQr(ctx, ctx.client());
    await loginByQr(ctx, ctx.client({ userAgent: false }));
    await loginByQr(ctx, ctx.client({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0' }));
    assert.deepEqual(pairDisplays(ctx.sim), ['Chrome (Mac OS)', 'Chrome (Linux)', 'Edge (Windows)']);
  } finally {
    await ctx.close();
  }
});

test('evalOnNewDoc runs before WhatsApp Web\'s own scripts', async () => {
  const ctx = await setup();
  try {
    // The page derives the device display from navigator.userAgent at load time.
    const client = ctx.client({
      evalOnNewDoc: () => {
        Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0' });
      },
    });
    await loginByQr(ctx, client);
    assert.deepEqual(pairDisplays(ctx.sim), ['Firefox (Linux)']);
  } finally {
    await ctx.close();
  }
});

test('webVersionCache local: the page is saved after login and served from the cache next time; strict refuses a missing version', async () => {
  const ctx = await setup();
  const cache = fs.mkdtempSync(path.join(TEST_ROOT, 'web-cache-'));
  try {
    await loginByQr(ctx, ctx.client({ webVersionCache: { type: 'local', path: cache } }));
    const saved = path.join(cache, '2.3000.1017054665.html');
    // Saved right after ready, in the background.
    for (let i = 0; i < 100 && !fs.existsSync(saved); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(saved), 'saved under <path>/<version>.html');
    assert.match(fs.readFileSync(saved, 'utf8'), /login simulator/);

    const served = () => ctx.sim.events.filter((e) => e.type === 'page-served').length;
    const before = served();
    const second = ctx.client({ webVersionCache: { type: 'local', path: cache } });
    await showQr(second);
    assert.equal(served(), before, 'the page came from the cache, not the server');

    const strict = ctx.client({ webVersionCache: { type: 'local', path: path.join(cache, 'missing'), strict: true } });
    await assert.rejects(strict.initialize(), { code: 'ERR_WEB_VERSION' });
    const none = ctx.client({ webVersionCache: { type: 'none' } });
    await showQr(none);
    assert.equal(served(), before + 1, "'none' always loads the live page");
  } finally {
    await ctx.close();
  }
});

test('webVersionCache remote: the page is fetched from remotePath with {version} replaced', async () => {
  const ctx = await setup();
  const http = require('http');
  // A mirror of the page, as the community's web version mirrors hold WhatsApp Web's HTML.
  const html = await (await fetch(ctx.sim.httpUrl)).text();
  const asked = [];
  const mirror = http.createServer((req, res) => {
    asked.push(req.url);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise((r) => mirror.listen(0, '127.0.0.1', r));
  try {
    const before = ctx.sim.events.filter((e) => e.type === 'page-served').length;
    const client = ctx.client({ webVersion: '2.3000.42', webVersionCache: { type: 'remote', remotePath: `http://127.0.0.1:${mirror.address().port}/{version}.html` } });
    await showQr(client);
    assert.deepEqual(asked, ['/2.3000.42.html']);
    assert.equal(ctx.sim.events.filter((e) => e.type === 'page-served').length, before);
  } finally {
    await ctx.close();
    mirror.close();
  }
});

test('logout(): disconnected LOGOUT, the browser closes and the LocalAuth session is gone', async () => {
  const ctx = await setup();
  const dataPath = path.join(TEST_ROOT, 'logout-auth');
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'out', dataPath }) });
    await loginByQr(ctx, client);
    const disconnected = waitFor(client, 'disconnected');
    await client.logout();
    assert.equal(await disconnected, 'LOGOUT');
    assert.ok(!fs.existsSync(path.join(dataPath, 'session-out')), 'session folder removed');
    assert.deepEqual(chromiumPidsUnder(dataPath), []);
    assert.ok(ctx.sim.events.some((e) => e.type === 'logout'), 'WhatsApp was told');
    // A fresh start needs a new login.
    const again = ctx.client({ authStrategy: new LocalAuth({ clientId: 'out', dataPath }) });
    const qr = waitFor(again, 'qr');
    await again.initialize();
    assert.match(await qr, /^2@/);
  } finally {
    await ctx.close();
  }
});

test('resetState() reconnects and change_state reports each state after ready', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    await loginByQr(ctx, client);
    const states = [];
    client.on('change_state', (s) => states.push(s));
    const connected = waitFor(client, 'change_state', 10000, (s) => s === 'CONNECTED');
    await client.resetState();
    await connected;
    assert.deepEqual(states.slice(-3), ['OPENING', 'PAIRING', 'CONNECTED']);
    assert.equal(await client.getState(), 'CONNECTED');
  } finally {
    await ctx.close();
  }
});

test('a saved session the server no longer accepts: auth_failure, then a fresh QR login', async () => {
  const ctx = await setup();
  const dataPath = path.join(TEST_ROOT, 'refused-auth');
  try {
    const first = ctx.client({ authStrategy: new LocalAuth({ clientId: 'r', dataPath }) });
    await loginByQr(ctx, first);
    await first.destroy();
    assert.ok(ctx.sim.forgetSessions() >= 1);
    const second = ctx.client({ authStrategy: new LocalAuth({ clientId: 'r', dataPath }) });
    const log = recordEvents(second, ['auth_failure', 'qr', 'ready']);
    await showQr(second);
    assert.equal(log[0].name, 'auth_failure');
    assert.match(log[0].args[0], /saved session/);
    const ready = waitFor(second, 'ready');
    assert.equal((await ctx.sim.phone.scan(log.find((e) => e.name === 'qr').args[0])).ok, true);
    await ready;
  } finally {
    await ctx.close();
  }
});

test('conflict: disconnected CONFLICT by default; takeoverOnConflict takes the session back', async () => {
  const ctx = await setup();
  try {
    const plain = ctx.client();
    await loginByQr(ctx, plain);
    const disconnected = waitFor(plain, 'disconnected');
    ctx.sim.conflict();
    assert.equal(await disconnected, 'CONFLICT');
    await plain.destroy();

    const keeper = ctx.client({ takeoverOnConflict: true, takeoverTimeoutMs: 100 });
    await loginByQr(ctx, keeper);
    const log = recordEvents(keeper, ['change_state', 'disconnected']);
    const back = waitFor(keeper, 'change_state', 10000, (s) => s === 'CONNECTED');
    ctx.sim.conflict();
    await back;
    assert.deepEqual(log.map((e) => e.args[0]).slice(0, 1), ['CONFLICT']);
    assert.ok(!log.some((e) => e.name === 'disconnected'), 'not disconnected');
    assert.equal(await keeper.getState(), 'CONNECTED');
  } finally {
    await ctx.close();
  }
});

test('logged out from the phone: disconnected LOGOUT, then a fresh QR', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    await loginByQr(ctx, client);
    const disconnected = waitFor(client, 'disconnected');
    const qr = waitFor(client, 'qr', 15000);
    ctx.sim.logoutFromPhone();
    assert.equal(await disconnected, 'LOGOUT');
    assert.match(await qr, /^2@/);
  } finally {
    await ctx.close();
  }
});

test('browserWSEndpoint attaches to a running Chromium and leaves it running on destroy()', async () => {
  const ctx = await setup();
  const { launchChromium, makeProfileDir, removeProfileDir } = require('../simulator/chromium');
  const profile = makeProfileDir();
  const browser = await launchChromium({ sim: ctx.sim, userDataDir: profile });
  try {
    const client = ctx.client({ puppeteer: { browserWSEndpoint: browser.wsEndpoint() } });
    await loginByQr(ctx, client);
    await client.destroy();
    assert.ok(browser.connected, 'the remote browser still runs');
    // Targets, not pages: puppeteer's page objects trip over a page another client just closed.
    for (let i = 0; i < 50 && browser.targets().some((t) => t.url().startsWith('https://web.whatsapp.com/')); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(!browser.targets().some((t) => t.url().startsWith('https://web.whatsapp.com/')), 'our page was closed');
  } finally {
    await browser.close().catch(() => {});
    await removeProfileDir(profile);
    await ctx.close();
  }
});

test('proxyAuthentication answers the proxy\'s challenge', async () => {
  const ctx = await setup();
  // A CONNECT proxy on loopback that wants Basic credentials.
  const seen = [];
  const proxy = net.createServer((socket) => {
    // Chromium may reset a connection it was refused on (407) before our end() completes.
    socket.on('error', () => {});
    socket.once('data', (head) => {
      const text = head.toString('latin1');
      const auth = /proxy-authorization: basic (\S+)/i.exec(text);
      const target = /^CONNECT (\S+):(\d+)/.exec(text);
      seen.push(auth ? Buffer.from(auth[1], 'base64').toString() : null);
      if (!auth || Buffer.from(auth[1], 'base64').toString() !== 'user:secret' || !target) {
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // web.whatsapp.com is the simulator here (the host rule does not apply behind a proxy).
      const upstream = net.connect(ctx.sim.httpsPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  try {
    const client = ctx.client({
      proxyAuthentication: { username: 'user', password: 'secret' },
      puppeteer: { args: [`--proxy-server=http://127.0.0.1:${proxy.address().port}`, '--proxy-bypass-list=<-loopback>'] },
    });
    await loginByQr(ctx, client);
    assert.ok(seen.includes('user:secret'), 'the proxy got the credentials');
  } finally {
    await ctx.close();
    proxy.close();
  }
});

test('options whatsapp-web.js has but that have no effect yet are accepted, and still type-checked', () => {
  const { Client } = require('..');
  assert.doesNotThrow(() => new Client({ ffmpegPath: '/usr/bin/ffmpeg', webVersion: '2.3000.1', takeoverTimeoutMs: 5 }));
  assert.throws(() => new Client({ ffmpegPath: 5 }), { code: 'ERR_INVALID_OPTION', message: /ffmpegPath/ });
});

test('defaultViewport sets the page size; null (the default) keeps the window', async () => {
  const ctx = await setup();
  try {
    const sized = ctx.client({ puppeteer: { defaultViewport: { width: 1111, height: 777 } } });
    await showQr(sized);
    const plain = ctx.client();
    await showQr(plain);
    const viewports = ctx.sim.events.filter((e) => e.type === 'hello').map((e) => e.viewport);
    assert.deepEqual(viewports[0], { width: 1111, height: 777 });
    assert.notDeepEqual(viewports[1], { width: 1111, height: 777 });
  } finally {
    await ctx.close();
  }
});

test('bypassCSP lets page code do what the page\'s Content-Security-Policy forbids', async () => {
  const ctx = await setup({ pageCsp: "script-src 'self'" });
  // Runs in every document: once the page is parsed it adds an inline script, which the page's
  // CSP (script-src 'self') forbids unless bypassed. The device display the phone records is read
  // from navigator.userAgent at pairing time: Firefox if the inline script ran, Chrome if not.
  const probe = () => {
    Object.defineProperty(navigator, 'userAgent', {
      get: () =>
        window.__inlineScriptRan
          ? 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0'
          : 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    });
    document.addEventListener('DOMContentLoaded', () => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineScriptRan = true;';
      document.head.appendChild(inline);
    });
  };
  try {
    await loginByQr(ctx, ctx.client({ evalOnNewDoc: probe }));
    await loginByQr(ctx, ctx.client({ evalOnNewDoc: probe, bypassCSP: true }));
    assert.deepEqual(pairDisplays(ctx.sim), ['Chrome (Linux)', 'Firefox (Linux)']);
  } finally {
    await ctx.close();
  }
});
