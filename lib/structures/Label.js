'use strict';
// whatsapp-web.js's Label (src/structures/Label.js), a WhatsApp Business label: `id` (a digit
// string), `name`, `hexColor`, from Rust (src/account/labels.rs). As in whatsapp-web.js, not
// exported from the package; getLabels() and friends hand it out.
const { Base } = require('./Base');

class Label extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.id = data.id;
    this.name = data.name;
    this.hexColor = data.hexColor;
    return super._patch(data);
  }

  /** The chats this label is on. */
  getChats() {
    return this.client.getChatsByLabelId(this.id);
  }
}

module.exports = Label;
