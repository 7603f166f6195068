// logout(): WhatsApp Web forgets the session and reloads into a fresh login.
async function logout() {
  await window.require('WAWebSocketModel').Socket.logout();
}
