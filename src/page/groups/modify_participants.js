// groupChat.removeParticipants / promoteParticipants / demoteParticipants(ids), as
// whatsapp-web.js does them (src/structures/GroupChat.js:263-370 with
// WWebJS.enforceLidAndPnRetrieval, src/util/Injected/Utils.js:1694-1722): each id is
// found among the group's participants by its LID or phone number, ids that are no
// participants are dropped, and WAWebModifyParticipantsGroupAction acts on those found.
// `action`: 'remove', 'promote' or 'demote' (Rust passes one of these).
async function modifyParticipants(groupId, participantIds, action) {
  const M = accountModels();
  const chat = await M.findChat(groupId);
  const ApiContact = need('WAWebApiContact', 'getCurrentLid', 'getPhoneNumber');
  const lidAndPhone = async (id) => {
    const wid = M.WidFactory.createWid(id);
    const isLid = wid.server === 'lid';
    let lid = isLid ? wid : ApiContact.getCurrentLid(wid);
    let phone = isLid ? ApiContact.getPhoneNumber(wid) : wid;
    if ((!isLid && !lid) || (isLid && !phone)) {
      if (!(await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(wid))?.wid) return {};
      if (!isLid) lid = ApiContact.getCurrentLid(wid);
      else phone = ApiContact.getPhoneNumber(wid);
    }
    return { lid, phone };
  };
  const found = [];
  for (const id of participantIds) {
    const { lid, phone } = await lidAndPhone(id);
    const participant = chat.groupMetadata.participants.get(lid?._serialized) || chat.groupMetadata.participants.get(phone?._serialized);
    if (participant) found.push(participant);
  }
  const actions = {
    remove: () => need('WAWebModifyParticipantsGroupAction', 'removeParticipants').removeParticipants(chat, found),
    promote: () => need('WAWebModifyParticipantsGroupAction', 'promoteParticipants').promoteParticipants(chat, found),
    demote: () => need('WAWebModifyParticipantsGroupAction', 'demoteParticipants').demoteParticipants(chat, found),
  };
  // A refusal (not an admin: 401) is the server's status, named (server_refusal.js).
  const refused = await serverRefusal(() => actions[action]());
  if (refused instanceof ServerRefusal) return refused;
  return { status: 200 };
}
