'use strict';
// whatsapp-web.js's Message: the fields come from Rust (src/message/) already
// in whatsapp-web.js's names; the methods call the client.
const { Record, accountCall } = require('./Base');
const MessageMedia = require('./MessageMedia');
const Location = require('./Location');
const Reaction = require('./Reaction');
const Order = require('./Order');
const Payment = require('./Payment');

class Message extends Record {
  _patch(data) {
    // `_data`: the page's serialized model (whatsapp-web.js's raw fields: notifyName, caption,
    // mimetype, quotedMsg, …), apart from the structure's own fields.
    const { _data, ...fields } = data;
    this._data = _data || fields;
    super._patch(fields);
    const l = data.location;
    this.location = l ? new Location(l.latitude, l.longitude, { name: l.name, address: l.address, url: l.url }) : undefined;
    return data;
  }

  /** The message as WhatsApp Web's page described it. */
  get rawData() {
    return this._data;
  }

  _getChatId() {
    return this.fromMe ? this.to : this.from;
  }

  /** Re-reads this message from WhatsApp Web; null if it is not held there any more. */
  async reload() {
    const data = await this.client[accountCall]('getMessageById', this.id._serialized);
    if (!data) return null;
    this._patch(data);
    return this;
  }

  getChat() {
    return this.client.getChatById(this._getChatId());
  }

  getContact() {
    return this.client.getContactById(this.author || this.from);
  }

  async getMentions() {
    return Promise.all(this.mentionedIds.map((id) => this.client.getContactById(typeof id === 'string' ? id : id._serialized)));
  }

  /** The groups mentioned in this message (GroupChat), as whatsapp-web.js: each read by its id. */
  async getGroupMentions() {
    return Promise.all(this.groupMentions.map((m) => this.client.getChatById(m.groupJid._serialized)));
  }

  async getQuotedMessage() {
    if (!this.hasQuotedMsg) return undefined;
    const data = await this.client[accountCall]('getQuotedMessage', this.id._serialized);
    return data ? new Message(this.client, data) : undefined;
  }

  /** Downloads the attached media; undefined when there is none or it cannot be fetched. */
  async downloadMedia() {
    if (!this.hasMedia) return undefined;
    const media = await this.client[accountCall]('downloadMedia', this.id._serialized);
    return media ? new MessageMedia(media.mimetype, media.data, media.filename, media.filesize) : undefined;
  }

  /** Forwards this message to another chat (a chat id or a Chat). */
  async forward(chat) {
    const chatId = typeof chat === 'string' ? chat : chat && chat.id && chat.id._serialized;
    await this.client[accountCall]('forwardMessage', this.id._serialized, chatId);
  }

  /** Reacts with an emoji; an empty string takes the reaction back. */
  react(reaction) {
    return this.client.sendReaction(this.id._serialized, reaction);
  }

  /** Deletes the message for everyone (when this account sent it) or, otherwise, for this device. */
  async delete(everyone, clearMedia = true) {
    await this.client[accountCall]('deleteMessage', this.id._serialized, everyone, clearMedia);
  }

  /** Votes on this poll: the names of the options chosen (all of them; [] takes the vote back). */
  async vote(selectedOptions) {
    await this.client[accountCall]('vote', this.id._serialized, selectedOptions);
  }

  /** Accepts the private group invite this message carries (a `groups_v4_invite`): `{ status }`. */
  acceptGroupV4Invite() {
    return this.client.acceptGroupV4Invite(this.inviteV4);
  }

  /** Delivery, read and played receipts of a message this account sent (MessageInfo); null otherwise. */
  getInfo() {
    return this.client[accountCall]('getMessageInfo', this.id._serialized);
  }

  /** The votes on this poll. */
  getPollVotes() {
    return this.client.getPollVotes(this.id._serialized);
  }

  /** Edits this message's text (only the account's own, within 15 minutes): the message as it is now. */
  async edit(content, options = {}) {
    const data = await this.client[accountCall]('editMessage', this.id._serialized, content, options);
    return data ? new Message(this.client, data) : null;
  }

  /** Edits this scheduled event (the account's own, until canceled): the message as it is now. */
  async editScheduledEvent(editedEventObject) {
    const data = await this.client[accountCall]('editScheduledEvent', this.id._serialized, editedEventObject);
    return data ? new Message(this.client, data) : null;
  }

  /** Pins this message in its chat for `duration` seconds: true when WhatsApp took it. */
  pin(duration) {
    return this.client[accountCall]('pinMessage', this.id._serialized, duration);
  }

  /** Unpins this message: true when WhatsApp took it. */
  unpin() {
    return this.client[accountCall]('unpinMessage', this.id._serialized);
  }

  async star() {
    await this.client[accountCall]('starMessage', this.id._serialized);
  }

  async unstar() {
    await this.client[accountCall]('unstarMessage', this.id._serialized);
  }

  /** The reactions, by emoji; undefined when there are none. */
  async getReactions() {
    if (!this.hasReaction) return undefined;
    const lists = await this.client[accountCall]('getReactions', this.id._serialized);
    if (!lists) return undefined;
    return lists.map((list) => ({ ...list, senders: list.senders.map((sender) => new Reaction(this.client, sender)) }));
  }

  /** Sends `content` as a reply quoting this message, in this chat or in `chatId`. */
  async reply(content, chatId, options = {}) {
    return this.client.sendMessage(chatId || this._getChatId(), content, { ...options, quotedMessageId: this.id._serialized });
  }

  /** The order of an `order` message (read from WhatsApp's server); undefined for another type. */
  async getOrder() {
    if (this.type !== 'order') return undefined;
    const data = await this.client[accountCall]('getOrder', this.id._serialized);
    return data ? new Order(this.client, data) : undefined;
  }

  /** The payment of a `payment` message; undefined for another type. */
  async getPayment() {
    if (this.type !== 'payment') return undefined;
    const data = await this.client[accountCall]('getPayment', this.id._serialized);
    return data ? new Payment(this.client, data) : undefined;
  }
}

module.exports = Message;
