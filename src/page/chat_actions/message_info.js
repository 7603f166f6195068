// message.getInfo(): the receipts of a message this account sent, from
// WAWebApiMessageInfoStore.queryMsgInfo(msg.id) (main 2dc9466 Message.js:758-785); null for a
// message the page does not hold or that someone else sent. As whatsapp-web.js, a message sent
// less than 1.25 s ago is asked about 1.1-1.2 s later.
async function messageInfo(messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg || !msg.id.fromMe) return null;
  if (Date.now() - msg.t * 1000 < 1250) await new Promise((resolve) => setTimeout(resolve, 1100 + Math.floor(Math.random() * 101)));
  const info = await need('WAWebApiMessageInfoStore', 'queryMsgInfo').queryMsgInfo(msg.id);
  if (!info) return null;
  const rows = (list) => (Array.isArray(list) ? list : []).map((r) => ({ id: M.text(r.id), t: r.t }));
  return {
    delivery: rows(info.delivery),
    deliveryRemaining: info.deliveryRemaining,
    read: rows(info.read),
    readRemaining: info.readRemaining,
    played: rows(info.played),
    playedRemaining: info.playedRemaining,
  };
}
