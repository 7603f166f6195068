'use strict';
// The simulated WhatsApp Web page. It exposes, through window.require(name), the modules a
// browser-driving login client touches (shared/docs/whatsapp-web-login.md, section 1) with their
// real semantics, and talks to the simulator's server over a WebSocket on its own origin.
// Any other module name gets a permissive stand-in so that clients which poke at dozens of
// internal modules once logged in (whatsapp-web.js's LoadUtils and event listeners) do not throw.
(function () {
    const CONFIG = /*__SIM_CONFIG__*/ {};
    const VERSION = CONFIG.version || '2.3000.0';
    // The close code the server ends our stream with when another browser took the session over.
    const CONFLICT_CLOSE_CODE = CONFIG.conflictCloseCode || 4409;
    // Real-sequence mode (simulator/README.md, "Real-sequence mode"): modules arrive in async
    // bundles after Debug.VERSION, keys are made when the socket starts, logout reaches the server
    // late, the socket closes when the refs run out. Instant mode keeps the friendly order.
    const REAL = !!CONFIG.realSequence;
    const BACKOFF_MS = CONFIG.reconnectBackoffMs ?? 500;
    const BACKOFF_MAX_MS = CONFIG.reconnectBackoffMaxMs ?? 5000;

    // ---- events and models (Backbone-like: the shape WhatsApp Web's models have) -------------

    // Listener lists live outside the objects: clients scan modules with Object.keys looking for
    // a Map (whatsapp-web.js does so on WAWebCallCollection) and must not find our internals.
    const listenerTable = new WeakMap();
    function listenersOf(obj) {
        let table = listenerTable.get(obj);
        if (!table) listenerTable.set(obj, (table = new Map()));
        return table;
    }
    const splitNames = (names) => String(names).split(/\s+/).filter(Boolean);

    class Events {
        on(names, callback, context) {
            if (typeof callback !== 'function') return this;
            const table = listenersOf(this);
            for (const name of splitNames(names)) {
                if (!table.has(name)) table.set(name, []);
                table.get(name).push({ callback, context, once: false });
            }
            return this;
        }
        once(names, callback, context) {
            this.on(names, callback, context);
            for (const name of splitNames(names)) {
                const list = listenersOf(this).get(name);
                list[list.length - 1].once = true;
            }
            return this;
        }
        off(names, callback) {
            const table = listenersOf(this);
            const targets = names == null ? [...table.keys()] : splitNames(names);
            for (const name of targets) {
                if (!table.has(name)) continue;
                if (!callback) table.delete(name);
                else table.set(name, table.get(name).filter((l) => l.callback !== callback));
            }
            return this;
        }
        trigger(name, ...args) {
            const list = listenersOf(this).get(name);
            if (!list || list.length === 0) return this;
            // Copy first: listeners commonly remove themselves while being called.
            for (const l of [...list]) {
                if (l.once) this.off(name, l.callback);
                try {
                    l.callback.apply(l.context || this, args);
                } catch (err) {
                    // A broken listener must not stop the page; WhatsApp Web logs and carries on.
                    console.error(`listener for '${name}' threw`, err);
                }
            }
            return this;
        }
        emit(name, ...args) {
            return this.trigger(name, ...args);
        }
        // As Node's EventEmitter: lets a soak test see that a client does not pile up listeners.
        listenerCount(name) {
            const list = listenersOf(this).get(name);
            return list ? list.length : 0;
        }
        addListener(names, callback) {
            return this.on(names, callback);
        }
        removeListener(names, callback) {
            return this.off(names, callback);
        }
        removeAllListeners(names) {
            return this.off(names);
        }
        listenTo(other, names, callback) {
            if (other && typeof other.on === 'function') other.on(names, callback, this);
            return this;
        }
        stopListening() {
            return this;
        }
    }

    class Model extends Events {
        constructor(attrs) {
            super();
            this.attributes = {};
            for (const [key, value] of Object.entries(attrs)) {
                this.attributes[key] = value;
                // Attributes read and written as plain properties, as clients do (Socket.state).
                Object.defineProperty(this, key, {
                    get: () => this.attributes[key],
                    set: (v) => this.set(key, v),
                    enumerable: true,
                    configurable: true,
                });
            }
        }
        get(key) {
            return this.attributes[key];
        }
        set(key, value) {
            const changes = typeof key === 'object' && key !== null ? key : { [key]: value };
            const changed = [];
            for (const [k, v] of Object.entries(changes)) {
                if (Object.is(this.attributes[k], v)) continue;
                this.attributes[k] = v;
                changed.push(k);
            }
            for (const k of changed) this.trigger(`change:${k}`, this, this.attributes[k]);
            if (changed.length) this.trigger('change', this);
            return this;
        }
        toJSON() {
            return { ...this.attributes };
        }
    }

    // ---- bytes --------------------------------------------------------------------------------

    function toBytes(data) {
        if (data instanceof Uint8Array) return data;
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (Array.isArray(data)) return Uint8Array.from(data);
        throw new TypeError('expected bytes');
    }
    function encodeB64(data) {
        const bytes = toBytes(data);
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
    }
    function decodeB64(str) {
        const s = atob(String(str));
        const out = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
        return out;
    }
    const randomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));
    const utf8 = (s) => new TextEncoder().encode(s);
    const concatBytes = (...parts) => {
        const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
            out.set(p, at);
            at += p.length;
        }
        return out;
    };

    // ---- persistence: IndexedDB, so a session survives a reload and a browser restart ---------

    const DB_NAME = 'wawc';
    const STORE = 'user';
    const storage = {
        db: null,
        memory: new Map(), // only used if IndexedDB is unavailable
        queue: Promise.resolve(),
        open() {
            return new Promise((resolve) => {
                let req;
                try {
                    req = indexedDB.open(DB_NAME, 1);
                } catch (err) {
                    console.warn('IndexedDB unavailable, state will not persist', err);
                    return resolve();
                }
                req.onupgradeneeded = () => req.result.createObjectStore(STORE);
                req.onsuccess = () => {
                    this.db = req.result;
                    resolve();
                };
                req.onerror = () => {
                    console.warn('IndexedDB unavailable, state will not persist', req.error);
                    resolve();
                };
            });
        },
        readAll() {
            if (!this.db) return Promise.resolve(Object.fromEntries(this.memory));
            return new Promise((resolve, reject) => {
                const out = {};
                const tx = this.db.transaction(STORE, 'readonly');
                const req = tx.objectStore(STORE).openCursor();
                req.onsuccess = () => {
                    const cursor = req.result;
                    if (!cursor) return;
                    out[cursor.key] = cursor.value;
                    cursor.continue();
                };
                tx.oncomplete = () => resolve(out);
                tx.onerror = () => reject(tx.error);
            });
        },
        // Writes are serialised so that the last write of a key always wins, and each resolves
        // once committed.
        write(fn) {
            const run = () =>
                new Promise((resolve, reject) => {
                    if (!this.db) {
                        fn(null);
                        return resolve();
                    }
                    const tx = this.db.transaction(STORE, 'readwrite');
                    fn(tx.objectStore(STORE));
                    tx.oncomplete = () => resolve();
                    tx.onerror = () => reject(tx.error);
                    tx.onabort = () => reject(tx.error);
                });
            this.queue = this.queue.then(run, run);
            return this.queue;
        },
        put(values) {
            return this.write((store) => {
                for (const [k, v] of Object.entries(values)) {
                    if (v === null || v === undefined) {
                        if (store) store.delete(k);
                        else this.memory.delete(k);
                    } else if (store) store.put(v, k);
                    else this.memory.set(k, v);
                }
            });
        },
        clear() {
            return this.write((store) => (store ? store.clear() : this.memory.clear()));
        },
    };

    // ---- page state ---------------------------------------------------------------------------

    const S = {
        noise: null, // { pubKey, privKey } (bytes): made once per browser profile
        identity: null,
        registrationId: 0,
        advSecret: null, // base64 or null
        token: null, // the session token the server gave us
        me: null, // { user, lid, pushname, platform }
        progress: 0,
        pairingType: 'QR_CODE',
        alt: null, // alt-device (code) linking: { keyPair, pubRaw, code, phone }
        lastCode: null,
        refPosition: '',
        loggingOut: null,
        logoutPending: false, // real mode: Socket.logout() was called, the unpair not sent yet
    };

    // ---- modules ------------------------------------------------------------------------------

    const modules = Object.create(null);

    const Socket = new Model({ state: 'UNLAUNCHED', hasSynced: false });
    Socket.logout = () => (REAL ? logoutLater() : logout('user'));
    Socket.reconnect = () => restartSocket('reconnect');
    // Current WhatsApp Web rejects a takeover (defect 5 of the shared doc).
    Socket.takeover = () => Promise.reject(new Error('Socket.takeover is not supported by this version of WhatsApp Web'));
    modules.WAWebSocketModel = { Socket };

    const Conn = new Model({
        ref: null,
        refTTL: 0,
        wid: undefined,
        pushname: undefined,
        platform: undefined,
        connected: false,
        battery: undefined,
        plugged: undefined,
    });
    Conn.serialize = () => ({
        ref: Conn.ref,
        refTTL: Conn.refTTL,
        wid: Conn.wid ? { ...Conn.wid } : undefined,
        connected: Conn.connected,
        pushname: Conn.pushname,
        platform: Conn.platform,
        phone: S.me ? { wa_version: '2.25.1.1', device_manufacturer: 'Simulated', device_model: 'Test Phone', os_version: '14' } : undefined,
        locales: navigator.language || 'en-US',
        is24h: true,
    });
    modules.WAWebConnModel = { Conn };

    const Cmd = new Events();
    modules.WAWebCmd = { Cmd };

    modules.WAWebOfflineHandler = {
        OfflineMessageHandler: { getOfflineDeliveryProgress: () => S.progress },
    };

    const advSecretEventEmitter = new Events();
    modules.WAWebUserPrefsMultiDevice = {
        getADVSecretKey: () => S.advSecret,
        advSecretEventEmitter,
    };

    modules.WAWebUserPrefsInfoStore = {
        waNoiseInfo: {
            // null until the keys exist (real mode, fresh profile: until the socket starts), as
            // WhatsApp Web's own callers expect ("Empty noiseInfo or empty regInfo").
            get: async () => (S.noise ? { staticKeyPair: { pubKey: S.noise.pubKey.slice(), privKey: S.noise.privKey.slice() } } : null),
        },
    };
    modules.WAWebSignalStoreApi = {
        waSignalStore: {
            getRegistrationInfo: async () =>
                S.identity
                    ? {
                          registrationId: S.registrationId,
                          identityKeyPair: { pubKey: S.identity.pubKey.slice(), privKey: S.identity.privKey.slice() },
                      }
                    : null,
        },
    };
    modules.WABase64 = { encodeB64, decodeB64 };

    // The device and browser names the phone shows, from the user agent as WhatsApp Web does.
    function browserInfo() {
        const ua = navigator.userAgent;
        let name = 'Chrome';
        let version = (ua.match(/Chrome\/([\d.]+)/) || [])[1];
        if (/Edg\//.test(ua)) [name, version] = ['Edge', (ua.match(/Edg\/([\d.]+)/) || [])[1]];
        else if (/Firefox\//.test(ua)) [name, version] = ['Firefox', (ua.match(/Firefox\/([\d.]+)/) || [])[1]];
        const os = /Windows/.test(ua)
            ? 'Windows'
            : /Mac OS X|Macintosh/.test(ua)
              ? 'Mac OS'
              : /CrOS/.test(ua)
                ? 'Chrome OS'
                : /Linux/.test(ua)
                  ? 'Linux'
                  : 'Unknown';
        return { name, version: version || '', os, ua };
    }
    // Clients replace WAWebMiscBrowserUtils.info to rename the device: always call it through the
    // module object, never through a saved reference.
    modules.WAWebMiscBrowserUtils = { info: browserInfo };
    modules.WAWebCompanionRegClientUtils = {
        DEVICE_PLATFORM: { Chrome: '1', Edge: '2', Firefox: '3' }[browserInfo().name] || '9',
    };
    modules.WAWebAdvSignatureApi = {
        // Present for clients that spread this module; signing happens on the server side here.
        ADV_PREFIX_DEVICE_SIGNATURE: 'advDeviceSignature',
    };

    function makeWid(user, server) {
        const wid = { server, user: String(user), _serialized: `${user}@${server}` };
        Object.defineProperty(wid, 'toString', { value: () => wid._serialized });
        return wid;
    }
    modules.WAWebUserPrefsMeUser = {
        getMaybeMePnUser: () => (S.me ? makeWid(S.me.user, 'c.us') : null),
        getMaybeMeLidUser: () => (S.me && S.me.lid ? makeWid(S.me.lid, 'lid') : null),
    };

    // Errors of the code-linking API are instances of a class named `t`, as in minified WhatsApp
    // Web, with an empty message: the status and text are on the instance.
    class t extends Error {}
    // Named as WhatsApp Web's own WAWebAltDeviceLinkingApi names it.
    class NoiseInfoIsNullError extends Error {
        constructor(message) {
            super(message);
            this.name = 'NoiseInfoIsNullError';
        }
    }
    // Real mode: a code request while the socket is closed because the refs ran out
    // (UNPAIRED_IDLE) cannot reach the server until refreshQR() opened a new one.
    class SocketNotOpenError extends Error {
        constructor(message) {
            super(message);
            this.name = 'SocketNotOpenError';
        }
    }

    modules.WAWebAltDeviceLinkingApi = {
        setPairingType(type) {
            S.pairingType = type;
        },
        async initializeAltDeviceLinking() {
            // Code linking has no use for the QR's ADV secret: it is removed, and a fresh
            // ephemeral key for the code exchange is made.
            S.pairingType = 'ALT_DEVICE_LINKING';
            setAdvSecret(null, false);
            const keyPair = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
            const pubRaw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
            S.alt = { keyPair, pubRaw, code: null, phone: null };
            render();
        },
        async startAltLinkingFlow(phoneNumber, showPushNotification) {
            // WhatsApp Web reads the noise key first and throws when there is none yet.
            if ((await modules.WAWebUserPrefsInfoStore.waNoiseInfo.get()) == null) {
                throw new NoiseInfoIsNullError('alt pairing: noise info is null');
            }
            if (REAL && !ws) {
                throw new SocketNotOpenError(
                    `alt pairing: the socket is not open (${Socket.state}); WAWebLaunchSocketUtils.refreshQR() opens a new one`,
                );
            }
            const alt = S.alt;
            if (!alt || S.pairingType !== 'ALT_DEVICE_LINKING') {
                throw new Error('startAltLinkingFlow: initializeAltDeviceLinking() must be called first');
            }
            const info = modules.WAWebMiscBrowserUtils.info();
            const reply = await request({
                type: 'companion_hello',
                phone: String(phoneNumber),
                showPushNotification: !!showPushNotification,
                display: `${info.name} (${info.os})`,
                companionEphPub: encodeB64(alt.pubRaw),
            });
            if (reply.type !== 'companion_hello_ok') {
                const err = new t();
                err.status = reply.status;
                err.text = reply.text;
                throw err;
            }
            alt.code = reply.code;
            alt.phone = String(phoneNumber);
            S.lastCode = reply.code;
            render();
            return reply.code;
        },
        async initializeQRLinking() {
            // Back to QR: a fresh ADV secret, and the server drops any live pairing code.
            S.pairingType = 'QR_CODE';
            S.alt = null;
            S.lastCode = null;
            send({ type: 'qr_linking' });
            regenerateAdvSecret();
        },
    };

    modules.WAWebLaunchSocketUtils = {
        // Stops and restarts the socket: a fresh batch of refs and a fresh ADV secret follow.
        refreshQR: () => {
            restartSocket('refreshQR');
        },
    };

    // ---- stand-ins for every other module ----------------------------------------------------

    // A callable, constructible, event-emitter-ish no-op whose members are stand-ins too, and which
    // keeps whatever is assigned to it (clients patch module functions). `then` is absent so that
    // awaiting one does not hang.
    function standIn(path) {
        const target = function () {};
        const children = new Map();
        const chain = () => proxy;
        const special = {
            on: chain,
            off: chain,
            once: chain,
            listenTo: chain,
            stopListening: chain,
            trigger: chain,
            emit: chain,
            addListener: chain,
            removeListener: chain,
            getModelsArray: () => [],
            toArray: () => [],
            toString: () => `[stand-in ${path}]`,
            valueOf: () => 0,
            toJSON: () => null,
        };
        const proxy = new Proxy(target, {
            get(tgt, prop) {
                if (typeof prop === 'symbol') {
                    if (prop === Symbol.iterator) return function* () {};
                    if (prop === Symbol.toPrimitive) return () => `[stand-in ${path}]`;
                    return Reflect.get(tgt, prop);
                }
                if (Object.prototype.hasOwnProperty.call(tgt, prop)) return Reflect.get(tgt, prop);
                if (prop === 'then') return undefined;
                if (prop in special) return special[prop];
                if (prop === 'models') return [];
                if (!children.has(prop)) children.set(prop, standIn(`${path}.${prop}`));
                return children.get(prop);
            },
            set(tgt, prop, value) {
                return Reflect.set(tgt, prop, value);
            },
            apply() {
                return undefined;
            },
            construct() {
                return standIn(`new ${path}`);
            },
        });
        return proxy;
    }

    // A collection (Msg, Chat, Contact, …): empty, with the usual members.
    class Collection extends Events {
        constructor(name) {
            super();
            this.models = [];
            this.length = 0;
            this.modelClass = class extends Model {
                constructor(attrs) {
                    super(attrs || {});
                }
            };
            Object.defineProperty(this, 'collectionName', { value: name });
        }
        get() {
            return undefined;
        }
        getModelsArray() {
            return [];
        }
        toArray() {
            return [];
        }
        filter() {
            return [];
        }
        map() {
            return [];
        }
        forEach() {}
        find() {
            return Promise.resolve(undefined);
        }
        add() {
            return [];
        }
        remove() {
            return [];
        }
        serialize() {
            return [];
        }
    }
    // Real members first, stand-ins for anything else a client reaches for.
    function permissive(obj, path) {
        const fallback = new Map();
        return new Proxy(obj, {
            get(tgt, prop, receiver) {
                if (typeof prop === 'symbol' || prop in tgt) return Reflect.get(tgt, prop, receiver);
                if (prop === 'then') return undefined;
                if (!fallback.has(prop)) fallback.set(prop, standIn(`${path}.${prop}`));
                return fallback.get(prop);
            },
        });
    }
    const collections = new Map();
    modules.WAWebCollections = new Proxy(
        {},
        {
            get(tgt, prop) {
                if (typeof prop === 'symbol' || prop === 'then') return undefined;
                if (!collections.has(prop)) collections.set(prop, permissive(new Collection(prop), `WAWebCollections.${prop}`));
                return collections.get(prop);
            },
        },
    );
    {
        // Clients find the call collection's internal Map by scanning its keys.
        const calls = new Collection('Call');
        calls._index = new Map();
        modules.WAWebCallCollection = permissive(calls, 'WAWebCallCollection');
    }

    function requireModule(name) {
        if (!(name in modules)) modules[name] = standIn(String(name));
        return modules[name];
    }

    // ---- extensions: page/account.js (the account's world after login) registers here --------
    const extensionHandlers = new Map();
    window.__waSimPage = {
        Events,
        Model,
        modules,
        makeWid,
        send: (msg) => send(msg),
        me: () => S.me,
        // Returns the wrapped collection: use only that one, so listeners see a single `this`.
        setCollection: (name, collection) => {
            collections.set(name, permissive(collection, `WAWebCollections.${name}`));
            return collections.get(name);
        },
        onServer: (type, handler) => extensionHandlers.set(type, handler),
    };

    // ---- the ADV secret ------------------------------------------------------------------------

    function setAdvSecret(value, announce) {
        S.advSecret = value;
        storage.put({ advSecret: value }).catch((err) => console.error('persisting the ADV secret failed', err));
        if (announce) advSecretEventEmitter.trigger('change', value);
        render();
    }
    function regenerateAdvSecret() {
        setAdvSecret(encodeB64(randomBytes(32)), true);
    }

    // ---- the socket ----------------------------------------------------------------------------

    let ws = null;
    let wsGen = 0;
    let retryTimer = null;
    let retryDelay = BACKOFF_MS;
    let inbox = Promise.resolve();
    let outbox = [];
    let nextRequestId = 1;
    const pending = new Map(); // request id -> { resolve, reject }

    const wsUrl = () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
    const isOpen = () => ws && ws.readyState === WebSocket.OPEN;

    function rawSend(msg) {
        ws.send(JSON.stringify(msg));
    }
    function send(msg) {
        if (isOpen()) rawSend(msg);
        else outbox.push(msg);
    }
    function request(msg, timeoutMs = 30000) {
        const id = nextRequestId++;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                pending.delete(id);
                reject(new Error(`no answer from the server to ${msg.type}`));
            }, timeoutMs);
            pending.set(id, {
                resolve: (v) => {
                    clearTimeout(timer);
                    resolve(v);
                },
                reject: (e) => {
                    clearTimeout(timer);
                    reject(e);
                },
            });
            send({ ...msg, id });
        });
    }
    function failPending(why) {
        for (const [id, p] of pending) {
            pending.delete(id);
            p.reject(new Error(why));
        }
    }

    function launchSocket() {
        clearTimeout(retryTimer);
        retryTimer = null;
        // Real mode, fresh profile: the keys are made now, just before the first hello.
        ensureKeys();
        const gen = ++wsGen;
        Socket.set('state', 'OPENING');
        const sock = new WebSocket(wsUrl());
        ws = sock;
        sock.onopen = () => {
            if (gen !== wsGen) return;
            retryDelay = BACKOFF_MS;
            Socket.set('state', 'PAIRING');
            rawSend({
                type: 'hello',
                token: S.token,
                noisePub: encodeB64(S.noise.pubKey),
                identityPub: encodeB64(S.identity.pubKey),
                platform: modules.WAWebCompanionRegClientUtils.DEVICE_PLATFORM,
                version: VERSION,
                viewport: { width: window.innerWidth, height: window.innerHeight },
            });
            const queued = outbox;
            outbox = [];
            for (const msg of queued) rawSend(msg);
        };
        sock.onmessage = (event) => {
            if (gen !== wsGen) return;
            let msg;
            try {
                msg = JSON.parse(event.data);
            } catch {
                return;
            }
            // A conflict is handled at once, not queued behind slower handlers: the server closes
            // the stream right after it, and the page must not take that close for a lost
            // connection to retry.
            if (msg.type === 'conflict') {
                enterConflict();
                return;
            }
            // One message at a time, in order: some handlers are async (WebCrypto) and a
            // companion_reg_refresh must be applied before a pair_success that follows it.
            inbox = inbox
                .then(() => (gen === wsGen ? handleMessage(msg) : undefined))
                .catch((err) => console.error(`handling ${msg.type} failed`, err));
        };
        sock.onclose = (event) => {
            if (gen !== wsGen) return;
            if (event && event.code === CONFLICT_CLOSE_CODE && !S.loggingOut) {
                enterConflict();
                return;
            }
            ws = null;
            failPending('connection closed');
            if (S.loggingOut) return;
            // Lost connection (or none to be had): wait in TIMEOUT, then OPENING again, with a
            // growing delay, as WhatsApp Web does. The login and hasSynced are kept.
            Socket.set('state', 'TIMEOUT');
            retryTimer = setTimeout(launchSocket, retryDelay);
            retryDelay = Math.min(retryDelay * 2, BACKOFF_MAX_MS);
        };
    }

    function stopSocket() {
        wsGen++;
        clearTimeout(retryTimer);
        retryTimer = null;
        failPending('connection closed');
        outbox = outbox.filter((m) => m.type === 'qr_linking');
        if (ws) {
            const old = ws;
            ws = null;
            try {
                old.close();
            } catch {
                /* already closing */
            }
        }
    }

    // Another browser took this session over. WhatsApp Web stops (no automatic retry) and shows
    // "WhatsApp is open on another computer or browser"; "Use here" reconnects with the session
    // it still holds. Here Socket.reconnect() does that; Socket.takeover() rejects (defect 5).
    function enterConflict() {
        if (Socket.state === 'CONFLICT' || S.loggingOut) return;
        // stopSocket() first: its bump of the socket generation makes the close that follows (and
        // any message still queued) count for nothing, so no retry is scheduled. The server has
        // ended the stream, so this state is not reported to it (its log has `conflict`).
        stopSocket();
        Conn.set('connected', false);
        Socket.set('state', 'CONFLICT');
    }

    function restartSocket() {
        if (S.loggingOut) return;
        stopSocket();
        // The refs of the old socket are dead; a ref that is already unset (after a pair-success)
        // stays as it is.
        if (Conn.ref != null) Conn.set('ref', null);
        launchSocket();
    }

    Socket.on('change:state', (_model, state) => {
        if (isOpen()) rawSend({ type: 'page_state', state });
        render();
    });
    Socket.on('change:hasSynced', render);
    Conn.on('change', render);

    async function handleMessage(msg) {
        switch (msg.type) {
            case 'ref':
                // A new batch brings a new ADV secret, rolled before the first ref is shown so a
                // client that reads both on change:ref renders a valid QR.
                if (msg.batchStart) regenerateAdvSecret();
                S.refPosition = `ref ${msg.index + 1} of ${msg.batchSize}`;
                Conn.set({ refTTL: msg.ttl });
                Conn.set('ref', msg.ref);
                Socket.set('state', 'UNPAIRED');
                return;
            case 'refs_exhausted':
                Socket.set('state', 'UNPAIRED_IDLE');
                if (REAL) {
                    // The batch is over: the socket closes and stays closed (no retry) until
                    // refreshQR(); code requests fail meanwhile.
                    stopSocket();
                }
                return;
            case 'session_invalid':
                // The server does not know our token: forget the session, carry on unpaired.
                S.token = null;
                S.me = null;
                await storage.put({ sessionToken: null, me: null });
                return;
            case 'companion_reg_refresh':
                // Real WhatsApp Web re-renders the current ref with the new secret; Conn.ref stays.
                regenerateAdvSecret();
                return;
            case 'pair_success':
                return onPairSuccess(msg);
            case 'device_removed':
                // The phone removed this linked device; the server already forgot the session.
                return logout('removed-from-phone', { fromBridge: true });
            case 'session':
                S.token = msg.token;
                S.me = { user: msg.wid.split('@')[0], lid: msg.lid, pushname: msg.pushname, platform: 'android' };
                S.alt = null;
                await storage.put({ sessionToken: S.token, me: S.me });
                // Logged in: reconnect with the credentials, as after the server's 515 restart.
                restartSocket('paired');
                return;
            case 'connected':
                S.me = { ...(S.me || {}), user: msg.wid.split('@')[0], lid: msg.lid || (S.me && S.me.lid), pushname: msg.pushname, platform: msg.platform };
                S.progress = 0;
                Conn.set({
                    wid: makeWid(S.me.user, 'c.us'),
                    pushname: msg.pushname,
                    platform: msg.platform,
                    connected: true,
                });
                // deferState (real mode, first login after a pairing): the sync runs first and
                // the state follows with state_connected.
                if (!msg.deferState) Socket.set('state', 'CONNECTED');
                return;
            case 'state_connected':
                Socket.set('state', 'CONNECTED');
                return;
            case 'offline_progress':
                S.progress = msg.value;
                Cmd.trigger('offline_progress_update_from_bridge', msg.value);
                render();
                return;
            case 'synced':
                Socket.set('hasSynced', true);
                return;
            case 'reload':
                location.reload();
                return;
            case 'navigate':
                location.href = msg.url;
                return;
            case 'primary_hello':
                return onPrimaryHello(msg);
            case 'companion_hello_ok':
            case 'companion_hello_error':
            case 'logout_ack': {
                const p = pending.get(msg.id);
                if (p) {
                    pending.delete(msg.id);
                    p.resolve(msg);
                }
                return;
            }
            default:
                if (extensionHandlers.has(msg.type)) return extensionHandlers.get(msg.type)(msg);
                console.warn('unknown message from server', msg.type);
        }
    }

    async function hmacSha256(keyBytes, dataBytes) {
        const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        return new Uint8Array(await crypto.subtle.sign('HMAC', key, dataBytes));
    }

    async function onPairSuccess(msg) {
        // Checked against the secret held NOW, not the one the QR was made with.
        let ok = false;
        if (S.advSecret) {
            const mac = await hmacSha256(decodeB64(S.advSecret), decodeB64(msg.details));
            ok = encodeB64(mac) === msg.hmac;
        }
        if (!ok) {
            send({ type: 'pair_result', ok: false });
            await logout('hmac-mismatch');
            return;
        }
        // The device name the phone lists: WAWebMiscBrowserUtils.info() called through the module
        // now, so a client that replaced info() (whatsapp-web.js's deviceName/browserName) is seen.
        const info = modules.WAWebMiscBrowserUtils.info();
        send({ type: 'pair_result', ok: true, display: `${info.name} (${info.os})` });
        Conn.set('ref', undefined);
    }

    async function hkdf(ikm, salt, info) {
        const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
        return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8(info) }, key, 256));
    }

    // The companion's side of the code exchange (see the server's _codeExchange).
    async function onPrimaryHello(msg) {
        const alt = S.alt;
        try {
            if (!alt || !alt.code) throw new Error('no code linking in progress');
            const salt = decodeB64(msg.salt);
            const pw = await crypto.subtle.importKey('raw', utf8(alt.code), 'PBKDF2', false, ['deriveKey']);
            const wrapKey = await crypto.subtle.deriveKey(
                { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 131072 },
                pw,
                { name: 'AES-GCM', length: 256 },
                false,
                ['decrypt'],
            );
            const primaryPub = new Uint8Array(
                await crypto.subtle.decrypt({ name: 'AES-GCM', iv: decodeB64(msg.iv) }, wrapKey, decodeB64(msg.wrapped)),
            );
            const peer = await crypto.subtle.importKey('raw', primaryPub, { name: 'X25519' }, false, []);
            const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, alt.keyPair.privateKey, 256));
            const bundleKey = await crypto.subtle.importKey(
                'raw',
                await hkdf(shared, salt, 'link_code_pairing_key_bundle_encryption_key'),
                'AES-GCM',
                false,
                ['encrypt'],
            );
            const iv = randomBytes(12);
            const bundle = new Uint8Array(
                await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, bundleKey, concatBytes(S.identity.pubKey, S.noise.pubKey)),
            );
            // The ADV secret now comes from the exchange; pair-success will be checked with it.
            setAdvSecret(encodeB64(await hkdf(shared, salt, 'adv_secret')), false);
            send({ type: 'companion_finish', iv: encodeB64(iv), bundle: encodeB64(bundle) });
        } catch (err) {
            send({ type: 'companion_finish', error: String((err && err.message) || err) });
        }
    }

    // Logging out: the server forgets the session, Cmd says `logout`, storage is cleared and the
    // page reloads with post_logout=1. The returned promise resolves before the reload so that a
    // client awaiting Socket.logout() through a debugging protocol gets its answer.
    // `fromBridge`: the phone ended the session (the server already forgot it), so nothing is
    // sent and Cmd says `logout_from_bridge` instead.
    // Real mode: Socket.logout() returns at once; the unpair goes to the server logoutDelayMs later
    // (WhatsApp Web waits for a sentinel, up to about 20 s, then allows 3 s for the answer), so a
    // page closed or navigated meanwhile never unlinks the device. The socket stays up (and
    // reconnects) until then; the request is queued if it is down at that moment.
    function logoutLater() {
        if (!S.logoutPending && !S.loggingOut) {
            S.logoutPending = true;
            render();
            setTimeout(() => logout('user', { answerTimeoutMs: 3000 }), CONFIG.logoutDelayMs || 0);
        }
        return Promise.resolve();
    }

    function logout(reason, { fromBridge = false, answerTimeoutMs = 2000 } = {}) {
        if (S.loggingOut) return S.loggingOut;
        S.loggingOut = (async () => {
            if (!fromBridge && (isOpen() || REAL)) {
                try {
                    await request({ type: 'logout', token: S.token, reason }, answerTimeoutMs);
                } catch {
                    /* the server may be gone; log out locally anyway */
                }
            }
            Cmd.trigger(fromBridge ? 'logout_from_bridge' : 'logout');
            stopSocket();
            S.token = null;
            S.me = null;
            S.advSecret = null;
            try {
                await storage.clear();
            } catch (err) {
                console.error('clearing storage failed', err);
            }
            try {
                localStorage.clear();
                sessionStorage.clear();
            } catch {
                /* not available */
            }
            setTimeout(() => location.replace('/?post_logout=1'), 100);
        })();
        return S.loggingOut;
    }

    // ---- what a person sees -------------------------------------------------------------------

    let renderQueued = false;
    function render() {
        if (renderQueued) return;
        renderQueued = true;
        queueMicrotask(() => {
            renderQueued = false;
            const set = (id, text) => {
                const el = document.getElementById(id);
                if (el) el.textContent = text;
            };
            const state = Socket.state;
            set(
                'state',
                state +
                    (S.loggingOut || S.logoutPending ? ' (logging out)' : '') +
                    (state === 'CONFLICT' ? ' (open in another browser: Socket.reconnect() takes it back)' : ''),
            );
            let qr = '–';
            if (state === 'UNPAIRED' && typeof Conn.ref === 'string' && S.noise) {
                qr = [Conn.ref, encodeB64(S.noise.pubKey), encodeB64(S.identity.pubKey), S.advSecret, modules.WAWebCompanionRegClientUtils.DEVICE_PLATFORM].join(',');
                if (!S.advSecret) qr += '   (no ADV secret: code linking)';
            } else if (state === 'UNPAIRED_IDLE') {
                qr = 'refs used up: WAWebLaunchSocketUtils.refreshQR() for a new batch';
            }
            set('qr', qr);
            set('ttl', state === 'UNPAIRED' && Conn.refTTL ? `${Conn.refTTL} ms (${S.refPosition})` : '–');
            set('pairing', S.pairingType === 'ALT_DEVICE_LINKING' ? `code linking${S.lastCode ? `: code ${S.lastCode} for +${S.alt && S.alt.phone}` : ''}` : 'QR');
            set('account', S.me ? `${S.me.user}@c.us (${S.me.pushname || ''})` : 'not logged in');
            set('progress', state === 'CONNECTED' ? `${S.progress}%${Socket.hasSynced ? ', synced' : ''}` : '–');
            set('version', VERSION);
        });
    }

    // ---- boot ---------------------------------------------------------------------------------

    // The noise and identity keys, made once per browser profile. `generate: false` (real mode at
    // boot) leaves them null on a fresh profile until ensureKeys() runs as the socket starts.
    async function loadOrMakeKeys(saved, { generate = true } = {}) {
        const updates = {};
        const pair = (name) => {
            if (saved[`${name}Pub`] && saved[`${name}Priv`]) {
                return { pubKey: decodeB64(saved[`${name}Pub`]), privKey: decodeB64(saved[`${name}Priv`]) };
            }
            if (!generate) return null;
            // 32-byte keys, made once per browser profile. The simulator never runs Noise or
            // Signal, so random bytes of the right size serve.
            const kp = { pubKey: randomBytes(32), privKey: randomBytes(32) };
            updates[`${name}Pub`] = encodeB64(kp.pubKey);
            updates[`${name}Priv`] = encodeB64(kp.privKey);
            return kp;
        };
        S.noise = pair('noise');
        S.identity = pair('identity');
        if (!S.noise || !S.identity) {
            S.noise = S.identity = null;
            return;
        }
        S.registrationId = saved.registrationId || 1 + Math.floor(Math.random() * 16380);
        if (!saved.registrationId) updates.registrationId = S.registrationId;
        if (Object.keys(updates).length) await storage.put(updates);
    }

    function ensureKeys() {
        if (S.noise && S.identity) return;
        loadOrMakeKeys({}).catch((err) => console.error('persisting the keys failed', err));
    }

    // The saved state (keys, ADV secret, session, account) from IndexedDB.
    async function loadSaved(keyOptions) {
        await storage.open();
        let saved = {};
        try {
            saved = await storage.readAll();
        } catch (err) {
            console.error('reading saved state failed', err);
        }
        await loadOrMakeKeys(saved, keyOptions);
        S.advSecret = saved.advSecret || null;
        S.token = saved.sessionToken || null;
        S.me = saved.me || null;
    }

    // Instant mode: everything is ready when Debug.VERSION appears.
    async function boot() {
        await loadSaved();
        window.require = requireModule;
        render();
        // Announced last: clients poll Debug.VERSION and then use the modules straight away.
        window.Debug = { VERSION };
        launchSocket();
    }

    // Real mode: which bundle defines which module (the last one brings the rest, the socket
    // among them). The first two hold the key stores and the models, so a client that only waits
    // for some modules can see them defined while the socket is not, and the keys still null.
    const EARLY_BUNDLES = [
        ['WABase64', 'WAWebUserPrefsInfoStore', 'WAWebSignalStoreApi', 'WAWebUserPrefsMultiDevice', 'WAWebCompanionRegClientUtils', 'WAWebMiscBrowserUtils', 'WAWebAdvSignatureApi', 'WAWebUserPrefsMeUser'],
        ['WAWebConnModel', 'WAWebCmd', 'WAWebOfflineHandler', 'WAWebAltDeviceLinkingApi'],
    ];
    function bundleModules(index) {
        if (index < CONFIG.bundleCount - 1) return EARLY_BUNDLES[index] || [];
        const early = new Set(EARLY_BUNDLES.flat());
        return Object.keys(modules).filter((name) => !early.has(name));
    }

    // Debug.VERSION as the chosen variant sets it: one assignment; a property of a Debug object
    // the inline script made earlier; or defineProperty (which no setter on window.Debug sees).
    function announceVersion() {
        if (CONFIG.debugVariant === 'define-property') {
            Object.defineProperty(window, 'Debug', { value: { VERSION }, configurable: true, enumerable: true, writable: true });
        } else if (CONFIG.debugVariant === 'late-property' && window.Debug && typeof window.Debug === 'object') {
            window.Debug.VERSION = VERSION;
        } else {
            window.Debug = { VERSION };
        }
    }

    // Real mode: Debug.VERSION first, then each bundle's modules once it arrived and the saved
    // state is read; the socket starts when the last one is in.
    async function bootReal() {
        const loader = window.__simLoader;
        announceVersion();
        const arrived = new Set();
        const registered = new Set();
        let loaded = false;
        let launched = false;
        const registerArrived = () => {
            if (!loaded) return;
            for (const index of arrived) {
                if (registered.has(index)) continue;
                registered.add(index);
                for (const name of bundleModules(index)) window.__d(name, [], () => modules[name]);
            }
            if (registered.size === CONFIG.bundleCount && !launched) {
                launched = true;
                // From now on a module nobody models is a permissive stand-in, as in instant mode.
                loader.setFallback(requireModule);
                render();
                launchSocket();
            }
        };
        loader.onBundle((index) => {
            arrived.add(index);
            registerArrived();
        });
        await loadSaved({ generate: false });
        loaded = true;
        registerArrived();
    }

    (REAL ? bootReal() : boot()).catch((err) => {
        console.error('simulator page failed to start', err);
        const el = document.getElementById('state');
        if (el) el.textContent = `page failed to start: ${err && err.message}`;
    });
})();
