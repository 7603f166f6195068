'use strict';
// Actions on messages already there: msg.edit() (and message_edit for the account's own edit),
// msg.pin()/unpin() with getPinnedMessages(), msg.star()/unstar(), msg.getReactions(), each shown
// by its effect through the simulator (GET /_sim/peer/inbox, its events) and the events the client
// emits; bad input is refused with named errors and nothing changes. Also whatsapp-web.js's
// example.js commands !edit, !pinmsg and !unpin.
const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { Message, Reaction, Location, MessageMedia } = require('..');
const { waitFor } = require('./helpers');
const { control, inbox, serverHas, sharedClient, peerSendAndReceive } = require('./account-helpers');
const { png } = require('./fixtures/media-kinds');

const code = (promise) =>
  promise.then(
    () => 'resolved',
    (e) => `${e.constructor.name}:${e.code}`,
  );
const BAD_ARG = 'TypeError:ERR_INVALID_ARGUMENT';
// The simulator's log of a kind, from index `since`.
const logged = (sim, type, since = 0) => sim.events.slice(since).filter((e) => e.type === type);

describe('message actions', () => {
  const shared = sharedClient();

  async function sent(peer, body) {
    const msg = await shared.client.sendMessage(`${peer}@c.us`, body);
    await serverHas(shared.ctx.sim, msg);
    return msg;
  }
  const inboxOf = async (peer, msg) => (await inbox(shared.ctx.sim, peer)).find((m) => m.id === msg.id._serialized);

  test("msg.edit(): the contact gets the new text, the inbox keeps the edit history, and message_edit fires for the account's own edit", async () => {
    const { client } = shared;
    const peer = '15557500001';
    const msg = await sent(peer, 'see you at 5');
    const event = waitFor(client, 'message_edit', 20000, (m) => m.id._serialized === msg.id._serialized);
    const edited = await msg.edit('see you at 6');
    assert.ok(edited instanceof Message);
    assert.equal(edited.id._serialized, msg.id._serialized);
    assert.equal(edited.body, 'see you at 6');
    assert.equal(typeof edited.latestEditSenderTimestampMs, 'number');
    const [message, newBody, prevBody] = await event;
    assert.equal(message.fromMe, true);
    assert.deepEqual([newBody, prevBody], ['see you at 6', 'see you at 5']);
    // whatsapp-web.js's other edit options are taken too: group mentions and extra fields.
    const twice = await edited.edit('see you at 7', { linkPreview: false, groupMentions: { subject: 'Team', id: '120363000000000001@g.us' }, extra: {} });
    assert.equal(twice.body, 'see you at 7');
    const there = await inboxOf(peer, msg);
    assert.equal(there.body, 'see you at 7');
    assert.equal(there.originalBody, 'see you at 5');
    assert.deepEqual(
      there.edits.map((e) => e.body),
      ['see you at 6', 'see you at 7'],
    );
    assert.equal((await client.getMessageById(msg.id._serialized)).body, 'see you at 7');
  });

  test("msg.edit() on a picture changes its caption; a picture without one is not editable", async () => {
    const { client } = shared;
    const peer = '15557500008';
    const picture = new MessageMedia('image/png', png(8, 8).toString('base64'), 'dot.png');
    const captioned = await client.sendMessage(`${peer}@c.us`, picture, { caption: 'a dot' });
    const bare = await client.sendMessage(`${peer}@c.us`, picture);
    await serverHas(shared.ctx.sim, bare);
    const edited = await captioned.edit('a grey dot');
    assert.equal(edited.body, 'a grey dot');
    const there = await inboxOf(peer, captioned);
    assert.deepEqual([there.type, there.body, there.originalBody], ['image', 'a grey dot', 'a dot']);
    assert.equal(await code(bare.edit('a caption now')), BAD_ARG);
    assert.deepEqual((await inboxOf(peer, bare)).edits, []);
  });

  test("msg.edit() refuses a contact's message, a message that is not text, and bad arguments; nothing is edited", async () => {
    const { ctx, client } = shared;
    const peer = '15557500002';
    const theirs = await peerSendAndReceive(ctx.sim, client, { from: peer, body: 'my words' });
    const mine = await sent(peer, 'mine');
    const location = await sent(peer, new Location(52.52, 13.4, { name: 'Berlin' }));
    const since = ctx.sim.events.length;
    const before = await inbox(ctx.sim, peer);
    assert.equal(await code(theirs.edit('your words')), BAD_ARG);
    assert.equal(await code(location.edit('somewhere else')), BAD_ARG);
    for (const content of [42, null, new MessageMedia('image/png', 'iVBORw0KGgo=', 'a.png')]) {
      assert.equal(await code(mine.edit(content)), BAD_ARG, String(content));
    }
    // A blank text edits nothing and answers null (example.js's !edit passes '').
    assert.equal(await mine.edit(''), null);
    assert.equal(await mine.edit('   '), null);
    assert.equal(await code(mine.edit('ok', { linkPreview: 'yes' })), BAD_ARG);
    assert.equal(await code(mine.edit('ok', { extra: 'sneaky' })), BAD_ARG);
    assert.equal(await code(mine.edit('ok', { groupMentions: [{ subject: 'G' }] })), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.equal(await code(mine.edit('ok', 'options')), BAD_ARG);
    // A message id that is not one, and one the page does not hold.
    const ghost = Object.create(Message.prototype);
    Object.assign(ghost, { client, id: { _serialized: `true_${peer}@c.us_3EB0AAAAAAAAAAAAAAAA` }, fromMe: true });
    assert.equal(await code(ghost.edit('hello')), 'Error:ERR_MESSAGE_NOT_FOUND');
    ghost.id = { _serialized: 'not an id' };
    assert.equal(await code(ghost.edit('hello')), BAD_ARG);
    assert.deepEqual(logged(ctx.sim, 'message-edited', since), []);
    assert.deepEqual(await inbox(ctx.sim, peer), before);
  });

  test('msg.pin(duration) pins, getPinnedMessages() and chat.getPinnedMessages() list it, msg.unpin() unpins', async () => {
    const { ctx, client } = shared;
    const peer = '15557500003';
    const msg = await sent(peer, 'the address is 5 Main St');
    const other = await sent(peer, 'not pinned');
    assert.deepEqual(await client.getPinnedMessages(`${peer}@c.us`), []);
    assert.equal(await msg.pin(86400), true);
    const there = await inboxOf(peer, msg);
    assert.equal(there.pinned, true);
    assert.equal(there.pin.duration, 86400);
    assert.equal((await inboxOf(peer, other)).pinned, false);
    const pinned = await client.getPinnedMessages(`${peer}@c.us`);
    assert.deepEqual(
      pinned.map((m) => [m instanceof Message, m.id._serialized, m.body]),
      [[true, msg.id._serialized, 'the address is 5 Main St']],
    );
    const chat = await msg.getChat();
    assert.deepEqual(
      (await chat.getPinnedMessages()).map((m) => m.id._serialized),
      [msg.id._serialized],
    );
    assert.equal(await msg.unpin(), true);
    assert.equal((await inboxOf(peer, msg)).pinned, false);
    assert.deepEqual(await client.getPinnedMessages(`${peer}@c.us`), []);
    assert.deepEqual(
      logged(ctx.sim, 'message-pinned').map((e) => [e.key, e.duration]),
      [[msg.id._serialized, 86400]],
    );
    assert.equal(logged(ctx.sim, 'message-unpinned').length, 1);
  });

  test('msg.pin() refuses a duration whatsapp-web.js would not take (not a number) or WhatsApp does not offer; nothing is pinned', async () => {
    const { ctx, client } = shared;
    const peer = '15557500004';
    const msg = await sent(peer, 'pin me maybe');
    const since = ctx.sim.events.length;
    for (const duration of ['86400', undefined, null, true, {}, 0, -60, 1.5, NaN, Infinity, 30 * 24 * 3600 + 1]) {
      assert.equal(await code(msg.pin(duration)), BAD_ARG, String(duration));
    }
    assert.equal(await code(client.getPinnedMessages(42)), 'TypeError:ERR_INVALID_CHAT_ID');
    assert.deepEqual(logged(ctx.sim, 'message-pinned', since), []);
    assert.equal((await inboxOf(peer, msg)).pinned, false);
    assert.deepEqual(await client.getPinnedMessages(`${peer}@c.us`), []);
  });

  test('msg.star() and msg.unstar(): the star is on the server and on the message', async () => {
    const { ctx } = shared;
    const peer = '15557500005';
    const msg = await sent(peer, 'remember this');
    assert.equal((await inboxOf(peer, msg)).starred, false);
    assert.equal(await msg.star(), undefined);
    assert.equal((await inboxOf(peer, msg)).starred, true);
    assert.equal((await msg.reload()).isStarred, true);
    await msg.unstar();
    assert.equal((await inboxOf(peer, msg)).starred, false);
    assert.equal((await msg.reload()).isStarred, false);
    assert.deepEqual(
      logged(ctx.sim, 'message-starred').map((e) => e.keys),
      [[msg.id._serialized]],
    );
  });

  test("msg.getReactions(): whatsapp-web.js's ReactionList, by emoji, with Reaction senders; undefined without reactions", async () => {
    const { ctx, client } = shared;
    const peer = '15557500006';
    const msg = await sent(peer, 'react to this');
    assert.equal(await msg.getReactions(), undefined);
    const reacted = waitFor(client, 'message_reaction', 20000, (r) => r.senderId === `${peer}@c.us`);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/react', { from: peer, messageId: msg.id._serialized, reaction: '👍' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await reacted;
    await msg.react('❤️');
    await msg.reload();
    assert.equal(msg.hasReaction, true);
    const lists = await msg.getReactions();
    assert.deepEqual(
      lists.map((l) => [l.id, l.aggregateEmoji, l.hasReactionByMe, l.senders.length]),
      [
        ['👍', '👍', false, 1],
        ['❤️', '❤️', true, 1],
      ],
    );
    const [theirs] = lists[0].senders;
    assert.ok(theirs instanceof Reaction);
    assert.equal(theirs.senderId, `${peer}@c.us`);
    assert.equal(theirs.reaction, '👍');
    assert.equal(theirs.msgId._serialized, msg.id._serialized);
    assert.ok(Number.isInteger(theirs.timestamp) && Math.abs(theirs.timestamp - Date.now() / 1000) < 60);
    // Taken back: the contact's emoji is gone.
    await control(ctx.sim, 'POST', '/_sim/peer/react', { from: peer, messageId: msg.id._serialized, reaction: '' });
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      (await msg.getReactions()).map((l) => l.id),
      ['❤️'],
    );
  });

  test("whatsapp-web.js's example.js !pinmsg, !unpin and !edit", async () => {
    const { ctx, client } = shared;
    const peer = '15557500007';
    // The handlers as example.js (main 2dc9466, lines 448-456, 519-529 and 609-616) writes them.
    const results = [];
    const onMessage = async (msg) => {
      try {
        if (msg.body === '!edit') {
          if (msg.hasQuotedMsg) {
            const quotedMsg = await msg.getQuotedMessage();
            if (quotedMsg.fromMe) {
              await quotedMsg.edit(msg.body.replace('!edit', ''));
              results.push(['!edit', 'done']);
            } else {
              msg.reply('I can only edit my own messages');
            }
          }
        } else if (msg.body === '!pinmsg') {
          const result = await msg.pin(60); // Will pin a message for 1 minute
          results.push(['!pinmsg', result]);
        }
      } catch (e) {
        results.push([msg.body, e.code]);
      }
    };
    const onCreate = async (msg) => {
      if (msg.fromMe && msg.body.startsWith('!unpin')) {
        const pinnedMsg = await msg.getQuotedMessage();
        if (pinnedMsg) {
          const result = await pinnedMsg.unpin();
          results.push(['!unpin', result]);
        }
      }
    };
    client.on('message', onMessage);
    client.on('message_create', onCreate);
    try {
      // !pinmsg pins the command itself, a contact's message, for a minute.
      const command = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!pinmsg' });
      await ctx.sim.waitFor('message-pinned', (e) => e.key === command.id._serialized, 20000, { since: 0 });
      assert.deepEqual(
        (await client.getPinnedMessages(`${peer}@c.us`)).map((m) => m.id._serialized),
        [command.id._serialized],
      );
      // !unpin, sent by the account quoting the pinned message, unpins it.
      await client.sendMessage(`${peer}@c.us`, '!unpin', { quotedMessageId: command.id._serialized });
      await ctx.sim.waitFor('message-unpinned', (e) => e.key === command.id._serialized, 20000, { since: 0 });
      // The server logs the unpin before it answers the page; unpin() resolves once the page has it.
      await waitUntil(() => results.some(([what]) => what === '!unpin'));
      assert.deepEqual(await client.getPinnedMessages(`${peer}@c.us`), []);
      // !edit quoting the account's message: example.js edits it to the command's text without
      // '!edit', which is always empty; an empty text edits nothing (null) and the message stays.
      const mine = await sent(peer, 'typo hree');
      const since = ctx.sim.events.length;
      const quoted = (await peerSend(ctx, peer, '!edit', mine)).id;
      await waitUntil(() => results.some(([what]) => what === '!edit'));
      assert.ok(quoted);
      assert.deepEqual(results, [
        ['!pinmsg', true],
        ['!unpin', true],
        ['!edit', 'done'],
      ]);
      assert.deepEqual(logged(ctx.sim, 'message-edited', since), []);
      assert.equal((await inboxOf(peer, mine)).body, 'typo hree');
    } finally {
      client.off('message', onMessage);
      client.off('message_create', onCreate);
    }
  });
});

// A contact sends `body` quoting the account's message `quoted`.
async function peerSend(ctx, from, body, quoted) {
  const res = await control(ctx.sim, 'POST', '/_sim/peer/send', { from, body, quotedId: quoted.id._serialized });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function waitUntil(check, ms = 20000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
