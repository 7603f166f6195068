// deleteProfilePicture(): as whatsapp-web.js main 2dc9466 (Injected/Utils.js:1366-1382,
// deletePicture): nothing (null) when the account's ProfilePicThumb model says there is no
// picture it can delete, else WAWebContactProfilePicThumbBridge.requestDeletePicture(wid) and
// whether the server answered 200. A server refusal (ServerStatusCodeError) is false.
async function deletePicture() {
  const me = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser', 'getMaybeMeLidUser');
  const wid = me.getMaybeMePnUser() || me.getMaybeMeLidUser();
  if (!wid) throw new Error('the account has no id yet');
  const thumb = need('WAWebCollections', 'ProfilePicThumb').ProfilePicThumb.get(wid);
  // whatsapp-web.js throws on a missing model (it calls canDelete() on undefined): nothing to delete.
  if (!thumb || !thumb.canDelete()) return null;
  try {
    const answer = await need('WAWebContactProfilePicThumbBridge', 'requestDeletePicture').requestDeletePicture(wid);
    return Boolean(answer && answer.status === 200);
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
