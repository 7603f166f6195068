'use strict';
// The Chromium a client launches has no DevTools endpoint for anybody else:
// it is driven over --remote-debugging-pipe, so a process of another user
// (here: `nobody`) that scans the machine's loopback ports finds nothing of
// it, while client.pupPage (puppeteer through the addon's relay) still works.
// A control run with a port the user asked for shows that the same scan does
// find an endpoint when there is one.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { execFile } = require('child_process');
const { TEST_ROOT, setup, chromiumPidsUnder, loginByQr, showQr } = require('./helpers');

const NOBODY = 65534;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const SKIP = asRoot ? false : 'needs root, to run the scan as another user';

// Run as `nobody` with `node -e`: every loopback port in LISTEN state (from
// /proc/net/tcp and tcp6, which any user may read), and which of them answer
// as a DevTools endpoint (/json/version with a webSocketDebuggerUrl), with the
// page URLs its /json/list shows.
const SCANNER = `
const fs = require('fs');
const http = require('http');
const ports = new Set();
for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { continue; }
  for (const line of text.trim().split('\\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\\s+/);
    const [addr, port] = local.split(':');
    const loopback = addr === '0100007F' || addr === '00000000' || addr === '00000000000000000000000001000000' || addr === '00000000000000000000000000000000';
    if (state === '0A' && loopback) ports.add(parseInt(port, 16));
  }
}
const get = (port, path) => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path, timeout: 1500 }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { if (body.length < 1 << 20) body += c; });
    res.on('end', () => resolve(body));
  });
  req.on('timeout', () => req.destroy());
  req.on('error', () => resolve(null));
});
(async () => {
  const found = [];
  for (const port of ports) {
    const version = await get(port, '/json/version');
    let parsed = null;
    try { parsed = JSON.parse(version); } catch {}
    if (!parsed || !parsed.webSocketDebuggerUrl) continue;
    let pages = [];
    try { pages = JSON.parse(await get(port, '/json/list')).map((t) => t.url); } catch {}
    found.push({ port, pages });
  }
  process.stdout.write(JSON.stringify({ uid: process.getuid(), ports: [...ports], found }));
})();
`;

function scanAsNobody() {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', SCANNER], { uid: NOBODY, gid: NOBODY, cwd: '/', timeout: 60000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`scanner failed: ${error.message} ${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

/** Loopback ports the processes `pids` listen on (read as root from their fds). */
function listeningPortsOf(pids) {
  const inodes = new Set();
  for (const pid of pids) {
    let fds = [];
    try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9])) ports.push(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return ports;
}

/**
 * The endpoints the scan found that belong to `pids`. Other processes on the
 * machine (another test's whatsapp-web.js, whose puppeteer opens a port) may
 * show a WhatsApp Web page too: only ours count.
 */
function endpointsOf(pids, scan) {
  const ours = new Set(listeningPortsOf(pids));
  return scan.found.filter((f) => ours.has(f.port));
}

function browserCommandLines(pids) {
  return pids
    .map((pid) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { return []; } })
    // Chromium's children rewrite their argv into one string: match on the whole line.
    .filter((argv) => argv[0] && !argv.join(' ').includes('--type='));
}

test('a logged-in client: its Chromium listens on no port, another user finds no DevTools endpoint of it, pupPage still works', { skip: SKIP }, async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    await loginByQr(ctx, client);
    const pids = chromiumPidsUnder(TEST_ROOT);
    assert.ok(pids.length > 0, 'the client runs a Chromium');
    const [browser] = browserCommandLines(pids);
    assert.ok(browser.some((a) => a === '--remote-debugging-pipe' || a.startsWith('--remote-debugging-pipe=')), 'driven over the pipe');
    assert.ok(!browser.some((a) => a.startsWith('--remote-debugging-port')), 'no DevTools port asked for');
    assert.deepEqual(listeningPortsOf(pids), [], 'no Chromium process listens on any TCP port');

    const scan = await scanAsNobody();
    assert.equal(scan.uid, NOBODY);
    assert.deepEqual(endpointsOf(chromiumPidsUnder(TEST_ROOT), scan), [], 'another user finds no DevTools endpoint of our Chromium');

    // The escape hatch works without a port: puppeteer over the addon's relay.
    assert.equal(await client.pupPage.evaluate(() => window.require('WAWebSocketModel').Socket.state), 'CONNECTED');
    assert.equal(client.pupPage.url(), 'https://web.whatsapp.com/');
  } finally {
    await ctx.close();
  }
});

test('sharedBrowser: the one Chromium listens on no port; each client\'s pupPage is its own page', { skip: SKIP }, async () => {
  const ctx = await setup();
  try {
    const a = ctx.client({ sharedBrowser: true });
    const b = ctx.client({ sharedBrowser: true });
    await loginByQr(ctx, a);
    const qrB = await showQr(b);
    const pids = chromiumPidsUnder(TEST_ROOT);
    assert.equal(browserCommandLines(pids).length, 1, 'one shared browser');
    assert.deepEqual(listeningPortsOf(pids), []);
    assert.deepEqual(endpointsOf(chromiumPidsUnder(TEST_ROOT), await scanAsNobody()), []);

    assert.equal(await a.pupPage.evaluate(() => window.require('WAWebSocketModel').Socket.state), 'CONNECTED');
    assert.equal(await b.pupPage.evaluate(() => window.require('WAWebConnModel').Conn.ref), qrB.split(',')[0]);
    // One client going away closes its relay only; the other's puppeteer keeps working.
    const browserA = a.pupBrowser;
    await a.destroy();
    assert.equal(browserA.isConnected(), false);
    assert.equal(await b.pupPage.evaluate(() => window.require('WAWebConnModel').Conn.ref), qrB.split(',')[0]);
  } finally {
    await ctx.close();
  }
});

test('control: when the user asks for a DevTools port, the same scan as another user finds the page', { skip: SKIP }, async () => {
  const ctx = await setup();
  try {
    const client = ctx.client({ puppeteer: { args: ['--remote-debugging-port=0'] } });
    await showQr(client);
    const ports = listeningPortsOf(chromiumPidsUnder(TEST_ROOT));
    assert.equal(ports.length, 1, 'the port the user asked for');
    const scan = await scanAsNobody();
    assert.deepEqual(endpointsOf(chromiumPidsUnder(TEST_ROOT), scan).map((f) => f.port), ports, 'endpointsOf sees it as ours');
    const found = scan.found.find((f) => f.port === ports[0]);
    assert.ok(found, `the scan found port ${ports[0]} (saw ${JSON.stringify(scan.found)})`);
    assert.ok(found.pages.some((url) => url.startsWith('https://web.whatsapp.com/')), 'and the WhatsApp Web page behind it');
  } finally {
    await ctx.close();
  }
});
