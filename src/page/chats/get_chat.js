// client.getChatById(chatId): the chat, made if WhatsApp Web does not hold it yet
// (whatsapp-web.js: WWebJS.getChat).
async function getChat(chatId) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  return chat ? M.chat(chat) : null;
}
