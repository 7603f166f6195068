// setDisplayName(name): false when WhatsApp Web says this account cannot change its pushname
// (Conn.canSetMyPushname()), else WAWebSetPushnameConnAction.setPushname and true, as
// whatsapp-web.js main 2dc9466 (src/Client.js:1959-1970).
async function setDisplayName(name) {
  const { Conn } = need('WAWebConnModel', 'Conn.canSetMyPushname');
  if (!Conn.canSetMyPushname()) return false;
  await need('WAWebSetPushnameConnAction', 'setPushname').setPushname(name);
  return true;
}
