'use strict';
// Channels (newsletters): createChannel, getChannels, getChatById / getChannelByInviteCode with a
// channel, searchChannels, subscribeToChannel / unsubscribeFromChannel, deleteChannel, and
// Channel's sendMessage, fetchMessages, setSubject, setDescription, setReactionSetting, mute /
// unmute, sendSeen, getSubscribers, each shown by its effect on the simulator's server
// (GET /_sim/channels and its log). Bad input is rejected with a named error and nothing reaches
// the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { Channel, Location } = require('..');
const { control, peerSendAndReceive, sharedClient, rejectsWithCode, eventsSince, until } = require('./account-helpers');

const ME = '15550100001';
const CHANNEL_EVENTS = ['channel-admin-accepted', 'channel-admin-demoted', 'channel-admin-invite-revoked', 'channel-created', 'channel-subscribed', 'channel-unsubscribed', 'channel-deleted', 'channel-edited', 'channel-muted', 'channel-post', 'chat-seen'];

const serverChannels = async (sim) => {
  const res = await control(sim, 'GET', '/_sim/channels');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.channels;
};
const serverChannel = async (sim, id) => (await serverChannels(sim)).find((c) => c.id === id);
const addChannel = async (sim, body) => {
  const res = await control(sim, 'POST', '/_sim/channels', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};


describe('channels on one logged-in client', () => {
  const shared = sharedClient();
  let mine;

  test('createChannel: whatsapp-web.js result, the channel on the server as its owner, and in getChannels() as a Channel', async () => {
    const { ctx, client } = shared;
    assert.deepEqual(await client.getChannels(), []);
    const created = await client.createChannel('Bot news', { description: 'What the bot does' });
    assert.equal(created.title, 'Bot news');
    assert.equal(created.nid.server, 'newsletter');
    assert.match(created.nid._serialized, /^\d+@newsletter$/);
    assert.equal(created.nid._serialized, `${created.nid.user}@newsletter`);
    assert.equal(typeof created.createdAtTs, 'number');
    mine = created.nid._serialized;
    const onServer = await serverChannel(ctx.sim, mine);
    assert.deepEqual(onServer.members, { [ME]: 'owner' });
    assert.equal(created.inviteLink, onServer.inviteLink);
    assert.equal(onServer.description, 'What the bot does');
    const channels = await client.getChannels();
    assert.equal(channels.length, 1);
    const [channel] = channels;
    assert.ok(channel instanceof Channel);
    assert.deepEqual(
      { id: channel.id._serialized, name: channel.name, description: channel.description, isChannel: channel.isChannel, isGroup: channel.isGroup, isReadOnly: channel.isReadOnly, isMuted: channel.isMuted },
      { id: mine, name: 'Bot news', description: 'What the bot does', isChannel: true, isGroup: false, isReadOnly: false, isMuted: false },
    );
    assert.equal(channel.channelMetadata.membershipType, 'owner');
    assert.equal(channel.channelMetadata.createdAtTs, created.createdAtTs);
    const byId = await client.getChatById(mine);
    assert.ok(byId instanceof Channel);
    assert.equal(byId.name, 'Bot news');
  });

  test('Channel.sendMessage and client.sendMessage post in the channel; fetchMessages reads the posts', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    const first = await channel.sendMessage('first post');
    assert.equal(first.body, 'first post');
    assert.equal(first.fromMe, true);
    assert.equal(first.id.remote, mine);
    const second = await client.sendMessage(mine, 'second post');
    assert.equal(second.body, 'second post');
    const posts = (await serverChannel(ctx.sim, mine)).posts;
    assert.deepEqual(posts.map((p) => [p.body, p.from, p.id]), [['first post', ME, first.id.id], ['second post', ME, second.id.id]]);
    assert.deepEqual((await channel.fetchMessages()).map((m) => m.body), ['first post', 'second post']);
    assert.deepEqual((await channel.fetchMessages({ limit: 1 })).map((m) => m.body), ['second post']);
    assert.deepEqual(await channel.fetchMessages({ fromMe: false }), []);
  });

  test('setSubject, setDescription, setReactionSetting, mute and unmute change the channel on the server', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    assert.equal(await channel.setSubject('Bot news!'), true);
    assert.equal(channel.name, 'Bot news!');
    assert.equal(await channel.setDescription('New text'), true);
    assert.equal(channel.description, 'New text');
    assert.equal(await channel.setReactionSetting(0), true);
    let onServer = await serverChannel(ctx.sim, mine);
    assert.deepEqual([onServer.name, onServer.description, onServer.reactionCodesSetting], ['Bot news!', 'New text', 3]);
    assert.equal(await channel.mute(), true);
    assert.deepEqual([channel.isMuted, channel.muteExpiration], [true, -1]);
    assert.deepEqual((await serverChannel(ctx.sim, mine)).mutedBy, [ME]);
    const reread = await client.getChatById(mine);
    assert.deepEqual([reread.isMuted, reread.muteExpiration, reread.name], [true, -1, 'Bot news!']);
    assert.equal(await channel.unmute(), true);
    onServer = await serverChannel(ctx.sim, mine);
    assert.deepEqual(onServer.mutedBy, []);
    assert.equal((await client.getChatById(mine)).isMuted, false);
    const since = ctx.sim.events.length;
    assert.equal(await channel.sendSeen(), true);
    assert.ok(eventsSince(ctx.sim, since, 'chat-seen').some((e) => e.chat === mine));
  });

  test("someone else's channel: searchChannels, getChannelByInviteCode, subscribe, a post arriving, unsubscribe", async () => {
    const { ctx, client } = shared;
    const other = await addChannel(ctx.sim, { name: 'Weather daily', description: 'Rain or shine', owner: '15557400002', inviteCode: 'WeatherInvite0000001' });
    await addChannel(ctx.sim, { name: 'Weather in France', owner: '15557400003', country: 'FR' });
    const found = await client.searchChannels({ searchText: ' weather ' });
    assert.deepEqual(found.map((c) => [c.id._serialized, c.name, c.isReadOnly]), [[other.id, 'Weather daily', true]]);
    assert.ok(found[0] instanceof Channel);
    assert.deepEqual((await client.searchChannels({ searchText: 'weather', countryCodes: ['FR'] })).map((c) => c.name), ['Weather in France']);
    assert.deepEqual((await client.searchChannels({ searchText: 'weather', countryCodes: ['US', 'FR'], limit: 1 })).length, 1);
    assert.deepEqual(await client.searchChannels({ searchText: 'nothing like this' }), []);
    const byCode = await client.getChannelByInviteCode('WeatherInvite0000001');
    assert.ok(byCode instanceof Channel);
    assert.deepEqual([byCode.id._serialized, byCode.description, byCode.channelMetadata.membershipType], [other.id, 'Rain or shine', 'guest']);
    assert.equal(await client.getChannelByInviteCode('NoSuchInvite00000000'), undefined);
    assert.equal(await client.getChatById('120363999999999999@newsletter'), undefined);

    assert.equal(await client.subscribeToChannel(other.id), true);
    assert.equal((await serverChannel(ctx.sim, other.id)).members[ME], 'subscriber');
    await until(async () => (await client.getChannels()).map((c) => c.id._serialized).sort(), (ids) => ids.includes(other.id), 'the followed channel in getChannels');
    const post = await control(ctx.sim, 'POST', '/_sim/channels/post', { channel: other.id, body: 'sunny' });
    assert.equal(post.status, 200, JSON.stringify(post.body));
    const weather = await client.getChatById(other.id);
    const arrived = await until(() => weather.fetchMessages(), (list) => list.length === 1, 'the post on the page');
    assert.deepEqual(arrived.map((m) => [m.body, m.fromMe]), [['sunny', false]]);

    // A follower cannot post or edit: refused, nothing reaches the server's posts.
    const since = ctx.sim.events.length;
    await rejectsWithCode(weather.sendMessage('mine now'), 'ERR_INVALID_CHAT_ID', /owner and admins/);
    assert.equal(await weather.setSubject('mine now'), false);
    assert.deepEqual(eventsSince(ctx.sim, since, 'channel-post', 'channel-edited'), []);
    assert.equal((await serverChannel(ctx.sim, other.id)).name, 'Weather daily');

    assert.equal(await client.unsubscribeFromChannel(other.id), true);
    assert.equal((await serverChannel(ctx.sim, other.id)).members[ME], undefined);
    assert.deepEqual((await client.getChannels()).map((c) => c.id._serialized), [mine]);
    // The owner cannot unsubscribe (whatsapp-web.js answers false without asking).
    assert.equal(await client.unsubscribeFromChannel(mine), false);
    assert.equal((await serverChannel(ctx.sim, mine)).members[ME], 'owner');
  });

  test('getSubscribers: the subscribers in the address book, with their roles', async () => {
    const { ctx, client } = shared;
    ctx.sim.addContacts([{ number: '15557400011', name: 'Ann' }]);
    await peerSendAndReceive(ctx.sim, client, { from: '15557400011', body: 'hi' });
    const run = await addChannel(ctx.sim, { name: 'Run club', owner: ME, subscribers: ['15557400011', '15557400012'] });
    const channel = await until(() => client.getChatById(run.id), (c) => c && c.channelMetadata.membershipType === 'owner', 'the account owning Run club');
    const subscribers = await channel.getSubscribers();
    assert.deepEqual(subscribers.map((s) => [s.contact.id._serialized, s.contact.name, s.role]), [['15557400011@c.us', 'Ann', 'subscriber']]);
  });

  test('admin invitations: accepting one (then posting), demoting oneself, revoking one sent, demoting an admin', async () => {
    const { ctx, client } = shared;
    const team = await addChannel(ctx.sim, { name: 'Team', owner: '15557400020' });
    const invited = await control(ctx.sim, 'POST', '/_sim/channels/invite', { channel: team.id, invitee: ME });
    assert.equal(invited.status, 200, JSON.stringify(invited.body));
    assert.equal(await client.acceptChannelAdminInvite(team.id), true);
    let onServer = await serverChannel(ctx.sim, team.id);
    assert.deepEqual([onServer.members[ME], onServer.adminInvites], ['admin', []]);
    const channel = await until(() => client.getChatById(team.id), (c) => c && !c.isReadOnly, 'the account an admin on its page');
    assert.equal(channel.channelMetadata.membershipType, 'admin');
    await channel.sendMessage('from a new admin');
    assert.deepEqual((await serverChannel(ctx.sim, team.id)).posts.map((p) => [p.body, p.from]), [['from a new admin', ME]]);
    assert.equal(await client.acceptChannelAdminInvite(team.id), false, 'no invitation left');
    assert.equal(await channel.demoteChannelAdmin(`${ME}@c.us`), true);
    assert.equal((await serverChannel(ctx.sim, team.id)).members[ME], 'subscriber');

    const own = await addChannel(ctx.sim, { name: 'Own', owner: ME, admins: ['15557400022'] });
    const asked = await control(ctx.sim, 'POST', '/_sim/channels/invite', { channel: own.id, invitee: '15557400021' });
    assert.deepEqual(asked.body.adminInvites, ['15557400021']);
    const mineToo = await until(() => client.getChatById(own.id), (c) => c && c.channelMetadata.membershipType === 'owner', 'the account owning Own');
    assert.equal(await mineToo.revokeChannelAdminInvite('15557400021@c.us'), true);
    assert.deepEqual((await serverChannel(ctx.sim, own.id)).adminInvites, []);
    assert.equal(await client.revokeChannelAdminInvite(own.id, '15557400021@c.us'), false, 'nothing left to revoke');
    assert.equal(await client.demoteChannelAdmin(own.id, '15557400022@c.us'), true);
    onServer = await serverChannel(ctx.sim, own.id);
    assert.deepEqual(onServer.members, { [ME]: 'owner', 15557400022: 'subscriber' });
    assert.equal(await client.demoteChannelAdmin(team.id, '15557400020@c.us'), false, 'a subscriber cannot demote the owner');
  });

  test('deleteChannel: gone from the server and from getChannels(); a channel the account does not own is false', async () => {
    const { ctx, client } = shared;
    const other = await addChannel(ctx.sim, { name: 'Not mine', owner: '15557400004' });
    assert.equal(await client.deleteChannel(other.id), false);
    assert.ok(await serverChannel(ctx.sim, other.id));
    const channel = await client.getChatById(mine);
    assert.equal(await channel.deleteChannel(), true);
    assert.equal(await serverChannel(ctx.sim, mine), undefined);
    assert.ok(!(await client.getChannels()).some((c) => c.id._serialized === mine));
    assert.equal(await client.deleteChannel(mine), false);
  });

  test('bad input: named errors, nothing sent', async () => {
    const { ctx, client } = shared;
    const since = ctx.sim.events.length;
    const before = JSON.stringify(await serverChannels(ctx.sim));
    await rejectsWithCode(client.createChannel(''), 'ERR_INVALID_ARGUMENT', /title/);
    await rejectsWithCode(client.createChannel(42), 'ERR_INVALID_ARGUMENT', /title/);
    await rejectsWithCode(client.createChannel('x'.repeat(101)), 'ERR_INVALID_ARGUMENT', /title/);
    await rejectsWithCode(client.createChannel('ok', { description: 5 }), 'ERR_INVALID_ARGUMENT', /description/);
    await rejectsWithCode(client.createChannel('ok', { picture: { mimetype: 'text/plain', data: 'AA==' } }), 'ERR_INVALID_ARGUMENT', /options\.picture/);
    for (const bad of ['15551234567@c.us', 'abc@newsletter', '', null, 5]) {
      await rejectsWithCode(client.deleteChannel(bad), 'ERR_INVALID_CHAT_ID');
      await rejectsWithCode(client.subscribeToChannel(bad), 'ERR_INVALID_CHAT_ID');
    }
    await rejectsWithCode(client.unsubscribeFromChannel('1@newsletter', { deleteLocalModels: 'yes' }), 'ERR_INVALID_ARGUMENT', /deleteLocalModels/);
    await rejectsWithCode(client.getChannelByInviteCode('https://whatsapp.com/channel/abc'), 'ERR_INVALID_ARGUMENT', /whole link/);
    await rejectsWithCode(client.getChannelByInviteCode(''), 'ERR_INVALID_ARGUMENT', /inviteCode/);
    await rejectsWithCode(client.searchChannels({ view: 7 }), 'ERR_INVALID_ARGUMENT', /view/);
    await rejectsWithCode(client.searchChannels({ limit: 0 }), 'ERR_INVALID_ARGUMENT', /limit/);
    await rejectsWithCode(client.searchChannels({ countryCodes: ['usa'] }), 'ERR_INVALID_ARGUMENT', /countryCodes/);
    await rejectsWithCode(client.searchChannels({ searchText: 3 }), 'ERR_INVALID_ARGUMENT', /searchText/);
    const someone = (await serverChannels(ctx.sim))[0].id;
    await rejectsWithCode(client.sendMessage(someone, ''), 'ERR_INVALID_ARGUMENT', /content/);
    await rejectsWithCode(client.sendMessage(someone, { mimetype: 'text/plain', data: 'AA==' }), 'ERR_INVALID_ARGUMENT', /picture, a video or audio/);
    const channel = await client.getChatById(someone);
    await rejectsWithCode(channel.setSubject(''), 'ERR_INVALID_ARGUMENT', /newSubject/);
    await rejectsWithCode(channel.setDescription(null), 'ERR_INVALID_ARGUMENT', /newDescription/);
    await rejectsWithCode(channel.setReactionSetting(5), 'ERR_INVALID_ARGUMENT', /reactionCode/);
    await rejectsWithCode(channel.fetchMessages({ limit: 'all' }), 'ERR_INVALID_ARGUMENT', /limit/);
    await rejectsWithCode(channel.getSubscribers(-1), 'ERR_INVALID_ARGUMENT', /limit/);
    await rejectsWithCode(channel.setProfilePicture({}), 'ERR_INVALID_ARGUMENT', /media/);
    await rejectsWithCode(client.sendChannelAdminInvite('1@g.us', someone), 'ERR_INVALID_CHAT_ID');
    await rejectsWithCode(client.acceptChannelAdminInvite('nope'), 'ERR_INVALID_CHAT_ID');
    await rejectsWithCode(client.revokeChannelAdminInvite(someone, 'bob'), 'ERR_INVALID_CHAT_ID');
    await rejectsWithCode(channel.demoteChannelAdmin('1@g.us'), 'ERR_INVALID_CHAT_ID');
    await rejectsWithCode(channel.transferChannelOwnership('someone'), 'ERR_INVALID_CHAT_ID');
    // Kinds whatsapp-web.js does not send in channels: its warning and null, nothing sent.
    const warn = console.warn;
    const warned = [];
    console.warn = (text) => warned.push(text);
    try {
      assert.equal(await client.sendMessage(someone, new Location(1, 2)), null);
      assert.equal(await client.sendMessage(someone, 'quoted', { quotedMessageId: 'false_1@c.us_ABC' }), null);
    } finally {
      console.warn = warn;
    }
    assert.equal(warned.length, 2);
    assert.match(warned[0], /not supported for sending in channels/);
    assert.deepEqual(eventsSince(ctx.sim, since, ...CHANNEL_EVENTS), []);
    assert.equal(JSON.stringify(await serverChannels(ctx.sim)), before);
  });
});
