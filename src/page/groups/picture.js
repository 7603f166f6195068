// groupChat.setPicture(media) / deletePicture(), as whatsapp-web.js
// (WWebJS.setPicture, deletePicture and cropAndResizeImage, src/util/Injected/Utils.js:1288-1382).
// The picture is cut to its centred square and drawn on a canvas at 96 px (thumbnail) and
// 640 px as JPEG data URLs of quality 0.75, here in the page as whatsapp-web.js does: the
// browser decodes every format it shows (WebP, GIF, AVIF…) and gives the pixels
// whatsapp-web.js sends, without an image decoder in the addon. Bytes the browser cannot
// decode answer { notAnImage: true } and nothing is sent. The group's ProfilePicThumb
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
  // createImageBitmap, not an <img>: the client starts Chromium with images off
  // (src/browser/resources.rs), which stops an <img> from ever loading; a bitmap decodes the
  // same bytes, and drawImage scales it as it would the element.
  let image;
  try {
    const bytes = Uint8Array.from(atob(media.data), (c) => c.charCodeAt(0));
    image = await createImageBitmap(new Blob([bytes], { type: media.mimetype }));
  } catch (_) {
    return { notAnImage: true };
  }
  const square = Math.min(image.width, image.height);
  if (!square) return { notAnImage: true };
  const sx = Math.floor((image.width - square) / 2);
  const sy = Math.floor((image.height - square) / 2);
  const draw = (size) => {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    canvas.getContext('2d').drawImage(image, sx, sy, square, square, 0, 0, size, size);
    return canvas.toDataURL('image/jpeg', 0.75);
  };
  const thumbnail = draw(96);
  const full = draw(640);
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
