// groupChat.leave(): WAWebExitGroupAction.sendExitGroup(chat), as whatsapp-web.js
// (src/structures/GroupChat.js:670-679).
async function leaveGroup(groupId) {
  const M = accountModels();
  const chat = await M.findChat(groupId);
  const refused = await serverRefusal(() => need('WAWebExitGroupAction', 'sendExitGroup').sendExitGroup(chat));
  if (refused instanceof ServerRefusal) return refused;
  return null;
}
