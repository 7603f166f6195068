'use strict';
// The root of the structures: like whatsapp-web.js's Base, it keeps the client
// as a non-enumerable `client` property.
class Base {
  constructor(client) {
    Object.defineProperty(this, 'client', { value: client });
  }

  _clone() {
    return Object.assign(Object.create(this), this);
  }

  _patch(data) {
    return data;
  }
}

// A structure made from Rust's data, which already has whatsapp-web.js's field names.
class Record extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    Object.assign(this, data);
    return super._patch(data);
  }
}

// The client's internal entry for calls that have no public Client method
// (message.getQuotedMessage(), chat.fetchMessages()).
const accountCall = Symbol('whatsapp-web-rs account call');

module.exports = { Base, Record, accountCall };
