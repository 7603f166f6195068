// resetState(): restart the socket, as whatsapp-web.js does.
function reconnect() {
  window.require('WAWebSocketModel').Socket.reconnect();
}
