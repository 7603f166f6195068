'use strict';
// Media and poll posts in a channel (newsletter): channel.sendMessage / client.sendMessage with a
// MessageMedia (picture, video as a GIF, audio) or a Poll, as whatsapp-web.js posts them (the file
// uploaded unencrypted for the channel), each shown by the post the simulator's server keeps
// (GET /_sim/channels) and the file it holds. Bad input is rejected with a named error and
// nothing is uploaded or posted.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia, Poll } = require('..');
const { control, sharedClient, rejectsWithCode, eventsSince } = require('./account-helpers');

const ME = '15550100001';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const BYTES = Buffer.from('not really a video, but the simulator only reads the type').toString('base64');

const serverChannel = async (sim, id) => {
  const res = await control(sim, 'GET', '/_sim/channels');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.channels.find((c) => c.id === id);
};

describe('media and poll posts in a channel, one logged-in client', () => {
  const shared = sharedClient();
  let mine;

  test('a picture with a caption, a video as a GIF and audio: posts with their files on the server', async () => {
    const { ctx, client } = shared;
    mine = (await client.createChannel('Pictures')).nid._serialized;
    const channel = await client.getChatById(mine);
    const picture = await channel.sendMessage(new MessageMedia('image/png', PNG, 'dot.png'), { caption: 'a dot' });
    assert.deepEqual([picture.type, picture.hasMedia, picture.fromMe, picture.id.remote], ['image', true, true, mine]);
    const gif = await client.sendMessage(mine, 'it moves', { media: new MessageMedia('video/mp4', BYTES, 'clip.mp4'), sendVideoAsGif: true });
    assert.equal(gif.type, 'video');
    assert.equal(gif.isGif, true);
    const audio = await channel.sendMessage(new MessageMedia('audio/mpeg', BYTES, 'song.mp3'));
    assert.equal(audio.type, 'audio');

    const { posts } = await serverChannel(ctx.sim, mine);
    assert.deepEqual(
      posts.map((p) => [p.type, p.caption, p.from, p.id, p.media.mimetype, p.media.isGif]),
      [
        ['image', 'a dot', ME, picture.id.id, 'image/png', false],
        ['video', 'it moves', ME, gif.id.id, 'video/mp4', true],
        ['audio', '', ME, audio.id.id, 'audio/mpeg', false],
      ],
    );
    // The files the server keeps: the bytes sent (audio and video as they are).
    assert.equal(Buffer.from(ctx.sim.account.media.get(posts[2].media.directPath).data).toString('base64'), BYTES);
    assert.deepEqual((await channel.fetchMessages()).map((m) => [m.type, m.hasMedia]), [['image', true], ['video', true], ['audio', true]]);
  });

  test('a poll: its name, options and single or multiple choice on the server', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    const poll = await channel.sendMessage(new Poll('Lunch?', ['Pizza', 'Soup']));
    assert.equal(poll.type, 'poll_creation');
    assert.deepEqual([poll.pollName, poll.pollOptions.map((o) => o.name)], ['Lunch?', ['Pizza', 'Soup']]);
    await client.sendMessage(mine, new Poll('Which days?', ['Mon', 'Tue', 'Wed'], { allowMultipleAnswers: true }));
    const polls = (await serverChannel(ctx.sim, mine)).posts.filter((p) => p.type === 'poll_creation');
    assert.deepEqual(polls.map((p) => p.poll), [
      { name: 'Lunch?', options: ['Pizza', 'Soup'], selectableCount: 1 },
      { name: 'Which days?', options: ['Mon', 'Tue', 'Wed'], selectableCount: 0 },
    ]);
  });

  test('bad input: named errors, nothing uploaded or posted', async () => {
    const { ctx, client } = shared;
    const theirs = (await control(ctx.sim, 'POST', '/_sim/channels', { name: 'Followed', owner: '15557600001', subscribers: [ME] })).body.id;
    const before = JSON.stringify((await control(ctx.sim, 'GET', '/_sim/channels')).body);
    const since = ctx.sim.events.length;
    const png = new MessageMedia('image/png', PNG, 'dot.png');
    await rejectsWithCode(client.sendMessage(mine, new MessageMedia('application/pdf', BYTES, 'a.pdf')), 'ERR_INVALID_ARGUMENT', /picture, a video or audio/);
    await rejectsWithCode(client.sendMessage(mine, png, { sendMediaAsSticker: true }), 'ERR_NOT_SUPPORTED', /stickers/);
    await rejectsWithCode(client.sendMessage(mine, png, { caption: 5 }), 'ERR_INVALID_ARGUMENT', /caption/);
    await rejectsWithCode(client.sendMessage(mine, { mimetype: 'image/png', data: '%%%' }), 'ERR_INVALID_ARGUMENT', /content\.data/);
    await rejectsWithCode(client.sendMessage(mine, new Poll('One?', ['only'])), 'ERR_INVALID_ARGUMENT', /pollOptions/);
    await rejectsWithCode(client.sendMessage(mine, new Poll('', ['a', 'b'])), 'ERR_INVALID_ARGUMENT', /pollName/);
    await rejectsWithCode(client.sendMessage(mine, 42), 'ERR_INVALID_ARGUMENT', /content/);
    // A channel the account only follows: refused before anything is uploaded.
    await rejectsWithCode(client.sendMessage(theirs, png), 'ERR_INVALID_CHAT_ID', /owner and admins/);
    await rejectsWithCode(client.sendMessage(theirs, new Poll('Mine?', ['yes', 'no'])), 'ERR_INVALID_CHAT_ID', /owner and admins/);
    assert.deepEqual(eventsSince(ctx.sim, since, 'channel-post', 'media-uploaded'), []);
    assert.equal(JSON.stringify((await control(ctx.sim, 'GET', '/_sim/channels')).body), before);
  });
});
