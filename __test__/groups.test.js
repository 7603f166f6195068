'use strict';
// What the account does to groups, by its effect through the simulator: createGroup(),
// GroupChat's addParticipants(), removeParticipants(), getInviteCode() and leave(), and
// acceptInvite(); each shows in the group the server holds and as group events.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { GroupChat, GroupNotification } = require('..');
const { waitFor } = require('./helpers');
const { control, sharedClient } = require('./account-helpers');

const ME = '15550100001@c.us';
const A = '15557600001@c.us';
const B = '15557600002@c.us';
const NOT_ON_WHATSAPP = '15557600099@c.us';

describe('one logged-in client', () => {
  const notes = [];
  const shared = sharedClient((c) => {
    for (const name of ['group_join', 'group_leave', 'group_update']) c.on(name, (n) => notes.push({ name, n }));
  });
  let ctx;
  let client;
  before(async () => {
    ({ ctx, client } = shared);
    await control(ctx.sim, 'POST', '/_sim/unregistered', { numbers: [NOT_ON_WHATSAPP.split('@')[0]] });
  });
  const members = async (gid) => (await client.getChatById(gid)).participants.map((p) => [p.id._serialized, p.isAdmin]);
  const serverGroup = (gid) => ctx.sim.account.groups.get(gid);
  // Groups are LID-addressed (as WhatsApp's are today): the owner, the author and the recipients
  // of a notification are LIDs as the page gives them; participants read as phone numbers
  // (whatsapp-web.js main maps them with toPn).
  const lid = (id) => `${ctx.sim.account._lidOf(id.split('@')[0])}@lid`;

  test('createGroup(): the group exists at the server with us as its admin; numbers not on WhatsApp are 404', async () => {
    const created = waitFor(client, 'group_update', 20000, (n) => n.type === 'create');
    const result = await client.createGroup('Builders', [A, NOT_ON_WHATSAPP]);
    assert.equal(result.title, 'Builders');
    assert.match(result.gid._serialized, /^\d+@g\.us$/);
    assert.deepEqual([result.gid.server, result.gid.user], ['g.us', result.gid._serialized.split('@')[0]]);
    assert.deepEqual(result.participants, {
      [A]: { statusCode: 200, message: 'The participant was added successfully', isGroupCreator: false, isInviteV4Sent: false },
      [NOT_ON_WHATSAPP]: { statusCode: 404, message: 'The phone number is not registered on WhatsApp', isGroupCreator: false, isInviteV4Sent: false },
    });
    const note = await created;
    assert.ok(note instanceof GroupNotification);
    assert.equal(note.chatId, result.gid._serialized);
    assert.deepEqual(serverGroup(result.gid._serialized).participants, [ME, A].map((id) => id.split('@')[0]));
    const chat = await client.getChatById(result.gid._serialized);
    assert.ok(chat instanceof GroupChat);
    assert.equal(chat.name, 'Builders');
    assert.equal(chat.owner._serialized, lid(ME));
    assert.deepEqual(await members(result.gid._serialized), [[ME, true], [A, false]]);
    // A message to the new group reaches its participants.
    const sent = await chat.sendMessage('welcome');
    await ctx.sim.waitFor('message-sent', (e) => e.key === sent.id._serialized, 30000, { since: 0 });
    assert.equal((await control(ctx.sim, 'GET', `/_sim/peer/inbox?peer=${result.gid._serialized}`)).body.messages[0].body, 'welcome');
  });

  test('addParticipants() and removeParticipants(): each participant\'s result, group_join and group_leave', async () => {
    const { gid } = await client.createGroup('Adders', [A]);
    const chat = await client.getChatById(gid._serialized);
    const joined = waitFor(client, 'group_join', 20000, (n) => n.chatId === gid._serialized);
    const added = await chat.addParticipants([B, A, NOT_ON_WHATSAPP], { sleep: 0 });
    assert.deepEqual(added, {
      [B]: { code: 200, message: 'The participant was added successfully', isInviteV4Sent: false },
      [A]: { code: 409, message: 'The participant is already a group member', isInviteV4Sent: false },
      [NOT_ON_WHATSAPP]: { code: 404, message: 'The phone number is not registered on WhatsApp', isInviteV4Sent: false },
    });
    const join = await joined;
    assert.deepEqual([join.type, join.author, join.recipientIds], ['add', lid(ME), [lid(B)]]);
    assert.deepEqual(await members(gid._serialized), [[ME, true], [A, false], [B, false]]);

    const left = waitFor(client, 'group_leave', 20000, (n) => n.chatId === gid._serialized);
    assert.deepEqual(await chat.removeParticipants([B]), { status: 200 });
    const leave = await left;
    assert.deepEqual([leave.type, leave.author, leave.recipientIds], ['remove', lid(ME), [lid(B)]]);
    assert.deepEqual(serverGroup(gid._serialized).participants, [ME, A].map((id) => id.split('@')[0]));
    assert.deepEqual(await members(gid._serialized), [[ME, true], [A, false]]);
  });

  test('not an admin: addParticipants() answers whatsapp-web.js\'s message, getInviteCode() undefined; the admin\'s invite code; acceptInvite()', async () => {
    // A contact's group, with us in it: we are no admin. (The event can come before the HTTP
    // answer: the listener is in place first.)
    const addedByThem = waitFor(client, 'group_join', 20000, (n) => n.type === 'add' && n.author === lid(A));
    const theirs = (await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Theirs', participants: [A.split('@')[0]] })).body.id;
    assert.equal((await addedByThem).chatId, theirs);
    const their = await client.getChatById(theirs);
    assert.equal(await their.addParticipants(B), 'AddParticipantsError: You have no admin rights to add a participant to a group');
    assert.equal(await their.getInviteCode(), undefined);
    assert.equal(serverGroup(theirs).participants.length, 2, 'nobody was added');

    // Our own group: the code the server holds.
    const { gid } = await client.createGroup('Invitable', [A]);
    const code = await (await client.getChatById(gid._serialized)).getInviteCode();
    assert.equal(code, serverGroup(gid._serialized).inviteCode);
    assert.match(code, /^[A-Za-z0-9_-]{22}$/);

    // A group we are not in, joined by its code.
    const invited = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'By invite', participants: [B.split('@')[0]], join: false });
    assert.equal(invited.status, 200);
    assert.ok(!serverGroup(invited.body.id).participants.includes(ME.split('@')[0]));
    const joined = waitFor(client, 'group_join', 20000, (n) => n.chatId === invited.body.id);
    assert.equal(await client.acceptInvite(invited.body.inviteCode), invited.body.id);
    const join = await joined;
    assert.deepEqual([join.type, join.author, join.recipientIds], ['invite', lid(ME), [lid(ME)]]);
    const chat = await client.getChatById(invited.body.id);
    assert.equal(chat.name, 'By invite');
    assert.deepEqual(chat.participants.map((p) => p.id._serialized), [B, ME]);
  });

  test('an unknown invite code: acceptInvite() and getInviteInfo() reject with ERR_SERVER_REFUSED, its status and meaning; nothing changes', async () => {
    const groupsBefore = JSON.stringify([...ctx.sim.account.groups.values()].map((g) => [g.id, g.participants]));
    const since = ctx.sim.events.length;
    const notesBefore = notes.length;
    const refused = (what) => (e) => {
      assert.equal(e.constructor, Error);
      assert.equal(e.code, 'ERR_SERVER_REFUSED');
      assert.equal(e.status, 404);
      assert.equal(e.message, `WhatsApp refused ${what}: 404 (not found: no such invite, group or user, or the invite is not the account's)`);
      assert.doesNotMatch(e.message, /ExceptionDetails|ServerStatusCodeError|stack/);
      return true;
    };
    await assert.rejects(client.acceptInvite('NoSuchCode0000000000000'), refused('joining a group by its invite code'));
    await assert.rejects(client.getInviteInfo('NoSuchCode0000000000000'), refused('reading a group invite'));
    assert.equal(JSON.stringify([...ctx.sim.account.groups.values()].map((g) => [g.id, g.participants])), groupsBefore, 'no group changed at the server');
    assert.deepEqual(ctx.sim.events.slice(since).filter((e) => /^group-/.test(e.type)), [], 'nobody joined anything');
    assert.equal(notes.length, notesBefore, 'no group event');
  });

  test('leave(): group_leave for ourselves, and the server no longer counts us', async () => {
    const { gid } = await client.createGroup('Leavers', [A, B]);
    const chat = await client.getChatById(gid._serialized);
    const left = waitFor(client, 'group_leave', 20000, (n) => n.chatId === gid._serialized);
    assert.equal(await chat.leave(), undefined);
    const leave = await left;
    assert.deepEqual([leave.type, leave.author, leave.recipientIds], ['leave', lid(ME), [lid(ME)]]);
    assert.deepEqual(serverGroup(gid._serialized).participants, [A, B].map((id) => id.split('@')[0]));
    assert.equal(serverGroup(gid._serialized).owner, A.split('@')[0], 'the group passed to the next participant');
    assert.deepEqual((await client.getChatById(gid._serialized)).participants.map((p) => p.id._serialized), [A, B]);
  });

  test('bad arguments are typed errors before anything reaches the page', async () => {
    const code = async (p) => p.then(() => 'resolved', (e) => `${e.constructor.name}:${e.code}`);
    const since = ctx.sim.events.length;
    assert.equal(await code(client.createGroup('', [A])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.createGroup('x'.repeat(101), [A])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.createGroup('Fine', ['bob'])), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.createGroup('Fine', ['120363000000000001@g.us'])), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.createGroup('Fine', [A], { messageTimer: 'soon' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.acceptInvite('https://chat.whatsapp.com/abc')), 'TypeError:ERR_INVALID_ARGUMENT');
    const { gid } = await client.createGroup('Checked', [A]);
    const chat = await client.getChatById(gid._serialized);
    assert.equal(await code(chat.addParticipants([])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(chat.addParticipants([B], { sleep: 'slow' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(chat.removeParticipants('not an id')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.deepEqual(ctx.sim.events.slice(since).filter((e) => e.type.startsWith('group-')).map((e) => e.type), ['group-created'], 'only the valid createGroup reached the server');
  });
});
