'use strict';
// The heavy page's varied layout (the default; simulator/README.md, "Heavy page"): per-load draws,
// weight bundles of small `__d` definitions required at load, validators and 304s, a no-store HTML
// and module gate; and in Chromium, that the page's module runtime runs them as WhatsApp Web's does.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator } = require('../simulator');
const { MODULE_DELAY_MS, KEYS_DELAY_MS } = require('../simulator/heavy-varied');
const { sim: startSim, profile, browser } = require('./sim-harness');

async function get(sim, path, headers = {}) {
  const res = await fetch(new URL(path, sim.httpUrl), { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

test('the varied heavy page: no-store HTML with per-load draws, weight bundles with validators, a delayed no-store gate', async () => {
  const sim = await startSimulator({ realSequence: true, heavyPage: true });
  try {
    assert.equal(sim.state().options.heavyLayout, 'varied');
    const draws = [];
    let html;
    for (let i = 0; i < 20; i++) {
      html = await get(sim, '/');
      assert.equal(html.headers.get('cache-control'), 'no-store');
      draws.push(JSON.parse(html.body.match(/name="wa-sim-load" content="([^"]+)"/)[1].replace(/&quot;/g, '"')));
    }
    // Drawn for each load, within issue 24's ranges, and logged with the page.
    assert.equal(new Set(draws.map((d) => d.load)).size, 20);
    for (const d of draws) {
      assert.ok(d.moduleDelayMs >= MODULE_DELAY_MS[0] && d.moduleDelayMs <= MODULE_DELAY_MS[1], JSON.stringify(d));
      assert.ok(d.keysDelayMs >= KEYS_DELAY_MS[0] && d.keysDelayMs <= KEYS_DELAY_MS[1], JSON.stringify(d));
    }
    assert.ok(new Set(draws.map((d) => d.moduleDelayMs)).size > 5, 'the module delay varies');
    assert.deepEqual(new Set(draws.map((d) => d.debugForm)), new Set(['object', 'property']));
    const logged = sim.events.filter((e) => e.type === 'page-served').map((e) => e.draw);
    assert.deepEqual(logged, draws);

    const weight = [...html.body.matchAll(/src="(\/weight-\d\.[0-9a-f]{10}\.js)"/g)].map((m) => m[1]);
    assert.equal(weight.length, 8);
    let total = 0;
    for (const w of weight) {
      const r = await get(sim, w);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      total += r.body.length;
      const defs = r.body.match(/__d\("WAWeb\w+",\[[^\]]*\],\(function\(t,n,r,o,a,i,l\)\{/g) || [];
      assert.ok(defs.length >= 700 && defs.length <= 780, `about 740 definitions, got ${defs.length}`);
      assert.equal((r.body.match(/\}\),98\);/g) || []).length, defs.length, 'every definition with flag 98');
      // The closing requireLazy names every module of the bundle.
      const lazy = JSON.parse(r.body.match(/requireLazy\((\[[^\]]+\])/)[1]);
      assert.equal(lazy.length, defs.length);
      // Validators: 304 to either conditional request.
      const etag = r.headers.get('etag');
      assert.match(etag, /^"[0-9a-f]{32}"$/);
      assert.equal((await get(sim, w, { 'if-none-match': etag })).status, 304);
      assert.equal((await get(sim, w, { 'if-modified-since': r.headers.get('last-modified') })).status, 304);
      assert.equal((await get(sim, w, { 'if-none-match': '"other"' })).status, 200);
    }
    assert.ok(total > 7.5 * 1024 * 1024 && total < 8.8 * 1024 * 1024, `about 8 MiB of weight bundles, got ${total}`);
    const login = html.body.match(/src="(\/bundle-0\.[0-9a-f]{10}\.js)"/)[1];
    assert.ok((await get(sim, login)).headers.get('etag'), 'the login bundles have validators too');

    const t0 = Date.now();
    const gate = await get(sim, '/module-gate.js?load=1&ms=250');
    assert.equal(gate.status, 200);
    assert.equal(gate.headers.get('cache-control'), 'no-store');
    assert.ok(Date.now() - t0 >= 240, 'the gate answers after the drawn delay');
  } finally {
    await sim.close();
  }
});

test('in Chromium, the varied page runs every weight module at load and keeps the drawn order', async (t) => {
  const s = await startSim(t, { realSequence: true, heavyPage: true, bundleBytes: 1024 * 1024 });
  const { page } = await browser(t, s, profile(t));
  for (let i = 0; i < 3; i++) {
    await page.goto(s.webUrl);
    await page.waitForFunction(() => { try { return !!window.require('WAWebConnModel').Conn.ref; } catch { return false; } }, { polling: 10, timeout: 30000 });
    const r = await page.evaluate(() => ({
      heavy: window.__simHeavy,
      load: window.__simLoad,
      getter: typeof Object.getOwnPropertyDescriptor(window, 'Debug').get,
      version: window.Debug.VERSION,
    }));
    assert.equal(r.heavy, s.state().heavyPage.moduleCount, 'every weight module ran at load');
    assert.equal(r.getter, r.load.draw.debugForm === 'property' ? 'function' : 'undefined');
    assert.equal(r.version, s.state().version);
    // Modules after the gate's delay, keys after the drawn delay (timers may only be late).
    assert.ok(r.load.modulesAt - r.load.versionAt >= r.load.draw.moduleDelayMs - 5, JSON.stringify(r.load));
    assert.ok(r.load.keysAt - r.load.modulesAt >= r.load.draw.keysDelayMs - 5, JSON.stringify(r.load));
  }
  // The runtime as WhatsApp Web's: dependencies run first, exports through module/exports,
  // requireLazy waits for the dependencies too, and an unknown dependency throws.
  const rt = await page.evaluate(() => {
    const order = [];
    let lazy = null;
    window.requireLazy(['WAWebSimTestA'], (a) => (lazy = a.b.x));
    window.__d('WAWebSimTestA', ['WAWebSimTestB'], (t, n, r, o, a, i, l) => { order.push('A'); l.b = n('WAWebSimTestB'); }, 98);
    const before = lazy;
    window.__d('WAWebSimTestB', [], (t, n, r, o, a, i) => { order.push('B'); i.exports = { x: 1 }; }, 98);
    window.__d('WAWebSimTestC', ['WAWebSimTestNope'], () => 1, 98);
    let thrown = null;
    try { window.require('WAWebSimTestC'); } catch (e) { thrown = e.message; }
    return { before, lazy, order, thrown };
  });
  assert.deepEqual(rt, { before: null, lazy: 1, order: ['B', 'A'], thrown: 'Requiring unknown module "WAWebSimTestNope"' });
  assert.deepEqual(page.errors, []);
});
