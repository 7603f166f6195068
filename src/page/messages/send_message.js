// client.sendMessage(chatId, content, options): the steps of whatsapp-web.js's
// sendMessage (src/Client.js, src/util/Injected/Utils.js window.WWebJS.sendMessage)
// for a text or a file: find the chat, mark it seen, prepare and upload the file,
// contact cards, quote, mentions, link preview, a bot mention, a new MsgKey, addAndSendMsgToChat. With a file,
// `content` is its caption. Returns { message } or { error }.

async function sendMessage(chatId, content, options) {
  const M = accountModels();
  need('WAWebCollections', 'Msg');
  const chat = await M.findChat(chatId);
  if (!chat) return { message: null };

  // A WhatsApp Business account cannot send a List (whatsapp-web.js's [LT01], Injected/Utils.js:
  // 384-390): refused before anything happens in the chat.
  if (options.list) {
    const { platform } = need('WAWebConnModel', 'Conn').Conn;
    if (platform === 'smba' || platform === 'smbi') return { error: 'list-on-business' };
  }

  // A bot mention ("@Meta AI"), as whatsapp-web.js main sends it (Injected/Utils.js:404-419): a
  // random message secret, the bot secret derived from it, the bot's wid and its profile's
  // persona. Resolved before anything is sent: a bot the page has no profile of is refused
  // (whatsapp-web.js would fail reading personaId of undefined).
  let bot = {};
  if (options.invokedBotWid) {
    const profile = need('WAWebBotProfileCollection', 'BotProfileCollection.get').BotProfileCollection.get(options.invokedBotWid);
    if (!profile) return { error: 'unknown-bot' };
    const messageSecret = window.crypto.getRandomValues(new Uint8Array(32));
    bot = {
      messageSecret,
      botMessageSecret: await need('WAWebBotMessageSecret', 'genBotMsgSecretFromMsgSecret').genBotMsgSecretFromMsgSecret(messageSecret),
      invokedBotWid: M.WidFactory.createWid(options.invokedBotWid),
      botPersonaId: profile.personaId,
    };
  }
  if (options.sendSeen) {
    const Stream = need('WAWebStreamModel', 'Stream').Stream;
    Stream.markAvailable();
    await need('WAWebUpdateUnreadChatAction', 'sendSeen').sendSeen({ chat, threadId: undefined });
    Stream.markUnavailable();
  }

  // A caption the user typed (whatsapp-web.js main 9b53bebfd, src/Client.js:1464, spread
  // into the message): without it WhatsApp does not show a document's caption.
  const isCaptionByUser = Boolean(options.media && content);
  let media = {};
  if (options.media) {
    // A sticker has its own upload and no body (media_kinds.js).
    const { kinds } = options;
    const prepared = kinds.sticker ? await mediaKinds().prepareSticker(options.media) : await prepareMedia(options.media, options.sendMediaAsDocument, kinds);
    prepared.caption = content;
    // WhatsApp Web's body of a media message is its preview (none here).
    content = kinds.sticker ? undefined : prepared.preview;
    prepared.isViewOnce = kinds.viewOnce;
    media = { ...prepared, ...(prepared.toJSON ? prepared.toJSON() : {}) };
  }

  // A location, as whatsapp-web.js sends one (Injected/Utils.js:221-235).
  let location = {};
  if (options.location) {
    let { latitude, longitude, description, url } = options.location;
    url = need('WALinkify', 'findLink').findLink(url)?.href;
    if (url && !description) description = url;
    location = { type: 'location', loc: description, lat: latitude, lng: longitude, clientUrl: url };
  }

  // A poll, as whatsapp-web.js sends one (messages/poll_fields.js).
  const poll = options.poll ? pollFields(options.poll) : {};

  // A scheduled event, as whatsapp-web.js sends one (Injected/Utils.js:254-285): the location a
  // name at 0, 0; a call link from WAWebGenerateEventCallLink for a 'voice' or 'video' call (none
  // otherwise: whatsapp-web.js also asks for one when no callType was given, passing undefined);
  // a random secret unless one was given.
  let event = {};
  if (options.event) {
    const { name, startTimeTs, description, endTimeTs, location, callType, isEventCanceled, messageSecret } = options.event;
    event = {
      type: 'event_creation',
      eventName: name,
      eventDescription: description ?? undefined,
      eventStartTime: startTimeTs,
      eventEndTime: endTimeTs,
      eventLocation: location ? { degreesLatitude: 0, degreesLongitude: 0, name: location } : undefined,
      eventJoinLink: callType === 'voice' || callType === 'video' ? await need('WAWebGenerateEventCallLink', 'createEventCallLink').createEventCallLink(startTimeTs, callType) : null,
      isEventCanceled,
      messageSecret: messageSecret ? new Uint8Array(messageSecret) : window.crypto.getRandomValues(new Uint8Array(32)),
    };
  }

  // Contact cards, and a text that is a vCard (parseVCards), as whatsapp-web.js main sends
  // them (Injected/Utils.js:286-340): one contact is a `vcard` message (its vCard the body), a
  // list a `multi_vcard` one; a vCard text WhatsApp Web cannot parse stays a text.
  let vcard = {};
  const { contactCard, contactCardList } = options.contactCards || {};
  if (contactCard || contactCardList) {
    const Contacts = need('WAWebCollections', 'Contact').Contact;
    const { vcardFromContactModel } = need('WAWebFrontendVcardUtils', 'vcardFromContactModel');
    if (contactCard) {
      const contact = await Contacts.find(contactCard);
      vcard = { body: vcardFromContactModel(contact).vcard, type: 'vcard', vcardFormattedName: contact.formattedName };
    } else {
      const contacts = await Promise.all(contactCardList.map((id) => Contacts.find(id)));
      vcard = { type: 'multi_vcard', vcardList: contacts.map((c) => vcardFromContactModel(c)), body: null };
    }
  } else if (options.parseVCards && typeof content === 'string' && content.startsWith('BEGIN:VCARD')) {
    options.linkPreview = false;
    const { parseVcard } = need('WAWebVcardParsingUtils', 'parseVcard');
    const { vcardGetNameFromParsed } = need('WAWebVcardGetNameFromParsed', 'vcardGetNameFromParsed');
    try {
      const parsed = parseVcard(content);
      if (parsed) vcard = { type: 'vcard', vcardFormattedName: vcardGetNameFromParsed(parsed) };
    } catch (notAVcard) {
      vcard = {};
    }
  }

  // Buttons and a List, deprecated by WhatsApp and still sent by whatsapp-web.js
  // (Injected/Utils.js:357-400): reply buttons on a text message (a file body rides along as
  // `attachment`, src/Client.js:1509-1511), a list as a `list` message. A WhatsApp Business
  // account cannot send a list (whatsapp-web.js's [LT01]): refused before anything is sent.
  let buttons = {};
  if (options.buttons) {
    const b = options.buttons;
    if (b.type === 'chat') content = b.body;
    buttons = {
      productHeaderImageRejected: false,
      isFromTemplate: false,
      isDynamicReplyButtonsMsg: true,
      title: b.title ?? undefined,
      footer: b.footer ?? undefined,
      dynamicReplyButtons: b.buttons,
      replyButtons: b.buttons,
      caption: b.type === 'chat' ? content : ' ',
      ...(b.attachment ? { attachment: b.attachment } : {}),
    };
  }
  let list = {};
  if (options.list) {
    const { description, buttonText, title, footer, sections } = options.list;
    list = { type: 'list', footer: footer ?? undefined, list: { description, buttonText, title: title ?? undefined, sections: sections.map((s) => ({ ...s, title: s.title ?? undefined })), listType: 1 }, body: description };
  }

  let quoted = {};
  if (options.quotedMessageId) {
    const target = await M.findMessage(options.quotedMessageId);
    if (target) {
      if (need('WAWebMsgReply', 'canReplyMsg').canReplyMsg(target.unsafe())) quoted = target.msgContextInfo(chat);
    } else if (!options.ignoreQuoteErrors) {
      return { error: 'quoted-not-found' };
    }
  }

  let preview = {};
  if (options.linkPreview && !options.media && !options.buttons && !options.list) {
    const link = need('WALinkify', 'findLink').findLink(content);
    if (link) {
      const found = await need('WAWebLinkPreviewChatAction', 'getLinkPreview').getLinkPreview(link);
      if (found && found.data) preview = { ...found.data, preview: true, subtype: 'url' };
    }
  }

  const MeUser = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser', 'getMaybeMeLidUser');
  let from = chat.id.isLid() ? MeUser.getMaybeMeLidUser() : MeUser.getMaybeMePnUser();
  // In a group the sender is the key's participant (LID or phone number, as the group addresses).
  let participant;
  if (chat.id.isGroup()) {
    from = chat.groupMetadata && chat.groupMetadata.isLidAddressingMode ? MeUser.getMaybeMeLidUser() : MeUser.getMaybeMePnUser();
    participant = M.WidFactory.asUserWidOrThrow(from);
  }
  const MsgKey = need('WAWebMsgKey', 'newId');
  const key = new MsgKey({ from, to: chat.id, id: await MsgKey.newId(), participant, selfDir: 'out' });
  const message = {
    mentionedJidList: options.mentions.map((id) => M.WidFactory.createWid(id)),
    // Group mentions (Injected/Utils.js:213-217): the text shown, the group's wid.
    ...(options.groupMentions ? { groupMentions: options.groupMentions.map((g) => ({ groupSubject: g.groupSubject, groupJid: M.WidFactory.createWid(g.groupJid) })) } : {}),
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
    isCaptionByUser,
    ...need('WAWebGetEphemeralFieldsMsgActionsUtils', 'getEphemeralFields').getEphemeralFields(chat),
    ...media,
    ...quoted,
    ...location,
    ...poll,
    ...event,
    ...vcard,
    ...buttons,
    ...list,
    ...bot,
    // options.extra, over everything else (Injected/Utils.js:483).
    ...(options.extra || {}),
  };
  // A bot does not answer a message with a canonicalUrl (Injected/Utils.js:485-488). whatsapp-web.js's
  // test there is always true (an object); its comment says it is meant for bot messages, so only
  // they lose it here and link previews keep theirs.
  if (options.invokedBotWid) delete message.canonicalUrl;
  const [added, sendResult] = need('WAWebSendMsgChatAction', 'addAndSendMsgToChat').addAndSendMsgToChat(chat, message);
  await added;
  // The server's answer too (Injected/Utils.js:581): the message's ack then says whether it went.
  if (options.waitUntilMsgSent) await sendResult;
  const sent = M.Collections.Msg.get(key._serialized);
  return { message: sent ? M.message(sent) : null };
}
