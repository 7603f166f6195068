'use strict';
// The simulator's heavy page: megabytes of module definitions, images, fonts and a service worker,
// under hashed names with realistic cache headers (simulator/README.md, "Heavy page").
const test = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator } = require('../simulator');

async function get(sim, path) {
  const res = await fetch(new URL(path, sim.httpUrl));
  return { status: res.status, cacheControl: res.headers.get('cache-control'), type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

test('the fixed heavy page serves hashed, immutable bundles of the configured size and a no-cache HTML', async () => {
  const sim = await startSimulator({ realSequence: true, heavyPage: true, heavyLayout: 'fixed', bundleBytes: 1024 * 1024, moduleDelayMs: 0 });
  try {
    const html = await get(sim, '/');
    assert.equal(html.cacheControl, 'no-cache');
    const scripts = [...html.body.toString().matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    const bundles = scripts.filter((s) => /^\/bundle-\d\.[0-9a-f]{10}\.js$/.test(s));
    assert.equal(bundles.length, 3, `three hashed bundles in ${scripts.join(' ')}`);
    assert.ok(scripts.some((s) => /^\/app\.[0-9a-f]{10}\.js$/.test(s)), 'app.js under a hashed name');
    let bytes = 0;
    let modules = 0;
    for (const b of bundles) {
      const r = await get(sim, b);
      assert.equal(r.status, 200);
      assert.equal(r.cacheControl, 'public, max-age=31536000, immutable');
      bytes += r.body.length;
      modules += (r.body.toString().match(/__d\("WAWebSimFiller/g) || []).length;
    }
    assert.ok(bytes >= 1024 * 1024 && bytes < 1.2 * 1024 * 1024, `about 1 MiB of JavaScript, got ${bytes}`);
    assert.equal(modules, sim.state().heavyPage.moduleCount);
    assert.ok(modules >= 200, `many module definitions, got ${modules}`);
    // A name that is not the current content's is not served (no stale bundle under a new hash).
    assert.equal((await get(sim, bundles[0].replace(/\.[0-9a-f]{10}\./, '.0000000000.'))).status, 404);
    const css = html.body.toString().match(/href="(\/static\/app\.[0-9a-f]{10}\.css)"/)[1];
    const sheet = await get(sim, css);
    assert.equal(sheet.cacheControl, 'public, max-age=31536000, immutable');
    const assets = [...sheet.body.toString().matchAll(/url\((\/static\/[^)]+)\)/g)].map((m) => m[1]);
    assert.ok(assets.some((a) => a.endsWith('.png')) && assets.some((a) => a.endsWith('.woff2')), `images and fonts: ${assets.join(' ')}`);
    for (const a of assets) assert.equal((await get(sim, a)).status, 200, a);
    const sw = await get(sim, '/serviceworker.js');
    assert.equal(sw.status, 200);
    assert.equal(sw.cacheControl, 'no-cache');
  } finally {
    await sim.close();
  }
});

test('the heavy page is the same bytes in every simulator with the same options, so caches stay valid', async () => {
  const names = [];
  for (let i = 0; i < 2; i++) {
    const sim = await startSimulator({ realSequence: true, heavyPage: true, bundleBytes: 256 * 1024 });
    try {
      names.push((await get(sim, '/')).body.toString().match(/\/(bundle|weight|app|bootloader|static\/app)[.-][^"]+/g).join(' '));
    } finally {
      await sim.close();
    }
  }
  assert.equal(names[0], names[1]);
});

test('heavy page options are checked', async () => {
  await assert.rejects(startSimulator({ heavyPage: true }), (e) => e instanceof TypeError && /realSequence/.test(e.message));
  await assert.rejects(startSimulator({ realSequence: true, heavyPage: 'yes' }), TypeError);
  await assert.rejects(startSimulator({ realSequence: true, heavyPage: true, bundleBytes: 10 }), (e) => e instanceof TypeError && /bundleBytes/.test(e.message));
  await assert.rejects(startSimulator({ realSequence: true, heavyPage: true, heavyLayout: 'wild' }), (e) => e instanceof TypeError && /heavyLayout/.test(e.message));
  // The light pages are unchanged: no-store, unhashed bundles.
  const sim = await startSimulator({ realSequence: true });
  try {
    const html = await get(sim, '/');
    assert.equal(html.cacheControl, 'no-store');
    assert.match(html.body.toString(), /src="\/bundle-0\.js"/);
    assert.equal(sim.state().heavyPage, null);
  } finally {
    await sim.close();
  }
});
