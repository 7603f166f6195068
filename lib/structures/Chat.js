'use strict';
// whatsapp-web.js's Chat, PrivateChat and GroupChat: fields from Rust
// (src/chat.rs), methods through the client.
const { Record, accountCall } = require('./Base');
const Message = require('./Message');

class Chat extends Record {
  _patch(data) {
    super._patch(data);
    this.lastMessage = data.lastMessage ? new Message(this.client, data.lastMessage) : undefined;
    return data;
  }

  sendMessage(content, options) {
    return this.client.sendMessage(this.id._serialized, content, options);
  }

  sendSeen() {
    return this.client.sendSeen(this.id._serialized);
  }

  /** The chat's messages, earliest first; `limit` keeps the latest ones, `fromMe` filters by sender. */
  async fetchMessages(searchOptions = {}) {
    const list = await this.client[accountCall]('fetchMessages', this.id._serialized, searchOptions || {});
    return list.map((m) => new Message(this.client, m));
  }

  getContact() {
    return this.client.getContactById(this.id._serialized);
  }
}

class PrivateChat extends Chat {}
// Group fields read from the group's metadata, as in whatsapp-web.js.
class GroupChat extends Chat {
  get owner() {
    return this.groupMetadata.owner;
  }

  get createdAt() {
    return new Date(this.groupMetadata.creation * 1000);
  }

  get description() {
    return this.groupMetadata.desc;
  }

  get participants() {
    return this.groupMetadata.participants;
  }
}

function createChat(client, data) {
  return data.isGroup ? new GroupChat(client, data) : new PrivateChat(client, data);
}

module.exports = { Chat, PrivateChat, GroupChat, createChat };
