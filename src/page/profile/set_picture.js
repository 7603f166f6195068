// setProfilePicture(media): as whatsapp-web.js main 2dc9466 (Injected/Utils.js:1288-1364,
// setPicture and cropAndResizeImage): the picture cropped to its centre square and drawn at
// 96 and 640 pixels as JPEG data URLs (quality 0.75), then, if the account's ProfilePicThumb
// model says it can be set, WAWebContactProfilePicThumbBridge.sendSetPicture(wid, preview,
// picture); true when the server answered 200. A server refusal (ServerStatusCodeError) is false.
//
// The cropping is done here, with the page's own image decoder and canvas, rather than in Rust
// (the `image` crate): the pixels are then those whatsapp-web.js sends (same decoder, same
// scaling, same JPEG encoder and quality), every format Chromium shows is taken (WebP, AVIF,
// GIF…), and the addon carries no image codecs. Rust has checked the MIME type and the base64.
// Answers { error: 'undecodable' } when the browser cannot decode the data as that image.
async function setPicture(mimetype, data) {
  const me = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser', 'getMaybeMeLidUser');
  const wid = me.getMaybeMePnUser() || me.getMaybeMeLidUser();
  if (!wid) throw new Error('the account has no id yet');
  // createImageBitmap, not whatsapp-web.js's `new Image()`: the client starts Chromium with
  // images disabled (src/browser/resources.rs), and an <img> then never loads nor fails; the
  // bitmap goes through the same decoder.
  let image;
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    image = await createImageBitmap(new Blob([bytes], { type: mimetype }));
  } catch (_) {
    return { error: 'undecodable' };
  }
  if (!image.width || !image.height) return { error: 'undecodable' };
  const side = Math.min(image.width, image.height);
  const sx = Math.floor((image.width - side) / 2);
  const sy = Math.floor((image.height - side) / 2);
  const jpeg = (size) => {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    canvas.getContext('2d').drawImage(image, sx, sy, side, side, 0, 0, size, size);
    return canvas.toDataURL('image/jpeg', 0.75);
  };
  const preview = jpeg(96);
  const picture = jpeg(640);
  image.close();
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
