// client.createChannel(title, { description, picture }), as whatsapp-web.js main 2dc9466
// (src/Client.js:2471-2522): only when WAWebNewsletterGatingUtils.isNewsletterCreationEnabled();
// WAWebNewsletterCreateQueryJob.createNewsletterQuery, its answer's id as a wid
// (WAWebJidToWid.newsletterJidToWid), invite link and creation time. whatsapp-web.js's own error
// texts when creating is off or the server refuses. The picture (a MessageMedia Rust has
// checked, or null) is cut square and drawn at 640 px as a JPEG data URL of quality 1, as
// cropAndResizeImage (Client.js:2484-2492), by pictures/square_jpegs.js (put in front); bytes the
// browser cannot decode answer { notAnImage: true } and nothing is sent.
async function createChannel(title, description, media) {
  if (!need('WAWebNewsletterGatingUtils', 'isNewsletterCreationEnabled').isNewsletterCreationEnabled()) {
    return 'CreateChannelError: A channel creation is not enabled';
  }
  let picture = null;
  if (media) {
    const pictures = await squareJpegs(1)(media.mimetype, media.data);
    if (!pictures) return { notAnImage: true };
    picture = pictures.full;
  }
  let response;
  try {
    response = await need('WAWebNewsletterCreateQueryJob', 'createNewsletterQuery').createNewsletterQuery({ name: title, description, picture });
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
