// setStatus(status): the account's about text, through WAWebContactStatusBridge.setMyStatus
// as whatsapp-web.js main 2dc9466 (src/Client.js:1945-1951). Answers nothing.
async function setStatus(status) {
  await need('WAWebContactStatusBridge', 'setMyStatus').setMyStatus(status);
  return null;
}
