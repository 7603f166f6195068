'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's scheduled events:
// sendMessage(chat, new ScheduledEvent(...)) as an event creation message the inbox shows (with
// the call link from WAWebGenerateEventCallLink), a contact's event arriving, responding with
// sendResponseToScheduledEvent() and editing with msg.editScheduledEvent(). This shows that the
// simulated page models the internals whatsapp-web.js uses for events the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { ScheduledEvent } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const ME = '15550100001@c.us';
const PEER = '15557300011';
const START = new Date('2030-06-01T18:00:00Z');
const END = new Date('2030-06-01T20:00:00Z');
const ts = (d) => Math.floor(d.getTime() / 1000);

test('whatsapp-web.js: send an event, a contact\'s event, sendResponseToScheduledEvent(), editScheduledEvent()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([{ number: PEER, name: 'Guest' }]);
    await client.getNumberId(PEER);

    // With a video call link, then without one ('none': whatsapp-web.js asks for no link).
    const sent = await client.sendMessage(`${PEER}@c.us`, new ScheduledEvent('Dinner', START, { description: 'Bring wine', endTime: END, location: 'Home', callType: 'video' }));
    assert.equal(sent.type, 'event_creation');
    assert.equal(sent.body, 'Dinner');
    const plain = await client.sendMessage(`${PEER}@c.us`, new ScheduledEvent('Standup', START, { callType: 'none' }));
    // sendMessage() resolves once the page holds a message; the inbox has it once the server does.
    for (const m of [sent, plain]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    const inbox = async () => (await control(sim, 'GET', `/_sim/peer/inbox?peer=${PEER}`)).body.messages;
    const [a, b] = await inbox();
    assert.deepEqual(
        [a.id, a.type, a.from, a.event.name, a.event.description, a.event.startTime, a.event.endTime, a.event.location, a.event.canceled],
        [sent.id._serialized, 'event_creation', ME, 'Dinner', 'Bring wine', ts(START), ts(END), 'Home', false],
    );
    assert.match(a.event.joinLink, /^https:\/\/call\.whatsapp\.com\/video\//);
    assert.deepEqual([b.id, b.event.name, b.event.joinLink, b.event.endTime], [plain.id._serialized, 'Standup', null, null]);

    // A contact's event: whatsapp-web.js's body is its name.
    const received = waitFor(client, 'message', 30000, (m) => m.from === `${PEER}@c.us`);
    const res = await control(sim, 'POST', '/_sim/peer/send', { from: PEER, event: { name: 'Party', startTime: ts(START) } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const theirs = await received;
    assert.deepEqual([theirs.type, theirs.body, theirs.id._serialized], ['event_creation', 'Party', res.body.id]);

    // Responding: the server has the account's answer.
    assert.equal(await client.sendResponseToScheduledEvent(1, theirs.id._serialized), true);
    const info = (await control(sim, 'GET', `/_sim/event?id=${encodeURIComponent(theirs.id._serialized)}`)).body;
    assert.deepEqual(info.responses.map((r) => [r.from, r.response]), [[ME, 1]]);
    // whatsapp-web.js answers false for a response out of range, sending nothing.
    assert.equal(await client.sendResponseToScheduledEvent(7, theirs.id._serialized), false);

    // Editing the account's own event (the call type kept as a video call).
    const edited = await sent.editScheduledEvent(new ScheduledEvent('Dinner (later)', END, { location: 'Restaurant', callType: 'video' }));
    assert.equal(edited.body, 'Dinner (later)');
    const [after] = await inbox();
    assert.deepEqual([after.event.name, after.event.startTime, after.event.location, after.event.joinLink, after.event.edits.length], ['Dinner (later)', ts(END), 'Restaurant', a.event.joinLink, 1]);
    // whatsapp-web.js answers null for a contact's event (Message.js:952-954), sending nothing.
    assert.equal(await theirs.editScheduledEvent(new ScheduledEvent('Mine', START, { callType: 'none' })), null);
});
