// Put in front of chat.fetchMessages and channel.fetchMessages (src/account/messages.rs,
// channels.rs): the held messages `keep` accepts, earliest first; with a `limit`, earlier ones are
// loaded (WAWebChatLoadMessages.loadEarlierMsgs) while fewer are held, then the last `limit`
// kept, as whatsapp-web.js main 2dc9466 does (src/structures/Chat.js:215-245, Channel.js:340-368).
async function historyWindow(chat, keep, limit) {
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
  return msgs;
}
