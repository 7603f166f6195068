// client.revokeStatusMessage(messageId), as whatsapp-web.js main does it (Client.js:2796-2826):
// the account's own status (Status.getMyStatus), the message (Msg.get, else getMessagesById),
// which must be the account's own status message, then sendStatusRevokeMsgAction(status, msg).
// Where whatsapp-web.js resolves undefined (no status, no message) or throws a text, an { error }.
async function revokeStatus(messageId) {
  const { Status, Msg } = need('WAWebCollections', 'Status.getMyStatus', 'Msg');
  const msg = Msg.get(messageId) || (await Msg.getMessagesById([messageId]))?.messages?.[0];
  if (!msg) return { error: 'no-message' };
  if (!msg.id.fromMe || !msg.id.remote.isStatus()) return { error: 'not-own-status' };
  if (msg.type === 'revoked') return { error: 'revoked' };
  const status = Status.getMyStatus();
  if (!status) return { error: 'no-message' };
  await need('WAWebRevokeStatusAction', 'sendStatusRevokeMsgAction').sendStatusRevokeMsgAction(status, msg);
  return { ok: true };
}
