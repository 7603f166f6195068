// Hooks WhatsApp Web's login modules once per document and reports the socket state.
// Every callback goes to the client through the CDP binding; the QR text is built
// here, at the moment the ref or the ADV secret changes, from what the page holds
// then, so no QR is ever assembled from a cached secret.
async function attach(bindingName, deviceName, browserName) {
  const send = (message) => window[bindingName](JSON.stringify(message));
  const Socket = window.require('WAWebSocketModel').Socket;

  if (!window.__wwrs) {
    const Conn = window.require('WAWebConnModel').Conn;
    const Cmd = window.require('WAWebCmd').Cmd;
    const MultiDevice = window.require('WAWebUserPrefsMultiDevice');
    const encodeB64 = window.require('WABase64').encodeB64;
    const platform = window.require('WAWebCompanionRegClientUtils').DEVICE_PLATFORM;
    // The two public keys belong to the browser profile and never change within
    // a document; the ADV secret and the ref are read fresh for every QR.
    const noise = await window.require('WAWebUserPrefsInfoStore').waNoiseInfo.get();
    const registration = await window.require('WAWebSignalStoreApi').waSignalStore.getRegistrationInfo();
    const noiseKey = encodeB64(noise.staticKeyPair.pubKey);
    const identityKey = encodeB64(registration.identityKeyPair.pubKey);

    let seq = 0;
    let lastQr = null;
    const buildQr = () => {
      const ref = Conn.ref;
      const secret = MultiDevice.getADVSecretKey();
      // A ref is only scannable while the socket shows it, and only with a secret.
      if (!ref || !secret || Socket.state !== 'UNPAIRED') return null;
      return [ref, noiseKey, identityKey, secret, platform].join(',');
    };
    // Returns { seq, qr } for the QR the page holds now; seq grows with every new QR.
    const currentQr = () => {
      const qr = buildQr();
      if (qr === null) return null;
      if (qr !== lastQr) {
        lastQr = qr;
        seq += 1;
      }
      return { seq, qr };
    };
    // Callers of nextQr() waiting for the next new QR (cancelPairingCode's restore).
    const waiters = [];
    const pushQr = () => {
      const before = lastQr;
      const current = currentQr();
      if (current && current.qr !== before) {
        send({ t: 'qr', seq: current.seq, qr: current.qr });
        for (const wake of waiters.splice(0)) wake(current);
      }
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

    Socket.on('change:state', (_model, state) => {
      send({ t: 'state', v: state });
      pushQr();
    });
    Socket.on('change:hasSynced', (_model, synced) => {
      if (synced !== false) send({ t: 'synced' });
    });
    Conn.on('change:ref', pushQr);
    // companion_reg_refresh rotates the secret under the *same* ref.
    MultiDevice.advSecretEventEmitter.on('change', pushQr);
    // Logged out (from the phone, or by us): the page reloads into a fresh login.
    Cmd.on('logout', () => send({ t: 'logout' }));
    Cmd.on('logout_from_bridge', () => send({ t: 'logout' }));
    Cmd.on('offline_progress_update_from_bridge', () => {
      const progress = window.require('WAWebOfflineHandler').OfflineMessageHandler.getOfflineDeliveryProgress();
      send({ t: 'progress', v: Number(progress) });
    });

    window.__wwrs = { currentQr, nextQr };
  }

  // The device name the phone shows ("Browser (OS)"), as whatsapp-web.js sets it.
  if (deviceName || browserName) {
    const browserUtils = window.require('WAWebMiscBrowserUtils');
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
