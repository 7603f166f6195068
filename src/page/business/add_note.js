// client.addOrEditCustomerNote(userId, note): the chat's customer note gets this text, as
// whatsapp-web.js main 2dc9466 does it (src/Client.js:3333-3357): only when
// WAWebBizGatingUtils.smbNotesV1Enabled() (a WhatsApp Business account; whatsapp-web.js then
// quietly does nothing, here it is answered), then WAWebNoteAction.noteAddAction('unstructured',
// <the user's jid>, note).
async function addCustomerNote(userId, note) {
  if (!need('WAWebBizGatingUtils', 'smbNotesV1Enabled').smbNotesV1Enabled()) return { notBusiness: true };
  const wid = need('WAWebWidFactory', 'createWid').createWid(userId);
  const jid = need('WAWebWidToJid', 'widToUserJid').widToUserJid(wid);
  await need('WAWebNoteAction', 'noteAddAction').noteAddAction('unstructured', jid, note);
  return { ok: true };
}
