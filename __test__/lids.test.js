'use strict';
// LIDs as today's WhatsApp Web has them, by what a user of the client sees: groups addressed by
// LID, a chat with someone outside the address book named by their LID, a block list that holds
// LIDs only, getContactLidAndPhone(), and sending to the phone number of someone the page knows
// by LID only (whatsapp-web.js main 2dc9466 behaviour).
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { waitFor } = require('./helpers');
const { control, peerSend, inbox, sharedClient } = require('./account-helpers');

const ME = '15550100001@c.us';
const OWNER = '15557800001';
const MEMBER = '15557800002';

describe('one logged-in client', () => {
  const shared = sharedClient();
  let ctx;
  let client;
  before(() => {
    ({ ctx, client } = shared);
  });
  // The LIDs the server gave out, as GET /_sim/contacts lists them for the address book.
  const lidOf = (number) => `${ctx.sim.account._lidOf(number)}@lid`;

  test('GET /_sim/contacts lists each contact with its LID; a given LID is kept', async () => {
    assert.equal((await control(ctx.sim, 'POST', '/_sim/contacts', { contacts: [{ number: OWNER, name: 'Olga Owner' }, { number: MEMBER, name: 'Max Member', lid: '111222333444555' }] })).status, 200);
    const { contacts } = (await control(ctx.sim, 'GET', '/_sim/contacts')).body;
    const byNumber = Object.fromEntries(contacts.map((c) => [c.number, c]));
    assert.match(byNumber[OWNER].lid, /^\d{6,20}$/);
    assert.equal(byNumber[MEMBER].lid, '111222333444555');
    const bad = await control(ctx.sim, 'POST', '/_sim/contacts', { contacts: [{ number: '15557800003', lid: 'abc' }] });
    assert.equal(bad.status, 400);
    const taken = await control(ctx.sim, 'POST', '/_sim/contacts', { contacts: [{ number: '15557800004', lid: '111222333444555' }] });
    assert.equal(taken.status, 409);
  });

  test('a LID group: authors and notifications carry LIDs, participants read as phone numbers, getContactLidAndPhone maps them', async () => {
    const joined = waitFor(client, 'group_join', 20000);
    const created = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Lids', participants: [OWNER, MEMBER] });
    const group = created.body.id;
    const note = await joined;
    assert.equal(note.author, lidOf(OWNER));
    assert.deepEqual(note.recipientIds, [lidOf(ME.split('@')[0])]);

    const received = waitFor(client, 'message', 20000, (m) => m.from === group);
    const id = await peerSend(ctx.sim, { from: MEMBER, to: group, body: 'hello from a LID' });
    const msg = await received;
    assert.equal(msg.id._serialized, id);
    assert.equal(msg.author, '111222333444555@lid', 'the author as the page gives it');
    assert.ok(msg.id._serialized.endsWith('_111222333444555@lid'));
    // The author's contact reads as the phone number the group metadata gave.
    const author = await msg.getContact();
    assert.equal(author.id._serialized, `${MEMBER}@c.us`);
    assert.equal(author.number, MEMBER);

    const chat = await client.getChatById(group);
    assert.equal(chat.owner._serialized, lidOf(OWNER));
    assert.deepEqual(chat.participants.map((p) => p.id._serialized), [`${OWNER}@c.us`, `${MEMBER}@c.us`, ME]);

    assert.deepEqual(await client.getContactLidAndPhone([msg.author, `${OWNER}@c.us`]), [
      { lid: '111222333444555@lid', pn: `${MEMBER}@c.us` },
      { lid: lidOf(OWNER), pn: `${OWNER}@c.us` },
    ]);
    // A reply goes out under our own LID, and reaches the group.
    const reply = await msg.reply('hi back');
    assert.ok(reply.id._serialized.endsWith(`_${lidOf(ME.split('@')[0])}`));
    await ctx.sim.waitFor('message-sent', (e) => e.key === reply.id._serialized, 30000, { since: 0 });
    assert.equal((await inbox(ctx.sim, group)).at(-1).body, 'hi back');
  });

  test('an old-style group (addressingMode "pn") keeps phone numbers', async () => {
    const joined = waitFor(client, 'group_join', 20000);
    const created = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Phones', participants: [OWNER], addressingMode: 'pn' });
    assert.equal((await joined).author, `${OWNER}@c.us`);
    assert.equal((await client.getChatById(created.body.id)).owner._serialized, `${OWNER}@c.us`);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'x', participants: [OWNER], addressingMode: 'email' })).status, 400);
  });

  test('a LID chat from someone outside the address book: no phone number known, replies reach them', async () => {
    const stranger = '15557800010';
    const received = waitFor(client, 'message', 20000, (m) => m.body === 'who am I?');
    const id = await peerSend(ctx.sim, { from: stranger, body: 'who am I?', lidChat: true });
    const msg = await received;
    assert.equal(msg.id._serialized, id);
    assert.equal(msg.from, lidOf(stranger));
    const contact = await msg.getContact();
    assert.equal(contact.id._serialized, lidOf(stranger), 'no phone number to name them by');
    assert.equal(contact.isMyContact, false);
    // The page has no phone number for this LID, and the server does not reveal it.
    assert.deepEqual(await client.getContactLidAndPhone(lidOf(stranger)), [{ lid: lidOf(stranger) }]);
    const reply = await msg.reply('you are a LID');
    assert.equal(reply.to, lidOf(stranger));
    await ctx.sim.waitFor('message-sent', (e) => e.key === reply.id._serialized, 30000, { since: 0 });
    assert.equal((await inbox(ctx.sim, stranger)).at(-1).body, 'you are a LID');
  });

  test('sending to the phone number of someone known by LID only: the message reaches them, in their chat', async () => {
    const stranger = '15557800011';
    const received = waitFor(client, 'message', 20000, (m) => m.body === 'write me');
    await peerSend(ctx.sim, { from: stranger, body: 'write me', lidChat: true });
    await received;
    // Only now does the page learn the pair (the server answers the LID for the number).
    const sent = await client.sendMessage(`${stranger}@c.us`, 'by number');
    assert.equal(sent.body, 'by number');
    assert.equal(sent.to, lidOf(stranger), 'the LID chat with them');
    await ctx.sim.waitFor('message-sent', (e) => e.key === sent.id._serialized, 30000, { since: 0 });
    assert.equal((await inbox(ctx.sim, stranger)).at(-1).body, 'by number');
    assert.deepEqual(await client.getContactLidAndPhone([`${stranger}@c.us`]), [{ lid: lidOf(stranger), pn: `${stranger}@c.us` }]);
    // A number that is not on WhatsApp has neither.
    await control(ctx.sim, 'POST', '/_sim/unregistered', { numbers: ['15557800099'] });
    assert.deepEqual(await client.getContactLidAndPhone(['15557800099@c.us']), [{}]);
    await assert.rejects(client.getContactLidAndPhone(['120363000000000001@g.us']), { code: 'ERR_INVALID_CHAT_ID' });
  });

  test('block() and unblock() go through the LID: the server holds LIDs only, isBlocked and getBlockedContacts follow', async () => {
    const peer = '15557800020';
    await ctx.sim.addContacts([{ number: peer, name: 'Blocky' }]);
    const contact = await client.getContactById(`${peer}@c.us`);
    const since = ctx.sim.events.length;
    assert.equal(await contact.block(), true);
    assert.ok(ctx.sim.events.slice(since).some((e) => e.type === 'contact-blocked' && e.number === peer));
    // The page's block list holds the LID; the contact reads blocked by its phone number too.
    assert.equal((await client.getContactById(`${peer}@c.us`)).isBlocked, true);
    assert.equal((await client.getContactById(lidOf(peer))).isBlocked, true);
    assert.deepEqual((await client.getBlockedContacts()).map((c) => [c.id._serialized, c.name, c.isBlocked]), [[`${peer}@c.us`, 'Blocky', true]]);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/send', { from: peer, body: 'let me in' })).body.blocked, true);
    assert.equal(await contact.unblock(), true);
    assert.equal((await client.getContactById(`${peer}@c.us`)).isBlocked, false);
    assert.deepEqual(await client.getBlockedContacts(), []);

    // Someone known by LID only is blocked by that LID.
    const stranger = '15557800021';
    const received = waitFor(client, 'message', 20000, (m) => m.body === 'spam');
    await peerSend(ctx.sim, { from: stranger, body: 'spam', lidChat: true });
    const spam = await received;
    assert.equal(await (await spam.getContact()).block(), true);
    assert.deepEqual((await client.getBlockedContacts()).map((c) => c.id._serialized), [lidOf(stranger)]);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/send', { from: stranger, body: 'more spam', lidChat: true })).body.blocked, true);

    // A number the page has never seen: its LID is looked up first. One not on WhatsApp has none.
    const unseen = await client.getContactById('15557800022@c.us');
    assert.equal(await unseen.block(), true);
    assert.ok((await client.getBlockedContacts()).some((c) => c.id._serialized === '15557800022@c.us'));
    await control(ctx.sim, 'POST', '/_sim/unregistered', { numbers: ['15557800098'] });
    await assert.rejects((await client.getContactById('15557800098@c.us')).block(), { code: 'ERR_INVALID_ARGUMENT', message: /no LID/ });
  });
});
