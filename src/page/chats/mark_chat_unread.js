// markChatUnread: Cmd.markChatUnread(chat, true), as whatsapp-web.js.
async function markChatUnread(chatId) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  await need('WAWebCmd', 'Cmd.markChatUnread').Cmd.markChatUnread(chat, true);
  return null;
}
