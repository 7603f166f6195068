// chat.fetchMessages({ limit, fromMe }): the chat's messages, earliest first, loading
// earlier ones while fewer than `limit` are held (whatsapp-web.js's Chat.js; messages/history_window.js).
async function fetchMessages(chatId, limit, fromMe) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return [];
  const keep = (m) => !m.isNotification && (fromMe === null || m.id.fromMe === fromMe);
  return (await historyWindow(chat, keep, limit)).map((m) => M.message(m));
}
