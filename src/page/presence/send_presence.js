// sendPresenceAvailable() / sendPresenceUnavailable(): WAWebPresenceChatAction, as
// whatsapp-web.js main 2dc9466 (src/Client.js:1985-2002). Answers nothing.
async function sendPresence(available) {
  const Presence = need('WAWebPresenceChatAction', 'sendPresenceAvailable', 'sendPresenceUnavailable');
  await (available ? Presence.sendPresenceAvailable() : Presence.sendPresenceUnavailable());
  return null;
}
