// chat.clearMessages(): the chat as whatsapp-web.js's getChat finds it, then
// WAWebChatClearBridge.sendClear(chat, false) (main 2dc9466 Injected/Utils.js:1183-1190).
// False when there is no such chat.
async function clearChat(chatId) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return false;
  await need('WAWebChatClearBridge', 'sendClear').sendClear(chat, false);
  return true;
}
