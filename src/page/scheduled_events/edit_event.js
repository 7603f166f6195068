// message.editScheduledEvent(editedEventObject): as whatsapp-web.js (main 2dc9466
// src/structures/Message.js:945-992): the message by id, then
// WAWebSendEventEditMsgAction.sendEventEditMessage({ name, description, startTime, endTime,
// location, callType, isEventCanceled }, msg) and the message as it is now. Unlike whatsapp-web.js
// (which answers null for a message this account did not send), a message that is not the
// account's own event, or a canceled one, is an error and nothing is sent. Returns { message } or
// { error }.
async function editScheduledEvent(messageId, event) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { error: 'not-found' };
  if (msg.type !== 'event_creation') return { error: 'not-an-event', detail: String(msg.type) };
  if (!msg.id.fromMe) return { error: 'not-sender' };
  if (msg.isEventCanceled) return { error: 'canceled' };
  const options = {
    name: event.name,
    description: event.description ?? undefined,
    startTime: event.startTimeTs,
    endTime: event.endTimeTs,
    location: event.location ?? undefined,
    callType: event.callType ?? undefined,
    isEventCanceled: event.isEventCanceled,
  };
  await need('WAWebSendEventEditMsgAction', 'sendEventEditMessage').sendEventEditMessage(options, msg);
  const now = need('WAWebCollections', 'Msg').Msg.get(msg.id._serialized);
  return { message: now ? M.message(now) : null };
}
