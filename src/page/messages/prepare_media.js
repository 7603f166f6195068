// Put in front of the page functions that send a file (messages/send_message.js,
// status/send_status.js; src/account/messages.rs, status.rs), after messages/media_kinds.js.
// A file prepared and uploaded the way whatsapp-web.js's processMediaData does
// (Injected/Utils.js:683-801): opaque data, prep, media object, upload. `toChannel` (a channel
// post, channels/send_message.js): the media type for a newsletter, the upload unencrypted with
// WAMediaCalculateFilehash.getRandomFilehash as its token, and the upload's handle kept
// (Utils.js:719-723, 762-777, 793), as whatsapp-web.js's sendToChannel.
async function prepareMedia({ mimetype, data, filename }, asDocument, kinds, toChannel = false) {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const file = new File([bytes], filename || 'file', { type: mimetype, lastModified: Date.now() });
  const OpaqueData = need('WAWebMediaOpaqueData', 'createFromData');
  const opaque = await OpaqueData.createFromData(file, mimetype);
  const mediaData = await need('WAWebPrepRawMedia', 'prepRawMedia').prepRawMedia(opaque, mediaKinds().mediaKindParams(file, asDocument, kinds)).waitForPrep();
  const mediaObject = need('WAWebMediaStorage', 'getOrCreateMediaObject').getOrCreateMediaObject(mediaData.filehash);
  const MediaTypes = need('WAWebMmsMediaTypes', 'msgToMediaType', 'castToV4');
  const mediaType = MediaTypes.msgToMediaType({ type: mediaData.type, isGif: mediaData.isGif, isNewsletter: toChannel });
  if (!mediaData.filehash) throw new Error('media-fault: sendToChat filehash undefined');
  await mediaKinds().addVoiceWaveform(file, mediaData, mediaObject, kinds);
  if (!(mediaData.mediaBlob instanceof OpaqueData)) {
    mediaData.mediaBlob = await OpaqueData.createFromData(mediaData.mediaBlob, mediaData.mediaBlob.type);
  }
  mediaData.renderableUrl = mediaData.mediaBlob.url();
  mediaObject.consolidate(mediaData.toJSON());
  mediaData.mediaBlob.autorelease();
  if (need('WAWebMediaDataUtils', 'shouldUseMediaCache').shouldUseMediaCache(MediaTypes.castToV4(mediaObject.type)) && mediaData.mediaBlob instanceof OpaqueData) {
    need('WAWebMediaInMemoryBlobCache', 'InMemoryMediaBlobCache.put').InMemoryMediaBlobCache.put(mediaObject.filehash, mediaData.mediaBlob.formData());
  }
  const toUpload = { mimetype: mediaData.mimetype, mediaObject, mediaType };
  const { mediaEntry } = toChannel
    ? await need('WAWebMediaMmsV4Upload', 'uploadUnencryptedMedia').uploadUnencryptedMedia({ ...toUpload, calculateToken: need('WAMediaCalculateFilehash', 'getRandomFilehash').getRandomFilehash })
    : await need('WAWebMediaMmsV4Upload', 'uploadMedia').uploadMedia(toUpload);
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
    mediaHandle: toChannel ? mediaEntry.handle : null,
  });
  return mediaData;
}
