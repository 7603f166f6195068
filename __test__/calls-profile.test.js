'use strict';
// Calls, presence, the account's profile and the address book, by their effect through the
// simulator (GET /_sim/calls, GET /_sim/account, GET /_sim/contacts) and the events the client
// emits: `call` and Call.reject(), createCallLink(), sendPresenceAvailable/Unavailable(),
// setStatus(), setDisplayName(), setProfilePicture()/deleteProfilePicture(), client.info,
// getContactDeviceCount(), saveOrEditAddressbookContact()/deleteAddressbookContact() and
// `contact_changed`. Bad input is refused with a named error and nothing reaches the server.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { Call, ClientInfo, Message, MessageMedia } = require('..');
const { noisePng } = require('../simulator/heavy-page');
const { waitFor } = require('./helpers');
const { control, sharedClient, rejectsWithCode, eventsSince } = require('./account-helpers');

const ME = '15550100001@c.us';
const CALLER = '15557300001';
const LAPTOP = '15557300002';
const NOT_ON_WHATSAPP = '15557300099';

/** The width and height of a JPEG, from its first start-of-frame segment. */
function jpegSize(bytes) {
  let i = 2;
  while (i + 9 < bytes.length) {
    assert.equal(bytes[i], 0xff, 'a JPEG segment');
    const marker = bytes[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)];
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no start of frame');
}

describe('calls, presence, the profile and the address book', () => {
  const calls = [];
  const shared = sharedClient((c) => c.on('call', (call) => calls.push(call)));
  let sim;
  let client;
  const account = async () => (await control(sim, 'GET', '/_sim/account')).body;
  const callLog = async () => (await control(sim, 'GET', '/_sim/calls')).body;
  // The simulator events of these kinds since `since` (nothing reached the server: []).
  const seen = (since, ...kinds) => eventsSince(sim, since, ...kinds);
  const rejects = rejectsWithCode;

  before(async () => {
    ({ client } = shared);
    sim = shared.ctx.sim;
    await sim.addContacts([
      { number: CALLER, name: 'Caller' },
      { number: LAPTOP, name: 'With Laptop', devices: 2 },
    ]);
    sim.addUnregistered([NOT_ON_WHATSAPP]);
  });

  test('client.info is a ClientInfo: pushname, wid, me, platform, getBatteryStatus()', async () => {
    assert.ok(client.info instanceof ClientInfo);
    assert.equal(client.info.pushname, 'Test Phone');
    assert.equal(client.info.wid._serialized, ME);
    assert.deepEqual(client.info.me, client.info.wid);
    assert.equal(typeof client.info.platform, 'string');
    assert.equal(client.info.phone, undefined);
    const battery = await client.info.getBatteryStatus();
    assert.deepEqual(Object.keys(battery).sort(), ['battery', 'plugged']);
    assert.ok(battery.battery === null || (battery.battery >= 0 && battery.battery <= 100));
    assert.ok(battery.plugged === null || typeof battery.plugged === 'boolean');
  });

  test('the call event: a Call with string ids and a timestamp; reject() declines it once', async () => {
    const rang = waitFor(client, 'call', 30000);
    const { id } = sim.peer.call({ from: CALLER });
    const call = await rang;
    assert.ok(call instanceof Call);
    let log = (await callLog()).calls;
    assert.equal(call.id, id);
    // What whatsapp-web.js's index.d.ts promises (1.34.7 gives a wid object and undefined).
    assert.equal(call.from, `${CALLER}@c.us`);
    assert.equal(call.timestamp, log[0].offerTime);
    assert.deepEqual([call.isVideo, call.isGroup, call.fromMe, call.canHandleLocally, call.webClientShouldHandle], [false, false, false, false, false]);
    assert.deepEqual(call.participants, []);
    assert.equal(log[0].rejected, false);

    // A call whose fields were tampered with is refused before anything is sent.
    let since = sim.events.length;
    const forged = Object.assign(Object.create(Call.prototype), call, { id: 'x"/><inject' });
    Object.defineProperty(forged, 'client', { value: client });
    await rejects(forged.reject(), 'ERR_INVALID_ARGUMENT', /call\.id/);
    const noCaller = Object.assign(Object.create(Call.prototype), call, { from: { _serialized: `${CALLER}@c.us` } });
    Object.defineProperty(noCaller, 'client', { value: client });
    await rejects(noCaller.reject(), 'ERR_INVALID_ARGUMENT', /call\.from/);
    assert.deepEqual(seen(since, 'call-rejected', 'stanza-dropped'), []);

    since = sim.events.length;
    assert.equal(await call.reject(), undefined);
    await sim.waitFor('call-rejected', (e) => e.id === id, 10000, { since });
    log = (await callLog()).calls;
    assert.deepEqual([log[0].id, log[0].from, log[0].to, log[0].rejected], [id, `${CALLER}@c.us`, ME, true]);
    // Again: the server drops it (a cast has no answer).
    since = sim.events.length;
    await call.reject();
    await sim.waitFor('stanza-dropped', (e) => e.reason === 'already-rejected', 10000, { since });
    assert.equal(calls.filter((c) => c.id === id).length, 1, 'one call event per call');
    // example.js answers the caller with call.from: a chat id here (a wid object in whatsapp-web.js).
    const sent = await client.sendMessage(call.from, 'Sorry, no calls');
    await sim.waitFor('message-sent', (e) => e.key === sent.id._serialized, 30000, { since: 0 });
  });

  test('a video group call: isVideo, isGroup and the participants as wids', async () => {
    const rang = waitFor(client, 'call', 30000, (c) => c.isGroup);
    const placed = await control(sim, 'POST', '/_sim/peer/call', { from: CALLER, video: true, group: [LAPTOP] });
    assert.equal(placed.status, 200);
    const call = await rang;
    assert.equal(call.id, placed.body.id);
    assert.deepEqual([call.isVideo, call.isGroup, call.from], [true, true, `${CALLER}@c.us`]);
    assert.deepEqual(call.participants, [
      { server: 'c.us', user: CALLER, _serialized: `${CALLER}@c.us` },
      { server: 'c.us', user: LAPTOP, _serialized: `${LAPTOP}@c.us` },
    ]);
    const since = sim.events.length;
    await call.reject();
    await sim.waitFor('call-rejected', (e) => e.id === call.id, 10000, { since });
  });

  test('createCallLink(): a link of the type asked for, in the server list; bad input refused', async () => {
    const link = await client.createCallLink(new Date(), 'video');
    assert.match(link, /^https:\/\/call\.whatsapp\.com\/video\/[\w-]+$/);
    const voice = await client.createCallLink(new Date('2030-01-01T10:00:00.999Z'), 'voice');
    assert.match(voice, /^https:\/\/call\.whatsapp\.com\/voice\//);
    let { links } = await callLog();
    assert.deepEqual(links.map((l) => [l.link, l.callType, l.account]), [
      [link, 'video', ME],
      [voice, 'voice', ME],
    ]);
    assert.equal(links[1].startTime, Date.parse('2030-01-01T10:00:00Z') / 1000);

    const since = sim.events.length;
    await rejects(client.createCallLink(new Date(), 'audio'), 'ERR_INVALID_ARGUMENT', /Invalid 'callType' parameter value is provided/);
    await rejects(client.createCallLink(new Date(), undefined), 'ERR_INVALID_ARGUMENT', /callType/);
    await rejects(client.createCallLink(new Date('not a date'), 'voice'), 'ERR_INVALID_ARGUMENT', /startTime/);
    await rejects(client.createCallLink(null, 'voice'), 'ERR_INVALID_ARGUMENT', /startTime/);
    assert.deepEqual(seen(since, 'call-link-created'), []);
    ({ links } = await callLog());
    assert.equal(links.length, 2);
  });

  test('sendPresenceAvailable() / sendPresenceUnavailable(): the server has the presence', async () => {
    assert.equal((await account()).presence, null);
    let since = sim.events.length;
    assert.equal(await client.sendPresenceAvailable(), undefined);
    await sim.waitFor('presence-sent', (e) => e.presence === 'available', 10000, { since });
    assert.equal((await account()).presence, 'available');
    since = sim.events.length;
    assert.equal(await client.sendPresenceUnavailable(), undefined);
    await sim.waitFor('presence-sent', (e) => e.presence === 'unavailable', 10000, { since });
    assert.equal((await account()).presence, 'unavailable');
  });

  test('setStatus() and setDisplayName(): the about text and the pushname; bad input refused', async () => {
    assert.equal(await client.setStatus('building things'), undefined);
    assert.equal((await account()).about, 'building things');
    assert.equal(await client.setDisplayName('Sim Builder'), true);
    assert.equal((await account()).displayName, 'Sim Builder');

    const since = sim.events.length;
    await rejects(client.setStatus(42), 'ERR_INVALID_ARGUMENT', /status/);
    await rejects(client.setStatus('x'.repeat(5000)), 'ERR_INVALID_ARGUMENT', /status/);
    await rejects(client.setDisplayName(null), 'ERR_INVALID_ARGUMENT', /displayName/);
    await rejects(client.setDisplayName('   '), 'ERR_INVALID_ARGUMENT', /displayName/);
    assert.deepEqual(seen(since, 'about-set', 'pushname-set'), []);
    const now = await account();
    assert.deepEqual([now.about, now.displayName], ['building things', 'Sim Builder']);
  });

  test('setProfilePicture(): a 640-pixel JPEG of the centre square; deleteProfilePicture(); bad media refused', async () => {
    // A wide picture: only its centre square is kept.
    const png = noisePng(30, 20, Math.random);
    assert.equal(await client.setProfilePicture(new MessageMedia('image/png', png.toString('base64'), 'me.png')), true);
    const { picture } = await account();
    assert.equal(picture.mimetype, 'image/jpeg');
    const fetched = Buffer.from(await (await fetch(new URL(picture.url, sim.httpUrl))).arrayBuffer());
    assert.deepEqual([...fetched.subarray(0, 2)], [0xff, 0xd8]);
    assert.deepEqual(jpegSize(fetched), [640, 640]);

    const since = sim.events.length;
    await rejects(client.setProfilePicture(new MessageMedia('text/plain', Buffer.from('hi').toString('base64'))), 'ERR_INVALID_ARGUMENT', /Media is not an image/);
    await rejects(client.setProfilePicture(new MessageMedia('image/png', Buffer.from('not a png at all').toString('base64'))), 'ERR_INVALID_ARGUMENT', /decode/);
    await rejects(client.setProfilePicture({ mimetype: 'image/png', data: 'not base64!' }), 'ERR_INVALID_ARGUMENT', /media\.data/);
    await rejects(client.setProfilePicture(undefined), 'ERR_INVALID_ARGUMENT', /media/);
    assert.deepEqual(seen(since, 'picture-set', 'picture-deleted'), []);
    assert.equal((await account()).picture.url, picture.url);

    assert.equal(await client.deleteProfilePicture(), true);
    assert.equal((await account()).picture, null);
    // Nothing left to delete: undefined, and nothing is asked.
    const before = sim.events.length;
    assert.equal(await client.deleteProfilePicture(), undefined);
    assert.deepEqual(seen(before, 'picture-deleted'), []);
  });

  test('getContactDeviceCount(): the phone and each linked device', async () => {
    assert.equal(await client.getContactDeviceCount(`${CALLER}@c.us`), 1);
    assert.equal(await client.getContactDeviceCount(`${LAPTOP}@c.us`), 3);
    assert.equal(await client.getContactDeviceCount(ME), 2);
    assert.equal(await client.getContactDeviceCount(`${NOT_ON_WHATSAPP}@c.us`), 0);
    await rejects(client.getContactDeviceCount('120363000000000001@g.us'), 'ERR_INVALID_CHAT_ID', /group/);
    await rejects(client.getContactDeviceCount(15557300001), 'ERR_INVALID_CHAT_ID');
  });

  test('saveOrEditAddressbookContact() / deleteAddressbookContact(): the name in the address book; bad input refused', async () => {
    const number = '15557300003';
    assert.equal(await client.saveOrEditAddressbookContact(number, 'Ada', 'Lovelace', true), undefined);
    assert.deepEqual((await account()).addressbook, [{ number, firstName: 'Ada', lastName: 'Lovelace', syncToAddressbook: true }]);
    let listed = (await control(sim, 'GET', '/_sim/contacts')).body.contacts.find((c) => c.number === number);
    assert.deepEqual([listed.name, listed.isMyContact], ['Ada Lovelace', true]);
    const ada = await client.getContactById(`${number}@c.us`);
    assert.deepEqual([ada.name, ada.isMyContact], ['Ada Lovelace', true]);
    // Edited, syncToAddressbook left out (false).
    await client.saveOrEditAddressbookContact(`+1 555 730 0003`, 'Ada', 'King');
    assert.deepEqual((await account()).addressbook, [{ number, firstName: 'Ada', lastName: 'King', syncToAddressbook: false }]);

    let since = sim.events.length;
    await rejects(client.saveOrEditAddressbookContact(number, '', ''), 'ERR_INVALID_ARGUMENT', /name/);
    await rejects(client.saveOrEditAddressbookContact(Number(number), 'Ada', 'L'), 'ERR_INVALID_CHAT_ID');
    await rejects(client.saveOrEditAddressbookContact('not a number', 'Ada', 'L'), 'ERR_INVALID_CHAT_ID');
    await rejects(client.saveOrEditAddressbookContact(number, { first: 'Ada' }, 'L'), 'ERR_INVALID_ARGUMENT', /firstName/);
    await rejects(client.saveOrEditAddressbookContact(number, 'Ada', 'L', 'yes'), 'ERR_INVALID_ARGUMENT', /syncToAddressbook/);
    assert.deepEqual(seen(since, 'contact-saved'), []);

    // The bare number whatsapp-web.js documents is taken (its strict createWid refuses it).
    assert.equal(await client.deleteAddressbookContact(number), undefined);
    assert.deepEqual((await account()).addressbook, []);
    listed = (await control(sim, 'GET', '/_sim/contacts')).body.contacts.find((c) => c.number === number);
    assert.deepEqual([listed.name, listed.isMyContact], [null, false]);

    since = sim.events.length;
    await rejects(client.deleteAddressbookContact(`${number}@c.us`), 'ERR_INVALID_ARGUMENT', /not in the address book/);
    await rejects(client.deleteAddressbookContact('120363000000000001@g.us'), 'ERR_INVALID_CHAT_ID');
    await rejects(client.deleteAddressbookContact(null), 'ERR_INVALID_CHAT_ID');
    assert.deepEqual(seen(since, 'contact-deleted'), []);
  });

  test("WhatsApp's server refusing setDisplayName, the address book or getCommonGroups: ERR_SERVER_REFUSED with the status, nothing changed", async () => {
    // The simulator's server refuses the next request of a kind once (POST /_sim/server/refuse).
    const refuseNext = async (type, status) => assert.equal((await control(sim, 'POST', '/_sim/server/refuse', { type, status })).status, 200);
    const refused = (status, what) => (e) => {
      assert.equal(e.code, 'ERR_SERVER_REFUSED', e.message);
      assert.equal(e.status, status);
      assert.match(e.message, what);
      return true;
    };
    const { displayName } = await account();
    await refuseNext('set_pushname', 503);
    await assert.rejects(client.setDisplayName('Never set'), refused(503, /display name: 503/));
    assert.equal((await account()).displayName, displayName);
    assert.equal(await client.setDisplayName('Set after all'), true, 'the next request goes through');

    const number = '15557300077';
    await refuseNext('save_contact', 429);
    await assert.rejects(client.saveOrEditAddressbookContact(number, 'Grace', 'Hopper'), refused(429, /saving a contact: 429/));
    assert.deepEqual((await account()).addressbook, []);
    await client.saveOrEditAddressbookContact(number, 'Grace', 'Hopper');
    await refuseNext('delete_contact', 500);
    await assert.rejects(client.deleteAddressbookContact(number), refused(500, /deleting a contact: 500/));
    assert.deepEqual((await account()).addressbook.map((e) => e.number), [number], 'still saved');
    await client.deleteAddressbookContact(number);

    // A contact whose common groups the page does not hold yet: the page asks the server.
    await refuseNext('group_common', 404);
    await assert.rejects(client.getCommonGroups(`${CALLER}@c.us`), refused(404, /common groups: 404/));
    assert.deepEqual(await client.getCommonGroups(`${CALLER}@c.us`), []);
    assert.equal((await control(sim, 'POST', '/_sim/server/refuse', { type: 'x', status: 200 })).status, 400, 'a refusal is an error status');
  });

  test('contact_changed: the notification, the old and the new id as strings, isContact', async () => {
    await sim.addContacts([
      { number: '15557300005', name: 'Mover' },
      { number: '15557300008', name: 'Back Mover' },
    ]);
    for (const from of ['15557300005', '15557300008']) {
      const arrived = waitFor(client, 'message', 30000, (m) => m.from === `${from}@c.us`);
      sim.peer.send({ from, body: 'hi' });
      await arrived;
    }
    let changed = waitFor(client, 'contact_changed', 30000);
    const moved = await control(sim, 'POST', '/_sim/peer/change-number', { from: '15557300005', to: '15557300009' });
    assert.equal(moved.status, 200);
    let [note, oldId, newId, isContact] = await changed;
    assert.ok(note instanceof Message);
    assert.deepEqual([note.type, note.id._serialized], ['notification_template', moved.body.notes[0]]);
    assert.deepEqual([oldId, newId, isContact], ['15557300005@c.us', '15557300009@c.us', true]);
    // The new number sorts before the old one: still told apart (whatsapp-web.js 1.34.7 reports
    // the new number as the old one here).
    changed = waitFor(client, 'contact_changed', 30000);
    sim.peer.changeNumber({ from: '15557300008', to: '15557300004' });
    [note, oldId, newId, isContact] = await changed;
    assert.deepEqual([oldId, newId, isContact], ['15557300008@c.us', '15557300004@c.us', true]);
  });
});
