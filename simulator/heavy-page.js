'use strict';
// The heavy page (option heavyPage, with realSequence): what makes the real WhatsApp Web page
// expensive to start, so that benchmarks measure a client on it rather than Chromium's own start.
//
// - `bundleBytes` (default 8 MiB) of JavaScript in many `__d` module definitions, spread over the
//   real-sequence page's async bundles (so they register progressively, bundle by bundle). Every
//   filler module runs once its bundle is in and keeps what it built, so the page's JS heap after
//   load is roughly twice the bundle size (the script sources V8 keeps, bytecode, and the data).
// - Static assets as the real page has them: images and fonts referenced from a stylesheet, and a
//   service worker registered after load.
// - Realistic caching: every asset has a content-hashed name and is served
//   `cache-control: public, max-age=31536000, immutable`; the HTML is `no-cache`.
//
// Everything is generated deterministically at start-up (a seeded PRNG), nothing large is
// committed, and the same options give byte-identical files, so a browser's cache stays valid
// across simulator restarts, as it does across visits of the real site. simulator/README.md
// ("Heavy page") gives the figures and where they come from.

const crypto = require('crypto');
const { prng } = require('./prng');
const zlib = require('zlib');
const { generateWeightBundles } = require('./heavy-varied');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const DEFAULT_BUNDLE_BYTES = 8 * 1024 * 1024;
// Bytes of source per filler module: a real WhatsApp Web bundle defines modules from a few hundred
// bytes to tens of kilobytes; ~4 KiB gives ~2000 modules for the default 8 MiB.
const MODULE_BYTES = 4096;

const hash8 = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 10);

const WORDS = ['chat', 'msg', 'contact', 'group', 'media', 'status', 'call', 'label', 'sticker', 'presence', 'receipt', 'quoted', 'thumb', 'ephemeral', 'newsletter', 'reaction', 'poll', 'vcard', 'location', 'ack'];

// One filler module of about `bytes` bytes: a few functions (parsed, some compiled and run) and
// data built when the module executes, kept in its exports. `rows` sets how much it keeps.
function fillerModule(index, bytes, rand, rows) {
    const name = `WAWebSimFiller${String(index).padStart(5, '0')}`;
    const word = () => WORDS[Math.floor(rand() * WORDS.length)];
    const parts = [];
    let size = 0;
    let fn = 0;
    const names = [];
    while (size < bytes - 400) {
        const w = word();
        names.push(`${w}${index}_${fn}`);
        const body =
            `function ${names[fn]}(e,t){var n=${Math.floor(rand() * 1e6)}|0;` +
            `if(e==null)return t;for(var r=0;r<(e.length|0);r++){n=(Math.imul(n,31)+(e.charCodeAt?e.charCodeAt(r):r))|0}` +
            `var o={id:"${w}_${index}_${fn}",kind:"${word()}",value:n^${Math.floor(rand() * 65536)},next:t};` +
            `return o.kind==="${word()}"?o:{id:o.id,kind:o.kind,value:o.value,extra:"${word()}:${word()}:${word()}",next:t}}`;
        parts.push(body);
        size += body.length;
        fn++;
    }
    const strings = Array.from({ length: 8 }, () => `"${word()}.${word()}.${Math.floor(rand() * 1e9).toString(36)}"`).join(',');
    const src =
        `__d("${name}",[],function(){"use strict";\n${parts.join('\n')}\n` +
        `var S=[${strings}],T=new Array(${rows});` +
        `for(var i=0;i<${rows};i++)T[i]={i:i,k:S[i&7]+":"+i,v:${names[0]}(S[i&7],i),w:[i,i*2,i*3]};` +
        `return{table:T,f:${names[fn - 1]}};});\n`;
    return { name, src };
}

// The filler, split over `bundleCount` bundles: [{ source, modules: [names] }].
function generateFiller(bundleBytes, bundleCount, seed = 14) {
    const rand = prng(seed);
    const count = Math.max(1, Math.round(bundleBytes / MODULE_BYTES));
    // Measured on Chromium 156 (performance.memory.usedJSHeapSize after load): the default 8 MiB
    // leaves ~19 MB of JS heap (source kept by V8, bytecode of what ran, the tables) with 4 rows
    // per module, about twice the bundle size; 12 rows gave ~25 MB, 40 rows ~33 MB.
    const rows = 4;
    const bundles = Array.from({ length: bundleCount }, () => ({ chunks: [], modules: [] }));
    for (let i = 0; i < count; i++) {
        const m = fillerModule(i, MODULE_BYTES, rand, rows);
        const b = bundles[Math.floor((i * bundleCount) / count)];
        b.chunks.push(m.src);
        b.modules.push(m.name);
    }
    return bundles.map((b) => ({
        // The bundle's own modules run once it is in, as WhatsApp Web runs its modules when they
        // are first required during start-up; what they build stays referenced.
        source: `${b.chunks.join('')}requireLazy(${JSON.stringify(b.modules)},function(){window.__simHeavy=(window.__simHeavy||0)+arguments.length;});\n`,
        modules: b.modules,
    }));
}

// A valid PNG of w x h pixels of noise (noise does not compress, so the file has a known size).
function noisePng(w, h, rand) {
    const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    const crc = (buf) => {
        let c = 0xffffffff;
        for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
    };
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
        const c = Buffer.alloc(4);
        c.writeUInt32BE(crc(td));
        return Buffer.concat([len, td, c]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // RGB
    const raw = Buffer.alloc((w * 3 + 1) * h);
    for (let i = 0; i < raw.length; i++) raw[i] = i % (w * 3 + 1) === 0 ? 0 : Math.floor(rand() * 256);
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr),
        chunk('IDAT', zlib.deflateSync(raw)),
        chunk('IEND', Buffer.alloc(0)),
    ]);
}

// Images and fonts as the real page references them from its stylesheet: the intro illustration,
// a background pattern, icons; two web fonts. Fonts are random bytes under a woff2 type: Chromium
// downloads them when text uses the family, rejects them, and falls back (no visible difference).
function staticAssets(rand) {
    const files = [];
    const add = (base, ext, type, body) => {
        const path = `/static/${base}.${hash8(body)}.${ext}`;
        files.push({ path, type, body, base });
        return path;
    };
    const img = {
        intro: add('intro-connection', 'png', 'image/png', noisePng(160, 120, rand)),
        pattern: add('bg-pattern', 'png', 'image/png', noisePng(128, 128, rand)),
        logo: add('logo', 'png', 'image/png', noisePng(64, 64, rand)),
        icons: add('icons-sprite', 'png', 'image/png', noisePng(96, 96, rand)),
    };
    const randomBytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const font = {
        regular: add('wa-sim-regular', 'woff2', 'font/woff2', randomBytes(96 * 1024)),
        bold: add('wa-sim-bold', 'woff2', 'font/woff2', randomBytes(96 * 1024)),
    };
    const css = Buffer.from(
        [
            `@font-face{font-family:"WASim";font-weight:400;src:url(${font.regular}) format("woff2")}`,
            `@font-face{font-family:"WASim";font-weight:700;src:url(${font.bold}) format("woff2")}`,
            'h1,th,td{font-family:"WASim",system-ui,sans-serif}',
            `html{background:#f0f2f5 url(${img.pattern}) repeat}`,
            `h1::before{content:"";display:inline-block;width:32px;height:32px;margin-right:8px;background:url(${img.logo}) center/contain no-repeat}`,
            `#state{background:url(${img.icons}) right center no-repeat}`,
            `.note::after{content:"";display:block;width:160px;height:120px;margin-top:8px;background:url(${img.intro}) no-repeat}`,
            '',
        ].join('\n'),
    );
    const cssPath = add('app', 'css', 'text/css; charset=utf-8', css);
    return { files, cssPath };
}

// The service worker WhatsApp Web registers at /serviceworker.js (fixed name, so not immutable:
// browsers re-check it themselves). Ours only installs and claims; it handles no fetches.
const SERVICE_WORKER = `// simulator: a stand-in for WhatsApp Web's service worker (no fetch handler)
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });
`;

const cache = new Map();

// Everything the heavy page adds, for a page with `bundleCount` async bundles. Layout 'fixed': the
// filler rides in those bundles; 'varied' (simulator/heavy-varied.js): it comes in weight bundles
// of its own and the login bundles carry only the login modules.
function buildHeavyPage({ bundleBytes = DEFAULT_BUNDLE_BYTES, bundleCount, layout = 'fixed' }) {
    const key = `${bundleBytes}/${bundleCount}/${layout}`;
    if (cache.has(key)) return cache.get(key);
    const rand = prng(1414);
    const varied = layout === 'varied';
    const filler = varied ? null : generateFiller(bundleBytes, bundleCount);
    const weight = varied ? generateWeightBundles(bundleBytes) : [];
    const { files, cssPath } = staticAssets(rand);
    const all = [...(filler || []), ...weight];
    const page = {
        layout,
        filler,
        weight,
        files,
        cssPath,
        serviceWorker: SERVICE_WORKER,
        moduleCount: all.reduce((n, b) => n + b.modules.length, 0),
        totalBytes: all.reduce((n, b) => n + b.source.length, 0),
    };
    cache.set(key, page);
    return page;
}

module.exports = { buildHeavyPage, hash8, IMMUTABLE, DEFAULT_BUNDLE_BYTES, noisePng };
