// client.getPinnedMessages(chatId) / chat.getPinnedMessages(): as whatsapp-web.js (main 2dc9466
// src/Client.js:1779-1815): the chat (Chat.get, else Chat.find), the pin records of the chat
// (WAWebPinInChatSchema, by chatId as text) whose pinType is 1, each message by its key
// (Msg.getMessagesById). Returns the message records; [] for an unknown chat.
async function getPinnedMessages(chatId) {
  const M = accountModels();
  const wid = need('WAWebWidFactory', 'createWid').createWid(chatId);
  const { Chat, Msg } = need('WAWebCollections', 'Chat', 'Msg');
  const chat = Chat.get(wid) ?? (await Chat.find(wid));
  if (!chat) return [];
  const rows = await need('WAWebPinInChatSchema', 'getTable').getTable().equals(['chatId'], wid.toString());
  const messages = await Promise.all(
    rows.filter((row) => row.pinType == 1).map(async (row) => (await Msg.getMessagesById([row.parentMsgKey]))?.messages?.[0]),
  );
  return messages.filter(Boolean).map(M.message);
}
