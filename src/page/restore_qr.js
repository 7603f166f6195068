// Back to QR login: a fresh socket (fresh refs) and QR linking, which generates
// a fresh ADV secret (alt-device linking had removed it).
async function restoreQr() {
  const linking = window.require('WAWebAltDeviceLinkingApi');
  linking.setPairingType('QR_CODE');
  window.require('WAWebLaunchSocketUtils').refreshQR();
  await linking.initializeQRLinking();
}
