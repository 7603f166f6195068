'use strict';
// whatsapp-web.js's Call: the fields come from Rust (src/account/calls.rs): `id`, `from` (the
// caller's id as a string), `timestamp` (Unix seconds), `isVideo`, `isGroup`, `fromMe`,
// `canHandleLocally`, `webClientShouldHandle`, `participants` (wids).
const { Record, accountCall } = require('./Base');

class Call extends Record {
  /** Rejects the call: WhatsApp tells the caller it was declined. */
  async reject() {
    await this.client[accountCall]('rejectCall', this.from, this.id);
  }
}

module.exports = Call;
