// message.edit(content, options): as whatsapp-web.js (main 2dc9466 src/structures/Message.js:
// 875-943, Injected/Utils.js:588-628): the message by id; when WAWebMsgActionCapability says
// its text or caption may be edited, mentions and group mentions as wids, the link preview's
// fields, options.extra over them, then
// WAWebSendMessageEditAction.sendMessageEdit(msg, content, options) and the message as it is
// now. Unlike whatsapp-web.js (which answers null), a message this account did not send or
// cannot edit is an error; a blank text edits nothing ({ message: null }). Returns { message }
// or { error }.
async function editMessage(messageId, content, options) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { error: 'not-found' };
  if (!msg.id.fromMe) return { error: 'not-sender' };
  const capability = need('WAWebMsgActionCapability', 'canEditText', 'canEditCaption');
  if (!(capability.canEditText(msg) || capability.canEditCaption(msg))) return { error: 'not-editable', detail: msg.type };
  // A blank text replaces nothing: null, as whatsapp-web.js answers for an edit it does not make.
  if (!content.trim()) return { message: null };
  const { createWid } = need('WAWebWidFactory', 'createWid');
  let internal = { mentionedJidList: options.mentions.map((id) => createWid(id)).filter(Boolean) };
  if (options.groupMentions) {
    internal.groupMentions = options.groupMentions.map((g) => ({ groupSubject: g.groupSubject, groupJid: createWid(g.groupJid) }));
  }
  if (options.linkPreview) {
    const link = need('WALinkify', 'findLink').findLink(content);
    if (link) {
      const preview = await need('WAWebLinkPreviewChatAction', 'getLinkPreview').getLinkPreview(link);
      if (preview) internal = { ...internal, ...preview, preview: true, subtype: 'url' };
    }
  }
  await need('WAWebSendMessageEditAction', 'sendMessageEdit').sendMessageEdit(msg, content, { ...internal, ...(options.extra || {}) });
  const now = need('WAWebCollections', 'Msg').Msg.get(msg.id._serialized);
  return { message: now ? M.message(now) : null };
}
