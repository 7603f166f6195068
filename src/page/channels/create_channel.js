// client.createChannel(title, { description }), as whatsapp-web.js main 2dc9466
// (src/Client.js:2471-2522): only when WAWebNewsletterGatingUtils.isNewsletterCreationEnabled();
// WAWebNewsletterCreateQueryJob.createNewsletterQuery, its answer's id as a wid
// (WAWebJidToWid.newsletterJidToWid), invite link and creation time. whatsapp-web.js's own error
// texts when creating is off or the server refuses. (The picture is refused in Rust for now.)
async function createChannel(title, description) {
  if (!need('WAWebNewsletterGatingUtils', 'isNewsletterCreationEnabled').isNewsletterCreationEnabled()) {
    return 'CreateChannelError: A channel creation is not enabled';
  }
  let response;
  try {
    response = await need('WAWebNewsletterCreateQueryJob', 'createNewsletterQuery').createNewsletterQuery({ name: title, description, picture: null });
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return 'CreateChannelError: An error occupied while creating a channel';
    throw error;
  }
  const nid = need('WAWebJidToWid', 'newsletterJidToWid').newsletterJidToWid(response.idJid);
  return {
    title,
    nid: accountModels().text(nid),
    inviteLink: `https://whatsapp.com/channel/${response.newsletterInviteLinkMetadataMixin.inviteCode}`,
    createdAtTs: response.newsletterCreationTimeMetadataMixin.creationTimeValue,
  };
}
