// Put in front of the channel page functions that act on one channel: the channel's model, as
// whatsapp-web.js main 2dc9466 finds it (src/util/Injected/Utils.js:843-860, WWebJS.getChat with
// a `@newsletter` id): WAWebNewsletterCollection, else loaded with
// WAWebLoadNewsletterPreviewChatAction.loadNewsletterPreviewChat and found again. Null when the
// page cannot find it (whatsapp-web.js's callers then answer false).
async function findChannel(channelId) {
  const Collections = need('WAWebCollections', 'WAWebNewsletterCollection.get', 'WAWebNewsletterCollection.find');
  const Newsletters = Collections.WAWebNewsletterCollection;
  let channel = Newsletters.get(channelId);
  if (channel) return channel;
  const load = need('WAWebLoadNewsletterPreviewChatAction', 'loadNewsletterPreviewChat');
  try {
    await load.loadNewsletterPreviewChat(channelId);
    channel = await Newsletters.find(accountModels().WidFactory.createWid(channelId));
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return null;
    throw error;
  }
  return channel || null;
}
