// client.acceptGroupV4Invite(inviteInfo): WAWebGroupInviteV4Job.joinGroupViaInviteV4(code,
// expiry as a string, group id, the inviter's wid), as whatsapp-web.js main
// (src/Client.js:1923-1940); its answer, `{ status }`. A server refusal (404 not the account's
// invite, 410 expired, 409 already in) is handed on as such (src/page/server_refusal.js).
async function acceptGroupV4Invite(code, expiration, groupId, fromId) {
  const userWid = need('WAWebWidFactory', 'createWid').createWid(fromId);
  const answer = await serverRefusal(() => need('WAWebGroupInviteV4Job', 'joinGroupViaInviteV4').joinGroupViaInviteV4(code, expiration, groupId, userWid));
  if (answer instanceof ServerRefusal) return answer;
  return { status: typeof answer?.status === 'number' ? answer.status : 200 };
}
