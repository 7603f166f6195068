// client.sendMessage(<id>@newsletter, text) / channel.sendMessage(text): a text post, as
// whatsapp-web.js main 2dc9466 posts in a channel (src/util/Injected/Utils.js:491-534): the message
// model (Msg.modelClass) with a new key from the account (WAWebUserPrefsMeUser, WAWebMsgKey.newId),
// its data (WAWebMsgDataFromModel) stored (WAWebNewsletterUpdateMsgsRecordsJob), the model in the
// channel's msgs, WAWebNewsletterSendMessageJob.sendNewsletterMessageJob of type 'text', the
// server's time and id, ack 1, the record updated. Unlike whatsapp-web.js, a channel the account
// only follows is answered without sending (only owners and admins post), and a post the server
// does not take is an error rather than a message that never went.
async function sendChannelMessage(channelId, body) {
  const channel = await findChannel(channelId);
  if (!channel) return { noChannel: true };
  const role = channel.newsletterMetadata && channel.newsletterMetadata.membershipType;
  if (role !== 'owner' && role !== 'admin') return { notAdmin: true };
  const M = accountModels();
  const Msg = need('WAWebCollections', 'Msg.modelClass').Msg;
  const MsgKey = need('WAWebMsgKey', 'newId');
  const from = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser').getMaybeMePnUser();
  const Records = need('WAWebNewsletterUpdateMsgsRecordsJob', 'addNewsletterMsgsRecords', 'updateNewsletterMsgRecord');
  const key = new MsgKey({ from, to: channel.id, id: await MsgKey.newId(), selfDir: 'out' });
  const msg = new Msg.modelClass({ id: key, ack: 0, body, from, to: channel.id, local: true, self: 'out', t: Math.floor(Date.now() / 1000), isNewMsg: true, type: 'chat', serverId: undefined });
  await Records.addNewsletterMsgsRecords([need('WAWebMsgDataFromModel', 'msgDataFromMsgModel').msgDataFromMsgModel(msg)]);
  channel.msgs.add(msg);
  channel.t = msg.t;
  const response = await need('WAWebNewsletterSendMessageJob', 'sendNewsletterMessageJob').sendNewsletterMessageJob({ msg, type: 'text', newsletterJid: channel.id.toJid() });
  if (!response || !response.success) return { refused: true };
  msg.t = response.ack.t;
  msg.serverId = response.serverId;
  msg.updateAck(1, true);
  await Records.updateNewsletterMsgRecord(msg);
  return M.message(msg);
}
