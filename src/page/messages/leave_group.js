// groupChat.leave(): WAWebExitGroupAction.sendExitGroup(chat), as whatsapp-web.js
// (src/structures/GroupChat.js:670-679).
async function leaveGroup(groupId) {
  const M = accountModels();
  const chat = await M.findChat(groupId);
  await window.require('WAWebExitGroupAction').sendExitGroup(chat);
  return null;
}
