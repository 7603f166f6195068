// client.getChats(): every chat of the Chat collection (whatsapp-web.js: WWebJS.getChats).
async function getChats() {
  const M = accountModels();
  return Promise.all(need('WAWebCollections', 'Chat').Chat.getModelsArray().map((chat) => M.chat(chat)));
}
