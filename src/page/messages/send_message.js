// client.sendMessage(chatId, content, options): the steps of whatsapp-web.js's
// sendMessage (src/Client.js, src/util/Injected/Utils.js window.WWebJS.sendMessage)
// for a text or a file: find the chat, mark it seen, prepare and upload the file,
// quote, mentions, link preview, a new MsgKey, addAndSendMsgToChat. With a file,
// `content` is its caption. Returns { message } or { error }.

async function sendMessage(chatId, content, options) {
  // A file prepared and uploaded the way whatsapp-web.js's processMediaData does
  // (Injected/Utils.js:683-801): opaque data, prep, media object, upload.
  async function prepareMedia({ mimetype, data, filename }, asDocument) {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const file = new File([bytes], filename || 'file', { type: mimetype, lastModified: Date.now() });
    const OpaqueData = window.require('WAWebMediaOpaqueData');
    const opaque = await OpaqueData.createFromData(file, mimetype);
    const mediaData = await window.require('WAWebPrepRawMedia').prepRawMedia(opaque, { asDocument }).waitForPrep();
    const mediaObject = window.require('WAWebMediaStorage').getOrCreateMediaObject(mediaData.filehash);
    const MediaTypes = window.require('WAWebMmsMediaTypes');
    const mediaType = MediaTypes.msgToMediaType({ type: mediaData.type, isGif: mediaData.isGif, isNewsletter: false });
    if (!mediaData.filehash) throw new Error('media-fault: sendToChat filehash undefined');
    if (!(mediaData.mediaBlob instanceof OpaqueData)) {
      mediaData.mediaBlob = await OpaqueData.createFromData(mediaData.mediaBlob, mediaData.mediaBlob.type);
    }
    mediaData.renderableUrl = mediaData.mediaBlob.url();
    mediaObject.consolidate(mediaData.toJSON());
    mediaData.mediaBlob.autorelease();
    if (window.require('WAWebMediaDataUtils').shouldUseMediaCache(MediaTypes.castToV4(mediaObject.type)) && mediaData.mediaBlob instanceof OpaqueData) {
      window.require('WAWebMediaInMemoryBlobCache').InMemoryMediaBlobCache.put(mediaObject.filehash, mediaData.mediaBlob.formData());
    }
    const { mediaEntry } = await window.require('WAWebMediaMmsV4Upload').uploadMedia({ mimetype: mediaData.mimetype, mediaObject, mediaType });
    if (!mediaEntry) throw new Error('upload failed: media entry was not created');
    mediaData.set({
      clientUrl: mediaEntry.mmsUrl,
      deprecatedMms3Url: mediaEntry.deprecatedMms3Url,
      directPath: mediaEntry.directPath,
      mediaKey: mediaEntry.mediaKey,
      mediaKeyTimestamp: mediaEntry.mediaKeyTimestamp,
      filehash: mediaObject.filehash,
      encFilehash: mediaEntry.encFilehash,
      uploadhash: mediaEntry.uploadHash,
      size: mediaObject.size,
      streamingSidecar: mediaEntry.sidecar,
      firstFrameSidecar: mediaEntry.firstFrameSidecar,
      mediaHandle: null,
    });
    return mediaData;
  }

  const M = accountModels();
  const chat = await M.findChat(chatId);
  if (!chat) return { message: null };
  if (options.sendSeen) {
    const Stream = window.require('WAWebStreamModel').Stream;
    Stream.markAvailable();
    await window.require('WAWebUpdateUnreadChatAction').sendSeen({ chat, threadId: undefined });
    Stream.markUnavailable();
  }

  // A caption the user typed (whatsapp-web.js main 9b53bebfd, src/Client.js:1464, spread
  // into the message): without it WhatsApp does not show a document's caption.
  const isCaptionByUser = Boolean(options.media && content);
  let media = {};
  if (options.media) {
    const prepared = await prepareMedia(options.media, options.sendMediaAsDocument);
    prepared.caption = content;
    // WhatsApp Web's body of a media message is its preview (none here).
    content = prepared.preview;
    media = { ...prepared, ...(prepared.toJSON ? prepared.toJSON() : {}) };
  }

  // A location, as whatsapp-web.js sends one (Injected/Utils.js:221-235).
  let location = {};
  if (options.location) {
    let { latitude, longitude, description, url } = options.location;
    url = window.require('WALinkify').findLink(url)?.href;
    if (url && !description) description = url;
    location = { type: 'location', loc: description, lat: latitude, lng: longitude, clientUrl: url };
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
  if (options.linkPreview && !options.media) {
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
    isCaptionByUser,
    ...window.require('WAWebGetEphemeralFieldsMsgActionsUtils').getEphemeralFields(chat),
    ...media,
    ...quoted,
    ...location,
  };
  const [added] = window.require('WAWebSendMsgChatAction').addAndSendMsgToChat(chat, message);
  await added;
  const sent = M.Collections.Msg.get(key._serialized);
  return { message: sent ? M.message(sent) : null };
}
