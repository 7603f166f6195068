'use strict';
// The Client's methods of one feature area: sending, polls, scheduled events, pins, reactions,
// reading messages (src/account/messages.rs, polls.rs, scheduled_events.rs, message_actions.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');
const structures = require('../structures');

class Messages {
  /** Sends a text message; resolves with the Message once WhatsApp Web holds it. */
  async sendMessage(chatId, content, options = {}) {
    const data = await this[accountCall]('sendMessage', chatId, content, options);
    return data ? new structures.Message(this, data) : undefined;
  }

  /** The votes on a poll (none for a message this device does not hold). */
  async getPollVotes(messageId) {
    return (await this[accountCall]('getPollVotes', messageId)).map((vote) => new structures.PollVote(this, vote));
  }

  /**
   * Answers a scheduled event: 0 none (takes the answer back), 1 going, 2 not going, 3 maybe.
   * True when sent; false when this device does not hold the event message.
   */
  sendResponseToScheduledEvent(response, eventMessageId) {
    return this[accountCall]('sendResponseToScheduledEvent', response, eventMessageId);
  }

  /** The messages pinned in a chat (src/account/message_actions.rs). */
  async getPinnedMessages(chatId) {
    return (await this[accountCall]('getPinnedMessages', chatId)).map((data) => new structures.Message(this, data));
  }

  /** Reacts to a message with an emoji; an empty string takes the reaction back. */
  async sendReaction(messageId, reaction) {
    await this[accountCall]('sendReaction', messageId, reaction);
  }

  async getMessageById(messageId) {
    const data = await this[accountCall]('getMessageById', messageId);
    return data ? new structures.Message(this, data) : null;
  }

  /** Messages whose text contains `query`, newest first; `{ page, limit, chatId }` narrow it. */
  async searchMessages(query, options = {}) {
    return (await this[accountCall]('searchMessages', query, options)).map((m) => new structures.Message(this, m));
  }
}

module.exports = Messages;
