'use strict';
// whatsapp-web.js's Channel (src/structures/Channel.js), a channel (newsletter): `id`, `name`,
// `description`, `isChannel`, `isGroup`, `isReadOnly`, `unreadCount`, `timestamp`, `isMuted`,
// `muteExpiration`, `lastMessage`, `channelMetadata`, from Rust (src/account/channels.rs). Its calls
// go through Rust (argument checks, page calls).
const { Base, accountCall } = require('./Base');
const Message = require('./Message');
const { createContact } = require('./Contact');

class Channel extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.channelMetadata = data.channelMetadata;
    this.id = data.id;
    this.name = data.name;
    this.description = data.channelMetadata?.description ?? data.description ?? '';
    this.isChannel = data.isChannel;
    this.isGroup = data.isGroup;
    this.isReadOnly = data.isReadOnly;
    this.unreadCount = data.unreadCount;
    this.timestamp = data.t;
    this.isMuted = data.isMuted;
    this.muteExpiration = data.muteExpiration;
    this.lastMessage = data.lastMessage ? new Message(this.client, data.lastMessage) : undefined;
    return super._patch(data);
  }

  /** The subscribers in the account's address book, with their roles (owners and admins only). */
  async getSubscribers(limit) {
    const list = await this.client[accountCall]('getChannelSubscribers', this.id._serialized, limit ?? null);
    return list.map(({ contact, role }) => ({ contact: createContact(this.client, contact), role }));
  }

  async setSubject(newSubject) {
    const success = await this.client[accountCall]('editChannel', this.id._serialized, 'name', newSubject);
    if (success) this.name = newSubject;
    return success;
  }

  async setDescription(newDescription) {
    const success = await this.client[accountCall]('editChannel', this.id._serialized, 'description', newDescription);
    if (success) this.description = newDescription;
    return success;
  }

  /** 0: no reactions, 1: the basic ones, 2: all. */
  async setReactionSetting(reactionCode) {
    const success = await this.client[accountCall]('editChannel', this.id._serialized, 'reactionCodesSetting', reactionCode);
    if (success && this.channelMetadata) this.channelMetadata.reactionCodesSetting = reactionCode;
    return success;
  }

  /** A MessageMedia holding an image, cut square and drawn at 640 px as whatsapp-web.js does. */
  setProfilePicture(newProfilePicture) {
    return this.client[accountCall]('setChannelPicture', this.id._serialized, newProfilePicture);
  }

  async mute() {
    const success = await this.client[accountCall]('muteChannel', this.id._serialized, true);
    if (success) {
      this.isMuted = true;
      this.muteExpiration = -1;
    }
    return success;
  }

  async unmute() {
    const success = await this.client[accountCall]('muteChannel', this.id._serialized, false);
    if (success) {
      this.isMuted = false;
      this.muteExpiration = 0;
    }
    return success;
  }

  /** A post (owners and admins only): a text, a MessageMedia (picture, video, audio) or a Poll. */
  sendMessage(content, options) {
    return this.client.sendMessage(this.id._serialized, content, options);
  }

  sendSeen() {
    return this.client.sendSeen(this.id._serialized);
  }

  /** The channel's messages, earliest first; `{ limit, fromMe }` as chat.fetchMessages(). */
  async fetchMessages(searchOptions) {
    const list = await this.client[accountCall]('fetchChannelMessages', this.id._serialized, searchOptions || {});
    return list.map((m) => new Message(this.client, m));
  }

  sendChannelAdminInvite(chatId, options = {}) {
    return this.client.sendChannelAdminInvite(chatId, this.id._serialized, options);
  }

  acceptChannelAdminInvite() {
    return this.client.acceptChannelAdminInvite(this.id._serialized);
  }

  revokeChannelAdminInvite(userId) {
    return this.client.revokeChannelAdminInvite(this.id._serialized, userId);
  }

  demoteChannelAdmin(userId) {
    return this.client.demoteChannelAdmin(this.id._serialized, userId);
  }

  transferChannelOwnership(newOwnerId, options = {}) {
    return this.client.transferChannelOwnership(this.id._serialized, newOwnerId, options);
  }

  deleteChannel() {
    return this.client.deleteChannel(this.id._serialized);
  }
}

module.exports = Channel;
