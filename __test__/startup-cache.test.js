'use strict';
// Start-up on the heavy page: the shared per-user cache of NoAuth sessions (sharedCache) and not
// loading images and fonts (blockMedia). What a user sees: a later process fetches nothing the
// cache holds, and no image or font is downloaded unless asked for.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { TEST_ROOT, setup, showQr, waitFor } = require('./helpers');

// The files the simulator served between two points of its event log.
function served(sim, since) {
  return sim.events.slice(since).filter((e) => e.type === 'bundle-served' || e.type === 'asset-served').map((e) => e.path);
}

// After load, the page registers its service worker: by then every image and font the page
// would load has been asked for.
function afterLoad(sim, since) {
  if (served(sim, since).includes('/serviceworker.js')) return Promise.resolve();
  return waitFor(sim, 'event', 20000, (e) => e.type === 'asset-served' && e.path === '/serviceworker.js');
}

test('NoAuth clients share one cache folder: a later process loads no bundle from the server; sharedCache: false does', async () => {
  const ctx = await setup({ heavyPage: true });
  try {
    const cacheHome = path.join(TEST_ROOT, 'cache');
    const run = async (options) => {
      const since = ctx.sim.events.length;
      const client = ctx.client(options);
      await showQr(client);
      await afterLoad(ctx.sim, since);
      await client.destroy();
      return served(ctx.sim, since).filter((p) => p.startsWith('/bundle-'));
    };
    assert.equal((await run({})).length, 3, 'the first process downloads the three bundles');
    assert.ok(fs.readdirSync(path.join(cacheHome, 'whatsapp-web-rs', 'chromium')).includes('slot-0'), 'the cache is in the per-user folder');
    assert.deepEqual(await run({}), [], 'a second process finds them in the cache');
    assert.equal((await run({ sharedCache: false })).length, 3, 'without the shared cache they are downloaded again');
  } finally {
    await ctx.close();
  }
});

test('two clients at once use two cache slots and both log in', async () => {
  const ctx = await setup({ heavyPage: true });
  try {
    const a = ctx.client();
    const b = ctx.client();
    const [qa, qb] = await Promise.all([showQr(a), showQr(b)]);
    assert.notEqual(qa.split(',')[0], qb.split(',')[0]);
    const dirs = fs.readdirSync(path.join(TEST_ROOT, 'cache', 'whatsapp-web-rs', 'chromium')).filter((d) => /^slot-\d$/.test(d));
    assert.ok(dirs.length >= 2, `one slot per running browser, got ${dirs.join(', ')}`);
  } finally {
    await ctx.close();
  }
});

test('images and fonts are not loaded unless blockMedia is false', async () => {
  const ctx = await setup({ heavyPage: true });
  try {
    const media = (paths) => paths.filter((p) => /\.(png|woff2)$/.test(p));
    let since = ctx.sim.events.length;
    const blocked = ctx.client({ sharedCache: false });
    await showQr(blocked);
    await afterLoad(ctx.sim, since);
    assert.deepEqual(media(served(ctx.sim, since)), [], 'no image or font requested');
    await blocked.destroy();

    since = ctx.sim.events.length;
    const full = ctx.client({ sharedCache: false, blockMedia: false });
    await showQr(full);
    await afterLoad(ctx.sim, since);
    const loaded = media(served(ctx.sim, since));
    assert.ok(loaded.some((p) => p.endsWith('.png')) && loaded.some((p) => p.endsWith('.woff2')), `images and fonts loaded: ${loaded.join(' ')}`);
  } finally {
    await ctx.close();
  }
});
