// channel.fetchMessages({ limit, fromMe }): the channel's messages, earliest first, without
// notifications, loading earlier ones while fewer than `limit` are held, as whatsapp-web.js main
// 2dc9466 (src/structures/Channel.js:321-372; messages/history_window.js). None when the page
// cannot find the channel.
async function fetchChannelMessages(channelId, limit, fromMe) {
  const M = accountModels();
  const channel = await findChannel(channelId);
  if (!channel) return [];
  const keep = (m) => !m.isNotification && m.type !== 'newsletter_notification' && (fromMe === null || m.id.fromMe === fromMe);
  return (await historyWindow(channel, keep, limit)).map((m) => M.message(m));
}
