// muteChat / unmuteChat: the chat's mute model, as whatsapp-web.js's _muteUnmuteChat
// (src/Client.js). `until` is a Unix time, -1 for ever, null to unmute.
async function muteChat(chatId, until) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (until === null) await chat.mute.unmute({ sendDevice: true });
  else await chat.mute.mute({ expiration: until, sendDevice: true });
  return { isMuted: chat.mute.expiration !== 0, muteExpiration: chat.mute.expiration };
}
