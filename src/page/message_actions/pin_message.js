// message.pin(duration) / message.unpin(): as whatsapp-web.js's pinUnpinMsgAction (main
// 2dc9466 src/util/Injected/Utils.js:1653-1678): the message by id; getPinExpiryDuration
// answers the duration asked for while WAWebSendPinMessageAction.sendPinInChatMsg(msg, action,
// duration) runs (action 1 pins, 2 unpins), then it is put back. Returns { ok } (the send
// result was OK) or { error: 'not-found' }.
async function pinMessage(messageId, action, duration) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { error: 'not-found' };
  const constants = need('WAWebPinMsgConstants', 'getPinExpiryDuration');
  const send = need('WAWebSendPinMessageAction', 'sendPinInChatMsg');
  const original = constants.getPinExpiryDuration;
  constants.getPinExpiryDuration = () => duration;
  try {
    const response = await send.sendPinInChatMsg(msg, action, duration);
    return { ok: response?.messageSendResult === 'OK' };
  } finally {
    constants.getPinExpiryDuration = original;
  }
}
