'use strict';
// After `ready`: messages, chats and contacts, shown by their effect through the simulator's
// account world (/_sim/peer/*, /_sim/contacts, /_sim/unregistered). One logged-in client serves
// the tests of a `describe`; each test talks to its own contact so they cannot see each other.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Client, Message, MessageMedia, Location, Reaction, GroupNotification, PrivateChat, GroupChat, PrivateContact, MessageAck, MessageTypes } = require('..');
const { setup, waitFor, loginByQr, showQr } = require('./helpers');
const { control, peerSend, peerSendAndReceive, inbox, serverHas } = require('./account-helpers');

const ME = '15550100001@c.us';

// Every event of these kinds, in order, with a way to wait for one.
function recorder(client, names = ['message', 'message_create', 'message_ack', 'message_reaction', 'message_revoke_everyone']) {
  const log = [];
  for (const name of names) client.on(name, (...args) => log.push({ name, args }));
  return log;
}

test("whatsapp-web.js's README example, only the require line changed, answers !ping with pong", async () => {
  const ctx = await setup();
  try {
    // --- the example (https://github.com/wwebjs/whatsapp-web.js#example-usage) ---
    const { Client: ExampleClient } = require('..');
    const client = new ExampleClient({ webVersionCache: { type: 'none' }, puppeteer: { args: ctx.sim.chromiumArgs } });
    client.on('ready', () => {
      console.log('Client is ready!');
    });
    client.on('qr', (qr) => {
      ctx.sim.phone.scan(qr);
    });
    client.on('message', (msg) => {
      if (msg.body == '!ping') {
        msg.reply('pong');
      }
    });
    const ready = waitFor(client, 'ready', 30000);
    client.initialize();
    // --- end of the example ---
    try {
      await ready;
      const since = ctx.sim.events.length;
      const pingId = await peerSend(ctx.sim, { from: '15557000001', body: '!ping' });
      const sent = await ctx.sim.waitFor('message-sent', (e) => e.to === '15557000001@c.us', 30000, { since });
      assert.equal(sent.quotedId, pingId);
      const [pong] = await inbox(ctx.sim, '15557000001');
      assert.equal(pong.body, 'pong');
      assert.equal(pong.quotedId, pingId);
      assert.equal(pong.from, ME);
      assert.equal(pong.to, '15557000001@c.us');
      assert.equal(pong.type, 'chat');
    } finally {
      await client.destroy();
    }
  } finally {
    await ctx.close();
  }
});

describe('one logged-in client', () => {
  let ctx;
  let client;
  let log;
  before(async () => {
    ctx = await setup();
    client = ctx.client();
    log = recorder(client);
    await loginByQr(ctx, client);
  });
  after(() => ctx.close());

  test('a received message: message_create then message, once, with whatsapp-web.js fields', async () => {
    const from = '15557000002';
    await ctx.sim.addContacts([{ number: from, name: 'Bob Builder', pushname: 'bob' }]);
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${from}@c.us`);
    const id = await peerSend(ctx.sim, { from, body: 'hello *there*', mentions: ['15550100001'] });
    const msg = await received;
    assert.ok(msg instanceof Message);
    assert.equal(msg.id._serialized, id);
    assert.deepEqual(
      { fromMe: msg.id.fromMe, remote: msg.id.remote },
      { fromMe: false, remote: `${from}@c.us` },
    );
    assert.equal(msg.body, 'hello *there*');
    assert.equal(msg.type, MessageTypes.TEXT);
    assert.equal(msg.from, `${from}@c.us`);
    assert.equal(msg.to, ME);
    assert.equal(msg.author, undefined);
    assert.equal(msg.fromMe, false);
    assert.equal(msg.hasMedia, false);
    assert.equal(msg.hasQuotedMsg, false);
    assert.equal(msg.isForwarded, false);
    assert.deepEqual(msg.mentionedIds, [ME]);
    assert.equal(msg.deviceType, 'android');
    assert.ok(Math.abs(msg.timestamp - Date.now() / 1000) < 60, `timestamp ${msg.timestamp} is now, in seconds`);
    const mine = log.filter((e) => e.args[0].id._serialized === id).map((e) => e.name);
    assert.deepEqual(mine, ['message_create', 'message']);
  });

  test('a burst of messages is emitted in order, each exactly once', async () => {
    const from = '15557000003';
    const ids = [];
    const last = waitFor(client, 'message', 30000, (m) => m.body === 'burst 39');
    for (let i = 0; i < 40; i++) ids.push(await peerSend(ctx.sim, { from, body: `burst ${i}` }));
    await last;
    const got = log.filter((e) => e.name === 'message' && e.args[0].from === `${from}@c.us`).map((e) => e.args[0].id._serialized);
    assert.deepEqual(got, ids);
  });

  test('sendMessage: the contact gets it, acks 1 and 2 follow, 3 when the contact reads it', async () => {
    const to = '15557000004';
    const acks = [];
    client.on('message_ack', (m, ack) => {
      if (m.to === `${to}@c.us`) acks.push(ack);
    });
    const created = waitFor(client, 'message_create', 20000, (m) => m.to === `${to}@c.us`);
    const delivered = waitFor(client, 'message_ack', 20000, (m, ack) => m.to === `${to}@c.us` && ack === MessageAck.ACK_DEVICE);
    const sent = await client.sendMessage(`${to}@c.us`, 'hi from the bot');
    assert.ok(sent instanceof Message);
    assert.equal(sent.fromMe, true);
    assert.equal(sent.body, 'hi from the bot');
    assert.equal(sent.from, ME);
    assert.equal(sent.to, `${to}@c.us`);
    assert.equal(sent.id.fromMe, true);
    assert.equal(sent.deviceType, 'web');
    assert.equal((await created).id._serialized, sent.id._serialized);
    await delivered;
    const [inInbox] = await inbox(ctx.sim, to);
    assert.equal(inInbox.id, sent.id._serialized);
    assert.equal(inInbox.body, 'hi from the bot');
    assert.equal(inInbox.ack, 2);
    // No `message` for our own message.
    assert.ok(!log.some((e) => e.name === 'message' && e.args[0].id._serialized === sent.id._serialized));

    const read = waitFor(client, 'message_ack', 20000, (m, ack) => m.id._serialized === sent.id._serialized && ack === MessageAck.ACK_READ);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/read', { peer: to });
    assert.deepEqual(res.body.read, [sent.id._serialized]);
    const [readMsg, ack] = await read;
    assert.equal(ack, 3);
    assert.equal(readMsg.ack, 3);
    assert.deepEqual(acks, [1, 2, 3]);
    assert.equal((await sent.reload()).ack, 3, 'reload() reads the new ack');
  });

  test('sendMessage options: quotedMessageId, mentions, sendSeen', async () => {
    const peer = '15557000005';
    const theirs = (await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'question?' })).id._serialized;
    assert.equal((await client.getChatById(`${peer}@c.us`)).unreadCount, 1);

    let since = ctx.sim.events.length;
    const answer = await client.sendMessage(`${peer}@c.us`, 'answer', { quotedMessageId: theirs, mentions: ['15557000006@c.us'], sendSeen: false });
    assert.equal(answer.hasQuotedMsg, true);
    assert.deepEqual(answer.mentionedIds, ['15557000006@c.us']);
    const quoted = await answer.getQuotedMessage();
    assert.equal(quoted.id._serialized, theirs);
    assert.equal(quoted.body, 'question?');
    await ctx.sim.waitFor('message-sent', (e) => e.key === answer.id._serialized, 20000, { since });
    assert.ok(!ctx.sim.events.slice(since).some((e) => e.type === 'chat-seen'), 'sendSeen: false does not mark the chat seen');
    assert.equal((await client.getChatById(`${peer}@c.us`)).unreadCount, 1);
    const sentThere = (await inbox(ctx.sim, peer)).find((m) => m.id === answer.id._serialized);
    assert.equal(sentThere.quotedId, theirs);
    assert.deepEqual(sentThere.mentions, ['15557000006@c.us']);

    since = ctx.sim.events.length;
    await client.sendMessage(`${peer}@c.us`, 'and seen');
    await ctx.sim.waitFor('chat-seen', (e) => e.chat === `${peer}@c.us`, 20000, { since });
    assert.equal((await client.getChatById(`${peer}@c.us`)).unreadCount, 0);
  });

  test('sendMessage options: waitUntilMsgSent resolves after the server took it; extra sets message fields as they are', async () => {
    const peer = '15557000041';
    // Without waitUntilMsgSent the message comes back as soon as it is in the chat, before the
    // server's answer; with it, after: its ack says it went.
    const early = await client.sendMessage(`${peer}@c.us`, 'at once');
    assert.equal(early.ack, 0);
    const waited = await client.sendMessage(`${peer}@c.us`, 'after the server', { waitUntilMsgSent: true });
    assert.ok(waited.ack >= 1, `ack ${waited.ack}`);
    // extra: fields spread over the new message last, as whatsapp-web.js does (here a forward count).
    const since = ctx.sim.events.length;
    const marked = await client.sendMessage(`${peer}@c.us`, 'seen this?', { extra: { isForwarded: true, forwardingScore: 4 } });
    assert.deepEqual([marked.isForwarded, marked.forwardingScore], [true, 4]);
    const sent = await ctx.sim.waitFor('message-sent', (e) => e.key === marked.id._serialized, 20000, { since });
    assert.equal(sent.forwardingScore, 4);
    assert.deepEqual((await inbox(ctx.sim, peer)).map((m) => m.body), ['at once', 'after the server', 'seen this?']);
    // Bad values are refused before anything is sent.
    for (const options of [{ extra: 'fields' }, { extra: [1] }, { waitUntilMsgSent: 'yes' }]) {
      await assert.rejects(client.sendMessage(`${peer}@c.us`, 'never', options), (e) => e.code === 'ERR_INVALID_ARGUMENT' && /options\.(extra|waitUntilMsgSent)/.test(e.message));
    }
    assert.equal((await inbox(ctx.sim, peer)).length, 3);
  });

  test('a message sent from the phone itself is message_create with fromMe, and no message', async () => {
    const to = '15557000007';
    const created = waitFor(client, 'message_create', 20000, (m) => m.to === `${to}@c.us`);
    const id = await peerSend(ctx.sim, { from: '15550100001', to, body: 'typed on the phone' });
    const msg = await created;
    assert.equal(msg.id._serialized, id);
    assert.equal(msg.fromMe, true);
    assert.equal(msg.from, ME);
    assert.equal(msg.body, 'typed on the phone');
    assert.ok(!log.some((e) => e.name === 'message' && e.args[0].id._serialized === id));
  });

  test('Message methods: reply, getChat, getContact', async () => {
    const from = '15557000008';
    await ctx.sim.addContacts([{ number: from, name: 'Carol Singer', pushname: 'carol' }]);
    const msg = await peerSendAndReceive(ctx.sim, client, { from, body: 'reply to me' });
    const chat = await msg.getChat();
    assert.ok(chat instanceof PrivateChat);
    assert.equal(chat.id._serialized, `${from}@c.us`);
    const contact = await msg.getContact();
    assert.ok(contact instanceof PrivateContact);
    assert.equal(contact.name, 'Carol Singer');
    const reply = await msg.reply('replied');
    assert.equal(reply.hasQuotedMsg, true);
    assert.equal(reply.to, `${from}@c.us`);
    await serverHas(ctx.sim, reply);
    const [there] = await inbox(ctx.sim, from);
    assert.equal(there.quotedId, msg.id._serialized);
  });

  test('getChats, getChatById, Chat fields, chat.sendMessage and fetchMessages', async () => {
    const peer = '15557000009';
    await ctx.sim.addContacts([{ number: peer, name: 'Dave Chat' }]);
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'one' });
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'two' });

    const chats = await client.getChats();
    const chat = chats.find((c) => c.id._serialized === `${peer}@c.us`);
    assert.ok(chat instanceof PrivateChat);
    assert.equal(chat.name, 'Dave Chat');
    assert.equal(chat.isGroup, false);
    assert.equal(chat.unreadCount, 2);
    assert.equal(chat.archived, false);
    assert.equal(chat.pinned, false);
    assert.equal(chat.isMuted, false);
    assert.equal(chat.lastMessage.body, 'two');
    assert.ok(chat.timestamp > 0);

    const mine = await chat.sendMessage('three');
    assert.equal(mine.to, `${peer}@c.us`);
    const all = await chat.fetchMessages({});
    assert.deepEqual(all.map((m) => m.body), ['one', 'two', 'three']);
    assert.deepEqual((await chat.fetchMessages({ limit: 2 })).map((m) => m.body), ['two', 'three']);
    assert.deepEqual((await chat.fetchMessages({ fromMe: true })).map((m) => m.body), ['three']);
    assert.deepEqual((await chat.fetchMessages({ fromMe: false, limit: 1 })).map((m) => m.body), ['two']);

    assert.equal(await chat.sendSeen(), true);
    assert.equal((await client.getChatById(`${peer}@c.us`)).unreadCount, 0);
    assert.equal((await client.getMessageById(mine.id._serialized)).body, 'three');
    assert.equal(await client.getMessageById(`false_${peer}@c.us_0123456789ABCDEF`), null);
  });

  test('chat settings: archive, pin, mute, markUnread and typing states reach WhatsApp and show in the Chat', async () => {
    const peer = '15557000025';
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'settings' });
    const chat = await client.getChatById(`${peer}@c.us`);
    const settings = (since) => ctx.sim.events.slice(since).filter((e) => e.type === 'chat-setting' && e.chat === `${peer}@c.us`).map((e) => [e.setting, e.value]);
    const since = ctx.sim.events.length;

    assert.equal(await chat.archive(), true);
    assert.equal((await client.getChatById(`${peer}@c.us`)).archived, true);
    assert.equal(await chat.unarchive(), false);
    assert.equal((await client.getChatById(`${peer}@c.us`)).archived, false);

    assert.equal(await chat.pin(), true);
    assert.equal((await client.getChatById(`${peer}@c.us`)).pinned, true);
    assert.equal(await chat.unpin(), false);

    const until = new Date(Date.now() + 3600 * 1000);
    assert.deepEqual(await chat.mute(until), { isMuted: true, muteExpiration: Math.floor(until.getTime() / 1000) });
    assert.equal(chat.isMuted, true);
    assert.equal((await client.getChatById(`${peer}@c.us`)).isMuted, true);
    assert.deepEqual(await client.muteChat(`${peer}@c.us`), { isMuted: true, muteExpiration: -1 });
    assert.deepEqual(await chat.unmute(), { isMuted: false, muteExpiration: 0 });
    assert.equal((await client.getChatById(`${peer}@c.us`)).isMuted, false);

    await chat.markUnread();
    assert.equal((await client.getChatById(`${peer}@c.us`)).unreadCount, -1);

    assert.equal(await chat.sendStateTyping(), true);
    assert.equal(await chat.sendStateRecording(), true);
    assert.equal(await chat.clearState(), true);

    assert.deepEqual(settings(since), [
      ['archive', true],
      ['archive', false],
      ['pin', true],
      ['pin', false],
      ['mute', Math.floor(until.getTime() / 1000)],
      ['mute', -1],
      ['mute', 0],
      ['unread', true],
      ['state', 'typing'],
      ['state', 'recording'],
      ['state', 'paused'],
    ]);
    await assert.rejects(client.muteChat(`${peer}@c.us`, 'tomorrow'), { code: 'ERR_INVALID_ARGUMENT' });
  });

  test('getContacts, getContactById and Contact fields', async () => {
    const number = '15557000010';
    await ctx.sim.addContacts([{ number, name: 'Erin Known', pushname: 'erin' }]);
    // The page learns of address-book changes over its socket, in order with messages: once a
    // later message is in, so is the contact.
    await peerSendAndReceive(ctx.sim, client, { from: '15557000002', body: 'after the address book' });
    const contacts = await client.getContacts();
    const erin = contacts.find((c) => c.id._serialized === `${number}@c.us`);
    assert.ok(erin, 'the address book contact is listed');
    assert.equal(erin.name, 'Erin Known');
    assert.equal(erin.pushname, 'erin');
    assert.equal(erin.shortName, 'Erin');
    assert.equal(erin.number, number);
    assert.equal(erin.isMyContact, true);
    assert.equal(erin.isUser, true);
    assert.equal(erin.isGroup, false);
    assert.equal(erin.isMe, false);
    assert.equal(erin.isWAContact, true);
    assert.equal(erin.isBusiness, false);
    assert.equal(erin.isBlocked, false);

    const stranger = await client.getContactById('15557000011@c.us');
    assert.equal(stranger.number, '15557000011');
    assert.equal(stranger.isMyContact, false);
    assert.equal(stranger.name, undefined, 'no name: not in the address book');
    const me = await client.getContactById(ME);
    assert.equal(me.isMe, true);
    assert.equal(await me.getChat(), null);
    assert.equal(await erin.getFormattedNumber(), '+1 (555) 700-0010');
    assert.equal(await erin.getCountryCode(), '1');
  });

  test('getProfilePicUrl and getAbout: the address book picture and text, undefined/null without', async () => {
    const number = '15557000026';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await ctx.sim.addContacts([{ number, name: 'Pic Ture', about: 'Hey there!', picture: { mimetype: 'image/png', data: png.toString('base64') } }]);
    await peerSendAndReceive(ctx.sim, client, { from: number, body: 'after the address book' });
    const url = await client.getProfilePicUrl(`${number}@c.us`);
    assert.match(url, /^https:\/\/web\.whatsapp\.com\/_media\//);
    const contact = await client.getContactById(`${number}@c.us`);
    assert.equal(await contact.getProfilePicUrl(), url);
    assert.equal(await contact.getAbout(), 'Hey there!');
    // The simulator's media server has the picture at that address.
    const res = await fetch(new URL(new URL(url).pathname, ctx.sim.httpUrl));
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(png));
    const stranger = await client.getContactById('15557000027@c.us');
    assert.equal(await stranger.getProfilePicUrl(), undefined);
    assert.equal(await stranger.getAbout(), null);
  });

  test('isRegisteredUser, getNumberId, getFormattedNumber, getCountryCode', async () => {
    await control(ctx.sim, 'POST', '/_sim/unregistered', { numbers: ['15557000099'] });
    assert.equal(await client.isRegisteredUser('15557000012'), true);
    assert.equal(await client.isRegisteredUser('15557000099@c.us'), false);
    assert.deepEqual(await client.getNumberId('15557000012'), { server: 'c.us', user: '15557000012', _serialized: '15557000012@c.us' });
    assert.equal(await client.getNumberId('15557000099'), null);
    assert.equal(await client.getFormattedNumber('15557000012@c.us'), '+1 (555) 700-0012');
    assert.equal(await client.getCountryCode('+447911123456'), '44');
    assert.equal(await client.getCountryCode('4915112345678@c.us'), '49');
    assert.equal(await client.getCountryCode('380501234567'), '380');
  });

  test('bad ids and arguments are typed errors, before anything reaches the page', async () => {
    const code = async (p) => p.then(() => 'resolved', (e) => `${e.constructor.name}:${e.code}`);
    assert.equal(await code(client.sendMessage('15557000013', 'no server')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.sendMessage('abc@c.us', 'x')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.sendMessage(42, 'x')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.getChatById('1@x.us')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.sendMessage('15557000013@c.us', { not: 'text' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.sendMessage('15557000013@c.us', 'x', { quotedMessageId: 'nope' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.sendMessage('15557000013@c.us', 'x', { mentions: ['bob'] })), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.isRegisteredUser('12ab')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.deepEqual(await inbox(ctx.sim, '15557000013'), [], 'nothing was sent');
    // A group and a LID are valid ids (the chat is made, as WhatsApp Web does).
    assert.equal((await client.getChatById('123456789@lid')).id._serialized, '123456789@lid');
  });

  test('media: a received picture has hasMedia, its caption as body, and downloadMedia() gives the file', async () => {
    const from = '15557000023';
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${from}@c.us`);
    await peerSend(ctx.sim, { from, body: 'look at this', media: { mimetype: 'image/png', data: png.toString('base64'), filename: 'dot.png' } });
    const msg = await received;
    assert.equal(msg.hasMedia, true);
    assert.equal(msg.type, MessageTypes.IMAGE);
    assert.equal(msg.body, 'look at this');
    const media = await msg.downloadMedia();
    assert.ok(media instanceof MessageMedia);
    assert.equal(media.mimetype, 'image/png');
    assert.equal(media.filename, 'dot.png');
    assert.equal(media.filesize, png.length);
    assert.ok(Buffer.from(media.data, 'base64').equals(png));
    // A document keeps its name; a text message has nothing to download.
    const docReceived = waitFor(client, 'message', 20000, (m) => m.from === `${from}@c.us` && m.type === 'document');
    await peerSend(ctx.sim, { from, media: { mimetype: 'application/pdf', data: Buffer.from('%PDF-1.4').toString('base64'), filename: 'a.pdf' } });
    const doc = await docReceived;
    assert.equal((await doc.downloadMedia()).filename, 'a.pdf');
    const text = await peerSendAndReceive(ctx.sim, client, { from, body: 'plain' });
    assert.equal(text.hasMedia, false);
    assert.equal(await text.downloadMedia(), undefined);
  });

  test('media: sendMessage with a MessageMedia (caption, as a document), from a file; too large is ERR_MEDIA_TOO_LARGE', async () => {
    const to = '15557000024';
    const fs = require('fs');
    const os = require('os');
    const path = require('path');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-media-')), 'dot.png');
    fs.writeFileSync(file, png);
    const media = MessageMedia.fromFilePath(file);
    assert.deepEqual([media.mimetype, media.filename], ['image/png', 'dot.png']);

    const sent = await client.sendMessage(`${to}@c.us`, media, { caption: 'a dot' });
    assert.equal(sent.type, MessageTypes.IMAGE);
    assert.equal(sent.hasMedia, true);
    assert.equal(sent.body, 'a dot');
    const asDoc = await client.sendMessage(`${to}@c.us`, 'the caption', { media, sendMediaAsDocument: true });
    assert.equal(asDoc.type, MessageTypes.DOCUMENT);
    await serverHas(ctx.sim, sent);
    await serverHas(ctx.sim, asDoc);
    const list = await inbox(ctx.sim, to);
    assert.deepEqual(list.map((m) => [m.id, m.type, m.body, m.media]), [
      [sent.id._serialized, 'image', 'a dot', { mimetype: 'image/png', filename: 'dot.png', size: png.length }],
      [asDoc.id._serialized, 'document', 'the caption', { mimetype: 'image/png', filename: 'dot.png', size: png.length }],
    ]);
    // What was sent can be downloaded again, byte for byte.
    assert.ok(Buffer.from((await sent.downloadMedia()).data, 'base64').equals(png));

    const huge = new MessageMedia('video/mp4', Buffer.alloc(16 * 1024 * 1024 + 1).toString('base64'), 'big.mp4');
    await assert.rejects(client.sendMessage(`${to}@c.us`, huge), { code: 'ERR_MEDIA_TOO_LARGE' });
    await assert.rejects(client.sendMessage(`${to}@c.us`, new MessageMedia('image/png', 'not base64!')), { code: 'ERR_INVALID_ARGUMENT' });
    assert.equal((await inbox(ctx.sim, to)).length, 2, 'nothing else was sent');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test('locations: sendMessage(new Location(...)) and a received one, with whatsapp-web.js\'s fields', async () => {
    const to = '15557000028';
    const sent = await client.sendMessage(`${to}@c.us`, new Location(52.3731, 4.8926, { name: 'Dam Square', address: 'Amsterdam', url: 'https://example.com/dam' }));
    assert.equal(sent.type, MessageTypes.LOCATION);
    assert.ok(sent.location instanceof Location);
    assert.deepEqual(
      [sent.location.latitude, sent.location.longitude, sent.location.name, sent.location.address, sent.location.url, sent.location.description],
      [52.3731, 4.8926, 'Dam Square', 'Amsterdam', 'https://example.com/dam', 'Dam Square\nAmsterdam'],
    );
    await serverHas(ctx.sim, sent);
    const [there] = await inbox(ctx.sim, to);
    assert.deepEqual(there.location, { latitude: 52.3731, longitude: 4.8926, description: 'Dam Square\nAmsterdam', url: 'https://example.com/dam' });

    const received = waitFor(client, 'message', 20000, (m) => m.from === `${to}@c.us`);
    await peerSend(ctx.sim, { from: to, location: { latitude: -33.8568, longitude: 151.2153, description: 'Opera House' } });
    const msg = await received;
    assert.equal(msg.type, 'location');
    assert.deepEqual([msg.location.latitude, msg.location.longitude, msg.location.name, msg.location.description], [-33.8568, 151.2153, 'Opera House', 'Opera House']);
    await assert.rejects(client.sendMessage(`${to}@c.us`, new Location(100, 0)), { code: 'ERR_INVALID_ARGUMENT' });
  });

  test('forward(): a copy in the other chat, marked forwarded', async () => {
    const from = '15557000029';
    const to = '15557000032';
    const msg = await peerSendAndReceive(ctx.sim, client, { from, body: 'pass it on' });
    const created = waitFor(client, 'message_create', 20000, (m) => m.to === `${to}@c.us`);
    const since = ctx.sim.events.length;
    await msg.forward(`${to}@c.us`);
    const copy = await created;
    assert.deepEqual([copy.body, copy.fromMe, copy.isForwarded, copy.forwardingScore], ['pass it on', true, true, 1]);
    const sent = await ctx.sim.waitFor('message-sent', (e) => e.to === `${to}@c.us`, 30000, { since });
    assert.equal(sent.forwardingScore, 1);
    assert.equal((await inbox(ctx.sim, to))[0].body, 'pass it on');
    // A Chat works as the target too.
    const created2 = waitFor(client, 'message_create', 20000, (m) => m.to === `${from}@c.us` && m.isForwarded);
    await copy.forward(await client.getChatById(`${from}@c.us`));
    assert.equal((await created2).forwardingScore, 2);
  });

  test('reactions: message_reaction for the contact\'s and our own, react() reaches the server', async () => {
    const from = '15557000020';
    const msg = await peerSendAndReceive(ctx.sim, client, { from, body: 'react to me' });
    const theirs = waitFor(client, 'message_reaction', 20000, (r) => r.senderId === `${from}@c.us`);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/react', { from, messageId: msg.id._serialized, reaction: '👍' });
    assert.equal(res.status, 200);
    const reaction = await theirs;
    assert.ok(reaction instanceof Reaction);
    assert.equal(reaction.reaction, '👍');
    assert.equal(reaction.msgId._serialized, msg.id._serialized);
    assert.equal(reaction.id._serialized, res.body.id);
    assert.equal(reaction.read, false);
    assert.equal(reaction.orphan, 0);
    assert.ok(Math.abs(reaction.timestamp - Date.now() / 1000) < 60);
    assert.equal((await msg.reload()).hasReaction, true);

    const since = ctx.sim.events.length;
    const ours = waitFor(client, 'message_reaction', 20000, (r) => r.senderId === ME);
    await msg.react('❤️');
    const sent = await ctx.sim.waitFor('reaction-sent', (e) => e.parentKey === msg.id._serialized, 20000, { since });
    assert.equal(sent.reaction, '❤️');
    const own = await ours;
    assert.equal(own.reaction, '❤️');
    assert.equal(own.id.fromMe, true);
    await assert.rejects(client.sendReaction(msg.id._serialized, 42), { code: 'ERR_INVALID_ARGUMENT' });
  });

  test('revoking: message_revoke_everyone with the message before and after; delete() for everyone and for me', async () => {
    const from = '15557000021';
    const msg = await peerSendAndReceive(ctx.sim, client, { from, body: 'regret this' });
    const revoked = waitFor(client, 'message_revoke_everyone', 20000, (m) => m.id._serialized === msg.id._serialized);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/revoke', { from, messageId: msg.id._serialized })).status, 200);
    const [now, before] = await revoked;
    assert.equal(now.type, MessageTypes.REVOKED);
    assert.equal(now.body, '');
    assert.equal(before.body, 'regret this');
    assert.equal(before.type, 'chat');
    // Only the sender can revoke.
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/revoke', { from: '15557000022', messageId: msg.id._serialized })).status, 403);

    const mine = await client.sendMessage(`${from}@c.us`, 'oops');
    const ownRevoked = waitFor(client, 'message_revoke_everyone', 20000, (m) => m.id._serialized === mine.id._serialized);
    await mine.delete(true);
    const [mineNow, mineBefore] = await ownRevoked;
    assert.equal(mineNow.type, 'revoked');
    assert.equal(mineBefore.body, 'oops');
    const there = (await inbox(ctx.sim, from)).find((m) => m.id === mine.id._serialized);
    assert.deepEqual([there.type, there.body], ['revoked', '']);

    const forMe = await client.sendMessage(`${from}@c.us`, 'just here');
    await serverHas(ctx.sim, forMe);
    await forMe.delete(false);
    assert.equal(await client.getMessageById(forMe.id._serialized), null);
    const kept = (await inbox(ctx.sim, from)).find((m) => m.id === forMe.id._serialized);
    assert.deepEqual([kept.type, kept.body], ['chat', 'just here'], 'deleting for me leaves the contact\'s copy');
  });

  test('groups: group_join, messages with an author, GroupChat fields, replies, group_leave', async () => {
    const joined = waitFor(client, 'group_join', 20000);
    // An old-style group, addressed by phone numbers (LID groups, today's default: lid-groups.test.js).
    const created = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Builders', participants: ['15557000030', '15557000031'], description: 'we build', addressingMode: 'pn' });
    assert.equal(created.status, 200);
    const group = created.body.id;
    assert.match(group, /^\d+@g\.us$/);
    const note = await joined;
    assert.ok(note instanceof GroupNotification);
    assert.equal(note.type, 'add');
    assert.equal(note.chatId, group);
    assert.equal(note.author, '15557000030@c.us');
    assert.deepEqual(note.recipientIds, [ME]);
    assert.equal((await note.getChat()).name, 'Builders');
    assert.ok(!log.some((e) => e.args[0].id && e.args[0].id._serialized === note.id._serialized), 'a notification is not a message');

    const received = waitFor(client, 'message', 20000, (m) => m.from === group);
    const sentId = await peerSend(ctx.sim, { from: '15557000031', to: group, body: '!ping' });
    const msg = await received;
    assert.equal(msg.id._serialized, sentId);
    assert.equal(msg.author, '15557000031@c.us');
    assert.equal(msg.to, ME);
    assert.equal((await msg.getContact()).id._serialized, '15557000031@c.us');
    const reply = await msg.reply('pong');
    assert.equal(reply.to, group);
    assert.equal(reply.id._serialized.endsWith(`_${ME}`), true, 'own group messages carry the sender as participant');
    await serverHas(ctx.sim, reply);
    const [there] = await inbox(ctx.sim, group);
    assert.deepEqual([there.id, there.body, there.quotedId], [reply.id._serialized, 'pong', sentId]);

    const chat = await client.getChatById(group);
    assert.ok(chat instanceof GroupChat);
    assert.equal(chat.isGroup, true);
    assert.equal(chat.name, 'Builders');
    assert.equal(chat.description, 'we build');
    assert.equal(chat.owner._serialized, '15557000030@c.us');
    assert.ok(chat.createdAt instanceof Date && Math.abs(chat.createdAt - Date.now()) < 60000);
    assert.deepEqual(chat.participants.map((p) => [p.id._serialized, p.isAdmin]), [['15557000030@c.us', true], ['15557000031@c.us', false], [ME, false]]);

    const left = waitFor(client, 'group_leave', 20000);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/groups/remove', { id: group, number: '15550100001' })).status, 200);
    const leave = await left;
    assert.equal(leave.type, 'remove');
    assert.deepEqual(leave.recipientIds, [ME]);
    assert.deepEqual((await client.getChatById(group)).participants.map((p) => p.id._serialized), ['15557000030@c.us', '15557000031@c.us']);
  });

  test('messages that arrive while the socket reconnects are emitted once, in order', async () => {
    const from = '15557000014';
    const ids = [];
    const last = waitFor(client, 'message', 30000, (m) => m.body === 'during 5');
    const reset = client.resetState();
    for (let i = 0; i < 6; i++) ids.push(await peerSend(ctx.sim, { from, body: `during ${i}` }));
    await reset;
    await last;
    const got = log.filter((e) => e.name === 'message' && e.args[0].from === `${from}@c.us`).map((e) => e.args[0].id._serialized);
    assert.deepEqual(got, ids);
  });

  test('after a page reload, old messages are history and new ones are emitted once', async () => {
    const from = '15557000015';
    await peerSendAndReceive(ctx.sim, client, { from, body: 'before reload' });
    const ready = waitFor(client, 'ready', 30000);
    ctx.sim.reloadPages();
    await ready;
    await peerSendAndReceive(ctx.sim, client, { from, body: 'after reload' });
    const got = log.filter((e) => e.name === 'message' && e.args[0].from === `${from}@c.us`).map((e) => e.args[0].body);
    assert.deepEqual(got, ['before reload', 'after reload']);
    const chat = await client.getChatById(`${from}@c.us`);
    assert.deepEqual((await chat.fetchMessages({})).map((m) => m.body), ['before reload', 'after reload']);
  });
});

test('a message that arrives between the first sync and ready is emitted (whatsapp-web.js loses it)', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    const log = recorder(client);
    let earlyId = null;
    ctx.sim.on('event', (ev) => {
      if (ev.type === 'synced' && !earlyId) earlyId = ctx.sim.peer.send({ from: '15557000018', body: 'too early' }).id;
    });
    const early = waitFor(client, 'message', 30000, (m) => m.body === 'too early');
    await loginByQr(ctx, client);
    assert.equal((await early).id._serialized, earlyId);
    assert.deepEqual(log.filter((e) => e.name === 'message').map((e) => e.args[0].body), ['too early']);
  } finally {
    await ctx.close();
  }
});

test('calls before ready: ERR_NOT_INITIALIZED, then ERR_NOT_LOGGED_IN while waiting for a login', async () => {
  const ctx = await setup();
  try {
    const client = ctx.client();
    await assert.rejects(client.getChats(), { code: 'ERR_NOT_INITIALIZED' });
    await showQr(client);
    await assert.rejects(client.sendMessage('15557000016@c.us', 'too early'), { code: 'ERR_NOT_LOGGED_IN' });
    await assert.rejects(client.getContacts(), { code: 'ERR_NOT_LOGGED_IN' });
    await client.destroy();
    await assert.rejects(client.getChats(), { code: 'ERR_CLIENT_DESTROYED' });
  } finally {
    await ctx.close();
  }
});

test('messages sent while no client is running arrive after the next login as messages, once', async () => {
  const ctx = await setup();
  try {
    const { LocalAuth } = require('..');
    const fs = require('fs');
    const os = require('os');
    const path = require('path');
    const dataPath = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-msg-auth-'));
    const first = ctx.client({ authStrategy: new LocalAuth({ dataPath }) });
    await loginByQr(ctx, first);
    await first.destroy();
    const id = await peerSend(ctx.sim, { from: '15557000017', body: 'while you were away' });
    const second = ctx.client({ authStrategy: new LocalAuth({ dataPath }) });
    const log = recorder(second);
    const got = waitFor(second, 'message', 30000, (m) => m.id._serialized === id);
    await second.initialize();
    const msg = await got;
    assert.equal(msg.body, 'while you were away');
    assert.equal(log.filter((e) => e.name === 'message').length, 1);
    // Chromium writes into the profile until it is gone: remove it only after.
    await second.destroy();
    fs.rmSync(dataPath, { recursive: true, force: true });
  } finally {
    await ctx.close();
  }
});

test('Client exports the structures and constants of whatsapp-web.js', () => {
  assert.equal(typeof Client.prototype.sendMessage, 'function');
  assert.deepEqual(MessageAck, { ACK_ERROR: -1, ACK_PENDING: 0, ACK_SERVER: 1, ACK_DEVICE: 2, ACK_READ: 3, ACK_PLAYED: 4 });
  const wwebjs = require('whatsapp-web.js');
  assert.deepEqual(MessageTypes, wwebjs.MessageTypes);
  assert.deepEqual(require('..').ChatTypes, wwebjs.ChatTypes);
});

test('every page function of the account (src/page/<area>/) is one function expression (Rust wraps each in a call)', () => {
  const fs = require('fs');
  const path = require('path');
  const page = path.join(__dirname, '..', 'src', 'page');
  const files = ['models.js'];
  for (const area of fs.readdirSync(page, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    files.push(...fs.readdirSync(path.join(page, area.name)).filter((f) => f.endsWith('.js')).map((f) => path.join(area.name, f)));
  }
  assert.ok(files.length > 35, `only ${files.length} page functions found`);
  for (const name of files) {
    const source = fs.readFileSync(path.join(page, name), 'utf8');
    // eslint-disable-next-line no-new-func
    assert.equal(typeof new Function(`return (${source}\n);`)(), 'function', name);
  }
});

test("the account world's control API: bad bodies are 400, no account 409, unknown things 404", async () => {
  const { startSimulator } = require('../simulator');
  const sim = await startSimulator();
  try {
    const post = (route, body) => control(sim, 'POST', route, body);
    assert.equal((await post('/_sim/peer/send', { from: '15557654321', body: 'hi' })).status, 409, 'no account linked yet');
    assert.equal((await post('/_sim/peer/send', { from: 'abc', body: 'hi' })).status, 400);
    assert.equal((await post('/_sim/peer/send', { from: '15557654321', to: '1203630000@g.us', body: 'hi' })).status, 404);
    assert.equal((await post('/_sim/peer/read', { peer: '0123' })).status, 400);
    assert.equal((await post('/_sim/peer/react', { from: '15557654321', messageId: 'nope', reaction: '👍' })).status, 404);
    assert.equal((await post('/_sim/contacts', { contacts: 'Alice' })).status, 400);
    assert.equal((await post('/_sim/contacts', { contacts: [{ number: '15557654321', name: 7 }] })).status, 400);
    assert.equal((await post('/_sim/unregistered', { numbers: ['12'] })).status, 400);
    assert.equal((await post('/_sim/groups', { subject: '', participants: ['15557654321'] })).status, 400);
    assert.equal((await control(sim, 'GET', '/_sim/peer/inbox?peer=x')).status, 400);
    const ok = await post('/_sim/contacts', { contacts: [{ number: '+1 555 765 4321', name: 'Alice' }] });
    assert.deepEqual([ok.status, ok.body], [200, { ok: true, count: 1 }]);
    assert.deepEqual((await control(sim, 'GET', '/_sim/peer/inbox?peer=15557654321')).body, { messages: [] });
    const unknown = await control(sim, 'GET', '/_sim/nope');
    assert.equal(unknown.status, 404);
    assert.ok(unknown.body.routes.includes('POST /_sim/peer/send {from, to?, body, quotedId?, mentions?, media?, location?, event?, order?, payment?, lidChat?, ciphertextMs?}'));
  } finally {
    await sim.close();
  }
});
