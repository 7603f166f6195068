// client.sendChannelAdminInvite(chatId, channelId, { comment }) / channel.sendChannelAdminInvite(chatId,
// { comment }), as whatsapp-web.js main 2dc9466 (src/Client.js:1601-1634): both ids as wids
// (WAWebWidFactory.createWid), the person's chat (WAWebCollections.Chat get, else find), the
// channel's picture thumbnail in base64 (WWebJS.getProfilePicThumbToBase64, Injected/Utils.js:
// 1384-1420), then WAWebNewsletterSendMsgAction.sendNewsletterAdminInviteMessage(chat,
// { newsletterWid, invitee, inviteMessage, base64Thumb }); true when its messageSendResult is
// 'OK'. Rust has checked that chatId is a person's id (whatsapp-web.js answers false otherwise).
async function sendChannelAdminInvite(chatId, channelId, comment) {
  const M = accountModels();
  const channelWid = M.WidFactory.createWid(channelId);
  const chatWid = M.WidFactory.createWid(chatId);
  const Chat = need('WAWebCollections', 'Chat').Chat;
  const send = need('WAWebNewsletterSendMsgAction', 'sendNewsletterAdminInviteMessage');
  const chat = Chat.get(chatWid) || (await Chat.find(chatWid));
  if (!chat || !chatWid.isUser()) return false;
  const answer = await send.sendNewsletterAdminInviteMessage(chat, {
    newsletterWid: channelWid,
    invitee: chatWid,
    inviteMessage: comment ?? undefined,
    base64Thumb: await M.picThumbBase64(channelWid),
  });
  return Boolean(answer && answer.messageSendResult === 'OK');
}
