'use strict';
// Running a channel (newsletter) with others, and its picture: sendChannelAdminInvite (client and
// Channel), transferChannelOwnership (with and without shouldDismissSelfAsAdmin), createChannel
// with a picture and channel.setProfilePicture, each shown by its effect on the simulator's
// server (GET /_sim/channels, the invitee's inbox, the picture file it keeps). Bad input is
// rejected with a named error and nothing reaches the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('..');
const { control, sharedClient, rejectsWithCode, eventsSince, until, jpegSize } = require('./account-helpers');

const ME = '15550100001';
const ANN = '15557500001';
const BOB = '15557500002';
const EVENTS = ['channel-admin-invited', 'channel-owner-changed', 'channel-admin-demoted', 'channel-created', 'channel-edited', 'media-uploaded'];
// A 1x1 PNG, and a 3x2 one (not square: cut to its centre).
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG_3X2 = 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAAMMM/8EAAEHSCPiKFD1eAAAAAElFTkSuQmCC';

const serverChannel = async (sim, id) => {
  const res = await control(sim, 'GET', '/_sim/channels');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.channels.find((c) => c.id === id);
};
const addChannel = async (sim, body) => {
  const res = await control(sim, 'POST', '/_sim/channels', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const inbox = async (sim, peer) => (await control(sim, 'GET', `/_sim/peer/inbox?peer=${peer}`)).body.messages;

const pictureFile = (sim, picture) => Buffer.from(sim.account.media.get(picture.directPath).data);


describe('running a channel with others, one logged-in client', () => {
  const shared = sharedClient();
  let mine;

  test('createChannel with a picture: the server keeps a 640 px JPEG, cut square', async () => {
    const { ctx, client } = shared;
    const created = await client.createChannel('Team news', { description: 'For the team', picture: new MessageMedia('image/png', PNG_3X2, 'logo.png') });
    assert.equal(typeof created, 'object', String(created));
    mine = created.nid._serialized;
    const onServer = await serverChannel(ctx.sim, mine);
    assert.deepEqual(onServer.members, { [ME]: 'owner' });
    assert.equal(onServer.picture.mimetype, 'image/jpeg');
    assert.deepEqual(jpegSize(pictureFile(ctx.sim, onServer.picture)), [640, 640], 'cropAndResizeImage: the centred square at 640 px');
  });

  test('sendChannelAdminInvite: the invitation message in the contact\'s chat, the invitation kept until they accept', async () => {
    const { ctx, client } = shared;
    ctx.sim.addContacts([{ number: ANN, name: 'Ann' }, { number: BOB, name: 'Bob' }]);
    const since = ctx.sim.events.length;
    assert.equal(await client.sendChannelAdminInvite(`${ANN}@c.us`, mine, { comment: 'Help me run it' }), true);
    const channel = await client.getChatById(mine);
    assert.equal(await channel.sendChannelAdminInvite(`${BOB}@c.us`), true);
    assert.deepEqual((await serverChannel(ctx.sim, mine)).adminInvites, [ANN, BOB]);
    const [toAnn] = await inbox(ctx.sim, ANN);
    assert.deepEqual(
      { type: toAnn.type, body: toAnn.body, newsletterInvite: toAnn.newsletterInvite },
      { type: 'newsletter_admin_invite', body: 'Help me run it', newsletterInvite: { channelId: mine, channelName: 'Team news' } },
    );
    assert.equal((await inbox(ctx.sim, BOB))[0].body, '');
    assert.equal(eventsSince(ctx.sim, since, 'channel-admin-invited').length, 2);

    // Ann accepts on her phone: an admin; inviting her again is refused (false), nothing sent.
    const accepted = await control(ctx.sim, 'POST', '/_sim/channels/accept', { channel: mine, invitee: ANN });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual((await serverChannel(ctx.sim, mine)).members, { [ME]: 'owner', [ANN]: 'admin' });
    assert.equal(await client.sendChannelAdminInvite(`${ANN}@c.us`, mine), false);
    assert.equal((await inbox(ctx.sim, ANN)).filter((m) => m.type === 'newsletter_admin_invite').length, 1);

    // Only the owner invites: someone else's channel is false, nothing reaches the contact.
    const theirs = await addChannel(ctx.sim, { name: 'Theirs', owner: '15557500009', subscribers: [ME] });
    assert.equal(await client.sendChannelAdminInvite(`${BOB}@c.us`, theirs.id), false);
    assert.deepEqual((await serverChannel(ctx.sim, theirs.id)).adminInvites, []);
    assert.equal((await inbox(ctx.sim, BOB)).length, 1);
  });

  test('transferChannelOwnership: only to an admin; the old owner stays an admin, or with shouldDismissSelfAsAdmin becomes a subscriber', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    // Bob is invited, not an admin yet: refused.
    const since = ctx.sim.events.length;
    assert.equal(await channel.transferChannelOwnership(`${BOB}@c.us`), false);
    assert.deepEqual(eventsSince(ctx.sim, since, 'channel-owner-changed'), []);
    assert.equal((await serverChannel(ctx.sim, mine)).members[ME], 'owner');

    assert.equal(await client.transferChannelOwnership(mine, `${ANN}@c.us`), true);
    assert.deepEqual((await serverChannel(ctx.sim, mine)).members, { [ME]: 'admin', [ANN]: 'owner' });
    const reread = await until(() => client.getChatById(mine), (c) => c.channelMetadata.membershipType === 'admin', 'the page taking the account for an admin');
    assert.equal(reread.isReadOnly, false, 'an admin still posts');
    // No longer the owner: it cannot hand the channel on.
    assert.equal(await reread.transferChannelOwnership(`${ANN}@c.us`), false);

    const other = await addChannel(ctx.sim, { name: 'Handed over', owner: ME, admins: [BOB] });
    await until(() => client.getChatById(other.id), (c) => c && c.channelMetadata.membershipType === 'owner', 'the account owning Handed over');
    assert.equal(await client.transferChannelOwnership(other.id, `${BOB}@c.us`, { shouldDismissSelfAsAdmin: true }), true);
    assert.deepEqual((await serverChannel(ctx.sim, other.id)).members, { [ME]: 'subscriber', [BOB]: 'owner' });
    const after = await until(() => client.getChatById(other.id), (c) => c.channelMetadata.membershipType === 'subscriber', 'the page taking the account for a subscriber');
    assert.equal(after.isReadOnly, true);
  });

  test('channel.setProfilePicture: a new 640 px JPEG on the server; false for a channel the account does not run', async () => {
    const { ctx, client } = shared;
    const own = await client.createChannel('Pictured');
    const channel = await client.getChatById(own.nid._serialized);
    assert.equal((await serverChannel(ctx.sim, own.nid._serialized)).picture, null);
    assert.equal(await channel.setProfilePicture(new MessageMedia('image/png', PNG, 'dot.png')), true);
    const { picture } = await serverChannel(ctx.sim, own.nid._serialized);
    assert.equal(picture.mimetype, 'image/jpeg');
    assert.deepEqual(jpegSize(pictureFile(ctx.sim, picture)), [640, 640]);

    const theirs = await addChannel(ctx.sim, { name: 'Not pictured', owner: '15557500009', subscribers: [ME] });
    const followed = await until(() => client.getChatById(theirs.id), (c) => c && c.channelMetadata.membershipType === 'subscriber', 'the followed channel');
    assert.equal(await followed.setProfilePicture(new MessageMedia('image/png', PNG, 'dot.png')), false);
    assert.equal((await serverChannel(ctx.sim, theirs.id)).picture, null);
  });

  test('bad input: named errors, nothing sent', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    const before = JSON.stringify(await serverChannel(ctx.sim, mine));
    const since = ctx.sim.events.length;
    for (const bad of ['1@g.us', 'ann', '', null, 5, mine]) {
      await rejectsWithCode(client.sendChannelAdminInvite(bad, mine), 'ERR_INVALID_CHAT_ID');
      await rejectsWithCode(channel.transferChannelOwnership(bad), 'ERR_INVALID_CHAT_ID');
    }
    await rejectsWithCode(client.sendChannelAdminInvite(`${BOB}@c.us`, `${BOB}@c.us`), 'ERR_INVALID_CHAT_ID', /channelId/);
    await rejectsWithCode(client.sendChannelAdminInvite(`${BOB}@c.us`, mine, { comment: 7 }), 'ERR_INVALID_ARGUMENT', /options\.comment/);
    await rejectsWithCode(client.sendChannelAdminInvite(`${BOB}@c.us`, mine, { comment: 'x'.repeat(1025) }), 'ERR_INVALID_ARGUMENT', /options\.comment/);
    await rejectsWithCode(client.sendChannelAdminInvite(`${BOB}@c.us`, mine, 'comment'), 'ERR_INVALID_ARGUMENT', /options/);
    await rejectsWithCode(client.transferChannelOwnership('1@c.us', `${BOB}@c.us`), 'ERR_INVALID_CHAT_ID', /channelId/);
    await rejectsWithCode(client.transferChannelOwnership(mine, `${BOB}@c.us`, { shouldDismissSelfAsAdmin: 'yes' }), 'ERR_INVALID_ARGUMENT', /shouldDismissSelfAsAdmin/);
    await rejectsWithCode(channel.setProfilePicture(null), 'ERR_INVALID_ARGUMENT', /media/);
    await rejectsWithCode(channel.setProfilePicture(new MessageMedia('video/mp4', 'AAAA', 'a.mp4')), 'ERR_INVALID_ARGUMENT', /not an image/);
    await rejectsWithCode(channel.setProfilePicture(new MessageMedia('image/png', '%%%', 'a.png')), 'ERR_INVALID_ARGUMENT', /base64/);
    // An image type whose bytes the browser cannot decode: refused in the page, before sending.
    await rejectsWithCode(channel.setProfilePicture(new MessageMedia('image/png', 'AAAAAAAA', 'a.png')), 'ERR_INVALID_ARGUMENT', /decode/);
    await rejectsWithCode(client.createChannel('Bad picture', { picture: new MessageMedia('image/png', 'AAAAAAAA', 'a.png') }), 'ERR_INVALID_ARGUMENT', /options\.picture\.data/);
    await rejectsWithCode(client.createChannel('Bad picture', { picture: 'logo.png' }), 'ERR_INVALID_ARGUMENT', /options\.picture/);
    assert.deepEqual(eventsSince(ctx.sim, since, ...EVENTS), []);
    assert.equal(JSON.stringify(await serverChannel(ctx.sim, mine)), before);
    assert.ok(!(await control(ctx.sim, 'GET', '/_sim/channels')).body.channels.some((c) => c.name === 'Bad picture'));
  });
});
