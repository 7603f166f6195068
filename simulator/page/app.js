'use strict';
// The simulated WhatsApp Web page. It exposes, through window.require(name), the modules a
// browser-driving login client touches (shared/docs/whatsapp-web-login.md, section 1) with their
// real semantics, and talks to the simulator's server over a WebSocket on its own origin.
// Any other module name throws "Requiring unknown module", as on the real page (page/registry.js).
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
    // Option missingModules: never in the registry (window.require throws for them, in both
    // modes), as after an update that renamed them. The page's own code keeps using their objects.
    const MISSING = new Set(CONFIG.missingModules || []);

    // The page's parts by purpose (page/*.js, each says what it holds) go here when served; see
    // simulator/page-assets.js.
    /*__SIM_PARTS__*/

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
        const early = new Set(EARLY_BUNDLES.flat());
        const names = index < CONFIG.bundleCount - 1 ? EARLY_BUNDLES[index] || [] : Object.keys(modules).filter((name) => !early.has(name));
        return names.filter((name) => !MISSING.has(name));
    }

    // The varied heavy page's draws for this load (simulator/heavy-varied.js), carried by the HTML:
    // { load, seed, moduleDelayMs, keysDelayMs, debugForm }, or null on every other page.
    const DRAW = (() => {
        const meta = CONFIG.variedLoads && document.querySelector('meta[name="wa-sim-load"]');
        return meta ? JSON.parse(meta.content) : null;
    })();
    // The simulator's own record of when this load did what (performance.now()), for traces.
    if (DRAW) window.__simLoad = { draw: DRAW, versionAt: null, modulesAt: null, keysAt: null };

    // Debug.VERSION as the chosen variant sets it: one assignment; a property of a Debug object
    // the inline script made earlier; or defineProperty (which no setter on window.Debug sees).
    // The varied heavy page draws per load between an object and a property with a getter.
    function announceVersion() {
        if (DRAW) {
            const debug = { VERSION };
            if (DRAW.debugForm === 'property') Object.defineProperty(window, 'Debug', { get: () => debug, configurable: true, enumerable: true });
            else window.Debug = debug;
            window.__simLoad.versionAt = performance.now();
        } else if (CONFIG.debugVariant === 'define-property') {
            Object.defineProperty(window, 'Debug', { value: { VERSION }, configurable: true, enumerable: true, writable: true });
        } else if (CONFIG.debugVariant === 'late-property' && window.Debug && typeof window.Debug === 'object') {
            window.Debug.VERSION = VERSION;
        } else {
            window.Debug = { VERSION };
        }
    }

    // Real mode: Debug.VERSION first, then each bundle's modules once it arrived and the saved
    // state is read; the socket starts when the last one is in. The varied heavy page also waits
    // for its module gate (answered the drawn moduleDelayMs after Debug.VERSION) before any module
    // registers, and makes the keys (starts the socket) the drawn keysDelayMs after the modules.
    async function bootReal() {
        const loader = window.__simLoader;
        announceVersion();
        const arrived = new Set();
        const registered = new Set();
        let loaded = false;
        let launched = false;
        let gateOpen = !DRAW;
        if (DRAW) {
            // A script, as the module bundle it stands for: inserted before `load`, it holds the
            // document's load event until it ran (whatsapp-web.js waits for load, then requires).
            // On the real page the modules are defined when their bundle runs, so they are there
            // by `load`. Here they register once the saved state is read too (an IndexedDB read,
            // which holds nothing): while it is not, the gate asks again, 20 ms at a time, from its
            // own load handler, so `load` stays held until the modules are in (a busy machine
            // read the state after `load`, and whatsapp-web.js then found no WAWebSocketModel).
            const ask = (ms) => {
                const gate = document.createElement('script');
                gate.async = true;
                gate.src = `/module-gate.js?load=${DRAW.load}&ms=${ms}`;
                gate.onload = () => {
                    if (!loaded) return ask(20);
                    gateOpen = true;
                    registerArrived();
                };
                gate.onerror = () => {
                    console.error('module gate failed');
                    gateOpen = true;
                    registerArrived();
                };
                document.head.appendChild(gate);
            };
            ask(DRAW.moduleDelayMs);
        }
        const launch = () => {
            if (DRAW) window.__simLoad.keysAt = performance.now();
            render();
            launchSocket();
        };
        const registerArrived = () => {
            if (!loaded || !gateOpen) return;
            for (const index of arrived) {
                if (registered.has(index)) continue;
                registered.add(index);
                for (const name of bundleModules(index)) window.__d(name, [], () => modules[name]);
            }
            if (registered.size === CONFIG.bundleCount && !launched) {
                launched = true;
                if (!DRAW) return launch();
                window.__simLoad.modulesAt = performance.now();
                setTimeout(launch, DRAW.keysDelayMs);
            }
        };
        loader.onBundle((index) => {
            arrived.add(index);
            registerArrived();
        });
        await loadSaved({ generate: false });
        // The last bundle registers every module the page models, the account's world among them
        // (page/account*.js, a later script of the document): wait until the document's scripts ran.
        if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
        loaded = true;
        registerArrived();
    }

    (REAL ? bootReal() : boot()).catch((err) => {
        console.error('simulator page failed to start', err);
        const el = document.getElementById('state');
        if (el) el.textContent = `page failed to start: ${err && err.message}`;
    });
})();
