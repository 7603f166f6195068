// client.sendResponseToScheduledEvent(response, eventMessageId): as whatsapp-web.js (main 2dc9466
// src/Client.js:3219-3251): the event message by id, then
// WAWebSendEventResponseMsgAction.sendEventResponseMsg(response, msg). A message the page does not
// hold answers { sent: false } (whatsapp-web.js answers false); one that is not an event is an
// error (nothing is sent). Returns { sent } or { error }.
async function sendResponseToScheduledEvent(response, messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { sent: false };
  if (msg.type !== 'event_creation') return { error: 'not-an-event', detail: String(msg.type) };
  await need('WAWebSendEventResponseMsgAction', 'sendEventResponseMsg').sendEventResponseMsg(response, msg);
  return { sent: true };
}
