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

// The client's internal entry for calls that have no public Client method
// (message.getQuotedMessage(), chat.fetchMessages()).
const accountCall = Symbol('whatsapp-web-rs account call');

module.exports = { Base, accountCall };
