'use strict';
// Messages that arrive before they can be decrypted (type `ciphertext`, no body), by what a user
// of the client sees, as whatsapp-web.js main 2dc9466 handles them: message_ciphertext at once,
// the message itself exactly once when it is decrypted, message_ciphertext_failed when it is not
// within 15 s; never a `message` without its body.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { waitFor } = require('./helpers');
const { control, peerSend, sharedClient } = require('./account-helpers');

describe('one logged-in client', () => {
  const log = [];
  const shared = sharedClient((c) => {
    for (const name of ['message', 'message_create', 'message_ciphertext', 'message_ciphertext_failed', 'message_edit']) {
      c.on(name, (m) => log.push({ name, id: m.id._serialized, type: m.type, body: m.body }));
    }
  });
  let ctx;
  let client;
  before(() => {
    ({ ctx, client } = shared);
  });
  const eventsOf = (id) => log.filter((e) => e.id === id);

  test('decrypted later: message_ciphertext first, then one message with the body; the resend was asked for', async () => {
    const from = '15557900001';
    const announced = waitFor(client, 'message_ciphertext', 20000, (m) => m.from === `${from}@c.us`);
    const delivered = waitFor(client, 'message', 30000, (m) => m.from === `${from}@c.us`);
    const since = ctx.sim.events.length;
    const id = await peerSend(ctx.sim, { from, body: 'secret at last', ciphertextMs: 7000 });
    const cipher = await announced;
    assert.deepEqual([cipher.id._serialized, cipher.type, cipher.body], [id, 'ciphertext', '']);
    const msg = await delivered;
    assert.deepEqual([msg.id._serialized, msg.type, msg.body], [id, 'chat', 'secret at last']);
    // The client asked the sender's phone to send it again (batched, after 5 s).
    assert.ok(ctx.sim.events.slice(since).some((e) => e.type === 'placeholder-resend' && e.keys.includes(id)), 'a placeholder resend was requested');
    // Nothing more comes for it: no second message, no edit, no failure.
    await new Promise((resolve) => setTimeout(resolve, 9000));
    assert.deepEqual(eventsOf(id).map((e) => `${e.name}:${e.type}`), ['message_ciphertext:ciphertext', 'message_create:chat', 'message:chat']);
  });

  test('never decrypted: message_ciphertext, then message_ciphertext_failed after 15 s, and no message', async () => {
    const from = '15557900002';
    const announced = waitFor(client, 'message_ciphertext', 20000, (m) => m.from === `${from}@c.us`);
    const failed = waitFor(client, 'message_ciphertext_failed', 30000, (m) => m.from === `${from}@c.us`);
    const id = await peerSend(ctx.sim, { from, body: 'lost forever', ciphertextMs: -1 });
    const started = Date.now();
    assert.equal((await announced).id._serialized, id);
    const gone = await failed;
    assert.deepEqual([gone.id._serialized, gone.type, gone.body], [id, 'ciphertext', '']);
    assert.ok(Date.now() - started >= 14000, 'not before the 15 s whatsapp-web.js waits');
    assert.deepEqual(eventsOf(id).map((e) => e.name), ['message_ciphertext', 'message_ciphertext_failed']);
  });

  test('in a group too, and a bad ciphertextMs is a 400', async () => {
    const created = await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Encrypted', participants: ['15557900003'] });
    const group = created.body.id;
    const delivered = waitFor(client, 'message', 30000, (m) => m.from === group && m.body === 'group secret');
    const id = await peerSend(ctx.sim, { from: '15557900003', to: group, body: 'group secret', ciphertextMs: 300 });
    assert.equal((await delivered).id._serialized, id);
    assert.deepEqual(eventsOf(id).map((e) => e.name), ['message_ciphertext', 'message_create', 'message']);
    assert.equal((await control(ctx.sim, 'POST', '/_sim/peer/send', { from: '15557900004', body: 'x', ciphertextMs: 'soon' })).status, 400);
  });
});
