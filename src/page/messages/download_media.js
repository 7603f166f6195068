// message.downloadMedia(): as whatsapp-web.js's Message.downloadMedia
// (src/structures/Message.js): resolve the media in the page if needed, then fetch
// (and decrypt) it through WAWebDownloadManager. Returns { data, mimetype, filename,
// filesize }, or null when there is nothing to download.
async function downloadMedia(messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg || !msg.mediaData || msg.mediaData.mediaStage === 'REUPLOADING') return null;
  if (msg.mediaData.mediaStage !== 'RESOLVED') {
    await msg.downloadMedia({ downloadEvenIfExpensive: true, rmrReason: 1 });
  }
  if (msg.mediaData.mediaStage.includes('ERROR') || msg.mediaData.mediaStage === 'FETCHING') return null;
  // WhatsApp Web's download wants a performance logger; nothing is measured here.
  const quietQpl = {
    addAnnotations() {
      return this;
    },
    addPoint() {
      return this;
    },
  };
  let buffer;
  try {
    buffer = await need('WAWebDownloadManager', 'downloadManager.downloadAndMaybeDecrypt').downloadManager.downloadAndMaybeDecrypt({
      directPath: msg.directPath,
      encFilehash: msg.encFilehash,
      filehash: msg.filehash,
      mediaKey: msg.mediaKey,
      mediaKeyTimestamp: msg.mediaKeyTimestamp,
      type: msg.type,
      signal: new AbortController().signal,
      downloadQpl: quietQpl,
    });
  } catch (error) {
    if (error && error.status === 404) return null;
    throw error;
  }
  // Base64 through a data URL: fast for large files.
  const data = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] || '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob([buffer]));
  });
  return { data, mimetype: msg.mimetype ?? null, filename: msg.filename ?? null, filesize: msg.size ?? null };
}
