// chat.delete(): WAWebDeleteChatAction.sendDelete(chat) (main 2dc9466 Injected/Utils.js:1192-1199).
// False when there is no such chat. The page's Chat `remove` becomes `chat_removed`.
async function deleteChat(chatId) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return false;
  await need('WAWebDeleteChatAction', 'sendDelete').sendDelete(chat);
  return true;
}
