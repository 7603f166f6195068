// Back to QR login: a fresh socket (fresh refs) and QR linking, which generates
// a fresh ADV secret (alt-device linking had removed it). Returns the first QR
// of the fresh batch, built with the fresh secret, so the client can show it
// without another round trip; null if none came within `waitMs`.
async function restoreQr(waitMs) {
  const linking = window.require('WAWebAltDeviceLinkingApi');
  const oldRef = window.require('WAWebConnModel').Conn.ref;
  const isFresh = (current) => current && !(oldRef && current.qr.startsWith(`${oldRef},`));
  linking.setPairingType('QR_CODE');
  window.require('WAWebLaunchSocketUtils').refreshQR();
  await linking.initializeQRLinking();
  const deadline = Date.now() + waitMs;
  let current = await window.__wwrs.currentQr();
  while (!isFresh(current) && Date.now() < deadline) {
    current = await window.__wwrs.nextQr(deadline - Date.now());
  }
  return isFresh(current) ? current : null;
}
