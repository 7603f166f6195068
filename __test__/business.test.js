'use strict';
// WhatsApp Business: a business contact's businessProfile, and customer notes
// (client.addOrEditCustomerNote(), getCustomerNote(), chat.addOrEditCustomerNote(),
// chat.getCustomerNote()), each shown by its effect on the simulator's server (GET /_sim/notes,
// the `note-saved` log). A personal account cannot keep notes; bad input is rejected with a named
// error and nothing reaches the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { BusinessContact, PrivateContact } = require('..');
const { control, peerSend, peerSendAndReceive, sharedClient } = require('./account-helpers');
const { waitFor } = require('./helpers');

const SHOP = '15557400001';
const SHOP_ID = `${SHOP}@c.us`;
const PERSON = '15557400002';
const PERSON_ID = `${PERSON}@c.us`;
const PROFILE = {
  description: 'Fresh bread every morning',
  email: 'hello@bakery.example',
  website: ['https://bakery.example'],
  categories: [{ id: '200', name: 'Bakery' }],
  address: '1 Main St',
  latitude: 40.7,
  longitude: -74,
  commerceExperience: 'catalog',
  cartEnabled: true,
  businessHours: { timezone: 'America/New_York', config: { mon: { mode: 'specific_hours', hours: [480, 1080] }, sun: { mode: 'appointment_only' } } },
};

const saves = (sim) => sim.events.filter((e) => e.type === 'note-saved').length;
const serverNotes = async (sim) => {
  const res = await control(sim, 'GET', '/_sim/notes');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.notes;
};

/** Waits until the page has taken the account for a business one (the server pushes it). */
async function notesEnabled(client) {
  for (let i = 0; i < 100; i += 1) {
    try {
      return await client.getCustomerNote(PERSON_ID);
    } catch (e) {
      if (e.code !== 'ERR_NOT_SUPPORTED') throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the page never took the account for a business one');
}

describe('WhatsApp Business on one logged-in client', () => {
  const shared = sharedClient();

  test("a business contact is a BusinessContact with the server's businessProfile; a person has none", async () => {
    const { ctx, client } = shared;
    const res = await control(ctx.sim, 'POST', '/_sim/contacts', {
      contacts: [
        { number: SHOP, name: 'Bakery', isBusiness: true, businessProfile: PROFILE },
        { number: PERSON, name: 'Pat' },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const shop = await client.getContactById(SHOP_ID);
    assert.ok(shop instanceof BusinessContact);
    const p = shop.businessProfile;
    assert.deepEqual(p.id, { server: 'c.us', user: SHOP, _serialized: SHOP_ID });
    assert.equal(p.description, PROFILE.description);
    assert.equal(p.email, PROFILE.email);
    assert.deepEqual(p.website, PROFILE.website);
    assert.deepEqual(p.categories, [{ id: '200', localized_display_name: 'Bakery' }]);
    assert.deepEqual(p.profileOptions, { commerceExperience: 'catalog', cartEnabled: true });
    assert.equal(p.address, '1 Main St');
    assert.deepEqual([p.latitude, p.longitude], [40.7, -74]);
    assert.deepEqual(p.businessHours, { timezone: 'America/New_York', config: { mon: { mode: 'specific_hours', hours: [480, 1080] }, sun: { mode: 'appointment_only', hours: [] } } });
    assert.ok(ctx.sim.events.some((e) => e.type === 'business-profile-fetched' && e.id === SHOP_ID), 'the page fetched it from the server');

    const all = await client.getContacts();
    assert.deepEqual(all.find((c) => c.id._serialized === SHOP_ID).businessProfile, p);
    const person = await client.getContactById(PERSON_ID);
    assert.ok(person instanceof PrivateContact);
    assert.equal(person.businessProfile, undefined);

    // A message from the business: its sender is the same BusinessContact.
    const msg = await peerSendAndReceive(ctx.sim, client, { from: SHOP, body: 'our menu' });
    assert.deepEqual((await msg.getContact()).businessProfile, p);
  });

  test('a personal account keeps no customer notes: ERR_NOT_SUPPORTED, nothing saved', async () => {
    const { ctx, client } = shared;
    assert.equal(ctx.sim.labels().business, false);
    await assert.rejects(client.addOrEditCustomerNote(PERSON_ID, 'likes rye'), (e) => e.code === 'ERR_NOT_SUPPORTED' && /WhatsApp Business/.test(e.message));
    await assert.rejects(client.getCustomerNote(PERSON_ID), { code: 'ERR_NOT_SUPPORTED' });
    assert.equal(saves(ctx.sim), 0);
    assert.deepEqual(await serverNotes(ctx.sim), []);
  });

  test('a business account adds, edits and reads a note, on the server; chat.addOrEditCustomerNote/getCustomerNote too', async () => {
    const { ctx, client } = shared;
    ctx.sim.setLabels({ business: true });
    assert.equal(await notesEnabled(client), null, 'no note yet');
    assert.equal(await client.addOrEditCustomerNote(PERSON_ID, 'likes rye'), undefined);
    const [saved] = await serverNotes(ctx.sim);
    assert.deepEqual([saved.chatJid, saved.content, saved.type], [`${PERSON}@s.whatsapp.net`, 'likes rye', 'unstructured']);
    const note = await client.getCustomerNote(PERSON_ID);
    assert.deepEqual(note, { chatId: PERSON_ID, content: 'likes rye', createdAt: saved.createdAt, id: saved.id, modifiedAt: saved.modifiedAt, type: 'unstructured' });

    // Editing keeps the note (its id and creation), with the new text.
    const chat = await client.getChatById(PERSON_ID);
    assert.equal(await chat.addOrEditCustomerNote('likes rye; pays cash'), undefined);
    const edited = await chat.getCustomerNote();
    assert.deepEqual([edited.id, edited.createdAt, edited.content, edited.chatId], [note.id, note.createdAt, 'likes rye; pays cash', PERSON_ID]);
    assert.ok(edited.modifiedAt >= note.modifiedAt);
    const notes = await serverNotes(ctx.sim);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].content, 'likes rye; pays cash');
    // Another chat has none of its own.
    assert.equal(await client.getCustomerNote(SHOP_ID), null);

    // A group has no customer note: nothing is asked, as in whatsapp-web.js.
    const created = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Bakers', participants: [PERSON] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const delivered = waitFor(client, 'message', 30000, (m) => m.from === created.body.id);
    await peerSend(ctx.sim, { from: PERSON, to: created.body.id, body: 'hello all' });
    const group = await (await delivered).getChat();
    assert.equal(group.isGroup, true);
    const count = saves(ctx.sim);
    assert.equal(await group.addOrEditCustomerNote('a group'), undefined);
    assert.equal(await group.getCustomerNote(), null);
    assert.equal(saves(ctx.sim), count);
  });

  test('bad user ids and notes are rejected with named errors; nothing is saved', async () => {
    const { ctx, client } = shared;
    const before = await serverNotes(ctx.sim);
    const count = saves(ctx.sim);
    const cases = [
      [() => client.addOrEditCustomerNote(PERSON_ID, 42), 'ERR_INVALID_ARGUMENT', /note/],
      [() => client.addOrEditCustomerNote(PERSON_ID), 'ERR_INVALID_ARGUMENT', /note/],
      [() => client.addOrEditCustomerNote(PERSON_ID, 'x'.repeat(65537)), 'ERR_INVALID_ARGUMENT', /at most/],
      [() => client.addOrEditCustomerNote('not a chat', 'x'), 'ERR_INVALID_CHAT_ID', /not a chat id/],
      [() => client.addOrEditCustomerNote(42, 'x'), 'ERR_INVALID_CHAT_ID', /string/],
      [() => client.addOrEditCustomerNote('123456789-1600000000@g.us', 'x'), 'ERR_INVALID_CHAT_ID', /person's chat/],
      [() => client.addOrEditCustomerNote('123456789012345@lid', 'x'), 'ERR_INVALID_CHAT_ID', /person's chat/],
      [() => client.getCustomerNote('123456789-1600000000@g.us'), 'ERR_INVALID_CHAT_ID', /person's chat/],
      [() => client.getCustomerNote({}), 'ERR_INVALID_CHAT_ID', /string/],
    ];
    for (const [call, code, message] of cases) {
      await assert.rejects(call(), (e) => {
        assert.equal(e.code, code, `${call}: ${e.message}`);
        assert.match(e.message, message);
        return true;
      });
    }
    assert.equal(saves(ctx.sim), count, 'nothing reached the server');
    assert.deepEqual(await serverNotes(ctx.sim), before);
  });
});
