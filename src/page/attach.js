// Hooks WhatsApp Web's login modules once per document and reports the socket state.
// Every callback goes to the client through the CDP binding; the QR text is built
// here, at the moment the ref or the ADV secret changes, from what the page holds
// then, so no QR is ever assembled from a cached secret.
async function attach(bindingName, deviceName, browserName) {
  const send = (message) => window[bindingName](JSON.stringify(message));
  const Socket = need('WAWebSocketModel', 'Socket').Socket;

  if (!window.__wwrs) {
    // Every require of the QR's internals first: if a bundle is still missing this
    // throws before any listener is installed, and the client simply attaches again
    // later (or, 30 s after the page loaded, names what is missing).
    const Conn = need('WAWebConnModel', 'Conn').Conn;
    const MultiDevice = need('WAWebUserPrefsMultiDevice', 'getADVSecretKey');
    const encodeB64 = need('WABase64', 'encodeB64').encodeB64;
    const platform = need('WAWebCompanionRegClientUtils', 'DEVICE_PLATFORM').DEVICE_PLATFORM;
    const noiseInfo = need('WAWebUserPrefsInfoStore', 'waNoiseInfo').waNoiseInfo;
    const signalStore = need('WAWebSignalStoreApi', 'waSignalStore').waSignalStore;
    // Not needed for the QR: without it the login goes on without logout events and
    // loading_screen (client.getPageSupport() and the WWRS_PAGE_CHANGED warning say so).
    let Cmd = null;
    try {
      Cmd = need('WAWebCmd', 'Cmd.on').Cmd;
    } catch (_) {
      Cmd = null;
    }

    // The two public keys belong to the browser profile. On a fresh profile they
    // are null until the socket starts, so they are read when a QR is built and
    // kept only once both exist.
    let keys = null;
    const readKeys = async () => {
      if (keys) return keys;
      const noise = await noiseInfo.get();
      const registration = await signalStore.getRegistrationInfo();
      const noisePub = noise && noise.staticKeyPair && noise.staticKeyPair.pubKey;
      const identityPub = registration && registration.identityKeyPair && registration.identityKeyPair.pubKey;
      if (!noisePub || !identityPub) return null;
      keys = { noise: encodeB64(noisePub), identity: encodeB64(identityPub) };
      return keys;
    };

    let seq = 0;
    let lastQr = null;
    // The QR the page holds now as { seq, qr } (seq grows with every new QR), or null.
    const currentQr = async () => {
      const k = await readKeys();
      // From here on everything is synchronous, so the ref, the secret and the
      // state are read together and seq stays in step with lastQr.
      return qrOf(k, Socket.state === 'UNPAIRED');
    };
    // The QR of the ref and secret the page holds now, with keys `k`; `showing`:
    // whether the socket shows the ref. A ref is only scannable while the socket
    // shows it, and only with a secret.
    const qrOf = (k, showing) => {
      const ref = Conn.ref;
      const secret = MultiDevice.getADVSecretKey();
      if (!k || !ref || !secret || !showing) return null;
      const qr = [ref, k.noise, k.identity, secret, platform].join(',');
      if (qr !== lastQr) {
        lastQr = qr;
        seq += 1;
      }
      return { seq, qr };
    };
    // Callers of nextQr() waiting for the next new QR (cancelPairingCode's restore).
    const waiters = [];
    // Called with every new QR in the same turn as it is pushed (see watchQr).
    const watchers = new Set();
    // Pushes run one after another, so QRs reach the client in the order built.
    let pushing = Promise.resolve();
    // Watchers first: a call answering with this QR (its binding message) then
    // reaches the client one message earlier; the QR pushed after it is the same.
    const announce = (current) => {
      for (const watch of [...watchers]) watch(current);
      send({ t: 'qr', seq: current.seq, qr: current.qr });
      for (const wake of waiters.splice(0)) wake(current);
    };
    // A ref the server has just sent (change:ref) is scannable from that moment,
    // as whatsapp-web.js takes it, though for the first ref of a socket the state
    // still reads PAIRING: UNPAIRED follows after the page's own listeners have
    // run. Pushed in this turn (once the keys are known), so a caller waiting for
    // it (cancelPairingCode's restore) does not wait for those listeners too. A
    // push queued meanwhile then finds nothing new.
    const pushRefQr = () => {
      const before = lastQr;
      const current = qrOf(keys, Socket.state === 'UNPAIRED' || Socket.state === 'PAIRING');
      if (current && current.qr !== before) announce(current);
    };
    const pushQr = () => {
      pushing = pushing
        .then(async () => {
          const before = lastQr;
          const current = await currentQr();
          if (current && current.qr !== before) announce(current);
        })
        .catch(() => {
          // A key store that failed now may work for the next ref.
        });
      return pushing;
    };
    // Resolves with the next new QR, or null after `ms`.
    const nextQr = (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), ms);
        waiters.push((qr) => {
          clearTimeout(timer);
          resolve(qr);
        });
      });
    // Calls `fn` with every new QR as it is pushed, until the returned function is called:
    // synchronously, so a caller can answer with it without waiting for its own awaits.
    const watchQr = (fn) => {
      watchers.add(fn);
      return () => watchers.delete(fn);
    };
    // Hands a page function's result to the client ahead of the function's own CDP answer
    // (src/browser/page_returns.rs): `id` is the one the client passed in.
    const ret = (id, value) => send({ t: 'ret', id, v: value });
    // Resolves true once `holds()` is true (checked now and on every socket
    // state or ref change), or false after `ms`.
    const until = (holds, ms) =>
      new Promise((resolve) => {
        if (holds()) return resolve(true);
        const onChange = () => {
          if (holds()) finish(true);
        };
        const finish = (result) => {
          clearTimeout(timer);
          Socket.off('change:state', onChange);
          Conn.off('change:ref', onChange);
          resolve(result);
        };
        const timer = setTimeout(() => finish(false), ms);
        Socket.on('change:state', onChange);
        Conn.on('change:ref', onChange);
      });

    Socket.on('change:state', (_model, state) => {
      send({ t: 'state', v: state });
      pushQr();
    });
    Socket.on('change:hasSynced', (_model, synced) => {
      if (synced !== false) send({ t: 'synced' });
    });
    Conn.on('change:ref', pushQr);
    // companion_reg_refresh rotates the secret under the *same* ref. Not used by
    // whatsapp-web.js: without the emitter the QR is still rebuilt on the next ref.
    if (MultiDevice.advSecretEventEmitter && typeof MultiDevice.advSecretEventEmitter.on === 'function') {
      MultiDevice.advSecretEventEmitter.on('change', pushQr);
    }
    // Logged out (from the phone, or by us): the page reloads into a fresh login.
    if (Cmd) {
      Cmd.on('logout', () => send({ t: 'logout' }));
      Cmd.on('logout_from_bridge', () => send({ t: 'logout' }));
      Cmd.on('offline_progress_update_from_bridge', () => {
        try {
          const Offline = need('WAWebOfflineHandler', 'OfflineMessageHandler.getOfflineDeliveryProgress');
          send({ t: 'progress', v: Number(Offline.OfflineMessageHandler.getOfflineDeliveryProgress()) });
        } catch (_) {
          // Progress is only shown to the user; the login goes on without it.
        }
      });
    }

    window.__wwrs = { currentQr, nextQr, watchQr, pushRefQr, ret, until };
  }

  // The device name the phone shows ("Browser (OS)"), as whatsapp-web.js sets it.
  // Cosmetic: if the module is gone, the phone shows WhatsApp Web's own name.
  let browserUtils = null;
  if (deviceName || browserName) {
    try {
      browserUtils = need('WAWebMiscBrowserUtils', 'info');
    } catch (_) {
      browserUtils = null;
    }
  }
  if (browserUtils && typeof browserUtils.info === 'function') {
    const original = browserUtils.__wwrsOriginalInfo || browserUtils.info;
    browserUtils.__wwrsOriginalInfo = original;
    browserUtils.info = () => ({
      ...original(),
      ...(deviceName ? { os: deviceName } : {}),
      ...(browserName ? { name: browserName } : {}),
    });
  }

  return { state: Socket.state ?? null, hasSynced: Boolean(Socket.hasSynced) };
}
