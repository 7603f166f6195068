// client.getChannels(): every channel of WAWebNewsletterCollection, as whatsapp-web.js main
// 2dc9466 lists them (src/util/Injected/Utils.js:928-936, WWebJS.getChannels).
async function channels() {
  const Newsletters = need('WAWebCollections', 'WAWebNewsletterCollection.getModelsArray').WAWebNewsletterCollection;
  return (await Promise.all(Newsletters.getModelsArray().map((chat) => channelRecord(chat)))).filter(Boolean);
}
