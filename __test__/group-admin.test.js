'use strict';
// Group administration (issue 21, item 4), by its effect at the simulator's server
// (GET /_sim/groups/<id>) and the events the client emits: GroupChat's promoteParticipants,
// demoteParticipants, setSubject, setDescription, the three settings, setPicture, deletePicture,
// revokeInvite, the membership requests, addParticipants' private invites; the client's
// getInviteInfo and getCommonGroups; group_update, group_admin_changed and
// group_membership_request for others' changes. Each answer as whatsapp-web.js 1.34.7 gives it
// (__test__/wwebjs-group-admin.test.js runs it against the same simulator); bad input is a named
// error and nothing reaches the server.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia, GroupNotification } = require('..');
const { waitFor } = require('./helpers');
const { control, inbox, sharedClient, jpegSize } = require('./account-helpers');

const ME = '15550100001@c.us';
const A = '15557900001@c.us';
const B = '15557900002@c.us';
const C = '15557900003@c.us';
const D = '15557900004@c.us';
const INVITES_ONLY = '15557900009@c.us';
const NOBODY = '15557900099@c.us';
const digits = (id) => id.split('@')[0];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';


describe('group administration, one logged-in client', () => {
  const shared = sharedClient();
  let ctx;
  let client;
  let sim;
  before(async () => {
    ({ ctx, client } = shared);
    sim = ctx.sim;
    const res = await control(sim, 'POST', '/_sim/contacts', {
      contacts: [{ number: digits(A), name: 'Ann' }, { number: digits(B), name: 'Bob' }, { number: digits(INVITES_ONLY), name: 'Ivy', invitesOnly: true }],
    });
    assert.equal(res.status, 200);
  });
  const lid = (id) => `${sim.account._lidOf(digits(id))}@lid`;
  const server = async (gid) => {
    const { status, body } = await control(sim, 'GET', `/_sim/groups/${gid}`);
    assert.equal(status, 200);
    return body;
  };
  const member = async (gid, id) => (await server(gid)).participants.find((p) => p.id === id);
  // What the server was asked to do to groups, as its log has it.
  const groupChanges = () => sim.events.filter((e) => e.type.startsWith('group-')).length;
  let gid;
  let chat;

  test('promoteParticipants / demoteParticipants: the server has the admin; group_admin_changed', async () => {
    ({ gid: { _serialized: gid } } = await client.createGroup('Admins', [A, B]));
    chat = await client.getChatById(gid);
    const promoted = waitFor(client, 'group_admin_changed', 30000, (n) => n.chatId === gid && n.type === 'promote');
    assert.deepEqual(await chat.promoteParticipants([A]), { status: 200 });
    assert.equal((await member(gid, A)).isAdmin, true);
    const note = await promoted;
    assert.ok(note instanceof GroupNotification);
    assert.deepEqual([note.author, note.recipientIds], [lid(ME), [lid(A)]]);

    const demoted = waitFor(client, 'group_admin_changed', 30000, (n) => n.chatId === gid && n.type === 'demote');
    assert.deepEqual(await chat.demoteParticipants(A), { status: 200 }, 'one id as well as a list');
    assert.equal((await member(gid, A)).isAdmin, false);
    assert.deepEqual((await demoted).recipientIds, [lid(A)]);

    // Not a participant: whatsapp-web.js leaves the id out and answers 200; nothing changes.
    const before = await server(gid);
    assert.deepEqual(await chat.promoteParticipants([NOBODY]), { status: 200 });
    assert.deepEqual(await server(gid), before);
  });

  test('setSubject / setDescription: the server has them; group_update; the chat shows them', async () => {
    const subject = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'subject');
    assert.equal(await chat.setSubject('Admins 2'), true);
    assert.equal(chat.name, 'Admins 2');
    assert.equal((await server(gid)).subject, 'Admins 2');
    assert.equal((await subject).body, 'Admins 2');

    assert.equal(await chat.setDescription('What we do'), true);
    assert.equal(chat.description, 'What we do');
    assert.equal((await server(gid)).description, 'What we do');
    assert.equal((await client.getChatById(gid)).description, 'What we do');
  });

  test('setMessagesAdminsOnly / setInfoAdminsOnly / setAddMembersAdminsOnly: on by default, off with false', async () => {
    const announced = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'announce');
    assert.equal(await chat.setMessagesAdminsOnly(), true);
    assert.equal(await chat.setInfoAdminsOnly(), true);
    assert.equal(await chat.setAddMembersAdminsOnly(), true);
    assert.deepEqual((await server(gid)).settings, { announce: true, restrict: true, memberAddMode: 'admin_add', membershipApproval: false });
    await announced;
    assert.deepEqual([chat.groupMetadata.announce, chat.groupMetadata.restrict, chat.groupMetadata.memberAddMode], [true, true, 'admin_add']);
    const reread = await client.getChatById(gid);
    assert.deepEqual([reread.groupMetadata.announce, reread.groupMetadata.restrict, reread.groupMetadata.memberAddMode], [true, true, 'admin_add']);

    assert.equal(await chat.setMessagesAdminsOnly(false), true);
    assert.equal(await chat.setInfoAdminsOnly(false), true);
    assert.equal(await chat.setAddMembersAdminsOnly(false), true);
    assert.deepEqual((await server(gid)).settings, { announce: false, restrict: false, memberAddMode: 'all_member_add', membershipApproval: false });
  });

  test('setPicture / deletePicture: a 640 px JPEG at the server, then none; group_update', async () => {
    const pictured = waitFor(client, 'group_update', 30000, (n) => n.chatId === gid && n.type === 'picture');
    assert.equal(await chat.setPicture(new MessageMedia('image/png', PNG, 'dot.png')), true);
    await pictured;
    const { picture } = await server(gid);
    assert.equal(picture.mimetype, 'image/jpeg');
    // The file the server keeps (its URL is the page's, served to the page's origin only).
    const file = sim.account.media.get(sim.account.groups.get(gid).picture.directPath);
    assert.deepEqual(jpegSize(Buffer.from(file.data)), [640, 640], 'cut square and drawn at 640 px, as whatsapp-web.js does');
    assert.equal(await chat.deletePicture(), true);
    assert.equal((await server(gid)).picture, null);
    // Nothing to delete: false (whatsapp-web.js: undefined).
    assert.equal(await chat.deletePicture(), false);
  });

  test('revokeInvite / getInviteInfo: a new code; the old one is refused (410); the new one shows the group', async () => {
    const old = await chat.getInviteCode();
    const code = await chat.revokeInvite();
    assert.match(code, /^[\w-]+$/);
    assert.notEqual(code, old);
    assert.equal((await server(gid)).inviteCode, code);
    const info = await client.getInviteInfo(code);
    assert.deepEqual(info.id, { server: 'g.us', user: digits(gid), _serialized: gid });
    assert.equal(info.subject, 'Admins 2');
    assert.equal(info.participants.length, 3);
    assert.equal(typeof info.participants[0].id._serialized, 'string');
    await assert.rejects(client.getInviteInfo(old), { code: 'ERR_SERVER_REFUSED', status: 410, message: 'WhatsApp refused reading a group invite: 410 (gone: the invite expired or was revoked)' });
    await assert.rejects(client.getInviteInfo('NoSuchCode000000000000'), /404/);
  });

  test('membership requests: group_membership_request, getGroupMembershipRequests, approve, reject', async () => {
    assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/settings`, { by: digits(ME), membershipApproval: true })).status, 200);
    const requested = waitFor(client, 'group_membership_request', 30000, (n) => n.chatId === gid);
    assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/request`, { from: digits(C) })).status, 200);
    const note = await requested;
    assert.ok(note instanceof GroupNotification);
    assert.equal(note.author, lid(C));
    assert.equal((await control(sim, 'POST', `/_sim/groups/${gid}/request`, { from: digits(D) })).status, 200);

    const requests = await chat.getGroupMembershipRequests();
    assert.deepEqual(requests.map((r) => [r.id._serialized, r.id.server, r.requestMethod, typeof r.t]), [[lid(C), 'lid', 'InviteLink', 'number'], [lid(D), 'lid', 'InviteLink', 'number']]);
    assert.deepEqual(await client.getGroupMembershipRequests(gid), requests);

    const joined = waitFor(client, 'group_join', 30000, (n) => n.chatId === gid && n.recipientIds.includes(lid(C)));
    assert.deepEqual(await chat.approveGroupMembershipRequests({ requesterIds: [C], sleep: null }), [{ requesterId: C, message: 'Approved successfully' }]);
    await joined;
    assert.ok(await member(gid, C));
    // Without ids: every request the page holds (by LID), here D's.
    assert.deepEqual(await chat.rejectGroupMembershipRequests({ sleep: null }), [{ requesterId: lid(D), message: 'Rejected successfully' }]);
    assert.equal(await member(gid, D), undefined);
    assert.deepEqual((await server(gid)).pendingRequests, []);
    // Someone who never asked: whatsapp-web.js's 404; none left: [].
    assert.deepEqual(await client.approveGroupMembershipRequests(gid, { requesterIds: NOBODY, sleep: null }), [{ requesterId: NOBODY, error: 404, message: 'ParticipantRequestNotFoundError' }]);
    assert.deepEqual(await chat.rejectGroupMembershipRequests(), []);
  });

  test('getCommonGroups: the groups shared with the contact, from the client and the Contact', async () => {
    assert.deepEqual(await client.getCommonGroups(A), [{ server: 'g.us', user: digits(gid), _serialized: gid }]);
    const contact = await client.getContactById(A);
    assert.deepEqual((await contact.getCommonGroups()).map((id) => id._serialized), [gid]);
    assert.deepEqual(await client.getCommonGroups(NOBODY), []);
  });

  test('addParticipants of someone who accepts only invites: 403 and a private invite with the comment', async () => {
    const result = await chat.addParticipants([INVITES_ONLY], { comment: 'Join us', sleep: null });
    assert.deepEqual(result, { [INVITES_ONLY]: { code: 403, message: 'The participant can be added by sending private invitation only', isInviteV4Sent: true } });
    assert.equal(await member(gid, INVITES_ONLY), undefined);
    const [invite] = await inbox(sim, digits(INVITES_ONLY));
    assert.deepEqual([invite.type, invite.body, invite.invite.groupId, invite.invite.groupName], ['groups_v4_invite', 'Join us', gid, 'Admins 2']);
    // autoSendInviteV4: false sends none.
    const quiet = await chat.addParticipants(INVITES_ONLY, { autoSendInviteV4: false, sleep: 0 });
    assert.deepEqual(quiet[INVITES_ONLY], { code: 403, message: 'The participant can be added by sending private invitation only', isInviteV4Sent: false });
    assert.equal((await inbox(sim, digits(INVITES_ONLY))).length, 1);
    // createGroup sends one too.
    const created = await client.createGroup('Private', [INVITES_ONLY], { comment: 'Come' });
    assert.deepEqual(created.participants[INVITES_ONLY], { statusCode: 403, message: 'The participant can be added by sending private invitation only', isGroupCreator: false, isInviteV4Sent: true });
    assert.equal((await inbox(sim, digits(INVITES_ONLY))).at(-1).body, 'Come');
  });

  test('bad input: named errors, nothing reaches the server', async () => {
    const before = await server(gid);
    const calls = groupChanges();
    const rejects = (promise, code) => assert.rejects(promise, (e) => e.code === code || assert.fail(`${e.code}: ${e.message}`));
    await rejects(chat.promoteParticipants([]), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.promoteParticipants(['not an id']), 'ERR_INVALID_CHAT_ID');
    await rejects(chat.demoteParticipants([gid]), 'ERR_INVALID_CHAT_ID');
    await rejects(chat.setSubject(''), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setSubject(42), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setSubject('x'.repeat(101)), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setDescription({}), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setMessagesAdminsOnly('yes'), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setPicture(new MessageMedia('application/pdf', PNG, 'a.pdf')), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setPicture('dot.png'), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.setPicture(new MessageMedia('image/png', '%%%', 'dot.png')), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.approveGroupMembershipRequests({ requesterIds: 5 }), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.rejectGroupMembershipRequests({ sleep: 'long' }), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.addParticipants([B], { comment: 5 }), 'ERR_INVALID_ARGUMENT');
    await rejects(chat.addParticipants([B], { autoSendInviteV4: 'no' }), 'ERR_INVALID_ARGUMENT');
    await rejects(client.getInviteInfo('https://chat.whatsapp.com/abc'), 'ERR_INVALID_ARGUMENT');
    await rejects(client.getCommonGroups(gid), 'ERR_INVALID_CHAT_ID');
    await rejects(client.getGroupMembershipRequests(A), 'ERR_INVALID_CHAT_ID');
    assert.deepEqual(await server(gid), before);
    assert.equal(groupChanges(), calls);
    // Not an image the browser can decode: rejected, nothing sent.
    await rejects(chat.setPicture(new MessageMedia('image/png', Buffer.from('not a picture').toString('base64'), 'x.png')), 'ERR_INVALID_ARGUMENT');
    assert.deepEqual((await server(gid)).picture, null);
  });

  test("another's group: a non-admin is refused as whatsapp-web.js is; others' changes are events", async () => {
    const created = await control(sim, 'POST', '/_sim/groups', { subject: 'Theirs', participants: [digits(A), digits(B)], join: true });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const theirs = created.body.id;
    await waitFor(client, 'group_join', 30000, (n) => n.chatId === theirs).catch(() => {});
    const their = await client.getChatById(theirs);
    await assert.rejects(their.promoteParticipants([B]), { code: 'ERR_SERVER_REFUSED', status: 401, message: /^WhatsApp refused promoting participants: 401 / });
    assert.equal(await their.setMessagesAdminsOnly(), false);
    await assert.rejects(their.revokeInvite(), { code: 'ERR_SERVER_REFUSED', status: 401, message: /^WhatsApp refused revoking an invite code: 401 \(not authorized: the account is not an admin/ });
    assert.equal((await member(theirs, B)).isAdmin, false);
    assert.equal((await server(theirs)).settings.announce, false);

    const change = async (what, body, event, type) => {
      const seen = waitFor(client, event, 30000, (n) => n.chatId === theirs && n.type === type);
      const res = await control(sim, 'POST', `/_sim/groups/${theirs}/${what}`, { by: digits(A), ...body });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const note = await seen;
      assert.ok(note instanceof GroupNotification);
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
    assert.equal(await their.setSubject('Mine'), false, 'restricted, and the account is no admin');

    const promoted = await change('promote', { participants: [digits(ME)] }, 'group_admin_changed', 'promote');
    assert.deepEqual(promoted.recipientIds, [lid(ME)]);
    assert.deepEqual(await their.promoteParticipants([B]), { status: 200 });
    assert.equal((await member(theirs, B)).isAdmin, true);
    assert.equal(await their.setSubject('Ours'), true);
    assert.equal((await server(theirs)).subject, 'Ours');
    const demoted = await change('demote', { participants: [digits(ME)] }, 'group_admin_changed', 'demote');
    assert.deepEqual(demoted.recipientIds, [lid(ME)]);
    assert.equal((await member(theirs, ME)).isAdmin, false);
  });
});
