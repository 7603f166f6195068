// client.transferChannelOwnership(channelId, newOwnerId, { shouldDismissSelfAsAdmin }) and
// Channel's, as whatsapp-web.js main 2dc9466 (src/Client.js:2579-2625): the channel's model, the
// new owner's contact (WAWebCollections.Contact get, else find), the metadata read first if the
// model has none (NewsletterMetadataCollection.update), then
// WAWebChangeNewsletterOwnerAction.changeNewsletterOwnerAction(channel, contact); with
// shouldDismissSelfAsAdmin, the account's own contact (WAWebContactCollection.getMeContact)
// demoted with WAWebNewsletterDemoteAdminJob.demoteNewsletterAdminAction(channel, me). The new
// owner must already be an admin (the server refuses otherwise). whatsapp-web.js answers false
// on any error; here a server refusal (ServerStatusCodeError) is false and a missing internal
// stays an error naming it. False when the page cannot find the channel.
async function transferChannelOwnership(channelId, newOwnerId, dismissSelf) {
  const channel = await findChannel(channelId);
  if (!channel) return false;
  const Collections = need('WAWebCollections', 'Contact', 'NewsletterMetadataCollection.update');
  const change = need('WAWebChangeNewsletterOwnerAction', 'changeNewsletterOwnerAction');
  const demote = dismissSelf ? need('WAWebNewsletterDemoteAdminJob', 'demoteNewsletterAdminAction') : null;
  const contacts = dismissSelf ? need('WAWebContactCollection', 'getMeContact') : null;
  try {
    const newOwner = Collections.Contact.get(newOwnerId) || (await Collections.Contact.find(newOwnerId));
    if (!channel.newsletterMetadata) await Collections.NewsletterMetadataCollection.update(channel.id);
    await change.changeNewsletterOwnerAction(channel, newOwner);
    if (dismissSelf) {
      const me = contacts.getMeContact();
      if (me) await demote.demoteNewsletterAdminAction(channel, me);
    }
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
