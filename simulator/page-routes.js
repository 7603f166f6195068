'use strict';
// The page's own files, as web.whatsapp.com serves them: the HTML, its scripts, the module
// bundles (delayed and, on the heavy page, cacheable), the varied heavy page's module gate and the
// static files. Apart from index.js, which routes the control API and the media server first.

const { conditional } = require('./heavy-varied');

/** Answers a GET or HEAD for one of the page's files (or 404); `send(status, type, body, headers)`. */
function servePage(sim, req, res, url, send) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(405, 'text/plain', 'method not allowed');
        return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
        // Logged so tests can tell a page fetched from us from one a client served from a cache;
        // with the varied heavy page, with this load's draws (so a bench can report them).
        const { html, draw } = sim._assets.page();
        sim._log('page-served', { path: url.pathname, query: url.search, ...(draw ? { draw } : {}) });
        const csp = sim.options.pageCsp ? { 'content-security-policy': sim.options.pageCsp } : {};
        send(200, 'text/html; charset=utf-8', html, { 'cache-control': sim._assets.htmlCacheControl, ...csp });
    } else if (sim._assets.gate(url) != null) {
        // The varied heavy page's module gate: the modules register when it answers.
        const timer = setTimeout(() => !res.destroyed && send(200, 'text/javascript; charset=utf-8', ''), sim._assets.gate(url));
        res.on('close', () => clearTimeout(timer));
    } else if (url.pathname === '/app.js') {
        send(200, 'text/javascript; charset=utf-8', sim._assets.app);
    } else if (url.pathname === '/bootloader.js' && sim._assets.bootloader) {
        send(200, 'text/javascript; charset=utf-8', sim._assets.bootloader);
    } else if (sim._assets.bundle(url.pathname)) {
        // Real-sequence mode: the module bundles arrive one after another, as async scripts.
        const { source, delayMs, headers } = sim._assets.bundle(url.pathname);
        // Logged so tests and the bench can tell a bundle fetched from us from a cached one.
        sim._log('bundle-served', { path: url.pathname, bytes: source.length });
        const timer = setTimeout(() => {
            if (!res.destroyed) send(...conditional(req, 'text/javascript; charset=utf-8', source, headers));
        }, delayMs);
        res.on('close', () => clearTimeout(timer));
    } else if (url.pathname === '/account.js') {
        send(200, 'text/javascript; charset=utf-8', sim._accountJs);
    } else if (sim._assets.file(url.pathname)) {
        // Heavy page: hashed static files (immutable) and the service worker.
        const f = sim._assets.file(url.pathname);
        sim._log(f.weight ? 'bundle-served' : 'asset-served', { path: url.pathname, bytes: f.body.length });
        send(...conditional(req, f.type, f.body, f.headers));
    } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
    } else {
        send(404, 'text/plain', 'not found');
    }
}

module.exports = { servePage };
