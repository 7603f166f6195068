'use strict';
// Changes to what the account already has (methods of AccountWorld, see account.js): a contact
// edits a message it sent, the account's phone archives a chat, the account blocks a contact.
// The page side is page/account-changes.js.
//
// Facts modelled:
// - Only the sender edits a message, and only within 15 minutes of sending it (WhatsApp's limit);
//   a revoked message cannot be edited. The linked devices get the new text in place: WhatsApp Web
//   sets the model's `body` (a media message's `caption`), whose `change:body` event
//   whatsapp-web.js turns into `message_edit` (src/Client.js:1057-1063). Like a message, an edit
//   reaches every device once: one that was not connected still has the text it last saw (its
//   history says so) and gets the edits it missed after its first sync, each confirmed with an
//   `edit_receipt`; a device that gets the message only after the edit gets the new text, and no
//   edit.
// - Archiving a chat on the phone reaches every linked device as the chat's `archive` flag.
// - A blocked contact's messages never reach the account (the contact sees them as sent, one
//   tick); the block list is the account's, shared by its devices, and holds LIDs only.

const { httpError, parseNumber, optionalString, phoneMessageId, MAX_BODY, EDIT_WINDOW_MS } = require('./account-util');

module.exports = {
    // POST /_sim/peer/edit {from, messageId, body}: the sender changes the text of its message.
    peerEdit(spec) {
        const { from, m } = this._messageOf(spec, 'edit');
        if (!this._sentBy(m, from)) throw httpError(403, `only its sender can edit ${m.key}`);
        if (m.type === 'revoked' || m.type === 'gp2' || m.type === 'location') throw httpError(409, `a ${m.type} message cannot be edited`);
        if (Date.now() - m.createdAt > EDIT_WINDOW_MS) throw httpError(409, `${m.key} is older than 15 minutes: WhatsApp no longer lets it be edited`);
        const body = optionalString(spec.body, 'body', MAX_BODY);
        if (!body) throw httpError(400, '"body" must be the new, non-empty text');
        this._recordEdit(m, body, `${from}@c.us`, null);
        return { ok: true };
    },

    // Records an edit of `m` by `by` (a wid) and tells the account's connected pages but
    // `exceptSock` (the page that made it, which applied it itself). The edit travels as a
    // message of its own (a protocol message with its own id). Every text the message had is
    // kept, with which devices know it (`known`: device token -> how many edits it has).
    _recordEdit(m, body, by, exceptSock) {
        if (!m.edits) {
            m.edits = [];
            m.originalBody = m.body;
            // Devices that have the message (delivered, sent to them live, or in their history)
            // have its original text.
            m.known = new Map();
            for (const session of this.sim.sessions.values()) {
                const token = session.token;
                if (session.wid === `${m.account}@c.us` && (m.deliveredTo.has(token) || m.sentTo.has(token) || m.createdAt < session.createdAt)) m.known.set(token, 0);
            }
        }
        const edit = { editId: phoneMessageId(), body, t: Date.now() };
        m.edits.push(edit);
        m.body = body;
        if (exceptSock && exceptSock.token) m.known.set(exceptSock.token, m.edits.length);
        this.sim._log('message-edited', { key: m.key, by });
        for (const sock of this._connectedSockets(m.account)) {
            if (sock !== exceptSock) this.sim._send(sock, { type: 'edit', key: m.key, ...edit });
        }
        return edit;
    },

    // The message as the device `token` last had it (its text, and its latest edit).
    _wireAsKnownBy(m, token) {
        const wire = this._wire(m);
        if (!m.edits) return wire;
        // A message first seen now (history at link time) comes with its current text.
        if (!m.known.has(token)) m.known.set(token, m.edits.length);
        const known = m.known.get(token);
        const latest = known > 0 ? m.edits[known - 1] : null;
        return { ...wire, body: latest ? latest.body : m.originalBody, edit: latest ? { editId: latest.editId, t: latest.t } : null };
    },

    // The device has the message as it is now (it received it whole).
    _editsKnownBy(m, token) {
        if (m.edits) m.known.set(token, Math.max(m.known.get(token) || 0, m.edits.length));
    },

    // The page applied an edit: { key, editId }.
    _onEditReceipt(sock, msg) {
        const m = this.messages.get(String(msg.key));
        const index = m && m.edits ? m.edits.findIndex((e) => e.editId === msg.editId) : -1;
        if (index >= 0 && sock.token) m.known.set(sock.token, Math.max(m.known.get(sock.token) || 0, index + 1));
    },

    // After the first sync: the edits this device missed, oldest first.
    _sendMissedEdits(sock, session) {
        const account = session.wid.split('@')[0];
        for (const m of this.messages.values()) {
            if (m.account !== account || !m.edits || !m.known.has(session.token)) continue;
            for (const edit of m.edits.slice(m.known.get(session.token))) this.sim._send(sock, { type: 'edit', key: m.key, ...edit });
        }
    },

    // POST /_sim/phone/archive {chat, archive}: the account's phone archives (or unarchives) a
    // chat; `chat` is a contact's digits or a group id, `to` picks the account when several are linked.
    phoneArchive(spec) {
        if (!spec || typeof spec !== 'object' || typeof spec.archive !== 'boolean') {
            throw httpError(400, 'body must be {"chat": "<digits> or <group id>", "archive": true|false}');
        }
        const chat = typeof spec.chat === 'string' && /^\d+@g\.us$/.test(spec.chat) ? spec.chat : `${parseNumber(spec.chat, 'chat')}@c.us`;
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        this.sim._log('phone-chat-setting', { account, chat, setting: 'archive', value: spec.archive });
        for (const sock of this._connectedSockets(account)) this.sim._send(sock, { type: 'chat_setting', chat, setting: 'archive', value: spec.archive });
        return { ok: true };
    },

    // The account's block list: account number -> Set of numbers.
    _blockedBy(account) {
        if (!this.blocked) this.blocked = new Map();
        if (!this.blocked.has(account)) this.blocked.set(account, new Set());
        return this.blocked.get(account);
    },

    // Whether a message from `peer` to `account` is dropped because the account blocked `peer`.
    _blocks(account, peer) {
        return this._blockedBy(account).has(peer);
    },

    // The page blocks or unblocks a contact by its LID: { type: 'block', lid: '<lid>@lid', block }.
    // The block list holds LIDs only: a phone number is refused.
    _onBlock(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const lid = typeof msg.lid === 'string' && msg.lid.endsWith('@lid') ? msg.lid : null;
        const number = lid && this._numberOfUser(lid);
        if (!account || typeof msg.block !== 'boolean') return this._answer(sock, msg, { ok: false, error: 'bad-block' });
        if (!number) return this._answer(sock, msg, { ok: false, error: lid ? 'unknown-lid' : 'not-a-lid' });
        const list = this._blockedBy(account);
        if (msg.block) list.add(number);
        else list.delete(number);
        this.sim._log(msg.block ? 'contact-blocked' : 'contact-unblocked', { socketId: sock.id, account, number });
        this._answer(sock, msg, { ok: true });
        // The other devices of the account learn it too.
        for (const other of this._connectedSockets(account)) {
            if (other !== sock) this._sendBlocklist(other, account);
        }
        return true;
    },

    // At connect, after the history: the block list.
    _sendBlocklist(sock, account) {
        this.sim._send(sock, { type: 'blocklist', lids: [...this._blockedBy(account)].map((n) => `${this._lidOf(n)}@lid`) });
    },
};
