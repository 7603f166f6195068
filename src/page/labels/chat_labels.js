// client.getChatLabels(chatId): the labels of one chat, as whatsapp-web.js main 2dc9466 finds them
// (src/util/Injected/Utils.js:1241-1244): the chat (WWebJS.getChat), its `labels` ids, each looked
// up in WAWebCollections.Label. Null when there is no such chat; an id naming no label is skipped.
async function chatLabels(chatId) {
  const M = accountModels();
  const Label = need('WAWebCollections', 'Label.get').Label;
  const chat = await M.findChat(chatId);
  if (!chat) return null;
  return (chat.labels || [])
    .map((id) => Label.get(id))
    .filter(Boolean)
    .map((label) => {
      const l = label.serialize();
      return { id: String(l.id), name: String(l.name ?? ''), hexColor: label.hexColor ?? null };
    });
}
