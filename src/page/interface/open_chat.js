// client.interface.openChatWindow / openChatDrawer / openChatSearch(chatId): the chat (Chat.get,
// else findOrCreateLatestChat, as whatsapp-web.js's WWebJS.getChat), then WAWebCmd's
// Cmd.openChatBottom({ chat }) (its answer returned), Cmd.openDrawerMid(chat) or
// Cmd.chatSearch(chat), as whatsapp-web.js 1.34.7 / main 2dc9466 (src/util/InterfaceController.js:15-50).
// { error: 'no-chat' } when there is no such chat.
async function openChat(action, chatId) {
  const chat = await accountModels().findChat(chatId);
  if (!chat) return { error: 'no-chat' };
  if (action === 'openChatWindow') {
    const opened = await need('WAWebCmd', 'Cmd.openChatBottom').Cmd.openChatBottom({ chat });
    return typeof opened === 'boolean' ? opened : null;
  }
  if (action === 'openChatDrawer') await need('WAWebCmd', 'Cmd.openDrawerMid').Cmd.openDrawerMid(chat);
  else await need('WAWebCmd', 'Cmd.chatSearch').Cmd.chatSearch(chat);
  return null;
}
