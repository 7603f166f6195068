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

  /** The messages pinned in this chat. */
  getPinnedMessages() {
    return this.client.getPinnedMessages(this.id._serialized);
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

  /** Clears the chat's messages on every device of the account; resolves true (false: no such chat). */
  clearMessages() {
    return this.client[accountCall]('clearMessages', this.id._serialized);
  }

  /** Deletes the chat on every device of the account (`chat_removed` follows); resolves true. */
  delete() {
    return this.client[accountCall]('deleteChat', this.id._serialized);
  }

  /** Asks the phone for more of this chat's history; whether it was asked. */
  syncHistory() {
    return this.client.syncHistory(this.id._serialized);
  }

  /** The labels on this chat (WhatsApp Business). */
  getLabels() {
    return this.client.getChatLabels(this.id._serialized);
  }

  /** Gives this chat exactly the labels `labelIds` (WhatsApp Business only). */
  changeLabels(labelIds) {
    return this.client.addOrRemoveLabels(labelIds, [this.id._serialized]);
  }

  /** Adds or edits this chat's customer note (WhatsApp Business only); nothing for a group. */
  async addOrEditCustomerNote(note) {
    if (this.isGroup) return undefined;
    return this.client.addOrEditCustomerNote(this.id._serialized, note);
  }

  /** This chat's customer note, or null (WhatsApp Business only); null for a group. */
  async getCustomerNote() {
    if (this.isGroup) return null;
    return this.client.getCustomerNote(this.id._serialized);
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
   * when nothing could be tried (not an admin). `options.sleep`: the wait between participants;
   * those who only accept invites get a private one (`options.comment`) unless
   * `options.autoSendInviteV4` is false.
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

  /** Makes participants admins; ids that are no participants are left out. Resolves `{ status: 200 }`. */
  promoteParticipants(participantIds) {
    return this.client[accountCall]('promoteParticipants', this.id._serialized, participantIds);
  }

  /** Makes admins ordinary participants. Resolves `{ status: 200 }`. */
  demoteParticipants(participantIds) {
    return this.client[accountCall]('demoteParticipants', this.id._serialized, participantIds);
  }

  /** Renames the group; false when the account may not. */
  async setSubject(subject) {
    const done = await this.client[accountCall]('setSubject', this.id._serialized, subject);
    if (done) this.name = subject;
    return done;
  }

  /** Changes the group's description; false when the account may not. */
  async setDescription(description) {
    const done = await this.client[accountCall]('setDescription', this.id._serialized, description);
    if (done && this.groupMetadata) this.groupMetadata.desc = description;
    return done;
  }

  /** Only admins may add participants (or anyone, with false); false when the account may not change it. */
  async setAddMembersAdminsOnly(adminsOnly = true) {
    const done = await this.client[accountCall]('setAddMembersAdminsOnly', this.id._serialized, adminsOnly);
    if (done && this.groupMetadata) this.groupMetadata.memberAddMode = adminsOnly ? 'admin_add' : 'all_member_add';
    return done;
  }

  /** Only admins may send messages (or anyone, with false); false when the account may not change it. */
  async setMessagesAdminsOnly(adminsOnly = true) {
    const done = await this.client[accountCall]('setMessagesAdminsOnly', this.id._serialized, adminsOnly);
    if (done && this.groupMetadata) this.groupMetadata.announce = adminsOnly;
    return done;
  }

  /** Only admins may edit the group's info (or anyone, with false); false when the account may not change it. */
  async setInfoAdminsOnly(adminsOnly = true) {
    const done = await this.client[accountCall]('setInfoAdminsOnly', this.id._serialized, adminsOnly);
    if (done && this.groupMetadata) this.groupMetadata.restrict = adminsOnly;
    return done;
  }

  /** Sets the group's picture from a MessageMedia image (cut square, sent at 96 and 640 px); false when not allowed. */
  setPicture(media) {
    return this.client[accountCall]('setPicture', this.id._serialized, media);
  }

  /** Deletes the group's picture; false when there is none or the account may not. */
  deletePicture() {
    return this.client[accountCall]('deletePicture', this.id._serialized);
  }

  /** Revokes the invite code; resolves the new one. */
  revokeInvite() {
    return this.client[accountCall]('revokeInvite', this.id._serialized);
  }

  getGroupMembershipRequests() {
    return this.client.getGroupMembershipRequests(this.id._serialized);
  }

  approveGroupMembershipRequests(options = {}) {
    return this.client.approveGroupMembershipRequests(this.id._serialized, options);
  }

  rejectGroupMembershipRequests(options = {}) {
    return this.client.rejectGroupMembershipRequests(this.id._serialized, options);
  }
}

function createChat(client, data) {
  return data.isGroup ? new GroupChat(client, data) : new PrivateChat(client, data);
}

module.exports = { Chat, PrivateChat, GroupChat, createChat };
