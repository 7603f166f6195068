'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against channels (newsletters) as channels.test.js
// tests our client: it shows the simulated page models the newsletter internals whatsapp-web.js
// uses (WAWebNewsletterCollection, NewsletterMetadataCollection, the create / metadata / subscribe
// / unsubscribe / delete / edit (pictures too) / mute / directory search / subscribers / send jobs,
// media, sticker and poll posts, the admin-invitation message, the ownership change) the way it calls them, independently of our
// client.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { MessageMedia, Poll } = require('whatsapp-web.js');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');

test('whatsapp-web.js: createChannel, getChannels, search, invite code, subscribe/unsubscribe, text, media, sticker and poll posts, fetchMessages, edit, mute, admin invitations, pictures, sending admin invitations, ownership, subscribers, delete', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);

    // Creating: the result's shape, the channel on the server and in getChannels.
    const created = await client.createChannel('Bot news', { description: 'What the bot does' });
    assert.equal(created.title, 'Bot news');
    assert.match(created.nid._serialized, /^\d+@newsletter$/);
    assert.match(created.inviteLink, /^https:\/\/whatsapp\.com\/channel\/[A-Za-z0-9]+$/);
    assert.equal(typeof created.createdAtTs, 'number');
    const id = created.nid._serialized;
    const onServer = () => sim.channels().channels.find((c) => c.id === id);
    assert.deepEqual(onServer().members, { 15550100001: 'owner' });
    const channels = await client.getChannels();
    assert.deepEqual(channels.map((c) => [c.constructor.name, c.id._serialized, c.name, c.description, c.isChannel]), [['Channel', id, 'Bot news', 'What the bot does', true]]);

    // Posting, then fetchMessages.
    const channel = channels[0];
    const sent = await channel.sendMessage('first post');
    assert.equal(sent.body, 'first post');
    assert.deepEqual(onServer().posts.map((p) => [p.body, p.from]), [['first post', '15550100001']]);
    assert.deepEqual((await channel.fetchMessages({ limit: 10 })).map((m) => m.body), ['first post']);

    // A picture with a caption and a poll: uploaded unencrypted for the channel, posted.
    const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const picturePost = await channel.sendMessage(new MessageMedia('image/png', PNG, 'dot.png'), { caption: 'a dot' });
    assert.deepEqual([picturePost.type, picturePost.hasMedia], ['image', true]);
    const pollPost = await client.sendMessage(id, new Poll('Lunch?', ['Pizza', 'Soup']));
    assert.equal(pollPost.type, 'poll_creation');
    assert.deepEqual(onServer().posts.map((p) => [p.type, p.caption ?? null, p.poll?.name ?? null]), [['chat', null, null], ['image', 'a dot', null], ['poll_creation', null, 'Lunch?']]);
    // A sticker: whatsapp-web.js makes the WebP, then uploads it unencrypted as a sticker
    // (processMediaData with forceSticker and the newsletter media type).
    const stickerPost = await channel.sendMessage(new MessageMedia('image/png', PNG, 'dot.png'), { sendMediaAsSticker: true, stickerName: 'Bot pack' });
    assert.equal(stickerPost.type, 'sticker');
    const stickerOnServer = onServer().posts.at(-1);
    assert.deepEqual([stickerOnServer.type, stickerOnServer.id, stickerOnServer.media.mimetype], ['sticker', stickerPost.id.id, 'image/webp']);
    assert.equal(Buffer.from(sim.account.media.get(stickerOnServer.media.directPath).data).toString('latin1', 8, 12), 'WEBP');

    // Editing and muting.
    assert.equal(await channel.setSubject('Bot news!'), true);
    assert.equal(await channel.setDescription('New text'), true);
    assert.equal(onServer().name, 'Bot news!');
    assert.equal(onServer().description, 'New text');
    assert.equal(await channel.mute(), true);
    assert.deepEqual(onServer().mutedBy, ['15550100001']);
    assert.equal((await client.getChatById(id)).isMuted, true);
    assert.equal(await channel.unmute(), true);
    assert.deepEqual(onServer().mutedBy, []);
    assert.equal(await client.unsubscribeFromChannel(id), false, 'the owner cannot unsubscribe');

    // Someone else's channel: found by search and by invite code, subscribed to, left.
    sim.addContacts([{ number: '15557400001', name: 'Ann' }]);
    const other = sim.addChannel({ name: 'Weather daily', description: 'Rain or shine', owner: '15557400002', subscribers: ['15557400001'], inviteCode: 'WeatherInvite0000001' });
    const found = await client.searchChannels({ searchText: 'weather' });
    assert.deepEqual(found.map((c) => [c.id._serialized, c.name]), [[other.id, 'Weather daily']]);
    assert.deepEqual(await client.searchChannels({ searchText: 'nothing like this' }), []);
    const byCode = await client.getChannelByInviteCode('WeatherInvite0000001');
    assert.equal(byCode.id._serialized, other.id);
    assert.equal(byCode.description, 'Rain or shine');
    assert.equal(await client.getChannelByInviteCode('NoSuchInvite00000000'), undefined);
    assert.equal(await client.subscribeToChannel(other.id), true);
    assert.equal(sim.channels().channels.find((c) => c.id === other.id).members['15550100001'], 'subscriber');
    sim.channelPost({ channel: other.id, body: 'sunny' });
    const weather = await client.getChatById(other.id);
    for (let i = 0; i < 50 && (await weather.fetchMessages()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual((await weather.fetchMessages()).map((m) => m.body), ['sunny']);
    assert.equal(await weather.setSubject('mine now'), false, 'a subscriber cannot edit');
    assert.equal(await client.unsubscribeFromChannel(other.id), true);
    assert.equal(sim.channels().channels.find((c) => c.id === other.id).members['15550100001'], undefined);

    // Admin invitations: accepted, then demoting oneself; one the account sent, revoked.
    const team = sim.addChannel({ name: 'Team', owner: '15557400020' });
    sim.channelInvite({ channel: team.id, invitee: '15550100001' });
    assert.equal(await client.acceptChannelAdminInvite(team.id), true);
    assert.equal(sim.channels().channels.find((c) => c.id === team.id).members['15550100001'], 'admin');
    assert.equal(await client.acceptChannelAdminInvite(team.id), false);
    assert.equal(await client.demoteChannelAdmin(team.id, '15550100001@c.us'), true);
    assert.equal(sim.channels().channels.find((c) => c.id === team.id).members['15550100001'], 'subscriber');
    sim.channelInvite({ channel: id, invitee: '15557400021' });
    assert.equal(await client.revokeChannelAdminInvite(id, '15557400021@c.us'), true);
    assert.deepEqual(onServer().adminInvites, []);

    // A picture: cut square, drawn at 640 px, a JPEG the server keeps; createChannel with one.
    const png = new MessageMedia('image/png', 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAAMMM/8EAAEHSCPiKFD1eAAAAAElFTkSuQmCC', 'logo.png');
    assert.equal(await channel.setProfilePicture(png), true);
    assert.equal(onServer().picture.mimetype, 'image/jpeg');
    const pictured = await client.createChannel('Pictured', { picture: png });
    assert.equal(sim.channels().channels.find((c) => c.id === pictured.nid._serialized).picture.mimetype, 'image/jpeg');
    assert.equal(await client.deleteChannel(pictured.nid._serialized), true);

    // Inviting an admin: the invitation message in the contact's chat (with the channel's
    // thumbnail), the invitation kept; the contact accepts on its phone.
    assert.equal(await client.sendChannelAdminInvite('15557400001@c.us', id, { comment: 'Help me run it' }), true);
    assert.deepEqual(onServer().adminInvites, ['15557400001']);
    const invitation = sim.peer.inbox('15557400001').messages.find((m) => m.type === 'newsletter_admin_invite');
    assert.deepEqual([invitation.body, invitation.newsletterInvite], ['Help me run it', { channelId: id, channelName: 'Bot news!' }]);
    assert.equal(await client.sendChannelAdminInvite('15557400001@g.us', id), false, 'not a person');
    sim.channelAccept({ channel: id, invitee: '15557400001' });
    assert.equal(onServer().members['15557400001'], 'admin');

    // Handing a channel over: only to an admin; shouldDismissSelfAsAdmin makes the account a subscriber.
    const handed = sim.addChannel({ name: 'Handed over', owner: '15550100001', admins: ['15557400001'], subscribers: ['15557400002'] });
    for (let i = 0; i < 50 && !(await client.getChannels()).some((c) => c.id._serialized === handed.id); i += 1) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await client.transferChannelOwnership(handed.id, '15557400002@c.us'), false, 'a subscriber cannot own it');
    assert.equal(await client.transferChannelOwnership(handed.id, '15557400001@c.us', { shouldDismissSelfAsAdmin: true }), true);
    assert.deepEqual(sim.channels().channels.find((c) => c.id === handed.id).members, { 15550100001: 'subscriber', 15557400001: 'owner', 15557400002: 'subscriber' });

    // Subscribers (the owner's view; only those in the address book).
    // Ann, in the address book, is now an admin; the owner itself is not listed (not a saved contact).
    assert.deepEqual((await channel.getSubscribers()).map((s) => [s.contact.id._serialized, s.role]), [['15557400001@c.us', 'admin']]);

    // Deleting.
    assert.equal(await channel.deleteChannel(), true);
    assert.equal(onServer(), undefined);
    assert.deepEqual((await client.getChannels()).map((c) => c.name).sort(), ['Handed over', 'Team'], 'only the channels it still follows');
});
