// message.getQuotedMessage(): the message this one quotes, through
// WAWebQuotedMsgModelUtils.getQuotedMsgObj as in whatsapp-web.js's Message.js.
async function getQuotedMessage(messageId) {
  const M = accountModels();
  const found = await M.findMessage(messageId);
  if (!found) return null;
  const quoted = need('WAWebQuotedMsgModelUtils', 'getQuotedMsgObj').getQuotedMsgObj(found);
  return quoted ? M.message(quoted) : null;
}
