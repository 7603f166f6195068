// client.sendMessage(<id>@newsletter, content) / channel.sendMessage(content): a post, as
// whatsapp-web.js main 2dc9466 posts in a channel (src/util/Injected/Utils.js:491-534): the message
// model (Msg.modelClass) with a new key from the account (WAWebUserPrefsMeUser, WAWebMsgKey.newId),
// its data (WAWebMsgDataFromModel) stored (WAWebNewsletterUpdateMsgsRecordsJob), the model in the
// channel's msgs, WAWebNewsletterSendMessageJob.sendNewsletterMessageJob of type 'text', 'media'
// (with the model's avParams() as mediaMetadata and the upload's handle) or 'pollCreation', the
// server's time and id, ack 1, the record updated. A file is prepared and uploaded as for a chat
// but unencrypted, as whatsapp-web.js does for a channel (processMediaData with sendToChannel,
// Utils.js:683-801: messages/prepare_media.js); a poll is built as in a chat (messages/poll_fields.js).
// `post`: { media, kinds, poll } (Rust has checked them; media null for a text or poll). Unlike
// whatsapp-web.js, a channel the account only follows is answered without sending or uploading
// anything (only owners and admins post), and a post the server does not take is an error rather
// than a message that never went.
async function sendChannelMessage(channelId, body, post) {
  const channel = await findChannel(channelId);
  if (!channel) return { noChannel: true };
  const role = channel.newsletterMetadata && channel.newsletterMetadata.membershipType;
  if (role !== 'owner' && role !== 'admin') return { notAdmin: true };
  const M = accountModels();
  const Msg = need('WAWebCollections', 'Msg.modelClass').Msg;
  const MsgKey = need('WAWebMsgKey', 'newId');
  const from = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser').getMaybeMePnUser();
  const Records = need('WAWebNewsletterUpdateMsgsRecordsJob', 'addNewsletterMsgsRecords', 'updateNewsletterMsgRecord');
  const send = need('WAWebNewsletterSendMessageJob', 'sendNewsletterMessageJob');
  let media = {};
  const isMedia = Boolean(post && post.media);
  if (isMedia) {
    const prepared = await prepareMedia(post.media, false, post.kinds, true);
    prepared.caption = body;
    // WhatsApp Web's body of a media message is its preview (none here); a sticker has none
    // (Utils.js:168-170).
    body = post.kinds && post.kinds.sticker ? undefined : prepared.preview;
    media = { ...prepared, ...(prepared.toJSON ? prepared.toJSON() : {}), isCaptionByUser: Boolean(prepared.caption) };
  }
  const poll = post && post.poll ? pollFields(post.poll) : {};
  const key = new MsgKey({ from, to: channel.id, id: await MsgKey.newId(), selfDir: 'out' });
  const msg = new Msg.modelClass({ id: key, ack: 0, body, from, to: channel.id, local: true, self: 'out', t: Math.floor(Date.now() / 1000), isNewMsg: true, type: 'chat', ...media, ...poll });
  await Records.addNewsletterMsgsRecords([need('WAWebMsgDataFromModel', 'msgDataFromMsgModel').msgDataFromMsgModel(msg)]);
  channel.msgs.add(msg);
  channel.t = msg.t;
  const type = msg.type === 'chat' ? 'text' : isMedia ? 'media' : 'pollCreation';
  const response = await send.sendNewsletterMessageJob({
    msg,
    type,
    newsletterJid: channel.id.toJid(),
    ...(isMedia ? { mediaMetadata: msg.avParams(), mediaHandle: media.mediaHandle } : {}),
  });
  if (!response || !response.success) return { refused: true };
  msg.t = response.ack.t;
  msg.serverId = response.serverId;
  msg.updateAck(1, true);
  await Records.updateNewsletterMsgRecord(msg);
  return M.message(msg);
}
