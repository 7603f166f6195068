// resetState(): restart the socket, as whatsapp-web.js does.
function reconnect() {
  need('WAWebSocketModel', 'Socket.reconnect').Socket.reconnect();
}
