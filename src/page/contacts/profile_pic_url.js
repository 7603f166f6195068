// client.getProfilePicUrl(contactId): as whatsapp-web.js (src/Client.js getProfilePicUrl),
// WAWebContactProfilePicThumbBridge.requestProfilePicFromServer on the chat; a server
// refusal (no picture, or not shown to us) is null.
async function profilePicUrl(contactId) {
  const M = accountModels();
  const chat = await M.findChat(contactId);
  try {
    const picture = await need('WAWebContactProfilePicThumbBridge', 'requestProfilePicFromServer').requestProfilePicFromServer(chat);
    return picture && typeof picture.eurl === 'string' ? picture.eurl : null;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return null;
    throw error;
  }
}
