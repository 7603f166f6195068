'use strict';
// client.pupBrowser / client.pupPage: real puppeteer objects on the client's own Chromium
// (puppeteer-core is a dev dependency here, as puppeteer is an app's when it uses them).
const test = require('node:test');
const assert = require('node:assert/strict');
const { TEST_ROOT, setup, waitFor, chromiumPidsUnder, showQr, scanToReady } = require('./helpers');

test('pupPage is the WhatsApp Web page the client drives; the login goes on beside it; destroy() disconnects it', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    assert.equal(client.pupPage, null, 'nothing before initialize()');
    const qr = await showQr(client);
    assert.ok(client.pupBrowser && client.pupBrowser.isConnected(), 'pupBrowser is connected once initialize() resolved');
    assert.equal(await client.pupPage.evaluate(() => window.Debug.VERSION), await client.getWWebVersion());
    // The page's own state, read through puppeteer, is the one the client reports.
    const ref = await client.pupPage.evaluate(() => window.require('WAWebConnModel').Conn.ref);
    assert.equal(ref, qr.split(',')[0]);
    assert.equal(client.pupPage.url(), 'https://web.whatsapp.com/');

    await scanToReady(ctx.sim, client, qr);
    assert.equal(await client.pupPage.evaluate(() => window.require('WAWebSocketModel').Socket.state), 'CONNECTED');

    const browser = client.pupBrowser;
    await client.destroy();
    assert.equal(client.pupPage, null);
    assert.equal(browser.isConnected(), false, 'puppeteer let go of the browser');
    assert.deepEqual(chromiumPidsUnder(TEST_ROOT), [], 'no Chromium left');
  } finally {
    await ctx.close();
  }
});

test('with sharedBrowser each client gets its own page in the one browser', async () => {
  const ctx = await setup();
  try {
    const a = ctx.client({ sharedBrowser: true });
    const b = ctx.client({ sharedBrowser: true });
    const [qrA, qrB] = await Promise.all([showQr(a), showQr(b)]);
    const refOf = (client) => client.pupPage.evaluate(() => window.require('WAWebConnModel').Conn.ref);
    assert.equal(await refOf(a), qrA.split(',')[0]);
    assert.equal(await refOf(b), qrB.split(',')[0]);
    const ready = waitFor(a, 'ready');
    await ctx.sim.phone.scan(qrA);
    await ready;
    assert.equal(await b.getState(), 'UNPAIRED', 'the other client is untouched');
  } finally {
    await ctx.close();
  }
});

test('pupPage is there when ready is emitted, after a QR login and for a restored session (example.js uses it in its ready handler)', async () => {
  const ctx = await setup();
  const { LocalAuth } = require('..');
  const path = require('path');
  const dataPath = path.join(TEST_ROOT, 'pup-ready-auth');
  const pupPageAtReady = (client) =>
    new Promise((resolve) => client.once('ready', () => resolve(client.pupPage ? client.pupPage.url() : null)));
  // puppeteer slower to connect than the login (as on a loaded machine): ready still waits for it.
  const puppeteer = require('puppeteer-core');
  const connect = puppeteer.connect;
  puppeteer.connect = async (...args) => {
    await new Promise((r) => setTimeout(r, 3000));
    return connect.apply(puppeteer, args);
  };
  try {
    const client = ctx.client({ authStrategy: new LocalAuth({ clientId: 'pup', dataPath }) });
    const first = pupPageAtReady(client);
    // The phone scans the first QR at once, as the test phone of example.js does.
    client.once('qr', (qr) => ctx.sim.phone.scan(qr));
    await client.initialize();
    assert.equal(await first, 'https://web.whatsapp.com/');
    await new Promise((r) => setTimeout(r, 500)); // let the page persist its session
    await client.destroy();

    const again = ctx.client({ authStrategy: new LocalAuth({ clientId: 'pup', dataPath }) });
    const restored = pupPageAtReady(again);
    await again.initialize();
    assert.equal(await restored, 'https://web.whatsapp.com/');
  } finally {
    puppeteer.connect = connect;
    await ctx.close();
  }
});
