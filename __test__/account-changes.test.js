'use strict';
// Changes to what the account already has, by their effect through the simulator: a contact edits
// a message (message_edit), this device deletes a message for itself (message_revoke_me), chats
// are archived here or on the phone (chat_archived), unread counts change (unread_count), and
// contacts are blocked and unblocked.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { Message, PrivateChat, Events } = require('..');
const { waitFor } = require('./helpers');
const { control, peerSendAndReceive: receive, sharedClient } = require('./account-helpers');

describe('one logged-in client', () => {
  const log = [];
  const shared = sharedClient((c) => {
    for (const name of ['message_edit', 'message_revoke_me', 'message_revoke_everyone', 'chat_archived', 'unread_count']) {
      c.on(name, (...args) => log.push({ name, args }));
    }
  });
  let ctx;
  let client;
  before(() => ({ ctx, client } = shared));

  test('message_edit: the contact edits its message; (message, newBody, prevBody), once per edit', async () => {
    const from = '15557400001';
    const msg = await receive(ctx.sim, client, { from, body: 'see you at 5' });
    const edited = waitFor(client, Events.MESSAGE_EDIT, 20000, (m) => m.id._serialized === msg.id._serialized);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: msg.id._serialized, body: 'see you at 6' });
    assert.deepEqual([res.status, res.body], [200, { ok: true }]);
    const [now, newBody, prevBody] = await edited;
    assert.ok(now instanceof Message);
    assert.deepEqual([now.body, newBody, prevBody], ['see you at 6', 'see you at 6', 'see you at 5']);
    assert.equal(typeof now.latestEditSenderTimestampMs, 'number');
    assert.ok(Math.abs(now.latestEditSenderTimestampMs - Date.now()) < 60000);
    assert.equal(now.latestEditMsgKey.remote, `${from}@c.us`);
    assert.notEqual(now.latestEditMsgKey.id, msg.id.id, 'the edit has a key of its own');
    assert.equal((await msg.reload()).body, 'see you at 6');

    // A second edit: one more event, from the edited text.
    const again = waitFor(client, 'message_edit', 20000, (m) => m.id._serialized === msg.id._serialized);
    await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: msg.id._serialized, body: 'see you at 7' });
    assert.deepEqual((await again).slice(1), ['see you at 7', 'see you at 6']);
    assert.equal(log.filter((e) => e.name === 'message_edit' && e.args[0].id._serialized === msg.id._serialized).length, 2);

    // Only the sender edits; a revoked message is not edited, and its revoke is no edit.
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/edit', { from: '15557400002', messageId: msg.id._serialized, body: 'x' })).status, 403);
    const revoked = waitFor(client, 'message_revoke_everyone', 20000, (m) => m.id._serialized === msg.id._serialized);
    await control(ctx.sim, 'POST', '/_sim/peer/revoke', { from, messageId: msg.id._serialized });
    const [, beforeRevoke] = await revoked;
    assert.equal(beforeRevoke.body, 'see you at 7', 'the message as it was, edits included');
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: msg.id._serialized, body: 'y' })).status, 409);
    assert.equal(log.filter((e) => e.name === 'message_edit' && e.args[0].id._serialized === msg.id._serialized).length, 2);
  });

  test('message_edit: edits made while the page was away arrive once each, in order, after it reconnects', async () => {
    const from = '15557400009';
    const msg = await receive(ctx.sim, client, { from, body: 'v1' });
    const edits = () => log.filter((e) => e.name === 'message_edit' && e.args[0].id._serialized === msg.id._serialized).map((e) => e.args.slice(1));
    const since = ctx.sim.events.length;
    // Listening first: on a slow machine the page may be back before the second edit is posted.
    const lastEdit = waitFor(client, 'message_edit', 30000, (m, newBody) => m.id._serialized === msg.id._serialized && newBody === 'v3');
    assert.ok(ctx.sim.goAway(2000) >= 1);
    for (const body of ['v2', 'v3']) assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: msg.id._serialized, body })).status, 200);
    await lastEdit.catch((err) => {
      const simSince = ctx.sim.events.slice(since).map((e) => e.type);
      assert.fail(`${err.message}; edits seen: ${JSON.stringify(edits())}; server events since going away: ${JSON.stringify(simSince)}`);
    });
    assert.ok(ctx.sim.events.slice(since).some((e) => e.type === 'session-restored'), 'the page reconnected');
    assert.deepEqual(edits(), [['v2', 'v1'], ['v3', 'v2']]);
    // Another reconnect and a reload bring no edit again; the message keeps its text.
    await client.resetState();
    // Once a message gets through, the page is connected again (reloadPages reaches it then).
    await receive(ctx.sim, client, { from, body: 'after the reconnect' });
    const ready = waitFor(client, 'ready', 30000);
    ctx.sim.reloadPages();
    await ready;
    await receive(ctx.sim, client, { from, body: 'after the reload' });
    assert.deepEqual(edits(), [['v2', 'v1'], ['v3', 'v2']]);
    const now = await client.getMessageById(msg.id._serialized);
    assert.equal(now.body, 'v3');
    assert.equal(typeof now.latestEditSenderTimestampMs, 'number', 'the reloaded page knows it was edited');
  });

  test('message_edit: an edit reaches a device whose receipt of the message was lost with its socket', async () => {
    const from = '15557400010';
    const msg = await receive(ctx.sim, client, { from, body: 'w1' });
    // The page's receipt can still be in flight when the socket drops (seen on loaded machines):
    // forgetting it at the server stands in for that race, every time.
    ctx.sim.account.messages.get(msg.id._serialized).deliveredTo.clear();
    const edited = waitFor(client, 'message_edit', 30000, (m, newBody) => m.id._serialized === msg.id._serialized && newBody === 'w2');
    assert.ok(ctx.sim.goAway(1000) >= 1);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: msg.id._serialized, body: 'w2' })).status, 200);
    const [, newBody, prevBody] = await edited;
    assert.deepEqual([newBody, prevBody], ['w2', 'w1']);
    assert.equal((await client.getMessageById(msg.id._serialized)).body, 'w2');
  });

  test('message_edit: an edited caption of a picture', async () => {
    const from = '15557400003';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const got = waitFor(client, 'message', 20000, (m) => m.from === `${from}@c.us`);
    await control(ctx.sim, 'POST', '/_sim/peer/send', { from, body: 'old caption', media: { mimetype: 'image/png', data: png } });
    const picture = await got;
    const edited = waitFor(client, 'message_edit', 20000, (m) => m.id._serialized === picture.id._serialized);
    await control(ctx.sim, 'POST', '/_sim/peer/edit', { from, messageId: picture.id._serialized, body: 'new caption' });
    const [now, newBody, prevBody] = await edited;
    assert.deepEqual([now.hasMedia, now.body, newBody, prevBody], [true, 'new caption', 'new caption', 'old caption']);
  });

  test('message_revoke_me: delete(false) of our own and of a received message; delete(true) is not one', async () => {
    const peer = '15557400004';
    const mine = await client.sendMessage(`${peer}@c.us`, 'only on my side');
    await ctx.sim.waitFor('message-sent', (e) => e.key === mine.id._serialized, 30000, { since: 0 });
    const removed = waitFor(client, 'message_revoke_me', 20000, (m) => m.id._serialized === mine.id._serialized);
    await mine.delete(false);
    const gone = await removed;
    assert.ok(gone instanceof Message);
    assert.deepEqual([gone.body, gone.fromMe], ['only on my side', true]);
    assert.equal(await client.getMessageById(mine.id._serialized), null);

    const theirs = await receive(ctx.sim, client, { from: peer, body: 'delete me here' });
    const removedTheirs = waitFor(client, 'message_revoke_me', 20000, (m) => m.id._serialized === theirs.id._serialized);
    await theirs.delete();
    assert.equal((await removedTheirs).body, 'delete me here');

    const everyone = await client.sendMessage(`${peer}@c.us`, 'for everyone');
    const revoked = waitFor(client, 'message_revoke_everyone', 20000, (m) => m.id._serialized === everyone.id._serialized);
    await everyone.delete(true);
    await revoked;
    assert.ok(!log.some((e) => e.name === 'message_revoke_me' && e.args[0].id._serialized === everyone.id._serialized));
    assert.equal(log.filter((e) => e.name === 'message_revoke_me').length, 2);
  });

  test('chat_archived: (chat, currState, prevState) when this client or the phone archives', async () => {
    const peer = '15557400005';
    await receive(ctx.sim, client, { from: peer, body: 'archive me' });
    const chatId = `${peer}@c.us`;
    const archived = waitFor(client, 'chat_archived', 20000, (c) => c.id._serialized === chatId);
    assert.equal(await client.archiveChat(chatId), true);
    const [chat, now, prev] = await archived;
    assert.ok(chat instanceof PrivateChat);
    assert.deepEqual([chat.archived, now, prev], [true, true, false]);
    const unarchived = waitFor(client, 'chat_archived', 20000, (c) => c.id._serialized === chatId);
    await (await client.getChatById(chatId)).unarchive();
    assert.deepEqual((await unarchived).slice(1), [false, true]);

    // On the phone.
    const fromPhone = waitFor(client, 'chat_archived', 20000, (c) => c.id._serialized === chatId);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/phone/archive', { chat: peer, archive: true })).status, 200);
    const [phoneChat, phoneNow, phonePrev] = await fromPhone;
    assert.deepEqual([phoneChat.archived, phoneNow, phonePrev], [true, true, false]);
    assert.equal((await client.getChatById(chatId)).archived, true);
    // Archiving an archived chat changes nothing, so no event: the next one is the unarchive.
    await client.archiveChat(chatId);
    const back = waitFor(client, 'chat_archived', 20000, (c) => c.id._serialized === chatId);
    await control(ctx.sim, 'POST', '/_sim/phone/archive', { chat: peer, archive: false });
    assert.deepEqual((await back).slice(1), [false, true]);
    assert.deepEqual(
      log.filter((e) => e.name === 'chat_archived' && e.args[0].id._serialized === chatId).map((e) => e.args.slice(1)),
      [[true, false], [false, true], [true, false], [false, true]],
    );
  });

  test('unread_count: a new message, sendSeen() and markUnread() each emit the chat with its count', async () => {
    const peer = '15557400006';
    const chatId = `${peer}@c.us`;
    const counts = () => log.filter((e) => e.name === 'unread_count' && e.args[0].id._serialized === chatId).map((e) => e.args[0].unreadCount);
    const first = waitFor(client, 'unread_count', 20000, (c) => c.id._serialized === chatId && c.unreadCount === 1);
    await receive(ctx.sim, client, { from: peer, body: 'one' });
    const [chat] = [await first];
    assert.ok(chat instanceof PrivateChat);
    assert.equal(chat.lastMessage.body, 'one');
    const second = waitFor(client, 'unread_count', 20000, (c) => c.id._serialized === chatId && c.unreadCount === 2);
    await receive(ctx.sim, client, { from: peer, body: 'two' });
    await second;
    const seen = waitFor(client, 'unread_count', 20000, (c) => c.id._serialized === chatId && c.unreadCount === 0);
    await client.sendSeen(chatId);
    await seen;
    const unread = waitFor(client, 'unread_count', 20000, (c) => c.id._serialized === chatId && c.unreadCount === -1);
    await client.markChatUnread(chatId);
    await unread;
    assert.deepEqual(counts(), [1, 2, 0, -1]);
  });

  test('block() and unblock(): isBlocked follows, getBlockedContacts lists it, and a blocked contact\'s messages never arrive', async () => {
    const peer = '15557400007';
    await ctx.sim.addContacts([{ number: peer, name: 'Spammy' }]);
    await receive(ctx.sim, client, { from: peer, body: 'buy now' });
    const contact = await client.getContactById(`${peer}@c.us`);
    assert.equal(contact.isBlocked, false);
    const since = ctx.sim.events.length;
    assert.equal(await contact.block(), true);
    assert.equal(contact.isBlocked, true);
    assert.ok(ctx.sim.events.slice(since).some((e) => e.type === 'contact-blocked' && e.number === peer), 'the server was told');
    assert.equal((await client.getContactById(`${peer}@c.us`)).isBlocked, true);
    assert.deepEqual((await client.getBlockedContacts()).map((c) => [c.id._serialized, c.name, c.isBlocked]), [[`${peer}@c.us`, 'Spammy', true]]);

    const blocked = await control(ctx.sim, 'POST', '/_sim/peer/send', { from: peer, body: 'buy more' });
    assert.deepEqual(blocked.body, { ok: true, id: null, blocked: true });

    assert.equal(await contact.unblock(), true);
    assert.equal(contact.isBlocked, false);
    assert.equal((await client.getContactById(`${peer}@c.us`)).isBlocked, false);
    assert.deepEqual(await client.getBlockedContacts(), []);
    // Messages sent after the unblock arrive; the one sent while blocked never does.
    await receive(ctx.sim, client, { from: peer, body: 'sorry' });
    const chat = await client.getChatById(`${peer}@c.us`);
    assert.deepEqual((await chat.fetchMessages({})).map((m) => m.body), ['buy now', 'sorry']);

    // A group is not blocked (as whatsapp-web.js: false, and nothing reaches the page).
    const group = await client.getContactById('120363000000000001@g.us');
    assert.equal(group.isGroup, true);
    const quiet = ctx.sim.events.length;
    assert.equal(await group.block(), false);
    assert.ok(!ctx.sim.events.slice(quiet).some((e) => e.type === 'contact-blocked'));
  });
});

test("the control API of edits and archiving from the phone: bad bodies are 400, others' messages 403, unknown ones 404", async () => {
  const { startSimulator } = require('../simulator');
  const sim = await startSimulator();
  try {
    const post = async (route, body) => (await control(sim, 'POST', route, body)).status;
    assert.equal(await post('/_sim/phone/archive', { chat: '15557654321', archive: true }), 409, 'no account linked yet');
    assert.equal(await post('/_sim/phone/archive', { chat: '15557654321', archive: 'yes' }), 400);
    assert.equal(await post('/_sim/phone/archive', { chat: 'abc', archive: true }), 400);
    assert.equal(await post('/_sim/peer/edit', { from: '15557654321', messageId: 'nope', body: 'x' }), 404);
    assert.equal(await post('/_sim/peer/edit', { from: 'abc', messageId: 'nope', body: 'x' }), 400);
    assert.equal(await post('/_sim/groups', { subject: 'G', participants: ['15557654321'], join: 'no' }), 400);
    const routes = (await control(sim, 'GET', '/_sim/nope')).body.routes;
    for (const route of ['POST /_sim/peer/edit {from, messageId, body}', 'POST /_sim/phone/archive {chat, archive, to?}']) assert.ok(routes.includes(route), route);
  } finally {
    await sim.close();
  }
});

// The page reads a chat for unread_count only while the application listens (it costs a chat read
// on every incoming message); a listener added at any time, even after removeAllListeners(), gets it.
describe('a client that listens to unread_count only later', () => {
  const shared = sharedClient();
  let ctx;
  let client;
  before(() => ({ ctx, client } = shared));

  test('unread_count reaches listeners added after ready, and after removeAllListeners()', async () => {
    const peer = '15557400016';
    const chatId = `${peer}@c.us`;
    assert.equal(client.listenerCount('unread_count'), 0);
    let count = 0; // the chat's unread count: it is never read here
    await receive(ctx.sim, client, { from: peer, body: 'nobody listens' });
    count++;

    const seen = [];
    let wake = null;
    const listener = (chat) => {
      if (chat.id._serialized !== chatId) return;
      seen.push(chat.unreadCount);
      if (wake) wake();
    };
    // Messages come until the listener has seen the count of the latest one, at most 5. The page
    // hears of a new listener a moment after it is added, and a change made in that moment may
    // reach it or not, as if made just before.
    const receiveUntilSeen = async (tag) => {
      for (let i = 1; i <= 5 && !seen.includes(count); i++) {
        count++; // what this message makes it
        const saw = new Promise((resolve) => {
          wake = () => seen.includes(count) && resolve();
          setTimeout(resolve, 2000);
        });
        await receive(ctx.sim, client, { from: peer, body: `${tag} ${i}` });
        await saw;
      }
      wake = null;
      assert.ok(seen.includes(count), `the listener never saw the count reach ${count} (${tag}; saw ${seen.join(', ')})`);
    };

    client.on('unread_count', listener);
    await receiveUntilSeen('after ready');
    client.removeAllListeners();
    await receive(ctx.sim, client, { from: peer, body: 'nobody listens again' });
    count++;
    client.on('unread_count', listener);
    await receiveUntilSeen('after removeAllListeners');
    assert.deepEqual(seen, [...seen].sort((x, y) => x - y), 'in order');
    assert.equal(seen.length, new Set(seen).size, 'each count once');
  });
});
