// One pairing code: alt-device linking must be initialized before every code.
// The code exchange needs a live batch of refs: after the batch ran out
// (UNPAIRED_IDLE), and before every automatic refresh (`refreshSocket`, which
// comes after the batch's 160 s), the socket is restarted first and the code
// requested once it shows fresh refs again, as WhatsApp Web's own reset does.
// Refusals come back as data, not as a thrown minified object, so the client
// can name them (rate limited, bad request, not available).
async function requestCode(phoneNumber, showNotification, refreshSocket, restartWaitMs) {
  const linking = window.require('WAWebAltDeviceLinkingApi');
  const Socket = window.require('WAWebSocketModel').Socket;
  try {
    if (refreshSocket || Socket.state === 'UNPAIRED_IDLE') {
      const oldRef = window.require('WAWebConnModel').Conn.ref;
      window.require('WAWebLaunchSocketUtils').refreshQR();
      if (!(await window.__wwrs.freshRefs(oldRef, restartWaitMs))) {
        return { ok: false, status: 'socket', text: `the socket did not come back with fresh refs (state ${Socket.state})` };
      }
    }
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
