// The modules a login client reads and calls, with their real semantics: the module registry,
// Socket, Conn, Cmd, the ADV secret and noise/identity key stores, browser info, the user's wid,
// WAWebAltDeviceLinkingApi (code linking and back to QR) and refreshQR.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, registry,
// socket), so the names below are shared with the other parts exactly as in one file.

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

    // A linking code: 5 random bytes in 8 characters of the alphabet WhatsApp uses for them
    // (no 0, O, I or U, so that nothing typed on a phone is ambiguous).
    const LINKING_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';
    function newLinkingCode() {
        const bytes = randomBytes(5);
        let bits = 0n;
        for (const b of bytes) bits = (bits << 8n) | BigInt(b);
        let code = '';
        for (let i = 7; i >= 0; i--) code += LINKING_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
        return code;
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
            // The companion picks the code and wraps its ephemeral key with it before it says
            // hello, as WhatsApp Web does (whatsmeow's pair-code.go, which follows it, does the
            // same): 5 random bytes as 8 characters, and a PBKDF2-SHA256 key of 2^17 iterations
            // from the code for AES-CTR over the public key, sent as salt | iv | ciphertext.
            // That key derivation is most of what a code request costs on the real page.
            const code = newLinkingCode();
            const salt = randomBytes(32);
            const iv = randomBytes(16);
            const wrapKey = await codeKey(code, salt, 'AES-CTR', 'encrypt');
            const wrappedPub = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 128 }, wrapKey, alt.pubRaw));
            const info = modules.WAWebMiscBrowserUtils.info();
            const reply = await request({
                type: 'companion_hello',
                phone: String(phoneNumber),
                showPushNotification: !!showPushNotification,
                display: `${info.name} (${info.os})`,
                wrappedCompanionEphPub: encodeB64(concatBytes(salt, iv, wrappedPub)),
                // Not on the real wire: the simulator's server also plays the person who reads
                // the code off this screen and types it on the phone.
                code,
            });
            if (reply.type !== 'companion_hello_ok') {
                const err = new t();
                err.status = reply.status;
                err.text = reply.text;
                throw err;
            }
            alt.code = code;
            alt.phone = String(phoneNumber);
            S.lastCode = code;
            render();
            return code;
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
