// client.getGroupMembershipRequests(groupId):
// WAWebApiMembershipApprovalRequestStore.getMembershipApprovalRequests(groupWid), as
// whatsapp-web.js (src/Client.js:2975-2986). Wids go as their ids; Rust shapes them.
async function membershipRequests(groupId) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(groupId);
  const store = need('WAWebApiMembershipApprovalRequestStore', 'getMembershipApprovalRequests');
  const requests = await store.getMembershipApprovalRequests(wid);
  return (requests || []).map((r) => ({
    id: M.text(r.id),
    addedBy: r.addedBy ? M.text(r.addedBy) : null,
    parentGroupId: r.parentGroupId ? M.text(r.parentGroupId) : null,
    requestMethod: r.requestMethod ?? null,
    t: r.t ?? null,
  }));
}
