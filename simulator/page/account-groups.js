'use strict';
// What the linked account does to groups, in the simulated WhatsApp Web page: the modules
// whatsapp-web.js 1.34.7 calls to create a group (Client.js:2311-2440), add and remove participants
// (structures/GroupChat.js:78-284, Injected/Utils.js:1422-1474 and 1694-1722), leave
// (GroupChat.js:670-679), read the invite code (GroupChat.js:577-590) and join by one
// (Client.js:1834-1842), with the shapes it reads from them. Each asks the server
// (../account-group-actions.js), which answers and sends the group's gp2 notification to every
// device of the account. LID addressing is not modelled: participants are phone numbers, and
// WAWebApiContact has no LID for anyone. Served after account-actions.js.
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
    const digits = (wid) => createWid(wid).user;

    modules.WAWebGroupCreateJob = {
        // (options with `title`, [{ phoneNumber: wid }]) -> { wid, subject, participants: [{ wid, error?, type }] }
        async createGroup(options, participants) {
            const numbers = (participants || []).map((p) => digits(p.phoneNumber || p.wid || p));
            const answer = await askGroup({ type: 'group_create', subject: String(options && options.title), participants: numbers });
            return {
                wid: createWid(answer.group.id),
                subject: answer.group.subject,
                participants: answer.participants.map((p) => ({ wid: createWid(`${p.number}@c.us`), error: p.error || undefined, type: 'participant' })),
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
        widToUserJid: (wid) => `${createWid(wid).user}@s.whatsapp.net`,
    };

    // The add-participants RPC, one participant per call as whatsapp-web.js makes it, answered in
    // the shape it unpacks (Injected/Utils.js:1444-1471).
    modules.WASmaxGroupsAddParticipantsRPC = {
        async sendAddParticipantsRPC({ participantArgs, iqTo }) {
            const answer = await ask({ type: 'group_add', group: String(iqTo), participants: participantArgs.map((a) => String(a.participantJid).split('@')[0]) });
            if (!answer.ok) {
                return { name: 'AddParticipantsResponseClientError', value: { errorAddParticipantsClientErrors: { value: { code: String(answer.status || 400) } } } };
            }
            const mixin = (r) => (r.code === 200 ? { name: 'ParticipantAdded', value: {} } : { name: 'ParticipantNotAdded', value: { error: String(r.code) } });
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

    // No LIDs: a phone number has no LID, and a LID no phone number, as far as the page knows.
    modules.WAWebApiContact = {
        getCurrentLid: () => null,
        getAlternateUserWid: () => null,
        getPhoneNumber: (wid) => {
            const w = createWid(wid);
            return w.server === 'c.us' ? w : null;
        },
    };

    // A participant's phone-number wid (main 2dc9466, Injected/Utils.js:961-965: `toPn(p.id) ?? p.id`):
    // for a LID, the number WAWebApiContact knows for it (null when none); a phone-number wid is
    // already one. What the real one returns for a phone-number wid is not known.
    modules.WAWebLidMigrationUtils = {
        toPn(wid) {
            const w = createWid(wid);
            return w.isLid() ? modules.WAWebApiContact.getPhoneNumber(w) || null : w;
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
})();
