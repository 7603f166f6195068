'use strict';
// Polls in the simulated WhatsApp Web page: the poll creation message addAndSendMsgToChat takes,
// the poll vote table whatsapp-web.js hooks for `vote_update` (WAWebAddonPollVoteTableMode), the
// votes table getPollVotes reads (WAWebPollsVotesSchema) and the vote action msg.vote() calls
// (WAWebPollsSendVoteMsgAction). whatsapp-web.js main 2dc9466: src/util/Injected/Utils.js:235-251
// (the message), src/Client.js:1197-1235 (the hook), 3404-3432 (getPollVotes),
// src/structures/Message.js:1006-1038 (vote). The server side is ../account-polls.js. Served after
// account-profile.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { MsgKey, MsgModel, createWid, meWid, ask } = sim.account;

    // ---- the poll creation message ---------------------------------------------------------

    // What addAndSendMsgToChat needs of a `poll_creation` message (account-actions.js checks the
    // rest): a name, options `{name, localId}` with local ids 0, 1, … in order, the number of
    // options a voter may select (0: any) and the 32-byte secret votes are encrypted with. The
    // real page's own errors for a malformed poll are not known; these are TypeErrors naming the
    // field, and the server refuses polls WhatsApp's apps cannot make (account-polls.js).
    const isName = (v) => typeof v === 'string' && v.trim() !== '';
    sim.account.outgoingNeeds.poll_creation = {
        pollName: isName,
        pollOptions: (v) => Array.isArray(v) && v.every((o, i) => o && isName(o.name) && o.localId === i),
        pollSelectableOptionsCount: (v) => Number.isInteger(v) && v >= 0,
        messageSecret: (v) => v instanceof Uint8Array && v.length === 32,
    };
    const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
    // The poll as it goes to the server with its message (account-actions.js).
    sim.account.pollWireOf = (msg) =>
        msg.type === 'poll_creation'
            ? { name: msg.pollName, options: msg.pollOptions.map((o) => ({ name: o.name, localId: o.localId })), selectableCount: msg.pollSelectableOptionsCount, secret: base64(msg.messageSecret) }
            : undefined;

    // ---- votes -------------------------------------------------------------------------------

    // The votes table (IndexedDB in WhatsApp Web), one row per poll and voter: `msgKey`,
    // `parentMsgKey`, `selectedOptionLocalIds`, `senderTimestampMs`, `t`, `sender`, `ack`, `read`
    // (WhatsApp Web's WAWebPollsVoteDataUtils.pollVoteMsgDataToVoteData). Keys and the sender are
    // kept as text: whatsapp-web.js queries it with the key as text (Client.js:3413-3416); how the
    // real table stores the sender is not known.
    const rows = new Map();
    const rowKey = (parent, sender) => `${parent} ${sender}`;
    modules.WAWebPollsVotesSchema = {
        getTable() {
            return {
                // Only the parentMsgKey index is modelled (the one whatsapp-web.js uses).
                async equals(index, value) {
                    if (!Array.isArray(index) || index.length !== 1 || index[0] !== 'parentMsgKey') throw new TypeError(`equals: no index ${JSON.stringify(index)} is modelled (only ["parentMsgKey"])`);
                    return [...rows.values()].filter((r) => r.parentMsgKey === String(value)).map((r) => ({ ...r, selectedOptionLocalIds: r.selectedOptionLocalIds.slice() }));
                },
            };
        },
    };
    const storeRow = (vote) => {
        const sender = String((vote.author || vote.from)._serialized);
        rows.set(rowKey(vote.pollUpdateParentKey._serialized, sender), {
            msgKey: vote.id._serialized,
            parentMsgKey: vote.pollUpdateParentKey._serialized,
            selectedOptionLocalIds: vote.selectedOptionLocalIds.slice(),
            senderTimestampMs: vote.senderTimestampMs,
            t: vote.t,
            sender,
            ack: vote.ack,
            read: vote.read,
        });
    };

    // The poll vote addon table: clients wrap bulkUpsert (whatsapp-web.js does, for vote_update),
    // so it is always called through the module object. It gets vote messages as
    // WAWebPollsVoteDataUtils.voteDataToPollVoteMsgData makes them: `id`, `from`, `to`, `author`,
    // `type: 'poll_update'`, `pollUpdateParentKey`, `selectedOptionLocalIds`, `senderTimestampMs`,
    // `t` (seconds, as WAWebPollsSendVoteMsgAction sets it), `ack`, `read`.
    modules.WAWebAddonPollVoteTableMode = { pollVoteTableMode: { bulkUpsert: async (records) => records } };
    function upsertVotes(votes) {
        modules.WAWebAddonPollVoteTableMode.pollVoteTableMode.bulkUpsert(votes);
        for (const vote of votes) storeRow(vote);
    }

    // A vote as the page holds it, from the server's record (account-polls.js).
    function voteOf(chat, parentKey, v) {
        const remote = createWid(chat);
        const group = remote.isGroup();
        const sender = createWid(v.sender);
        return {
            id: new MsgKey({ fromMe: v.fromMe, remote, id: v.id, participant: group ? sender : undefined }),
            from: v.fromMe ? meWid() : group ? remote : sender,
            to: v.fromMe ? remote : meWid(),
            author: group ? sender : undefined,
            type: 'poll_update',
            pollUpdateParentKey: MsgKey.fromString(parentKey),
            selectedOptionLocalIds: v.localIds.slice(),
            senderTimestampMs: v.senderTimestampMs,
            t: v.t,
            ack: 1,
            read: Boolean(v.fromMe),
        };
    }

    // A contact voted (or changed their vote).
    sim.onServer('poll_vote', ({ chat, parentKey, vote }) => upsertVotes([voteOf(chat, parentKey, vote)]));

    // A poll that came with the history or from another device: its fields, and its votes so
    // far into the table (no vote message: they are not new).
    sim.account.pollAttrsFromWire = (w) => {
        const p = w.poll;
        for (const v of p.votes || []) storeRow(voteOf(w.chat, w.key, v));
        const secret = Uint8Array.from(atob(p.secret), (c) => c.charCodeAt(0));
        return { pollName: p.name, pollOptions: p.options.map((name, localId) => ({ name, localId })), pollSelectableOptionsCount: p.selectableCount, messageSecret: secret };
    };

    // msg.vote(): sendVote(pollMessage, Set of local ids), the whole selection (an empty Set takes
    // the vote back). The real action throws err("Vote send error") when the send fails
    // (WAWebPollsSendVoteMsgAction); so does this one when the server refuses the vote. The
    // account's own vote goes through the addon table as a contact's does (as its reactions do,
    // account-actions.js); whether the real page writes it there through bulkUpsert is not known.
    modules.WAWebPollsSendVoteMsgAction = {
        async sendVote(msg, selected) {
            if (!(msg instanceof MsgModel) || msg.type !== 'poll_creation') throw new TypeError('sendVote: the first argument must be a poll creation message model');
            if (!(selected instanceof Set)) throw new TypeError('sendVote: the second argument must be a Set of option local ids');
            const id = await MsgKey.newId();
            const localIds = Array.from(selected);
            const answer = await ask({ type: 'send_vote', parentKey: msg.id._serialized, id, localIds });
            if (!answer.ok) throw new Error('Vote send error');
            const me = meWid();
            const group = msg.id.remote.isGroup();
            const sender = group && msg.id.remote && sim.account.GroupMetadata.get(msg.id.remote)?.isLidAddressingMode ? modules.WAWebUserPrefsMeUser.getMaybeMeLidUser() : me;
            const now = Date.now();
            upsertVotes([
                {
                    ...voteOf(msg.id.remote._serialized, msg.id._serialized, { fromMe: true, id, sender: sender._serialized, localIds, senderTimestampMs: now, t: answer.t ?? Math.floor(now / 1000) }),
                    ack: 1,
                },
            ]);
        },
    };
})();
