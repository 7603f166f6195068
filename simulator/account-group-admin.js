'use strict';
// Group administration in the account world (methods of AccountWorld, see account.js): admins,
// the subject, the description, the settings, the picture, invite codes, requests to join, common
// groups and private invites. What the account does from the page arrives as page messages
// (answered with `account_reply`; the page side is page/account-group-admin.js); what others do
// arrives through the control API (`/_sim/groups/<id>/...`, `sim.group.*`).
//
// Facts modelled (whatsapp-web.js main 2dc9466, whatsmeow group.go, wa-js; README.md says which):
// - The owner (superadmin) and the admins it made may promote, demote, change the settings and
//   reset the invite code; others are refused (401, the status the existing group actions use).
// - The subject, the description and the picture may be changed by any participant unless the
//   group is `restrict`ed (whatsapp-web.js: "only allow admins to edit group info (title,
//   description, photo)", GroupChat.js:513-514).
// - Each change is a gp2 notification in the group, with the subtypes whatsapp-web.js turns into
//   `group_update` (subject, description, picture, announce, restrict) and `group_admin_changed`
//   (promote, demote) (Client.js:589-645, Constants.js:131-143), and `membership_approval_request`
//   (group_membership_request) when someone asks to join.
// - A participant who accepts only invites is not added (403) and comes with a private invite
//   code (whatsmeow parseParticipant: `error` and `add_request` with `code` and `expiration`).
// - A revoked invite code answers 410 (whatsmeow GetGroupInfoFromLink/JoinGroupWithLink: Gone is
//   "revoked"); one that never existed 404, as joining by it already did.

const crypto = require('crypto');
const { httpError, parseNumber, optionalString, phoneMessageId } = require('./account-util');

// How long a private invite (add request) stays valid: the simulator's choice (3 days).
const ADD_REQUEST_TTL_S = 3 * 24 * 3600;
const MEMBER_ADD_MODES = ['admin_add', 'all_member_add'];
const newInviteCode = () => crypto.randomBytes(16).toString('base64url').slice(0, 22);

const accountOf = (sock) => sock.sessionWid && sock.sessionWid.split('@')[0];
const refuse = (status, error) => ({ ok: false, status, error });

module.exports = {
    // The administration fields of a new group (account-groups.js _newGroup).
    _newGroupAdmin(owner) {
        return {
            admins: new Set([owner]),
            announce: false,
            restrict: false,
            // Whether new groups let every member add others is not known; this is the simulator's default.
            memberAddMode: 'all_member_add',
            membershipApproval: false,
            descId: null,
            picture: null,
            revokedCodes: new Set(),
            // Requests to join (membership approval): [{ number, t, method }].
            pendingRequests: [],
            // Private invites sent for it: number -> { code, expiration }.
            addRequests: new Map(),
        };
    },

    // The settings whatsapp-web.js passes to WAWebGroupCreateJob.createGroup (Client.js:2356-2372).
    _createSettings(group, settings) {
        if (!settings || typeof settings !== 'object') return;
        group.announce = settings.announce === true;
        group.restrict = settings.restrict === true;
        group.memberAddMode = settings.memberAddMode === true ? 'admin_add' : 'all_member_add';
        group.membershipApproval = settings.membershipApprovalMode === true;
    },

    // What the page gets of a group's administration, with the rest of _groupWire.
    _groupAdminWire(g) {
        const admin = g.admins.has(g.account);
        return {
            announce: g.announce,
            restrict: g.restrict,
            memberAddMode: g.memberAddMode,
            membershipApprovalMode: g.membershipApproval,
            descId: g.descId,
            picture: g.picture ? { id: g.picture.id, directPath: g.picture.directPath } : null,
            // Only admins see who asked to join.
            pendingRequests: admin ? g.pendingRequests.map((r) => ({ id: this._userWid(r.number, g.id), addedBy: this._userWid(r.number, g.id), t: r.t, method: r.method })) : [],
        };
    },

    _invitesOnly(number) {
        const c = this.contacts.get(number);
        return Boolean(c && c.invitesOnly);
    },

    // A private invite for someone who accepts only invites: { inviteCode, inviteCodeExp }.
    _addRequest(group, number, admin = null, expiration = Math.floor(Date.now() / 1000) + ADD_REQUEST_TTL_S) {
        const request = { code: newInviteCode(), expiration, admin };
        group.addRequests.set(number, request);
        return { inviteCode: request.code, inviteCodeExp: request.expiration };
    },

    // The group an invite code names: { group } or { refused } (404 unknown, 410 revoked).
    _groupByCode(account, code) {
        const mine = [...this.groups.values()].filter((g) => g.account === account && typeof code === 'string');
        const group = mine.find((g) => g.inviteCode === code);
        if (group) return { group };
        if (mine.some((g) => g.revokedCodes.has(code))) return { refused: refuse(410, 'gone') };
        return { refused: refuse(404, 'item-not-found') };
    },

    // ---- what the account does from the page -------------------------------------------------

    // Returns false for a page message that is not a group-administration action.
    _onGroupAdminAction(sock, msg) {
        const handler = {
            group_promote: this._pagePromote,
            group_demote: this._pagePromote,
            group_subject: this._pageInfo,
            group_description: this._pageInfo,
            group_picture: this._pageInfo,
            group_property: this._pageProperty,
            group_invite_reset: this._pageInviteReset,
            group_invite_info: this._pageInviteInfo,
            group_requests_action: this._pageRequestsAction,
            group_common: this._pageCommonGroups,
            group_invite_message: this._pageInviteMessage,
        }[msg.type];
        if (!handler) return false;
        this._answer(sock, msg, handler.call(this, sock, msg));
        return true;
    },

    // The account's group, if it is in it: { group, account } or { refused }.
    _myGroup(sock, id) {
        const account = accountOf(sock);
        const group = this.groups.get(String(id));
        if (!account || !group || group.account !== account || !group.participants.includes(account)) return { refused: refuse(404, 'item-not-found') };
        return { group, account };
    },

    // { group, participants: [user jids] } -> { ok, results: [{ number, code }] }
    _pagePromote(sock, msg) {
        const { group, account, refused } = this._myGroup(sock, msg.group);
        if (refused) return refused;
        const numbers = this._jidsToNumbers(msg.participants);
        if (!numbers) return refuse(400, 'bad-request');
        try {
            return { ok: true, results: this._changeAdmins(group, account, numbers, msg.type === 'group_promote' ? 'promote' : 'demote') };
        } catch (err) {
            return refuse(err.status, err.message);
        }
    },

    // { group, subject } | { group, description, id, prev } | { group, picture: {data}|null }
    _pageInfo(sock, msg) {
        const { group, account, refused } = this._myGroup(sock, msg.group);
        if (refused) return refused;
        try {
            if (msg.type === 'group_subject') this._setSubject(group, account, msg.subject);
            else if (msg.type === 'group_description') this._setDescription(group, account, msg.description, msg.id);
            else this._setPicture(group, account, msg.picture);
            return { ok: true, ...(msg.type === 'group_picture' ? { pictureId: group.picture ? group.picture.id : null } : {}) };
        } catch (err) {
            return refuse(err.status, err.message);
        }
    },

    // { group, property: 'announcement'|'restrict'|'member_add_mode', value: 0|1 }
    _pageProperty(sock, msg) {
        const { group, account, refused } = this._myGroup(sock, msg.group);
        if (refused) return refused;
        const on = msg.value === 1;
        const settings = { announcement: { announce: on }, restrict: { restrict: on }, member_add_mode: { memberAddMode: on ? 'all_member_add' : 'admin_add' } }[msg.property];
        if (!settings || (msg.value !== 0 && msg.value !== 1)) return refuse(400, 'bad-request');
        try {
            this._setSettings(group, account, settings);
            return { ok: true };
        } catch (err) {
            return refuse(err.status, err.message);
        }
    },

    // { group } -> { ok, code }: a new invite code; the old one is revoked.
    _pageInviteReset(sock, msg) {
        const { group, account, refused } = this._myGroup(sock, msg.group);
        if (refused) return refused;
        if (!group.admins.has(account)) return refuse(401, 'not-authorized');
        group.revokedCodes.add(group.inviteCode);
        group.inviteCode = newInviteCode();
        this.sim._log('group-invite-reset', { id: group.id });
        return { ok: true, code: group.inviteCode };
    },

    // { code } -> { ok, info }: what an invite link shows of its group, to anyone.
    _pageInviteInfo(sock, msg) {
        const { group, refused } = this._groupByCode(accountOf(sock), msg.code);
        if (refused) return refused;
        const wire = this._groupWire(group);
        return { ok: true, info: { ...wire, size: group.participants.length, pendingRequests: undefined, picture: undefined } };
    },

    // { group, action: 'approve'|'reject', participants: [user jids] } -> { ok, results: [{ jid, error? }] }
    _pageRequestsAction(sock, msg) {
        const { group, account, refused } = this._myGroup(sock, msg.group);
        if (refused) return refused;
        if (!group.admins.has(account)) return refuse(401, 'not-authorized');
        if (!['approve', 'reject'].includes(msg.action) || !Array.isArray(msg.participants) || msg.participants.length > 1024) return refuse(400, 'bad-request');
        const approved = [];
        const results = msg.participants.map((jid) => {
            const number = this._numberOfJid(jid);
            const request = number && group.pendingRequests.find((r) => r.number === number);
            // whatsapp-web.js's table: 404 ParticipantRequestNotFoundError (Injected/Utils.js:1541-1550).
            if (!request) return { jid: String(jid), error: 404 };
            group.pendingRequests = group.pendingRequests.filter((r) => r !== request);
            if (msg.action === 'approve' && !group.participants.includes(number)) {
                group.participants = [...group.participants, number];
                approved.push(number);
            }
            return { jid: String(jid) };
        });
        this.sim._log('group-requests-action', { id: group.id, action: msg.action, results });
        if (!approved.length) this._pushGroup(group);
        // Approved: they join, announced as an admin adding them (the simulator's reading).
        if (approved.length) this._groupNote(group, account, 'add', approved);
        return { ok: true, results };
    },

    // { user } -> { ok, groups: [ids] }: the account's groups that person is in too.
    _pageCommonGroups(sock, msg) {
        const account = accountOf(sock);
        const number = this._numberOfJid(msg.user);
        const groups = [...this.groups.values()].filter((g) => g.account === account && number && g.participants.includes(account) && g.participants.includes(number));
        return { ok: true, groups: groups.map((g) => g.id) };
    },

    // { to: user jid, id, group, groupName, code, expiration, comment } -> { ok, key }: a private
    // invite (groups_v4_invite) to someone who accepts only invites.
    _pageInviteMessage(sock, msg) {
        const account = accountOf(sock);
        const peer = this._numberOfJid(msg.to);
        const group = this.groups.get(String(msg.group));
        if (!account || !peer || !group || group.account !== account) return refuse(404, 'item-not-found');
        const request = group.addRequests.get(peer);
        if (!request || request.code !== msg.code) return refuse(400, 'bad-request');
        if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse(400, 'bad-id');
        const comment = typeof msg.comment === 'string' ? msg.comment.slice(0, 1000) : '';
        const stored = this._store({ account, peer, fromMe: true, id: msg.id, body: comment, quoted: null, mentions: [], ack: 1, type: 'groups_v4_invite' });
        stored.invite = { groupId: group.id, groupName: String(msg.groupName || group.subject), inviteCode: request.code, inviteCodeExp: request.expiration };
        stored.deliveredTo.add(sock.token);
        this.sim._log('group-invite-sent', { key: stored.key, id: group.id, to: `${peer}@c.us` });
        if (!this.unregistered.has(peer)) this._setAck(stored, 2);
        return { ok: true, key: stored.key, t: stored.t };
    },

    // `<digits>@s.whatsapp.net`, `<digits>@c.us` or `<lid>@lid` -> the phone number, or null.
    _numberOfJid(jid) {
        const text = String(jid || '').replace(/@s\.whatsapp\.net$/, '@c.us');
        return this._numberOfUser(text);
    },

    _jidsToNumbers(list) {
        if (!Array.isArray(list) || list.length === 0 || list.length > 1024) return null;
        const numbers = list.map((j) => this._numberOfJid(j));
        return numbers.every(Boolean) ? [...new Set(numbers)] : null;
    },

    // ---- the changes, by the account or by others ----------------------------------------------

    _mustBeAdmin(group, by) {
        if (!group.participants.includes(by)) throw httpError(403, `${by} is not in ${group.id}`);
        if (!group.admins.has(by)) throw httpError(401, `${by} is not an admin of ${group.id}`);
    },

    // Subject, description and picture: admins only in a restricted group.
    _mayEditInfo(group, by) {
        if (!group.participants.includes(by)) throw httpError(403, `${by} is not in ${group.id}`);
        if (group.restrict && !group.admins.has(by)) throw httpError(401, `${group.id} lets only admins edit its info`);
    },

    // -> [{ number, code }]: 200 changed or already so, 404 not a participant, 403 the owner
    // (its superadmin rights stay: the simulator's choice).
    _changeAdmins(group, by, numbers, action) {
        this._mustBeAdmin(group, by);
        const changed = [];
        const results = numbers.map((number) => {
            if (!group.participants.includes(number)) return { number, code: 404 };
            if (action === 'demote' && number === group.owner) return { number, code: 403 };
            if (group.admins.has(number) !== (action === 'promote')) {
                if (action === 'promote') group.admins.add(number);
                else group.admins.delete(number);
                changed.push(number);
            }
            return { number, code: 200 };
        });
        if (changed.length) {
            this.sim._log(`group-${action}d`, { id: group.id, by, numbers: changed });
            this._groupNote(group, by, action, changed);
        }
        return results;
    },

    _setSubject(group, by, subjectIn) {
        this._mayEditInfo(group, by);
        const subject = typeof subjectIn === 'string' ? subjectIn.trim() : '';
        if (!subject || subject.length > 100) throw httpError(400, 'subject must be a non-empty string of at most 100 characters');
        group.subject = subject;
        this.sim._log('group-subject', { id: group.id, by, subject });
        this._groupNote(group, by, 'subject', [], subject);
    },

    _setDescription(group, by, descriptionIn, id) {
        this._mayEditInfo(group, by);
        const description = optionalString(descriptionIn, 'description', 2048) ?? '';
        group.description = description || null;
        group.descId = typeof id === 'string' && id ? id.slice(0, 64) : crypto.randomBytes(8).toString('hex').toUpperCase();
        this.sim._log('group-description', { id: group.id, by, description });
        this._groupNote(group, by, 'description', [], description);
    },

    // picture: { mimetype, data (base64) } or null to delete it.
    _setPicture(group, by, picture) {
        this._mayEditInfo(group, by);
        if (picture === null || picture === undefined) {
            if (!group.picture) throw httpError(404, `${group.id} has no picture`);
            group.picture = null;
        } else {
            if (typeof picture !== 'object' || !/^image\/(jpeg|png)$/.test(picture.mimetype)) throw httpError(400, 'picture must be {"mimetype": "image/jpeg", "data": "<base64>"} or null');
            const file = this._upload(picture);
            group.picture = { id: String(crypto.randomInt(1e9, 1e10)), directPath: file.directPath, mimetype: file.mimetype, size: file.size };
        }
        this.sim._log('group-picture', { id: group.id, by, picture: group.picture ? group.picture.id : null });
        this._groupNote(group, by, 'picture', []);
    },

    // settings: { announce?, restrict?, memberAddMode?, membershipApproval? }. gp2 notifications for
    // announce and restrict; what the real page shows for the other two is not known: none here.
    _setSettings(group, by, settings) {
        this._mustBeAdmin(group, by);
        const changes = {};
        for (const key of ['announce', 'restrict', 'membershipApproval']) {
            if (settings[key] === undefined) continue;
            if (typeof settings[key] !== 'boolean') throw httpError(400, `${key} must be true or false`);
            changes[key] = settings[key];
        }
        if (settings.memberAddMode !== undefined) {
            if (!MEMBER_ADD_MODES.includes(settings.memberAddMode)) throw httpError(400, `memberAddMode must be one of ${MEMBER_ADD_MODES.join(', ')}`);
            changes.memberAddMode = settings.memberAddMode;
        }
        for (const [key, value] of Object.entries(changes)) {
            if (group[key] === value) continue;
            group[key] = value;
            this.sim._log('group-setting', { id: group.id, by, setting: key, value });
            if (key === 'announce' || key === 'restrict') this._groupNote(group, by, key, [], value ? 'on' : 'off');
            // The other two reach the devices as a change of the group without a chat message
            // (whatsmeow parseGroupChange reads membership_approval_mode, group.go:989; for
            // member_add_mode it has no case, so how the real server tells it is not known).
            else this._pushGroup(group);
            // Pending requests are let in when approval is turned off (the simulator's choice).
            if (key === 'membershipApproval' && !value) group.pendingRequests = [];
        }
    },

    // The group as it is now to the account's pages, without a notification.
    _pushGroup(group) {
        for (const sock of this._connectedSockets(group.account)) this.sim._send(sock, { type: 'group', group: this._groupWire(group) });
    },

    // ---- the control API -----------------------------------------------------------------------

    // GET /_sim/groups/<id>
    // POST /_sim/peer/group-invite {from, group, comment?, expiration?}: an admin of a group the
    // account is not in sends the account a private invite (groups_v4_invite), as WhatsApp does
    // after the account refused to be added directly. `expiration` (Unix seconds; default 3 days
    // on) may be in the past, for an expired invite. -> { ok, id, inviteCode, inviteCodeExp }
    peerGroupInvite(spec = {}) {
        const from = parseNumber(spec.from, 'from');
        const group = this.groups.get(String(spec.group));
        if (!group) throw httpError(404, `no group ${JSON.stringify(spec.group)}`);
        const account = group.account;
        if (!group.admins.has(from) || !group.participants.includes(from)) throw httpError(403, `${from} is not an admin of ${group.id}`);
        if (group.participants.includes(account)) throw httpError(409, `the account ${account} is in ${group.id} already`);
        const comment = optionalString(spec.comment, 'comment', 1000) ?? '';
        if (spec.expiration !== undefined && !(Number.isSafeInteger(spec.expiration) && spec.expiration > 0)) throw httpError(400, 'expiration must be a Unix time in seconds');
        const { inviteCode, inviteCodeExp } = this._addRequest(group, account, from, spec.expiration);
        const stored = this._store({ account, peer: from, fromMe: false, id: phoneMessageId(), body: comment, quoted: null, mentions: [], ack: 0, type: 'groups_v4_invite' });
        stored.invite = { groupId: group.id, groupName: group.subject, inviteCode, inviteCodeExp };
        this.sim._log('group-invite-received', { key: stored.key, id: group.id, from: `${from}@c.us` });
        this._pushToPages(account, stored);
        return { ok: true, id: stored.key, inviteCode, inviteCodeExp };
    },

    groupInfo(id) {
        const group = this._groupOrThrow(id);
        return {
            id: group.id,
            subject: group.subject,
            description: group.description,
            owner: `${group.owner}@c.us`,
            participants: group.participants.map((p) => ({ id: `${p}@c.us`, lid: `${this._lidOf(p)}@lid`, isAdmin: group.admins.has(p), isSuperAdmin: p === group.owner })),
            settings: { announce: group.announce, restrict: group.restrict, memberAddMode: group.memberAddMode, membershipApproval: group.membershipApproval },
            inviteCode: group.inviteCode,
            picture: group.picture ? { id: group.picture.id, mimetype: group.picture.mimetype, size: group.picture.size, url: `/_media${group.picture.directPath}` } : null,
            pendingRequests: group.pendingRequests.map((r) => ({ id: `${r.number}@c.us`, t: r.t, method: r.method })),
        };
    },

    _groupOrThrow(id) {
        const group = this.groups.get(String(id));
        if (!group) throw httpError(404, `no group ${JSON.stringify(id)}`);
        return group;
    },

    // POST /_sim/groups/<id>/request {from}: someone asks to join a group that needs approval.
    groupRequest(id, spec = {}) {
        const group = this._groupOrThrow(id);
        const from = parseNumber(spec && spec.from, 'from');
        if (group.participants.includes(from)) throw httpError(409, `${from} is in ${group.id} already`);
        if (!group.membershipApproval) throw httpError(409, `${group.id} does not ask for approval: turn membershipApproval on first`);
        if (group.pendingRequests.some((r) => r.number === from)) throw httpError(409, `${from} asked already`);
        group.pendingRequests.push({ number: from, t: Math.floor(Date.now() / 1000), method: 'InviteLink' });
        this.sim._log('group-request', { id: group.id, from });
        // The admins' devices hear of it (group_membership_request); others do not.
        if (group.admins.has(group.account) && group.participants.includes(group.account)) this._groupNote(group, from, 'membership_approval_request', []);
        return { ok: true };
    },

    // POST /_sim/groups/<id>/<change> {by, ...}: a participant (not the account's page) changes it.
    groupChange(id, change, spec = {}) {
        const group = this._groupOrThrow(id);
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"by": "<digits>", ...}');
        const by = parseNumber(spec.by, 'by');
        const asOthers = (err) => {
            // Over HTTP a refusal of the group's rules is a 403.
            throw err.status === 401 ? httpError(403, err.message) : err;
        };
        try {
            if (change === 'subject') this._setSubject(group, by, spec.subject);
            else if (change === 'description') this._setDescription(group, by, spec.description, null);
            else if (change === 'picture') this._setPicture(group, by, spec.picture);
            else if (change === 'settings') this._setSettings(group, by, spec);
            else if (change === 'promote' || change === 'demote') {
                if (!Array.isArray(spec.participants) || spec.participants.length === 0) throw httpError(400, 'participants must be a non-empty list of numbers');
                return { ok: true, results: this._changeAdmins(group, by, [...new Set(spec.participants.map((p) => parseNumber(p, 'participants[]')))], change) };
            } else throw httpError(404, `unknown group change ${JSON.stringify(change)}`);
        } catch (err) {
            asOthers(err);
        }
        return { ok: true };
    },

    // Answers GET /_sim/groups/<id> and POST /_sim/groups/<id>/<what>; false for other routes.
    async _groupAdminControl(route, url, readJson, reply) {
        if (route === 'POST /_sim/peer/group-invite') return reply(200, this.peerGroupInvite(await readJson()));
        const m = /^(GET|POST) \/_sim\/groups\/([^/]+(?:@|%40)g\.us)(?:\/([a-z]+))?$/i.exec(route);
        if (!m) return false;
        const [, method, rawId, what] = m;
        const id = decodeURIComponent(rawId);
        if (method === 'GET' && !what) return reply(200, this.groupInfo(id));
        if (method !== 'POST' || !what) return false;
        const body = await readJson();
        if (what === 'request') return reply(200, this.groupRequest(id, body));
        return reply(200, this.groupChange(id, what, body));
    },
};

// Listed by control-api.js; not a method (non-enumerable, so Object.assign leaves it out).
Object.defineProperty(module.exports, 'ROUTES', { value: [
    'GET /_sim/groups/<id>',
    'POST /_sim/peer/group-invite {from, group, comment?, expiration?}',
    'POST /_sim/groups/<id>/request {from}',
    'POST /_sim/groups/<id>/subject {by, subject}',
    'POST /_sim/groups/<id>/description {by, description}',
    'POST /_sim/groups/<id>/picture {by, picture: {mimetype, data}|null}',
    'POST /_sim/groups/<id>/settings {by, announce?, restrict?, memberAddMode?, membershipApproval?}',
    'POST /_sim/groups/<id>/promote {by, participants: [digits]}',
    'POST /_sim/groups/<id>/demote {by, participants: [digits]}',
] });
