'use strict';
// Group administration in the simulated WhatsApp Web page: the modules whatsapp-web.js main
// 2dc9466 calls to promote and demote (structures/GroupChat.js:295-370), change the subject,
// description and settings (GroupChat.js:377-542), set and delete the picture
// (Injected/Utils.js:1333-1382), reset the invite code (GroupChat.js:596-605), read an invite's
// group (Client.js:1822-1828), handle requests to join (Client.js:2976-2986,
// Injected/Utils.js:1480-1617), find common groups (Client.js:2167-2199) and send a private
// invite to someone who accepts only invites (GroupChat.js:202-238, Client.js:2389-2411). Each
// asks the server (../account-group-admin.js), which answers and sends the group's gp2
// notification to every device of the account. Served after account-groups.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, ChatModel, ParticipantModel, MsgKey, MsgModel, Chat, Msg, createWid, meWid, ask, ServerStatusCodeError } = sim.account;

    // A refused request fails as WhatsApp Web's request layer does: a ServerStatusCodeError.
    async function askServer(message) {
        const answer = await ask(message);
        if (!answer.ok) throw new ServerStatusCodeError(answer.status || 500);
        return answer;
    }
    const groupWid = (value, what) => {
        const wid = createWid(value);
        if (!wid.isGroup()) throw new TypeError(`${what}: not a group wid: ${wid}`);
        return wid;
    };
    // The group chat model whatsapp-web.js hands over (WWebJS.getChat(id, {getAsModel: false})).
    const groupChat = (chat, what) => {
        if (!(chat instanceof ChatModel) || !chat.groupMetadata) throw new TypeError(`${what}: the first argument must be a group's chat model`);
        return chat;
    };
    const userJid = (wid) => modules.WAWebWidToJid.widToUserJid(wid);

    // ---- participants ------------------------------------------------------------------------

    // (chat, participant models of its groupMetadata): whatsapp-web.js drops ids that are not
    // participants before the call (GroupChat.js:307-323), so an empty list is possible; nothing
    // is asked then (what the real one does with it is not known).
    function changeAdmins(type, what) {
        return async (chat, participants) => {
            groupChat(chat, what);
            if (!Array.isArray(participants) || participants.some((p) => !(p instanceof ParticipantModel))) {
                throw new TypeError(`${what}: the second argument must be a list of the group's participant models`);
            }
            if (participants.length === 0) return;
            await askServer({ type, group: chat.id._serialized, participants: participants.map((p) => userJid(p.id)) });
        };
    }
    Object.assign(modules.WAWebModifyParticipantsGroupAction, {
        promoteParticipants: changeAdmins('group_promote', 'promoteParticipants'),
        demoteParticipants: changeAdmins('group_demote', 'demoteParticipants'),
    });

    // ---- subject, description, settings --------------------------------------------------------

    modules.WAWebGroupModifyInfoJob = {
        async setGroupSubject(wid, subject) {
            await askServer({ type: 'group_subject', group: groupWid(wid, 'setGroupSubject')._serialized, subject: String(subject) });
        },
        // (wid, description, the new description's id, the current one's id)
        async setGroupDescription(wid, description, newId, prevId) {
            await askServer({ type: 'group_description', group: groupWid(wid, 'setGroupDescription')._serialized, description: String(description), id: newId == null ? undefined : String(newId), prev: prevId == null ? undefined : String(prevId) });
        },
    };

    // The properties whatsapp-web.js sets, with the values it passes: announcement 1 = only admins
    // send, restrict 1 = only admins edit the info, member_add_mode 0 = only admins add
    // (GroupChat.js:447-542). Others (ephemeral…) are not modelled.
    const PROPERTIES = ['announcement', 'restrict', 'member_add_mode'];
    modules.WAWebSetPropertyGroupAction = {
        async setGroupProperty(chat, property, value) {
            groupChat(chat, 'setGroupProperty');
            if (!PROPERTIES.includes(property)) throw new TypeError(`setGroupProperty: the property ${JSON.stringify(property)} is not modelled`);
            if (value !== 0 && value !== 1) throw new TypeError(`setGroupProperty: ${property} takes 0 or 1, not ${JSON.stringify(value)}`);
            await askServer({ type: 'group_property', group: chat.id._serialized, property, value });
        },
    };

    // ---- the picture -----------------------------------------------------------------------------

    // One ProfilePicThumb collection and one picture bridge hold users and groups alike
    // (account-profile.js); what is particular to a group's picture is here.
    // 'data:image/jpeg;base64,…' -> { mimetype, data }
    const fromDataUrl = (url, what) => {
        const m = /^data:(image\/(?:jpeg|png));base64,([A-Za-z0-9+/]*={0,2})$/.exec(typeof url === 'string' ? url : '');
        if (!m) throw new TypeError(`${what} must be a JPEG or PNG data URL`);
        return { mimetype: m[1], data: m[2] };
    };
    sim.account.groupPictures = {
        // Any participant, or only admins when the group is restricted.
        canSet(id) {
            const chat = Chat.get(id);
            const meta = chat && chat.groupMetadata;
            if (!meta) return false;
            const me = meWid();
            const meLid = modules.WAWebUserPrefsMeUser.getMaybeMeLidUser();
            const inGroup = Boolean((me && meta.participants.get(me)) || (meLid && meta.participants.get(meLid)));
            return inGroup && (!meta.restrict || chat.iAmAdmin());
        },
        // (group wid, 96 px thumbnail, 640 px picture; data URLs) -> { status, tag }
        async set(wid, thumbnail, picture) {
            const group = groupWid(wid, 'sendSetPicture');
            fromDataUrl(thumbnail, 'sendSetPicture: the thumbnail');
            const answer = await askServer({ type: 'group_picture', group: group._serialized, picture: fromDataUrl(picture, 'sendSetPicture: the picture') });
            return { status: 200, tag: answer.pictureId };
        },
        async remove(wid) {
            await askServer({ type: 'group_picture', group: groupWid(wid, 'requestDeletePicture')._serialized, picture: null });
            return { status: 200 };
        },
    };

    // ---- invite codes ------------------------------------------------------------------------------

    Object.assign(modules.WAWebGroupQueryJob, {
        // (group wid) -> { code }: the old code is revoked.
        async resetGroupInviteCode(wid) {
            const answer = await askServer({ type: 'group_invite_reset', group: groupWid(wid, 'resetGroupInviteCode')._serialized });
            return { code: answer.code };
        },
        // (code) -> the group it leads to: id, subject, owner, participants, size, settings…
        // (whatsapp-web.js's test reads `id._serialized` and `participants`, tests/structures/group.js:115-120).
        async queryGroupInvite(code) {
            const { info } = await askServer({ type: 'group_invite_info', code: String(code) });
            return {
                id: createWid(info.id),
                subject: info.subject,
                owner: createWid(info.owner),
                creation: info.creation,
                desc: info.description || undefined,
                descId: info.descId || undefined,
                participants: info.participants.map((p) => ({ id: createWid(p.id), isAdmin: p.isAdmin, isSuperAdmin: p.isSuperAdmin })),
                size: info.size,
                announce: info.announce,
                restrict: info.restrict,
                membershipApprovalMode: info.membershipApprovalMode,
                isLidAddressingMode: info.isLidAddressingMode,
            };
        },
    });

    // ---- requests to join --------------------------------------------------------------------------

    // A group's requests, as its metadata holds them: a collection whose `_models` whatsapp-web.js
    // reads (Injected/Utils.js:1496-1499).
    class RequestModel extends AccountModel {}
    class Requests extends Collection {
        get _models() {
            return this.list;
        }
    }
    modules.WAWebApiMembershipApprovalRequestStore = {
        // (group wid) -> [{ id, addedBy, parentGroupId, requestMethod, t }], as the page knows them.
        async getMembershipApprovalRequests(wid) {
            const chat = Chat.get(groupWid(wid, 'getMembershipApprovalRequests'));
            const requests = chat && chat.groupMetadata && chat.groupMetadata.membershipApprovalRequests;
            return requests ? requests.map((r) => ({ id: r.id, addedBy: r.addedBy, parentGroupId: r.parentGroupId, requestMethod: r.requestMethod, t: r.t })) : [];
        },
    };
    // ({ iqTo, approveArgs | rejectArgs: { participantArgs: [{ participantJid }] } }), answered in the
    // shape whatsapp-web.js unpacks (Injected/Utils.js:1553-1604).
    modules.WASmaxGroupsMembershipRequestsActionRPC = {
        async sendMembershipRequestsActionRPC(args) {
            const { iqTo, approveArgs, rejectArgs } = args || {};
            const action = approveArgs ? 'approve' : 'reject';
            const list = (approveArgs || rejectArgs || {}).participantArgs;
            if (typeof iqTo !== 'string' || Boolean(approveArgs) === Boolean(rejectArgs) || !Array.isArray(list)) {
                throw new TypeError('sendMembershipRequestsActionRPC: needs iqTo and either approveArgs or rejectArgs with participantArgs');
            }
            const answer = await ask({ type: 'group_requests_action', group: createWid(iqTo)._serialized, action, participants: list.map((p) => String(p && p.participantJid)) });
            if (!answer.ok) {
                return { name: 'MembershipRequestsActionResponseClientError', value: { errorMembershipRequestsActionClientErrors: { value: { code: String(answer.status || 400) } } } };
            }
            const mixins = action === 'approve' ? 'membershipRequestsActionAcceptParticipantMixins' : 'membershipRequestsActionRejectParticipantMixins';
            const participant = answer.results.map((r) => ({ jid: r.jid, ...(r.error ? { [mixins]: { value: { error: String(r.error) } } } : {}) }));
            return {
                name: 'MembershipRequestsActionResponseSuccess',
                value: { [action === 'approve' ? 'membershipRequestsActionApprove' : 'membershipRequestsActionReject']: { participant } },
            };
        },
    };
    modules.WAWebJidToWid = {
        userJidToUserWid: (jid) => {
            const wid = createWid(jid);
            if (!wid.isUser()) throw new TypeError(`userJidToUserWid: not a user jid: ${jid}`);
            return wid;
        },
    };

    // ---- common groups and private invites --------------------------------------------------------

    modules.WAWebFindCommonGroupsContactAction = {
        // (contact) -> the collection of group chats it shares with the account, also kept as
        // `contact.commonGroups` (whatsapp-web.js reads that first, Client.js:2183-2191).
        async findCommonGroups(contact) {
            if (!contact || !contact.id || !createWid(contact.id).isUser()) throw new TypeError('findCommonGroups: needs a contact model');
            const answer = await askServer({ type: 'group_common', user: createWid(contact.id)._serialized });
            const groups = new Collection(ChatModel);
            for (const id of answer.groups) {
                const chat = Chat.get(id);
                if (chat) groups.list.push(chat);
            }
            contact.commonGroups = groups;
            return groups;
        },
    };

    modules.WAWebChatSendMessages = {
        // (the person's chat, group id, group name, code, expiration, comment, picture thumbnail in
        // base64) -> { messageSendResult }: a groups_v4_invite message in that chat.
        async sendGroupInviteMessage(chat, groupId, groupName, code, expiration, comment, thumbnail) {
            if (!(chat instanceof ChatModel) || !chat.id.isUser()) throw new TypeError("sendGroupInviteMessage: the first argument must be a person's chat model");
            if (typeof code !== 'string' || !code) throw new TypeError('sendGroupInviteMessage: needs the invite code');
            const me = meWid();
            const msg = new MsgModel({
                id: new MsgKey({ from: me, to: chat.id, id: await MsgKey.newId(), selfDir: 'out' }),
                type: 'groups_v4_invite',
                body: typeof comment === 'string' ? comment : '',
                from: me,
                to: chat.id,
                t: Math.floor(Date.now() / 1000),
                isNewMsg: true,
                local: true,
                self: 'out',
                inviteCode: code,
                inviteCodeExp: expiration,
                inviteGrp: createWid(groupId),
                inviteGrpName: groupName,
                inviteGrpJpegThum: thumbnail || undefined,
            });
            chat.msgs.add(msg);
            Msg.add(msg);
            const answer = await ask({ type: 'group_invite_message', to: userJid(chat.id), id: msg.id.id, group: createWid(groupId)._serialized, groupName: String(groupName), code, expiration, comment: msg.body });
            if (!answer.ok) {
                msg.set('ack', -1);
                return { messageSendResult: 'ERROR', error: answer.error };
            }
            msg.set('ack', 2);
            return { messageSendResult: 'OK', t: answer.t };
        },
    };

    // What the server says of a group's picture and requests (from account-sync.js upsertGroup).
    function upsertGroupAdmin(chat, g) {
        const meta = chat.groupMetadata;
        if (!meta.membershipApprovalRequests) Object.defineProperty(meta, 'membershipApprovalRequests', { value: new Requests(RequestModel) });
        const requests = meta.membershipApprovalRequests;
        requests.remove(requests.getModelsArray());
        requests.add((g.pendingRequests || []).map((r) => new RequestModel({ id: createWid(r.id), addedBy: createWid(r.addedBy), parentGroupId: null, requestMethod: r.method, t: r.t })));
        sim.account.setPictureThumb(chat.id, g.picture ? { directPath: g.picture.directPath, tag: g.picture.id } : null);
    }
    sim.account.upsertGroupAdmin = upsertGroupAdmin;
    // A change of the group that comes with no notification (who may add members, approval).
    sim.onServer('group', (msg) => sim.account.upsertGroup(msg.group));
})();
