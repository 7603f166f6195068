// client.info.getBatteryStatus(): `battery` and `plugged` of WhatsApp Web's connection, as
// whatsapp-web.js main 2dc9466 (src/structures/ClientInfo.js:63-68). Deprecated there: current
// WhatsApp Web (multi-device) does not keep them, and both are then null.
function batteryStatus() {
  const { Conn } = need('WAWebConnModel', 'Conn');
  return { battery: typeof Conn.battery === 'number' ? Conn.battery : null, plugged: typeof Conn.plugged === 'boolean' ? Conn.plugged : null };
}
