// A picture as whatsapp-web.js sends a profile or group picture (cropAndResizeImage, main 2dc9466
// src/util/Injected/Utils.js:1288-1331): cut to its centred square and drawn on a canvas at 96 px
// (the thumbnail) and 640 px as JPEG data URLs of quality 0.75. One declaration put in front of
// groups/picture.js and profile/set_picture.js (src/account/).
//
// Done in the page, not in Rust: the browser decodes every format it shows (WebP, AVIF, GIF…)
// and the pixels are those whatsapp-web.js sends, with no image codecs in the addon.
// createImageBitmap, not whatsapp-web.js's `new Image()`: the client starts Chromium with images
// off (src/browser/resources.rs), so an <img> never loads nor fails; a bitmap goes through the
// same decoder. `{ thumbnail, full }`, or null when the bytes are no picture the browser decodes.
// `quality`: 0.75 for profile and group pictures; a channel's picture is drawn at 1
// (Client.js:2485-2492, Channel.js:397-408).
function squareJpegs(quality = 0.75) {
  return async (mimetype, base64) => {
    let image;
    try {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      image = await createImageBitmap(new Blob([bytes], { type: mimetype }));
    } catch (_) {
      return null;
    }
    const side = Math.min(image.width, image.height);
    if (!side) return null;
    const sx = Math.floor((image.width - side) / 2);
    const sy = Math.floor((image.height - side) / 2);
    const jpeg = (size) => {
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      canvas.getContext('2d').drawImage(image, sx, sy, side, side, 0, 0, size, size);
      return canvas.toDataURL('image/jpeg', quality);
    };
    const pictures = { thumbnail: jpeg(96), full: jpeg(640) };
    image.close();
    return pictures;
  };
}
