// client.sendMessage('status@broadcast', text or media, options): posting a status the way
// whatsapp-web.js main does (Injected/Utils.js:146-170, 422-443, 537-574): a new MsgKey from the
// account (its phone-number wid) to status@broadcast with the account as participant; a Msg model
// with the account as author, a random message secret and cannotBeRanked from
// WAWebStatusGatingUtils; then WAWebSendStatusMsgAction: sendStatusTextMsgAction({ color, font,
// text }) for a text, sendStatusMediaMsgAction(msg, mediaUpdate) for a file prepared and uploaded
// as processMediaData does (prepare_media.js). Returns { message } (the status as the account's
// Status model holds it; the model whatsapp-web.js made when the page holds none) or { error }.
async function sendStatus(content, options) {
  const M = accountModels();
  const { Status, Msg } = need('WAWebCollections', 'Status.getMyStatus', 'Msg.modelClass');
  const to = M.WidFactory.createWid('status@broadcast');
  const from = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser').getMaybeMePnUser();
  const participant = need('WAWebWidFactory', 'asUserWidOrThrow').asUserWidOrThrow(from);
  let media = null;
  if (options.media) {
    media = await prepareMedia(options.media, false, options.kinds);
    media.caption = options.caption || undefined;
    content = media.preview;
  }
  const MsgKey = need('WAWebMsgKey', 'newId');
  const key = new MsgKey({ from, to, id: await MsgKey.newId(), participant, selfDir: 'out' });
  const msg = new Msg.modelClass({
    id: key,
    ack: 0,
    body: content,
    from,
    to,
    local: true,
    self: 'out',
    t: Math.floor(Date.now() / 1000),
    isNewMsg: true,
    type: 'chat',
    author: participant,
    messageSecret: window.crypto.getRandomValues(new Uint8Array(32)),
    cannotBeRanked: need('WAWebStatusGatingUtils', 'canCheckStatusRankingPosterGating').canCheckStatusRankingPosterGating(),
  });
  const before = new Set((Status.getMyStatus()?.msgs?.getModelsArray?.() || []).map((m) => m.id._serialized));
  const Send = need('WAWebSendStatusMsgAction', 'sendStatusTextMsgAction', 'sendStatusMediaMsgAction');
  if (media) {
    // The module is a function (Injected/Utils.js:539-541).
    const updateMsg = need('WAWebMediaUpdateMsg', 'call');
    await Send.sendStatusMediaMsgAction(msg, (data) => updateMsg(data, media));
  } else {
    await Send.sendStatusTextMsgAction({ color: options.color, font: options.font, text: msg.body });
  }
  // A text status is made by the page itself: the new one in the account's status is it.
  const posted = (Status.getMyStatus()?.msgs?.getModelsArray?.() || []).filter((m) => !before.has(m.id._serialized));
  const sent = posted.find((m) => m.id._serialized === key._serialized) || posted[posted.length - 1] || msg;
  return { message: M.message(sent) };
}
