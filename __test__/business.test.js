'use strict';
// WhatsApp Business: a business contact's businessProfile, and customer notes
// (client.addOrEditCustomerNote(), getCustomerNote(), chat.addOrEditCustomerNote(),
// chat.getCustomerNote()), each shown by its effect on the simulator's server (GET /_sim/notes,
// the `note-saved` log). A personal account cannot keep notes; bad input is rejected with a named
// error and nothing reaches the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { BusinessContact, PrivateContact, ProductMetadata } = require('..');
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

  test("an order from a customer: msg.getOrder() reads it from the server, its products' details from the account's catalog", async () => {
    const { ctx, client } = shared;
    const catalog = await control(ctx.sim, 'POST', '/_sim/catalog', {
      products: [
        { id: '1001', retailerId: 'RYE-1', name: 'Rye loaf', description: 'Sourdough rye', price1000: 4500, currency: 'USD', thumbnailUrl: 'https://mmg.whatsapp.net/rye.jpg' },
        { id: '1002', name: 'Bagel', price1000: 1250, currency: 'USD' },
      ],
    });
    assert.equal(catalog.status, 200, JSON.stringify(catalog.body));
    const msg = await peerSendAndReceive(ctx.sim, client, { from: PERSON, order: { products: [{ id: '1001', quantity: 2 }, { id: '1002', quantity: 4 }] } });
    assert.equal(msg.type, 'order');
    // The order's id and token on the message, as whatsapp-web.js copies them from the model.
    assert.equal(msg.orderId, msg.rawData.orderId);
    assert.equal(msg.token, msg.rawData.token);
    assert.ok(msg.orderId && msg.token, JSON.stringify(msg.rawData));
    assert.equal(await msg.getPayment(), undefined, 'an order is not a payment');
    const order = await msg.getOrder();
    assert.equal(order.constructor.name, 'Order');
    assert.deepEqual([order.subtotal, order.total, order.currency], ['14000', '14000', 'USD']);
    assert.equal(typeof order.createdAt, 'number');
    assert.deepEqual(order.products.map((p) => [p.constructor.name, p.id, p.name, p.price, p.currency, p.quantity, p.thumbnailUrl]), [
      ['Product', '1001', 'Rye loaf', '4500', 'USD', 2, 'https://mmg.whatsapp.net/rye.jpg'],
      ['Product', '1002', 'Bagel', '1250', 'USD', 4, null],
    ]);
    assert.ok(ctx.sim.events.some((e) => e.type === 'order-queried' && e.chat === PERSON_ID), 'the page asked the server');
    const rye = await order.products[0].getData();
    assert.ok(rye instanceof ProductMetadata);
    assert.deepEqual({ ...rye }, { id: '1001', retailer_id: 'RYE-1', name: 'Rye loaf', description: 'Sourdough rye' });
    // Read once: the same object again, without asking.
    const asked = ctx.sim.events.filter((e) => e.type === 'product-queried').length;
    assert.equal(await order.products[0].getData(), rye);
    assert.equal(ctx.sim.events.filter((e) => e.type === 'product-queried').length, asked);
    // A product the catalog no longer has: undefined, as in whatsapp-web.js.
    await control(ctx.sim, 'POST', '/_sim/catalog', { products: [] });
    assert.equal(await order.products[1].getData(), undefined);

    // A text has no order.
    const text = await peerSendAndReceive(ctx.sim, client, { from: PERSON, body: 'thanks' });
    assert.deepEqual([text.orderId, text.token], [undefined, undefined]);
    assert.equal(await text.getOrder(), undefined);
    assert.equal(await text.getPayment(), undefined);
  });

  test('a payment message: msg.getPayment() has its amount, currency, receiver, status and note', async () => {
    const { ctx, client } = shared;
    const msg = await peerSendAndReceive(ctx.sim, client, { from: SHOP, payment: { currency: 'BRL', amount1000: 10000, note: 'for the bread' } });
    assert.equal(msg.type, 'payment');
    assert.equal(await msg.getOrder(), undefined, 'a payment is not an order');
    const payment = await msg.getPayment();
    assert.equal(payment.constructor.name, 'Payment');
    assert.equal(payment.id._serialized, msg.id._serialized);
    assert.deepEqual(payment.id.remote, { server: 'c.us', user: SHOP, _serialized: SHOP_ID });
    assert.equal(payment.id.fromMe, false);
    assert.deepEqual([payment.paymentCurrency, payment.paymentAmount1000, payment.paymentStatus, payment.paymentTxnStatus, payment.paymentNote], ['BRL', 10000, 4, 4, 'for the bread']);
    assert.equal(payment.paymentMessageReceiverJid._serialized, client.info.wid._serialized);
    assert.equal(typeof payment.paymentTransactionTimestamp, 'number');
    // Without a note: paymentNote is undefined.
    const plain = await peerSendAndReceive(ctx.sim, client, { from: SHOP, payment: { currency: 'BRL', amount1000: 500, status: 1 } });
    const p2 = await plain.getPayment();
    assert.deepEqual([p2.paymentAmount1000, p2.paymentStatus, p2.paymentNote], [500, 1, undefined]);
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

  test('the simulator refuses malformed orders and payments, and sends nothing', async () => {
    const { ctx } = shared;
    const sent = () => ctx.sim.events.filter((e) => e.type === 'peer-message').length;
    const count = sent();
    for (const [body, status] of [
      [{ from: PERSON, order: { products: [{ id: '4040' }] } }, 404],
      [{ from: PERSON, order: { products: [] } }, 400],
      [{ from: PERSON, payment: { currency: 'BRL', amount1000: -1 } }, 400],
      [{ from: PERSON, payment: { currency: 'reais', amount1000: 1 } }, 400],
      [{ from: PERSON, payment: { currency: 'BRL', amount1000: 1 }, order: { products: [] } }, 400],
    ]) {
      const res = await control(ctx.sim, 'POST', '/_sim/peer/send', body);
      assert.equal(res.status, status, JSON.stringify([body, res.body]));
    }
    assert.equal(sent(), count);
  });
});
