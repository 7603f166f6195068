// channel.getSubscribers(limit): the subscribers in the account's address book with their roles,
// as whatsapp-web.js main 2dc9466 (src/structures/Channel.js:104-131): the limit defaults to
// WAWebNewsletterGatingUtils.getMaxSubscriberNumber(); WAWebMexFetchNewsletterSubscribersJob
// .mexFetchNewsletterSubscribers, then WAWebNewsletterSubscriberListAction.getSubscribersInContacts,
// each contact read as getContactById reads it. None when the page cannot find the channel.
async function channelSubscribers(channelId, limit) {
  const M = accountModels();
  const channel = await findChannel(channelId);
  if (!channel) return [];
  const max = limit || need('WAWebNewsletterGatingUtils', 'getMaxSubscriberNumber').getMaxSubscriberNumber();
  const response = await need('WAWebMexFetchNewsletterSubscribersJob', 'mexFetchNewsletterSubscribers').mexFetchNewsletterSubscribers(channelId, max);
  const inContacts = need('WAWebNewsletterSubscriberListAction', 'getSubscribersInContacts').getSubscribersInContacts(response.subscribers);
  return Promise.all(inContacts.map(async (s) => ({ role: String(s.role), contact: await M.contact(s.contact) })));
}
