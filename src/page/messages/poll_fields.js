// Put in front of the page functions that send a poll (messages/send_message.js,
// channels/send_message.js): a poll's message fields as whatsapp-web.js sends them
// (Injected/Utils.js:235-251): single choice when pollSelectableOptionsCount is 1, any number
// when 0; a random secret unless one was given. `poll`: { pollName, pollOptions,
// allowMultipleAnswers, messageSecret }, checked by Rust (src/account/polls.rs).
function pollFields({ pollName, pollOptions, allowMultipleAnswers, messageSecret }) {
  return {
    kind: 'pollCreation',
    type: 'poll_creation',
    pollName,
    pollOptions,
    pollSelectableOptionsCount: allowMultipleAnswers ? 0 : 1,
    messageSecret: messageSecret ? new Uint8Array(messageSecret) : window.crypto.getRandomValues(new Uint8Array(32)),
  };
}
