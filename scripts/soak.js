#!/usr/bin/env node
'use strict';
// Soak: 1,000 requestPairingCode/cancelPairingCode cycles on one client, then
// the last QR is scanned and the client must reach ready. Checks that what
// Node keeps does not grow (live JS objects by less than 2 MB; memory outside
// V8's heap, where the addon's allocations live, by less than 10 MB) and that
// neither Chromium's targets nor the page listeners the client installs grow.
// RSS itself is reported, not checked: V8 keeps the heap space it grew into
// (heapTotal went 19 -> 28 MB over 600 cycles with the live heap flat at
// 8.9 MB), which is capacity, not a leak. Run with `npm run soak`
// (SOAK_CYCLES to change the count). Exits non-zero when a check fails.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const WebSocket = require('ws');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-soak-'));
process.env.TMPDIR = root;
const { fork } = require('child_process');
const { Client, LocalAuth } = require('..');

/** The simulator in a child process, so its event log does not count as our memory. */
async function startSimulatorProcess(options) {
  const child = fork(path.join(__dirname, 'sim-process.js'), [JSON.stringify(options)]);
  const { chromiumArgs } = await new Promise((resolve) => child.once('message', resolve));
  let next = 0;
  const call = (msg) =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (m) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve(m.result);
      };
      child.on('message', onMessage);
      child.send({ id, ...msg });
    });
  return {
    chromiumArgs,
    phone: { scan: (qr) => call({ scan: qr }) },
    close: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.send({ close: true });
    }),
  };
}

const CYCLES = Number(process.env.SOAK_CYCLES || 1000);
const PHONE = '15551234567';

const getJson = (url) =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });

/** Chromium's view, through its DevTools HTTP endpoint and a second CDP client on the page. */
async function chromiumView(profile) {
  const port = fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const targets = await getJson(`http://127.0.0.1:${port}/json/list`);
  const page = targets.find((t) => t.type === 'page' && t.url.startsWith('https://web.whatsapp.com/'));
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const expression = `JSON.stringify({
    socketState: require('WAWebSocketModel').Socket.listenerCount('change:state'),
    socketSynced: require('WAWebSocketModel').Socket.listenerCount('change:hasSynced'),
    connRef: require('WAWebConnModel').Conn.listenerCount('change:ref'),
    advSecret: require('WAWebUserPrefsMultiDevice').advSecretEventEmitter.listenerCount('change'),
    progress: require('WAWebCmd').Cmd.listenerCount('offline_progress_update_from_bridge'),
  })`;
  const reply = await new Promise((resolve) => {
    ws.on('message', (m) => {
      const msg = JSON.parse(m);
      if (msg.id === 1) resolve(msg);
    });
    ws.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
  });
  ws.close();
  const processes = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(profile);
    } catch {
      return false;
    }
  }).length;
  return { targets: targets.length, listeners: JSON.parse(reply.result.result.value), processes };
}

/** After a full GC: RSS, live JS objects, and what is resident outside V8's heap. */
function nodeMemory() {
  if (global.gc) global.gc();
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  return { rss, heapUsed, outsideHeap: rss - heapTotal };
}

async function main() {
  const sim = await startSimulatorProcess({ firstRefTtlMs: 60000 });
  const dataPath = path.join(root, 'auth');
  const client = new Client({ authStrategy: new LocalAuth({ clientId: 'soak', dataPath }), puppeteer: { args: sim.chromiumArgs } });
  const profile = path.join(dataPath, 'session-soak');
  let lastQr = null;
  let qrs = 0;
  let codes = 0;
  client.on('qr', (qr) => {
    lastQr = qr;
    qrs++;
  });
  client.on('code', () => codes++);
  const failures = [];
  try {
    const first = new Promise((r) => client.once('qr', r));
    await client.initialize();
    await first;
    const warmup = Math.min(50, Math.floor(CYCLES / 10));
    let before = null;
    let memBefore = null;
    const started = Date.now();
    for (let i = 0; i < CYCLES; i++) {
      if (i === warmup) {
        before = await chromiumView(profile);
        memBefore = nodeMemory();
      }
      await client.requestPairingCode(PHONE, false, 60000);
      await client.cancelPairingCode();
      if ((i + 1) % 100 === 0) console.log(`cycle ${i + 1}: node rss ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`);
    }
    const elapsed = Date.now() - started;
    const after = await chromiumView(profile);
    const memAfter = nodeMemory();
    const ready = new Promise((r) => client.once('ready', r));
    const scan = await sim.phone.scan(lastQr);
    if (!scan.ok) failures.push(`the last QR did not scan: ${scan.reason}`);
    else await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error('no ready within 20 s')), 20000))]);

    const mb = (bytes) => +(bytes / 1048576).toFixed(1);
    const growth = (key) => mb(memAfter[key] - memBefore[key]);
    const report = {
      cycles: CYCLES,
      msPerCycle: +(elapsed / CYCLES).toFixed(1),
      qrEvents: qrs,
      codeEvents: codes,
      nodeMb: Object.fromEntries(
        ['rss', 'heapUsed', 'outsideHeap'].map((k) => [k, { afterWarmup: mb(memBefore[k]), end: mb(memAfter[k]), growth: growth(k) }]),
      ),
      chromiumTargets: { afterWarmup: before.targets, end: after.targets },
      chromiumProcesses: { afterWarmup: before.processes, end: after.processes },
      pageListeners: { afterWarmup: before.listeners, end: after.listeners },
      ready: scan.ok,
    };
    console.log(JSON.stringify(report, null, 2));
    if (growth('heapUsed') >= 2) failures.push(`live JS objects grew ${growth('heapUsed')} MB`);
    if (growth('outsideHeap') >= 10) failures.push(`memory outside V8's heap grew ${growth('outsideHeap')} MB`);
    if (after.targets > before.targets) failures.push(`Chromium targets grew ${before.targets} -> ${after.targets}`);
    if (JSON.stringify(after.listeners) !== JSON.stringify(before.listeners)) failures.push('page listeners changed');
    if (codes !== CYCLES || qrs < CYCLES) failures.push(`expected ${CYCLES} codes and at least ${CYCLES} qrs, got ${codes} and ${qrs}`);
  } finally {
    await client.destroy();
    await sim.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`soak FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('soak passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
