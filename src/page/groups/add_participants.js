// groupChat.addParticipants(ids, { sleep, autoSendInviteV4, comment }), as whatsapp-web.js
// does it (src/structures/GroupChat.js:78-255 and WWebJS.getAddParticipantsRpcResult,
// src/util/Injected/Utils.js:1422-1474): the group is read from the server, the
// account must be an admin, then each participant is looked up and added with
// WASmaxGroupsAddParticipantsRPC, `sleepMs` apart (whatsapp-web.js waits
// 250-500 ms between participants by default; Rust picks the wait). Someone who only
// accepts invites (403 with a code the server gave for them) gets a private invite
// (WAWebChatSendMessages.sendGroupInviteMessage, with `comment` and the group's picture
// thumbnail) when `invite.send`, as whatsapp-web.js's autoSendInviteV4 (default true).
async function addParticipants(groupId, participantIds, sleepMs, invite) {
  const M = accountModels();
  const codes = {
    default: 'An unknown error occupied while adding a participant',
    isGroupEmpty: "AddParticipantsError: The participant can't be added to an empty group",
    iAmNotAdmin: 'AddParticipantsError: You have no admin rights to add a participant to a group',
    200: 'The participant was added successfully',
    403: 'The participant can be added by sending private invitation only',
    404: 'The phone number is not registered on WhatsApp',
    408: 'You cannot add this participant because they recently left the group',
    409: 'The participant is already a group member',
    417: "The participant can't be added to the community. You can invite them privately to join this group through its invite link",
    419: "The participant can't be added because the group is full",
  };
  const groupWid = M.WidFactory.createWid(groupId);
  const group = need('WAWebCollections', 'Chat').Chat.get(groupWid) || (await need('WAWebCollections', 'Chat').Chat.find(groupWid));
  await need('WAWebGroupQueryJob', 'queryAndUpdateGroupMetadataById').queryAndUpdateGroupMetadataById({ id: groupId });
  const members = group.groupMetadata?.participants.serialize();
  if (!members) return codes.isGroupEmpty;
  if (!group.iAmAdmin()) return codes.iAmNotAdmin;
  const ApiContact = need('WAWebApiContact', 'getPhoneNumber');
  const toJid = need('WAWebWidToJid', 'widToUserJid', 'widToGroupJid');
  const result = {};
  for (const [index, participantId] of participantIds.entries()) {
    let wid = M.WidFactory.createWid(participantId);
    const id = M.text(wid);
    wid = wid.server === 'lid' ? ApiContact.getPhoneNumber(wid) || wid : wid;
    result[id] = { code: undefined, message: undefined, isInviteV4Sent: false };
    if (members.some((p) => M.text(p.id) === M.text(wid))) {
      result[id] = { code: 409, message: codes[409], isInviteV4Sent: false };
      continue;
    }
    if (!(await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(wid))?.wid) {
      result[id] = { code: 404, message: codes[404], isInviteV4Sent: false };
      continue;
    }
    let code = 400;
    let granted = null;
    // Looked up outside the try: a missing RPC is ERR_PAGE_CHANGED, not a refusal.
    const { sendAddParticipantsRPC } = need('WASmaxGroupsAddParticipantsRPC', 'sendAddParticipantsRPC');
    try {
      const rpc = await sendAddParticipantsRPC({
        participantArgs: [{ participantJid: toJid.widToUserJid(wid) }],
        iqTo: toJid.widToGroupJid(groupWid),
      });
      if (rpc.name === 'AddParticipantsResponseSuccess') {
        const mixins = rpc.value.addParticipant[0].addParticipantsParticipantAddedOrNonRegisteredWaUserParticipantErrorLidResponseMixinGroup.value.addParticipantsParticipantMixins;
        code = +(mixins?.value.error || '200');
        if (mixins?.name === 'ParticipantRequestCodeCanBeSent') granted = { code: mixins.value.addRequestCode, expiration: mixins.value.addRequestExpiration?.toString() };
      } else if (rpc.name === 'AddParticipantsResponseClientError') {
        code = +rpc.value.errorAddParticipantsClientErrors.value.code;
      } else if (rpc.name === 'AddParticipantsResponseServerError') {
        code = +rpc.value.errorServerErrors.value.code;
      }
    } catch (error) {
      code = 400;
    }
    result[id] = { code, message: codes[code] || codes.default, isInviteV4Sent: false };
    if (invite.send && code === 403) {
      if (granted) result[id].isInviteV4Sent = await M.sendGroupInvite(wid, groupWid, group.formattedTitle || group.name, granted.code, granted.expiration, invite.comment);
      else need('WAWebCollections', 'Contact').Contact.gadd(wid, { silent: true });
    }
    if (sleepMs > 0 && index < participantIds.length - 1) await new Promise((resolve) => setTimeout(resolve, sleepMs));
  }
  return result;
}
