// pinChat / unpinChat, as whatsapp-web.js (src/Client.js pinChat): at most 3 pinned
// chats; returns the new pinned state (false when the limit was reached).
async function pinChat(chatId, pin) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (Boolean(chat.pin) === pin) return pin;
  if (pin) {
    const MAX_PIN_COUNT = 3;
    const chats = need('WAWebCollections', 'Chat').Chat.getModelsArray();
    if (chats.filter((c) => c.pin).length >= MAX_PIN_COUNT) return false;
  }
  await need('WAWebCmd', 'Cmd.pinChat').Cmd.pinChat(chat, pin);
  return pin;
}
