'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's status updates: posting a
// text (default and styled through options.extra) and a picture with sendMessage('status@broadcast'),
// revokeStatusMessage() of the picture, a contact's status arriving as a `message` with isStatus,
// getBroadcasts(), getBroadcastById() and contact.getBroadcast(). This shows that the simulated
// page models the internals whatsapp-web.js uses for statuses the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');
const { png } = require('./fixtures/media-kinds');

const PEER = '15557400011';
const PEER_ID = `${PEER}@c.us`;

test('whatsapp-web.js: post text and picture statuses, revoke one, a contact\'s status, getBroadcasts()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const posted = async () => (await control(sim, 'GET', '/_sim/status')).body.posted;

    await client.sendMessage('status@broadcast', 'Hello there!');
    await client.sendMessage('status@broadcast', 'Looks different?', { extra: { fontStyle: 1, backgroundColor: '#0b3296' } });
    const picture = await client.sendMessage('status@broadcast', new MessageMedia('image/png', png(20, 10).toString('base64'), 'p.png'), { caption: 'A picture' });
    assert.equal(picture.isStatus, true);
    const server = await posted();
    assert.deepEqual(server.map((p) => [p.type, p.body, p.color, p.font]), [
        ['chat', 'Hello there!', 0xff7acca5, 0],
        ['chat', 'Looks different?', 0xff0b3296, 1],
        ['image', 'A picture', undefined, undefined],
    ]);
    assert.equal(server[2].key, picture.id._serialized);

    await client.revokeStatusMessage(picture.id._serialized);
    assert.equal((await posted())[2].revoked, true);

    const received = waitFor(client, 'message', 30000, (m) => m.isStatus);
    const res = await control(sim, 'POST', '/_sim/peer/status', { from: PEER, body: 'My day' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const msg = await received;
    assert.deepEqual([msg.from, msg.author, msg.body, msg.id._serialized], ['status@broadcast', PEER_ID, 'My day', res.body.id]);

    const theirs = (await client.getBroadcasts()).find((b) => b.id._serialized === PEER_ID);
    assert.deepEqual([theirs.totalCount, theirs.unreadCount, typeof theirs.timestamp], [1, 1, 'number']);
    assert.deepEqual(theirs.msgs.map((m) => m.body), ['My day']);
    const one = await client.getBroadcastById(PEER_ID);
    assert.equal(one.totalCount, 1);
    assert.equal((await (await client.getContactById(PEER_ID)).getBroadcast()).totalCount, 1);
    assert.equal((await one.getContact()).id._serialized, PEER_ID);
});
