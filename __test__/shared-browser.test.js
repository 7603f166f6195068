'use strict';
// sharedBrowser: several clients in one Chromium, one browser context each.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { LocalAuth, Client } = require('..');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder, loginByQr } = require('./helpers');

/**
 * Browser processes (not renderers or helpers) started under the test root. A child
 * Chromium is starting has the browser's command line until it execs (fork, then
 * exec), so a process whose parent is one of them is that child, not a second browser.
 */
function browserProcesses() {
  const parentOf = (pid) => {
    try {
      return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    } catch {
      return 0;
    }
  };
  const mains = chromiumPidsUnder(TEST_ROOT).filter((pid) => {
    try {
      return !fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=');
    } catch {
      return false;
    }
  });
  return mains.filter((pid) => !mains.includes(parentOf(pid)));
}

/** pid, parent and command line of each process, for a failure message. */
function describeProcesses(pids) {
  return pids
    .map((pid) => {
      try {
        const parent = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
        return `${pid} (parent ${parent}): ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 400)}`;
      } catch {
        return `${pid} (gone)`;
      }
    })
    .join('; ');
}

test('clients with sharedBrowser share one Chromium, log in separately, and the last one closes it', async () => {
  const ctx = await setup();
  try {
    const a = ctx.client({ sharedBrowser: true });
    const b = ctx.client({ sharedBrowser: true });
    const qrA = waitFor(a, 'qr');
    const qrB = waitFor(b, 'qr');
    await Promise.all([a.initialize(), b.initialize()]);
    const [first, second] = [await qrA, await qrB];
    assert.notEqual(first.split(',')[0], second.split(',')[0], 'two pages, two sockets, two refs');
    assert.notEqual(first.split(',')[2], second.split(',')[2], 'separate storage: separate identity keys');
    assert.equal(browserProcesses().length, 1, 'one browser process');

    const readyA = waitFor(a, 'ready');
    assert.equal((await ctx.sim.phone.scan(first)).ok, true);
    await readyA;
    assert.equal(await b.getState(), 'UNPAIRED', 'logging in one context does not log in the other');
    await a.destroy();
    const left = browserProcesses();
    assert.equal(left.length, 1, `still running for the other client: ${describeProcesses(left)}`);
    const readyB = waitFor(b, 'ready');
    const current = await new Promise((resolve) => {
      b.once('qr', resolve);
      ctx.sim.rotateAdvSecret(); // a fresh QR for b, from the page as it is now
    });
    assert.equal((await ctx.sim.phone.scan(current)).ok, true);
    await readyB;
    await b.destroy();
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), [], 'the last client closed the browser');
  } finally {
    await ctx.close();
  }
});

// The simulator's control API: a contact writes to the logged-in account.
async function peerSend(sim, body) {
  const res = await fetch(new URL('/_sim/peer/send', sim.httpUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200);
  return (await res.json()).id;
}

test('a sharedBrowser session lets go of its page cache after ready and keeps working', async () => {
  const ctx = await setup({ heavyPage: true });
  try {
    const client = ctx.client({ sharedBrowser: true });
    await loginByQr(ctx, client);
    // The logged-in page still receives and sends.
    const received = waitFor(client, 'message', 20000, (m) => m.body === 'still there?');
    const id = await peerSend(ctx.sim, { from: '15557000001', body: 'still there?' });
    const msg = await received;
    assert.equal(msg.id._serialized, id);
    const since = ctx.sim.events.length;
    const reply = await client.sendMessage(msg.from, 'yes');
    await ctx.sim.waitFor('message-sent', (e) => e.key === reply.id._serialized, 20000, { since });
    assert.equal(await client.getState(), 'CONNECTED');
    // Its context no longer holds the bundles (released when ready came, before the message
    // above was handled): a reload downloads them again, where a context's memory cache would
    // have served them (they are immutable).
    const reloadSince = ctx.sim.events.length;
    await client.pupPage.reload();
    await ctx.sim.waitFor('bundle-served', () => true, 20000, { since: reloadSince });
  } finally {
    await ctx.close();
  }
});

test('sharedBrowser is refused with LocalAuth, a userDataDir or a remote browser', () => {
  assert.throws(() => new Client({ sharedBrowser: true, authStrategy: new LocalAuth({ clientId: 's' }) }), { code: 'ERR_INVALID_OPTION', message: /sharedBrowser.*NoAuth/ });
  assert.throws(() => new Client({ sharedBrowser: true, puppeteer: { userDataDir: '/tmp/x' } }), { message: /userDataDir/ });
  assert.throws(() => new Client({ sharedBrowser: true, puppeteer: { browserWSEndpoint: 'ws://127.0.0.1:1/x' } }), { message: /browserWSEndpoint/ });
  assert.throws(() => new Client({ sharedBrowser: 'yes' }), { message: /sharedBrowser/ });
});
