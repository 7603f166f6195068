// client.acceptInvite(code): WAWebGroupInviteJob.joinGroupViaInvite, as
// whatsapp-web.js (src/Client.js:1834-1842); the id of the group joined.
async function acceptInvite(code) {
  const M = accountModels();
  const answer = await need('WAWebGroupInviteJob', 'joinGroupViaInvite').joinGroupViaInvite(code);
  return M.text(answer.gid);
}
