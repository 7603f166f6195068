// Takes the session back after CONFLICT (another browser opened it).
// Socket.takeover() is what whatsapp-web.js calls, but current WhatsApp Web
// rejects it; reconnecting with the saved credentials is what "Use here" does.
async function takeover() {
  const Socket = need('WAWebSocketModel', 'Socket').Socket;
  try {
    if (typeof Socket.takeover === 'function') {
      await Socket.takeover();
      return 'takeover';
    }
  } catch (_) {
    // Refused: fall through to a reconnect.
  }
  Socket.reconnect();
  return 'reconnect';
}
