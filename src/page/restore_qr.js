// Back to QR login: a fresh socket (fresh refs) and QR linking, which generates
// a fresh ADV secret (alt-device linking had removed it). Returns the first QR
// of the fresh batch, built with the fresh secret, so the client can show it
// without another round trip; null if none came within `waitMs`.
//
// A QR counts as fresh when both its ref and its secret are new, so it is
// returned as soon as the page holds one, without also waiting for the promise
// of initializeQRLinking() (which may settle after the secret and the first ref
// are in place: waiting for it cost the time between the two). A QR built from
// the new ref and the old secret is never returned: that secret is retired by
// initializeQRLinking(), and scanning it would log the page out.
//
// The fresh QR is taken when the new ref arrives (change:ref, as whatsapp-web.js
// takes its QRs, not after the page's own listeners have run) and handed back
// at once through the binding (`retId`, window.__wwrs.ret), ahead of this
// function's own answer, which comes only after the waits below have unwound.
async function restoreQr(waitMs, retId) {
  const { currentQr, nextQr, watchQr, pushRefQr, ret } = window.__wwrs;
  const linking = need('WAWebAltDeviceLinkingApi', 'setPairingType', 'initializeQRLinking');
  const Conn = need('WAWebConnModel', 'Conn').Conn;
  const { refreshQR } = need('WAWebLaunchSocketUtils', 'refreshQR');
  const oldRef = Conn.ref;
  const oldSecret = need('WAWebUserPrefsMultiDevice', 'getADVSecretKey').getADVSecretKey();
  const isFresh = (current) => {
    if (!current) return false;
    const [ref, , , secret] = current.qr.split(',');
    return ref !== oldRef && !(oldSecret && secret === oldSecret);
  };
  const unwatch = watchQr((pushed) => {
    if (!isFresh(pushed)) return;
    unwatch();
    ret(retId, pushed);
  });
  // Listening before the restart, so the first ref is taken as it arrives.
  const onRef = () => pushRefQr();
  Conn.on('change:ref', onRef);
  try {
    return await restore();
  } finally {
    Conn.off('change:ref', onRef);
    unwatch();
  }

  async function restore() {
    linking.setPairingType('QR_CODE');
    refreshQR();
    let settled = false;
    const linked = Promise.resolve(linking.initializeQRLinking()).then(() => {
      settled = true;
    });
    const deadline = Date.now() + waitMs;
    let current = await currentQr();
    while (!isFresh(current) && Date.now() < deadline) {
      // Whichever comes first: a new QR pushed by the page's events, or QR
      // linking finishing (its secret may arrive under a ref already shown).
      const waits = [nextQr(deadline - Date.now())];
      if (!settled) waits.push(linked.then(() => currentQr()));
      current = await Promise.race(waits);
    }
    if (!isFresh(current)) {
      await linked; // a failure of QR linking is the error to report
      return null;
    }
    linked.catch(() => {}); // settles later; the fresh QR is already in hand
    return current;
  }
}
