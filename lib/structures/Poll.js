'use strict';
// whatsapp-web.js's Poll (src/structures/Poll.js): the name and the options trimmed, each option
// with its local id (its place), single choice unless allowMultipleAnswers is true. Bad values
// are kept as they are: sendMessage() names the problem (src/account/polls.rs).

class Poll {
  constructor(pollName, pollOptions, options = {}) {
    this.pollName = typeof pollName === 'string' ? pollName.trim() : pollName;
    this.pollOptions = Array.isArray(pollOptions)
      ? pollOptions.map((option, index) => ({ name: typeof option === 'string' ? option.trim() : option, localId: index }))
      : pollOptions;
    this.options = {
      allowMultipleAnswers: Boolean(options) && options.allowMultipleAnswers === true,
      messageSecret: options ? options.messageSecret : undefined,
    };
  }
}

module.exports = Poll;
