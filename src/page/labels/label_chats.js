// client.getChatsByLabelId(labelId): the ids of the chats a label is on, as whatsapp-web.js main
// 2dc9466 reads them (src/Client.js:2852-2866): the label's labelItemCollection, the items whose
// parentType is 'Chat'. Null when the account has no such label.
async function labelChats(labelId) {
  const label = need('WAWebCollections', 'Label.get').Label.get(labelId);
  if (!label) return null;
  return label.labelItemCollection
    .getModelsArray()
    .filter((item) => item.parentType === 'Chat')
    .map((item) => String(item.parentId));
}
