'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against LIDs and encrypted arrivals as
// lids.test.js and ciphertext.test.js test our client: it shows the simulated page models the
// internals whatsapp-web.js uses for them (WAWebApiContact, WAWebLidMigrationUtils,
// WAWebQueryExistsJob, the `ciphertext` model and its `change:type`,
// WAWebSyncGatingUtils, WAWebNonMessageDataRequestPlaceholderMessageResendUtils) the way
// WhatsApp Web does, independently of our client. 1.34.7 already has main's ciphertext
// handling (its src/Client.js:1027-1029, 1110-1162) and getContactLidAndPhone (Client.js:3307-3323);
// its block() is recorded in wwebjs-account-changes.test.js.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

test('whatsapp-web.js: LID group authors, getContactLidAndPhone, a LID chat, message_ciphertext then message, message_ciphertext_failed; a document caption', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    const log = [];
    for (const name of ['message', 'message_ciphertext', 'message_ciphertext_failed']) client.on(name, (m) => log.push({ name, id: m.id._serialized, body: m.body }));
    await wwebjsLogin(sim, client);
    const lid = (number) => `${sim.account._lidOf(number)}@lid`;

    // A LID group: the author as the page gives it, mapped back by getContactLidAndPhone.
    const { id: group } = sim.createGroup({ subject: 'Lids', participants: ['15557200001', '15557200002'] });
    const inGroup = waitFor(client, 'message', 30000, (m) => m.from === group);
    sim.peer.send({ from: '15557200002', to: group, body: 'from a LID' });
    const msg = await inGroup;
    assert.equal(msg.author, lid('15557200002'));
    assert.deepEqual(await client.getContactLidAndPhone([msg.author]), [{ lid: lid('15557200002'), pn: '15557200002@c.us' }]);
    assert.deepEqual((await client.getChatById(group)).participants.map((p) => p.id._serialized).sort(), ['15550100001@c.us', '15557200001@c.us', '15557200002@c.us']);

    // A LID chat from outside the address book: no phone number for it.
    const inLidChat = waitFor(client, 'message', 30000, (m) => m.body === 'who am I?');
    sim.peer.send({ from: '15557200003', body: 'who am I?', lidChat: true });
    assert.equal((await inLidChat).from, lid('15557200003'));
    assert.deepEqual(await client.getContactLidAndPhone([lid('15557200003')]), [{ lid: lid('15557200003') }]);

    // Encrypted arrivals: decrypted after 6 s, and never.
    const decrypted = waitFor(client, 'message', 30000, (m) => m.body === 'secret');
    const failed = waitFor(client, 'message_ciphertext_failed', 30000);
    const since = sim.events.length;
    const { id: later } = sim.peer.send({ from: '15557200004', body: 'secret', ciphertextMs: 6000 });
    const { id: never } = sim.peer.send({ from: '15557200005', body: 'lost', ciphertextMs: -1 });
    assert.equal((await decrypted).id._serialized, later);
    assert.equal((await failed).id._serialized, never);
    assert.deepEqual(log.filter((e) => e.id === later).map((e) => `${e.name}:${e.body}`), ['message_ciphertext:', 'message:secret']);
    assert.deepEqual(log.filter((e) => e.id === never).map((e) => e.name), ['message_ciphertext', 'message_ciphertext_failed']);
    assert.ok(sim.events.slice(since).some((e) => e.type === 'placeholder-resend' && e.keys.includes(later) && e.keys.includes(never)), 'it asked for a resend');

    // A document's caption: 1.34.7 marks it isCaptionByUser (its src/Client.js:1463, from
    // 9b53bebfd "Fix PDF Caption"), so it is shown.
    await client.getNumberId('15557200006');
    const doc = await client.sendMessage('15557200006@c.us', new MessageMedia('application/pdf', Buffer.from('%PDF-1.4').toString('base64'), 'a.pdf'), { caption: 'read this' });
    await sim.waitFor('message-sent', (e) => e.key === doc.id._serialized, 30000, { since: 0 });
    const [there] = sim.peer.inbox('15557200006').messages;
    assert.deepEqual([there.type, there.body], ['document', 'read this']);
});
