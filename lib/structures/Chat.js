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

  archive() {
    return this.client.archiveChat(this.id._serialized);
  }

  unarchive() {
    return this.client.unarchiveChat(this.id._serialized);
  }

  pin() {
    return this.client.pinChat(this.id._serialized);
  }

  unpin() {
    return this.client.unpinChat(this.id._serialized);
  }

  /** Mutes until `unmuteDate` (for ever without one); updates isMuted and muteExpiration. */
  async mute(unmuteDate) {
    const result = await this.client.muteChat(this.id._serialized, unmuteDate);
    this.isMuted = result.isMuted;
    this.muteExpiration = result.muteExpiration;
    return result;
  }

  async unmute() {
    const result = await this.client.unmuteChat(this.id._serialized);
    this.isMuted = result.isMuted;
    this.muteExpiration = result.muteExpiration;
    return result;
  }

  markUnread() {
    return this.client.markChatUnread(this.id._serialized);
  }

  /** Shows "typing…" to the contact (WhatsApp ends it after 25 s). */
  sendStateTyping() {
    return this.client[accountCall]('sendChatState', this.id._serialized, 'typing');
  }

  /** Shows "recording audio…" to the contact. */
  sendStateRecording() {
    return this.client[accountCall]('sendChatState', this.id._serialized, 'recording');
  }

  /** Stops typing or recording at once. */
  clearState() {
    return this.client[accountCall]('sendChatState', this.id._serialized, 'stop');
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

  /**
   * Adds participants (ids); resolves `{ [id]: { code, message, isInviteV4Sent } }`, or a message
   * when nothing could be tried (not an admin). `options.sleep`: the wait between participants.
   */
  addParticipants(participantIds, options = {}) {
    return this.client[accountCall]('addParticipants', this.id._serialized, participantIds, options);
  }

  /** Removes participants (ids); resolves `{ status: 200 }`. */
  removeParticipants(participantIds) {
    return this.client[accountCall]('removeParticipants', this.id._serialized, participantIds);
  }

  /** Leaves the group. */
  async leave() {
    await this.client[accountCall]('leaveGroup', this.id._serialized);
  }

  /** The group's invite code (for https://chat.whatsapp.com/<code>); undefined when not an admin. */
  async getInviteCode() {
    return (await this.client[accountCall]('getInviteCode', this.id._serialized)) ?? undefined;
  }
}

function createChat(client, data) {
  return data.isGroup ? new GroupChat(client, data) : new PrivateChat(client, data);
}

module.exports = { Chat, PrivateChat, GroupChat, createChat };
