// groupChat.revokeInvite(): WAWebGroupQueryJob.resetGroupInviteCode(groupWid), as
// whatsapp-web.js (src/structures/GroupChat.js:596-605); the new code. A refusal (not
// an admin) rejects, as in whatsapp-web.js.
async function revokeInvite(groupId) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(groupId);
  const answer = await need('WAWebGroupQueryJob', 'resetGroupInviteCode').resetGroupInviteCode(wid);
  return answer.code;
}
