'use strict';
// The Client's methods of one feature area: sending, polls, scheduled events, pins, reactions,
// reading messages (src/account/messages.rs, polls.rs, scheduled_events.rs, message_actions.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');
const structures = require('../structures');
const { sendStatus } = require('./status');
const channels = require('./channels');

class Messages {
  /** Sends a text message; resolves with the Message once WhatsApp Web holds it. */
  async sendMessage(chatId, content, options = {}) {
    // Posting a status (lib/client/status.js).
    if (chatId === 'status@broadcast') return sendStatus(this, content, options);
    // Posting to a channel (lib/client/channels.js).
    if (channels.isChannelId(chatId)) return channels.sendToChannel(this, chatId, content, options);
    if ((content instanceof structures.Buttons || content instanceof structures.List) && !warnButtonsOrList(chatId, content)) return null;
    const data = await this[accountCall]('sendMessage', chatId, content, options);
    return data ? new structures.Message(this, data) : undefined;
  }

  /** The votes on a poll (none for a message this device does not hold). */
  async getPollVotes(messageId) {
    const { parentMessage, votes } = await this[accountCall]('getPollVotes', messageId);
    // One Message for the poll, shared by its votes, as whatsapp-web.js does.
    const poll = parentMessage ? new structures.Message(this, parentMessage) : undefined;
    return votes.map((vote) => new structures.PollVote(this, { ...vote, parentMessage: poll }));
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

/**
 * sendMessage() of Buttons or a List, as whatsapp-web.js (1.34.7 and main, src/Client.js:1392-1433,
 * 1504-1518) handles them: for a channel or a broadcast it warns that the type is not supported
 * there and answers null (false here: nothing is sent); otherwise it warns that both are
 * deprecated and sends them (true), as a text message with reply buttons or a `list` message
 * (src/account/buttons.rs checks them, src/page/messages/send_message.js sends them). Whether
 * WhatsApp delivers them today is not known.
 */
function warnButtonsOrList(chatId, content) {
  const where = typeof chatId === 'string' ? chatId : '';
  if (/@\w*newsletter\b/.test(where)) {
    console.warn('The message type is currently not supported for sending in channels,\nthe supported message types are: text, image, sticker, gif, video, voice and poll.');
    return false;
  }
  if (/@\w*broadcast\b/.test(where)) {
    console.warn('The message type is currently not supported for sending in status broadcast,\nthe supported message types are: text, image, gif, audio and video.');
    return false;
  }
  const buttons = content instanceof structures.Buttons;
  console.warn(`${buttons ? 'Buttons are' : 'Lists are'} now deprecated. See more at https://www.youtube.com/watch?v=hv1R1rLeVVE.`);
  return true;
}

module.exports = Messages;
