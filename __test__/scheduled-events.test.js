'use strict';
// Scheduled events: sendMessage(chat, new ScheduledEvent(...)) and msg.reply(event), a contact's
// event arriving with its fields, sendResponseToScheduledEvent() and msg.editScheduledEvent(),
// each shown by its effect through the simulator (GET /_sim/peer/inbox, GET /_sim/event,
// POST /_sim/peer/send with `event`) and the events the client emits; bad events, responses and
// edits are refused with named errors and nothing is sent.
const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { ScheduledEvent, Message } = require('..');
const { waitFor } = require('./helpers');
const { control, inbox, serverHas, sharedClient, peerSend, peerSendAndReceive } = require('./account-helpers');

const ME = '15550100001@c.us';
const START = new Date('2030-06-01T18:00:00Z');
const END = new Date('2030-06-01T21:00:00Z');
const ts = (d) => Math.floor(d.getTime() / 1000);

const code = (promise) =>
  promise.then(
    () => 'resolved',
    (e) => `${e.constructor.name}:${e.code}`,
  );
const thrown = (fn) => {
  try {
    fn();
    return 'returned';
  } catch (e) {
    return `${e.constructor.name}:${e.code}`;
  }
};
const eventInfo = async (sim, id) => {
  const res = await control(sim, 'GET', `/_sim/event?id=${encodeURIComponent(id)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

describe('scheduled events', () => {
  const shared = sharedClient();

  test('sendMessage with a ScheduledEvent: the contact gets the event; the message has its fields', async () => {
    const { ctx, client } = shared;
    const peer = '15557500001';
    const secret = Array.from({ length: 32 }, (_, i) => i * 7);
    const event = new ScheduledEvent('  Team dinner ', START, { description: ' At the usual place ', endTime: END, location: ' Luigi\'s ', callType: 'video', messageSecret: secret });
    assert.deepEqual([event.name, event.startTimeTs, event.eventSendOptions.endTimeTs, event.eventSendOptions.isEventCanceled], ['Team dinner', ts(START), ts(END), false]);
    const sent = await client.sendMessage(`${peer}@c.us`, event);
    assert.ok(sent instanceof Message);
    assert.deepEqual(
      [sent.type, sent.body, sent.eventName, sent.eventDescription, sent.eventStartTime, sent.eventEndTime, sent.isEventCanceled, sent.fromMe],
      ['event_creation', 'Team dinner', 'Team dinner', 'At the usual place', ts(START), ts(END), false, true],
    );
    assert.deepEqual(sent.eventLocation, { degreesLatitude: 0, degreesLongitude: 0, name: "Luigi's" });
    assert.match(sent.eventJoinLink, /^https:\/\/call\.whatsapp\.com\/video\//);
    assert.deepEqual(sent.messageSecret, secret);
    await serverHas(ctx.sim, sent);
    const [seen] = await inbox(ctx.sim, peer);
    assert.deepEqual([seen.id, seen.type, seen.from], [sent.id._serialized, 'event_creation', ME]);
    const { name, description, startTime, endTime, location, joinLink, canceled, messageSecret, responses } = seen.event;
    assert.deepEqual(
      { name, description, startTime, endTime, location, joinLink, canceled, messageSecret, responses },
      { name: 'Team dinner', description: 'At the usual place', startTime: ts(START), endTime: ts(END), location: "Luigi's", joinLink: sent.eventJoinLink, canceled: false, messageSecret: Buffer.from(secret).toString('base64'), responses: [] },
    );

    // The defaults: no end, description, location or call link; not canceled; a random secret.
    const plain = await client.sendMessage(`${peer}@c.us`, new ScheduledEvent('Standup', START, { callType: 'none', isEventCanceled: true }));
    assert.deepEqual([plain.eventName, plain.eventEndTime, plain.eventDescription, plain.eventLocation, plain.eventJoinLink, plain.isEventCanceled, plain.messageSecret.length], ['Standup', undefined, undefined, undefined, undefined, true, 32]);
    await serverHas(ctx.sim, plain);
    const [, second] = await inbox(ctx.sim, peer);
    assert.deepEqual([second.event.name, second.event.endTime, second.event.location, second.event.joinLink, second.event.canceled], ['Standup', null, null, null, true]);
    // Read back from the page, the event keeps its fields.
    const again = await client.getMessageById(sent.id._serialized);
    assert.deepEqual([again.type, again.eventName, again.eventStartTime, again.eventJoinLink], ['event_creation', 'Team dinner', ts(START), sent.eventJoinLink]);
  });

  test("msg.reply(new ScheduledEvent(...)) quotes the message it answers", async () => {
    const { ctx, client } = shared;
    const peer = '15557500002';
    const msg = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!event' });
    const reply = await msg.reply(new ScheduledEvent('Call', START, { callType: 'voice' }));
    await serverHas(ctx.sim, reply);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual([sent.type, sent.quotedId, sent.event.name], ['event_creation', msg.id._serialized, 'Call']);
    assert.match(sent.event.joinLink, /^https:\/\/call\.whatsapp\.com\/voice\//);
    assert.equal(reply.hasQuotedMsg, true);
  });

  test("a contact's event arrives as a message with the event's fields", async () => {
    const { ctx, client } = shared;
    const peer = '15557500003';
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${peer}@c.us`);
    const id = await peerSend(ctx.sim, { from: peer, event: { name: 'Birthday', startTime: ts(START), endTime: ts(END), description: 'Cake!', location: 'Park', callType: 'video' } });
    const msg = await received;
    assert.equal(msg.id._serialized, id);
    const info = await eventInfo(ctx.sim, id);
    assert.deepEqual(
      [msg.type, msg.body, msg.eventName, msg.eventDescription, msg.eventStartTime, msg.eventEndTime, msg.eventLocation.name, msg.eventJoinLink, msg.isEventCanceled, msg.fromMe],
      ['event_creation', 'Birthday', 'Birthday', 'Cake!', ts(START), ts(END), 'Park', info.joinLink, false, false],
    );
    assert.deepEqual(msg.messageSecret, [...Buffer.from(info.messageSecret, 'base64')]);
  });

  test("a contact's event in a group arrives with its author and fields; the account answers it", async () => {
    const { ctx, client } = shared;
    const peer = '15557500009';
    const group = (await control(ctx.sim, 'POST', '/_sim/groups', { subject: 'Hikers', participants: [peer] })).body.id;
    const received = waitFor(client, 'message', 20000, (m) => m.from === group && m.type === 'event_creation');
    const id = await peerSend(ctx.sim, { from: peer, to: group, event: { name: 'Summit', startTime: ts(START), callType: 'voice' } });
    const msg = await received;
    assert.equal(msg.id._serialized, id);
    assert.deepEqual([msg.body, msg.eventName, msg.eventStartTime, msg.fromMe], ['Summit', 'Summit', ts(START), false]);
    assert.ok(msg.author);
    assert.match(msg.eventJoinLink, /\/voice\//);
    assert.equal(await client.sendResponseToScheduledEvent(2, id), true);
    assert.deepEqual((await eventInfo(ctx.sim, id)).responses.map((r) => r.response), [2]);
  });

  test('sendResponseToScheduledEvent: going, maybe, and none take effect on the server', async () => {
    const { ctx, client } = shared;
    const peer = '15557500004';
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${peer}@c.us`);
    const id = await peerSend(ctx.sim, { from: peer, event: { name: 'Hike', startTime: ts(START) } });
    await received;
    assert.equal(await client.sendResponseToScheduledEvent(1, id), true);
    let info = await eventInfo(ctx.sim, id);
    assert.deepEqual(info.responses.map((r) => [r.from, r.response]), [[ME, 1]]);
    assert.equal(await client.sendResponseToScheduledEvent(3, id), true);
    info = await eventInfo(ctx.sim, id);
    assert.deepEqual(info.responses.map((r) => [r.from, r.response]), [[ME, 3]]);
    assert.equal(await client.sendResponseToScheduledEvent(0, id), true);
    assert.deepEqual((await eventInfo(ctx.sim, id)).responses, []);
    // The account's own event, seen in the inbox.
    const own = await client.sendMessage(`${peer}@c.us`, new ScheduledEvent('Picnic', START));
    await serverHas(ctx.sim, own);
    assert.equal(await client.sendResponseToScheduledEvent(2, own.id._serialized), true);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual(sent.event.responses.map((r) => [r.from, r.response]), [[ME, 2]]);
    // A message this device does not hold: false, as whatsapp-web.js.
    assert.equal(await client.sendResponseToScheduledEvent(1, `false_${peer}@c.us_3EB0000000000000DEAD`), false);
  });

  test("msg.editScheduledEvent: the account's own event changes on the server; a canceled one cannot be edited", async () => {
    const { ctx, client } = shared;
    const peer = '15557500005';
    const own = await client.sendMessage(`${peer}@c.us`, new ScheduledEvent('Meeting', START, { location: 'Room 1' }));
    await serverHas(ctx.sim, own);
    const later = new Date(START.getTime() + 3600 * 1000);
    const edited = await own.editScheduledEvent(new ScheduledEvent('Meeting (moved)', later, { description: 'New time', location: 'Room 2', callType: 'voice' }));
    assert.ok(edited instanceof Message);
    assert.deepEqual([edited.id._serialized, edited.eventName, edited.eventStartTime, edited.eventDescription, edited.eventLocation.name], [own.id._serialized, 'Meeting (moved)', ts(later), 'New time', 'Room 2']);
    assert.match(edited.eventJoinLink, /\/voice\//);
    let [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual([sent.event.name, sent.event.startTime, sent.event.description, sent.event.location, sent.event.joinLink, sent.event.edits.length], ['Meeting (moved)', ts(later), 'New time', 'Room 2', edited.eventJoinLink, 1]);
    assert.equal(sent.event.edits[0].name, 'Meeting');

    // Canceling is an edit; after it, no more edits.
    const canceled = await own.editScheduledEvent(new ScheduledEvent('Meeting (moved)', later, { isEventCanceled: true }));
    assert.equal(canceled.isEventCanceled, true);
    [sent] = await inbox(ctx.sim, peer);
    assert.equal(sent.event.canceled, true);
    const since = ctx.sim.events.length;
    assert.equal(await code(own.editScheduledEvent(new ScheduledEvent('Again', later))), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(ctx.sim.events.slice(since).filter((e) => e.type === 'event-edited').length, 0);
  });

  test("editing a contact's event or a message that is not an event is refused with a named error, nothing sent", async () => {
    const { ctx, client } = shared;
    const peer = '15557500006';
    const received = waitFor(client, 'message', 20000, (m) => m.from === `${peer}@c.us`);
    const id = await peerSend(ctx.sim, { from: peer, event: { name: 'Theirs', startTime: ts(START) } });
    const theirs = await received;
    const text = await client.sendMessage(`${peer}@c.us`, 'just text');
    await serverHas(ctx.sim, text);
    const since = ctx.sim.events.length;
    assert.equal(await code(theirs.editScheduledEvent(new ScheduledEvent('Mine now', START))), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(text.editScheduledEvent(new ScheduledEvent('Not an event', START))), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(text.editScheduledEvent({ name: 'plain object' })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.sendResponseToScheduledEvent(1, text.id._serialized)), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.ok(!ctx.sim.events.slice(since).some((e) => ['event-edited', 'event-response-sent', 'message-sent'].includes(e.type)));
    assert.equal((await eventInfo(ctx.sim, id)).name, 'Theirs');
  });

  test('bad events and responses are refused with named errors and nothing is sent', async () => {
    const { ctx, client } = shared;
    const peer = '15557500007';
    // As whatsapp-web.js, the constructor refuses an empty name and an unknown call type; here
    // also times that are not Dates.
    for (const make of [
      () => new ScheduledEvent('', START),
      () => new ScheduledEvent(undefined, START),
      () => new ScheduledEvent('x', START, { callType: 'phone' }),
      () => new ScheduledEvent('x', '2030-06-01'),
      () => new ScheduledEvent('x', START, { endTime: 1900000000 }),
    ]) {
      assert.equal(thrown(make), 'CreateScheduledEventError:ERR_INVALID_ARGUMENT', String(make));
    }
    const since = ctx.sim.events.length;
    for (const event of [
      new ScheduledEvent('   ', START),
      new ScheduledEvent('Bad date', new Date('not a date')),
      new ScheduledEvent('Ends first', END, { endTime: START }),
      new ScheduledEvent('Secret', START, { messageSecret: [1, 2, 3] }),
      new ScheduledEvent('Canceled?', START, { isEventCanceled: 'yes' }),
      new ScheduledEvent('Long', START, { description: 'x'.repeat(5000) }),
      new ScheduledEvent(42, START),
      { name: 'Plain', startTimeTs: -1, eventSendOptions: {} },
      { name: 'Plain', startTimeTs: 1.5, eventSendOptions: {} },
      { name: 'Plain', startTimeTs: ts(START), eventSendOptions: { callType: 'phone' } },
    ]) {
      assert.equal(await code(client.sendMessage(`${peer}@c.us`, event)), 'TypeError:ERR_INVALID_ARGUMENT', JSON.stringify(event));
    }
    for (const response of [4, -1, 1.5, '1', null, true]) {
      assert.equal(await code(client.sendResponseToScheduledEvent(response, `true_${peer}@c.us_3EB0000000000000BEEF`)), 'TypeError:ERR_INVALID_ARGUMENT', String(response));
    }
    assert.equal(await code(client.sendResponseToScheduledEvent(1, 'nope')), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.deepEqual(await inbox(ctx.sim, peer), []);
    assert.ok(!ctx.sim.events.slice(since).some((e) => ['message-sent', 'event-response-sent', 'call-link-created'].includes(e.type)));
  });

  test('the control route refuses events it cannot take', async () => {
    const { ctx } = shared;
    const send = (event) => control(ctx.sim, 'POST', '/_sim/peer/send', { from: '15557500008', event });
    assert.equal((await send({ startTime: ts(START) })).status, 400);
    assert.equal((await send({ name: 'x', startTime: 'tomorrow' })).status, 400);
    assert.equal((await send({ name: 'x', startTime: ts(END), endTime: ts(START) })).status, 400);
    assert.equal((await send({ name: 'x', startTime: ts(START), callType: 'phone' })).status, 400);
    assert.deepEqual((await control(ctx.sim, 'GET', '/_sim/event?id=nope')).status, 404);
  });
});
