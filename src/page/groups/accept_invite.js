// client.acceptInvite(code): WAWebGroupInviteJob.joinGroupViaInvite, as whatsapp-web.js
// (src/Client.js:1834-1842); the id of the group joined. A server refusal (404 no such code,
// 410 revoked) is handed on as such (src/page/server_refusal.js).
async function acceptInvite(code) {
  const M = accountModels();
  const answer = await serverRefusal(() => need('WAWebGroupInviteJob', 'joinGroupViaInvite').joinGroupViaInvite(code));
  if (answer instanceof ServerRefusal) return answer;
  return M.text(answer.gid);
}
