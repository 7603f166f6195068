'use strict';
// The Client's methods of one feature area: chats and their settings: seen, archive, pin, mute,
// unread, history (src/account/chats.rs, chat_actions.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');
const { createChat } = require('../structures/Chat');
const channels = require('./channels');

class Chats {
  /** Marks the chat as seen. */
  sendSeen(chatId) {
    if (channels.isChannelId(chatId)) return channels.channelSeen(this, chatId);
    return this[accountCall]('sendSeen', chatId);
  }

  async getChats() {
    return (await this[accountCall]('getChats')).map((chat) => createChat(this, chat));
  }

  async getChatById(chatId) {
    if (channels.isChannelId(chatId)) return channels.channelById(this, chatId);
    const data = await this[accountCall]('getChatById', chatId);
    return data ? createChat(this, data) : undefined;
  }

  /** Asks the phone for more of a chat's history when it has more; whether it was asked. */
  syncHistory(chatId) {
    return this[accountCall]('syncHistory', chatId);
  }

  /** Archives the chat; resolves true. */
  archiveChat(chatId) {
    return this[accountCall]('archiveChat', chatId);
  }

  /** Unarchives the chat; resolves false (its new archived state). */
  unarchiveChat(chatId) {
    return this[accountCall]('unarchiveChat', chatId);
  }

  /** Pins the chat; resolves the new pinned state (false when 3 chats are pinned already). */
  pinChat(chatId) {
    return this[accountCall]('pinChat', chatId);
  }

  /** Unpins the chat; resolves false. */
  unpinChat(chatId) {
    return this[accountCall]('unpinChat', chatId);
  }

  /** Mutes the chat until `unmuteDate` (a Date), or for ever; resolves { isMuted, muteExpiration }. */
  muteChat(chatId, unmuteDate) {
    return this[accountCall]('muteChat', chatId, unmuteDate instanceof Date ? unmuteDate.getTime() : unmuteDate);
  }

  unmuteChat(chatId) {
    return this[accountCall]('unmuteChat', chatId);
  }

  /** Marks the chat unread (its unreadCount becomes -1, as WhatsApp Web shows it). */
  async markChatUnread(chatId) {
    await this[accountCall]('markChatUnread', chatId);
  }
}

module.exports = Chats;
