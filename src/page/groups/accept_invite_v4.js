// client.acceptGroupV4Invite(inviteInfo): WAWebGroupInviteV4Job.joinGroupViaInviteV4(code,
// expiry as a string, group id, the inviter's wid), as whatsapp-web.js main
// (src/Client.js:1923-1940); its answer, `{ status }`.
async function acceptGroupV4Invite(code, expiration, groupId, fromId) {
  const userWid = need('WAWebWidFactory', 'createWid').createWid(fromId);
  const answer = await need('WAWebGroupInviteV4Job', 'joinGroupViaInviteV4').joinGroupViaInviteV4(code, expiration, groupId, userWid);
  return { status: typeof answer?.status === 'number' ? answer.status : 200 };
}
