'use strict';
// Shared test plumbing: a simulator per test, clients that are always
// destroyed, and a check that no Chromium process outlives its test.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSimulator } = require('../simulator');
const { Client } = require('..');

// Every temporary profile of this test process lands below one folder
// (NoAuth profiles are made by Rust's tempfile, which honours TMPDIR), so a
// leak check only has to look for processes that mention it.
const TEST_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-test-'));
process.env.TMPDIR = TEST_ROOT;
// NoAuth clients keep a shared Chromium cache under $XDG_CACHE_HOME (option sharedCache): in tests
// that is below the test root too, never the user's own ~/.cache.
process.env.XDG_CACHE_HOME = path.join(TEST_ROOT, 'cache');

// Short lifetimes so tests run in seconds; the real defaults are tested in the simulator suite.
// Every client test runs on the real-sequence page (modules after Debug.VERSION, late keys,
// hasSynced before CONNECTED, a late unpair on logout): the page a client meets in production.
// A test that wants the simulator's quick instant page passes { realSequence: false }.
const FAST = { firstRefTtlMs: 4000, nextRefTtlMs: 2000, syncStepMs: 20, realSequence: true, logoutDelayMs: 1000 };

function chromiumPidsUnder(dir) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(dir) && /chrom/i.test(cmd)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function killAllUnder(dir) {
  for (const pid of chromiumPidsUnder(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}

/** Waits for `event` on `emitter`, failing after `ms` with a message that says what was awaited. */
function waitFor(emitter, event, ms = 20000, predicate = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${ms} ms waiting for '${event}'`));
    }, ms);
    function listener(...args) {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args.length <= 1 ? args[0] : args);
    }
    emitter.on(event, listener);
  });
}

/** Records every event a client emits, in order, for assertions on the whole log. */
function recordEvents(client, names = ['qr', 'code', 'code_error', 'authenticated', 'ready', 'loading_screen', 'disconnected', 'change_state']) {
  const log = [];
  for (const name of names) client.on(name, (...args) => log.push({ name, args, t: Date.now() }));
  return log;
}

/**
 * A test context: `ctx.sim`, `ctx.client(options)`; `await ctx.close()` in
 * `afterEach`/`finally` destroys every client, stops the simulator and
 * kills any Chromium still running under the test root.
 */
async function setup(simOptions = {}) {
  const sim = await startSimulator({ ...FAST, ...simOptions });
  const clients = [];
  return {
    sim,
    client(options = {}) {
      const client = new Client({
        // whatsapp-web.js's default ('local') would save the simulator's page under ./.wwebjs_cache
        // and serve it to later runs; tests that want a cache say so.
        webVersionCache: { type: 'none' },
        ...options,
        puppeteer: { ...(options.puppeteer || {}), args: [...sim.chromiumArgs, ...((options.puppeteer && options.puppeteer.args) || [])] },
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.destroy()));
      await sim.close();
    },
  };
}

/** initialize() and the first QR: the starting point of most login tests. */
async function showQr(client) {
  const qr = waitFor(client, 'qr');
  await client.initialize();
  return qr;
}

/** The phone scans `qr` (the client's current QR) and the client reaches ready. */
async function scanToReady(sim, client, qr) {
  const ready = waitFor(client, 'ready');
  const scan = await sim.phone.scan(qr);
  if (!scan.ok) throw new Error(`the phone refused the QR: ${scan.reason}`);
  await ready;
}

/** A full QR login: initialize, first QR, scan, ready. */
async function loginByQr(ctx, client) {
  await scanToReady(ctx.sim, client, await showQr(client));
}

process.on('exit', () => {
  killAllUnder(TEST_ROOT);
  fs.rmSync(TEST_ROOT, { recursive: true, force: true });
});

module.exports = { TEST_ROOT, FAST, setup, waitFor, recordEvents, chromiumPidsUnder, killAllUnder, showQr, scanToReady, loginByQr };
