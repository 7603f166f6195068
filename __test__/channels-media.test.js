'use strict';
// Media and poll posts in a channel (newsletter): channel.sendMessage / client.sendMessage with a
// MessageMedia (picture, video as a GIF, audio, a sticker made of a picture) or a Poll, as
// whatsapp-web.js posts them (the file uploaded unencrypted for the channel), each shown by the
// post the simulator's server keeps (GET /_sim/channels) and the file it holds. What
// whatsapp-web.js does not send in channels is its warning and null; bad input is rejected with a
// named error; either way nothing is uploaded or posted.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia, Poll, Location, Buttons, List } = require('..');
const { control, sharedClient, rejectsWithCode, eventsSince } = require('./account-helpers');
const { png } = require('./fixtures/media-kinds');
const { readWebp } = require('../simulator/account-media-kinds');

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

  test('a sticker (sendMediaAsSticker): a sticker post whose file is the WebP made of the picture, with its name and author', async () => {
    const { ctx, client } = shared;
    const channel = await client.getChatById(mine);
    const before = (await serverChannel(ctx.sim, mine)).posts.length;
    const sent = await channel.sendMessage(new MessageMedia('image/png', png(300, 100).toString('base64'), 'red.png'), {
      sendMediaAsSticker: true,
      stickerName: 'Channel pack',
      stickerAuthor: 'Pictures',
      stickerCategories: ['🎉'],
    });
    assert.deepEqual([sent.type, sent.hasMedia, sent.fromMe, sent.id.remote], ['sticker', true, true, mine]);
    const posts = (await serverChannel(ctx.sim, mine)).posts.slice(before);
    assert.deepEqual(posts.map((p) => [p.type, p.id, p.from, p.caption, p.media.mimetype]), [['sticker', sent.id.id, ME, '', 'image/webp']]);
    const file = Buffer.from(ctx.sim.account.media.get(posts[0].media.directPath).data);
    const webp = readWebp(file);
    assert.deepEqual([webp.width, webp.height, webp.animated], [512, 512, false]);
    const meta = webp.metadata;
    assert.deepEqual(meta, { 'sticker-pack-id': meta['sticker-pack-id'], 'sticker-pack-name': 'Channel pack', 'sticker-pack-publisher': 'Pictures', emojis: ['🎉'] });
    // A WebP is posted as it is; the channel's messages show the sticker.
    const again = await client.sendMessage(mine, new MessageMedia('image/webp', file.toString('base64'), 's.webp'), { sendMediaAsSticker: true });
    const [second] = (await serverChannel(ctx.sim, mine)).posts.filter((p) => p.id === again.id.id);
    assert.ok(Buffer.from(ctx.sim.account.media.get(second.media.directPath).data).equals(file));
    assert.deepEqual((await channel.fetchMessages()).slice(-2).map((m) => [m.type, m.hasMedia]), [['sticker', true], ['sticker', true]]);
  });

  test('what whatsapp-web.js does not send in channels (documents, quotes, vCards, view once, locations, contacts, buttons, lists): its warning, null, nothing sent', async () => {
    const { ctx, client } = shared;
    const before = JSON.stringify(await serverChannel(ctx.sim, mine));
    const since = ctx.sim.events.length;
    const picture = new MessageMedia('image/png', PNG, 'dot.png');
    const contact = await client.getContactById('15557654321@c.us');
    const sends = [
      () => client.sendMessage(mine, picture, { sendMediaAsDocument: true }),
      () => client.sendMessage(mine, new MessageMedia('application/pdf', BYTES, 'a.pdf'), { sendMediaAsDocument: true }),
      () => client.sendMessage(mine, 'a reply', { quotedMessageId: 'true_120363000000000001@newsletter_ABCDEF' }),
      () => client.sendMessage(mine, 'BEGIN:VCARD', { parseVCards: true }),
      () => client.sendMessage(mine, picture, { isViewOnce: true }),
      () => client.sendMessage(mine, new Location(52.5, 13.4, { name: 'Berlin' })),
      () => client.sendMessage(mine, contact),
      () => client.sendMessage(mine, [contact]),
      () => client.sendMessage(mine, new Buttons('pick', [{ body: 'a' }])),
      () => client.sendMessage(mine, new List('pick', 'open', [{ title: 's', rows: [{ title: 'r' }] }])),
      async () => (await client.getChatById(mine)).sendMessage(picture, { sendMediaAsDocument: true }),
    ];
    const warned = [];
    const warn = console.warn;
    console.warn = (...args) => warned.push(args);
    const answers = [];
    try {
      for (const send of sends) answers.push(await send());
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(answers, sends.map(() => null));
    const text = 'The message type is currently not supported for sending in channels,\nthe supported message types are: text, image, sticker, gif, video, voice and poll.';
    assert.deepEqual(warned, sends.map(() => [text]));
    assert.deepEqual(eventsSince(ctx.sim, since, 'channel-post', 'media-uploaded'), []);
    assert.equal(JSON.stringify(await serverChannel(ctx.sim, mine)), before);
  });

  test('bad input: named errors, nothing uploaded or posted', async () => {
    const { ctx, client } = shared;
    const theirs = (await control(ctx.sim, 'POST', '/_sim/channels', { name: 'Followed', owner: '15557600001', subscribers: [ME] })).body.id;
    const before = JSON.stringify((await control(ctx.sim, 'GET', '/_sim/channels')).body);
    const since = ctx.sim.events.length;
    const dot = new MessageMedia('image/png', PNG, 'dot.png');
    // A document without sendMediaAsDocument: whatsapp-web.js would upload and post it as channel
    // media, which channels do not take (its own list has no documents); refused here.
    await rejectsWithCode(client.sendMessage(mine, new MessageMedia('application/pdf', BYTES, 'a.pdf')), 'ERR_INVALID_ARGUMENT', /picture, a video or audio/);
    await rejectsWithCode(client.sendMessage(mine, new MessageMedia('audio/mpeg', BYTES, 'a.mp3'), { sendMediaAsSticker: true }), 'ERR_INVALID_ARGUMENT', /sticker is made from a picture or a video/);
    await rejectsWithCode(client.sendMessage(mine, new MessageMedia('image/png', BYTES, 'broken.png'), { sendMediaAsSticker: true }), 'ERR_INVALID_ARGUMENT', /picture could not be read/);
    await rejectsWithCode(client.sendMessage(mine, dot, { sendMediaAsSticker: true, stickerName: 7 }), 'ERR_INVALID_ARGUMENT', /stickerName/);
    await rejectsWithCode(client.sendMessage(mine, dot, { caption: 5 }), 'ERR_INVALID_ARGUMENT', /caption/);
    await rejectsWithCode(client.sendMessage(mine, { mimetype: 'image/png', data: '%%%' }), 'ERR_INVALID_ARGUMENT', /content\.data/);
    await rejectsWithCode(client.sendMessage(mine, new Poll('One?', ['only'])), 'ERR_INVALID_ARGUMENT', /pollOptions/);
    await rejectsWithCode(client.sendMessage(mine, new Poll('', ['a', 'b'])), 'ERR_INVALID_ARGUMENT', /pollName/);
    await rejectsWithCode(client.sendMessage(mine, 42), 'ERR_INVALID_ARGUMENT', /content/);
    // A channel the account only follows: refused before anything is uploaded.
    await rejectsWithCode(client.sendMessage(theirs, dot), 'ERR_INVALID_CHAT_ID', /owner and admins/);
    await rejectsWithCode(client.sendMessage(theirs, new Poll('Mine?', ['yes', 'no'])), 'ERR_INVALID_CHAT_ID', /owner and admins/);
    assert.deepEqual(eventsSince(ctx.sim, since, 'channel-post', 'media-uploaded'), []);
    assert.equal(JSON.stringify((await control(ctx.sim, 'GET', '/_sim/channels')).body), before);
  });
});
