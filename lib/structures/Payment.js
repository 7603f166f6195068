'use strict';
// whatsapp-web.js's Payment (src/structures/Payment.js): a `payment` message's `id`,
// `paymentCurrency`, `paymentAmount1000`, `paymentMessageReceiverJid`,
// `paymentTransactionTimestamp`, `paymentStatus`, `paymentTxnStatus`, `paymentNote`, from Rust
// (src/account/business.rs).
const { Base } = require('./Base');

class Payment extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.id = data.id;
    this.paymentCurrency = data.paymentCurrency;
    this.paymentAmount1000 = data.paymentAmount1000;
    this.paymentMessageReceiverJid = data.paymentMessageReceiverJid;
    this.paymentTransactionTimestamp = data.paymentTransactionTimestamp;
    this.paymentStatus = data.paymentStatus;
    this.paymentTxnStatus = data.paymentTxnStatus;
    this.paymentNote = data.paymentNote || undefined;
    return super._patch(data);
  }
}

module.exports = Payment;
