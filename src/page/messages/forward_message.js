// message.forward(chat): as whatsapp-web.js's WWebJS.forwardMessage (Injected/Utils.js):
// WAWebChatForwardMessage.forwardMessages to the chat, one message, caption included.
async function forwardMessage(messageId, chatId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return null;
  const chat = await M.findChat(chatId);
  await need('WAWebChatForwardMessage', 'forwardMessages').forwardMessages({
    chat,
    msgs: [msg],
    multicast: true,
    includeCaption: true,
    appendedText: undefined,
  });
  return null;
}
