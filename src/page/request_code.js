// One pairing code: alt-device linking must be initialized before every code.
// The code exchange needs a live batch of refs: after the batch ran out
// (UNPAIRED_IDLE), and before every automatic refresh (`refreshSocket`, which
// comes after the batch's 160 s), the socket is restarted first and the code
// requested once it shows fresh refs again, as WhatsApp Web's own reset does.
// Refusals come back as data, not as a thrown minified object, so the client
// can name them (rate limited, bad request, not available).
async function requestCode(phoneNumber, showNotification, refreshSocket, restartWaitMs) {
  const linking = need('WAWebAltDeviceLinkingApi', 'setPairingType', 'initializeAltDeviceLinking', 'startAltLinkingFlow');
  const Socket = need('WAWebSocketModel', 'Socket').Socket;
  const Conn = need('WAWebConnModel', 'Conn').Conn;
  const { refreshQR } = need('WAWebLaunchSocketUtils', 'refreshQR');
  const { until } = window.__wwrs;

  // A fresh socket: refreshQR(), then wait until it shows a ref other than the old one.
  const restartSocket = async () => {
    const oldRef = Conn.ref;
    refreshQR();
    return until(() => Socket.state === 'UNPAIRED' && Conn.ref && Conn.ref !== oldRef, restartWaitMs);
  };
  const socketLost = (state) => ({ ok: false, status: 'socket', text: `the socket did not come back with fresh refs (state ${state})` });
  const ask = async () => {
    linking.setPairingType('ALT_DEVICE_LINKING');
    await linking.initializeAltDeviceLinking();
    return String(await linking.startAltLinkingFlow(phoneNumber, showNotification));
  };
  const refusal = (error) => {
    const field = (name) => (error && error[name] != null ? String(error[name]) : '');
    return {
      ok: false,
      status: field('status') || field('statusCode') || field('code'),
      text: field('text') || field('reason') || field('message'),
    };
  };

  let restarted = false;
  if (refreshSocket || Socket.state === 'UNPAIRED_IDLE') {
    if (!(await restartSocket())) return socketLost(Socket.state);
    restarted = true;
  }
  try {
    return { ok: true, code: await ask() };
  } catch (error) {
    const refused = refusal(error);
    // The batch can run out while the code is asked for: the socket closes
    // under the request. That is no answer from WhatsApp (it has no status);
    // once the page shows the batch is gone, restart the socket and ask again.
    const closedUnder = !restarted && !/^\d+$/.test(refused.status) && (await until(() => Socket.state !== 'UNPAIRED', 2000));
    if (!closedUnder) return refused;
    if (!(await restartSocket())) return socketLost(Socket.state);
    try {
      return { ok: true, code: await ask() };
    } catch (again) {
      return refusal(again);
    }
  }
}
