// client.sendSeen(chatId) / chat.sendSeen(): as whatsapp-web.js's WWebJS.sendSeen.
async function sendSeen(chatId) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return false;
  const Stream = need('WAWebStreamModel', 'Stream').Stream;
  Stream.markAvailable();
  await need('WAWebUpdateUnreadChatAction', 'sendSeen').sendSeen({ chat, threadId: undefined });
  Stream.markUnavailable();
  return true;
}
