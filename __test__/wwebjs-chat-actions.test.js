'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's chat actions:
// chat.clearMessages(), chat.delete() with `chat_removed`, msg.getInfo() before and after the
// contact reads, searchMessages() and syncHistory(). This shows that the simulated page models the
// internals whatsapp-web.js uses for them the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const PEER = '15557400001';
const OTHER = '15557400002';

test('whatsapp-web.js: clearMessages(), delete() and chat_removed, getInfo(), searchMessages(), syncHistory()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const chats = async () => new Map((await control(sim, 'GET', '/_sim/chats')).body.chats.map((c) => [c.id, c]));

    const received = waitFor(client, 'message', 30000, (m) => m.from === `${PEER}@c.us`);
    await control(sim, 'POST', '/_sim/peer/send', { from: PEER, body: 'a walrus appears' });
    const incoming = await received;
    const delivered = waitFor(client, 'message_ack', 30000, (m, ack) => m.to === `${PEER}@c.us` && ack === 2);
    const sent = await client.sendMessage(`${PEER}@c.us`, 'what walrus?');
    await delivered;

    // Receipts: delivered, then read once the contact reads.
    const info = await sent.getInfo();
    assert.equal(info.delivery.length, 1);
    assert.equal(info.delivery[0].id._serialized, `${PEER}@c.us`);
    assert.deepEqual([info.deliveryRemaining, info.read.length, info.readRemaining], [0, 0, 1]);
    const read = waitFor(client, 'message_ack', 30000, (m, ack) => m.id._serialized === sent.id._serialized && ack === 3);
    await control(sim, 'POST', '/_sim/peer/read', { peer: PEER });
    await read;
    const after = await sent.getInfo();
    assert.equal(after.read[0].id._serialized, `${PEER}@c.us`);
    assert.equal(after.readRemaining, 0);
    assert.equal(await incoming.getInfo(), null);

    // Search: newest first, the chat's own.
    const found = await client.searchMessages('walrus', { chatId: `${PEER}@c.us` });
    assert.deepEqual(found.map((m) => m.body).sort(), ['a walrus appears', 'what walrus?']);

    // Nothing from before this device: nothing to sync.
    assert.equal(await client.syncHistory(`${PEER}@c.us`), false);

    // Clear, then delete with chat_removed (whatsapp-web.js reads the chat again by its id).
    const chat = await client.getChatById(`${PEER}@c.us`);
    assert.equal(await chat.clearMessages(), true);
    assert.equal((await chats()).get(`${PEER}@c.us`).messages, 0);
    assert.deepEqual(await chat.fetchMessages(), []);
    const removed = waitFor(client, 'chat_removed', 30000);
    assert.equal(await chat.delete(), true);
    const gone = await removed;
    assert.equal(gone.id._serialized, `${PEER}@c.us`);
    assert.equal((await chats()).get(`${PEER}@c.us`).deleted, true);

    // From the phone.
    const other = waitFor(client, 'message', 30000, (m) => m.from === `${OTHER}@c.us`);
    await control(sim, 'POST', '/_sim/peer/send', { from: OTHER, body: 'hi' });
    await other;
    const removedByPhone = waitFor(client, 'chat_removed', 30000, (c) => c.id._serialized === `${OTHER}@c.us`);
    await control(sim, 'POST', '/_sim/phone/delete-chat', { chat: OTHER });
    await removedByPhone;
});
