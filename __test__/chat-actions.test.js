'use strict';
// Actions on whole chats and message receipts: chat.clearMessages(), chat.delete(), the
// chat_removed event (this device, the phone, another linked device), message.getInfo(),
// client.searchMessages() and client.syncHistory(), each shown by its effect through the
// simulator's control API (GET /_sim/chats, the contact's inbox, the event log).
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { Message, PrivateChat } = require('..');
const { setup, waitFor, loginByQr } = require('./helpers');
const { control, peerSend, peerSendAndReceive, inbox, serverHas, sharedClient } = require('./account-helpers');

const ME = '15550100001@c.us';

/** The account's chats as GET /_sim/chats lists them, by id. */
async function simChats(sim) {
  const res = await control(sim, 'GET', '/_sim/chats');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return new Map(res.body.chats.map((c) => [c.id, c]));
}

const eventsOf = (sim, type) => sim.events.filter((e) => e.type === type);

describe('chat actions on one logged-in client', () => {
  const shared = sharedClient();

  test('chat.clearMessages() empties the chat on the account, not on the contact', async () => {
    const { ctx, client } = shared;
    const peer = '15557100001';
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'first' });
    const sent = await client.sendMessage(`${peer}@c.us`, 'my answer');
    await serverHas(ctx.sim, sent);
    const chat = await client.getChatById(`${peer}@c.us`);
    assert.equal((await chat.fetchMessages()).length, 2);
    assert.equal((await simChats(ctx.sim)).get(`${peer}@c.us`).messages, 2);

    assert.equal(await chat.clearMessages(), true);
    assert.deepEqual(await chat.fetchMessages(), []);
    assert.deepEqual((await simChats(ctx.sim)).get(`${peer}@c.us`), { id: `${peer}@c.us`, messages: 0, cleared: true, deleted: false });
    assert.equal(eventsOf(ctx.sim, 'chat-cleared').filter((e) => e.chat === `${peer}@c.us`).length, 1);
    // The contact keeps what it got; the chat is still in the list.
    assert.deepEqual((await inbox(ctx.sim, peer)).map((m) => m.body), ['my answer']);
    assert.ok((await client.getChats()).some((c) => c.id._serialized === `${peer}@c.us`));
    // New messages come in as usual.
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'after the clear' });
    assert.deepEqual((await chat.fetchMessages()).map((m) => m.body), ['after the clear']);
  });

  test('chat.delete() removes the chat (chat_removed), until a new message brings it back', async () => {
    const { ctx, client } = shared;
    const peer = '15557100002';
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'hello' });
    const chat = await client.getChatById(`${peer}@c.us`);
    const removed = waitFor(client, 'chat_removed', 20000, (c) => c.id._serialized === `${peer}@c.us`);

    assert.equal(await chat.delete(), true);
    const gone = await removed;
    assert.ok(gone instanceof PrivateChat);
    assert.equal(gone.name, chat.name);
    assert.ok(!(await client.getChats()).some((c) => c.id._serialized === `${peer}@c.us`));
    assert.deepEqual((await simChats(ctx.sim)).get(`${peer}@c.us`), { id: `${peer}@c.us`, messages: 0, cleared: false, deleted: true });
    assert.equal(eventsOf(ctx.sim, 'chat-deleted').filter((e) => e.chat === `${peer}@c.us`).length, 1);

    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'are you there?' });
    assert.ok((await client.getChats()).some((c) => c.id._serialized === `${peer}@c.us`));
    assert.equal((await simChats(ctx.sim)).get(`${peer}@c.us`).deleted, false);
  });

  test("the phone deletes or clears a chat: chat_removed, and this device's chat follows", async () => {
    const { ctx, client } = shared;
    const peer = '15557100003';
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'one' });
    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'two' });
    const cleared = await control(ctx.sim, 'POST', '/_sim/phone/clear-chat', { chat: peer });
    assert.deepEqual(cleared.body, { ok: true, messages: 2 });
    const chat = await client.getChatById(`${peer}@c.us`);
    assert.deepEqual(await chat.fetchMessages(), []);

    await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'three' });
    const removed = waitFor(client, 'chat_removed', 20000, (c) => c.id._serialized === `${peer}@c.us`);
    const deleted = await control(ctx.sim, 'POST', '/_sim/phone/delete-chat', { chat: peer });
    assert.deepEqual(deleted.body, { ok: true, messages: 1 });
    await removed;
    assert.ok(!(await client.getChats()).some((c) => c.id._serialized === `${peer}@c.us`));
    assert.equal((await simChats(ctx.sim)).get(`${peer}@c.us`).deleted, true);
    // A malformed request changes nothing.
    const bad = await control(ctx.sim, 'POST', '/_sim/phone/delete-chat', { chat: 'nobody' });
    assert.equal(bad.status, 400);
  });

  test('msg.getInfo(): delivered at once, read after the contact reads; null for a received message', async () => {
    const { ctx, client } = shared;
    const peer = '15557100004';
    const received = await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'ask me' });
    const delivered = waitFor(client, 'message_ack', 20000, (m, ack) => m.to === `${peer}@c.us` && ack === 2);
    const sent = await client.sendMessage(`${peer}@c.us`, 'did you read this?');
    await delivered;

    const info = await sent.getInfo();
    assert.equal(info.delivery.length, 1);
    assert.deepEqual(info.delivery[0].id, { server: 'c.us', user: peer, _serialized: `${peer}@c.us` });
    assert.equal(typeof info.delivery[0].t, 'number');
    assert.equal(info.deliveryRemaining, 0);
    assert.deepEqual(info.read, []);
    assert.equal(info.readRemaining, 1);
    assert.deepEqual(info.played, []);
    assert.equal(info.playedRemaining, 1);

    const read = waitFor(client, 'message_ack', 20000, (m, ack) => m.id._serialized === sent.id._serialized && ack === 3);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/read', { peer });
    assert.deepEqual(res.body.read, [sent.id._serialized]);
    await read;
    const after = await sent.getInfo();
    assert.equal(after.read.length, 1);
    assert.equal(after.read[0].id._serialized, `${peer}@c.us`);
    assert.ok(after.read[0].t >= info.delivery[0].t);
    assert.equal(after.readRemaining, 0);

    assert.equal(await received.getInfo(), null);
  });

  test('client.searchMessages(): Message objects newest first, by chat, by page', async () => {
    const { ctx, client } = shared;
    const [a, b] = ['15557100005', '15557100006'];
    await peerSendAndReceive(ctx.sim, client, { from: a, body: 'the Zebra crossing' });
    await new Promise((r) => setTimeout(r, 1100)); // a later second: the order is by time
    await peerSendAndReceive(ctx.sim, client, { from: b, body: 'a zebra again' });
    await peerSendAndReceive(ctx.sim, client, { from: a, body: 'no match here' });

    const all = await client.searchMessages('zebra');
    assert.ok(all.every((m) => m instanceof Message));
    assert.deepEqual(all.map((m) => m.body), ['a zebra again', 'the Zebra crossing']);
    assert.equal(all[0].from, `${b}@c.us`);
    const inA = await client.searchMessages('zebra', { chatId: `${a}@c.us` });
    assert.deepEqual(inA.map((m) => m.body), ['the Zebra crossing']);
    const second = await client.searchMessages('zebra', { page: 2, limit: 1 });
    assert.deepEqual(second.map((m) => m.body), ['the Zebra crossing']);
    assert.deepEqual(await client.searchMessages('no such words'), []);
  });

  test("example.js !syncHistory: a chat with no history from before this device has nothing to sync", async () => {
    const { ctx, client } = shared;
    const peer = '15557100007';
    // The handler as example.js (main 2dc9466, lines 538-547) writes it.
    const handler = async (msg) => {
      if (msg.body === '!syncHistory') {
        const isSynced = await client.syncHistory(msg.from);
        await msg.reply(isSynced ? 'Historical chat is syncing..' : 'There is no historical chat to sync.');
      }
    };
    client.on('message', handler);
    try {
      const since = ctx.sim.events.length;
      await peerSend(ctx.sim, { from: peer, body: '!syncHistory' });
      await ctx.sim.waitFor('message-sent', (e) => e.to === `${peer}@c.us`, 30000, { since });
      assert.deepEqual((await inbox(ctx.sim, peer)).map((m) => m.body), ['There is no historical chat to sync.']);
      assert.equal(eventsOf(ctx.sim, 'history-sync-requested').length, 0);
    } finally {
      client.off('message', handler);
    }
  });

  test('bad input is refused with a named error and changes nothing', async () => {
    const { ctx, client } = shared;
    const before = ctx.sim.events.length;
    const code = (p) => p.then(() => 'resolved', (e) => `${e.name}:${e.code}`);
    assert.equal(await code(client.searchMessages('')), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.searchMessages(42)), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.searchMessages('x', 'all')), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.searchMessages('x', { page: 0 })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.searchMessages('x', { limit: 2.5 })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.searchMessages('x', { chatId: 'bob' })), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.syncHistory('nope')), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(client.syncHistory(undefined)), 'TypeError:ERR_INVALID_CHAT_ID');
    const fake = new Message(client, { id: { fromMe: true, remote: 'x', id: '1', _serialized: 'not an id' } });
    assert.equal(await code(fake.getInfo()), 'TypeError:ERR_INVALID_ARGUMENT');
    const chatWithBadId = new PrivateChat(client, { id: { server: 'c.us', user: 'x', _serialized: '../x@c.us' } });
    assert.equal(await code(chatWithBadId.clearMessages()), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(chatWithBadId.delete()), 'TypeError:ERR_INVALID_CHAT_ID');
    const touched = ctx.sim.events.slice(before).filter((e) => ['chat-cleared', 'chat-deleted', 'history-sync-requested'].includes(e.type));
    assert.deepEqual(touched, []);
  });
});

test('a second linked device: syncHistory for its history, chat_removed when the first deletes a chat', async () => {
  const ctx = await setup();
  try {
    const first = ctx.client();
    await loginByQr(ctx, first);
    const peer = '15557100008';
    await peerSendAndReceive(ctx.sim, first, { from: peer, body: 'before the second device' });
    const chatOnFirst = await first.getChatById(`${peer}@c.us`);
    assert.equal(await first.syncHistory(`${peer}@c.us`), false, 'the first device got the chat live');

    const second = ctx.client();
    await loginByQr(ctx, second);
    assert.equal(second.info.wid._serialized, ME);
    const since = ctx.sim.events.length;
    assert.equal(await second.syncHistory(`${peer}@c.us`), true);
    const asked = await ctx.sim.waitFor('history-sync-requested', (e) => e.chat === `${peer}@c.us`, 10000, { since });
    assert.equal(asked.account, ME.split('@')[0]);
    // The phone sent all it had: nothing more to ask for.
    assert.equal(await (await second.getChatById(`${peer}@c.us`)).syncHistory(), false);

    const removed = waitFor(second, 'chat_removed', 20000, (c) => c.id._serialized === `${peer}@c.us`);
    assert.equal(await chatOnFirst.delete(), true);
    const chat = await removed;
    assert.equal(chat.lastMessage, undefined);
    assert.ok(!(await second.getChats()).some((c) => c.id._serialized === `${peer}@c.us`));
  } finally {
    await ctx.close();
  }
});
