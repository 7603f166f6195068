'use strict';
// A WhatsApp Web login simulator: it plays the WhatsApp server (a WebSocket at /ws), serves a
// stand-in for the WhatsApp Web page (the modules a browser-driving client touches, with their real
// semantics, see page/app.js) and provides a test phone with a control API.
//
// The facts modelled are collected in shared/docs/whatsapp-web-login.md. The wire protocol between
// the page and this server is our own JSON; only the page surface (window.require modules) has to
// look like WhatsApp Web's, because that is all a client sees.

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { EventEmitter } = require('events');
const { WebSocketServer } = require('ws');

const {
    parseQr,
    newRef,
    newPairingCode,
    normaliseCode,
    hmacB64,
    randomB64,
    x25519Generate,
    x25519PublicFromRaw,
    x25519Shared,
    pbkdf2Key,
    aesGcmEncrypt,
    aesGcmDecrypt,
    hkdf,
} = require('./protocol');
const { buildPageAssets } = require('./page-assets');
const { handleControl } = require('./control-api');

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

function checkOptions(o) {
    if (typeof o.realSequence !== 'boolean') throw new TypeError(`realSequence must be true or false, not ${JSON.stringify(o.realSequence)}`);
    if (typeof o.syncBeforeConnected !== 'boolean') throw new TypeError('syncBeforeConnected must be true or false');
    if (!DEBUG_VARIANTS.includes(o.debugVariant)) {
        throw new TypeError(`debugVariant must be one of ${DEBUG_VARIANTS.join(', ')}, not ${JSON.stringify(o.debugVariant)}`);
    }
    if (typeof o.heavyPage !== 'boolean') throw new TypeError(`heavyPage must be true or false, not ${JSON.stringify(o.heavyPage)}`);
    if (o.heavyPage && !o.realSequence) throw new TypeError('heavyPage builds on the real-sequence page: set realSequence: true too');
    if (!(Number.isInteger(o.bundleBytes) && o.bundleBytes >= 4096 && o.bundleBytes <= 256 * 1024 * 1024)) {
        throw new TypeError(`bundleBytes must be a whole number of bytes from 4096 to 256 MiB, not ${JSON.stringify(o.bundleBytes)}`);
    }
    for (const k of ['moduleDelayMs', 'connectedAfterSyncMs', 'logoutDelayMs', 'reconnectBackoffMs', 'reconnectBackoffMaxMs']) {
        if (!(Number.isFinite(o[k]) && o[k] >= 0)) throw new TypeError(`${k} must be a non-negative number, not ${JSON.stringify(o[k])}`);
    }
}

const HOSTNAME = 'web.whatsapp.com';
// The display name the server accepts in companion_hello: "Browser (OS)".
const DISPLAY_RE = /^.+ \(.+\)$/;
// A phone number as WhatsApp wants it: digits with the country code, no '+', no leading 0,
// more than 6 digits, at most 15 (E.164).
const PHONE_RE = /^[1-9]\d{6,14}$/;
// What failNextCodeRequest can inject, as the server's error for companion_hello.
const CODE_FAILURES = {
    429: { status: 429, text: 'rate-overlimit' },
    400: { status: 400, text: 'bad-request' },
    unavailable: { status: 501, text: 'feature-not-available' },
};

// The WebSocket close code the server ends a stream with when another browser took the session
// over (4000-4999 are free for applications); the page knows it too.
const CONFLICT_CLOSE_CODE = 4409;

// `wid` as the controls take it: undefined/null for every account, '15551234567@c.us', or the
// bare number. Anything else is a caller's mistake (400 over HTTP).
function normaliseWid(wid) {
    if (wid === undefined || wid === null) return null;
    if (typeof wid === 'number' && Number.isInteger(wid) && wid > 0) wid = String(wid);
    if (typeof wid !== 'string' || !/^[^@\s]+(@[a-z.]+)?$/.test(wid)) {
        throw Object.assign(new Error(`wid must be like "15551234567@c.us" or "15551234567", not ${JSON.stringify(wid)}`), { status: 400 });
    }
    return wid.includes('@') ? wid : `${wid}@c.us`;
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
            scan: (qr) => this._scan(qr),
            typeCode: (phone, code) => this._typeCode(phone, code),
        };
        // Many tests each add an 'event' listener through waitFor; do not warn about it.
        this.setMaxListeners(0);
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

        const handler = (req, res) => this._onRequest(req, res);
        this.wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
        this.wss.on('connection', (ws, req) => this._onConnection(ws, req));
        const onUpgrade = (req, socket, head) => {
            const url = new URL(req.url, 'http://x');
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

    _onRequest(req, res) {
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
        if (url.pathname.startsWith('/_sim/')) {
            handleControl(this, req, res, url).catch((err) => {
                if (!res.headersSent) send(500, 'application/json', JSON.stringify({ error: String(err && err.message) }));
            });
            return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            send(405, 'text/plain', 'method not allowed');
            return;
        }
        if (url.pathname === '/' || url.pathname === '/index.html') {
            // Logged so tests can tell a page fetched from us from one a client served from a cache.
            this._log('page-served', { path: url.pathname, query: url.search });
            const csp = this.options.pageCsp ? { 'content-security-policy': this.options.pageCsp } : {};
            send(200, 'text/html; charset=utf-8', this._assets.html, { 'cache-control': this._assets.htmlCacheControl, ...csp });
        } else if (url.pathname === '/app.js') {
            send(200, 'text/javascript; charset=utf-8', this._assets.app);
        } else if (url.pathname === '/bootloader.js' && this._assets.bootloader) {
            send(200, 'text/javascript; charset=utf-8', this._assets.bootloader);
        } else if (this._assets.bundle(url.pathname)) {
            // Real-sequence mode: the module bundles arrive one after another, as async scripts.
            const { source, delayMs, cacheControl } = this._assets.bundle(url.pathname);
            // Logged so tests and the bench can tell a bundle fetched from us from a cached one.
            this._log('bundle-served', { path: url.pathname, bytes: source.length });
            const timer = setTimeout(() => {
                if (!res.destroyed) send(200, 'text/javascript; charset=utf-8', source, { 'cache-control': cacheControl });
            }, delayMs);
            res.on('close', () => clearTimeout(timer));
        } else if (this._assets.file(url.pathname)) {
            // Heavy page: hashed static files (immutable) and the service worker.
            const f = this._assets.file(url.pathname);
            this._log('asset-served', { path: url.pathname, bytes: f.body.length });
            send(200, f.type, f.body, { 'cache-control': f.cacheControl });
        } else if (url.pathname === '/favicon.ico') {
            res.writeHead(204);
            res.end();
        } else {
            send(404, 'text/plain', 'not found');
        }
    }

    // ---- sockets ----------------------------------------------------------------------------

    _onConnection(ws, req) {
        if (this.closed) {
            ws.terminate();
            return;
        }
        const sock = {
            id: this.nextSocketId++,
            ws,
            origin: req.headers.origin || null,
            state: 'PAIRING', // open, no hello yet (the page's state at that moment too)
            pageState: null,
            token: null,
            sessionWid: null,
            keys: null, // { noisePub, identityPub } from hello
            batch: [],
            batchIndex: -1,
            currentRef: null,
            refExpiresAt: null,
            refTimer: null,
            code: null,
            pendingPair: null,
            syncTimer: null,
            closed: false,
        };
        this.sockets.set(sock.id, sock);
        this._log('socket-open', { socketId: sock.id, origin: sock.origin });
        ws.on('message', (data) => {
            let msg;
            try {
                msg = JSON.parse(String(data));
            } catch {
                this._log('protocol-error', { socketId: sock.id, error: 'invalid JSON' });
                return;
            }
            try {
                this._onMessage(sock, msg);
            } catch (err) {
                this._log('protocol-error', { socketId: sock.id, error: err.message });
            }
        });
        ws.on('close', () => this._onClose(sock));
        ws.on('error', () => {});
    }

    _send(sock, msg) {
        if (sock.closed || sock.ws.readyState !== sock.ws.OPEN) return false;
        sock.ws.send(JSON.stringify(msg));
        return true;
    }

    _onClose(sock) {
        if (sock.closed) return;
        sock.closed = true;
        this._clearTimer(sock.refTimer);
        this._clearTimer(sock.syncTimer);
        sock.currentRef = null;
        sock.refExpiresAt = null;
        if (sock.code) {
            // A closed socket takes its pairing code with it.
            this._log('code-cancelled', { socketId: sock.id, phone: sock.code.phone, reason: 'socket-closed' });
            sock.code = null;
        }
        if (sock.pendingPair) this._finishPair(sock, { ok: false, reason: 'socket-closed' });
        if (sock.pendingFinish) sock.pendingFinish.reject(new Error('socket closed'));
        this.sockets.delete(sock.id);
        this._log('socket-closed', { socketId: sock.id });
    }

    _onMessage(sock, msg) {
        switch (msg.type) {
            case 'hello':
                return this._onHello(sock, msg);
            case 'page_state':
                sock.pageState = msg.state;
                this._log('page-state', { socketId: sock.id, state: msg.state });
                return;
            case 'companion_hello':
                return this._onCompanionHello(sock, msg);
            case 'qr_linking':
                // initializeQRLinking(): the page went back to QR, so any live code is void.
                if (sock.code) {
                    this._log('code-cancelled', { socketId: sock.id, phone: sock.code.phone, reason: 'qr-linking' });
                    sock.code = null;
                }
                return;
            case 'companion_finish':
                return this._onCompanionFinish(sock, msg);
            case 'pair_result':
                return this._onPairResult(sock, msg);
            case 'logout':
                return this._onLogout(sock, msg);
            default:
                this._log('protocol-error', { socketId: sock.id, error: `unknown message type ${msg.type}` });
        }
    }

    _onHello(sock, msg) {
        sock.keys = { noisePub: msg.noisePub || null, identityPub: msg.identityPub || null };
        // The window size comes along so tests can check a client's viewport option.
        this._log('hello', { socketId: sock.id, withToken: !!msg.token, viewport: msg.viewport || null });
        if (msg.token) {
            const session = this.sessions.get(msg.token);
            if (session) {
                sock.token = msg.token;
                sock.sessionWid = session.wid;
                this._log('session-restored', { socketId: sock.id, wid: session.wid });
                this._connect(sock, session);
                return;
            }
            // Unknown (logged out elsewhere, or another simulator's) token: the page clears its
            // session and carries on unpaired on this same socket.
            this._log('session-unknown', { socketId: sock.id });
            this._send(sock, { type: 'session_invalid' });
        }
        this._startBatch(sock);
    }

    _connect(sock, session) {
        sock.state = 'CONNECTED';
        // syncBeforeConnected (real mode): on the first connection after a pairing the page's
        // hasSynced turns true before its Socket.state reads CONNECTED (the sync callbacks set it
        // independently of the socket state); the state follows connectedAfterSyncMs later.
        const syncFirst = this.options.realSequence && this.options.syncBeforeConnected && this._freshLogins.has(session.token);
        this._freshLogins.delete(session.token);
        this._send(sock, { type: 'connected', wid: session.wid, lid: session.lid, pushname: session.pushname, platform: 'android', deferState: syncFirst });
        // Offline delivery after login: 0, 25, 50, 75, 100 then the first critical sync is done.
        const steps = [0, 25, 50, 75, 100];
        let i = 0;
        const step = () => {
            sock.syncTimer = null;
            if (sock.closed) return;
            if (i < steps.length) {
                const value = steps[i++];
                this._send(sock, { type: 'offline_progress', value });
                this._log('sync-progress', { socketId: sock.id, value });
                sock.syncTimer = this._setTimer(step, this.options.syncStepMs);
            } else {
                this._send(sock, { type: 'synced' });
                this._log('synced', { socketId: sock.id, wid: session.wid });
                if (syncFirst) {
                    sock.syncTimer = this._setTimer(() => {
                        sock.syncTimer = null;
                        if (this._send(sock, { type: 'state_connected' })) this._log('connected-after-sync', { socketId: sock.id, wid: session.wid });
                    }, this.options.connectedAfterSyncMs);
                }
            }
        };
        sock.syncTimer = this._setTimer(step, this.options.syncStepMs);
    }

    // ---- refs -------------------------------------------------------------------------------

    _startBatch(sock) {
        sock.state = 'UNPAIRED';
        sock.batch = [];
        for (let i = 0; i < this.options.refsPerBatch; i++) {
            const ref = newRef();
            sock.batch.push(ref);
            this.refs.set(ref, sock.id);
        }
        sock.batchIndex = -1;
        this._log('batch-issued', { socketId: sock.id, size: sock.batch.length });
        this._nextRef(sock);
    }

    _nextRef(sock) {
        sock.refTimer = null;
        if (sock.closed || sock.state !== 'UNPAIRED') return;
        sock.batchIndex++;
        if (sock.batchIndex >= sock.batch.length) {
            // The batch is used up: nothing is current until the page restarts its socket.
            sock.currentRef = null;
            sock.refExpiresAt = null;
            sock.state = 'UNPAIRED_IDLE';
            this._send(sock, { type: 'refs_exhausted' });
            this._log('refs-exhausted', { socketId: sock.id });
            return;
        }
        const ttl = sock.batchIndex === 0 ? this.options.firstRefTtlMs : this.options.nextRefTtlMs;
        const ref = sock.batch[sock.batchIndex];
        sock.currentRef = ref;
        sock.refExpiresAt = Date.now() + ttl;
        this._send(sock, { type: 'ref', ref, ttl, index: sock.batchIndex, batchSize: sock.batch.length, batchStart: sock.batchIndex === 0 });
        this._log('ref-issued', { socketId: sock.id, ref, index: sock.batchIndex, ttlMs: ttl });
        sock.refTimer = this._setTimer(() => this._nextRef(sock), ttl);
    }

    _stopRefs(sock) {
        this._clearTimer(sock.refTimer);
        sock.refTimer = null;
        sock.currentRef = null;
        sock.refExpiresAt = null;
    }

    // ---- the phone: scanning ----------------------------------------------------------------

    async _scan(qrText) {
        if (this.closed) return { ok: false, reason: 'closed' };
        const qr = parseQr(qrText);
        if (!qr) {
            this._log('scan-refused', { reason: 'malformed', qr: String(qrText).slice(0, 200) });
            return { ok: false, reason: 'malformed' };
        }
        const socketId = this.refs.get(qr.ref);
        if (socketId === undefined) {
            this._log('scan-refused', { reason: 'unknown-ref', ref: qr.ref });
            return { ok: false, reason: 'unknown-ref' };
        }
        const sock = this.sockets.get(socketId);
        if (
            !sock ||
            sock.state !== 'UNPAIRED' ||
            sock.pendingPair ||
            sock.currentRef !== qr.ref ||
            Date.now() >= sock.refExpiresAt
        ) {
            this._log('scan-refused', { reason: 'stale-ref', ref: qr.ref, socketId });
            return { ok: false, reason: 'stale-ref' };
        }
        if (
            sock.keys &&
            (qr.noisePub !== sock.keys.noisePub || qr.identityPub !== sock.keys.identityPub)
        ) {
            // The phone would run the Noise handshake and sign for keys this browser does not
            // hold: pairing cannot work. Real WhatsApp fails later and less clearly; we say so.
            this._log('scan-refused', { reason: 'key-mismatch', ref: qr.ref, socketId });
            return { ok: false, reason: 'key-mismatch' };
        }
        const wid = `${this.options.scanPhoneNumber}@c.us`;
        this._log('scan-ok', { socketId, ref: qr.ref, platform: qr.platform });
        return this._sendPairSuccess(sock, { secret: qr.advSecret, wid, via: 'qr' });
    }

    // pair-success: `details` with an HMAC keyed by the ADV secret the phone knows (from the QR it
    // scanned, or derived in the code exchange). The page checks it against the secret it holds now.
    _sendPairSuccess(sock, { secret, wid, via }) {
        this._stopRefs(sock);
        sock.state = 'PAIR_SUCCESS_SENT';
        const details = randomB64(64);
        const hmac = hmacB64(secret, details);
        return new Promise((resolve) => {
            sock.pendingPair = {
                resolve,
                wid,
                via,
                timer: this._setTimer(
                    () => this._finishPair(sock, { ok: false, reason: 'no-answer' }),
                    this.options.pairAnswerTimeoutMs,
                ),
            };
            if (!this._send(sock, { type: 'pair_success', details, hmac, wid, platform: 'android' })) {
                this._finishPair(sock, { ok: false, reason: 'socket-closed' });
                return;
            }
            this._log('pair-success-sent', { socketId: sock.id, via, wid });
        });
    }

    _onPairResult(sock, msg) {
        const pending = sock.pendingPair;
        if (!pending) return;
        if (msg.ok) {
            const token = randomB64(32);
            // The name the phone lists the linked device under, as the page reported it when it
            // accepted the pair-success (WAWebMiscBrowserUtils.info() at that moment). Only a
            // string of bounded length is kept: it comes from the page.
            const display = typeof msg.display === 'string' ? msg.display.slice(0, 200) : null;
            const session = {
                token,
                wid: pending.wid,
                // WhatsApp accounts also have a LID (a second, privacy-preserving id).
                lid: `${crypto.randomInt(1, 10)}${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}${String(crypto.randomInt(0, 1e5)).padStart(5, '0')}`,
                pushname: this.options.pushname,
                via: pending.via,
                display,
                createdAt: Date.now(),
            };
            this.sessions.set(token, session);
            this._freshLogins.add(token);
            sock.token = token;
            sock.sessionWid = session.wid;
            sock.state = 'PAIRED';
            // Like the real server after pair-device-sign, it hands over the login credentials;
            // the page then restarts its socket and logs in with them.
            this._send(sock, { type: 'session', token, wid: session.wid, lid: session.lid, pushname: session.pushname });
            this._log('pair-success', { socketId: sock.id, wid: session.wid, via: pending.via, display });
            this._finishPair(sock, { ok: true, wid: session.wid });
        } else {
            this._log('hmac-mismatch-logout', { socketId: sock.id, via: pending.via });
            this._finishPair(sock, { ok: false, reason: 'hmac-mismatch' });
        }
    }

    _finishPair(sock, result) {
        const pending = sock.pendingPair;
        if (!pending) return;
        sock.pendingPair = null;
        this._clearTimer(pending.timer);
        if (!result.ok && !sock.closed && sock.state === 'PAIR_SUCCESS_SENT') sock.state = 'UNPAIRED_IDLE';
        if (!result.ok && result.reason !== 'hmac-mismatch') {
            this._log('pair-failed', { socketId: sock.id, reason: result.reason });
        }
        pending.resolve(result);
    }

    // ---- pairing codes ----------------------------------------------------------------------

    failNextCodeRequest(spec = {}) {
        const status = spec && typeof spec === 'object' ? spec.status : spec;
        const failure = CODE_FAILURES[status];
        if (!failure) {
            throw Object.assign(new Error(`failNextCodeRequest: status must be 429, 400 or 'unavailable', not ${JSON.stringify(status)}`), { status: 400 });
        }
        this.failNext = { ...failure };
        this._log('fail-next-code-armed', { status: failure.status, text: failure.text });
        return this.failNext;
    }

    _onCompanionHello(sock, msg) {
        const { id, phone, showPushNotification, display, companionEphPub } = msg;
        this._log('companion-hello', {
            socketId: sock.id,
            phone,
            showPushNotification: !!showPushNotification,
            display,
        });
        const refuse = (failure, why) => {
            this._send(sock, { type: 'companion_hello_error', id, status: failure.status, text: failure.text });
            this._log('code-refused', { socketId: sock.id, phone, status: failure.status, text: failure.text, why });
        };
        if (this.failNext) {
            const failure = this.failNext;
            this.failNext = null;
            return refuse(failure, 'injected');
        }
        if (typeof display !== 'string' || !DISPLAY_RE.test(display)) {
            return refuse(CODE_FAILURES[400], 'display');
        }
        if (typeof phone !== 'string' || !PHONE_RE.test(phone)) {
            return refuse(CODE_FAILURES[400], 'phone');
        }
        if (!['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state) || typeof companionEphPub !== 'string') {
            return refuse(CODE_FAILURES[400], 'state');
        }
        const code = newPairingCode();
        if (sock.code) {
            this._log('code-superseded', { socketId: sock.id, phone: sock.code.phone });
        }
        sock.code = { phone, code, createdAt: Date.now(), attempts: 0, companionEphPub, display };
        this._send(sock, { type: 'companion_hello_ok', id, code });
        this._log('code-issued', {
            socketId: sock.id,
            phone,
            code,
            showPushNotification: !!showPushNotification,
        });
    }

    async _typeCode(phoneIn, codeIn) {
        if (this.closed) return { ok: false, reason: 'closed' };
        const phone = String(phoneIn).replace(/^\+/, '');
        const typed = normaliseCode(codeIn);
        const refuse = (reason, extra = {}) => {
            this._log('code-attempt-refused', { phone, reason, ...extra });
            return { ok: false, reason };
        };
        // The live code for this number: the newest one on a socket still waiting for a login.
        let sock = null;
        for (const s of this.sockets.values()) {
            if (s.code && s.code.phone === phone && (!sock || s.code.createdAt >= sock.code.createdAt)) sock = s;
        }
        if (!sock || !['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state) || sock.pendingPair) {
            return refuse('no-live-code');
        }
        const entry = sock.code;
        entry.attempts++; // every attempt counts, right or wrong
        const extra = { socketId: sock.id, attempt: entry.attempts };
        if (entry.attempts > this.options.codeMaxAttempts) return refuse('too-many-attempts', extra);
        if (Date.now() - entry.createdAt > this.options.codeTtlMs) return refuse('expired', extra);
        if (typed !== entry.code) return refuse('wrong-code', extra);

        sock.code = null;
        this._log('code-accepted', { ...extra, phone });
        // From here the socket is pairing by code: its refs stop, and neither a scan nor a
        // second code can interfere.
        this._stopRefs(sock);
        sock.state = 'CODE_EXCHANGE';
        try {
            const secret = await this._codeExchange(sock, entry);
            return await this._sendPairSuccess(sock, { secret, wid: `${phone}@c.us`, via: 'code' });
        } catch (err) {
            if (!sock.closed) sock.state = 'UNPAIRED_IDLE';
            this._log('pair-failed', { socketId: sock.id, reason: 'exchange-failed', error: err.message });
            return { ok: false, reason: sock.closed ? 'socket-closed' : 'exchange-failed' };
        }
    }

    // A model of the three-stage link-code exchange: the phone wraps its ephemeral X25519 key with
    // a PBKDF2-SHA256 (131072 iterations) key derived from the code (primary_hello); the page
    // unwraps it, sends its key bundle encrypted under the shared secret (companion_finish); both
    // sides derive the same ADV secret from the shared secret. The server never sends the secret.
    async _codeExchange(sock, entry) {
        const primary = x25519Generate();
        const salt = crypto.randomBytes(32);
        const iv = crypto.randomBytes(12);
        const key = await pbkdf2Key(entry.code, salt);
        const wrapped = aesGcmEncrypt(key, iv, primary.publicRaw);
        const finished = new Promise((resolve, reject) => {
            sock.pendingFinish = { resolve, reject };
            sock.pendingFinishTimer = this._setTimer(() => {
                sock.pendingFinish = null;
                reject(new Error('no companion_finish'));
            }, this.options.pairAnswerTimeoutMs);
        });
        if (!this._send(sock, { type: 'primary_hello', salt: salt.toString('base64'), iv: iv.toString('base64'), wrapped: wrapped.toString('base64') })) {
            this._clearTimer(sock.pendingFinishTimer);
            sock.pendingFinish = null;
            throw new Error('socket closed');
        }
        this._log('primary-hello-sent', { socketId: sock.id });
        let finish;
        try {
            finish = await finished;
        } finally {
            this._clearTimer(sock.pendingFinishTimer);
            sock.pendingFinish = null;
        }
        const shared = x25519Shared(primary.privateKey, x25519PublicFromRaw(Buffer.from(entry.companionEphPub, 'base64')));
        const bundleKey = hkdf(shared, salt, 'link_code_pairing_key_bundle_encryption_key');
        const bundle = aesGcmDecrypt(bundleKey, Buffer.from(finish.iv, 'base64'), Buffer.from(finish.bundle, 'base64'));
        const expected = Buffer.concat([
            Buffer.from((sock.keys && sock.keys.identityPub) || '', 'base64'),
            Buffer.from((sock.keys && sock.keys.noisePub) || '', 'base64'),
        ]);
        if (!bundle.equals(expected)) throw new Error('companion key bundle does not match hello');
        this._log('companion-finish', { socketId: sock.id });
        return hkdf(shared, salt, 'adv_secret').toString('base64');
    }

    _onCompanionFinish(sock, msg) {
        if (!sock.pendingFinish) return;
        if (msg.error) sock.pendingFinish.reject(new Error(`page: ${msg.error}`));
        else sock.pendingFinish.resolve(msg);
    }

    // ---- other controls ---------------------------------------------------------------------

    // companion_reg_refresh: tell unpaired pages to roll their ADV secret (Conn.ref stays).
    rotateAdvSecret(socketId) {
        let told = 0;
        for (const sock of this.sockets.values()) {
            if (socketId !== undefined && socketId !== null && sock.id !== Number(socketId)) continue;
            if (!['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state)) continue;
            if (this._send(sock, { type: 'companion_reg_refresh' })) {
                told++;
                this._log('adv-rotated', { socketId: sock.id });
            }
        }
        return told;
    }

    // WhatsApp Web reloads itself (updates, some errors) and can be navigated away: tell pages to
    // do so, so clients can be tested for re-attaching. `url` navigates instead of reloading.
    reloadPages({ socketId, url } = {}) {
        let told = 0;
        for (const sock of this.sockets.values()) {
            if (socketId !== undefined && socketId !== null && sock.id !== Number(socketId)) continue;
            if (this._send(sock, url ? { type: 'navigate', url: String(url) } : { type: 'reload' })) {
                told++;
                this._log(url ? 'page-navigate' : 'page-reload', { socketId: sock.id, url: url || null });
            }
        }
        return told;
    }

    // Another browser opened this account's session ("WhatsApp is open on another computer"):
    // the server tells every logged-in page of that wid (all when none is given) and ends its
    // stream. The page goes CONFLICT and stays there; the session itself stays valid, so
    // Socket.reconnect() logs straight back in (Socket.takeover() keeps rejecting: defect 5).
    // Returns how many pages were told.
    conflict({ wid } = {}) {
        const want = normaliseWid(wid);
        let told = 0;
        for (const sock of [...this.sockets.values()]) {
            if (sock.state !== 'CONNECTED' || !sock.sessionWid) continue;
            if (want && sock.sessionWid !== want) continue;
            if (!this._send(sock, { type: 'conflict' })) continue;
            told++;
            sock.state = 'CONFLICT';
            this._clearTimer(sock.syncTimer);
            this._log('conflict', { socketId: sock.id, wid: sock.sessionWid });
            // The page closes on the message; the close code says the same for a page that
            // would see the close first.
            sock.ws.close(CONFLICT_CLOSE_CODE, 'conflict');
        }
        return told;
    }

    // The phone removes the linked device: the server forgets the session(s) of that wid (all
    // when none is given) and tells the pages using them, which fire Cmd 'logout_from_bridge',
    // clear their storage and reload with ?post_logout=1. Returns { forgotten, told }.
    logoutFromPhone({ wid } = {}) {
        const want = normaliseWid(wid);
        let forgotten = 0;
        let told = 0;
        for (const [token, session] of [...this.sessions]) {
            if (want && session.wid !== want) continue;
            this.sessions.delete(token);
            forgotten++;
            let toldHere = 0;
            for (const sock of this.sockets.values()) {
                if (sock.token !== token) continue;
                sock.token = null;
                sock.sessionWid = null;
                if (this._send(sock, { type: 'device_removed' })) toldHere++;
            }
            told += toldHere;
            this._log('logout-from-phone', { wid: session.wid, told: toldHere });
        }
        return { forgotten, told };
    }

    // The server forgets saved sessions of that wid (all when none is given) WITHOUT telling any
    // page: pages already connected carry on, and the next page load presenting such a token gets
    // session_invalid (a saved session the server no longer accepts). Returns how many were
    // forgotten.
    forgetSessions({ wid } = {}) {
        const want = normaliseWid(wid);
        let forgotten = 0;
        for (const [token, session] of [...this.sessions]) {
            if (want && session.wid !== want) continue;
            this.sessions.delete(token);
            forgotten++;
            this._log('session-forgotten', { wid: session.wid });
        }
        return forgotten;
    }

    // Connection faults. dropConnections(): every page WebSocket ends abruptly (no close frame),
    // as when a network path breaks; pages reconnect by themselves with backoff. Returns how many.
    dropConnections() {
        const socks = [...this.sockets.values()];
        for (const sock of socks) {
            sock.ws.terminate();
            this._onClose(sock);
        }
        this._log('server-drop', { dropped: socks.length });
        return socks.length;
    }

    // goAway(ms): drop every WebSocket and refuse new ones for `ms`, then accept again
    // (`server-back`). Pages keep retrying meanwhile (TIMEOUT / OPENING). Returns how many dropped.
    goAway(ms) {
        if (!(Number.isFinite(ms) && ms >= 0)) {
            throw Object.assign(new Error(`goAway: ms must be a non-negative number, not ${JSON.stringify(ms)}`), { status: 400 });
        }
        this._awayUntil = Date.now() + ms;
        this._log('server-away', { ms });
        const dropped = this.dropConnections();
        this._clearTimer(this._awayTimer);
        this._awayTimer = this._setTimer(() => {
            this._awayTimer = null;
            this._awayUntil = 0;
            this._log('server-back', {});
        }, ms);
        return dropped;
    }

    _onLogout(sock, msg) {
        const token = msg.token || sock.token;
        const session = token && this.sessions.get(token);
        if (session) this.sessions.delete(token);
        this._log('logout', { socketId: sock.id, wid: session ? session.wid : null, reason: msg.reason || 'user' });
        sock.token = null;
        sock.sessionWid = null;
        this._send(sock, { type: 'logout_ack' });
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
                bundleBytes: o.heavyPage ? o.bundleBytes : undefined,
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
