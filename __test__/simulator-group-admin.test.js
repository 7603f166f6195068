'use strict';
// Group administration at the simulator's level: the control API (GET /_sim/groups/<id>, the
// changes others make, requests to join) with its refusals, and the argument checks of the page
// functions whatsapp-web.js calls for it (simulator/page/account-group-admin.js).

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { sim, profile, browser, waitState, waitSynced, qrOf, httpJson } = require('./sim-harness');

const ME = '15550100001';
const A = '15557900001';
const B = '15557900002';

// A simulator and a page the phone logged in, both stopped when the test ends.
async function loggedIn(t) {
    const s = await sim(t, { syncStepMs: 20 });
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    assert.equal((await s.phone.scan(await qrOf(page))).ok, true);
    await waitSynced(page);
    return { s, page };
}

test('control API: a group as the server has it, what others change, requests to join; refusals', async (t) => {
    const { s, page } = await loggedIn(t);
    const api = (method, path, body) => httpJson(method, `${s.httpUrl.replace(/\/$/, '')}${path}`, body);

    const { id } = s.createGroup({ subject: 'Club', participants: [A, B] });
    const lid = (n) => `${s.account._lidOf(n)}@lid`;
    const got = await api('GET', `/_sim/groups/${id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, {
        id,
        subject: 'Club',
        description: null,
        owner: `${A}@c.us`,
        participants: [
            { id: `${A}@c.us`, lid: lid(A), isAdmin: true, isSuperAdmin: true },
            { id: `${B}@c.us`, lid: lid(B), isAdmin: false, isSuperAdmin: false },
            { id: `${ME}@c.us`, lid: lid(ME), isAdmin: false, isSuperAdmin: false },
        ],
        settings: { announce: false, restrict: false, memberAddMode: 'all_member_add', membershipApproval: false },
        inviteCode: s.account.groups.get(id).inviteCode,
        picture: null,
        pendingRequests: [],
    });
    // The same from Node, and the id percent-encoded.
    assert.deepEqual(s.group.get(id), got.body);
    assert.deepEqual((await api('GET', `/_sim/groups/${encodeURIComponent(id)}`)).body, got.body);

    // Refusals: no such group 404, not a participant 403, not an admin 403, bad values 400.
    assert.equal((await api('GET', '/_sim/groups/120363000000000000@g.us')).status, 404);
    assert.equal((await api('POST', `/_sim/groups/${id}/subject`, { by: '15557900099', subject: 'X' })).status, 403);
    assert.equal((await api('POST', `/_sim/groups/${id}/promote`, { by: B, participants: [ME] })).status, 403);
    assert.equal((await api('POST', `/_sim/groups/${id}/settings`, { by: B, announce: true })).status, 403);
    assert.equal((await api('POST', `/_sim/groups/${id}/settings`, { by: A, announce: 'yes' })).status, 400);
    assert.equal((await api('POST', `/_sim/groups/${id}/settings`, { by: A, memberAddMode: 'anyone' })).status, 400);
    assert.equal((await api('POST', `/_sim/groups/${id}/subject`, { by: A, subject: '' })).status, 400);
    assert.equal((await api('POST', `/_sim/groups/${id}/picture`, { by: A, picture: { mimetype: 'text/plain', data: 'aGk=' } })).status, 400);
    assert.equal((await api('POST', `/_sim/groups/${id}/picture`, { by: A, picture: null })).status, 404, 'no picture to delete');
    assert.equal((await api('POST', `/_sim/groups/${id}/rename`, { by: A })).status, 404);
    assert.equal((await api('POST', `/_sim/groups/${id}/request`, { from: B })).status, 409, 'a participant asks');
    assert.equal((await api('POST', `/_sim/groups/${id}/request`, { from: '15557900003' })).status, 409, 'approval is off');

    // What others do, and the notifications the account's page gets for it.
    assert.deepEqual((await api('POST', `/_sim/groups/${id}/promote`, { by: A, participants: [B, '15557900099'] })).body, {
        ok: true,
        results: [{ number: B, code: 200 }, { number: '15557900099', code: 404 }],
    });
    assert.equal((await api('POST', `/_sim/groups/${id}/demote`, { by: B, participants: [A] })).body.results[0].code, 403, "the owner's rights stay");
    assert.equal((await api('POST', `/_sim/groups/${id}/subject`, { by: B, subject: 'Club 2' })).status, 200);
    assert.equal((await api('POST', `/_sim/groups/${id}/description`, { by: B, description: 'Hi' })).status, 200);
    assert.equal((await api('POST', `/_sim/groups/${id}/settings`, { by: A, restrict: true, announce: true, memberAddMode: 'admin_add', membershipApproval: true })).status, 200);
    assert.equal((await api('POST', `/_sim/groups/${id}/request`, { from: '15557900003' })).status, 200);
    assert.equal((await api('POST', `/_sim/groups/${id}/request`, { from: '15557900003' })).status, 409, 'asked already');
    // Announcement group: only admins send.
    assert.equal((await api('POST', '/_sim/peer/send', { from: ME, to: id, body: 'may I?' })).status, 403);
    assert.equal((await api('POST', '/_sim/peer/send', { from: A, to: id, body: 'admins only' })).status, 200);
    const after = s.group.get(id);
    assert.deepEqual([after.subject, after.description, after.settings], ['Club 2', 'Hi', { announce: true, restrict: true, memberAddMode: 'admin_add', membershipApproval: true }]);
    assert.deepEqual(after.pendingRequests.map((r) => [r.id, r.method]), [['15557900003@c.us', 'InviteLink']]);
    // The account is no admin: its page hears of the request only as its admins do (not at all here).
    await page.waitForFunction((gid) => window.require('WAWebCollections').Chat.get(gid).msgs.getModelsArray().some((m) => m.subtype === 'restrict'), {}, id);
    const notes = await page.evaluate((gid) => {
        const chat = window.require('WAWebCollections').Chat.get(gid);
        return {
            subtypes: chat.msgs.getModelsArray().filter((m) => m.type === 'gp2').map((m) => [m.subtype, m.body]),
            meta: [chat.groupMetadata.subject, chat.groupMetadata.desc, chat.groupMetadata.announce, chat.groupMetadata.restrict, chat.groupMetadata.memberAddMode, chat.groupMetadata.membershipApprovalMode],
            requests: chat.groupMetadata.membershipApprovalRequests.length,
        };
    }, id);
    assert.deepEqual(notes, {
        subtypes: [['add', ''], ['promote', ''], ['subject', 'Club 2'], ['description', 'Hi'], ['announce', 'on'], ['restrict', 'on']],
        meta: ['Club 2', 'Hi', true, true, 'admin_add', true],
        requests: 0,
    });
});

test('the page functions of group administration refuse what is not theirs', async (t) => {
    const { s, page } = await loggedIn(t);
    const { id } = s.createGroup({ subject: 'Club', participants: [A] });
    await page.waitForFunction((gid) => Boolean(window.require('WAWebCollections').Chat.get(gid)?.groupMetadata), {}, id);
    const seen = await page.evaluate(async (gid, a) => {
        const R = window.require;
        const outcome = async (fn) => {
            try {
                const v = await fn();
                return `ok ${JSON.stringify(v)}`;
            } catch (err) {
                return `${err.name}: ${err.message}`;
            }
        };
        const { createWid } = R('WAWebWidFactory');
        const group = R('WAWebCollections').Chat.get(gid);
        await R('WAWebQueryExistsJob').queryWidExists(createWid(`${a}@c.us`));
        const { chat: user } = await R('WAWebFindChatAction').findOrCreateLatestChat(createWid(`${a}@c.us`));
        const participant = group.groupMetadata.participants.getModelsArray()[0];
        return {
            promoteNotChat: await outcome(() => R('WAWebModifyParticipantsGroupAction').promoteParticipants(group.id, [participant])),
            promoteUserChat: await outcome(() => R('WAWebModifyParticipantsGroupAction').promoteParticipants(user, [participant])),
            promoteWids: await outcome(() => R('WAWebModifyParticipantsGroupAction').demoteParticipants(group, [participant.id])),
            promoteNobody: await outcome(() => R('WAWebModifyParticipantsGroupAction').promoteParticipants(group, [])),
            promoteNotAdmin: await outcome(() => R('WAWebModifyParticipantsGroupAction').promoteParticipants(group, [participant])),
            subjectUser: await outcome(() => R('WAWebGroupModifyInfoJob').setGroupSubject(user.id, 'X')),
            subjectEmpty: await outcome(() => R('WAWebGroupModifyInfoJob').setGroupSubject(group.id, '')),
            propertyUnknown: await outcome(() => R('WAWebSetPropertyGroupAction').setGroupProperty(group, 'ephemeral', 1)),
            propertyValue: await outcome(() => R('WAWebSetPropertyGroupAction').setGroupProperty(group, 'announcement', true)),
            propertyNotAdmin: await outcome(() => R('WAWebSetPropertyGroupAction').setGroupProperty(group, 'announcement', 1)),
            pictureNotDataUrl: await outcome(() => R('WAWebContactProfilePicThumbBridge').sendSetPicture(group.id, 'x', 'y')),
            pictureNone: await outcome(() => R('WAWebContactProfilePicThumbBridge').requestDeletePicture(group.id)),
            thumb: await outcome(async () => {
                const thumb = R('WAWebCollections').ProfilePicThumb.get(gid);
                return [thumb.canSet(), thumb.canDelete(), thumb.img ?? null];
            }),
            resetNotAdmin: await outcome(() => R('WAWebGroupQueryJob').resetGroupInviteCode(group.id)),
            inviteUnknown: await outcome(() => R('WAWebGroupQueryJob').queryGroupInvite('NoSuchCode000000000000')),
            requests: await outcome(() => R('WAWebApiMembershipApprovalRequestStore').getMembershipApprovalRequests(group.id)),
            rpcBoth: await outcome(() => R('WASmaxGroupsMembershipRequestsActionRPC').sendMembershipRequestsActionRPC({ iqTo: gid, approveArgs: { participantArgs: [] }, rejectArgs: { participantArgs: [] } })),
            rpcNotAdmin: await outcome(async () => (await R('WASmaxGroupsMembershipRequestsActionRPC').sendMembershipRequestsActionRPC({ iqTo: gid, approveArgs: { participantArgs: [{ participantJid: `${a}@s.whatsapp.net` }] } })).name),
            jidGroup: await outcome(() => R('WAWebJidToWid').userJidToUserWid(gid)),
            commonNotContact: await outcome(() => R('WAWebFindCommonGroupsContactAction').findCommonGroups(group)),
            inviteToGroup: await outcome(() => R('WAWebChatSendMessages').sendGroupInviteMessage(group, gid, 'Club', 'abc', '0', '', undefined)),
            inviteNoCode: await outcome(() => R('WAWebChatSendMessages').sendGroupInviteMessage(user, gid, 'Club', '', '0', '', undefined)),
            inviteNotRequested: await outcome(() => R('WAWebChatSendMessages').sendGroupInviteMessage(user, gid, 'Club', 'abc', '0', '', undefined)),
        };
    }, id, A);
    assert.deepEqual(seen, {
        promoteNotChat: "TypeError: promoteParticipants: the first argument must be a group's chat model",
        promoteUserChat: "TypeError: promoteParticipants: the first argument must be a group's chat model",
        promoteWids: "TypeError: demoteParticipants: the second argument must be a list of the group's participant models",
        promoteNobody: 'ok undefined',
        promoteNotAdmin: 'ServerStatusCodeError: server status 401',
        subjectUser: `TypeError: setGroupSubject: not a group wid: ${A}@c.us`,
        subjectEmpty: 'ServerStatusCodeError: server status 400',
        propertyUnknown: 'TypeError: setGroupProperty: the property "ephemeral" is not modelled',
        propertyValue: 'TypeError: setGroupProperty: announcement takes 0 or 1, not true',
        propertyNotAdmin: 'ServerStatusCodeError: server status 401',
        pictureNotDataUrl: 'TypeError: sendSetPicture: the thumbnail must be a JPEG or PNG data URL',
        pictureNone: 'ServerStatusCodeError: server status 404',
        thumb: 'ok [true,false,null]',
        resetNotAdmin: 'ServerStatusCodeError: server status 401',
        inviteUnknown: 'ServerStatusCodeError: server status 404',
        requests: 'ok []',
        rpcBoth: 'TypeError: sendMembershipRequestsActionRPC: needs iqTo and either approveArgs or rejectArgs with participantArgs',
        rpcNotAdmin: 'ok "MembershipRequestsActionResponseClientError"',
        jidGroup: `TypeError: userJidToUserWid: not a user jid: ${id}`,
        commonNotContact: 'TypeError: findCommonGroups: needs a contact model',
        inviteToGroup: "TypeError: sendGroupInviteMessage: the first argument must be a person's chat model",
        inviteNoCode: 'TypeError: sendGroupInviteMessage: needs the invite code',
        inviteNotRequested: 'ok {"messageSendResult":"ERROR","error":"bad-request"}',
    });
    assert.deepEqual(page.errors, []);
});
