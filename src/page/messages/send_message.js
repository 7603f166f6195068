// client.sendMessage(chatId, text, options): the steps of whatsapp-web.js's
// sendMessage (src/Client.js, src/util/Injected/Utils.js window.WWebJS.sendMessage)
// for a text: find the chat, mark it seen, quote, mentions, link preview, a new
// MsgKey, addAndSendMsgToChat. Returns { message } or { error }.
async function sendMessage(chatId, content, options) {
  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return { message: null };
  if (options.sendSeen) {
    const Stream = window.require('WAWebStreamModel').Stream;
    Stream.markAvailable();
    await window.require('WAWebUpdateUnreadChatAction').sendSeen({ chat, threadId: undefined });
    Stream.markUnavailable();
  }

  let quoted = {};
  if (options.quotedMessageId) {
    const target = await M.findMessage(options.quotedMessageId);
    if (target) {
      if (window.require('WAWebMsgReply').canReplyMsg(target.unsafe())) quoted = target.msgContextInfo(chat);
    } else if (!options.ignoreQuoteErrors) {
      return { error: 'quoted-not-found' };
    }
  }

  let preview = {};
  if (options.linkPreview) {
    const link = window.require('WALinkify').findLink(content);
    if (link) {
      const found = await window.require('WAWebLinkPreviewChatAction').getLinkPreview(link);
      if (found && found.data) preview = { ...found.data, preview: true, subtype: 'url' };
    }
  }

  const MeUser = window.require('WAWebUserPrefsMeUser');
  let from = chat.id.isLid() ? MeUser.getMaybeMeLidUser() : MeUser.getMaybeMePnUser();
  // In a group the sender is the key's participant (LID or phone number, as the group addresses).
  let participant;
  if (chat.id.isGroup()) {
    from = chat.groupMetadata && chat.groupMetadata.isLidAddressingMode ? MeUser.getMaybeMeLidUser() : MeUser.getMaybeMePnUser();
    participant = M.WidFactory.asUserWidOrThrow(from);
  }
  const MsgKey = window.require('WAWebMsgKey');
  const key = new MsgKey({ from, to: chat.id, id: await MsgKey.newId(), participant, selfDir: 'out' });
  const message = {
    mentionedJidList: options.mentions.map((id) => M.WidFactory.createWid(id)),
    ...preview,
    id: key,
    ack: 0,
    body: content,
    from,
    to: chat.id,
    local: true,
    self: 'out',
    t: Math.floor(Date.now() / 1000),
    isNewMsg: true,
    type: 'chat',
    ...window.require('WAWebGetEphemeralFieldsMsgActionsUtils').getEphemeralFields(chat),
    ...quoted,
  };
  const [added] = window.require('WAWebSendMsgChatAction').addAndSendMsgToChat(chat, message);
  await added;
  const sent = M.Collections.Msg.get(key._serialized);
  return { message: sent ? M.message(sent) : null };
}
