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

const PAGE_DIR = path.join(__dirname, 'page');
const BUNDLE_COUNT = 3;
const BUNDLE_RE = /^\/bundle-(\d+)\.js$/;
// The page script is page/app.js (settings, what a person sees, boot) with its parts by purpose put
// where it marks them: one function scope and this order, exactly as when it was a single file.
const APP_PARTS = ['events.js', 'state.js', 'login-modules.js', 'stand-ins.js', 'socket.js'];
const appParts = () => APP_PARTS.map((f) => fs.readFileSync(path.join(PAGE_DIR, f), 'utf8')).join('\n');

function buildPageAssets(options, { conflictCloseCode }) {
    const real = !!options.realSequence;
    const template = fs.readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8');
    let head = '';
    let bootloader = null;
    if (real) {
        const early = options.debugVariant === 'late-property' ? 'window.Debug = {};' : '';
        bootloader = fs.readFileSync(path.join(PAGE_DIR, 'bootloader.js'), 'utf8').replace('/*__SIM_DEBUG_EARLY__*/', early);
        const bundles = Array.from({ length: BUNDLE_COUNT }, (_, i) => `<script async src="/bundle-${i}.js"></script>`);
        head = ['<script src="/bootloader.js"></script>', ...bundles].join('\n');
    }
    const html = template.replace('<!--__SIM_HEAD__-->', head);
    const config = {
        version: options.version,
        conflictCloseCode,
        realSequence: real,
        bundleCount: BUNDLE_COUNT,
        debugVariant: options.debugVariant,
        logoutDelayMs: options.logoutDelayMs,
        reconnectBackoffMs: options.reconnectBackoffMs,
        reconnectBackoffMaxMs: options.reconnectBackoffMaxMs,
    };
    // The page learns its settings (and the version it reports) from the bundle itself, as
    // WhatsApp Web does.
    const app = fs.readFileSync(path.join(PAGE_DIR, 'app.js'), 'utf8').replace('/*__SIM_CONFIG__*/ {}', JSON.stringify(config)).replace('/*__SIM_PARTS__*/', appParts);
    return {
        html,
        app,
        // Real mode only: the module runtime (null in instant mode).
        bootloader,
        // For a path like /bundle-1.js in real mode: { source, delayMs }, else null. Bundle i is
        // answered (i + 1) / BUNDLE_COUNT of moduleDelayMs after it was asked for.
        bundle(pathname) {
            const m = real && BUNDLE_RE.exec(pathname);
            const index = m ? Number(m[1]) : -1;
            if (!(index >= 0 && index < BUNDLE_COUNT)) return null;
            return {
                source: `window.__simLoader.bundleArrived(${index});\n`,
                delayMs: Math.round(((index + 1) * options.moduleDelayMs) / BUNDLE_COUNT),
            };
        },
    };
}

module.exports = { buildPageAssets, BUNDLE_COUNT };
