'use strict';
// The Client's methods of one feature area: WhatsApp Business (src/account/business.rs). Thin:
// Rust checks the arguments and runs the page call. lib/client/index.js puts them on
// Client.prototype.
const { accountCall } = require('../structures/Base');

class Business {
  /** Adds or edits the customer note of a person's chat (WhatsApp Business only); resolves undefined. */
  async addOrEditCustomerNote(userId, note) {
    await this[accountCall]('addOrEditCustomerNote', userId, note);
  }

  /** The customer note of a person's chat: { chatId, content, createdAt, id, modifiedAt, type }, or null. */
  getCustomerNote(userId) {
    return this[accountCall]('getCustomerNote', userId);
  }
}

module.exports = Business;
