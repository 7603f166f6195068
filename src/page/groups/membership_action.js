// client.approveGroupMembershipRequests / rejectGroupMembershipRequests(groupId, options), as
// whatsapp-web.js's WWebJS.membershipRequestAction (src/util/Injected/Utils.js:1476-1617): the
// group is read from the server; without requester ids every request the page holds is
// answered; one WASmaxGroupsMembershipRequestsActionRPC call per requester, `sleepMs` apart
// (Rust picks the wait as whatsapp-web.js does). Any exception answers [] as in whatsapp-web.js.
async function membershipAction(groupId, approve, requesterIds, sleepMs) {
  const M = accountModels();
  const groupWid = M.WidFactory.createWid(groupId);
  const group = await need('WAWebCollections', 'Chat').Chat.find(groupWid);
  const toJid = need('WAWebWidToJid', 'widToUserJid', 'widToGroupJid');
  const { userJidToUserWid } = need('WAWebJidToWid', 'userJidToUserWid');
  const { sendMembershipRequestsActionRPC } = need('WASmaxGroupsMembershipRequestsActionRPC', 'sendMembershipRequestsActionRPC');
  await need('WAWebGroupQueryJob', 'queryAndUpdateGroupMetadataById').queryAndUpdateGroupMetadataById({ id: groupId });
  const requesters = requesterIds.length
    ? requesterIds.map((r) => M.WidFactory.createWid(r))
    : group.groupMetadata.membershipApprovalRequests._models.map(({ id }) => id);
  if (!requesters.length) return [];
  const codes = {
    default: `An unknown error occupied while ${approve ? 'approving' : 'rejecting'} the participant membership request`,
    400: 'ParticipantNotFoundError',
    401: 'ParticipantNotAuthorizedError',
    403: 'ParticipantForbiddenError',
    404: 'ParticipantRequestNotFoundError',
    408: 'ParticipantTemporarilyBlockedError',
    409: 'ParticipantConflictError',
    412: 'ParticipantParentLinkedGroupsResourceConstraintError',
    500: 'ParticipantResourceConstraintError',
  };
  const groupJid = toJid.widToGroupJid(groupWid);
  const result = [];
  try {
    for (const [index, wid] of requesters.entries()) {
      const participantJid = toJid.widToUserJid(wid);
      const response = await sendMembershipRequestsActionRPC({
        iqTo: groupJid,
        [approve ? 'approveArgs' : 'rejectArgs']: { participantArgs: [{ participantJid }] },
      });
      if (response.name === 'MembershipRequestsActionResponseSuccess') {
        const value = approve ? response.value.membershipRequestsActionApprove : response.value.membershipRequestsActionReject;
        const first = value?.participant?.[0];
        if (first) {
          const mixins = approve ? first.membershipRequestsActionAcceptParticipantMixins : first.membershipRequestsActionRejectParticipantMixins;
          const error = mixins?.value.error;
          result.push({
            requesterId: M.text(M.WidFactory.createWid(first.jid)),
            ...(error ? { error: +error, message: codes[error] || codes.default } : { message: `${approve ? 'Approved' : 'Rejected'} successfully` }),
          });
        }
      } else {
        result.push({ requesterId: M.text(userJidToUserWid(participantJid)), message: 'ServerStatusCodeError' });
      }
      if (sleepMs > 0 && index < requesters.length - 1) await new Promise((resolve) => setTimeout(resolve, sleepMs));
    }
    return result;
  } catch (error) {
    return [];
  }
}
