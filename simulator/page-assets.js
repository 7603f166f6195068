'use strict';
// The files that make up the simulated WhatsApp Web page, as the server sends them.
//
// Instant mode: index.html loads app.js, which defines every module and the keys before it sets
// window.Debug.VERSION. Real-sequence mode (option realSequence) serves the page the way WhatsApp
// Web's own HTML loads: a module runtime first (page/bootloader.js; inline on the real page, here
// a synchronous same-origin script at the top of <head>, so that a page CSP of
// `script-src 'self'` still lets it run), then app.js, which
// sets Debug.VERSION at once, and BUNDLE_COUNT `<script async>` bundles that the server answers
// one after another over moduleDelayMs, each registering its share of the modules. Async scripts
// present in the HTML hold the `load` event until they ran, as on the real page.

const fs = require('fs');
const path = require('path');

const { buildHeavyPage, hash8, IMMUTABLE } = require('./heavy-page');
const { drawLoad, drawsMeta, gateDelay, validators } = require('./heavy-varied');

const PAGE_DIR = path.join(__dirname, 'page');
const BUNDLE_COUNT = 3;
// /bundle-1.js, or with the heavy page /bundle-1.<content hash>.js.
const BUNDLE_RE = /^\/bundle-(\d+)(?:\.[0-9a-f]{10})?\.js$/;
// The page script is page/app.js (settings, what a person sees, boot) with its parts by purpose put
// where it marks them: one function scope and this order, exactly as when it was a single file.
const APP_PARTS = ['events.js', 'state.js', 'login-modules.js', 'registry.js', 'socket.js'];
const appParts = () => APP_PARTS.map((f) => fs.readFileSync(path.join(PAGE_DIR, f), 'utf8')).join('\n');
// Page loads served by this process, for the varied layout's draws (a label for the log).
let loads = 0;
const SW_REGISTER = "window.addEventListener('load',function(){if(navigator.serviceWorker)navigator.serviceWorker.register('/serviceworker.js').catch(function(){})});\n";

function buildPageAssets(options, { conflictCloseCode }) {
    const real = !!options.realSequence;
    const template = fs.readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8');
    const heavy = real && options.heavyPage ? buildHeavyPage({ bundleBytes: options.bundleBytes, bundleCount: BUNDLE_COUNT, layout: options.heavyLayout }) : null;
    // The varied layout (simulator/heavy-varied.js): per-load draws, weight bundles of their own,
    // validators on every immutable file, a module gate.
    const varied = !!heavy && heavy.layout === 'varied';
    // Bundle sources: each says it arrived; with the fixed heavy page it first defines its filler
    // modules; with the heavy page the last one registers the service worker after load, as
    // WhatsApp Web does.
    const bundleSources = Array.from({ length: BUNDLE_COUNT }, (_, i) =>
        heavy
            ? `${heavy.filler ? heavy.filler[i].source : ''}${i === BUNDLE_COUNT - 1 ? SW_REGISTER : ''}window.__simLoader.bundleArrived(${i});\n`
            : `window.__simLoader.bundleArrived(${i});\n`,
    );
    const bundlePaths = bundleSources.map((src, i) => (heavy ? `/bundle-${i}.${hash8(src)}.js` : `/bundle-${i}.js`));
    const weightPaths = heavy ? heavy.weight.map((w, i) => `/weight-${i}.${hash8(w.source)}.js`) : [];
    let head = '';
    let bootloader = null;
    if (real) {
        const early = options.debugVariant === 'late-property' ? 'window.Debug = {};' : '';
        bootloader = fs.readFileSync(path.join(PAGE_DIR, 'bootloader.js'), 'utf8').replace('/*__SIM_DEBUG_EARLY__*/', early);
        const bundles = [...bundlePaths, ...weightPaths].map((p) => `<script async src="${p}"></script>`);
        const css = heavy ? [`<link rel="stylesheet" href="${heavy.cssPath}">`] : [];
        head = [...(varied ? ['<!--__SIM_LOAD__-->'] : []), '<script src="/bootloader.js"></script>', ...css, ...bundles].join('\n');
    }
    let html = template.replace('<!--__SIM_HEAD__-->', head);
    const config = {
        version: options.version,
        conflictCloseCode,
        realSequence: real,
        bundleCount: BUNDLE_COUNT,
        debugVariant: options.debugVariant,
        variedLoads: varied,
        logoutDelayMs: options.logoutDelayMs,
        reconnectBackoffMs: options.reconnectBackoffMs,
        reconnectBackoffMaxMs: options.reconnectBackoffMaxMs,
        missingModules: options.missingModules || [],
    };
    // The page learns its settings (and the version it reports) from the bundle itself, as
    // WhatsApp Web does.
    const app = fs.readFileSync(path.join(PAGE_DIR, 'app.js'), 'utf8').replace('/*__SIM_CONFIG__*/ {}', JSON.stringify(config)).replace('/*__SIM_PARTS__*/', appParts);
    // Heavy page: every file but the HTML (and the service worker, whose name is fixed) under a
    // content-hashed name, cached for a year; the HTML is revalidated at every load (fixed layout)
    // or never stored (varied). The varied layout adds an ETag and a Last-Modified to them.
    const files = new Map();
    const headersOf = (body, cacheControl) => ({ 'cache-control': cacheControl, ...(varied ? validators(body) : {}) });
    if (heavy) {
        const immutable = (p, type, body) => files.set(p, { type, body, cacheControl: IMMUTABLE, headers: headersOf(body, IMMUTABLE), weight: p.startsWith('/weight-') });
        for (const f of heavy.files) immutable(f.path, f.type, f.body);
        const js = 'text/javascript; charset=utf-8';
        heavy.weight.forEach((w, i) => immutable(weightPaths[i], js, w.source));
        const appPath = `/app.${hash8(app)}.js`;
        const bootPath = `/bootloader.${hash8(bootloader)}.js`;
        immutable(appPath, js, app);
        immutable(bootPath, js, bootloader);
        html = html.replace('<script src="/app.js">', `<script src="${appPath}">`).replace('<script src="/bootloader.js">', `<script src="${bootPath}">`);
        files.set('/serviceworker.js', { type: js, body: heavy.serviceWorker, cacheControl: 'no-cache', headers: { 'cache-control': 'no-cache' } });
    }
    return {
        html,
        // The HTML's cache-control: never stored, or with the fixed heavy page revalidated each time.
        htmlCacheControl: heavy && !varied ? 'no-cache' : 'no-store',
        // The HTML for one load: { html, draw }, draw being the varied layout's per-load draws
        // (simulator/heavy-varied.js) that the HTML carries to the page, else null.
        page() {
            if (!varied) return { html, draw: null };
            const draw = drawLoad(++loads);
            return { html: html.replace('<!--__SIM_LOAD__-->', drawsMeta(draw)), draw };
        },
        app,
        // Real mode only: the module runtime (null in instant mode).
        bootloader,
        // Varied heavy page only: the module gate's delay for a URL (null: not the gate).
        gate: (url) => (varied ? gateDelay(url) : null),
        // Heavy page only: a static file (hashed asset, service worker) by path, else undefined.
        file: (pathname) => files.get(pathname),
        heavy: heavy && { layout: heavy.layout, bundleBytes: heavy.totalBytes, moduleCount: heavy.moduleCount, weightBundles: weightPaths.length, files: [...files.keys()] },
        // For a path like /bundle-1.js in real mode: { source, delayMs }, else null. Bundle i is
        // answered (i + 1) / BUNDLE_COUNT of moduleDelayMs after it was asked for.
        bundle(pathname) {
            const m = real && BUNDLE_RE.exec(pathname);
            const index = m ? Number(m[1]) : -1;
            if (!(index >= 0 && index < BUNDLE_COUNT)) return null;
            if (heavy && pathname !== bundlePaths[index]) return null;
            return {
                source: bundleSources[index],
                // The varied layout's delay is the module gate's (drawn per load): the bundles
                // themselves come as fast as the network gives them.
                delayMs: varied ? 0 : Math.round(((index + 1) * options.moduleDelayMs) / BUNDLE_COUNT),
                cacheControl: heavy ? IMMUTABLE : 'no-store',
                headers: headersOf(bundleSources[index], heavy ? IMMUTABLE : 'no-store'),
            };
        },
    };
}

module.exports = { buildPageAssets, BUNDLE_COUNT };
