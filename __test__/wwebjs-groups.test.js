'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, doing to groups what groups.test.js does: it shows
// the simulated page models the internals whatsapp-web.js uses for them (WAWebGroupCreateJob,
// WAWebGroupQueryJob, WASmaxGroupsAddParticipantsRPC and its answer's shape, the participants
// collection, WAWebModifyParticipantsGroupAction, WAWebExitGroupAction,
// WAWebMexFetchGroupInviteCodeJob, WAWebGroupInviteJob) the way WhatsApp Web does, independently
// of our client.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

const ME = '15550100001@c.us';
const A = '15557700001@c.us';
const B = '15557700002@c.us';

test('whatsapp-web.js: createGroup, addParticipants, removeParticipants, getInviteCode, acceptInvite, leave', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const group = (gid) => sim.account.groups.get(gid);
    // whatsapp-web.js documents GroupNotification.recipientIds as strings (index.d.ts, and
    // GroupNotification.js:61-68) but hands over WhatsApp Web's wid objects as they come
    // ({ server, user, _serialized }); whatsapp-web-rs gives the documented strings.
    const recipients = (n) => n.recipientIds.map((r) => (typeof r === 'string' ? r : r._serialized));
    // Groups are LID-addressed, as WhatsApp's are today: the owner and a notification's
    // recipients are LIDs as the page gives them.
    const lid = (id) => `${sim.account._lidOf(id.split('@')[0])}@lid`;

    const created = await client.createGroup('Builders', [A]);
    const gid = created.gid._serialized;
    assert.deepEqual(created.participants[A], { statusCode: 200, message: 'The participant was added successfully', isGroupCreator: false, isInviteV4Sent: false });
    assert.deepEqual(group(gid).participants, ['15550100001', '15557700001']);
    const chat = await client.getChatById(gid);
    assert.equal(chat.isGroup, true);
    assert.equal(chat.owner._serialized, lid(ME));

    const joined = waitFor(client, 'group_join', 30000, (n) => n.chatId === gid);
    const added = await chat.addParticipants([B], { sleep: 0 });
    assert.equal(added[B].code, 200);
    assert.deepEqual(recipients(await joined), [lid(B)]);
    assert.deepEqual(group(gid).participants, ['15550100001', '15557700001', '15557700002']);

    const removed = waitFor(client, 'group_leave', 30000, (n) => n.chatId === gid && n.type === 'remove');
    assert.deepEqual(await chat.removeParticipants([B]), { status: 200 });
    assert.deepEqual(recipients(await removed), [lid(B)]);
    assert.deepEqual(group(gid).participants, ['15550100001', '15557700001']);

    assert.equal(await chat.getInviteCode(), group(gid).inviteCode);

    const { id: other, inviteCode } = sim.createGroup({ subject: 'By invite', participants: ['15557700002'], join: false });
    const viaInvite = waitFor(client, 'group_join', 30000, (n) => n.chatId === other);
    assert.equal(await client.acceptInvite(inviteCode), other);
    assert.equal((await viaInvite).type, 'invite');
    assert.ok(group(other).participants.includes('15550100001'));

    const left = waitFor(client, 'group_leave', 30000, (n) => n.chatId === gid && n.type === 'leave');
    await chat.leave();
    await left;
    assert.deepEqual(group(gid).participants, ['15557700001']);
});

test('whatsapp-web.js: a private invite received (msg.inviteV4, msg._data) and msg.acceptGroupV4Invite()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    sim.addContacts([{ number: '15557700001', name: 'A', pushname: 'A on the phone' }]);
    const { id: gid } = sim.createGroup({ subject: 'Private', participants: ['15557700001', '15557700002'], join: false });
    const arrived = waitFor(client, 'message', 30000, (m) => m.type === 'groups_v4_invite');
    const sent = sim.peer.groupInvite({ from: '15557700001', group: gid, comment: 'come' });
    const msg = await arrived;
    assert.equal(msg.id._serialized, sent.id);
    assert.equal(msg._data.notifyName, 'A on the phone');
    assert.equal(msg.inviteV4.inviteCode, sent.inviteCode);
    assert.equal(msg.inviteV4.inviteCodeExp, sent.inviteCodeExp);
    assert.equal(msg.inviteV4.groupName, 'Private');
    assert.equal(msg.inviteV4.fromId, A);
    const joined = waitFor(client, 'group_join', 30000, (n) => n.chatId === gid);
    assert.deepEqual(await msg.acceptGroupV4Invite(), { status: 200 });
    await joined;
    assert.ok(sim.group.get(gid).participants.some((p) => p.id === ME));
});
