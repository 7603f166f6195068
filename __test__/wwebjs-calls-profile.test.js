'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's calls, presence and the
// account's own profile: the `call` event and Call.reject(), createCallLink(), presence, the about
// text, the display name, the profile picture, device counts and the address book. Each effect is
// read back through the control API (GET /_sim/calls, GET /_sim/account, GET /_sim/contacts).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('whatsapp-web.js');

const { noisePng } = require('../simulator/heavy-page');
const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

const ME = '15550100001@c.us';

// A small real PNG, which the page's canvas can decode and crop.
const png = () => noisePng(8, 8, Math.random);

async function control(sim, method, path, body) {
    const res = await fetch(new URL(path, sim.httpUrl), {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
}

test('whatsapp-web.js: the call event, Call.reject(), createCallLink()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([{ number: '15557200001', name: 'Caller' }]);

    // A voice call from a contact: the `call` event with the fields Call reads.
    const rang = waitFor(client, 'call', 30000);
    const { id } = sim.peer.call({ from: '15557200001' });
    const call = await rang;
    assert.equal(call.id, id);
    assert.deepEqual([call.isVideo, call.isGroup, call.fromMe, call.canHandleLocally, call.webClientShouldHandle], [false, false, false, false, false]);
    assert.deepEqual(call.participants, []);
    // whatsapp-web.js passes the model's peerJid as it is: a wid, which reaches Node as a plain
    // object (main Client.js:1087); and it leaves offerTime out of what it passes (:1086-1095),
    // so Call.timestamp is always undefined although the model has it.
    assert.equal(call.from._serialized, '15557200001@c.us');
    assert.equal(call.timestamp, undefined);
    let log = (await control(sim, 'GET', '/_sim/calls')).body.calls;
    assert.equal(log[0].rejected, false);
    assert.ok(Number.isInteger(log[0].offerTime));

    // Call.reject(): the stanza of WWebJS.rejectCall reaches the server as a rejection.
    let since = sim.events.length;
    await call.reject();
    await sim.waitFor('call-rejected', (e) => e.id === id, 10000, { since });
    log = (await control(sim, 'GET', '/_sim/calls')).body.calls;
    assert.deepEqual([log[0].id, log[0].from, log[0].to, log[0].rejected], [id, '15557200001@c.us', ME, true]);
    assert.ok(log[0].rejectedAt >= log[0].offerTime * 1000);
    // Rejecting again is a stanza the server drops (a cast: the page is not told).
    since = sim.events.length;
    await call.reject();
    await sim.waitFor('stanza-dropped', (e) => e.reason === 'already-rejected', 10000, { since });

    // A video group call through the HTTP route.
    const groupRang = waitFor(client, 'call', 30000);
    const placed = await control(sim, 'POST', '/_sim/peer/call', { from: '15557200001', video: true, group: ['15557200002'] });
    assert.equal(placed.status, 200);
    assert.equal(placed.body.ok, true);
    const groupCall = await groupRang;
    assert.equal(groupCall.id, placed.body.id);
    assert.deepEqual([groupCall.isVideo, groupCall.isGroup], [true, true]);
    assert.deepEqual(groupCall.participants.map((p) => p._serialized), ['15557200001@c.us', '15557200002@c.us']);
    log = (await control(sim, 'GET', '/_sim/calls')).body.calls;
    assert.deepEqual(log.map((c) => [c.isVideo, c.isGroup, c.rejected]), [
        [false, false, true],
        [true, true, false],
    ]);
    // Bad bodies are 400s.
    assert.equal((await control(sim, 'POST', '/_sim/peer/call', { from: '15557200001', video: 'yes' })).status, 400);
    assert.equal((await control(sim, 'POST', '/_sim/peer/call', { from: 'nobody' })).status, 400);

    // createCallLink(): a link of the type asked for, in the server's list.
    const link = await client.createCallLink(new Date(), 'video');
    assert.match(link, /^https:\/\/call\.whatsapp\.com\/video\/[\w-]+$/);
    const voice = await client.createCallLink(new Date('2030-01-01T10:00:00Z'), 'voice');
    assert.match(voice, /^https:\/\/call\.whatsapp\.com\/voice\//);
    const { links } = (await control(sim, 'GET', '/_sim/calls')).body;
    assert.deepEqual(links.map((l) => [l.link, l.callType, l.account]), [
        [link, 'video', ME],
        [voice, 'voice', ME],
    ]);
    assert.equal(links[1].startTime, Date.parse('2030-01-01T10:00:00Z') / 1000);
    // Bad input: whatsapp-web.js's own check of the type, and an invalid date reaching the page.
    await assert.rejects(client.createCallLink(new Date(), 'audio'), /Invalid 'callType' parameter value/);
    await assert.rejects(client.createCallLink(new Date('not a date'), 'voice'), /createEventCallLink: the start time must be Unix seconds/);
});

test('whatsapp-web.js: presence, about, display name, profile picture, device counts, address book, contact_changed', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const account = async () => (await control(sim, 'GET', '/_sim/account')).body;
    assert.deepEqual(await account(), { account: ME, displayName: 'Test Phone', about: null, picture: null, presence: null, presenceAt: null, addressbook: [] });

    // Presence.
    let since = sim.events.length;
    await client.sendPresenceAvailable();
    await sim.waitFor('presence-sent', (e) => e.presence === 'available', 10000, { since });
    assert.equal((await account()).presence, 'available');
    since = sim.events.length;
    await client.sendPresenceUnavailable();
    await sim.waitFor('presence-sent', (e) => e.presence === 'unavailable', 10000, { since });
    assert.equal((await account()).presence, 'unavailable');

    // The about text and the display name.
    await client.setStatus('building things');
    assert.equal((await account()).about, 'building things');
    await assert.rejects(client.setStatus(42), /setMyStatus: the status must be a string/);
    assert.equal(await client.setDisplayName('Sim Builder'), true);
    assert.equal((await account()).displayName, 'Sim Builder');
    assert.equal(await client.pupPage.evaluate(() => window.require('WAWebConnModel').Conn.pushname), 'Sim Builder');
    await assert.rejects(client.setDisplayName(null), /setPushname: the name must be a string/);

    // The profile picture: set (cropped to a 640-pixel JPEG by whatsapp-web.js), then deleted.
    assert.equal(await client.setProfilePicture(new MessageMedia('image/png', png().toString('base64'), 'me.png')), true);
    const { picture } = await account();
    assert.equal(picture.mimetype, 'image/jpeg');
    assert.ok(picture.size > 0);
    const fetched = await fetch(new URL(picture.url, sim.httpUrl));
    assert.equal(fetched.status, 200);
    assert.deepEqual([...Buffer.from(await fetched.arrayBuffer()).subarray(0, 2)], [0xff, 0xd8]);
    assert.equal(await client.deleteProfilePicture(), true);
    assert.equal((await account()).picture, null);
    // Nothing left to delete: WWebJS.deletePicture returns without asking (canDelete() is false).
    assert.equal(await client.deleteProfilePicture(), undefined);
    await assert.rejects(client.setProfilePicture(new MessageMedia('text/plain', Buffer.from('hi').toString('base64'))), /Media is not an image/);

    // Device counts: the phone, plus each linked device.
    await sim.addContacts([
        { number: '15557200001', name: 'One Phone' },
        { number: '15557200002', name: 'With Laptop', devices: 2 },
    ]);
    sim.addUnregistered(['15557200099']);
    assert.equal(await client.getContactDeviceCount('15557200001@c.us'), 1);
    assert.equal(await client.getContactDeviceCount('15557200002@c.us'), 3);
    assert.equal(await client.getContactDeviceCount(ME), 2);
    assert.equal(await client.getContactDeviceCount('15557200099@c.us'), 0);
    await assert.rejects(client.getContactDeviceCount('120363000000000001@g.us'), /getDeviceIds: not a user wid/);
    assert.equal((await control(sim, 'POST', '/_sim/contacts', { contacts: [{ number: '15557200003', devices: 9 }] })).status, 400);

    // The address book: saved from the page, the name everywhere; deleted, gone.
    await client.saveOrEditAddressbookContact('15557200003', 'Ada', 'Lovelace', true);
    assert.deepEqual((await account()).addressbook, [{ number: '15557200003', firstName: 'Ada', lastName: 'Lovelace', syncToAddressbook: true }]);
    let listed = (await control(sim, 'GET', '/_sim/contacts')).body.contacts.find((c) => c.number === '15557200003');
    assert.deepEqual([listed.name, listed.isMyContact], ['Ada Lovelace', true]);
    const ada = await client.getContactById('15557200003@c.us');
    assert.deepEqual([ada.name, ada.isMyContact], ['Ada Lovelace', true]);
    await client.deleteAddressbookContact('15557200003@c.us');
    assert.deepEqual((await account()).addressbook, []);
    listed = (await control(sim, 'GET', '/_sim/contacts')).body.contacts.find((c) => c.number === '15557200003');
    assert.deepEqual([listed.name, listed.isMyContact], [null, false]);
    // Bad input: a number without its server is no wid for the strict createWid (whatsapp-web.js
    // documents the bare form), a contact not in the address book cannot be deleted, a save
    // without a name is refused (the server's refusals reach whatsapp-web.js as the page's
    // ServerStatusCodeError, passed on as it is).
    await assert.rejects(client.deleteAddressbookContact('15557200001'), /wid error: invalid wid/);
    await assert.rejects(client.deleteAddressbookContact('15557200003@c.us'), /ServerStatusCodeError: server status 400/);
    await assert.rejects(client.saveOrEditAddressbookContact('15557200003', '', ''), /ServerStatusCodeError: server status 400/);
    await assert.rejects(client.saveOrEditAddressbookContact(15557200003, 'Ada', 'L'), /phoneNumber and firstName must be strings/);

    // A contact changes its number: contact_changed, from the notification's `change`.
    await sim.addContacts([{ number: '15557200005', name: 'Mover' }, { number: '15557200008', name: 'Back Mover' }]);
    for (const from of ['15557200005', '15557200008']) {
        const arrived = waitFor(client, 'message', 30000, (m) => m.author === undefined && m.from === `${from}@c.us`);
        sim.peer.send({ from, body: 'hi' });
        await arrived;
    }
    let changed = waitFor(client, 'contact_changed', 30000);
    const moved = await control(sim, 'POST', '/_sim/peer/change-number', { from: '15557200005', to: '15557200009' });
    assert.equal(moved.status, 200);
    let [note, oldId, newId, isContact] = await changed;
    assert.deepEqual([note.type, note.id._serialized, isContact], ['notification_template', moved.body.notes[0], true]);
    assert.equal(oldId, '15557200005@c.us');
    // whatsapp-web.js passes the serialized model's `to` as the new id: a wid object, not the
    // string its documentation promises (main Client.js:726-729).
    assert.equal(newId._serialized, '15557200009@c.us');
    // ...and takes the first template parameter that is not that object, i.e. always the first:
    // when the new number sorts before the old one, it reports the new number as the old.
    changed = waitFor(client, 'contact_changed', 30000);
    sim.peer.changeNumber({ from: '15557200008', to: '15557200004' });
    [note, oldId, newId] = await changed;
    assert.deepEqual([oldId, newId._serialized], ['15557200004@c.us', '15557200004@c.us']);
    // The old number left WhatsApp; the new one is known already; bad bodies are 400s.
    assert.equal(await client.isRegisteredUser('15557200005@c.us'), false);
    assert.equal((await control(sim, 'POST', '/_sim/peer/change-number', { from: '15557200001', to: '15557200009' })).status, 409);
    assert.equal((await control(sim, 'POST', '/_sim/peer/change-number', { from: '15557200001' })).status, 400);
});
