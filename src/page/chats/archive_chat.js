// archiveChat / unarchiveChat: Cmd.archiveChat(chat, archive), as whatsapp-web.js
// (src/Client.js archiveChat). Returns the new archived state.
async function archiveChat(chatId, archive) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  await need('WAWebCmd', 'Cmd.archiveChat').Cmd.archiveChat(chat, archive);
  return archive;
}
