// One pairing code: alt-device linking must be initialized before every code.
// Refusals come back as data, not as a thrown minified object, so the client
// can name them (rate limited, bad request, not available).
async function requestCode(phoneNumber, showNotification) {
  const linking = window.require('WAWebAltDeviceLinkingApi');
  try {
    linking.setPairingType('ALT_DEVICE_LINKING');
    await linking.initializeAltDeviceLinking();
    const code = await linking.startAltLinkingFlow(phoneNumber, showNotification);
    return { ok: true, code: String(code) };
  } catch (error) {
    const field = (name) => (error && error[name] != null ? String(error[name]) : '');
    return {
      ok: false,
      status: field('status') || field('statusCode') || field('code'),
      text: field('text') || field('reason') || field('message'),
    };
  }
}
