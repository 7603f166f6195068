'use strict';
// Groups in the account world (methods of AccountWorld, see account.js): a contact makes a group
// and adds the linked account (gp2 `add`: group_join), or leaves it out and shares the invite
// code; participants write there, the owner removes someone (gp2 `remove`: group_leave). What the
// account itself does to groups (create, add, remove, leave, invite codes) is in
// account-group-actions.js.

const crypto = require('crypto');
const { httpError, parseNumber, optionalString, phoneMessageId } = require('./account-util');

module.exports = {
    _sendInGroup(group, from, spec, body) {
        // An announcement group: only admins send (account-group-admin.js).
        if (group.announce && !group.admins.has(from)) throw httpError(403, `${group.id} lets only admins send`);
        const fromMe = from === group.account;
        const mentions = Array.isArray(spec.mentions) ? spec.mentions.map((m) => this._userWid(parseNumber(m, 'mentions[]'), group.id)) : [];
        const ciphertextMs = this._ciphertextMs(spec);
        const quoted = spec.quotedId == null ? null : this.messages.get(String(spec.quotedId));
        if (spec.quotedId != null && !quoted) throw httpError(404, `no message ${JSON.stringify(spec.quotedId)} to quote`);
        const media = this._upload(spec.media);
        const event = this._peerEventOf(spec.event); // account-events.js
        const msg = this._store({ account: group.account, chat: group.id, author: from, fromMe, id: phoneMessageId(), body, quoted, mentions, ack: fromMe ? 2 : 0, media, event });
        this._arriveEncrypted(msg, ciphertextMs);
        this.sim._log('peer-message', { key: msg.key, from: msg.from, to: msg.to, author: msg.author, fromMe, ...(msg.undecrypted ? { ciphertext: true } : {}) });
        this._pushToPages(group.account, msg);
        return { ok: true, id: msg.key };
    },

    // POST /_sim/groups: a contact (the first participant) makes a group with the others and adds
    // the linked account, which gets the group and its `add` notification (group_join).
    createGroup(spec = {}) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"subject": "...", "participants": ["<digits>"]}');
        const subject = optionalString(spec.subject, 'subject', 100);
        if (!subject) throw httpError(400, 'subject must be a non-empty string');
        if (!Array.isArray(spec.participants) || spec.participants.length === 0) throw httpError(400, 'participants must be a non-empty list of numbers');
        if (spec.join !== undefined && typeof spec.join !== 'boolean') throw httpError(400, 'join must be true (the account is added) or false (it may join by the invite code)');
        if (spec.addressingMode !== undefined && !['lid', 'pn'].includes(spec.addressingMode)) throw httpError(400, 'addressingMode must be "lid" (the default, as new groups are today) or "pn" (an old-style group)');
        const account = this._account(spec.account == null ? null : parseNumber(spec.account, 'account'));
        const members = [...new Set(spec.participants.map((p) => parseNumber(p, 'participants[]')))].filter((p) => p !== account);
        if (members.length === 0) throw httpError(400, 'participants must name someone other than the linked account');
        const join = spec.join !== false;
        const group = this._newGroup({ subject, description: optionalString(spec.description, 'description', 2000), owner: members[0], participants: join ? [...members, account] : members, account, addressingMode: spec.addressingMode });
        this.sim._log('group-created', { id: group.id, subject, owner: group.owner });
        // The owner adds the account: a gp2 `add` notification in the group.
        if (join) this._groupNote(group, group.owner, 'add', [account]);
        return { ok: true, id: group.id, inviteCode: group.inviteCode };
    },

    _newGroup({ subject, description, owner, participants, account, addressingMode = 'lid' }) {
        const group = {
            id: `120363${String(crypto.randomInt(0, 1e6)).padStart(6, '0')}${String(crypto.randomInt(0, 1e6)).padStart(6, '0')}@g.us`,
            subject,
            description,
            owner,
            participants,
            creation: Math.floor(Date.now() / 1000),
            account,
            // 'lid': participants and authors are named by their LIDs (account-lids.js).
            addressingMode,
            // WhatsApp's invite codes: 22 characters of base64url-like text.
            inviteCode: crypto.randomBytes(16).toString('base64url').slice(0, 22),
            // Administration (account-group-admin.js): the admins (the owner is the superadmin),
            // the settings, the picture, the codes revoked and the requests to join.
            ...this._newGroupAdmin(owner),
        };
        this.groups.set(group.id, group);
        return group;
    },

    // A gp2 notification in the group (`add`, `remove`, `leave`, `invite`, `create`, and the
    // administration's of account-group-admin.js): a message of the account's world, pushed to its
    // pages. `body` is what the notification carries besides (a new subject or description).
    _groupNote(group, author, subtype, recipients, body = '') {
        const fromMe = author === group.account;
        const note = this._store({ account: group.account, chat: group.id, author, fromMe, id: phoneMessageId(), body, quoted: null, mentions: [], ack: 0, type: 'gp2' });
        note.subtype = subtype;
        note.recipients = recipients.map((n) => this._userWid(n, group.id));
        this._pushToPages(group.account, note);
        return note;
    },

    // POST /_sim/groups/remove: the group's owner removes a participant (the linked account
    // included: group_leave); the account's pages get a gp2 `remove` notification.
    removeFromGroup(spec = {}) {
        const group = spec && this.groups.get(String(spec.id));
        if (!group) throw httpError(404, `no group ${JSON.stringify(spec && spec.id)}`);
        const number = parseNumber(spec.number, 'number');
        if (!group.participants.includes(number)) throw httpError(409, `${number} is not in ${group.id}`);
        if (number === group.owner) throw httpError(400, 'the owner cannot be removed');
        group.participants = group.participants.filter((p) => p !== number);
        group.admins.delete(number);
        this.sim._log('group-removed', { id: group.id, number });
        this._groupNote(group, group.owner, 'remove', [number]);
        return { ok: true };
    },

    // A LID group names everyone by LID, each participant with its phone number alongside.
    _groupWire(g) {
        return {
            id: g.id,
            subject: g.subject,
            description: g.description,
            owner: this._userWid(g.owner, g.id),
            creation: g.creation,
            isLidAddressingMode: g.addressingMode !== 'pn',
            participants: g.participants.map((p) => ({ id: this._userWid(p, g.id), phoneNumber: `${p}@c.us`, isAdmin: g.admins.has(p), isSuperAdmin: p === g.owner })),
            ...this._groupAdminWire(g),
        };
    },
};
