'use strict';
// Buttons and List, which WhatsApp deprecated and whatsapp-web.js 1.34.7 still sends
// (src/Client.js:1504-1519; main src/util/Injected/Utils.js:357-400): sendMessage() warns as it
// does (console.warn, the same words) and sends a text message with reply buttons or a `list`
// message; the contact's inbox (GET /_sim/peer/inbox) shows them. A WhatsApp Business account
// cannot send a List (whatsapp-web.js's "[LT01] Whatsapp business can't send this yet"). Shapes
// whatsapp-web.js's constructors cannot make are refused with a named error and nothing is sent.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { Buttons, List, MessageMedia, Message } = require('..');
const { control, inbox, sharedClient, rejectsWithCode, eventsSince } = require('./account-helpers');

const PEER = '15557500001';
const PEER_ID = `${PEER}@c.us`;
const BUTTONS_WARNING = 'Buttons are now deprecated. See more at https://www.youtube.com/watch?v=hv1R1rLeVVE.';
const LISTS_WARNING = 'Lists are now deprecated. See more at https://www.youtube.com/watch?v=hv1R1rLeVVE.';
const SECTIONS = [{ title: 'sectionTitle', rows: [{ title: 'ListItem1', description: 'desc' }, { id: 'row-2', title: 'ListItem2' }] }];

describe('Buttons and List', () => {
  const shared = sharedClient();
  let sim;
  let client;
  const seen = (since) => eventsSince(sim, since, 'message-sent');
  // sendMessage() resolves once the page has the message, as whatsapp-web.js's does; the server
  // stores it a moment later, so wait for that before reading the contact's inbox.
  const inboxMessage = async (id) => {
    await sim.waitFor('message-sent', (e) => e.key === id, 30000, { since: 0 });
    return (await inbox(sim, PEER)).find((m) => m.id === id);
  };
  const warnings = (warn) => warn.mock.calls.map((c) => c.arguments[0]);

  before(async () => {
    ({ client } = shared);
    sim = shared.ctx.sim;
    await sim.addContacts([{ number: PEER, name: 'Peer' }]);
  });

  test("whatsapp-web.js's shapes: ids of 6 letters or digits where none is given, at most 3 buttons, and its [BT01]/[LT0x] checks", () => {
    const buttons = new Buttons('Button body', [{ body: 'bt1' }, { id: 7, body: 'bt2' }, { body: 'bt3' }, { body: 'dropped' }], 'title', 'footer');
    assert.equal(buttons.type, 'chat');
    assert.equal(buttons.buttons.length, 3);
    assert.deepEqual(buttons.buttons[1], { buttonId: '7', buttonText: { displayText: 'bt2' }, type: 1 });
    assert.match(buttons.buttons[0].buttonId, /^[A-Za-z0-9]{6}$/);
    const media = new Buttons(new MessageMedia('image/png', 'AAAA'), [{ body: 'x' }], 'gone', 'f');
    assert.equal(media.type, 'media');
    assert.equal(media.title, '');
    const list = new List('List body', 'btnText', SECTIONS, 'Title', 'footer');
    assert.equal(list.description, 'List body');
    assert.equal(list.sections[0].rows[1].description, '');
    assert.match(list.sections[0].rows[0].rowId, /^[A-Za-z0-9]{6}$/);
    assert.throws(() => new Buttons('b', []), { code: 'ERR_INVALID_ARGUMENT', message: /^\[BT01\] No buttons/ });
    assert.throws(() => new List('b', 't', []), { code: 'ERR_INVALID_ARGUMENT', message: /^\[LT02\]/ });
    assert.throws(() => new List('b', 't', [{ rows: [{ title: 'a' }] }, { rows: [{ title: 'b' }] }]), { message: /^\[LT05\]/ });
    assert.throws(() => new List('b', 't', [{ title: 's', rows: [] }]), { message: /^\[LT03\]/ });
    assert.throws(() => new List('b', 't', [{ title: 's', rows: [{}] }]), { message: /^\[LT04\]/ });
  });

  test('Buttons: the deprecation warning, then a text message with reply buttons the contact receives; resolves with the Message', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const buttons = new Buttons('Button body', [{ body: 'bt1' }, { id: 'yes', body: 'bt2' }], 'title', 'footer');
    const msg = await client.sendMessage(PEER_ID, buttons);
    assert.deepEqual(warnings(warn), [BUTTONS_WARNING]);
    assert.ok(msg instanceof Message);
    assert.deepEqual([msg.type, msg.body, msg.fromMe, msg.to], ['chat', 'Button body', true, PEER_ID]);
    const got = await inboxMessage(msg.id._serialized);
    assert.deepEqual([got.type, got.body], ['chat', 'Button body']);
    assert.deepEqual(got.buttons, {
      title: 'title',
      footer: 'footer',
      caption: 'Button body',
      buttons: [
        { buttonId: buttons.buttons[0].buttonId, displayText: 'bt1' },
        { buttonId: 'yes', displayText: 'bt2' },
      ],
      attachment: null,
    });
  });

  test('Buttons with a file body: the file rides along as the attachment, the caption is " " and there is no title, as in whatsapp-web.js', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const file = new MessageMedia('image/png', 'iVBORw0KGgo=', 'a.png');
    const msg = await client.sendMessage(PEER_ID, new Buttons(file, [{ id: 'b1', body: 'Open' }], 'gone', 'foot'));
    const got = await inboxMessage(msg.id._serialized);
    assert.deepEqual([got.type, got.body, got.media], ['chat', '', null]);
    assert.deepEqual(got.buttons, { title: null, footer: 'foot', caption: ' ', buttons: [{ buttonId: 'b1', displayText: 'Open' }], attachment: { mimetype: 'image/png', filename: 'a.png' } });
  });

  test('List: the deprecation warning, then a `list` message whose body is the description; resolves with the Message', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const list = new List('List body', 'btnText', SECTIONS, 'Title', 'footer');
    const msg = await client.sendMessage(PEER_ID, list);
    assert.deepEqual(warnings(warn), [LISTS_WARNING]);
    assert.ok(msg instanceof Message);
    assert.deepEqual([msg.type, msg.body, msg.fromMe], ['list', 'List body', true]);
    const got = await inboxMessage(msg.id._serialized);
    assert.deepEqual([got.type, got.body], ['list', 'List body']);
    assert.deepEqual(got.list, {
      title: 'Title',
      description: 'List body',
      buttonText: 'btnText',
      footer: 'footer',
      sections: [
        {
          title: 'sectionTitle',
          rows: [
            { rowId: list.sections[0].rows[0].rowId, title: 'ListItem1', description: 'desc' },
            { rowId: 'row-2', title: 'ListItem2', description: '' },
          ],
        },
      ],
    });
  });

  test('a channel or a broadcast list: the warning whatsapp-web.js gives there, null, nothing sent', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const since = sim.events.length;
    assert.equal(await client.sendMessage('123@newsletter', new List('b', 't', SECTIONS)), null);
    assert.equal(await client.sendMessage('1234567890@broadcast', new Buttons('b', [{ body: 'x' }])), null);
    assert.deepEqual(warnings(warn), [
      'The message type is currently not supported for sending in channels,\nthe supported message types are: text, image, sticker, gif, video, voice and poll.',
      'The message type is currently not supported for sending in status broadcast,\nthe supported message types are: text, image, gif, audio and video.',
    ]);
    assert.deepEqual(seen(since), []);
  });

  test('shapes whatsapp-web.js cannot make: ERR_INVALID_ARGUMENT naming the field, nothing sent', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const since = sim.events.length;
    const tooMany = new Buttons('b', [{ body: 'x' }]);
    tooMany.buttons.push(...['a', 'b', 'c'].map((id) => ({ buttonId: id, buttonText: { displayText: id }, type: 1 })));
    const noText = new Buttons('b', [{ id: 'x' }]); // a button without a body
    const badKind = Object.assign(new Buttons('b', [{ body: 'x' }]), { type: 'template' });
    const badBody = Object.assign(new Buttons('b', [{ body: 'x' }]), { body: 42 });
    const badFile = Object.assign(new Buttons(new MessageMedia('image/png', 'AAAA'), [{ body: 'x' }]), { body: { mimetype: 'image/png' } });
    const noSections = Object.assign(new List('b', 't', SECTIONS), { sections: [] });
    const emptyRows = Object.assign(new List('b', 't', SECTIONS), { sections: [{ title: 's', rows: [] }] });
    const untitledRow = Object.assign(new List('b', 't', SECTIONS), { sections: [{ title: 's', rows: [{ rowId: 'r', title: '', description: '' }] }] });
    const noButtonText = Object.assign(new List('b', 't', SECTIONS), { buttonText: '' });
    const numberBody = Object.assign(new List('b', 't', SECTIONS), { description: 5 });
    for (const [content, field] of [
      [tooMany, /content\.buttons.*1 to 3 buttons, got 4/],
      [noText, /content\.buttons\[0\]\.buttonText\.displayText/],
      [badKind, /content\.type/],
      [badBody, /content\.body/],
      [badFile, /content\.body\.data/],
      [noSections, /\[LT02\]/],
      [emptyRows, /\[LT03\]/],
      [untitledRow, /\[LT04\]/],
      [noButtonText, /content\.buttonText/],
      [numberBody, /content\.description/],
    ]) {
      await rejectsWithCode(client.sendMessage(PEER_ID, content), 'ERR_INVALID_ARGUMENT', field);
    }
    assert.deepEqual(seen(since), []);
  });

  test("a WhatsApp Business account: a List is ERR_NOT_SUPPORTED with whatsapp-web.js's [LT01] text and nothing is sent; Buttons still go", async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const res = await control(sim, 'POST', '/_sim/labels', { business: true });
    assert.equal(res.body.platform, 'smba');
    // The page hears of it with its labels (Conn.platform changes with them).
    const deadline = Date.now() + 10000;
    while ((await client.getLabels()).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    try {
      const since = sim.events.length;
      const before = (await inbox(sim, PEER)).length;
      await rejectsWithCode(client.sendMessage(PEER_ID, new List('List body', 'btnText', SECTIONS)), 'ERR_NOT_SUPPORTED', /^\[LT01\] Whatsapp business can't send this yet/);
      assert.deepEqual(seen(since), []);
      assert.equal((await inbox(sim, PEER)).length, before);
      const msg = await client.sendMessage(PEER_ID, new Buttons('still fine', [{ body: 'ok' }]));
      assert.equal((await inboxMessage(msg.id._serialized)).buttons.buttons[0].displayText, 'ok');
      assert.deepEqual(warnings(warn), [LISTS_WARNING, BUTTONS_WARNING]);
    } finally {
      await control(sim, 'POST', '/_sim/labels', { business: false });
    }
  });
});
