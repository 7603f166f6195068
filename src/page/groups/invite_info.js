// client.getInviteInfo(code): WAWebGroupQueryJob.queryGroupInvite(code), as whatsapp-web.js
// (src/Client.js:1821-1827). Its wids are sent as their ids (Rust makes them whatsapp-web.js's
// { server, user, _serialized }). An unknown (404) or revoked (410) code is a server refusal,
// handed on as such (src/page/server_refusal.js).
async function inviteInfo(code) {
  const M = accountModels();
  const info = await serverRefusal(() => need('WAWebGroupQueryJob', 'queryGroupInvite').queryGroupInvite(code));
  if (info instanceof ServerRefusal) return info;
  return {
    id: M.text(info.id),
    subject: info.subject ?? null,
    owner: info.owner ? M.text(info.owner) : null,
    creation: info.creation ?? null,
    desc: info.desc ?? null,
    descId: info.descId ?? null,
    participants: (info.participants || []).map((p) => ({ id: M.text(p.id), isAdmin: Boolean(p.isAdmin), isSuperAdmin: Boolean(p.isSuperAdmin) })),
    size: info.size ?? null,
    announce: info.announce ?? null,
    restrict: info.restrict ?? null,
    membershipApprovalMode: info.membershipApprovalMode ?? null,
    isLidAddressingMode: info.isLidAddressingMode ?? null,
  };
}
