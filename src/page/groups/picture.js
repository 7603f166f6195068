// groupChat.setPicture(media) / deletePicture(), as whatsapp-web.js
// (WWebJS.setPicture, deletePicture and cropAndResizeImage, src/util/Injected/Utils.js:1288-1382).
// The picture is made by pictures/square_jpegs.js (put in front of this function); bytes
// the browser cannot decode answer { notAnImage: true } and nothing is sent. The group's ProfilePicThumb
// must allow it (canSet / canDelete); WAWebContactProfilePicThumbBridge sends it. A
// ServerStatusCodeError answers false. `media` null: delete.
async function picture(groupId, media) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(groupId);
  const Thumbs = need('WAWebCollections', 'ProfilePicThumb').ProfilePicThumb;
  const bridge = need('WAWebContactProfilePicThumbBridge', 'sendSetPicture', 'requestDeletePicture');
  if (media === null) {
    try {
      const thumb = Thumbs.get(groupId);
      // whatsapp-web.js answers undefined here; Rust makes it false.
      if (!thumb || !thumb.canDelete()) return null;
      const answer = await bridge.requestDeletePicture(wid);
      return answer ? answer.status === 200 : false;
    } catch (error) {
      if (error && error.name === 'ServerStatusCodeError') return false;
      throw error;
    }
  }
  const pictures = await squareJpegs()(media.mimetype, media.data);
  if (!pictures) return { notAnImage: true };
  const { thumbnail, full } = pictures;
  try {
    const thumb = Thumbs.get(groupId) || (await Thumbs.find(groupId));
    if (!thumb?.canSet()) return false;
    const answer = await bridge.sendSetPicture(wid, thumbnail, full);
    return answer ? answer.status === 200 : false;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
