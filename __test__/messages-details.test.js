'use strict';
// The parts of issue 12's API that messages.test.js does not show by their effect: getMentions(),
// a received reply, MessageMedia.fromUrl(), linkPreview, business contacts, chat.getContact() and
// contact.getChat(), and reading only some messages. Each through the simulator's control API.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { MessageMedia, PrivateContact, BusinessContact, PrivateChat, MessageAck } = require('..');
const { waitFor } = require('./helpers');
const { control, peerSendAndReceive: receive, inbox, serverHas, sharedClient } = require('./account-helpers');

const ME = '15550100001@c.us';

describe('one logged-in client', () => {
  const shared = sharedClient();
  let ctx;
  let client;
  before(() => ({ ctx, client } = shared));

  test('getMentions(): the mentioned contacts, with their address-book names', async () => {
    await ctx.sim.addContacts([
      { number: '15557200002', name: 'Mentioned One' },
      { number: '15557200003', name: 'Mentioned Two' },
    ]);
    const msg = await receive(ctx.sim, client, { from: '15557200001', body: 'hi @15557200002 @15557200003', mentions: ['15557200002', '15557200003'] });
    assert.deepEqual(msg.mentionedIds, ['15557200002@c.us', '15557200003@c.us']);
    const mentioned = await msg.getMentions();
    assert.deepEqual(mentioned.map((c) => [c.constructor.name, c.id._serialized, c.name]), [
      ['PrivateContact', '15557200002@c.us', 'Mentioned One'],
      ['PrivateContact', '15557200003@c.us', 'Mentioned Two'],
    ]);
    const plain = await receive(ctx.sim, client, { from: '15557200001', body: 'no one' });
    assert.deepEqual(await plain.getMentions(), []);
  });

  test('a long message (60,000 characters, as WhatsApp allows up to 65,536) is emitted whole', async () => {
    const body = `${'long é "quoted" \n line; '.repeat(2500)}end`;
    assert.ok(body.length >= 60000);
    const msg = await receive(ctx.sim, client, { from: '15557200010', body });
    assert.equal(msg.body, body);
    assert.equal((await client.getMessageById(msg.id._serialized)).body.length, body.length);
  });

  test('a contact replies to our message: hasQuotedMsg, and getQuotedMessage() is ours', async () => {
    const peer = '15557200004';
    const ours = await client.sendMessage(`${peer}@c.us`, 'what do you think?');
    await serverHas(ctx.sim, ours);
    const reply = await receive(ctx.sim, client, { from: peer, body: 'yes', quotedId: ours.id._serialized });
    assert.equal(reply.hasQuotedMsg, true);
    const quoted = await reply.getQuotedMessage();
    assert.deepEqual([quoted.id._serialized, quoted.body, quoted.fromMe], [ours.id._serialized, 'what do you think?', true]);
    const unquoted = await receive(ctx.sim, client, { from: peer, body: 'and more' });
    assert.equal(unquoted.hasQuotedMsg, false);
    assert.equal(await unquoted.getQuotedMessage(), undefined);
  });

  test('MessageMedia.fromUrl(): the file from a web server, sent, and in the contact\'s inbox', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const server = http.createServer((req, res) => {
      if (req.url === '/files/dot.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(png);
      } else if (req.url === '/download') {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="report.pdf"' });
        res.end('%PDF-1.4');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${server.address().port}`;
      const media = await MessageMedia.fromUrl(`${base}/files/dot.png`);
      assert.deepEqual([media.mimetype, media.filename, media.filesize], ['image/png', 'dot.png', png.length]);
      assert.ok(Buffer.from(media.data, 'base64').equals(png));
      // No extension: refused unless unsafeMime, then the response's type and name.
      await assert.rejects(MessageMedia.fromUrl(`${base}/download`), /MIME type/);
      const pdf = await MessageMedia.fromUrl(`${base}/download`, { unsafeMime: true });
      assert.deepEqual([pdf.mimetype, pdf.filename], ['application/pdf', 'report.pdf']);

      const to = '15557200005';
      const sent = await client.sendMessage(`${to}@c.us`, media, { caption: 'from the web' });
      const doc = await client.sendMessage(`${to}@c.us`, pdf);
      await serverHas(ctx.sim, sent);
      await serverHas(ctx.sim, doc);
      assert.deepEqual((await inbox(ctx.sim, to)).map((m) => [m.type, m.body, m.media]), [
        ['image', 'from the web', { mimetype: 'image/png', filename: 'dot.png', size: png.length }],
        ['document', '', { mimetype: 'application/pdf', filename: 'report.pdf', size: 8 }],
      ]);
    } finally {
      server.close();
    }
  });

  test('linkPreview: on by default, a message with a link carries a preview; linkPreview: false sends none', async () => {
    const to = '15557200006';
    const withPreview = await client.sendMessage(`${to}@c.us`, 'look at https://example.com/page now');
    const without = await client.sendMessage(`${to}@c.us`, 'and https://example.org/', { linkPreview: false });
    const noLink = await client.sendMessage(`${to}@c.us`, 'no link here');
    for (const m of [withPreview, without, noLink]) await serverHas(ctx.sim, m);
    assert.deepEqual(withPreview.links, [{ link: 'https://example.com/page', isSuspicious: false }]);
    const [a, b, c] = await inbox(ctx.sim, to);
    assert.deepEqual(a.linkPreview, { title: 'example.com', url: 'https://example.com/page', matchedText: 'https://example.com/page' });
    assert.equal(b.linkPreview, undefined);
    assert.equal(c.linkPreview, undefined);
    assert.equal(a.body, 'look at https://example.com/page now');
  });

  test('a business in the address book is a BusinessContact with isBusiness', async () => {
    await ctx.sim.addContacts([{ number: '15557200007', name: 'Acme Shop', isBusiness: true }]);
    await receive(ctx.sim, client, { from: '15557200007', body: 'your order shipped' });
    const shop = await client.getContactById('15557200007@c.us');
    assert.ok(shop instanceof BusinessContact);
    assert.equal(shop.isBusiness, true);
    assert.equal(shop.name, 'Acme Shop');
    const listed = (await client.getContacts()).find((c) => c.id._serialized === '15557200007@c.us');
    assert.ok(listed instanceof BusinessContact);
    const person = await client.getContactById('15557200004@c.us');
    assert.ok(person instanceof PrivateContact && !(person instanceof BusinessContact));
    assert.equal(person.isBusiness, false);
  });

  test('chat.getContact() and contact.getChat() lead to each other', async () => {
    const peer = '15557200008';
    await ctx.sim.addContacts([{ number: peer, name: 'Round Trip' }]);
    await receive(ctx.sim, client, { from: peer, body: 'hello' });
    const chat = await client.getChatById(`${peer}@c.us`);
    const contact = await chat.getContact();
    assert.deepEqual([contact.id._serialized, contact.name], [`${peer}@c.us`, 'Round Trip']);
    const back = await contact.getChat();
    assert.ok(back instanceof PrivateChat);
    assert.deepEqual([back.id._serialized, back.name, back.lastMessage.body], [`${peer}@c.us`, 'Round Trip', 'hello']);
  });

  test('POST /_sim/peer/read with ids: only those messages become read', async () => {
    const to = '15557200009';
    const first = await client.sendMessage(`${to}@c.us`, 'first');
    const second = await client.sendMessage(`${to}@c.us`, 'second');
    for (const m of [first, second]) {
      await ctx.sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    }
    const read = waitFor(client, 'message_ack', 20000, (m, ack) => ack === MessageAck.ACK_READ && m.to === `${to}@c.us`);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/read', { peer: to, ids: [second.id._serialized] });
    assert.deepEqual(res.body.read, [second.id._serialized]);
    const [readMsg] = await read;
    assert.equal(readMsg.id._serialized, second.id._serialized);
    assert.equal((await first.reload()).ack < MessageAck.ACK_READ, true);
    assert.equal((await second.reload()).ack, MessageAck.ACK_READ);
    assert.equal(first.from, ME);
  });
});
