'use strict';
// The Client's methods of one feature area: labels of a WhatsApp Business account
// (src/account/labels.rs). Thin: Rust checks the arguments and runs the page call; these wrap the
// answers in structures. lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');
const Label = require('../structures/Label');

class Labels {
  /** The account's labels (none on an account that is not WhatsApp Business). */
  async getLabels() {
    return (await this[accountCall]('getLabels')).map((data) => new Label(this, data));
  }

  /** One label; ERR_INVALID_ARGUMENT when the account has no such label. */
  async getLabelById(labelId) {
    return new Label(this, await this[accountCall]('getLabelById', labelId));
  }

  /** The labels on a chat. */
  async getChatLabels(chatId) {
    return (await this[accountCall]('getChatLabels', chatId)).map((data) => new Label(this, data));
  }

  /** The chats a label is on. */
  async getChatsByLabelId(labelId) {
    const chatIds = await this[accountCall]('getChatsByLabelId', labelId);
    return Promise.all(chatIds.map((id) => this.getChatById(id)));
  }

  /** Gives each chat exactly the labels `labelIds` (WhatsApp Business only); resolves undefined. */
  async addOrRemoveLabels(labelIds, chatIds) {
    await this[accountCall]('addOrRemoveLabels', labelIds, chatIds);
  }
}

module.exports = Labels;
