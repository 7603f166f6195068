'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, after `ready` against the simulator's account world:
// it answers !ping with a quoted pong, sends text and sees its acks, and reads chats and contacts.
// This shows that the simulated page models the internals whatsapp-web.js uses for these the way
// WhatsApp Web does, independently of our client.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageAck, MessageMedia, Location } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin, untilPageHasLid } = require('./wwebjs-harness');

const ME = '15550100001@c.us';

test('whatsapp-web.js after ready: ping-pong, sendMessage with acks, getChats, getContacts, numbers, media in and out, chat settings, reactions, revoking, groups', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    const log = [];
    for (const name of ['message', 'message_create', 'message_ack']) client.on(name, (...args) => log.push({ name, args }));
    // The README example's handler.
    client.on('message', (msg) => {
        if (msg.body == '!ping') msg.reply('pong');
    });
    await wwebjsLogin(sim, client);

    // Ping-pong.
    await sim.addContacts([{ number: '15557100001', name: 'Pinger', pushname: 'ping' }]);
    let since = sim.events.length;
    const pongCreated = waitFor(client, 'message_create', 30000, (m) => m.body === 'pong');
    const { id: pingId } = sim.peer.send({ from: '15557100001', body: '!ping' });
    const sent = await sim.waitFor('message-sent', (e) => e.to === '15557100001@c.us', 30000, { since });
    assert.equal(sent.quotedId, pingId);
    const [pong] = sim.peer.inbox('15557100001').messages;
    assert.equal(pong.body, 'pong');
    await pongCreated;
    const received = log.find((e) => e.name === 'message');
    assert.equal(received.args[0].id._serialized, pingId);
    assert.equal(received.args[0].from, '15557100001@c.us');
    assert.equal(received.args[0].to, ME);
    assert.deepEqual(
        log.filter((e) => e.name !== 'message_ack').map((e) => [e.name, e.args[0].body]),
        [
            ['message_create', '!ping'],
            ['message', '!ping'],
            ['message_create', 'pong'],
        ],
    );

    // whatsapp-web.js defect (1.34.7 and main 2dc9466, src/util/Injected/Utils.js:842-875
    // getChat): a chat with a number the page has no LID for cannot be opened; WhatsApp Web's
    // findOrCreateLatestChat throws "No LID for user" (whatsapp-web.js issues #145434, #69244).
    // Users call getNumberId() first, which gives the page the number's LID.
    await assert.rejects(client.sendMessage('15557100002@c.us', 'hello'), /No LID for user/);
    for (const number of ['15557100002', '15557100003', '15557100005', '15557100006', '15557100007']) await client.getNumberId(number);

    // sendMessage and its acks.
    const delivered = waitFor(client, 'message_ack', 30000, (m, ack) => m.body === 'hello' && ack === MessageAck.ACK_DEVICE);
    const hello = await client.sendMessage('15557100002@c.us', 'hello');
    assert.equal(hello.fromMe, true);
    assert.equal(hello.to, '15557100002@c.us');
    await delivered;
    assert.equal(sim.peer.inbox('15557100002').messages[0].id, hello.id._serialized);
    const read = waitFor(client, 'message_ack', 30000, (m, ack) => m.body === 'hello' && ack === MessageAck.ACK_READ);
    sim.peer.read({ peer: '15557100002' });
    await read;

    // A message from the phone is message_create with fromMe only.
    since = log.length;
    const created = waitFor(client, 'message_create', 30000, (m) => m.body === 'from the phone');
    sim.peer.send({ from: '15550100001', to: '15557100001', body: 'from the phone' });
    assert.equal((await created).fromMe, true);
    assert.ok(!log.slice(since).some((e) => e.name === 'message'));

    // Chats, contacts, numbers.
    const chats = await client.getChats();
    const pinger = chats.find((c) => c.id._serialized === '15557100001@c.us');
    assert.equal(pinger.name, 'Pinger');
    assert.equal(pinger.isGroup, false);
    assert.equal(pinger.lastMessage.body, 'from the phone');
    const contacts = await client.getContacts();
    const contact = contacts.find((c) => c.id._serialized === '15557100001@c.us');
    assert.equal(contact.name, 'Pinger');
    assert.equal(contact.isMyContact, true);
    assert.equal(contact.number, '15557100001');
    sim.addUnregistered(['15557100099']);
    assert.equal(await client.isRegisteredUser('15557100001'), true);
    assert.equal(await client.isRegisteredUser('15557100099'), false);
    assert.equal(await client.getFormattedNumber('15557100001'), '+1 (555) 710-0001');
    assert.equal(await client.getCountryCode('447911123456'), '44');
    const messages = await (await client.getChatById('15557100001@c.us')).fetchMessages({ limit: 5 });
    assert.deepEqual(messages.map((m) => m.body), ['!ping', 'pong', 'from the phone']);
    assert.equal((await messages[1].getQuotedMessage()).body, '!ping');

    // Media: a received picture, downloaded through WAWebDownloadManager.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const picture = waitFor(client, 'message', 30000, (m) => m.type === 'image');
    sim.peer.send({ from: '15557100001', body: 'a picture', media: { mimetype: 'image/png', data: png.toString('base64'), filename: 'x.png' } });
    const withMedia = await picture;
    assert.deepEqual([withMedia.hasMedia, withMedia.body], [true, 'a picture']);
    const media = await withMedia.downloadMedia();
    assert.deepEqual([media.mimetype, media.filename, media.filesize], ['image/png', 'x.png', png.length]);
    assert.ok(Buffer.from(media.data, 'base64').equals(png));

    // Sending media: its processMediaData steps against the page's media modules.
    const sentMedia = await client.sendMessage('15557100003@c.us', new MessageMedia('image/png', png.toString('base64'), 'dot.png'), { caption: 'a dot' });
    assert.deepEqual([sentMedia.type, sentMedia.body, sentMedia.hasMedia], ['image', 'a dot', true]);
    const sentDoc = await client.sendMessage('15557100003@c.us', new MessageMedia('image/png', png.toString('base64'), 'dot.png'), { sendMediaAsDocument: true });
    assert.equal(sentDoc.type, 'document');
    // sendMessage() resolves once the page holds the message; the inbox has it once the server does.
    for (const m of [sentMedia, sentDoc]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    assert.deepEqual(
        sim.peer.inbox('15557100003').messages.map((m) => [m.type, m.media]),
        [
            ['image', { mimetype: 'image/png', filename: 'dot.png', size: png.length }],
            ['document', { mimetype: 'image/png', filename: 'dot.png', size: png.length }],
        ],
    );

    // Reactions: the contact's and its own, through the reaction table it hooks.
    const theirReaction = waitFor(client, 'message_reaction', 30000, (r) => r.senderId === '15557100001@c.us');
    const { id: reactionId } = sim.peer.react({ from: '15557100001', messageId: pingId, reaction: '👍' });
    const reaction = await theirReaction;
    assert.equal(reaction.reaction, '👍');
    assert.equal(reaction.msgId._serialized, pingId);
    assert.equal(reaction.id._serialized, reactionId);
    since = sim.events.length;
    const ownReaction = waitFor(client, 'message_reaction', 30000, (r) => r.senderId === ME);
    await messages[0].react('🎉');
    assert.equal((await ownReaction).reaction, '🎉');
    assert.equal((await sim.waitFor('reaction-sent', null, 30000, { since })).parentKey, pingId);

    // Revoking: the contact's message, then its own with delete(true).
    const revoked = waitFor(client, 'message_revoke_everyone', 30000, (m) => m.id._serialized === pingId);
    sim.peer.revoke({ from: '15557100001', messageId: pingId });
    assert.equal((await revoked)[0].type, 'revoked');
    const ownRevoked = waitFor(client, 'message_revoke_everyone', 30000, (m) => m.id._serialized === hello.id._serialized);
    await hello.delete(true);
    await ownRevoked;
    assert.equal(sim.peer.inbox('15557100002').messages[0].type, 'revoked');

    // Locations, sent and received.
    const place = await client.sendMessage('15557100006@c.us', new Location(52.3731, 4.8926, { name: 'Dam Square', address: 'Amsterdam' }));
    assert.deepEqual([place.type, place.location.latitude, place.location.description], ['location', 52.3731, 'Dam Square\nAmsterdam']);
    await sim.waitFor('message-sent', (e) => e.key === place.id._serialized, 30000, { since: 0 });
    assert.equal(sim.peer.inbox('15557100006').messages[0].location.description, 'Dam Square\nAmsterdam');
    const receivedPlace = waitFor(client, 'message', 30000, (m) => m.type === 'location');
    sim.peer.send({ from: '15557100006', location: { latitude: -33.8568, longitude: 151.2153, description: 'Opera House' } });
    assert.equal((await receivedPlace).location.name, 'Opera House');

    // Forwarding (the reply: the ping is revoked by now, and the strict page forwards only a
    // message it can send, which a revoked one is not).
    since = sim.events.length;
    await messages[1].forward('15557100007@c.us');
    assert.equal((await sim.waitFor('message-sent', (e) => e.to === '15557100007@c.us', 30000, { since })).forwardingScore, 1);

    // Profile picture and about text.
    await sim.addContacts([{ number: '15557100004', about: 'Hey there!', picture: { mimetype: 'image/png', data: png.toString('base64') } }]);
    const withPicture = waitFor(client, 'message', 30000, (m) => m.from === '15557100004@c.us');
    sim.peer.send({ from: '15557100004', body: 'hi' });
    await withPicture;
    assert.match(await client.getProfilePicUrl('15557100004@c.us'), /\/_media\//);
    assert.equal(await (await client.getContactById('15557100004@c.us')).getAbout(), 'Hey there!');
    assert.equal(await client.getProfilePicUrl('15557100005@c.us'), undefined);

    // Chat settings through Cmd, the mute model and the chat-state bridge.
    since = sim.events.length;
    assert.equal(await client.archiveChat('15557100001@c.us'), true);
    assert.equal(await client.pinChat('15557100001@c.us'), true);
    assert.deepEqual(await client.muteChat('15557100001@c.us'), { isMuted: true, muteExpiration: -1 });
    await client.markChatUnread('15557100001@c.us');
    await (await client.getChatById('15557100001@c.us')).sendStateTyping();
    const settled = await client.getChatById('15557100001@c.us');
    assert.deepEqual([settled.archived, settled.pinned, settled.isMuted, settled.unreadCount], [true, true, true, -1]);
    await sim.waitFor('chat-setting', (e) => e.setting === 'state', 30000, { since });
    assert.deepEqual(
        sim.events.slice(since).filter((e) => e.type === 'chat-setting').map((e) => e.setting),
        ['archive', 'pin', 'mute', 'unread', 'state'],
    );

    // Groups: group_join, a message from a participant answered in the group, the group's fields.
    const joined = waitFor(client, 'group_join', 30000);
    const { id: group } = sim.createGroup({ subject: 'Builders', participants: ['15557100010', '15557100011'], description: 'we build' });
    const note = await joined;
    // A LID group (as WhatsApp's are today): the author and the owner are LIDs as the page gives them.
    const ownerLid = `${sim.account._lidOf('15557100010')}@lid`;
    assert.deepEqual([note.type, note.chatId, note.author], ['add', group, ownerLid]);
    since = sim.events.length;
    const { id: groupPing } = sim.peer.send({ from: '15557100011', to: group, body: '!ping' });
    // The reply is in the inbox once the server has it (message_create comes earlier, from the page).
    await sim.waitFor('message-sent', (e) => e.to === group, 30000, { since });
    const [inGroup] = sim.peer.inbox(group).messages;
    assert.deepEqual([inGroup.body, inGroup.quotedId], ['pong', groupPing]);
    const groupChat = await client.getChatById(group);
    assert.equal(groupChat.isGroup, true);
    assert.equal(groupChat.name, 'Builders');
    assert.equal(groupChat.description, 'we build');
    assert.equal(groupChat.owner._serialized, ownerLid);
    assert.equal(groupChat.participants.length, 3);
    const left = waitFor(client, 'group_leave', 30000);
    sim.removeFromGroup({ id: group, number: '15550100001' });
    assert.equal((await left).type, 'remove');
});

// whatsapp-web.js attaches its message listeners only at `ready` (Client.js:369, after
// LoadUtils and its polling for window.WWebJS), so a message the page receives right after its
// first sync is added to the collection unheard: it is never emitted. Recorded here as its defect;
// whatsapp-web-rs hands such messages over (messages.test.js).
test('whatsapp-web.js defect: a message that arrives between the first sync and ready is never emitted', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    const messages = [];
    client.on('message', (m) => messages.push(m.body));
    // The contact writes the moment the server has sent the page its first sync.
    let earlyId = null;
    sim.on('event', (ev) => {
        if (ev.type === 'synced' && !earlyId) earlyId = sim.peer.send({ from: '15557100003', body: 'too early' }).id;
    });
    await wwebjsLogin(sim, client);
    // A later message is emitted, so listeners are in place; the early one stays unheard.
    const later = waitFor(client, 'message', 30000, (m) => m.body === 'later');
    sim.peer.send({ from: '15557100003', body: 'later' });
    await later;
    assert.deepEqual(messages, ['later']);
    // The page has the early message all the same.
    const chat = await client.getChatById('15557100003@c.us');
    assert.deepEqual((await chat.fetchMessages({})).map((m) => m.body), ['too early', 'later']);
    assert.ok(earlyId);
});

test("whatsapp-web.js's deprecated Buttons and List: it warns and sends them, and the simulated page and server take them (buttons-list.test.js checks whatsapp-web-rs against the same)", async (t) => {
    const { Buttons, List } = require('whatsapp-web.js');
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const warn = t.mock.method(console, 'warn', () => {});
    const to = '15557100009';
    await sim.addContacts([{ number: to }]);
    await untilPageHasLid(client, `${to}@c.us`);
    const sections = [{ title: 'sectionTitle', rows: [{ title: 'ListItem1', description: 'desc' }, { id: 'r2', title: 'ListItem2' }] }];
    const buttons = await client.sendMessage(`${to}@c.us`, new Buttons('Button body', [{ id: 'b1', body: 'bt1' }], 'title', 'footer'));
    const file = await client.sendMessage(`${to}@c.us`, new Buttons(new MessageMedia('image/png', 'iVBORw0KGgo=', 'a.png'), [{ id: 'b2', body: 'Open' }]));
    const list = await client.sendMessage(`${to}@c.us`, new List('List body', 'btnText', sections, 'Title', 'footer'));
    assert.deepEqual([buttons.type, buttons.body, file.type, list.type, list.body], ['chat', 'Button body', 'chat', 'list', 'List body']);
    assert.deepEqual(warn.mock.calls.map((c) => c.arguments[0].split('.')[0]), ['Buttons are now deprecated', 'Buttons are now deprecated', 'Lists are now deprecated']);
    // sendMessage() resolves once the page holds a message; the inbox has it once the server does.
    for (const m of [buttons, file, list]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    const inbox = sim.peer.inbox(to).messages;
    assert.deepEqual(inbox.map((m) => m.buttons && m.buttons.buttons), [[{ buttonId: 'b1', displayText: 'bt1' }], [{ buttonId: 'b2', displayText: 'Open' }], undefined]);
    assert.deepEqual([inbox[1].buttons.caption, inbox[1].buttons.attachment], [' ', { mimetype: 'image/png', filename: 'a.png' }]);
    assert.deepEqual(inbox[2].list.sections[0].rows.map((r) => [r.title, r.description]), [['ListItem1', 'desc'], ['ListItem2', '']]);
    // A WhatsApp Business account: whatsapp-web.js throws its [LT01] string before sending.
    sim.setLabels({ business: true });
    const deadline = Date.now() + 10000;
    while ((await client.getLabels()).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const since = sim.events.length;
    await assert.rejects(client.sendMessage(`${to}@c.us`, new List('List body', 'btnText', sections)), (e) => e === "[LT01] Whatsapp business can't send this yet");
    assert.deepEqual(sim.events.slice(since).filter((e) => e.type === 'message-sent'), []);
});
