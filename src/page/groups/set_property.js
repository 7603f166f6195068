// groupChat.setMessagesAdminsOnly / setInfoAdminsOnly / setAddMembersAdminsOnly(adminsOnly),
// as whatsapp-web.js (src/structures/GroupChat.js:447-542):
// WAWebSetPropertyGroupAction.setGroupProperty(chat, property, value) with 'announcement'
// (1: only admins send), 'restrict' (1: only admins edit the info) or 'member_add_mode'
// (0: only admins add). Rust picks the property and value. A ServerStatusCodeError (not an
// admin) answers false.
async function setProperty(groupId, property, value) {
  const M = accountModels();
  const chat = await M.findChat(groupId);
  const { setGroupProperty } = need('WAWebSetPropertyGroupAction', 'setGroupProperty');
  try {
    await setGroupProperty(chat, property, value);
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
