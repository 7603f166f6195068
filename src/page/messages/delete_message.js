// message.delete(everyone, clearMedia): as whatsapp-web.js's Message.delete
// (src/structures/Message.js): revoke for everyone when the sender may, else delete
// for this device only, through Cmd with WhatsApp Web 2.3000's arguments.
async function deleteMessage(messageId, everyone, clearMedia) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return null;
  const chat = M.Collections.Chat.get(msg.id.remote) || (await M.Collections.Chat.find(msg.id.remote));
  const capability = window.require('WAWebMsgActionCapability');
  const canRevoke = capability.canSenderRevokeMsg(msg) || capability.canAdminRevokeMsg(msg);
  const { Cmd } = window.require('WAWebCmd');
  if (everyone && canRevoke) {
    await Cmd.sendRevokeMsgs(chat, { list: [msg], type: 'message' }, { clearMedia });
  } else {
    await Cmd.sendDeleteMsgs(chat, { list: [msg], type: 'message' }, clearMedia);
  }
  return null;
}
