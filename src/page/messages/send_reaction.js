// client.sendReaction(messageId, reaction) / message.react(): as whatsapp-web.js's
// sendReaction (src/Client.js): WAWebSendReactionMsgAction.sendReactionToMsg.
async function sendReaction(messageId, reaction) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return null;
  await need('WAWebSendReactionMsgAction', 'sendReactionToMsg').sendReactionToMsg(msg, reaction);
  return null;
}
