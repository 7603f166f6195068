'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's message actions:
// msg.edit() (with message_edit for its own edit), msg.pin()/unpin() and getPinnedMessages(),
// msg.star()/unstar(), msg.getReactions(). This shows that the simulated page models the
// internals whatsapp-web.js uses for them the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const PEER = '15557300101';

test('whatsapp-web.js: edit, pin/unpin, getPinnedMessages, star/unstar, getReactions', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([{ number: PEER, name: 'Friend' }]);
    await client.getNumberId(PEER);
    const chatId = `${PEER}@c.us`;
    const inboxOf = async (msg) => (await control(sim, 'GET', `/_sim/peer/inbox?peer=${PEER}`)).body.messages.find((m) => m.id === msg.id._serialized);

    const msg = await client.sendMessage(chatId, 'see you at 5');
    await sim.waitFor('message-sent', (e) => e.key === msg.id._serialized, 30000, { since: 0 });
    const edited = waitFor(client, 'message_edit', 30000);
    const after = await msg.edit('see you at 6');
    assert.equal(after.body, 'see you at 6');
    const [, newBody, prevBody] = await edited;
    assert.deepEqual([newBody, prevBody], ['see you at 6', 'see you at 5']);
    assert.deepEqual((await inboxOf(msg)).edits.map((e) => e.body), ['see you at 6']);

    // example.js pins for 60 seconds.
    assert.equal(await msg.pin(60), true);
    assert.equal((await inboxOf(msg)).pin.duration, 60);
    assert.deepEqual((await client.getPinnedMessages(chatId)).map((m) => m.id._serialized), [msg.id._serialized]);
    assert.equal(await msg.pin('60'), false);
    assert.equal(await msg.unpin(), true);
    assert.equal((await inboxOf(msg)).pinned, false);
    assert.deepEqual(await client.getPinnedMessages(chatId), []);

    await msg.star();
    assert.equal((await inboxOf(msg)).starred, true);
    await msg.unstar();
    assert.equal((await inboxOf(msg)).starred, false);

    const reacted = waitFor(client, 'message_reaction', 30000);
    await control(sim, 'POST', '/_sim/peer/react', { from: PEER, messageId: msg.id._serialized, reaction: '👍' });
    await reacted;
    await msg.reload();
    const lists = await msg.getReactions();
    assert.deepEqual(lists.map((l) => [l.id, l.aggregateEmoji, l.hasReactionByMe, l.senders.map((s) => [s.senderId, s.reaction, s.msgId._serialized])]), [
        ['👍', '👍', false, [[chatId, '👍', msg.id._serialized]]],
    ]);
});
