// Put in front of the channel page functions that answer channels: one channel model as
// whatsapp-web.js main 2dc9466 reads it (src/util/Injected/Utils.js:938-999, WWebJS.getChatModel
// with isChannel): its serialize(), the mute expiration, and its newsletterMetadata after
// NewsletterMetadataCollection.update(id), with the creation time as createdAtTs. Rust checks it.
async function channelRecord(chat) {
  const M = accountModels();
  const { getIsNewsletter } = need('WAWebChatGetters', 'getIsNewsletter');
  if (!getIsNewsletter(chat)) return null;
  const c = chat.serialize();
  const expiration = chat.mute ? chat.mute.expiration : c.muteExpiration;
  let channelMetadata = {};
  if (chat.newsletterMetadata) {
    await need('WAWebCollections', 'NewsletterMetadataCollection.update').NewsletterMetadataCollection.update(chat.id);
    const meta = chat.newsletterMetadata.serialize();
    const plain = (v) => (v === null || ['string', 'number', 'boolean'].includes(typeof v) ? v : null);
    channelMetadata = Object.fromEntries(
      ['name', 'description', 'inviteCode', 'membershipType', 'verified', 'subscribersCount', 'reactionCodesSetting'].map((k) => [k, plain(meta[k] ?? null)]),
    );
    channelMetadata.createdAtTs = plain(chat.newsletterMetadata.creationTime ?? null);
  }
  const lastKey = chat.lastReceivedKey;
  const last = lastKey ? chat.msgs.get(lastKey) || (await M.findMessage(M.text(lastKey))) : null;
  return {
    id: M.text(chat.id),
    name: typeof c.name === 'string' ? c.name : '',
    isReadOnly: Boolean(c.isReadOnly),
    unreadCount: c.unreadCount || 0,
    t: c.t || 0,
    isMuted: expiration !== 0,
    muteExpiration: expiration || 0,
    lastMessage: last ? M.message(last) : null,
    channelMetadata,
  };
}
