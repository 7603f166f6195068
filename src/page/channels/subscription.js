// client.subscribeToChannel(id) / unsubscribeFromChannel(id, { deleteLocalModels }), as
// whatsapp-web.js main 2dc9466 (src/util/Injected/Utils.js:1620-1650): false for a channel the
// page cannot find or one the account owns; WAWebNewsletterSubscribeAction /
// WAWebNewsletterUnsubscribeAction with { eventSurface: 3, deleteLocalModels }; false when the
// server refuses.
async function subscription(channelId, subscribe, deleteLocalModels) {
  const channel = await findChannel(channelId);
  if (!channel || channel.newsletterMetadata.membershipType === 'owner') return false;
  const options = { eventSurface: 3, deleteLocalModels };
  try {
    if (subscribe) await need('WAWebNewsletterSubscribeAction', 'subscribeToNewsletterAction').subscribeToNewsletterAction(channel, options);
    else await need('WAWebNewsletterUnsubscribeAction', 'unsubscribeFromNewsletterAction').unsubscribeFromNewsletterAction(channel, options);
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
