'use strict';
// The Client's account methods, one file per feature area (as src/account/ is split), put on
// Client.prototype the way class methods are: own, non-enumerable properties. A new method goes
// into its area's file; a new area is one more entry in AREAS.
const AREAS = [require('./messages'), require('./chats'), require('./contacts'), require('./groups'), require('./profile'), require('./settings'), require('./labels'), require('./business'), require('./status'), require('./channels')];

/** Defines every area's methods on `Client.prototype`; a name defined twice is a mistake. */
function addAccountMethods(Client) {
  for (const area of AREAS) {
    for (const name of Object.getOwnPropertyNames(area.prototype)) {
      if (name === 'constructor') continue;
      if (Object.prototype.hasOwnProperty.call(Client.prototype, name)) throw new Error(`Client.${name} is defined twice`);
      Object.defineProperty(Client.prototype, name, Object.getOwnPropertyDescriptor(area.prototype, name));
    }
  }
}

module.exports = { addAccountMethods };
