// setAutoDownloadAudio/Documents/Photos/Videos(flag): WAWebUserPrefsGeneral's getter for the
// kind, and its setter only when the value differs, as whatsapp-web.js main 2dc9466
// (src/Client.js:3046-3120). Answers nothing.
async function setAutoDownload(kind, flag) {
  const prefs = {
    audio: () => need('WAWebUserPrefsGeneral', 'getAutoDownloadAudio', 'setAutoDownloadAudio'),
    documents: () => need('WAWebUserPrefsGeneral', 'getAutoDownloadDocuments', 'setAutoDownloadDocuments'),
    photos: () => need('WAWebUserPrefsGeneral', 'getAutoDownloadPhotos', 'setAutoDownloadPhotos'),
    videos: () => need('WAWebUserPrefsGeneral', 'getAutoDownloadVideos', 'setAutoDownloadVideos'),
  }[kind]();
  const name = { audio: 'Audio', documents: 'Documents', photos: 'Photos', videos: 'Videos' }[kind];
  if (prefs[`getAutoDownload${name}`]() === flag) return null;
  await prefs[`setAutoDownload${name}`](flag);
  return null;
}
