'use strict';
// whatsapp-web.js's PollVote (src/structures/PollVote.js): the fields come from Rust
// (src/account/polls.rs); the poll is a Message.
const { Record } = require('./Base');
const Message = require('./Message');

class PollVote extends Record {
  _patch(data) {
    super._patch(data);
    // getPollVotes() hands one Message to all the votes of a poll; an event brings its data.
    if (data.parentMessage instanceof Message) this.parentMessage = data.parentMessage;
    else this.parentMessage = data.parentMessage ? new Message(this.client, data.parentMessage) : undefined;
    return data;
  }
}

module.exports = PollVote;
