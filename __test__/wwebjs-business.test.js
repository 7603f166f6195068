'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's WhatsApp Business: a
// business contact's businessProfile, customer notes (nothing on a personal account, kept on a
// business one), a customer's order (msg.getOrder(), product.getData()) and a payment
// (msg.getPayment()). This shows that the simulated page models the internals whatsapp-web.js uses
// for them the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin, untilPageHasContact } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const SHOP = '15557400011';
const PERSON = '15557400012';
const PERSON_ID = `${PERSON}@c.us`;

/** A contact sends `body` (order, payment, …) and whatsapp-web.js emits it. */
async function receive(sim, client, body, type) {
    const received = waitFor(client, 'message', 30000, (m) => m.type === type && m.from === `${body.from}@c.us`);
    const res = await control(sim, 'POST', '/_sim/peer/send', body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return received;
}

test('whatsapp-web.js: businessProfile, customer notes, getOrder() with product.getData(), getPayment()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([
        { number: SHOP, name: 'Bakery', isBusiness: true, businessProfile: { description: 'Bread', email: 'b@example.com', categories: [{ id: '1', name: 'Bakery' }] } },
        { number: PERSON, name: 'Pat' },
    ]);
    await untilPageHasContact(client, `${SHOP}@c.us`, (c) => c.isBusiness);

    const shop = await client.getContactById(`${SHOP}@c.us`);
    assert.equal(shop.constructor.name, 'BusinessContact');
    assert.equal(shop.businessProfile.description, 'Bread');
    assert.equal(shop.businessProfile.email, 'b@example.com');
    assert.deepEqual(shop.businessProfile.categories, [{ id: '1', localized_display_name: 'Bakery' }]);
    assert.equal(shop.businessProfile.id._serialized, `${SHOP}@c.us`);

    // A personal account: whatsapp-web.js quietly adds nothing and reads null.
    assert.equal(await client.addOrEditCustomerNote(PERSON_ID, 'ignored'), undefined);
    assert.equal(await client.getCustomerNote(PERSON_ID), null);
    assert.deepEqual(sim.notes().notes, []);

    // A business account keeps the note.
    sim.setLabels({ business: true });
    for (let i = 0; i < 100 && !(await client.pupPage.evaluate(() => window.require('WAWebBizGatingUtils').smbNotesV1Enabled())); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.addOrEditCustomerNote(PERSON_ID, 'likes rye');
    const note = await client.getCustomerNote(PERSON_ID);
    assert.equal(note.chatId, PERSON_ID);
    assert.equal(note.content, 'likes rye');
    assert.equal(note.type, 'unstructured');
    assert.deepEqual(sim.notes().notes.map((n) => n.content), ['likes rye']);

    // An order from the account's catalog.
    sim.setCatalog({ products: [{ id: '1001', retailerId: 'RYE-1', name: 'Rye loaf', description: 'Sourdough', price1000: 4500, currency: 'USD' }] });
    const orderMsg = await receive(sim, client, { from: PERSON, order: { products: [{ id: '1001', quantity: 3 }] } }, 'order');
    assert.equal(typeof orderMsg.orderId, 'string');
    assert.equal(typeof orderMsg.token, 'string');
    const order = await orderMsg.getOrder();
    assert.deepEqual([order.total, order.subtotal, order.currency], ['13500', '13500', 'USD']);
    assert.deepEqual(order.products.map((p) => [p.id, p.name, p.price, p.quantity]), [['1001', 'Rye loaf', '4500', 3]]);
    const data = await order.products[0].getData();
    assert.deepEqual([data.id, data.retailer_id, data.name, data.description], ['1001', 'RYE-1', 'Rye loaf', 'Sourdough']);

    // A payment.
    const payMsg = await receive(sim, client, { from: PERSON, payment: { currency: 'BRL', amount1000: 10000, note: 'thanks' } }, 'payment');
    const payment = await payMsg.getPayment();
    assert.deepEqual([payment.paymentCurrency, payment.paymentAmount1000, payment.paymentStatus, payment.paymentNote], ['BRL', 10000, 4, 'thanks']);
    assert.equal(payment.id._serialized, payMsg.id._serialized);
    assert.equal(payment.paymentMessageReceiverJid._serialized, client.info.wid._serialized);
});
