// groupChat.revokeInvite(): WAWebGroupQueryJob.resetGroupInviteCode(groupWid), as
// whatsapp-web.js (src/structures/GroupChat.js:596-605); the new code. A refusal (401 not
// an admin) rejects, as in whatsapp-web.js, as a server refusal (src/page/server_refusal.js).
async function revokeInvite(groupId) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(groupId);
  const answer = await serverRefusal(() => need('WAWebGroupQueryJob', 'resetGroupInviteCode').resetGroupInviteCode(wid));
  if (answer instanceof ServerRefusal) return answer;
  return answer.code;
}
