'use strict';
// What a user's machine is exposed to: the simulator's control API and
// socket refuse web pages, and a program that exits without destroy()
// leaves no Chromium profile (its session data) behind in TMPDIR.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');
const WebSocket = require('ws');
const { startSimulator } = require('../simulator');
const { TEST_ROOT, chromiumPidsUnder, killAllUnder } = require('./helpers');

/** One raw request to the simulator's HTTP port; resolves with { status, body }. */
function request(sim, { method = 'GET', path: p = '/_sim/state', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sim.httpPort, method, path: p, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the simulator control API refuses foreign Host, foreign Origin and non-JSON POSTs', async () => {
  const sim = await startSimulator();
  try {
    const scan = (headers, body = '{"qr":"2@x"}') => request(sim, { method: 'POST', path: '/_sim/phone/scan', headers, body });
    // The request of the issue: a rebound name, a foreign page, a "simple" cross-site body.
    let r = await scan({ host: 'attacker.example', origin: 'https://attacker.example', 'content-type': 'text/plain' });
    assert.equal(r.status, 403);
    r = await scan({ host: 'attacker.example', 'content-type': 'application/json' });
    assert.equal(r.status, 403, 'DNS rebinding: Host is not this machine');
    r = await scan({ origin: 'https://attacker.example', 'content-type': 'application/json' });
    assert.equal(r.status, 403, 'a foreign Origin');
    r = await scan({ origin: 'null', 'content-type': 'application/json' });
    assert.equal(r.status, 403, 'an opaque origin');
    r = await scan({ 'content-type': 'text/plain' });
    assert.equal(r.status, 415, 'a body that is not JSON');
    r = await request(sim, { headers: { host: 'attacker.example' } });
    assert.equal(r.status, 403, 'reads too: the state names sessions');
    assert.ok(!sim.events.some((e) => e.type === 'scan'), 'nothing reached the phone');
    // This machine's own tools keep working.
    r = await scan({ 'content-type': 'application/json' });
    assert.equal(r.status, 200);
    r = await scan({ host: `localhost:${sim.httpPort}`, origin: `http://127.0.0.1:${sim.httpPort}`, 'content-type': 'application/json; charset=utf-8' });
    assert.equal(r.status, 200);
    r = await request(sim, { path: '/_sim/state' });
    assert.equal(r.status, 200);
  } finally {
    await sim.close();
  }
});

test("every simulator route checks Host and Origin; malformed /_media/ uploads get a 4xx and the simulator goes on", async (t) => {
  const sim = await startSimulator({ maxMediaBytes: 1024, maxMediaTotalBytes: 2048 });
  t.after(() => sim.close());
  const alive = async () => assert.equal((await request(sim)).status, 200, 'the simulator answers the next request');
  const upload = (headers, body = 'x') => request(sim, { method: 'POST', path: '/_media/upload', headers, body });
  const page = { host: 'web.whatsapp.com', origin: 'https://web.whatsapp.com' };

  // The request of the issue, which ended the simulator: a plain-text body with no x-filename.
  let r = await upload({ 'content-type': 'text/plain;charset=UTF-8' }, 'hello');
  assert.equal(r.status, 415);
  await alive();
  // What else a cross-site form (or a no-cors fetch) can send without a preflight.
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN']) {
    assert.equal((await upload({ ...page, 'content-type': type }, 'a=b')).status, 415, type);
  }
  assert.equal((await upload({ ...page }, 'no type')).status, 415, 'no content-type');
  assert.equal((await upload({ ...page, 'content-type': 'not a type' })).status, 415);
  // Malformed names and sizes.
  for (const name of ['%E0%A4%A', '%', '%00evil', encodeURIComponent('x'.repeat(300))]) {
    r = await upload({ ...page, 'content-type': 'image/png', 'x-filename': name });
    assert.equal(r.status, 400, `x-filename ${name.slice(0, 20)}`);
    assert.match(JSON.parse(r.body).error, /x-filename/);
    await alive();
  }
  assert.equal((await upload({ ...page, 'content-type': 'image/png' }, Buffer.alloc(2000))).status, 413, 'declared over maxMediaBytes');
  await alive();
  // Over the cap without a declared length (chunked): cut while reading.
  r = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sim.httpPort, method: 'POST', path: '/_media/upload', headers: { ...page, 'content-type': 'image/png', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', reject);
    req.write(Buffer.alloc(800));
    req.end(Buffer.alloc(800));
  });
  assert.equal(r.status, 413, 'streamed over maxMediaBytes');
  await alive();
  r = await request(sim, { path: '//[' });
  assert.equal(r.status, 400, 'a request path that is no URL');
  await alive();
  await new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: sim.httpPort, path: '//[', headers: { connection: 'upgrade', upgrade: 'websocket' } });
    req.on('error', resolve);
    req.on('response', resolve);
    req.end();
  });
  await alive();
  assert.equal((await request(sim, { method: 'PUT', path: '/_media/upload', headers: page })).status, 405);
  assert.equal((await request(sim, { method: 'DELETE', path: '/_media/v/x', headers: page })).status, 405);

  // A foreign Host (DNS rebinding) or Origin is refused on every route, the page's included.
  const png = { 'content-type': 'image/png', 'x-filename': 'a.png' };
  assert.equal((await upload({ ...png, host: 'attacker.example', origin: 'http://attacker.example' })).status, 403);
  assert.equal((await upload({ ...png, origin: 'https://attacker.example' })).status, 403);
  assert.equal((await upload({ ...png, host: 'web.whatsapp.com', origin: 'http://web.whatsapp.com' })).status, 403, 'not https');
  for (const path of ['/', '/app.js', '/account.js', '/_media/v/t62.7118-24/x', '/favicon.ico', '/_sim/state']) {
    assert.equal((await request(sim, { path, headers: { host: 'attacker.example' } })).status, 403, path);
    assert.equal((await request(sim, { path, headers: { host: 'web.whatsapp.com.attacker.example' } })).status, 403, path);
    assert.equal((await request(sim, { path, headers: { host: `evil@127.0.0.1:${sim.httpPort}` } })).status, 403, `${path}: user info in Host`);
  }
  assert.ok(!sim.events.some((e) => e.type === 'media-uploaded'), 'nothing was kept');

  // The page's own uploads work, a text file included (with x-filename); the file comes back.
  r = await upload({ ...page, 'content-type': 'text/plain', 'x-filename': encodeURIComponent('notes é.txt') }, 'a'.repeat(1000));
  assert.equal(r.status, 200);
  const up = JSON.parse(r.body);
  assert.equal(up.filename, 'notes é.txt');
  const back = await request(sim, { path: `/_media${up.directPath}`, headers: { host: 'web.whatsapp.com' } });
  assert.equal(back.body, 'a'.repeat(1000));
  r = await upload({ ...page, 'content-type': 'image/png', 'x-filename': '' }, Buffer.alloc(1000));
  assert.equal(r.status, 200, 'an empty x-filename is no name');
  assert.equal(JSON.parse(r.body).filename, null);
  // maxMediaTotalBytes: 2000 of 2048 are kept; one more file does not fit.
  r = await upload({ ...page, 'content-type': 'image/png', 'x-filename': '' }, Buffer.alloc(100));
  assert.equal(r.status, 413);
  assert.match(JSON.parse(r.body).error, /maxMediaTotalBytes/);
  await alive();
  await assert.rejects(startSimulator({ maxMediaBytes: 4096, maxMediaTotalBytes: 1024 }), /maxMediaTotalBytes/);
});

test("the simulator's WebSocket refuses foreign origins and accepts WhatsApp Web's", async () => {
  const sim = await startSimulator();
  const open = (options) =>
    new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${sim.httpPort}/ws`, options);
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve('error'));
    });
  try {
    assert.equal(await open({ origin: 'https://attacker.example' }), 403);
    assert.equal(await open({ headers: { host: 'attacker.example' } }), 403);
    assert.equal(await open({ origin: 'https://web.whatsapp.com', headers: { host: 'web.whatsapp.com' } }), 'open');
    assert.equal(await open({}), 'open', 'a local tool without an Origin');
  } finally {
    await sim.close();
  }
});

/** Runs exit-child.js in `mode` with its own TMPDIR; resolves when it has exited. */
function runChild(mode, tmpdir, { killAtQr = false } = {}) {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'exit-child.js'), mode], {
    cwd: tmpdir,
    env: { ...process.env, TMPDIR: tmpdir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'QR' && killAtQr) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${mode} child did not exit`));
    }, 60000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(child.pid);
    });
  });
}

const profileFolders = (dir) => fs.readdirSync(dir).filter((f) => f.startsWith('whatsapp-web-rs-'));

test('a process that exits without destroy() leaves no profile behind; one killed outright is swept at the next start', async () => {
  const tmpdir = fs.mkdtempSync(path.join(TEST_ROOT, 'exit-'));
  try {
    // SIGKILL: nothing can run at exit. Chromium dies with it (PDEATHSIG); its folder stays...
    const killed = await runChild('hang', tmpdir, { killAtQr: true });
    for (let i = 0; i < 100 && chromiumPidsUnder(tmpdir).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(profileFolders(tmpdir), [`whatsapp-web-rs-${killed}`]);
    // ...until the next process makes a profile: the dead one's folder is swept.
    await runChild('exit', tmpdir);
    assert.deepEqual(profileFolders(tmpdir), [], 'process.exit() without destroy(): nothing left, the stale folder swept');
    await runChild('throw', tmpdir);
    assert.deepEqual(profileFolders(tmpdir), [], 'an uncaught error: nothing left');
    assert.deepEqual(chromiumPidsUnder(tmpdir), [], 'no Chromium left');
  } finally {
    killAllUnder(tmpdir);
  }
});

test('destroy() while Chromium is starting cancels the start, kills what was started and resolves', async () => {
  const dir = fs.mkdtempSync(path.join(TEST_ROOT, 'slow-start-'));
  // A "browser" that starts and never opens its DevTools port (the launch timeout is 30 s).
  const fake = path.join(dir, 'chromium');
  fs.writeFileSync(fake, `#!/bin/sh\necho $$ > "${dir}/pid"\nexec sleep 300\n`, { mode: 0o755 });
  const { Client } = require('..');
  const client = new Client({ puppeteer: { executablePath: fake }, webVersionCache: { type: 'none' } });
  const init = client.initialize().then(
    () => 'resolved',
    (e) => e.code
  );
  const pidFile = path.join(dir, 'pid');
  for (let i = 0; i < 400 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  const started = Date.now();
  await client.destroy();
  const took = Date.now() - started;
  assert.ok(took < 15000, `destroy() waited ${took} ms: the start was not cancelled`);
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the started process is gone');
  assert.ok(['resolved', 'ERR_CLIENT_DESTROYED'].includes(await init));
});

test('a page flooding its callback binding is cut to a bounded rate and the client keeps working', async () => {
  const { setup, loginByQr, waitFor } = require('./helpers');
  const ctx = await setup();
  try {
    // After login, a script in the page calls the binding 100,000 times at once
    // (a harmless socket state, which a ready client reports as change_state),
    // then, once the rate allows again, one marker.
    const evalOnNewDoc = `const poll = setInterval(() => {
      let me = null;
      try { me = window.require('WAWebUserPrefsMeUser').getMaybeMePnUser(); } catch (_) {}
      if (!me) return;
      clearInterval(poll);
      setTimeout(() => {
        const big = JSON.stringify({ t: 'state', v: 'OPENING', pad: 'x'.repeat(20000) });
        for (let i = 0; i < 1000; i++) window.__wwrs_binding(big);
        for (let i = 0; i < 100000; i++) window.__wwrs_binding('{"t":"state","v":"OPENING"}');
        setTimeout(() => window.__wwrs_binding('{"t":"state","v":"TIMEOUT"}'), 3000);
      }, 500);
    }, 100);`;
    const client = ctx.client({ evalOnNewDoc });
    const states = [];
    client.on('change_state', (s) => states.push(s));
    await loginByQr(ctx, client);
    await waitFor(client, 'change_state', 120000, (s) => s === 'TIMEOUT');
    const flood = states.filter((s) => s === 'OPENING').length;
    assert.ok(flood > 0, 'the flood reached the client at all');
    assert.ok(flood < 50000, `${flood} of 100,000 flooded callbacks became events`);
    assert.equal(await client.getWWebVersion(), '2.3000.1017054665', 'the client still answers');
    console.log(`# ${flood} of 100,000 flooded callbacks became events`);
  } finally {
    await ctx.close();
  }
});
