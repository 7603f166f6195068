// chat.fetchMessages({ limit, fromMe }): the chat's messages, earliest first, loading
// earlier ones while fewer than `limit` are held (whatsapp-web.js's Chat.js).
async function fetchMessages(chatId, limit, fromMe) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return [];
  const keep = (m) => !m.isNotification && (fromMe === null || m.id.fromMe === fromMe);
  let msgs = chat.msgs.getModelsArray().filter(keep);
  if (limit !== null) {
    while (msgs.length < limit) {
      const earlier = await need('WAWebChatLoadMessages', 'loadEarlierMsgs').loadEarlierMsgs({ chat });
      if (!earlier || !earlier.length) break;
      msgs = [...earlier.filter(keep), ...msgs];
    }
    if (msgs.length > limit) {
      // A stable sort: whatsapp-web.js's comparator (a.t > b.t ? 1 : -1) shuffles messages of the same second.
    msgs.sort((a, b) => (a.t || 0) - (b.t || 0));
      msgs = msgs.splice(msgs.length - limit);
    }
  }
  return msgs.map((m) => M.message(m));
}
