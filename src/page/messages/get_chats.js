// client.getChats(): every chat of the Chat collection (whatsapp-web.js: WWebJS.getChats).
async function getChats() {
  const M = accountModels();
  return Promise.all(M.Collections.Chat.getModelsArray().map((chat) => M.chat(chat)));
}
