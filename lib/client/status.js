'use strict';
// The Client's methods of one feature area: status updates and broadcasts (src/account/status.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype; sendMessage('status@broadcast', …)
// (lib/client/messages.js) comes to sendStatus() below.
const { accountCall } = require('../structures/Base');
const structures = require('../structures');
const Broadcast = require('../structures/Broadcast');

class Status {
  /** Every poster's status updates the account has (its own included once it posted). */
  async getBroadcasts() {
    return (await this[accountCall]('getBroadcasts')).map((data) => new Broadcast(this, data));
  }

  /** One contact's status updates; a contact with none gives a Broadcast with no messages. */
  async getBroadcastById(contactId) {
    return new Broadcast(this, await this[accountCall]('getBroadcastById', contactId));
  }

  /** Deletes one of the account's own status updates for everyone; resolves undefined. */
  async revokeStatusMessage(messageId) {
    await this[accountCall]('revokeStatusMessage', messageId);
  }
}

/**
 * sendMessage('status@broadcast', content, options): a text or a picture, video or audio. What
 * whatsapp-web.js (1.34.7 and main, src/Client.js:1411-1433) does not post to a status (a location,
 * contact cards, a poll, buttons, a list; documents, quotes, vCard parsing, view once, stickers)
 * gets its warning and null, as there; anything else malformed is a named error, nothing posted.
 * Mentions and link previews are not carried (a text status is only { color, font, text } there).
 */
async function sendStatus(client, content, options = {}) {
  const o = options || {};
  const refused = [o.sendMediaAsDocument, o.quotedMessageId, o.parseVCards, o.isViewOnce, o.sendMediaAsSticker]
    .concat([structures.Location, structures.Contact, structures.Poll, structures.Buttons, structures.List].map((type) => content instanceof type))
    .concat(Array.isArray(content) && content.length > 0 && content[0] instanceof structures.Contact);
  // whatsapp-web.js tests `.includes(true)`, so a quotedMessageId (a string) slips through there
  // and the quote is dropped; any value that is set is refused here.
  if (refused.some(Boolean)) {
    console.warn('The message type is currently not supported for sending in status broadcast,\nthe supported message types are: text, image, gif, audio and video.');
    return null;
  }
  const data = await client[accountCall]('sendStatus', content, o);
  return new structures.Message(client, data);
}

module.exports = Status;
module.exports.sendStatus = sendStatus;
