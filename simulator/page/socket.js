// The page's WebSocket to the simulator's server and the state machine on it: the ADV secret,
// launch/stop/restart with backoff, every server message (refs, pair-success and its HMAC check,
// the companion side of the code exchange, login and offline sync, conflict), and logout.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, registry,
// socket), so the names below are shared with the other parts exactly as in one file.

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
            const wrapKey = await codeKey(alt.code, salt, 'AES-GCM', 'decrypt');
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
