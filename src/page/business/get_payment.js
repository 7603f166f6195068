// msg.getPayment(): the payment of a `payment` message, as whatsapp-web.js main 2dc9466 reads it
// (structures/Message.js:812-828, structures/Payment.js): the message (WAWebCollections.Msg, by
// id) and its serialize()'s payment fields.
async function getPayment(messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { noMessage: true };
  if (msg.type !== 'payment') return { notPayment: true };
  const s = msg.serialize();
  return {
    payment: {
      id: M.key(s.id),
      paymentCurrency: s.paymentCurrency ?? null,
      paymentAmount1000: s.paymentAmount1000 ?? null,
      paymentMessageReceiverJid: M.text(s.paymentMessageReceiverJid),
      paymentTransactionTimestamp: s.paymentTransactionTimestamp ?? null,
      paymentStatus: s.paymentStatus ?? null,
      paymentTxnStatus: s.paymentTxnStatus ?? null,
      paymentNote: s.paymentNoteMsg?.body || null,
    },
  };
}
