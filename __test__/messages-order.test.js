'use strict';
// "Each message the page receives is emitted exactly once, in order, including messages that
// arrive while a call is running or while the socket reconnects" (issue 12). messages.test.js
// covers a burst, resetState(), a page reload and messages sent while no client ran; here: messages
// that arrive while a long client call is in flight, and while the server has dropped the page's
// socket (the page reconnects by itself, after its back-off).
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('..');
const { waitFor } = require('./helpers');
const { peerSend, sharedClient } = require('./account-helpers');

describe('one logged-in client', () => {
  const log = [];
  const shared = sharedClient((c) => {
    for (const name of ['message', 'message_create']) c.on(name, (m) => log.push({ name, id: m.id._serialized, from: m.from }));
  });
  let ctx;
  let client;
  before(() => ({ ctx, client } = shared));

  const received = (from) => log.filter((e) => e.name === 'message' && e.from === `${from}@c.us`).map((e) => e.id);
  const created = (from) => log.filter((e) => e.name === 'message_create' && e.from === `${from}@c.us`).map((e) => e.id);

  test('messages that arrive while a long call runs (sending 12 MiB, reading chats) are emitted once, in order', async () => {
    const from = '15557300001';
    // A 12 MiB video crosses the DevTools connection as base64 and is uploaded by the page: the
    // call takes a while, and the contact writes meanwhile.
    const video = new MessageMedia('video/mp4', Buffer.alloc(12 * 1024 * 1024, 7).toString('base64'), 'long.mp4');
    let running = true;
    const call = client.sendMessage('15557300002@c.us', video).finally(() => {
      running = false;
    });
    const last = waitFor(client, 'message', 60000, (m) => m.body === 'during a call 19');
    const reads = [];
    const ids = [];
    let whileRunning = 0;
    for (let i = 0; i < 20; i++) {
      ids.push(await peerSend(ctx.sim, { from, body: `during a call ${i}` }));
      if (running) whileRunning++;
      // Other calls in flight at the same time.
      if (i % 5 === 0) reads.push(client.getChats());
    }
    assert.ok(whileRunning > 0, 'the contact wrote while the call was running');
    const sent = await call;
    assert.equal(sent.type, 'video');
    await Promise.all(reads);
    assert.equal((await last).id._serialized, ids[ids.length - 1]);
    assert.deepEqual(received(from), ids);
    assert.deepEqual(created(from), ids);
  });

  test('a burst of 4,000 messages from 40 contacts is emitted in order, once, each with its unread_count', async () => {
    // As WhatsApp Web hands over what arrived during a long time offline. The page-callback gate
    // once cut such a burst at 2,000 callbacks (a message and its unread_count are two).
    const N = 4000;
    const unread = [];
    const onUnread = (chat) => unread.push(chat.id._serialized);
    client.on('unread_count', onUnread);
    const last = waitFor(client, 'message', 120000, (m) => m.body === `offline ${N - 1}`);
    const senders = Array.from({ length: 40 }, (_, i) => `155573100${String(i).padStart(2, '0')}`);
    const ids = [];
    for (let i = 0; i < N; i++) ids.push(ctx.sim.peer.send({ from: senders[i % 40], body: `offline ${i}` }).id);
    await last;
    try {
      const got = log.filter((e) => e.name === 'message' && senders.includes(e.from.split('@')[0])).map((e) => e.id);
      assert.equal(got.length, N);
      assert.deepEqual(got, ids);
      // Each message raised its chat's unread count; the last of those may trail its message.
      const counted = () => unread.filter((id) => senders.includes(id.split('@')[0])).length;
      if (counted() < N) await waitFor(client, 'unread_count', 30000, () => counted() >= N);
      assert.equal(counted(), N);
    } finally {
      client.off('unread_count', onUnread);
    }
  });

  test('messages sent while the server has dropped the page are emitted once, in order, after it reconnects', async () => {
    const from = '15557300003';
    const first = waitFor(client, 'message', 20000, (m) => m.body === 'before the drop');
    const before = await peerSend(ctx.sim, { from, body: 'before the drop' });
    await first;
    // The server drops every page socket and refuses new ones for 2 s: the page retries with its
    // back-off and gets what it missed after it connected again.
    const since = ctx.sim.events.length;
    assert.ok(ctx.sim.goAway(2000) >= 1);
    const last = waitFor(client, 'message', 30000, (m) => m.body === 'while away 7');
    const ids = [before];
    for (let i = 0; i < 8; i++) ids.push(await peerSend(ctx.sim, { from, body: `while away ${i}` }));
    await last;
    assert.deepEqual(received(from), ids);
    assert.deepEqual(created(from), ids);
    // It really went through a reconnect: a new socket logged in with the saved session.
    assert.ok(ctx.sim.events.slice(since).some((e) => e.type === 'session-restored'), 'the page logged in again on a new socket');
    // And the client is still usable.
    const afterwards = waitFor(client, 'message', 20000, (m) => m.body === 'after');
    const after = await peerSend(ctx.sim, { from, body: 'after' });
    await afterwards;
    assert.deepEqual(received(from), [...ids, after]);
  });
});
