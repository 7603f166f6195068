// client.addOrRemoveLabels(labelIds, chatIds): the chats get exactly the labels `labelIds`, as
// whatsapp-web.js main 2dc9466 does it (src/Client.js:2922-2960): only a WhatsApp Business account
// (WAWebConnModel.Conn.platform 'smba' or 'smbi'), an 'add' action per label, a 'remove' action per
// other label the chats have, then WAWebCollections.Label.addOrRemoveLabels(actions, chats).
// Unlike whatsapp-web.js, a label id or chat id the page does not know is answered (and nothing
// is changed) rather than skipped: a mistyped id would otherwise take every label off the chats.
async function changeLabels(labelIds, chatIds) {
  const { Conn } = need('WAWebConnModel', 'Conn');
  if (!['smba', 'smbi'].includes(Conn.platform)) return { notBusiness: true };
  const Collections = need('WAWebCollections', 'Label.get', 'Label.addOrRemoveLabels', 'Chat');
  const unknownLabels = labelIds.filter((id) => !Collections.Label.get(id));
  if (unknownLabels.length) return { unknownLabels };
  const chats = chatIds.map((id) => Collections.Chat.get(id));
  const unknownChats = chatIds.filter((_, i) => !chats[i]);
  if (unknownChats.length) return { unknownChats };
  const actions = labelIds.map((id) => ({ id, type: 'add' }));
  for (const chat of chats) {
    for (const id of chat.labels || []) {
      if (!actions.some((a) => a.id == id)) actions.push({ id, type: 'remove' });
    }
  }
  await Collections.Label.addOrRemoveLabels(actions, chats);
  return { ok: true };
}
