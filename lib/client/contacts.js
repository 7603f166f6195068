'use strict';
// The Client's methods of one feature area: contacts, numbers, LIDs, pictures, devices and the
// address book (src/account/contacts.rs, lids.rs, addressbook.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');
const { createContact } = require('../structures/Contact');

class Contacts {
  async getContacts() {
    return (await this[accountCall]('getContacts')).map((contact) => createContact(this, contact));
  }

  async getContactById(contactId) {
    return createContact(this, await this[accountCall]('getContactById', contactId));
  }

  /**
   * Each user's LID and phone number, as WhatsApp knows them: `[{ lid, pn }]`, a field left
   * undefined where it is not known (a LID of someone outside the address book has no phone
   * number). Takes one id or a list of `<digits>@c.us` / `<digits>@lid`.
   */
  getContactLidAndPhone(userIds) {
    return this[accountCall]('getContactLidAndPhone', userIds);
  }

  /** The contacts this account has blocked. */
  async getBlockedContacts() {
    return (await this[accountCall]('getBlockedContacts')).map((contact) => createContact(this, contact));
  }

  /** The contact's or group's profile picture URL; undefined when there is none or it is not shown to you. */
  async getProfilePicUrl(contactId) {
    return (await this[accountCall]('getProfilePicUrl', contactId)) ?? undefined;
  }

  /** Whether the number is on WhatsApp. */
  isRegisteredUser(id) {
    return this[accountCall]('isRegisteredUser', id);
  }

  /** The number's wid (`{ server, user, _serialized }`), or null when it is not on WhatsApp. */
  getNumberId(number) {
    return this[accountCall]('getNumberId', number);
  }

  getFormattedNumber(number) {
    return this[accountCall]('getFormattedNumber', number);
  }

  getCountryCode(number) {
    return this[accountCall]('getCountryCode', number);
  }

  /** How many devices the user has: the phone and each linked device (0 when WhatsApp lists none). */
  getContactDeviceCount(userId) {
    return this[accountCall]('getContactDeviceCount', userId);
  }

  /** Saves the number in the address book as `firstName lastName`, or renames it. */
  async saveOrEditAddressbookContact(phoneNumber, firstName, lastName, syncToAddressbook = false) {
    await this[accountCall]('saveOrEditAddressbookContact', phoneNumber, firstName, lastName, syncToAddressbook);
  }

  /** Takes the number's name out of the address book ("15551234567" or "15551234567@c.us"). */
  async deleteAddressbookContact(phoneNumber) {
    await this[accountCall]('deleteAddressbookContact', phoneNumber);
  }
}

module.exports = Contacts;
