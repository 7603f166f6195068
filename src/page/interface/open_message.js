// client.interface.openChatWindowAt / openMessageDrawer(msgId), as whatsapp-web.js 1.34.7 /
// main 2dc9466 (src/util/InterfaceController.js:56-93): the message (Msg.get, else
// getMessagesById); for openChatWindowAt its chat (Chat.get ?? Chat.find), the search context
// of WAWebChatMessageSearch.getSearchContext(chat, msg.id) and Cmd.openChatAt({ chat,
// msgContext }); for openMessageDrawer Cmd.msgInfoDrawer(msg). { error: 'not-found' } when
// there is no such message (where whatsapp-web.js fails reading `id` of undefined).
async function openMessage(action, msgId) {
  const msg = await accountModels().findMessage(msgId);
  if (!msg) return { error: 'not-found' };
  if (action === 'openMessageDrawer') {
    await need('WAWebCmd', 'Cmd.msgInfoDrawer').Cmd.msgInfoDrawer(msg);
    return null;
  }
  const { Chat } = need('WAWebCollections', 'Chat');
  const chat = Chat.get(msg.id.remote) ?? (await Chat.find(msg.id.remote));
  const msgContext = await need('WAWebChatMessageSearch', 'getSearchContext').getSearchContext(chat, msg.id);
  await need('WAWebCmd', 'Cmd.openChatAt').Cmd.openChatAt({ chat, msgContext });
  return null;
}
