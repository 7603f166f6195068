// client.getMessageById(id) and message.reload(): Msg.get, else getMessagesById.
async function getMessage(messageId) {
  const M = accountModels();
  const found = await M.findMessage(messageId);
  return found ? M.message(found) : null;
}
