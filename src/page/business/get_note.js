// client.getCustomerNote(userId): the chat's customer note, as whatsapp-web.js main 2dc9466 reads
// it (src/Client.js:3371-3398): only when WAWebBizGatingUtils.smbNotesV1Enabled(), then
// WAWebNoteAction.retrieveOnlyNoteForChatJid(<the user's jid>), its serialize() with the chat's
// jid turned into its id (WAWebJidToWid.userJidToUserWid).
async function getCustomerNote(userId) {
  if (!need('WAWebBizGatingUtils', 'smbNotesV1Enabled').smbNotesV1Enabled()) return { notBusiness: true };
  const wid = need('WAWebWidFactory', 'createWid').createWid(userId);
  const jid = need('WAWebWidToJid', 'widToUserJid').widToUserJid(wid);
  const note = await need('WAWebNoteAction', 'retrieveOnlyNoteForChatJid').retrieveOnlyNoteForChatJid(jid);
  const s = note?.serialize();
  if (!s) return { note: null };
  const chatId = need('WAWebJidToWid', 'userJidToUserWid').userJidToUserWid(s.chatJid)._serialized;
  return { note: { chatId, content: s.content, createdAt: s.createdAt, id: s.id, modifiedAt: s.modifiedAt, type: s.type } };
}
