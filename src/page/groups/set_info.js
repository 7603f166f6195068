// groupChat.setSubject(subject) / setDescription(description), as whatsapp-web.js
// (src/structures/GroupChat.js:377-440): WAWebGroupModifyInfoJob with the group's wid
// (the description with a new id and the current one's). A ServerStatusCodeError (not
// allowed) answers false.
async function setInfo(groupId, field, text) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(groupId);
  const job = need('WAWebGroupModifyInfoJob', 'setGroupSubject', 'setGroupDescription');
  let change;
  if (field === 'subject') {
    change = () => job.setGroupSubject(wid, text);
  } else {
    const chat = await M.findChat(groupId);
    const descId = chat.groupMetadata.descId;
    const newId = await need('WAWebMsgKey', 'newId').newId();
    change = () => job.setGroupDescription(wid, text, newId, descId);
  }
  try {
    await change();
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
