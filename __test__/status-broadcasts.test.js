'use strict';
// Status updates and broadcasts: sendMessage('status@broadcast', text or media) posts a status,
// revokeStatusMessage() deletes one, each seen on the simulator's server (GET /_sim/status); a
// contact's status (POST /_sim/peer/status) arrives as a `message` of status@broadcast (isStatus,
// author the contact) and is in getBroadcasts(), getBroadcastById() and contact.getBroadcast().
// Bad input is rejected with a named error and nothing reaches the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { Broadcast, Message, MessageMedia, Location, Poll } = require('..');
const { control, sharedClient } = require('./account-helpers');
const { waitFor } = require('./helpers');
const { png } = require('./fixtures/media-kinds');

const PEER = '15557400001';
const PEER_ID = `${PEER}@c.us`;
const OTHER_ID = '15557400002@c.us';

const statusInfo = async (sim) => {
  const res = await control(sim, 'GET', '/_sim/status');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const posts = (sim) => sim.events.filter((e) => e.type === 'status-posted' || e.type === 'status-revoked').length;

describe('status updates on one logged-in client', () => {
  const shared = sharedClient();

  test('a text status is posted: on the server with the default style, the Message is the status', async () => {
    const { ctx, client } = shared;
    const sent = await client.sendMessage('status@broadcast', 'Hello there!');
    assert.ok(sent instanceof Message);
    assert.equal(sent.isStatus, true);
    assert.equal(sent.fromMe, true);
    assert.equal(sent.id.remote, 'status@broadcast');
    assert.equal(sent.body, 'Hello there!');
    const { posted } = await statusInfo(ctx.sim);
    assert.equal(posted.length, 1);
    assert.equal(posts(ctx.sim), 1, 'logged as status-posted');
    assert.deepEqual([posted[0].key, posted[0].type, posted[0].body, posted[0].color, posted[0].font, posted[0].revoked], [sent.id._serialized, 'chat', 'Hello there!', 0xff7acca5, 0, false]);
  });

  test("a styled text status: backgroundColor and fontStyle in extra (whatsapp-web.js) or in options (its example.js)", async () => {
    const { ctx, client } = shared;
    await client.sendMessage('status@broadcast', 'Looks different?', { extra: { fontStyle: 1, backgroundColor: '#0b3296' } });
    await client.sendMessage('status@broadcast', 'Again', { fontStyle: 7, backgroundColor: 0x800b3296 });
    const { posted } = await statusInfo(ctx.sim);
    assert.deepEqual(posted.slice(-2).map((p) => [p.body, p.color, p.font]), [['Looks different?', 0xff0b3296, 1], ['Again', 0x800b3296, 7]]);
  });

  test('a picture status with a caption is uploaded and posted', async () => {
    const { ctx, client } = shared;
    const file = png(20, 10);
    const sent = await client.sendMessage('status@broadcast', new MessageMedia('image/png', file.toString('base64'), 'p.png'), { caption: 'A picture' });
    assert.equal(sent.isStatus, true);
    assert.equal(sent.type, 'image');
    assert.equal(sent.hasMedia, true);
    const last = (await statusInfo(ctx.sim)).posted.at(-1);
    assert.deepEqual([last.key, last.type, last.body], [sent.id._serialized, 'image', 'A picture']);
    assert.match(last.media.mimetype, /^image\//);
    assert.ok(last.media.size > 0);
    // A text with options.media: the text is the caption.
    await client.sendMessage('status@broadcast', 'caption as text', { media: new MessageMedia('image/png', file.toString('base64')) });
    assert.equal((await statusInfo(ctx.sim)).posted.at(-1).body, 'caption as text');
  });

  test('revokeStatusMessage() deletes the account\'s own status on the server; getBroadcasts() has the account\'s status', async () => {
    const { ctx, client } = shared;
    const sent = await client.sendMessage('status@broadcast', 'short-lived');
    const mine = (await client.getBroadcasts()).find((b) => b.id._serialized === client.info.wid._serialized);
    assert.ok(mine instanceof Broadcast);
    assert.ok(mine.msgs.some((m) => m.id._serialized === sent.id._serialized));
    assert.equal(await client.revokeStatusMessage(sent.id._serialized), undefined);
    const revoked = (await statusInfo(ctx.sim)).posted.find((p) => p.key === sent.id._serialized);
    assert.equal(revoked.revoked, true);
    const after = (await client.getBroadcasts()).find((b) => b.id._serialized === client.info.wid._serialized);
    assert.ok(!after.msgs.some((m) => m.id._serialized === sent.id._serialized));
    assert.equal(after.totalCount, mine.totalCount - 1);
    // Twice: a named error, nothing more sent.
    const count = posts(ctx.sim);
    await assert.rejects(client.revokeStatusMessage(sent.id._serialized), (e) => e.code === 'ERR_INVALID_ARGUMENT' && /revoked already/.test(e.message));
    assert.equal(posts(ctx.sim), count);
  });

  test("a contact's status arrives as a message of status@broadcast and is its Broadcast", async () => {
    const { ctx, client } = shared;
    const received = waitFor(client, 'message', 20000, (m) => m.isStatus && m.author === PEER_ID);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/status', { from: PEER, body: 'My day' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const msg = await received;
    assert.deepEqual([msg.from, msg.author, msg.body, msg.fromMe, msg.id._serialized], ['status@broadcast', PEER_ID, 'My day', false, res.body.id]);
    assert.equal((await statusInfo(ctx.sim)).received.at(-1).key, res.body.id);

    const all = await client.getBroadcasts();
    const theirs = all.find((b) => b.id._serialized === PEER_ID);
    assert.ok(theirs instanceof Broadcast);
    assert.deepEqual([theirs.id.user, theirs.id.server, theirs.totalCount, theirs.unreadCount], [PEER, 'c.us', 1, 1]);
    assert.equal(typeof theirs.timestamp, 'number');
    assert.deepEqual(theirs.msgs.map((m) => [m.body, m.isStatus, m.author]), [['My day', true, PEER_ID]]);

    // A picture status too; getBroadcastById and contact.getBroadcast see both.
    const file = png(8, 8);
    const second = waitFor(client, 'message', 20000, (m) => m.isStatus && m.author === PEER_ID && m.hasMedia);
    await control(ctx.sim, 'POST', '/_sim/peer/status', { from: PEER, body: 'look', media: { mimetype: 'image/png', data: file.toString('base64') } });
    const pic = await second;
    assert.ok(Buffer.from((await pic.downloadMedia()).data, 'base64').equals(file));
    const one = await client.getBroadcastById(PEER_ID);
    assert.deepEqual([one.totalCount, one.msgs.length], [2, 2]);
    const contact = await one.getContact();
    assert.equal(contact.id._serialized, PEER_ID);
    const again = await contact.getBroadcast();
    assert.deepEqual(again.msgs.map((m) => m.id._serialized), one.msgs.map((m) => m.id._serialized));
    assert.equal((await one.getChat()).id._serialized, PEER_ID);

    // Someone with no status: a Broadcast with no messages. Another's status cannot be revoked.
    const none = await client.getBroadcastById(OTHER_ID);
    assert.deepEqual([none.id._serialized, none.totalCount, none.msgs], [OTHER_ID, 0, []]);
    await assert.rejects(client.revokeStatusMessage(msg.id._serialized), (e) => e.code === 'ERR_INVALID_ARGUMENT' && /own status/.test(e.message));
  });

  test('bad input: named errors and nothing posted; what whatsapp-web.js does not post to a status is null with its warning', async () => {
    const { ctx, client } = shared;
    const count = posts(ctx.sim);
    const postedBefore = (await statusInfo(ctx.sim)).posted.length;
    const media = new MessageMedia('image/png', png(4, 4).toString('base64'));
    const cases = [
      [() => client.sendMessage('status@broadcast', ''), 'ERR_INVALID_ARGUMENT', /empty/],
      [() => client.sendMessage('status@broadcast', '   '), 'ERR_INVALID_ARGUMENT', /empty/],
      [() => client.sendMessage('status@broadcast', 42), 'ERR_INVALID_ARGUMENT', /content/],
      [() => client.sendMessage('status@broadcast', 'x', { backgroundColor: 'blue' }), 'ERR_INVALID_ARGUMENT', /backgroundColor/],
      [() => client.sendMessage('status@broadcast', 'x', { extra: { backgroundColor: '#123456789' } }), 'ERR_INVALID_ARGUMENT', /backgroundColor/],
      [() => client.sendMessage('status@broadcast', 'x', { fontStyle: 8 }), 'ERR_INVALID_ARGUMENT', /fontStyle/],
      [() => client.sendMessage('status@broadcast', 'x', { fontStyle: -1 }), 'ERR_INVALID_ARGUMENT', /fontStyle/],
      [() => client.sendMessage('status@broadcast', new MessageMedia('application/pdf', 'JVBERg==', 'a.pdf')), 'ERR_INVALID_ARGUMENT', /picture, a video or audio/],
      [() => client.sendMessage('status@broadcast', new MessageMedia('image/png', 'not base64!')), 'ERR_INVALID_ARGUMENT', /base64/],
      [() => client.sendMessage('status@broadcast', media, { caption: 7 }), 'ERR_INVALID_ARGUMENT', /caption/],
      [() => client.sendMessage('1234@broadcast', 'a list'), 'ERR_NOT_SUPPORTED', /broadcast lists/],
      [() => client.revokeStatusMessage('nonsense'), 'ERR_INVALID_ARGUMENT', /messageId/],
      [() => client.revokeStatusMessage('true_status@broadcast_ABCDEF0123_15550100001@c.us'), 'ERR_MESSAGE_NOT_FOUND', /status message/],
      [() => client.getBroadcastById('someone'), 'ERR_INVALID_CHAT_ID', /./],
      [() => client.getBroadcastById(42), 'ERR_INVALID_CHAT_ID', /string/],
    ];
    for (const [call, code, message] of cases) {
      await assert.rejects(call(), (e) => {
        assert.equal(e.code, code, `${call}: ${e.message}`);
        assert.match(e.message, message);
        return true;
      });
    }
    const warnings = [];
    const warn = console.warn;
    console.warn = (text) => warnings.push(text);
    try {
      assert.equal(await client.sendMessage('status@broadcast', new Location(1, 2)), null);
      assert.equal(await client.sendMessage('status@broadcast', new Poll('Q?', ['a', 'b'])), null);
      assert.equal(await client.sendMessage('status@broadcast', media, { sendMediaAsSticker: true }), null);
      assert.equal(await client.sendMessage('status@broadcast', media, { isViewOnce: true }), null);
      assert.equal(await client.sendMessage('status@broadcast', 'hi', { quotedMessageId: 'x' }), null);
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 5);
    assert.match(warnings[0], /not supported for sending in status broadcast/);
    assert.equal(posts(ctx.sim), count, 'nothing reached the server');
    assert.equal((await statusInfo(ctx.sim)).posted.length, postedBefore);
  });
});
