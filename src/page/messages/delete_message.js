// message.delete(everyone, clearMedia): as whatsapp-web.js's Message.delete
// (src/structures/Message.js): revoke for everyone when the sender may, else delete
// for this device only, through Cmd with WhatsApp Web 2.3000's arguments.
async function deleteMessage(messageId, everyone, clearMedia) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return null;
  const chat = need('WAWebCollections', 'Chat').Chat.get(msg.id.remote) || (await need('WAWebCollections', 'Chat').Chat.find(msg.id.remote));
  const capability = need('WAWebMsgActionCapability', 'canSenderRevokeMsg', 'canAdminRevokeMsg');
  const canRevoke = capability.canSenderRevokeMsg(msg) || capability.canAdminRevokeMsg(msg);
  const { Cmd } = need('WAWebCmd', 'Cmd.sendRevokeMsgs', 'Cmd.sendDeleteMsgs');
  if (everyone && canRevoke) {
    await Cmd.sendRevokeMsgs(chat, { list: [msg], type: 'message' }, { clearMedia });
  } else {
    await Cmd.sendDeleteMsgs(chat, { list: [msg], type: 'message' }, clearMedia);
  }
  return null;
}
