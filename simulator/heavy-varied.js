'use strict';
// The varied layout of the heavy page (option heavyLayout: 'varied', the default): what an
// independent heavy page written elsewhere does differently from the fixed layout, as issue 24
// describes it, so that a benchmark on this page does not flatter a client tuned for one timing.
//
// - Per-load draws, made when the HTML is served (it is `no-store`, so every load asks): when the
//   module bundle arrives after Debug.VERSION, when the keys come after the modules, and whether
//   `Debug` is created as an object or as a property (a getter). The draws are logged, so a bench
//   can report them.
// - Weight bundles: WEIGHT_BUNDLES bundles of ~1 MiB, each with ~740 small
//   `__d("WAWeb…", [deps], factory, 98)` definitions and a closing `requireLazy([...])` that
//   requires them all at load.
// - Caching: bundles content-addressed and `immutable`, with an ETag and a Last-Modified a
//   conditional request is answered 304 to; the HTML and the module gate `no-store`.
// simulator/README.md ("Heavy page") gives the figures and where they come from.

const crypto = require('crypto');
const { prng } = require('./prng');

// Issue 24's figures for the independent page.
const WEIGHT_BUNDLES = 8;
const MODULES_PER_MIB = 740;
const MODULE_DELAY_MS = [100, 800]; // module bundle after Debug.VERSION
const KEYS_DELAY_MS = [200, 500]; // keys (the first ref) after the modules
const DEBUG_FORMS = ['object', 'property'];
// The gate's delay comes from the page's own query (the draw the HTML carried); this bounds it.
const MAX_GATE_DELAY_MS = 5000;
// A fixed date: the files are the same bytes at every start, so their Last-Modified is too, and a
// browser's cache (and a conditional request from it) stays valid across simulator restarts.
const LAST_MODIFIED = 'Mon, 01 Jan 2024 00:00:00 GMT';

// The draws for one page load, from a seed of its own (logged with them, so a load can be told
// apart and reproduced).
function drawLoad(load, seed = crypto.randomInt(2 ** 31)) {
    const rand = prng(seed);
    const between = ([lo, hi]) => Math.round(lo + rand() * (hi - lo));
    return {
        load,
        seed,
        moduleDelayMs: between(MODULE_DELAY_MS),
        keysDelayMs: between(KEYS_DELAY_MS),
        debugForm: DEBUG_FORMS[Math.floor(rand() * DEBUG_FORMS.length)],
    };
}

// The draws as the HTML carries them to the page (a meta tag: no script, so a page CSP of
// `script-src 'self'` does not stand in the way).
const drawsMeta = (draw) => `<meta name="wa-sim-load" content="${JSON.stringify(draw).replace(/"/g, '&quot;')}">`;

// The module gate's path and its delay: /module-gate.js?load=N&ms=M (an empty script answered M ms
// after it was asked, never stored), or null for any other path.
function gateDelay(url) {
    if (url.pathname !== '/module-gate.js') return null;
    const ms = Number(url.searchParams.get('ms'));
    return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_GATE_DELAY_MS) : 0;
}

const CAP = ['Chat', 'Msg', 'Contact', 'Group', 'Media', 'Status', 'Call', 'Label', 'Sticker', 'Presence', 'Receipt', 'Quoted', 'Thumb', 'Ephemeral', 'Newsletter', 'Reaction', 'Poll', 'Vcard', 'Location', 'Ack'];
const KIND = ['Store', 'Bridge', 'Model', 'Action', 'Util', 'Job', 'Schema', 'Handler'];

// One small module of about `bytes` bytes, in the real bundles' form: its dependencies listed and
// required through the runtime's `require` argument, its exports set on `exports`, flag 98. What it
// builds stays referenced from its exports.
// Measured on Chromium 156 (performance.memory.usedJSHeapSize at the first ref, default 8 MiB): two
// small rows per module leave 17.8-18.1 MiB of heap, about 2.2x the bundles, near issue 24's 2.1x;
// calling a function of each module as well (its bytecode kept) gave 25 MiB, no rows 15 MiB.
function smallModule(name, deps, bytes, rand) {
    const word = () => CAP[Math.floor(rand() * CAP.length)].toLowerCase();
    const uses = deps.map((d, k) => `var d${k}=n("${d}");`).join('');
    const head = `__d("${name}",${JSON.stringify(deps)},(function(t,n,r,o,a,i,l){"use strict";${uses}`;
    const tail = `var T=[];for(var j=0;j<2;j++)T.push({j:j,k:S+":"+j,w:[j,j*2]});l.k="${word()}";l.t=T;l.f=f0;${deps.length ? 'l.deps=[' + deps.map((_, k) => `d${k}`).join(',') + '];' : ''}}),98);\n`;
    const parts = [];
    let size = head.length + tail.length + 40;
    let fn = 0;
    do {
        const w = word();
        const body =
            `function f${fn}(e,t){var n=${Math.floor(rand() * 1e6)}|0;if(e==null)return t;` +
            `for(var r=0;r<(e.length|0);r++){n=(Math.imul(n,31)+e.charCodeAt(r))|0}` +
            `return{id:"${w}_${fn}",kind:"${word()}",value:n^${Math.floor(rand() * 65536)},next:t}}`;
        parts.push(body);
        size += body.length;
        fn++;
    } while (size < bytes);
    const strings = `var S="${word()}.${word()}.${Math.floor(rand() * 1e9).toString(36)}";`;
    return `${head}${parts.join('')}${strings}${tail}`;
}

// WEIGHT_BUNDLES bundles sharing `bundleBytes`: [{ source, modules: [names] }]. Dependencies point
// at earlier modules of the same bundle, so each bundle's closing requireLazy can run as soon as
// that bundle is in, whatever order the async bundles arrive in.
function generateWeightBundles(bundleBytes, seed = 24) {
    const rand = prng(seed);
    const perBundle = Math.max(1, Math.round((bundleBytes / WEIGHT_BUNDLES / (1024 * 1024)) * MODULES_PER_MIB));
    // Less than the share: the last function of a module overshoots it by half a function on average.
    const moduleBytes = Math.max(200, Math.floor(bundleBytes / WEIGHT_BUNDLES / perBundle) - 116);
    return Array.from({ length: WEIGHT_BUNDLES }, (_, b) => {
        const names = [];
        const chunks = [];
        for (let i = 0; i < perBundle; i++) {
            const name = `WAWeb${CAP[Math.floor(rand() * CAP.length)]}${KIND[Math.floor(rand() * KIND.length)]}W${b}x${String(i).padStart(3, '0')}`;
            const deps = [];
            const depCount = i ? Math.floor(rand() * 4) : 0;
            for (let k = 0; k < depCount; k++) {
                const dep = names[Math.floor(rand() * i)];
                if (!deps.includes(dep)) deps.push(dep);
            }
            chunks.push(smallModule(name, deps, moduleBytes, rand));
            names.push(name);
        }
        return {
            source: `${chunks.join('')}requireLazy(${JSON.stringify(names)},function(){window.__simHeavy=(window.__simHeavy||0)+arguments.length;});\n`,
            modules: names,
        };
    });
}

// Headers of an immutable, content-addressed file, and whether a conditional request for it can be
// answered 304 (If-None-Match wins over If-Modified-Since, as RFC 9110 says).
function validators(body) {
    return { etag: `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`, 'last-modified': LAST_MODIFIED };
}
function notModified(req, headers) {
    if (!headers.etag) return false;
    const inm = req.headers['if-none-match'];
    if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === headers.etag || t.trim() === '*');
    const ims = Date.parse(req.headers['if-modified-since'] || '');
    return Number.isFinite(ims) && ims >= Date.parse(headers['last-modified']);
}
// The answer to a GET of a file with these headers: [status, type, body, headers] (304 and no body
// when the browser's copy is still the file's).
const conditional = (req, type, body, headers) => (notModified(req, headers) ? [304, type, '', headers] : [200, type, body, headers]);

module.exports = { WEIGHT_BUNDLES, MODULE_DELAY_MS, KEYS_DELAY_MS, DEBUG_FORMS, drawLoad, drawsMeta, gateDelay, generateWeightBundles, validators, notModified, conditional };
