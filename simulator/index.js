'use strict';
// A WhatsApp Web login simulator: it plays the WhatsApp server (a WebSocket at /ws), serves a
// stand-in for the WhatsApp Web page (the modules a browser-driving client touches, with their real
// semantics, see page/app.js) and provides a test phone with a control API.
//
// The facts modelled are collected in shared/docs/whatsapp-web-login.md. The wire protocol between
// the page and this server is our own JSON; only the page surface (window.require modules) has to
// look like WhatsApp Web's, because that is all a client sees.

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const { EventEmitter } = require('events');
const { WebSocketServer } = require('ws');

const { buildPageAssets } = require('./page-assets');
const { servePage } = require('./page-routes');
const { handleControl } = require('./control-api');
// The account's world after login (contacts, chats, messages): its own file.
const { AccountWorld } = require('./account');
// The server's other parts, by purpose: Simulator methods each file holds (see its header).
const { Connections } = require('./connections');
const { Refs } = require('./refs');
const { PairingCode } = require('./pairing-code');
const { Sessions, CONFLICT_CLOSE_CODE } = require('./sessions');

// The real defaults (see the shared doc): 6 refs, the first shown 60 s, later ones 20 s each;
// a pairing code lives 180 s and allows 3 attempts.
const DEFAULTS = Object.freeze({
    host: '127.0.0.1',
    httpsPort: 0,
    httpPort: 0,
    refsPerBatch: 6,
    firstRefTtlMs: 60000,
    nextRefTtlMs: 20000,
    codeTtlMs: 180000,
    codeMaxAttempts: 3,
    syncStepMs: 50,
    version: '2.3000.1017054665',
    // How long the phone waits for the page to accept a pair-success before giving up.
    pairAnswerTimeoutMs: 15000,
    // The largest file the media server takes (WhatsApp's own limit for documents is far higher),
    // and the most it keeps in all (uploads and the phone's files): the simulator holds them in
    // memory, so a test or a stray client cannot grow it without bound.
    maxMediaBytes: 64 * 1024 * 1024,
    maxMediaTotalBytes: 256 * 1024 * 1024,
    // The account a QR scan logs into (code pairing uses the typed number instead).
    scanPhoneNumber: '15550100001',
    pushname: 'Test Phone',
    // A Content-Security-Policy header for the page (null: none), to test clients' bypassCSP.
    pageCsp: null,
    // Real-sequence mode: the page loads, logs in, logs out and reconnects in the order and with
    // the delays the real WhatsApp Web page has (simulator/README.md, "Real-sequence mode").
    realSequence: false,
    // Heavy page (with realSequence): megabytes of module definitions, images, fonts and a
    // service worker, with realistic cache headers (simulator/README.md, "Heavy page").
    heavyPage: false,
    bundleBytes: 8 * 1024 * 1024,
    // 'varied' (per-load draws, weight bundles, validators: simulator/heavy-varied.js) or 'fixed'.
    heavyLayout: 'varied',
    // Modules the page never defines, as after a WhatsApp Web update that renamed them: require()
    // throws "Requiring unknown module" for them (simulator/README.md, "Missing modules").
    missingModules: Object.freeze([]),
});

// Options whose default depends on the mode. In instant mode only the reconnect backoff applies
// (the page has always retried a lost socket, 500 ms doubling to 5 s); the rest is real mode's.
const REAL_DEFAULTS = Object.freeze({
    moduleDelayMs: 400,
    debugVariant: 'assign',
    syncBeforeConnected: true,
    connectedAfterSyncMs: 100,
    logoutDelayMs: 2000,
    reconnectBackoffMs: 1000,
    reconnectBackoffMaxMs: 10000,
});
const INSTANT_DEFAULTS = Object.freeze({
    moduleDelayMs: 0,
    debugVariant: 'assign',
    syncBeforeConnected: false,
    connectedAfterSyncMs: 0,
    logoutDelayMs: 0,
    reconnectBackoffMs: 500,
    reconnectBackoffMaxMs: 5000,
});
const DEBUG_VARIANTS = ['assign', 'late-property', 'define-property'];
// Bounds for missingModules: a module name is an identifier of WhatsApp Web's module system.
const MODULE_NAME_RE = /^[A-Za-z0-9_$]+$/;
const MAX_MODULE_NAME = 128;
const MAX_MISSING_MODULES = 200;

// Throws a TypeError naming what is wrong with a missingModules value.
function checkMissingModules(list) {
    if (!Array.isArray(list)) throw new TypeError(`missingModules must be an array of module names, not ${JSON.stringify(list)}`);
    if (list.length > MAX_MISSING_MODULES) throw new TypeError(`missingModules holds at most ${MAX_MISSING_MODULES} names, not ${list.length}`);
    for (const name of list) {
        if (typeof name !== 'string' || !MODULE_NAME_RE.test(name) || name.length > MAX_MODULE_NAME) {
            throw new TypeError(
                `missingModules: ${JSON.stringify(name)} is not a module name (letters, digits, _ and $, at most ${MAX_MODULE_NAME} characters)`,
            );
        }
    }
}

function checkOptions(o) {
    checkMissingModules(o.missingModules);
    if (typeof o.realSequence !== 'boolean') throw new TypeError(`realSequence must be true or false, not ${JSON.stringify(o.realSequence)}`);
    if (typeof o.syncBeforeConnected !== 'boolean') throw new TypeError('syncBeforeConnected must be true or false');
    if (!DEBUG_VARIANTS.includes(o.debugVariant)) {
        throw new TypeError(`debugVariant must be one of ${DEBUG_VARIANTS.join(', ')}, not ${JSON.stringify(o.debugVariant)}`);
    }
    if (typeof o.heavyPage !== 'boolean') throw new TypeError(`heavyPage must be true or false, not ${JSON.stringify(o.heavyPage)}`);
    if (!['varied', 'fixed'].includes(o.heavyLayout)) throw new TypeError(`heavyLayout must be varied or fixed, not ${JSON.stringify(o.heavyLayout)}`);
    if (o.heavyPage && !o.realSequence) throw new TypeError('heavyPage builds on the real-sequence page: set realSequence: true too');
    if (!(Number.isInteger(o.bundleBytes) && o.bundleBytes >= 4096 && o.bundleBytes <= 256 * 1024 * 1024)) {
        throw new TypeError(`bundleBytes must be a whole number of bytes from 4096 to 256 MiB, not ${JSON.stringify(o.bundleBytes)}`);
    }
    for (const k of ['maxMediaBytes', 'maxMediaTotalBytes']) {
        if (!(Number.isSafeInteger(o[k]) && o[k] > 0)) throw new TypeError(`${k} must be a positive whole number of bytes, not ${JSON.stringify(o[k])}`);
    }
    if (o.maxMediaTotalBytes < o.maxMediaBytes) throw new TypeError(`maxMediaTotalBytes (${o.maxMediaTotalBytes}) must be at least maxMediaBytes (${o.maxMediaBytes})`);
    for (const k of ['moduleDelayMs', 'connectedAfterSyncMs', 'logoutDelayMs', 'reconnectBackoffMs', 'reconnectBackoffMaxMs']) {
        if (!(Number.isFinite(o[k]) && o[k] >= 0)) throw new TypeError(`${k} must be a non-negative number, not ${JSON.stringify(o[k])}`);
    }
}

const HOSTNAME = 'web.whatsapp.com';

// The body types a cross-site form, or a fetch in no-cors mode, can send without a CORS
// preflight (the "CORS-safelisted" Content-Type values); any other type, or any header
// outside the safelisted few (such as x-filename), makes the browser ask first, and the
// simulator answers no preflight, so such a request from another site never arrives.
const SIMPLE_BODY_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
// A MIME type's essence: type/subtype, as in RFC 9110's token grammar (parameters dropped).
const MIME_TYPE_RE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+\/[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** `"Text/Plain; charset=UTF-8"` -> `"text/plain"`; '' when absent. */
function mimeEssence(value) {
    return String(value || '').split(';')[0].trim().toLowerCase();
}

/**
 * Every route (the control API, the page and its files, the media server, the
 * WebSocket) drives a phone, serves a login or keeps files. None may be
 * reached by a web page the user happens to have open: a page of another
 * site (its Origin is foreign) or one that rebound its own name to
 * 127.0.0.1 (its Host is not ours). So: a Host that is this machine (or, for
 * the page, its files, its media and its socket, web.whatsapp.com, which the
 * client's flags map here), no foreign Origin, and POST bodies a cross-site
 * page cannot send without a preflight:
 * - `body: 'json'` (the control API): application/json only.
 * - `body: 'file'` (the page's uploads to /_media/upload, whose type is the
 *   file's own, e.g. image/png): a well-formed MIME type; one of the three a
 *   form can send (text/plain, form-urlencoded, multipart) only together with
 *   an `x-filename` header, which a form cannot add and a cross-site fetch
 *   cannot send without a preflight. The page always sends x-filename.
 * Returns `{ status, error }` for a request to refuse, or null.
 */
function refuseForeignRequest(req, { page, body = 'json' }) {
    const loopback = (host) => host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
    const hostname = (value) => {
        // host[:port] and nothing else: the URL parser would read "evil@127.0.0.1" as 127.0.0.1.
        if (!/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(value)) return null;
        try {
            return new URL(`http://${value}`).hostname.toLowerCase();
        } catch {
            return null;
        }
    };
    const host = hostname(req.headers.host || '');
    if (!host || !(loopback(host) || (page && host === HOSTNAME))) {
        return { status: 403, error: `refused: Host ${JSON.stringify(req.headers.host || '')} is not this machine` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
        let parsed = null;
        try {
            parsed = new URL(origin);
        } catch {
            // "null" and other opaque origins: foreign
        }
        const ours = parsed && (loopback(parsed.hostname) || (page && parsed.protocol === 'https:' && parsed.hostname === HOSTNAME));
        if (!ours) return { status: 403, error: `refused: requests from ${origin} are not allowed` };
    }
    if (req.method === 'POST') {
        const type = mimeEssence(req.headers['content-type']);
        if (body === 'file') {
            if (!MIME_TYPE_RE.test(type)) return { status: 415, error: 'refused: an upload names its file type as content-type (e.g. image/png)' };
            if (SIMPLE_BODY_TYPES.has(type) && req.headers['x-filename'] === undefined) {
                return { status: 415, error: `refused: a ${type} upload needs an x-filename header (a cross-site form could send it otherwise)` };
            }
        } else if (type !== 'application/json') {
            return { status: 415, error: 'refused: POST bodies must be application/json' };
        }
    }
    return null;
}

async function makeCertificate() {
    // Made fresh at every start: nothing secret or stale is kept in the repository. Clients reach
    // it with --ignore-certificate-errors, so self-signed is enough; an EC key keeps start-up fast.
    const selfsigned = require('selfsigned');
    const notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const pems = await selfsigned.generate([{ name: 'commonName', value: HOSTNAME }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        notAfterDate: notAfter,
        extensions: [
            { name: 'basicConstraints', cA: false },
            { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
            { name: 'extKeyUsage', serverAuth: true },
            {
                name: 'subjectAltName',
                altNames: [
                    { type: 2, value: HOSTNAME },
                    { type: 2, value: 'localhost' },
                    { type: 7, ip: '127.0.0.1' },
                ],
            },
        ],
    });
    return { key: pems.private, cert: pems.cert, spki: spkiHash(pems.private) };
}

// base64 SHA-256 of the key's SubjectPublicKeyInfo: what --ignore-certificate-errors-spki-list
// wants. Trusting this one key (rather than ignoring every certificate error) lets Chromium keep
// the site's responses in its HTTP cache, as it does for the real, valid certificate: with
// --ignore-certificate-errors it caches nothing from the site.
function spkiHash(privateKeyPem) {
    const der = crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
    return crypto.createHash('sha256').update(der).digest('base64');
}

class Simulator extends EventEmitter {
    constructor(options) {
        super();
        const given = Object.fromEntries(Object.entries(options || {}).filter(([, v]) => v !== undefined));
        const modeDefaults = given.realSequence ? REAL_DEFAULTS : INSTANT_DEFAULTS;
        this.options = { ...DEFAULTS, ...modeDefaults, ...given };
        checkOptions(this.options);
        // Tokens of sessions paired but not yet connected once: their first login may see
        // hasSynced before CONNECTED (syncBeforeConnected).
        this._freshLogins = new Set();
        // While the server is "away" (goAway), new WebSockets are refused until this time.
        this._awayUntil = 0;
        this._awayTimer = null;
        this.events = [];
        this.sockets = new Map(); // id -> socket record (live sockets only)
        this.sessions = new Map(); // token -> session
        this.refs = new Map(); // every ref ever issued -> socket id (to tell stale from unknown)
        this.failNext = null;
        this.nextSocketId = 1;
        this.closed = false;
        this._closing = null;
        this._timers = new Set();
        this.phone = {
            scan: (qr, opts) => this._scan(qr, opts),
            typeCode: (phone, code) => this._typeCode(phone, code),
        };
        // Many tests each add an 'event' listener through waitFor; do not warn about it.
        this.setMaxListeners(0);
        // sim.peer.send/inbox/read, sim.addContacts, sim.addUnregistered (account.js).
        this.account = new AccountWorld(this);
        Object.assign(this, this.account.api);
    }

    // ---- log ---------------------------------------------------------------------------------

    _log(type, details) {
        const ev = { t: Date.now(), type, ...details };
        this.events.push(ev);
        this.emit('event', ev);
        return ev;
    }

    // Resolves with the first event of `type` satisfying `predicate`. By default only events logged
    // after the call count; pass { since: index } to also look at the log from that index, which
    // lets a caller act first and wait afterwards without a race.
    waitFor(type, predicate, timeoutMs = 10000, { since } = {}) {
        const match = (ev) => ev.type === type && (!predicate || predicate(ev));
        if (since !== undefined) {
            const found = this.events.slice(since).find(match);
            if (found) return Promise.resolve(found);
        }
        return new Promise((resolve, reject) => {
            const onEvent = (ev) => {
                if (!match(ev)) return;
                clearTimeout(timer);
                this.off('event', onEvent);
                resolve(ev);
            };
            const timer = setTimeout(() => {
                this.off('event', onEvent);
                reject(new Error(`simulator: no '${type}' event within ${timeoutMs} ms`));
            }, timeoutMs);
            this.on('event', onEvent);
        });
    }

    _setTimer(fn, ms) {
        const timer = setTimeout(() => {
            this._timers.delete(timer);
            fn();
        }, ms);
        this._timers.add(timer);
        return timer;
    }

    _clearTimer(timer) {
        if (!timer) return;
        clearTimeout(timer);
        this._timers.delete(timer);
    }

    // ---- servers ----------------------------------------------------------------------------

    async _start() {
        const { key, cert, spki } = await makeCertificate();
        this._assets = buildPageAssets(this.options, { conflictCloseCode: CONFLICT_CLOSE_CODE });
        // The account's world: its models, what the server sends, then the actions on them (one
        // script, in order).
        this._accountJs = ['account.js', 'account-sync.js', 'account-actions.js', 'account-media-kinds.js', 'account-changes.js', 'account-groups.js', 'account-group-admin.js', 'account-lids.js', 'account-wire.js', 'account-calls.js', 'account-profile.js', 'account-polls.js', 'account-chat-actions.js', 'account-vcards.js', 'account-message-actions.js', 'account-events.js', 'account-bots.js', 'account-buttons.js', 'account-settings.js', 'account-interface.js', 'account-labels.js', 'account-business.js', 'account-status.js', 'account-channels.js']
            .map((f) => fs.readFileSync(path.join(__dirname, 'page', f), 'utf8'))
            .join('\n');

        const handler = (req, res) => this._onRequest(req, res);
        this.wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
        this.wss.on('connection', (ws, req) => this._onConnection(ws, req));
        const onUpgrade = (req, socket, head) => {
            let url;
            try {
                url = new URL(req.url, 'http://x');
            } catch {
                // e.g. "//[": not a path. A throw here would end the simulator.
                socket.destroy();
                return;
            }
            const refused = refuseForeignRequest(req, { page: true });
            if (refused) {
                socket.end(`HTTP/1.1 ${refused.status} Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
                this._log('request-refused', { path: url.pathname, why: refused.error });
                return;
            }
            if (url.pathname !== '/ws' || this.closed) {
                socket.destroy();
                return;
            }
            if (Date.now() < this._awayUntil) {
                // goAway(): the server cannot be reached; the page sees its WebSocket fail.
                this._log('ws-refused', {});
                socket.destroy();
                return;
            }
            this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
        };

        this.httpsServer = https.createServer({ key, cert }, handler);
        this.httpServer = http.createServer(handler);
        for (const server of [this.httpsServer, this.httpServer]) {
            server.on('upgrade', onUpgrade);
            // A browser killed mid-request must not take the simulator down.
            server.on('clientError', (err, socket) => socket.destroy());
        }
        const listen = (server, port) =>
            new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(port, this.options.host, () => {
                    server.off('error', reject);
                    resolve(server.address().port);
                });
            });
        this.httpsPort = await listen(this.httpsServer, this.options.httpsPort);
        this.httpPort = await listen(this.httpServer, this.options.httpPort);

        const reachable = ['0.0.0.0', '::', ''].includes(this.options.host)
            ? '127.0.0.1'
            : this.options.host;
        const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
        this.httpsUrl = `https://${hostPart}:${this.httpsPort}/`;
        this.httpUrl = `http://${hostPart}:${this.httpPort}/`;
        this.webUrl = `https://${HOSTNAME}/`;
        // Verified with Chromium 156: --host-resolver-rules accepts a port in the replacement, so
        // https://web.whatsapp.com/ (port 443) lands on our ephemeral HTTPS port.
        this.chromiumArgs = [
            `--host-resolver-rules=MAP ${HOSTNAME} ${hostPart}:${this.httpsPort}`,
            `--ignore-certificate-errors-spki-list=${spki}`,
            // The real web.whatsapp.com is a public address; here it resolves to loopback. A page
            // that Chromium did not itself fetch from loopback (one a client serves from its web
            // version cache through request interception) would then be barred by Local Network
            // Access checks from opening its WebSocket to us, which never happens for real.
            '--disable-features=LocalNetworkAccessChecks',
        ];
        this._log('started', {
            httpsPort: this.httpsPort,
            httpPort: this.httpPort,
            version: this.options.version,
        });
        return this;
    }

    // No throw may escape a request handler: an uncaught one would end the simulator, and with it
    // the test run. A request the server cannot make sense of is answered 400.
    _onRequest(req, res) {
        try {
            this._route(req, res);
        } catch (err) {
            this._log('request-failed', { path: String(req.url).slice(0, 200), error: String(err && err.message) });
            if (!res.headersSent) {
                res.writeHead(err && err.status >= 400 && err.status < 500 ? err.status : 400, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
                res.end(JSON.stringify({ error: String(err && err.message) }));
            } else {
                res.destroy();
            }
        }
    }

    _route(req, res) {
        const url = new URL(req.url, 'http://x');
        const send = (status, type, body, extra = {}) => {
            res.writeHead(status, {
                'content-type': type,
                // No caching: a test run must always get the page of the simulator it started.
                'cache-control': 'no-store',
                ...extra,
            });
            res.end(body);
        };
        // The control API is for this machine's tools; the rest is the page's (its own origin).
        const control = url.pathname.startsWith('/_sim/');
        const upload = url.pathname === '/_media/upload';
        const refused = refuseForeignRequest(req, { page: !control, body: upload ? 'file' : 'json' });
        if (refused) {
            this._log('request-refused', { path: url.pathname, why: refused.error });
            // The body is not read: close the connection rather than leave it half-consumed.
            send(refused.status, 'application/json', JSON.stringify({ error: refused.error }), { connection: 'close' });
            return;
        }
        if (control) {
            handleControl(this, req, res, url).catch((err) => {
                if (!res.headersSent) send(500, 'application/json', JSON.stringify({ error: String(err && err.message) }));
            });
            return;
        }
        if (url.pathname.startsWith('/_media/')) {
            this.account.onMedia(req, res, url.pathname);
            return;
        }
        servePage(this, req, res, url, send);
    }

    // Changes the page's settings for pages loaded from now on (pages already open keep theirs):
    // { missingModules: [names] }. Throws a TypeError naming a bad value; nothing changes then.
    configure(changes) {
        if (!changes || typeof changes !== 'object' || Array.isArray(changes)) {
            throw new TypeError('configure takes an object such as { missingModules: ["WAWebAltDeviceLinkingApi"] }');
        }
        const unknown = Object.keys(changes).filter((k) => k !== 'missingModules');
        if (unknown.length) throw new TypeError(`configure: unknown setting ${unknown.join(', ')} (only missingModules can change)`);
        if (!('missingModules' in changes)) return { missingModules: [...this.options.missingModules] };
        checkMissingModules(changes.missingModules);
        this.options.missingModules = Object.freeze([...new Set(changes.missingModules)]);
        this._assets = buildPageAssets(this.options, { conflictCloseCode: CONFLICT_CLOSE_CODE });
        this._log('configured', { missingModules: [...this.options.missingModules] });
        return { missingModules: [...this.options.missingModules] };
    }

    state() {
        const now = Date.now();
        const o = this.options;
        return {
            version: o.version,
            options: {
                refsPerBatch: o.refsPerBatch,
                firstRefTtlMs: o.firstRefTtlMs,
                nextRefTtlMs: o.nextRefTtlMs,
                codeTtlMs: o.codeTtlMs,
                codeMaxAttempts: o.codeMaxAttempts,
                syncStepMs: o.syncStepMs,
                realSequence: o.realSequence,
                moduleDelayMs: o.moduleDelayMs,
                debugVariant: o.debugVariant,
                syncBeforeConnected: o.syncBeforeConnected,
                connectedAfterSyncMs: o.connectedAfterSyncMs,
                logoutDelayMs: o.logoutDelayMs,
                reconnectBackoffMs: o.reconnectBackoffMs,
                reconnectBackoffMaxMs: o.reconnectBackoffMaxMs,
                heavyPage: o.heavyPage,
                heavyLayout: o.heavyPage ? o.heavyLayout : undefined,
                bundleBytes: o.heavyPage ? o.bundleBytes : undefined,
                missingModules: [...o.missingModules],
            },
            // Heavy page: what it serves (bundle bytes, module count, static files).
            heavyPage: this._assets ? this._assets.heavy : null,
            away: Date.now() < this._awayUntil,
            sockets: [...this.sockets.values()].map((s) => ({
                id: s.id,
                state: s.state,
                pageState: s.pageState,
                currentRef: s.currentRef,
                refExpiresAt: s.refExpiresAt,
                refsLeft: s.state === 'UNPAIRED' ? Math.max(0, s.batch.length - s.batchIndex - 1) : 0,
                code: s.code
                    ? { phone: s.code.phone, code: s.code.code, age: now - s.code.createdAt, attempts: s.code.attempts }
                    : null,
                sessionWid: s.sessionWid,
            })),
            sessions: [...this.sessions.values()].map((s) => ({ ...s })),
            failNext: this.failNext,
        };
    }

    close() {
        if (this._closing) return this._closing;
        this.closed = true;
        this._closing = (async () => {
            for (const timer of this._timers) clearTimeout(timer);
            this._timers.clear();
            for (const sock of [...this.sockets.values()]) {
                if (sock.pendingPair) this._finishPair(sock, { ok: false, reason: 'closed' });
                sock.ws.terminate();
                this._onClose(sock);
            }
            const stop = (server) =>
                new Promise((resolve) => {
                    if (!server || !server.listening) return resolve();
                    server.close(() => resolve());
                    if (server.closeAllConnections) server.closeAllConnections();
                });
            if (this.wss) await new Promise((resolve) => this.wss.close(() => resolve()));
            await Promise.all([stop(this.httpsServer), stop(this.httpServer)]);
            this._log('closed', {});
        })();
        return this._closing;
    }
}

// The parts' methods become Simulator's own, with the same (non-enumerable) property shape as
// methods written in the class body, so `this` and every caller see one class as before.
for (const Part of [Connections, Refs, PairingCode, Sessions]) {
    for (const name of Object.getOwnPropertyNames(Part.prototype)) {
        if (name === 'constructor') continue;
        if (Object.prototype.hasOwnProperty.call(Simulator.prototype, name)) throw new Error(`simulator: ${name} is defined twice`);
        Object.defineProperty(Simulator.prototype, name, Object.getOwnPropertyDescriptor(Part.prototype, name));
    }
}

async function startSimulator(options = {}) {
    const sim = new Simulator(options);
    try {
        await sim._start();
    } catch (err) {
        await sim.close().catch(() => {});
        throw err;
    }
    return sim;
}

module.exports = { startSimulator, Simulator, DEFAULTS, REAL_DEFAULTS, INSTANT_DEFAULTS, HOSTNAME };
