// setDisplayName(name): false when WhatsApp Web says this account cannot change its pushname
// (Conn.canSetMyPushname()), else WAWebSetPushnameConnAction.setPushname and true, as
// whatsapp-web.js main 2dc9466 (src/Client.js:1959-1970). A refusal of the server is handed on
// as a ServerRefusal (server_refusal.js).
async function setDisplayName(name) {
  const { Conn } = need('WAWebConnModel', 'Conn.canSetMyPushname');
  if (!Conn.canSetMyPushname()) return false;
  const actions = need('WAWebSetPushnameConnAction', 'setPushname');
  const refused = await serverRefusal(() => actions.setPushname(name));
  return refused instanceof ServerRefusal ? refused : true;
}
