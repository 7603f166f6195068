'use strict';
// whatsapp-web.js's Broadcast (src/structures/Broadcast.js): one contact's status updates (or the
// account's own): `id` (the poster's wid), `timestamp` (of the latest), `totalCount`,
// `unreadCount`, `msgs` (Messages), from Rust (src/account/status.rs).
const { Base } = require('./Base');
const Message = require('./Message');

class Broadcast extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.id = data.id;
    this.timestamp = data.t;
    this.totalCount = data.totalCount;
    this.unreadCount = data.unreadCount;
    this.msgs = data.msgs?.map((msg) => new Message(this.client, msg));
    return super._patch(data);
  }

  /** The chat with the poster. */
  getChat() {
    return this.client.getChatById(this.id._serialized);
  }

  /** The poster. */
  getContact() {
    return this.client.getContactById(this.id._serialized);
  }
}

module.exports = Broadcast;
