'use strict';
// The page's own settings and window, by their effect on the simulator: media auto-download and
// background sync (GET /_sim/settings), client.interface (GET /_sim/interface: the open chat, the
// message scrolled to, the right drawer, the feature flags). Buttons and List:
// buttons-list.test.js.
// Bad input is refused with a named error and nothing changes on the page or the server.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { version } = require('..');
const { control, peerSendAndReceive, sharedClient, rejectsWithCode, eventsSince } = require('./account-helpers');

const PEER = '15557400001';
const PEER_ID = `${PEER}@c.us`;

describe('settings and client.interface', () => {
  const shared = sharedClient();
  let sim;
  let client;
  const settings = async () => (await control(sim, 'GET', '/_sim/settings')).body;
  const ui = async () => (await control(sim, 'GET', '/_sim/interface')).body;
  const seen = (since, ...kinds) => eventsSince(sim, since, ...kinds);
  const rejects = rejectsWithCode;

  before(async () => {
    ({ client } = shared);
    sim = shared.ctx.sim;
    await sim.addContacts([{ number: PEER, name: 'Peer' }]);
  });

  test('setAutoDownloadPhotos/Audio/Videos/Documents change the page setting, only when it differs, and resolve undefined', async () => {
    const before = await settings();
    assert.deepEqual(before.autoDownload, { audio: true, documents: false, photos: true, videos: false });
    assert.equal(await client.setAutoDownloadPhotos(false), undefined);
    await client.setAutoDownloadAudio(false);
    await client.setAutoDownloadVideos(true);
    await client.setAutoDownloadDocuments(true);
    assert.deepEqual((await settings()).autoDownload, { audio: false, documents: true, photos: false, videos: true });
    // The same value again: whatsapp-web.js reads first and does not write it.
    const since = sim.events.length;
    await client.setAutoDownloadPhotos(false);
    await client.setAutoDownloadDocuments(true);
    assert.deepEqual(seen(since, 'pref-set'), []);
    await client.setAutoDownloadPhotos(true);
    assert.equal((await settings()).autoDownload.photos, true);
  });

  test('setBackgroundSync resolves with the flag and stores it', async () => {
    assert.equal((await settings()).backgroundSync, false);
    assert.equal(await client.setBackgroundSync(true), true);
    assert.equal((await settings()).backgroundSync, true);
    const since = sim.events.length;
    assert.equal(await client.setBackgroundSync(true), true);
    assert.deepEqual(seen(since, 'pref-set'), []);
    assert.equal(await client.setBackgroundSync(false), false);
    assert.equal((await settings()).backgroundSync, false);
  });

  test('a flag that is not true or false is ERR_INVALID_ARGUMENT and nothing changes', async () => {
    const before = await settings();
    const since = sim.events.length;
    for (const bad of [undefined, null, 1, 'true', {}]) {
      await rejects(client.setAutoDownloadVideos(bad), 'ERR_INVALID_ARGUMENT', /flag: must be true or false/);
      await rejects(client.setBackgroundSync(bad), 'ERR_INVALID_ARGUMENT', /flag/);
    }
    assert.deepEqual(seen(since, 'pref-set'), []);
    assert.deepEqual(await settings(), before);
  });

  test('client.interface: openChatWindow, openChatDrawer, openChatSearch, closeRightDrawer', async () => {
    await peerSendAndReceive(sim, client, { from: PEER, body: 'open me' });
    assert.equal(typeof client.interface.openChatWindow, 'function');
    assert.equal(await client.interface.openChatWindow(PEER_ID), true);
    assert.equal((await ui()).openChat, PEER_ID);
    await client.interface.openChatDrawer(PEER_ID);
    assert.deepEqual((await ui()).rightDrawer, { kind: 'chat-info', id: PEER_ID });
    await client.interface.openChatSearch(PEER_ID);
    assert.deepEqual((await ui()).rightDrawer, { kind: 'search', id: PEER_ID });
    await client.interface.closeRightDrawer();
    assert.equal((await ui()).rightDrawer, null);
  });

  test('client.interface: openChatWindowAt scrolls the chat to the message, openMessageDrawer opens its info', async () => {
    const first = await peerSendAndReceive(sim, client, { from: PEER, body: 'jump here' });
    await peerSendAndReceive(sim, client, { from: PEER, body: 'a later one' });
    await client.interface.openChatWindowAt(first.id._serialized);
    const state = await ui();
    assert.equal(state.openChat, PEER_ID);
    assert.equal(state.openAt, first.id._serialized);
    await client.interface.openMessageDrawer(first.id._serialized);
    assert.deepEqual((await ui()).rightDrawer, { kind: 'message-info', id: first.id._serialized });
    await client.interface.closeRightDrawer();
  });

  test('client.interface: getFeatures, checkFeatureStatus, enableFeatures, disableFeatures', async () => {
    const features = await client.interface.getFeatures();
    assert.deepEqual(Object.keys(features).sort(), ['SIM_FEATURE_A', 'SIM_FEATURE_B', 'SIM_FEATURE_C']);
    assert.equal(await client.interface.checkFeatureStatus('SIM_FEATURE_B'), false);
    let since = sim.events.length;
    assert.equal(await client.interface.enableFeatures(['SIM_FEATURE_B', 'SIM_FEATURE_C']), undefined);
    assert.equal(await client.interface.checkFeatureStatus('SIM_FEATURE_B'), true);
    assert.equal(await client.interface.checkFeatureStatus('SIM_FEATURE_C'), true);
    await sim.waitFor('ui-state', (e) => e.features.SIM_FEATURE_B && e.features.SIM_FEATURE_C, 5000, { since });
    since = sim.events.length;
    await client.interface.disableFeatures(['SIM_FEATURE_A']);
    assert.equal(await client.interface.checkFeatureStatus('SIM_FEATURE_A'), false);
    await sim.waitFor('ui-state', (e) => e.features.SIM_FEATURE_A === false, 5000, { since });
  });

  test('client.interface: bad input is a named error and the page does not change', async () => {
    const before = await ui();
    const since = sim.events.length;
    await rejects(client.interface.openChatWindow('not a chat'), 'ERR_INVALID_CHAT_ID');
    await rejects(client.interface.openChatDrawer(42), 'ERR_INVALID_CHAT_ID');
    await rejects(client.interface.openChatWindowAt('nope'), 'ERR_INVALID_ARGUMENT', /msgId/);
    await rejects(client.interface.openMessageDrawer(`false_${PEER_ID}_3A0000000000DEADBEEF`), 'ERR_MESSAGE_NOT_FOUND');
    await rejects(client.interface.checkFeatureStatus(''), 'ERR_INVALID_ARGUMENT', /feature/);
    await rejects(client.interface.checkFeatureStatus('NO_SUCH_FEATURE'), 'ERR_INVALID_ARGUMENT', /NO_SUCH_FEATURE/);
    await rejects(client.interface.enableFeatures('SIM_FEATURE_B'), 'ERR_INVALID_ARGUMENT', /array/);
    // One unknown name: none of them is set.
    await rejects(client.interface.disableFeatures(['SIM_FEATURE_B', 'NO_SUCH_FEATURE']), 'ERR_INVALID_ARGUMENT', /NO_SUCH_FEATURE/);
    assert.equal(await client.interface.checkFeatureStatus('SIM_FEATURE_B'), true);
    assert.deepEqual(seen(since, 'ui-state'), []);
    assert.deepEqual(await ui(), before);
  });

  test('version is whatsapp-web-rs\'s own package version', () => {
    assert.equal(version, require('../package.json').version);
  });
});
