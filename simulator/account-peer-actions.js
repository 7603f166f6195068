'use strict';
// What a contact (or the account's phone) does to messages already sent (methods of AccountWorld,
// see account.js): reads them, reacts to one, deletes one for everyone. The page side is
// page/account-sync.js (acks, reactions, revokes).

const { httpError, parseNumber, optionalString, phoneMessageId } = require('./account-util');

module.exports = {
    // POST /_sim/peer/read: the contact opens the chat; the account's messages there (or the ones
    // named) become read (ack 3).
    peerRead(spec = {}) {
        const peer = parseNumber(spec && spec.peer, 'peer');
        const ids = Array.isArray(spec.ids) ? new Set(spec.ids.map(String)) : null;
        const read = [];
        for (const m of this.messages.values()) {
            if (!m.fromMe || m.peer !== peer || m.ack >= 3 || m.ack < 1) continue;
            if (ids && !ids.has(m.key)) continue;
            this._setAck(m, 3);
            read.push(m.key);
        }
        if (ids) {
            const unknown = [...ids].filter((id) => !this.messages.has(id));
            if (unknown.length) throw httpError(404, `unknown message id(s): ${unknown.join(', ')}`);
        }
        return { ok: true, read };
    },

    // The message a contact (or the account's phone) acts on: it must be in their chat.
    _messageOf(spec, verb) {
        if (!spec || typeof spec !== 'object') throw httpError(400, `body must be {"from": "<digits>", "messageId": "..."}`);
        const from = parseNumber(spec.from, 'from');
        const m = this.messages.get(String(spec.messageId));
        if (!m) throw httpError(404, `no message ${JSON.stringify(spec.messageId)}`);
        const ownPhone = m.account === from;
        const group = this.groups.get(m.chat);
        const inChat = group ? group.participants.includes(from) : m.peer === from;
        if (!ownPhone && !inChat) throw httpError(403, `${from} cannot ${verb} a message of another chat`);
        return { from, m, ownPhone };
    },

    // POST /_sim/peer/react: the contact (or the account's phone) reacts to a message of their
    // chat; an empty reaction takes it back.
    peerReact(spec) {
        const { from, m, ownPhone } = this._messageOf(spec, 'react to');
        const reaction = optionalString(spec.reaction, 'reaction', 32) ?? '';
        const id = phoneMessageId();
        const record = {
            key: `${ownPhone}_${m.chat}_${id}`,
            id,
            fromMe: ownPhone,
            chat: m.chat,
            parentKey: m.key,
            sender: this._userWid(from, m.chat),
            reaction,
            t: Date.now(),
        };
        m.reactions = (m.reactions || []).filter((r) => r.sender !== record.sender).concat(reaction ? [record] : []);
        this.sim._log('peer-reaction', { key: record.key, parentKey: m.key, sender: record.sender, reaction });
        for (const sock of this._connectedSockets(m.account)) this.sim._send(sock, { type: 'reaction', reaction: record });
        return { ok: true, id: record.key };
    },

    // POST /_sim/peer/revoke: the sender deletes a message for everyone.
    peerRevoke(spec) {
        const { from, m } = this._messageOf(spec, 'revoke');
        if (!this._sentBy(m, from)) throw httpError(403, `only its sender can revoke ${m.key}`);
        this._revoke(m, null);
        return { ok: true };
    },

    _revoke(m, exceptSock) {
        if (m.type === 'revoked') return;
        m.type = 'revoked';
        m.body = '';
        this.sim._log('message-revoked', { key: m.key, by: m.from });
        for (const sock of this._connectedSockets(m.account)) {
            if (sock !== exceptSock) this.sim._send(sock, { type: 'revoke', key: m.key });
        }
    },
};
