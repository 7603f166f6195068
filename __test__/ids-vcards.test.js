'use strict';
// Ids as whatsapp-web.js passes them on, contact cards and group mentions, by their effect
// through the simulator: whatsapp-web.js's example.js commands !mentionUsers, !creategroup,
// !addmembers, !parseVCard, !mentionGroups and !getGroupMentions run with its own placeholder
// ids (`number1@c.us`, `XXXXXXXXXX@c.us`, `YYYYYYYYYY@g.us`) and complete: WhatsApp answers the
// ids that name nobody (404 for a participant, a mention of nobody), as it does for
// whatsapp-web.js. What can never be an id is still refused, with a named error, and nothing is
// sent; a broadcast list is a named ERR_NOT_SUPPORTED (WhatsApp Web has none).
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { GroupChat, Contact } = require('..');
const { control, peerSendAndReceive, inbox, serverHas, sharedClient } = require('./account-helpers');

const code = async (p) => p.then(() => 'resolved', (e) => `${e.constructor.name}:${e.code}`);

// example.js's vCards (!parseVCard), as it writes them.
const V_CARD = 'BEGIN:VCARD\nVERSION:3.0\nFN:John Doe\nORG:Microsoft;\nEMAIL;type=INTERNET:john.doe@gmail.com\nURL:www.johndoe.com\nTEL;type=CELL;type=VOICE;waid=18006427676:+1 (800) 642 7676\nEND:VCARD';
const V_CARD_EXTENDED =
  'BEGIN:VCARD\nVERSION:3.0\nFN:John Doe\nORG:Microsoft;\nitem1.TEL:+1 (800) 642 7676\nitem1.X-ABLabel:USA Customer Service\nitem2.TEL:+55 11 4706 0900\nitem2.X-ABLabel:Brazil Customer Service\nPHOTO;BASE64:here you can paste a binary data of a contact photo in Base64 encoding\nEND:VCARD';

describe('one logged-in client', () => {
  const shared = sharedClient();
  let ctx;
  let client;
  before(async () => {
    ({ ctx, client } = shared);
    await control(ctx.sim, 'POST', '/_sim/contacts', {
      contacts: [
        { number: '15557700001', name: 'Ada Lovelace' },
        { number: '15557700002', name: 'Alan Turing' },
      ],
    });
  });
  const sentCount = (since) => ctx.sim.events.slice(since).filter((e) => e.type === 'message-sent').length;

  test("example.js !mentionUsers: a placeholder mention is passed on and the messages are sent", async () => {
    const peer = '15557700010';
    const msg = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!mentionUsers' });
    // The command as example.js writes it.
    const chat = await msg.getChat();
    const userNumber = 'XXXXXXXXXX';
    const one = await chat.sendMessage(`Hi @${userNumber}`, { mentions: userNumber + '@c.us' });
    const two = await chat.sendMessage(`Hi @${userNumber}, @${userNumber}`, { mentions: [userNumber + '@c.us', userNumber + '@c.us'] });
    await serverHas(ctx.sim, two);
    assert.deepEqual(one.mentionedIds, ['XXXXXXXXXX@c.us']);
    assert.deepEqual(two.mentionedIds, ['XXXXXXXXXX@c.us', 'XXXXXXXXXX@c.us']);
    const got = await inbox(ctx.sim, peer);
    assert.deepEqual(
      got.map((m) => [m.type, m.body, m.mentions]),
      [
        ['chat', 'Hi @XXXXXXXXXX', ['XXXXXXXXXX@c.us']],
        ['chat', 'Hi @XXXXXXXXXX, @XXXXXXXXXX', ['XXXXXXXXXX@c.us', 'XXXXXXXXXX@c.us']],
      ],
    );
    // A mention that resolves to nobody reads as a contact WhatsApp does not know.
    const [nobody] = await one.getMentions();
    assert.ok(nobody instanceof Contact);
    assert.equal(nobody.id._serialized, 'XXXXXXXXXX@c.us');
  });

  test('example.js !creategroup and !addmembers: placeholder participants are answered 404 in whatsapp-web.js\'s shape', async () => {
    const participants = ['number1@c.us', 'number2@c.us', 'number3@c.us'];
    const result = await client.createGroup('Group Title', participants);
    assert.equal(result.title, 'Group Title');
    assert.match(result.gid._serialized, /^\d+@g\.us$/);
    for (const id of participants) {
      assert.deepEqual(result.participants[id], { statusCode: 404, message: 'The phone number is not registered on WhatsApp', isGroupCreator: false, isInviteV4Sent: false });
    }
    // The group exists with the account alone.
    assert.deepEqual(ctx.sim.account.groups.get(result.gid._serialized).participants, ['15550100001']);
    const group = await client.getChatById(result.gid._serialized);
    assert.ok(group instanceof GroupChat);
    const added = await group.addParticipants(participants, { sleep: 0 });
    assert.deepEqual(
      added,
      Object.fromEntries(participants.map((id) => [id, { code: 404, message: 'The phone number is not registered on WhatsApp', isInviteV4Sent: false }])),
    );
    assert.deepEqual(ctx.sim.account.groups.get(result.gid._serialized).participants, ['15550100001']);
  });

  test('example.js !parseVCard: a text that is a vCard is sent as a contact card; parseVCards: false sends it as text', async () => {
    const peer = '15557700011';
    const msg = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!parseVCard' });
    // example.js sends to its placeholder 'XXXXXXXXXX@c.us'; here to the one who asked.
    const userId = msg.from;
    const first = await client.sendMessage(userId, V_CARD);
    const second = await client.sendMessage(userId, V_CARD_EXTENDED);
    const plain = await client.sendMessage(userId, V_CARD, { parseVCards: false });
    // A text that only starts like a vCard stays a text.
    const broken = await client.sendMessage(userId, 'BEGIN:VCARD\nthis is not one');
    await serverHas(ctx.sim, broken);
    assert.deepEqual([first.type, first.body, first.vCards], ['vcard', V_CARD, [V_CARD]]);
    assert.deepEqual([second.type, second.vCards], ['vcard', [V_CARD_EXTENDED]]);
    assert.deepEqual([plain.type, plain.vCards, broken.type], ['chat', [], 'chat']);
    const got = await inbox(ctx.sim, peer);
    assert.deepEqual(
      got.map((m) => [m.type, m.body, m.vcards]),
      [
        ['vcard', V_CARD, [{ displayName: 'John Doe', vcard: V_CARD }]],
        ['vcard', V_CARD_EXTENDED, [{ displayName: 'John Doe', vcard: V_CARD_EXTENDED }]],
        ['chat', V_CARD, undefined],
        ['chat', 'BEGIN:VCARD\nthis is not one', undefined],
      ],
    );
  });

  test('a Contact as content is a contact card (vcard); a list of contacts is a multi_vcard', async () => {
    const peer = '15557700012';
    const ada = await client.getContactById('15557700001@c.us');
    const alan = await client.getContactById('15557700002@c.us');
    const card = await client.sendMessage(`${peer}@c.us`, ada);
    const cards = await client.sendMessage(`${peer}@c.us`, [ada, alan]);
    await serverHas(ctx.sim, cards);
    assert.equal(card.type, 'vcard');
    assert.equal(card.vCards.length, 1);
    assert.match(card.vCards[0], /^BEGIN:VCARD\n[\s\S]*FN:Ada Lovelace\n[\s\S]*waid=15557700001:[\s\S]*END:VCARD$/);
    assert.equal(cards.type, 'multi_vcard');
    assert.equal(cards.vCards.length, 2);
    assert.match(cards.vCards[1], /FN:Alan Turing/);
    const [one, many] = await inbox(ctx.sim, peer);
    assert.deepEqual([one.type, one.vcards.map((c) => c.displayName), one.body], ['vcard', ['Ada Lovelace'], card.vCards[0]]);
    assert.deepEqual([many.type, many.vcards.map((c) => c.displayName), many.vcards.map((c) => c.vcard)], ['multi_vcard', ['Ada Lovelace', 'Alan Turing'], cards.vCards]);
    // The message as read back from WhatsApp Web carries the same cards.
    assert.deepEqual((await client.getMessageById(cards.id._serialized)).vCards, cards.vCards);
  });

  test('example.js !mentionGroups and !getGroupMentions: group mentions reach the inbox; getGroupMentions() reads the groups', async () => {
    const peer = '15557700013';
    const { gid } = await client.createGroup('Mentioned', ['15557700001@c.us']);
    const msg = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!mentionGroups' });
    const chat = await msg.getChat();
    // example.js's placeholder group, and a group the account is in.
    const groupId = 'YYYYYYYYYY@g.us';
    await chat.sendMessage(`Check the last message here: @${groupId}`, { groupMentions: { subject: 'GroupSubject', id: groupId } });
    const two = await chat.sendMessage(`Check the last message in these groups: @${groupId}, @${gid.user}`, {
      groupMentions: [
        { subject: 'FirstGroup', id: groupId },
        { subject: 'SecondGroup', id: gid._serialized },
      ],
    });
    await serverHas(ctx.sim, two);
    assert.deepEqual(two.groupMentions, [
      { groupSubject: 'FirstGroup', groupJid: { server: 'g.us', user: 'YYYYYYYYYY', _serialized: groupId } },
      { groupSubject: 'SecondGroup', groupJid: gid },
    ]);
    const got = await inbox(ctx.sim, peer);
    assert.deepEqual(
      got.map((m) => m.groupMentions),
      [
        [{ groupSubject: 'GroupSubject', groupJid: groupId }],
        [
          { groupSubject: 'FirstGroup', groupJid: groupId },
          { groupSubject: 'SecondGroup', groupJid: gid._serialized },
        ],
      ],
    );
    // !getGroupMentions, with a group the account knows.
    const sent = await client.sendMessage(`${peer}@c.us`, `Check the last message here: @${gid.user}`, { groupMentions: { subject: 'GroupSubject', id: gid._serialized } });
    const groups = await sent.getGroupMentions();
    assert.equal(groups.length, 1);
    assert.ok(groups[0] instanceof GroupChat);
    assert.deepEqual([groups[0].id._serialized, groups[0].name], [gid._serialized, 'Mentioned']);
    // A message without group mentions has none.
    assert.deepEqual(await msg.getGroupMentions(), []);
  });

  test('broadcast lists are ERR_NOT_SUPPORTED, a channel the account does not have ERR_INVALID_CHAT_ID; nothing is sent (statuses: status-broadcasts.test.js)', async () => {
    const since = ctx.sim.events.length;
    const refused = async (p) => p.then(() => 'resolved', (e) => `${e.constructor.name}:${e.code}:${e.message}`);
    assert.match(await refused(client.sendMessage('12345@broadcast', 'list')), /^Error:ERR_NOT_SUPPORTED:.*broadcast lists/);
    assert.match(await refused(client.sendMessage('120363000000000009@newsletter', 'channel')), /^TypeError:ERR_INVALID_CHAT_ID:.*no such channel/);
    assert.equal(sentCount(since), 0);
  });

  test('what can never be an id is still refused with a named error, and nothing is sent', async () => {
    const peer = '15557700014';
    const to = `${peer}@c.us`;
    const since = ctx.sim.events.length;
    for (const mentions of [['bob'], [42], ['<script>@c.us'], ['a b@c.us'], ['x\u0007@c.us'], ['1@g.us'], ['']]) {
      assert.equal(await code(client.sendMessage(to, 'x', { mentions })), 'TypeError:ERR_INVALID_CHAT_ID', JSON.stringify(mentions));
    }
    for (const groupMentions of [{ subject: 'x', id: '1@c.us' }, { subject: 'x', id: '<b>@g.us' }, [{ subject: 'x' }]]) {
      assert.equal(await code(client.sendMessage(to, 'x', { groupMentions })), 'TypeError:ERR_INVALID_CHAT_ID', JSON.stringify(groupMentions));
    }
    for (const groupMentions of [{ id: '1@g.us' }, ['1@g.us'], { subject: 7, id: '1@g.us' }]) {
      assert.equal(await code(client.sendMessage(to, 'x', { groupMentions })), 'TypeError:ERR_INVALID_ARGUMENT', JSON.stringify(groupMentions));
    }
    const ada = await client.getContactById('15557700001@c.us');
    assert.equal(await code(client.sendMessage(to, [ada, 'not a contact'])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.sendMessage(to, [])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.sendMessage(to, 'x', { parseVCards: 'yes' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.createGroup('Bad', ['number1'])), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.createGroup('Bad', ['x\u0000@c.us'])), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.createGroup('Bad', ['"><img>@c.us'])), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.deepEqual(await inbox(ctx.sim, peer), []);
    assert.equal(sentCount(since), 0);
    assert.equal(ctx.sim.events.slice(since).filter((e) => e.type === 'group-created').length, 0);
  });
});

test('the simulated server refuses malformed contact cards and group mentions', () => {
  const { _cardsOfSend: cardsOf } = require('../simulator/account-vcards');
  assert.deepEqual(cardsOf({ msgType: 'vcard', body: 'hello', vcardFormattedName: 'x' }), { error: 'bad-vcard' });
  assert.deepEqual(cardsOf({ msgType: 'vcard', body: V_CARD }), { error: 'bad-vcard' });
  assert.deepEqual(cardsOf({ msgType: 'multi_vcard', vcardList: [] }), { error: 'bad-vcard' });
  assert.deepEqual(cardsOf({ msgType: 'multi_vcard', vcardList: [{ displayName: 'a', vcard: 'nope' }] }), { error: 'bad-vcard' });
  assert.deepEqual(cardsOf({ msgType: 'chat', groupMentions: [{ subject: 'x', jid: '1@c.us' }] }), { error: 'bad-group-mentions' });
  assert.deepEqual(cardsOf({ msgType: 'chat', groupMentions: 'x' }), { error: 'bad-group-mentions' });
  assert.deepEqual(cardsOf({ msgType: 'vcard', body: V_CARD, vcardFormattedName: 'John Doe' }), { type: 'vcard', body: V_CARD, vcards: [{ displayName: 'John Doe', vcard: V_CARD }] });
  assert.deepEqual(cardsOf({ msgType: 'chat', groupMentions: [{ subject: 'G', jid: 'YYYYYYYYYY@g.us' }] }), { groupMentions: [{ groupSubject: 'G', groupJid: 'YYYYYYYYYY@g.us' }] });
});
