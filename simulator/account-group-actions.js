'use strict';
// What the linked account does to groups from the page (methods of AccountWorld, see account.js):
// create one, add and remove participants, leave, read the invite code, join by a code. The page
// side is page/account-groups.js; requests arrive as page messages and are answered with
// `account_reply`.
//
// Facts modelled:
// - The creator is the group's owner and first admin (superadmin); only admins remove
//   participants and read the invite code (others get 401, as WhatsApp's server answers); members
//   add others unless the group's memberAddMode is admin_add (account-group-admin.js).
// - Each change is a gp2 notification in the group, seen by every device of the account:
//   `create` (author the creator), `add` / `remove` (author the admin, recipients those added or
//   removed), `leave` (author and recipient the one who left), `invite` (someone joined by the
//   invite link: author and recipient the one who joined). whatsapp-web.js turns add/invite into
//   group_join and remove/leave into group_leave (src/Client.js:589-644).
// - Adding a number that is not on WhatsApp answers 404 for it, one already in the group 409.
// - A participant removed or gone stays out: the group's chat stays, read-only for them.

const { parseNumber } = require('./account-util');

const groupOf = (world, sock, id) => {
    const group = world.groups.get(String(id));
    const account = sock.sessionWid && sock.sessionWid.split('@')[0];
    return group && account && group.account === account ? { group, account } : { group: null, account };
};
const numbersOf = (list) => {
    if (!Array.isArray(list) || list.length === 0 || list.length > 1024) return null;
    try {
        return [...new Set(list.map((n) => parseNumber(String(n), 'participant')))];
    } catch {
        return null;
    }
};

module.exports = {
    // Returns false for a page message that is not a group action.
    _onGroupAction(sock, msg) {
        const handler = {
            group_create: this._groupCreate,
            group_add: this._groupAdd,
            group_remove: this._groupRemove,
            group_leave: this._groupLeave,
            group_invite_code: this._groupInviteCode,
            group_join_invite: this._groupJoinInvite,
            group_join_v4: this._groupJoinV4,
            group_metadata: this._groupMetadata,
        }[msg.type];
        // Promoting, settings, pictures, invites and requests: account-group-admin.js.
        if (!handler) return this._onGroupAdminAction(sock, msg);
        const answer = handler.call(this, sock, msg);
        this._answer(sock, msg, answer);
        return true;
    },

    // { subject, participants: [digits], settings? } -> { ok, group, participants: [{ number, error?, inviteCode?, inviteCodeExp? }] }
    // Someone who accepts only invites is not added (403) and comes with a code for a private invite.
    _groupCreate(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const subject = typeof msg.subject === 'string' ? msg.subject.trim().slice(0, 100) : '';
        const numbers = Array.isArray(msg.participants) && msg.participants.length === 0 ? [] : numbersOf(msg.participants);
        if (!account || !subject || !numbers) return { ok: false, error: 'bad-request', status: 400 };
        const results = numbers.filter((n) => n !== account).map((number) => ({ number, error: this.unregistered.has(number) ? 404 : this._invitesOnly(number) ? 403 : null }));
        const added = results.filter((r) => !r.error).map((r) => r.number);
        const group = this._newGroup({ subject, description: null, owner: account, participants: [account, ...added], account });
        this._createSettings(group, msg.settings);
        for (const r of results) if (r.error === 403) Object.assign(r, this._addRequest(group, r.number));
        this.sim._log('group-created', { id: group.id, subject, owner: account, byPage: true });
        this._groupNote(group, account, 'create', [account]);
        return { ok: true, group: this._groupWire(group), participants: results };
    },

    // { group, participants: [digits] } -> { ok, results: [{ number, code, inviteCode?, inviteCodeExp? }] }
    _groupAdd(sock, msg) {
        const { group, account } = groupOf(this, sock, msg.group);
        const numbers = numbersOf(msg.participants);
        if (!group || !numbers) return { ok: false, error: 'item-not-found', status: 404 };
        // Members add others too unless the group lets only admins (memberAddMode, account-group-admin.js).
        if (!group.admins.has(account) && (group.memberAddMode === 'admin_add' || !group.participants.includes(account))) return { ok: false, error: 'not-authorized', status: 401 };
        const results = numbers.map((number) => {
            if (group.participants.includes(number)) return { number, code: 409 };
            if (this.unregistered.has(number)) return { number, code: 404 };
            if (this._invitesOnly(number)) return { number, code: 403, ...this._addRequest(group, number) };
            return { number, code: 200 };
        });
        const added = results.filter((r) => r.code === 200).map((r) => r.number);
        if (added.length) {
            group.participants = [...group.participants, ...added];
            this.sim._log('group-added', { id: group.id, numbers: added });
            this._groupNote(group, account, 'add', added);
        }
        return { ok: true, results };
    },

    // { group, participants: [digits] } -> { ok, removed }
    _groupRemove(sock, msg) {
        const { group, account } = groupOf(this, sock, msg.group);
        const numbers = numbersOf(msg.participants);
        if (!group || !numbers) return { ok: false, error: 'item-not-found', status: 404 };
        if (!group.admins.has(account)) return { ok: false, error: 'not-authorized', status: 401 };
        const removed = numbers.filter((n) => n !== account && group.participants.includes(n));
        if (removed.length) {
            group.participants = group.participants.filter((p) => !removed.includes(p));
            for (const n of removed) group.admins.delete(n);
            this.sim._log('group-removed', { id: group.id, numbers: removed, byPage: true });
            this._groupNote(group, account, 'remove', removed);
        }
        return { ok: true, removed };
    },

    // { group } -> { ok }: the account leaves. An owner who leaves hands the group to the next.
    _groupLeave(sock, msg) {
        const { group, account } = groupOf(this, sock, msg.group);
        if (!group || !group.participants.includes(account)) return { ok: false, error: 'item-not-found', status: 404 };
        group.participants = group.participants.filter((p) => p !== account);
        group.admins.delete(account);
        if (group.owner === account && group.participants.length) {
            group.owner = group.participants[0];
            group.admins.add(group.owner);
        }
        this.sim._log('group-left', { id: group.id, number: account });
        this._groupNote(group, account, 'leave', [account]);
        return { ok: true };
    },

    // { group } -> { ok, code }
    _groupInviteCode(sock, msg) {
        const { group, account } = groupOf(this, sock, msg.group);
        if (!group || !group.participants.includes(account)) return { ok: false, error: 'item-not-found', status: 404 };
        if (!group.admins.has(account)) return { ok: false, error: 'not-authorized', status: 401 };
        return { ok: true, code: group.inviteCode };
    },

    // { code } -> { ok, group }: the account joins by an invite code (406 unknown, 410 revoked).
    _groupJoinInvite(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const { group, refused } = this._groupByCode(account, msg.code);
        if (refused) return refused;
        if (group.participants.includes(account)) return { ok: false, error: 'conflict', status: 409 };
        group.participants = [...group.participants, account];
        this.sim._log('group-joined', { id: group.id, number: account, via: 'invite' });
        this._groupNote(group, account, 'invite', [account]);
        return { ok: true, group: this._groupWire(group) };
    },

    // { group, code, expiration, admin } -> { ok, group }: the account accepts a private invite
    // (whatsmeow JoinGroupWithInvite: an `accept` with code, expiration and the inviting admin).
    // 404 no such invite for the account, 410 expired, 409 already in.
    _groupJoinV4(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const group = this.groups.get(String(msg.group));
        const request = group && group.account === account ? group.addRequests.get(account) : null;
        const admin = this._numberOfJid(msg.admin);
        if (!request || request.code !== msg.code || String(request.expiration) !== String(msg.expiration) || request.admin !== admin) return { ok: false, error: 'item-not-found', status: 404 };
        if (request.expiration * 1000 <= Date.now()) return { ok: false, error: 'gone', status: 410 };
        if (group.participants.includes(account)) return { ok: false, error: 'conflict', status: 409 };
        group.addRequests.delete(account);
        group.participants = [...group.participants, account];
        this.sim._log('group-joined', { id: group.id, number: account, via: 'invite-v4' });
        this._groupNote(group, admin, 'add', [account]);
        return { ok: true, group: this._groupWire(group) };
    },

    // { group } -> { ok, group }: the group as the server has it now.
    _groupMetadata(sock, msg) {
        const { group } = groupOf(this, sock, msg.group);
        if (!group) return { ok: false, error: 'item-not-found', status: 404 };
        return { ok: true, group: this._groupWire(group) };
    },
};
