// The kinds of media sendMessage sends (stickers, voice notes, GIFs, HD pictures, view once),
// as whatsapp-web.js main 2dc9466 sends them (src/util/Injected/Utils.js): one declaration put in
// front of send_message.js (src/account/messages.rs), which calls its helpers as mediaKinds().x.
// The sticker's WebP and its metadata were made in Rust (src/sticker.rs) before the call.
function mediaKinds() {
  // The parameters of WAWebPrepRawMedia.prepRawMedia for a file (processMediaData,
  // Injected/Utils.js:700-709): a voice note is an audio file prepared as ptt, a GIF a video
  // prepared as one, an HD picture one prepared up to 2560 pixels, a sticker's WebP (only a
  // channel's: a chat's goes through prepareSticker, as whatsapp-web.js's, Utils.js:155-166) as one.
  function mediaKindParams(file, asDocument, kinds) {
    const params = { asSticker: Boolean(kinds.sticker), asGif: kinds.gif, isPtt: kinds.voice, asDocument };
    if (kinds.hd && file.type.indexOf('image/') === 0) params.maxDimension = 2560;
    return params;
  }

  // A voice note carries its waveform: WhatsApp's own if it has one, else 64 levels of the decoded
  // audio (processMediaData and generateWaveform, Injected/Utils.js:729-736 and 1147-1177).
  async function addVoiceWaveform(file, mediaData, mediaObject, kinds) {
    if (!kinds.voice || mediaData.type !== 'ptt') return;
    const known = mediaObject.contentInfo && mediaObject.contentInfo.waveform;
    if (known) {
      mediaData.waveform = known;
      return;
    }
    try {
      const context = new AudioContext();
      const audio = await context.decodeAudioData(await file.arrayBuffer());
      const samples = audio.getChannelData(0);
      const block = Math.floor(samples.length / 64);
      const levels = [];
      for (let i = 0; i < 64; i++) {
        let sum = 0;
        for (let j = 0; j < block; j++) sum += Math.abs(samples[block * i + j]);
        levels.push(sum / block);
      }
      const top = Math.max(...levels);
      mediaData.waveform = new Uint8Array(levels.map((n) => Math.floor((100 * n) / top)));
    } catch {
      // As whatsapp-web.js: audio the page cannot decode goes without a waveform.
      mediaData.waveform = undefined;
    }
  }

  // A sticker, uploaded as whatsapp-web.js's processStickerData does (Injected/Utils.js:647-681):
  // a WebP only, encrypted and uploaded as type 'sticker' with a random 32-character media key.
  async function prepareSticker({ data, filename }) {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const file = new File([bytes], filename || 'sticker.webp', { type: 'image/webp', lastModified: Date.now() });
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const filehash = btoa(String.fromCharCode(...hash));
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const random = crypto.getRandomValues(new Uint8Array(32));
    const mediaKey = Array.from(random, (b) => letters[b % letters.length]).join('');
    const uploaded = await need('WAWebUploadManager', 'encryptAndUpload').encryptAndUpload({
      blob: file,
      type: 'sticker',
      signal: new AbortController().signal,
      mediaKey,
      uploadQpl: need('WAWebStartMediaUploadQpl', 'startMediaUploadQpl').startMediaUploadQpl({ entryPoint: 'MediaUpload' }),
    });
    return {
      ...uploaded,
      clientUrl: uploaded.url,
      deprecatedMms3Url: uploaded.url,
      uploadhash: uploaded.encFilehash,
      size: file.size,
      type: 'sticker',
      filehash,
    };
  }

  return { mediaKindParams, addVoiceWaveform, prepareSticker };
}
