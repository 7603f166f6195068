// client.createGroup(title, participants, options), as whatsapp-web.js does it
// (src/Client.js:2311-2440): each participant is looked up (WAWebQueryExistsJob;
// those not on WhatsApp are reported 404 and left out), then
// WAWebGroupCreateJob.createGroup makes the group. Those who only accept invites (403)
// get a private invite (WAWebChatSendMessages.sendGroupInviteMessage with
// `options.comment`) unless `options.autoSendInviteV4` is false (Client.js:2387-2411).
async function createGroup(title, participants, options) {
  const M = accountModels();
  const codes = {
    default: 'An unknown error occupied while adding a participant',
    200: 'The participant was added successfully',
    403: 'The participant can be added by sending private invitation only',
    404: 'The phone number is not registered on WhatsApp',
  };
  const wids = [];
  const failed = [];
  for (const participant of participants) {
    const wid = M.WidFactory.createWid(participant);
    if ((await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(wid))?.wid) wids.push({ phoneNumber: wid });
    else failed.push(participant);
  }
  let created;
  // Looked up outside the try: a missing job is ERR_PAGE_CHANGED, not a refusal.
  const { createGroup: create } = need('WAWebGroupCreateJob', 'createGroup');
  try {
    created = await create(
      {
        addressingModeOverride: 'lid',
        memberAddMode: options.memberAddMode ?? false,
        membershipApprovalMode: options.membershipApprovalMode ?? false,
        announce: options.announce ?? options.isAnnounce ?? false,
        restrict: options.isRestrict !== undefined ? !options.isRestrict : false,
        ephemeralDuration: options.messageTimer ?? 0,
        parentGroupId: options.parentGroupId ? M.WidFactory.createWid(options.parentGroupId) : undefined,
        title,
      },
      wids,
    );
  } catch (error) {
    return 'CreateGroupError: An unknown error occupied while creating a group';
  }
  const result = {};
  const ApiContact = need('WAWebApiContact', 'getPhoneNumber');
  for (const participant of created.participants) {
    const wid = participant.wid.server === 'lid' ? ApiContact.getPhoneNumber(participant.wid) || participant.wid : participant.wid;
    const statusCode = participant.error || 200;
    let isInviteV4Sent = false;
    if ((options.autoSendInviteV4 ?? true) && statusCode === 403) {
      isInviteV4Sent = await M.sendGroupInvite(wid, created.wid, created.subject, participant.invite_code, participant.invite_code_exp, options.comment ?? '');
    }
    result[M.text(wid)] = { statusCode, message: codes[statusCode] || codes.default, isGroupCreator: participant.type === 'superadmin', isInviteV4Sent };
  }
  for (const id of failed) result[id] = { statusCode: 404, message: codes[404], isGroupCreator: false, isInviteV4Sent: false };
  return { title, gid: M.text(created.wid), participants: result };
}
