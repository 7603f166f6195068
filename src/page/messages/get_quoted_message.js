// message.getQuotedMessage(): the message this one quotes, through
// WAWebQuotedMsgModelUtils.getQuotedMsgObj as in whatsapp-web.js's Message.js.
async function getQuotedMessage(messageId) {
  const M = accountModels();
  const found = await M.findMessage(messageId);
  if (!found) return null;
  const quoted = window.require('WAWebQuotedMsgModelUtils').getQuotedMsgObj(found);
  return quoted ? M.message(quoted) : null;
}
