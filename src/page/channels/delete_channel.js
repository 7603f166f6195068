// client.deleteChannel(id) / channel.deleteChannel(), as whatsapp-web.js main 2dc9466
// (src/Client.js:2726-2743): WAWebNewsletterDeleteAction.deleteNewsletterAction(channel); false
// when the page cannot find the channel or the server refuses (not the owner).
async function deleteChannel(channelId) {
  const channel = await findChannel(channelId);
  if (!channel) return false;
  try {
    await need('WAWebNewsletterDeleteAction', 'deleteNewsletterAction').deleteNewsletterAction(channel);
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
