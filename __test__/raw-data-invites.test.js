'use strict';
// msg._data / msg.rawData (the page's serialized message, as whatsapp-web.js hands it over) and
// private group invites (groups_v4_invite): the invite's fields on the message, and
// msg.acceptGroupV4Invite() / client.acceptGroupV4Invite() joining the group at the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { waitFor } = require('./helpers');
const { control, peerSend, peerSendAndReceive, sharedClient } = require('./account-helpers');

const ME = '15550100001@c.us';
const ALICE = '15557610001';
const BOB = '15557610002';

const code = (promise) => promise.then(() => 'resolved', (e) => e.code || String(e));
// A refusal by WhatsApp's server: its code, its status and what it means, and no page dump.
const serverRefused = (status, meaning) => (e) => {
  assert.equal(e.code, 'ERR_SERVER_REFUSED');
  assert.equal(e.status, status);
  assert.match(e.message, new RegExp(`^WhatsApp refused accepting a private group invite: ${status} \\(`));
  assert.match(e.message, meaning);
  assert.doesNotMatch(e.message, /ExceptionDetails|ServerStatusCodeError/);
  return true;
};

describe('raw data and private invites', () => {
  const shared = sharedClient();

  test('a contact\'s message: _data has notifyName and the raw fields; rawData is _data', async () => {
    const { ctx, client } = shared;
    await control(ctx.sim, 'POST', '/_sim/contacts', { contacts: [{ number: ALICE, name: 'Alice', pushname: 'Alice P.' }] });
    const msg = await peerSendAndReceive(ctx.sim, client, { from: ALICE, body: 'hello there', mentions: [BOB] });
    assert.equal(msg._data.notifyName, 'Alice P.');
    assert.equal(msg._data.body, 'hello there');
    assert.equal(msg._data.type, 'chat');
    assert.equal(msg._data.t, msg.timestamp);
    assert.equal(msg._data.id._serialized, msg.id._serialized);
    assert.equal(msg._data.id.remote, `${ALICE}@c.us`);
    assert.deepEqual(msg._data.from, { server: 'c.us', user: ALICE, _serialized: `${ALICE}@c.us` });
    assert.equal(msg._data.to._serialized, ME);
    assert.equal(msg._data.isNewMsg, true);
    assert.equal(msg._data.ack, msg.ack);
    assert.equal(msg._data.isForwarded, false);
    assert.deepEqual(msg._data.mentionedJidList.map((w) => w._serialized), [`${BOB}@c.us`]);
    assert.strictEqual(msg.rawData, msg._data);
    // The structure's own fields stay as whatsapp-web.js names them; _data is not among them twice.
    assert.equal(msg.body, 'hello there');
    assert.equal(msg.fromMe, false);
    assert.equal(msg._data._data, undefined);
    // A reload keeps it.
    await msg.reload();
    assert.equal(msg._data.notifyName, 'Alice P.');
    assert.deepEqual(msg.rawData, msg._data);
  });

  test('a captioned picture: _data.caption, mimetype, filename and size, and no media body', async () => {
    const { ctx, client } = shared;
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${ALICE}@c.us` && m.type === 'image');
    await peerSend(ctx.sim, { from: ALICE, body: 'look at this', media: { mimetype: 'image/png', data: png.toString('base64'), filename: 'dot.png' } });
    const msg = await received;
    assert.equal(msg.body, 'look at this');
    assert.equal(msg._data.caption, 'look at this');
    assert.equal(msg._data.mimetype, 'image/png');
    assert.equal(msg._data.filename, 'dot.png');
    assert.equal(msg._data.size, png.length);
    assert.equal(msg._data.body, undefined, 'the media body (a thumbnail in WhatsApp Web) is left out');
    assert.ok(JSON.stringify(msg._data).length < 4096);
  });

  test('a quoted reply: _data.quotedMsg.body, quotedStanzaID and quotedParticipant', async () => {
    const { ctx, client } = shared;
    const first = await peerSendAndReceive(ctx.sim, client, { from: ALICE, body: 'first words' });
    const reply = await peerSendAndReceive(ctx.sim, client, { from: ALICE, body: 'about that', quotedId: first.id._serialized });
    assert.equal(reply.hasQuotedMsg, true);
    assert.equal(reply._data.quotedMsg.body, 'first words');
    assert.equal(reply._data.quotedMsg.type, 'chat');
    assert.equal(reply._data.quotedStanzaID, first.id.id);
    assert.equal(reply._data.quotedParticipant._serialized, `${ALICE}@c.us`);
    assert.strictEqual(reply.rawData, reply._data);
  });

  // A group of Alice's the account is not in.
  const aliceGroup = async (subject) => {
    const res = await control(shared.ctx.sim, 'POST', '/_sim/groups', { subject, participants: [ALICE, BOB], join: false });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.id;
  };
  const members = async (gid) => (await control(shared.ctx.sim, 'GET', `/_sim/groups/${gid}`)).body.participants.map((p) => p.id);
  const inviteArrives = async (body) => {
    const { ctx, client } = shared;
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${ALICE}@c.us` && m.type === 'groups_v4_invite');
    const res = await control(ctx.sim, 'POST', '/_sim/peer/group-invite', { from: ALICE, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const msg = await received;
    assert.equal(msg.id._serialized, res.body.id);
    return { msg, sent: res.body };
  };

  test('a private invite arrives with its fields; msg.acceptGroupV4Invite() joins the group', async () => {
    const { client } = shared;
    const gid = await aliceGroup('Invited');
    const { msg, sent } = await inviteArrives({ group: gid, comment: 'join us' });
    assert.equal(msg.body, 'join us');
    assert.deepEqual(msg.inviteV4, { inviteCode: sent.inviteCode, inviteCodeExp: sent.inviteCodeExp, groupId: gid, groupName: 'Invited', fromId: `${ALICE}@c.us`, toId: ME });
    assert.equal(msg._data.inviteCode, sent.inviteCode);
    assert.equal(msg._data.inviteCodeExp, sent.inviteCodeExp);
    assert.equal(msg._data.inviteGrp._serialized, gid);
    assert.equal(msg._data.inviteGrpName, 'Invited');
    assert.ok(!(await members(gid)).includes(ME));
    const joined = waitFor(client, 'group_join', 20000, (n) => n.chatId === gid);
    assert.deepEqual(await msg.acceptGroupV4Invite(), { status: 200 });
    assert.ok((await members(gid)).includes(ME), 'the server has the account in the group');
    await joined;
    // Accepting again: the invite is used up, refused by the server (404: no invite of the
    // account's any more) as a named error with its status, and nothing changes.
    await assert.rejects(client.acceptGroupV4Invite(msg.inviteV4), serverRefused(404, /not found/));
    assert.equal((await members(gid)).filter((id) => id === ME).length, 1);
  });

  test('a private invite to a group the account joined meanwhile: the server refuses it (409), ERR_SERVER_REFUSED; nothing changes', async () => {
    const { ctx, client } = shared;
    const gid = await aliceGroup('Joined meanwhile');
    const { msg } = await inviteArrives({ group: gid });
    const joined = waitFor(client, 'group_join', 20000, (n) => n.chatId === gid);
    const { inviteCode } = (await control(ctx.sim, 'GET', `/_sim/groups/${gid}`)).body;
    assert.equal(await client.acceptInvite(inviteCode), gid);
    await joined;
    const before = ctx.sim.events.length;
    const membersBefore = await members(gid);
    await assert.rejects(msg.acceptGroupV4Invite(), serverRefused(409, /already in the group/));
    assert.deepEqual(await members(gid), membersBefore);
    assert.ok(!ctx.sim.events.slice(before).some((e) => /^group-/.test(e.type)), 'nothing changed at the server');
  });

  test('an expired invite, a non-invite message or a bad inviteInfo: a named error and nothing sent', async () => {
    const { ctx, client } = shared;
    const gid = await aliceGroup('Expired');
    const { msg } = await inviteArrives({ group: gid, expiration: Math.floor(Date.now() / 1000) - 60 });
    const before = ctx.sim.events.length;
    assert.equal(await code(msg.acceptGroupV4Invite()), 'ERR_INVALID_ARGUMENT');
    await assert.rejects(msg.acceptGroupV4Invite(), /Expired invite code/);
    assert.equal(await code(client.acceptGroupV4Invite({ ...msg.inviteV4, inviteCodeExp: 0 })), 'ERR_INVALID_ARGUMENT');
    // A message that is no invite has no inviteV4.
    const plain = await peerSendAndReceive(ctx.sim, client, { from: ALICE, body: 'just text' });
    assert.equal(plain.inviteV4, undefined);
    await assert.rejects(plain.acceptGroupV4Invite(), (e) => e.code === 'ERR_INVALID_ARGUMENT' && /inviteV4/.test(e.message));
    const later = Math.floor(Date.now() / 1000) + 3600;
    assert.equal(await code(client.acceptGroupV4Invite({ inviteCode: '', inviteCodeExp: later, groupId: gid, fromId: `${ALICE}@c.us` })), 'ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.acceptGroupV4Invite({ inviteCode: 'AbCd', inviteCodeExp: later, groupId: `${ALICE}@c.us`, fromId: `${ALICE}@c.us` })), 'ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.acceptGroupV4Invite('AbCd')), 'ERR_INVALID_ARGUMENT');
    assert.ok(!(await members(gid)).includes(ME), 'the account is not in the group');
    assert.ok(!ctx.sim.events.slice(before).some((e) => e.type === 'group-joined'), 'nothing reached the server');
  });
});
