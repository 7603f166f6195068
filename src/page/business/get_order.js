// msg.getOrder(): the order of an `order` message, as whatsapp-web.js main 2dc9466 reads it
// (structures/Message.js:792-806, Injected/Utils.js:1246-1251):
// WAWebBizOrderBridge.queryOrder(<the chat's wid>, msg.orderId, 80, 80, msg.token), from the
// server. The message is looked up by id (whatsapp-web.js passes its orderId and token along).
async function getOrder(messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { noMessage: true };
  if (msg.type !== 'order') return { notOrder: true };
  const chatWid = need('WAWebWidFactory', 'createWid').createWid(M.text(msg.id.remote));
  const order = await need('WAWebBizOrderBridge', 'queryOrder').queryOrder(chatWid, msg.orderId, 80, 80, msg.token);
  return { order: order ?? null };
}
