// client.sendSeen(<id>@newsletter) / channel.sendSeen(), as whatsapp-web.js main 2dc9466's
// WWebJS.sendSeen on the channel getChat finds (src/util/Injected/Utils.js): false when the page
// cannot find it; else WAWebUpdateUnreadChatAction.sendSeen({ chat }) while the stream is marked
// available.
async function sendChannelSeen(channelId) {
  const channel = await findChannel(channelId);
  if (!channel) return false;
  const Stream = need('WAWebStreamModel', 'Stream').Stream;
  Stream.markAvailable();
  await need('WAWebUpdateUnreadChatAction', 'sendSeen').sendSeen({ chat: channel, threadId: undefined });
  Stream.markUnavailable();
  return true;
}
