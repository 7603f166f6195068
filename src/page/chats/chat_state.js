// chat.sendStateTyping() / sendStateRecording() / clearState(): WAWebChatStateBridge,
// as whatsapp-web.js's WWebJS.sendChatstate.
async function chatState(chatId, state) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(chatId);
  const bridge = need('WAWebChatStateBridge', 'sendChatStateComposing', 'sendChatStateRecording', 'sendChatStatePaused');
  if (state === 'typing') await bridge.sendChatStateComposing(wid);
  else if (state === 'recording') await bridge.sendChatStateRecording(wid);
  else await bridge.sendChatStatePaused(wid);
  return true;
}
