// client.syncHistory(chatId): asks the phone for more of the chat's history when the history it
// sent says more remains there (endOfHistoryTransferType 0), with a peer data operation 3,
// HISTORY_SYNC_ON_DEMAND (main 2dc9466 Client.js:3174-3191). Whether it asked.
async function syncHistory(chatId) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(chatId);
  const Chat = need('WAWebCollections', 'Chat').Chat;
  const chat = Chat.get(wid) ?? (await Chat.find(wid));
  if (chat?.endOfHistoryTransferType !== 0) return false;
  await need('WAWebSendNonMessageDataRequest', 'sendPeerDataOperationRequest').sendPeerDataOperationRequest(3, { chatId: chat.id });
  return true;
}
