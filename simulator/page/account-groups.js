'use strict';
// What the linked account does to groups, in the simulated WhatsApp Web page: the modules
// whatsapp-web.js 1.34.7 calls to create a group (Client.js:2311-2440), add and remove participants
// (structures/GroupChat.js:78-284, Injected/Utils.js:1422-1474 and 1694-1722), leave
// (GroupChat.js:670-679), read the invite code (GroupChat.js:577-590) and join by one
// (Client.js:1834-1842), with the shapes it reads from them. Each asks the server
// (../account-group-actions.js), which answers and sends the group's gp2 notification to every
// device of the account. Groups are LID-addressed (account-lids.js); the server takes phone
// numbers, which the page finds for a participant's LID. Served after account-actions.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { createWid, ask, upsertGroup, ServerStatusCodeError, GroupMetadata } = sim.account;

    // A refused request fails as WhatsApp Web's request layer does: a ServerStatusCodeError.
    async function askGroup(message) {
        const answer = await ask(message);
        if (!answer.ok) throw new ServerStatusCodeError(answer.status || 500);
        if (answer.group) upsertGroup(answer.group);
        return answer;
    }
    // A participant's phone number (digits): a LID's from what the page knows.
    const digits = (wid) => {
        const w = createWid(wid);
        return (w.isLid() ? sim.account.phoneNumber(w) || w : w).user;
    };

    modules.WAWebGroupCreateJob = {
        // (options with `title`, [{ phoneNumber: wid }]) -> { wid, subject, participants: [{ wid, error?, type }] }
        async createGroup(options, participants) {
            const numbers = (participants || []).map((p) => digits(p.phoneNumber || p.wid || p));
            // The settings whatsapp-web.js passes (Client.js:2356-2372); ephemeral and communities are not modelled.
            const settings = options && { announce: options.announce, restrict: options.restrict, memberAddMode: options.memberAddMode, membershipApprovalMode: options.membershipApprovalMode };
            const answer = await askGroup({ type: 'group_create', subject: String(options && options.title), participants: numbers, settings });
            return {
                wid: createWid(answer.group.id),
                subject: answer.group.subject,
                // 403: accepts only invites; the code of a private invite comes with it (Client.js:2381-2411).
                participants: answer.participants.map((p) => ({ wid: createWid(`${p.number}@c.us`), error: p.error || undefined, type: 'participant', ...(p.inviteCode ? { invite_code: p.inviteCode, invite_code_exp: String(p.inviteCodeExp) } : {}) })),
            };
        },
    };

    modules.WAWebGroupQueryJob = {
        // Reads the group from the server into its chat's metadata.
        async queryAndUpdateGroupMetadataById({ id }) {
            await askGroup({ type: 'group_metadata', group: createWid(id)._serialized });
        },
    };

    // The collection re-reads one group from the server too (whatsapp-web.js main 2dc9466,
    // Injected/Utils.js:956-959, before it serializes a group chat).
    GroupMetadata.update = async (id) => {
        await askGroup({ type: 'group_metadata', group: createWid(id)._serialized });
    };

    modules.WAWebWidToJid = {
        widToGroupJid: (wid) => createWid(wid)._serialized,
        // A LID stays a LID (the requests to join of a LID group are named by LID).
        widToUserJid: (wid) => (createWid(wid).isLid() ? createWid(wid)._serialized : `${createWid(wid).user}@s.whatsapp.net`),
    };

    // The add-participants RPC, one participant per call as whatsapp-web.js makes it, answered in
    // the shape it unpacks (Injected/Utils.js:1444-1471).
    modules.WASmaxGroupsAddParticipantsRPC = {
        async sendAddParticipantsRPC({ participantArgs, iqTo }) {
            const answer = await ask({ type: 'group_add', group: String(iqTo), participants: participantArgs.map((a) => String(a.participantJid).split('@')[0]) });
            if (!answer.ok) {
                return { name: 'AddParticipantsResponseClientError', value: { errorAddParticipantsClientErrors: { value: { code: String(answer.status || 400) } } } };
            }
            // 403 (accepts only invites) carries the code of a private invite (Injected/Utils.js:1457-1463).
            const mixin = (r) => {
                if (r.code === 200) return { name: 'ParticipantAdded', value: {} };
                if (r.inviteCode) return { name: 'ParticipantRequestCodeCanBeSent', value: { error: String(r.code), addRequestCode: r.inviteCode, addRequestExpiration: r.inviteCodeExp } };
                return { name: 'ParticipantNotAdded', value: { error: String(r.code) } };
            };
            return {
                name: 'AddParticipantsResponseSuccess',
                value: {
                    addParticipant: answer.results.map((r) => ({
                        addParticipantsParticipantAddedOrNonRegisteredWaUserParticipantErrorLidResponseMixinGroup: { value: { addParticipantsParticipantMixins: mixin(r) } },
                    })),
                },
            };
        },
    };

    modules.WAWebModifyParticipantsGroupAction = {
        // (chat, participant models of its groupMetadata)
        async removeParticipants(chat, participants) {
            await askGroup({ type: 'group_remove', group: chat.id._serialized, participants: participants.map((p) => digits(p.id)) });
        },
    };

    modules.WAWebExitGroupAction = {
        async sendExitGroup(chat) {
            await askGroup({ type: 'group_leave', group: chat.id._serialized });
        },
    };

    modules.WAWebMexFetchGroupInviteCodeJob = {
        // -> the code; a ServerStatusCodeError (401) when the account is not an admin.
        async fetchMexGroupInviteCode(chatId) {
            return (await askGroup({ type: 'group_invite_code', group: createWid(chatId)._serialized })).code;
        },
    };

    modules.WAWebGroupInviteJob = {
        // -> { gid }: the group joined; its chat is in the Chat collection by then.
        async joinGroupViaInvite(code) {
            const answer = await askGroup({ type: 'group_join_invite', code: String(code) });
            return { gid: createWid(answer.group.id) };
        },
    };

    modules.WAWebGroupInviteV4Job = {
        // (code, expiration as a string of Unix seconds, group id, the inviting admin's wid) ->
        // { status: 200 }, the shape whatsapp-web.js's types give acceptGroupV4Invite (index.d.ts:
        // `Promise<{ status: number }>`); refused: a ServerStatusCodeError (404 no such invite,
        // 410 expired, 409 already in).
        async joinGroupViaInviteV4(code, expiration, groupId, adminWid) {
            if (typeof code !== 'string' || !code) throw new TypeError('joinGroupViaInviteV4: needs the invite code');
            if (typeof expiration !== 'string' || !/^\d+$/.test(expiration)) throw new TypeError('joinGroupViaInviteV4: the expiration must be a string of Unix seconds');
            const group = createWid(groupId);
            const admin = createWid(adminWid);
            if (group.server !== 'g.us' || !admin.isUser()) throw new TypeError('joinGroupViaInviteV4: needs a group id and the inviting user');
            const jid = admin.server === 'c.us' ? `${admin.user}@s.whatsapp.net` : admin._serialized;
            await askGroup({ type: 'group_join_v4', group: group._serialized, code, expiration, admin: jid });
            return { status: 200 };
        },
    };
})();
