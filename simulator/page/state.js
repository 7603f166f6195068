// What the page keeps: byte and base64 helpers, IndexedDB persistence (so a session survives a
// reload and a browser restart), and S, the page's own state record.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, registry,
// socket), so the names below are shared with the other parts exactly as in one file.

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
    // The AES-256 key both sides of the code exchange derive from the 8-character code:
    // PBKDF2-SHA256, 131072 iterations (the CPU cost of a pairing code).
    async function codeKey(code, salt, cipher, usage) {
        const password = await crypto.subtle.importKey('raw', utf8(code), 'PBKDF2', false, ['deriveKey']);
        return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 131072 }, password, { name: cipher, length: 256 }, false, [usage]);
    }
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
