// logout(): WhatsApp Web forgets the session and reloads into a fresh login.
// The real Socket.logout() returns before the unpair reached the server; the
// client waits for the page's own signal (Cmd `logout`, then the reload).
async function logout() {
  await need('WAWebSocketModel', 'Socket.logout').Socket.logout();
}
