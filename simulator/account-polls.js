'use strict';
// Polls in the account world (methods of AccountWorld, see account.js): the account sends a poll,
// its contacts vote on it, the account votes itself. The page side is page/account-polls.js.
//
// Facts modelled:
// - A poll is a message of type `poll_creation` with a name, options (each a name and a local id,
//   0, 1, … in order) and how many options a voter may select (`pollSelectableOptionsCount`: 1 for
//   a single-choice poll, 0 for any number), and a 32-byte `messageSecret` the votes are encrypted
//   with (whatsapp-web.js main 2dc9466 src/util/Injected/Utils.js:235-251 builds exactly these).
// - A vote is the voter's whole current selection (a list of local ids, empty when they took
//   their vote back); a later vote replaces the earlier one (WhatsApp Web's WAWebPollsVoteDataUtils
//   and WAWebPollsSendVoteMsgAction: `selectedOptionLocalIds`, `senderTimestampMs`, `t`, `sender`).
// - WhatsApp's apps take 2 to 12 options (third-party API documentation, e.g.
//   go-whatsapp-web-multidevice's send/poll: "Minimum: 2, Maximum: 12, each distinct"); the
//   server here refuses other polls ('bad-poll'). What the real server does with them is not known.
// Not modelled: polls sent by contacts, votes that arrive while no page of the account is
// connected (a page gets the current votes with the poll when it syncs, as history), vote
// encryption, poll results notifications, channel polls.

const { httpError, phoneMessageId } = require('./account-util');

const MAX_OPTIONS = 12;
const MAX_TEXT = 255 * 4;

// The poll the page sent with a `poll_creation` message, checked; null when it is malformed.
function pollOf(wire) {
    if (!wire || typeof wire !== 'object') return null;
    const { name, options, selectableCount, secret } = wire;
    if (typeof name !== 'string' || !name.trim() || name.length > MAX_TEXT) return null;
    if (!Array.isArray(options) || options.length < 2 || options.length > MAX_OPTIONS) return null;
    const names = new Set();
    for (const [i, o] of options.entries()) {
        if (!o || typeof o.name !== 'string' || !o.name.trim() || o.name.length > MAX_TEXT || o.localId !== i || names.has(o.name)) return null;
        names.add(o.name);
    }
    if (!Number.isInteger(selectableCount) || selectableCount < 0 || selectableCount > options.length) return null;
    if (typeof secret !== 'string' || Buffer.from(secret, 'base64').length !== 32) return null;
    return { name, options: options.map((o) => o.name), selectableCount, secret, votes: new Map() };
}

module.exports = {
    // The control route of polls; false for any other route.
    async _pollsControl(route, url, readJson, reply) {
        if (route === 'POST /_sim/peer/vote') return reply(200, this.peerVote(await readJson()));
        return false;
    },

    // For _onSend (account.js): the poll of a `poll_creation` message, false when it is malformed.
    _pollOfSend(msg) {
        return msg.msgType === 'poll_creation' ? pollOf(msg.poll) || false : null;
    },

    // A poll as the inbox shows it: options by name, votes by voter.
    _pollView(m) {
        const p = m.poll;
        return {
            name: p.name,
            options: p.options.slice(),
            allowMultipleAnswers: p.selectableCount !== 1,
            selectableCount: p.selectableCount,
            messageSecret: p.secret,
            votes: [...p.votes.values()].map((v) => ({ voter: v.sender, options: v.localIds.map((i) => p.options[i]), t: v.t })),
        };
    },

    // A poll as it travels to the page with its message (history and other devices).
    _pollWire(m) {
        const p = m.poll;
        if (!p) return undefined;
        return { name: p.name, options: p.options.slice(), selectableCount: p.selectableCount, secret: p.secret, votes: [...p.votes.values()].map((v) => ({ ...v })) };
    },

    // Records a vote: the sender's whole selection, replacing an earlier one.
    _recordVote(m, sender, localIds, fromMe, id) {
        const now = Date.now();
        const vote = { key: `${fromMe}_${m.chat}_${id}`, id, fromMe, sender, localIds, senderTimestampMs: now, t: Math.floor(now / 1000) };
        m.poll.votes.set(sender, vote);
        return vote;
    },

    // POST /_sim/peer/vote {from, messageId, options}: the contact `from` votes on a poll of their
    // chat, `options` naming their whole selection ([] takes the vote back).
    peerVote(spec) {
        const { from, m, ownPhone } = this._messageOf(spec, 'vote on');
        if (!m.poll) throw httpError(400, `${m.key} is not a poll`);
        if (ownPhone) throw httpError(400, "the account's own votes come from its page (msg.vote())");
        if (!Array.isArray(spec.options) || spec.options.some((o) => typeof o !== 'string')) throw httpError(400, 'options must be the names of the options voted for (an array of strings)');
        const localIds = [...new Set(spec.options)].map((name) => {
            const i = m.poll.options.indexOf(name);
            if (i < 0) throw httpError(400, `the poll has no option ${JSON.stringify(name)}`);
            return i;
        });
        if (m.poll.selectableCount > 0 && localIds.length > m.poll.selectableCount) throw httpError(400, `the poll takes at most ${m.poll.selectableCount} option(s)`);
        const sender = this._userWid(from, m.chat);
        const vote = this._recordVote(m, sender, localIds, false, phoneMessageId());
        this.sim._log('peer-vote', { key: vote.key, parentKey: m.key, sender, options: localIds });
        for (const sock of this._connectedSockets(m.account)) this.sim._send(sock, { type: 'poll_vote', chat: m.chat, parentKey: m.key, vote });
        return { ok: true, id: vote.key };
    },

    // The page's `send_vote` {parentKey, id, localIds}: the account votes. Answers { ok } or
    // { ok: false, error }.
    _onSendVote(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const m = this.messages.get(String(msg.parentKey));
        const ids = msg.localIds;
        const refuse = (error) => this._answer(sock, msg, { ok: false, error });
        if (!account || !m || m.account !== account || !m.poll) return refuse('no-poll');
        if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse('bad-id');
        if (!Array.isArray(ids) || new Set(ids).size !== ids.length || ids.some((i) => !Number.isInteger(i) || i < 0 || i >= m.poll.options.length)) return refuse('bad-vote');
        if (m.poll.selectableCount > 0 && ids.length > m.poll.selectableCount) return refuse('bad-vote');
        const vote = this._recordVote(m, this._userWid(account, m.chat), ids.slice(), true, msg.id);
        this.sim._log('vote-sent', { socketId: sock.id, key: vote.key, parentKey: m.key, options: vote.localIds });
        this._answer(sock, msg, { ok: true, t: vote.t });
        return true;
    },
};
