'use strict';
// whatsapp-web.js's Contact, PrivateContact and BusinessContact: fields from
// Rust (src/contact.rs), methods through the client.
const { Record, accountCall } = require('./Base');

class Contact extends Record {
  getProfilePicUrl() {
    return this.client.getProfilePicUrl(this.id._serialized);
  }

  /** The contact's "about" text; null when there is none or it is not shown to you. */
  getAbout() {
    return this.client[accountCall]('getAbout', this.id._serialized);
  }

  getFormattedNumber() {
    return this.client.getFormattedNumber(this.id._serialized);
  }

  getCountryCode() {
    return this.client.getCountryCode(this.id._serialized);
  }

  /** Blocks this contact: its messages no longer reach the account. Resolves false for a group. */
  async block() {
    if (this.isGroup) return false;
    await this.client[accountCall]('blockContact', this.id._serialized);
    this.isBlocked = true;
    return true;
  }

  /** Unblocks this contact. Resolves false for a group. */
  async unblock() {
    if (this.isGroup) return false;
    await this.client[accountCall]('unblockContact', this.id._serialized);
    this.isBlocked = false;
    return true;
  }

  /** This contact's status updates (a Broadcast). */
  getBroadcast() {
    return this.client.getBroadcastById(this.id._serialized);
  }

  /** The ids of the groups the account shares with this contact. */
  getCommonGroups() {
    return this.client.getCommonGroups(this.id._serialized);
  }

  /** The chat with this contact; null for the account itself. */
  async getChat() {
    if (this.isMe) return null;
    return this.client.getChatById(this.id._serialized);
  }
}

class PrivateContact extends Contact {}
class BusinessContact extends Contact {}

function createContact(client, data) {
  return data.isBusiness ? new BusinessContact(client, data) : new PrivateContact(client, data);
}

module.exports = { Contact, PrivateContact, BusinessContact, createContact };
