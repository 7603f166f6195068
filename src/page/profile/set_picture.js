// setProfilePicture(media): as whatsapp-web.js main 2dc9466 (Injected/Utils.js:1288-1364,
// setPicture and cropAndResizeImage): the picture cropped to its centre square and drawn at
// 96 and 640 pixels as JPEG data URLs (quality 0.75), then, if the account's ProfilePicThumb
// model says it can be set, WAWebContactProfilePicThumbBridge.sendSetPicture(wid, preview,
// picture); true when the server answered 200. A server refusal (ServerStatusCodeError) is false.
//
// The picture is made by pictures/square_jpegs.js (put in front of this function); Rust has
// checked the MIME type and the base64. Answers { error: 'undecodable' } when the browser cannot
// decode the data as that image.
async function setPicture(mimetype, data) {
  const me = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser', 'getMaybeMeLidUser');
  const wid = me.getMaybeMePnUser() || me.getMaybeMeLidUser();
  if (!wid) throw new Error('the account has no id yet');
  const pictures = await squareJpegs()(mimetype, data);
  if (!pictures) return { error: 'undecodable' };
  const { thumbnail: preview, full: picture } = pictures;
  const { ProfilePicThumb } = need('WAWebCollections', 'ProfilePicThumb');
  try {
    const thumb = ProfilePicThumb.get(wid) || (await ProfilePicThumb.find(wid));
    if (!thumb || !thumb.canSet()) return false;
    const answer = await need('WAWebContactProfilePicThumbBridge', 'sendSetPicture').sendSetPicture(wid, preview, picture);
    return Boolean(answer && answer.status === 200);
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
