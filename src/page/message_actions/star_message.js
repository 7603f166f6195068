// message.star() / message.unstar(): as whatsapp-web.js (main 2dc9466 src/structures/
// Message.js:670-711): the message by id; when WAWebMsgActionCapability.canStarMsg allows it,
// its chat and Cmd.sendStarMsgs / sendUnstarMsgs(chat, [msg], false). Returns { ok } (false:
// the message may not be starred) or { error: 'not-found' }.
async function starMessage(messageId, star) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { error: 'not-found' };
  if (!need('WAWebMsgActionCapability', 'canStarMsg').canStarMsg(msg)) return { ok: false };
  const chat = await need('WAWebCollections', 'Chat').Chat.find(msg.id.remote);
  const { Cmd } = need('WAWebCmd', star ? 'Cmd.sendStarMsgs' : 'Cmd.sendUnstarMsgs');
  await (star ? Cmd.sendStarMsgs(chat, [msg], false) : Cmd.sendUnstarMsgs(chat, [msg], false));
  return { ok: true };
}
