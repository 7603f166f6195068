'use strict';
// whatsapp-web.js's GroupNotification (group_join, group_leave, …): fields from
// Rust (src/message/), methods through the client.
const { Record } = require('./Base');

class GroupNotification extends Record {
  getChat() {
    return this.client.getChatById(this.chatId);
  }

  getContact() {
    return this.client.getContactById(this.author);
  }

  getRecipients() {
    return Promise.all(this.recipientIds.map((id) => this.client.getContactById(id)));
  }

  reply(content, options = {}) {
    return this.client.sendMessage(this.chatId, content, options);
  }
}

module.exports = GroupNotification;
