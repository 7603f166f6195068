'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, administering groups on the simulator: it shows the
// simulated page models the internals whatsapp-web.js uses for that (WAWebModifyParticipantsGroupAction
// promote/demote, WAWebGroupModifyInfoJob, WAWebSetPropertyGroupAction, the ProfilePicThumb
// collection with WAWebContactProfilePicThumbBridge, WAWebGroupQueryJob resetGroupInviteCode and
// queryGroupInvite, the membership-request store and RPC, WAWebFindCommonGroupsContactAction,
// private invites through WAWebChatSendMessages) the way WhatsApp Web does. Each effect is checked
// at the server (GET /_sim/groups/<id>), and the changes others make through the control API reach
// whatsapp-web.js as its group_update and group_admin_changed events.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

const ME = '15550100001@c.us';
const A = '15557800001@c.us';
const B = '15557800002@c.us';
const C = '15557800003@c.us';
const D = '15557800004@c.us';
const INVITES_ONLY = '15557800009@c.us';
const NOBODY = '15557800099@c.us';
const digits = (id) => id.split('@')[0];
// A 1x1 PNG: whatsapp-web.js draws it on a canvas to make the JPEG thumbnail and picture.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function control(sim, method, path, body) {
    const res = await fetch(`${sim.httpUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
}

test('whatsapp-web.js administers groups: admins, info, settings, picture, invites, requests, common groups', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    sim.addContacts([{ number: digits(A), name: 'Ann' }, { number: digits(B), name: 'Bob' }, { number: digits(INVITES_ONLY), name: 'Ivy', invitesOnly: true }]);
    const lid = (id) => `${sim.account._lidOf(digits(id))}@lid`;
    const recipients = (n) => n.recipientIds.map((r) => (typeof r === 'string' ? r : r._serialized));
    const server = async (gid) => {
        const { status, body } = await control(sim, 'GET', `/_sim/groups/${gid}`);
        assert.equal(status, 200);
        return body;
    };
    const member = async (gid, id) => (await server(gid)).participants.find((p) => p.id === id);

    const { gid: { _serialized: gid } } = await client.createGroup('Admins', [A, B]);
    const chat = await client.getChatById(gid);
    assert.deepEqual(await member(gid, ME), { id: ME, lid: lid(ME), isAdmin: true, isSuperAdmin: true });

    await t.test('promoteParticipants / demoteParticipants: the server has the admin; group_admin_changed', async () => {
        const promoted = waitFor(client, 'group_admin_changed', 30000, (n) => n.chatId === gid && n.type === 'promote');
        assert.deepEqual(await chat.promoteParticipants([A]), { status: 200 });
        assert.equal((await member(gid, A)).isAdmin, true);
        const note = await promoted;
        assert.deepEqual([note.author, recipients(note)], [lid(ME), [lid(A)]]);

        const demoted = waitFor(client, 'group_admin_changed', 30000, (n) => n.chatId === gid && n.type === 'demote');
        assert.deepEqual(await chat.demoteParticipants([A]), { status: 200 });
        assert.equal((await member(gid, A)).isAdmin, false);
        assert.deepEqual(recipients(await demoted), [lid(A)]);
    });

    await t.test('promoting someone who is not a participant: whatsapp-web.js drops the id and answers 200; nothing changes', async () => {
        const before = await server(gid);
        assert.deepEqual(await chat.promoteParticipants([NOBODY]), { status: 200 });
        assert.deepEqual(await server(gid), before);
        assert.equal(sim.events.some((e) => e.type === 'group-promoted' && e.numbers.includes(digits(NOBODY))), false);
    });

    await t.test('setSubject / setDescription: the server has them; group_update with the text', async () => {
        const subject = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'subject');
        assert.equal(await chat.setSubject('Admins 2'), true);
        assert.equal((await server(gid)).subject, 'Admins 2');
        assert.equal((await subject).body, 'Admins 2');

        assert.equal(await chat.setDescription('What we do'), true);
        assert.equal((await server(gid)).description, 'What we do');
        assert.equal((await client.getChatById(gid)).description, 'What we do');
    });

    await t.test('setMessagesAdminsOnly / setInfoAdminsOnly / setAddMembersAdminsOnly: the settings at the server', async () => {
        const announced = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'announce');
        assert.equal(await chat.setMessagesAdminsOnly(), true);
        assert.equal(await chat.setInfoAdminsOnly(), true);
        assert.equal(await chat.setAddMembersAdminsOnly(), true);
        assert.deepEqual((await server(gid)).settings, { announce: true, restrict: true, memberAddMode: 'admin_add', membershipApproval: false });
        await announced;
        const reread = await client.getChatById(gid);
        assert.deepEqual([reread.groupMetadata.announce, reread.groupMetadata.restrict, reread.groupMetadata.memberAddMode], [true, true, 'admin_add']);

        assert.equal(await chat.setMessagesAdminsOnly(false), true);
        assert.equal(await chat.setInfoAdminsOnly(false), true);
        assert.equal(await chat.setAddMembersAdminsOnly(false), true);
        assert.deepEqual((await server(gid)).settings, { announce: false, restrict: false, memberAddMode: 'all_member_add', membershipApproval: false });
    });

    await t.test('setPicture / deletePicture: the server has the picture, then none', async () => {
        const pictured = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'picture');
        assert.equal(await chat.setPicture(new MessageMedia('image/png', PNG, 'dot.png')), true);
        const { picture } = await server(gid);
        // whatsapp-web.js sends a 640 px JPEG (Injected/Utils.js:1339-1343).
        assert.equal(picture.mimetype, 'image/jpeg');
        assert.ok(picture.size > 0);
        await pictured;
        assert.equal(await chat.deletePicture(), true);
        assert.equal((await server(gid)).picture, null);
    });

    await t.test('revokeInvite / getInviteInfo: a new code; the old one is gone (410), the new one shows the group', async () => {
        const old = await chat.getInviteCode();
        const code = await chat.revokeInvite();
        assert.equal(typeof code, 'string');
        assert.notEqual(code, old);
        assert.equal((await server(gid)).inviteCode, code);
        const info = await client.getInviteInfo(code);
        assert.equal(info.id._serialized, gid);
        assert.equal(info.subject, 'Admins 2');
        assert.equal(info.participants.length, 3);
        await assert.rejects(client.getInviteInfo(old), /410/);
    });

    await t.test('membership requests: group_membership_request, getGroupMembershipRequests, approve, reject', async () => {
        assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/request`, { from: digits(C) })).status, 409, 'approval is off');
        assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/settings`, { by: digits(ME), membershipApproval: true })).status, 200);
        const asked = waitFor(client, 'group_membership_request', 30000, (n) => n.chatId === gid);
        assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/request`, { from: digits(C) })).status, 200);
        assert.equal((await asked).author, lid(C));
        assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/request`, { from: digits(D) })).status, 200);
        assert.deepEqual((await server(gid)).pendingRequests.map((r) => r.id), [C, D]);

        const requests = await chat.getGroupMembershipRequests();
        assert.deepEqual(requests.map((r) => [r.id._serialized, r.requestMethod]), [[lid(C), 'InviteLink'], [lid(D), 'InviteLink']]);

        const joined = waitFor(client, 'group_join', 30000, (n) => n.chatId === gid && recipients(n).includes(lid(C)));
        assert.deepEqual(await chat.approveGroupMembershipRequests({ requesterIds: [C], sleep: null }), [{ requesterId: C, message: 'Approved successfully' }]);
        await joined;
        assert.ok((await member(gid, C)));
        // Without ids: every request the page knows (by LID), here D's.
        assert.deepEqual(await chat.rejectGroupMembershipRequests({ sleep: null }), [{ requesterId: lid(D), message: 'Rejected successfully' }]);
        assert.equal(await member(gid, D), undefined);
        assert.deepEqual((await server(gid)).pendingRequests, []);
        // Someone who never asked: whatsapp-web.js's 404.
        assert.deepEqual(await chat.approveGroupMembershipRequests({ requesterIds: NOBODY, sleep: null }), [{ requesterId: NOBODY, error: 404, message: 'ParticipantRequestNotFoundError' }]);
    });

    await t.test('getCommonGroups: the groups the account shares with the contact', async () => {
        const ids = (await client.getCommonGroups(A)).map((id) => id._serialized);
        assert.deepEqual(ids, [gid]);
        assert.deepEqual(await client.getCommonGroups(NOBODY), []);
    });

    await t.test('addParticipants of someone who accepts only invites: 403 and a private invite (groups_v4_invite)', async () => {
        const result = await chat.addParticipants([INVITES_ONLY], { comment: 'Join us', sleep: null });
        assert.deepEqual(result[INVITES_ONLY], { code: 403, message: 'The participant can be added by sending private invitation only', isInviteV4Sent: true });
        assert.equal(await member(gid, INVITES_ONLY), undefined);
        const [invite] = (await control(sim, 'GET', `/_sim/peer/inbox?peer=${digits(INVITES_ONLY)}`)).body.messages;
        assert.equal(invite.type, 'groups_v4_invite');
        assert.equal(invite.body, 'Join us');
        assert.equal(invite.invite.groupId, gid);
        assert.equal(invite.invite.groupName, 'Admins 2');
        assert.match(invite.invite.inviteCode, /^[\w-]{22}$/);
        // createGroup sends one too (Client.js:2389-2411).
        const created = await client.createGroup('Private', [INVITES_ONLY], { comment: 'Come' });
        assert.deepEqual(created.participants[INVITES_ONLY], { statusCode: 403, message: 'The participant can be added by sending private invitation only', isGroupCreator: false, isInviteV4Sent: true });
    });

    await t.test("another's group: a non-admin is refused; others' changes are group_update and group_admin_changed", async () => {
        const { id: theirs } = sim.createGroup({ subject: 'Theirs', participants: [digits(A), digits(B)] });
        await waitFor(client, 'group_join', 30000, (n) => n.chatId === theirs);
        const their = await client.getChatById(theirs);
        // Not an admin: promoting is refused by the server (whatsapp-web.js passes the rejection on),
        // the settings answer false, a new invite code is refused.
        await assert.rejects(their.promoteParticipants([B]), /ServerStatusCodeError|401/);
        assert.equal(await their.setMessagesAdminsOnly(), false);
        await assert.rejects(their.revokeInvite(), /401/);
        assert.equal((await member(theirs, B)).isAdmin, false);
        assert.deepEqual((await server(theirs)).settings.announce, false);

        const change = async (what, body, event, type) => {
            const seen = waitFor(client, event, 30000, (n) => n.chatId === theirs && n.type === type);
            const res = await control(sim, 'POST', `/_sim/groups/${theirs}/${what}`, { by: digits(A), ...body });
            assert.equal(res.status, 200, JSON.stringify(res.body));
            const note = await seen;
            assert.equal(note.author, lid(A));
            return note;
        };
        assert.equal((await change('subject', { subject: 'Renamed' }, 'group_update', 'subject')).body, 'Renamed');
        assert.equal((await change('description', { description: 'About' }, 'group_update', 'description')).body, 'About');
        await change('picture', { picture: { mimetype: 'image/png', data: PNG } }, 'group_update', 'picture');
        await change('settings', { announce: true }, 'group_update', 'announce');
        await change('settings', { restrict: true }, 'group_update', 'restrict');
        const reread = await client.getChatById(theirs);
        assert.deepEqual([reread.name, reread.description, reread.groupMetadata.announce, reread.groupMetadata.restrict], ['Renamed', 'About', true, true]);
        // Restricted: only admins edit the info; B is none.
        assert.equal((await control(sim, 'POST', `/_sim/groups/${theirs}/subject`, { by: digits(B), subject: 'Mine' })).status, 403);
        assert.equal(await their.setSubject('Mine'), false);

        const promoted = await change('promote', { participants: [digits(ME)] }, 'group_admin_changed', 'promote');
        assert.deepEqual(recipients(promoted), [lid(ME)]);
        // Now an admin: the account may promote and edit the info.
        assert.deepEqual(await their.promoteParticipants([B]), { status: 200 });
        assert.equal((await member(theirs, B)).isAdmin, true);
        assert.equal(await their.setSubject('Ours'), true);
        assert.equal((await server(theirs)).subject, 'Ours');
        const demoted = await change('demote', { participants: [digits(ME)] }, 'group_admin_changed', 'demote');
        assert.deepEqual(recipients(demoted), [lid(ME)]);
        assert.equal((await member(theirs, ME)).isAdmin, false);
    });
});
