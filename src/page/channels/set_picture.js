// channel.setProfilePicture(media), as whatsapp-web.js main 2dc9466 (src/structures/Channel.js:
// 167-172, 390-420): the channel's model (null: false), the picture cut to its centred square
// and drawn at 640 px as a JPEG data URL of quality 1 (cropAndResizeImage with { asDataUrl: true,
// mimetype: 'image/jpeg', size: 640, quality: 1 }; made by pictures/square_jpegs.js, put in front),
// then WAWebEditNewsletterMetadataAction.editNewsletterMetadataAction(channel,
// { editPicture: true }, { picture }). A refusal (ServerStatusCodeError) is false; bytes the
// browser cannot decode answer { notAnImage: true } and nothing is sent.
async function setChannelPicture(channelId, media) {
  const channel = await findChannel(channelId);
  if (!channel) return false;
  const edit = need('WAWebEditNewsletterMetadataAction', 'editNewsletterMetadataAction');
  const pictures = await squareJpegs(1)(media.mimetype, media.data);
  if (!pictures) return { notAnImage: true };
  try {
    await edit.editNewsletterMetadataAction(channel, { editPicture: true }, { picture: pictures.full });
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
