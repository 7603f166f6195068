'use strict';
// sendMessage's media kinds (whatsapp-web.js 1.34.7 option names): stickers with their metadata,
// voice notes, GIFs, view once, HD pictures and documents of every kind, each shown by what the
// contact's phone has (GET /_sim/peer/inbox; a sticker's size and metadata are read by the
// simulator from the WebP file itself). Bad input is refused with a named error and nothing sent.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('..');
const { setup, loginByQr, waitFor } = require('./helpers');
const { inbox, delivered, peerSend } = require('./account-helpers');
const { png, wav, webp1x1 } = require('./fixtures/media-kinds');

const media = (mimetype, buf, filename) => new MessageMedia(mimetype, buf.toString('base64'), filename);

describe('media kinds, one logged-in client', () => {
  let ctx;
  let client;
  before(async () => {
    ctx = await setup();
    client = ctx.client();
    await loginByQr(ctx, client);
  });
  after(() => ctx.close());

  test('sendMediaAsSticker: a picture becomes a 512×512 WebP sticker carrying its name, author and emojis', async () => {
    const to = '15557300001';
    const sent = await client.sendMessage(`${to}@c.us`, media('image/png', png(300, 100), 'red.png'), {
      sendMediaAsSticker: true,
      stickerName: 'My pack',
      stickerAuthor: 'Ann "the" Author',
      stickerCategories: ['😀', '🎉'],
    });
    assert.equal(sent.type, 'sticker');
    const [m] = await delivered(ctx.sim, to, sent);
    assert.equal(m.type, 'sticker');
    assert.equal(m.media.mimetype, 'image/webp');
    assert.equal(m.body, '', 'a sticker has no text');
    assert.deepEqual([m.sticker.width, m.sticker.height, m.sticker.animated], [512, 512, false]);
    const meta = m.sticker.metadata;
    assert.match(meta['sticker-pack-id'], /^[A-Za-z0-9]{32}$/);
    assert.deepEqual(meta, { 'sticker-pack-id': meta['sticker-pack-id'], 'sticker-pack-name': 'My pack', 'sticker-pack-publisher': 'Ann "the" Author', emojis: ['😀', '🎉'] });
    // The file itself, as the phone downloads it.
    const file = Buffer.from(await (await fetch(new URL(`/_media${sentDirectPath(ctx)}`, ctx.sim.httpUrl))).arrayBuffer());
    assert.equal(file.toString('latin1', 0, 4), 'RIFF');
    assert.equal(file.toString('latin1', 8, 16), 'WEBPVP8X');
  });

  test('sendMediaAsSticker: a WebP is sent as it is; without a name or author it has no metadata (no categories: [""])', async () => {
    const to = '15557300002';
    const webp = await client.sendMessage(`${to}@c.us`, media('image/webp', webp1x1, 's.webp'), { sendMediaAsSticker: true });
    const png10 = await client.sendMessage(`${to}@c.us`, media('image/png', png(10, 40)), { sendMediaAsSticker: true, stickerAuthor: 'Only me' });
    const [plain, authored] = await delivered(ctx.sim, to, webp, png10);
    assert.deepEqual(plain.sticker, { width: 1, height: 1, animated: false, metadata: null });
    assert.equal(plain.media.size, webp1x1.length, 'the WebP is not changed');
    assert.deepEqual([authored.sticker.width, authored.sticker.height], [512, 512]);
    assert.deepEqual(Object.keys(authored.sticker.metadata), ['sticker-pack-id', 'sticker-pack-publisher', 'emojis']);
    assert.deepEqual(authored.sticker.metadata.emojis, ['']);
  });

  test('sendAudioAsVoice: a voice note (type ptt) with its 64-level waveform; without it, audio', async () => {
    const to = '15557300003';
    const voice = await client.sendMessage(`${to}@c.us`, media('audio/wav', wav(), 'tone.wav'), { sendAudioAsVoice: true });
    assert.equal(voice.type, 'ptt');
    const plainAudio = await client.sendMessage(`${to}@c.us`, media('audio/wav', wav(), 'tone.wav'));
    const [ptt, audio] = await delivered(ctx.sim, to, voice, plainAudio);
    assert.equal(ptt.type, 'ptt');
    assert.equal(ptt.waveform.length, 64);
    assert.ok(ptt.waveform[63] > ptt.waveform[0], 'the tone gets louder');
    assert.equal(audio.type, 'audio');
    assert.equal(audio.waveform, undefined);
  });

  test('sendVideoAsGif: a video that plays as a GIF (isGif)', async () => {
    const to = '15557300004';
    const video = Buffer.from('not really an mp4, the page does not decode video');
    const gif = await client.sendMessage(`${to}@c.us`, media('video/mp4', video, 'clip.mp4'), { sendVideoAsGif: true });
    assert.equal(gif.isGif, true);
    const plainVideo = await client.sendMessage(`${to}@c.us`, media('video/mp4', video, 'clip.mp4'));
    const [asGif, plain] = await delivered(ctx.sim, to, gif, plainVideo);
    assert.deepEqual([asGif.type, asGif.isGif], ['video', true]);
    assert.deepEqual([plain.type, plain.isGif], ['video', false]);
  });

  test('isViewOnce: a picture or video to be seen once', async () => {
    const to = '15557300005';
    const sent = [
      await client.sendMessage(`${to}@c.us`, media('image/png', png(8, 8)), { isViewOnce: true, caption: 'once' }),
      await client.sendMessage(`${to}@c.us`, 'the caption', { media: media('video/mp4', Buffer.from('video')), isViewOnce: true }),
      await client.sendMessage(`${to}@c.us`, media('image/png', png(8, 8))),
    ];
    const [picture, video, plain] = await delivered(ctx.sim, to, ...sent);
    assert.deepEqual([picture.type, picture.isViewOnce, picture.body], ['image', true, 'once']);
    assert.deepEqual([video.type, video.isViewOnce, video.body], ['video', true, 'the caption']);
    assert.equal(plain.isViewOnce, false);
  });

  test('sendMediaAsHd: a large picture is sent up to 2560 pixels instead of 1600', async () => {
    const to = '15557300006';
    const big = png(3000, 1000, 0.2);
    const sent = [
      await client.sendMessage(`${to}@c.us`, media('image/png', big, 'wide.png'), { sendMediaAsHd: true }),
      await client.sendMessage(`${to}@c.us`, media('image/png', big, 'wide.png')),
      await client.sendMessage(`${to}@c.us`, media('image/png', png(400, 300)), { sendMediaAsHd: true }),
    ];
    const [hd, standard, small] = await delivered(ctx.sim, to, ...sent);
    assert.deepEqual(hd.dimensions, { width: 2560, height: 853 });
    assert.deepEqual(standard.dimensions, { width: 1600, height: 533 });
    assert.deepEqual(small.dimensions, { width: 400, height: 300 }, 'a small picture stays as it is');
    assert.equal(hd.type, 'image');
  });

  test('sendMediaAsDocument: a picture, a video and audio each go as a document', async () => {
    const to = '15557300007';
    const sent = [
      await client.sendMessage(`${to}@c.us`, media('image/png', png(8, 8), 'p.png'), { sendMediaAsDocument: true }),
      await client.sendMessage(`${to}@c.us`, media('video/mp4', Buffer.from('video'), 'v.mp4'), { sendMediaAsDocument: true, sendVideoAsGif: true }),
      await client.sendMessage(`${to}@c.us`, media('audio/wav', wav(), 'a.wav'), { sendMediaAsDocument: true, sendAudioAsVoice: true }),
    ];
    const list = await delivered(ctx.sim, to, ...sent);
    assert.deepEqual(
      list.map((m) => [m.type, m.media.mimetype, m.media.filename, m.isGif, m.waveform]),
      [
        ['document', 'image/png', 'p.png', false, undefined],
        ['document', 'video/mp4', 'v.mp4', false, undefined],
        ['document', 'audio/wav', 'a.wav', false, undefined],
      ],
    );
  });

  test("whatsapp-web.js's example.js commands !isviewonce and !sendMediaHD: a quoted picture sent back as view once, then in HD", async () => {
    const from = '15557300009';
    // The handlers as example.js (main 2dc9466, lines 268-273 and 554-559) writes them.
    const handler = async (msg) => {
      if (msg.body === '!isviewonce' && msg.hasQuotedMsg) {
        const quotedMsg = await msg.getQuotedMessage();
        if (quotedMsg.hasMedia) {
          const media = await quotedMsg.downloadMedia();
          await client.sendMessage(msg.from, media, { isViewOnce: true });
        }
      } else if (msg.body === '!sendMediaHD' && msg.hasQuotedMsg) {
        const quotedMsg = await msg.getQuotedMessage();
        if (quotedMsg.hasMedia) {
          const media = await quotedMsg.downloadMedia();
          await client.sendMessage(msg.from, media, { sendMediaAsHd: true });
        }
      }
    };
    client.on('message', handler);
    try {
      const pictureId = await peerSend(ctx.sim, { from, body: '', media: { mimetype: 'image/png', data: png(2000, 100).toString('base64'), filename: 'wide.png' } });
      await peerSend(ctx.sim, { from, body: '!isviewonce', quotedId: pictureId });
      await ctx.sim.waitFor('message-sent', (e) => e.to === `${from}@c.us`, 30000);
      const since = ctx.sim.events.length;
      await peerSend(ctx.sim, { from, body: '!sendMediaHD', quotedId: pictureId });
      await ctx.sim.waitFor('message-sent', (e) => e.to === `${from}@c.us`, 30000, { since });
      const [once, hd] = await inbox(ctx.sim, from);
      assert.deepEqual([once.type, once.isViewOnce, once.dimensions], ['image', true, { width: 1600, height: 80 }]);
      assert.deepEqual([hd.type, hd.isViewOnce, hd.dimensions], ['image', false, { width: 2000, height: 100 }]);
    } finally {
      client.off('message', handler);
    }
  });

  test('bad input is refused with a named error and nothing is sent', async () => {
    const to = '15557300008';
    const chat = `${to}@c.us`;
    const since = ctx.sim.events.length;
    const cases = [
      [media('video/hls', Buffer.from('video')), { sendMediaAsSticker: true }, /not a video type made into stickers/],
      [media('audio/ogg', Buffer.from('audio')), { sendMediaAsSticker: true }, /made from a picture/],
      [media('image/png', Buffer.from('not a png at all')), { sendMediaAsSticker: true }, /could not be read/],
      [media('image/png', png(4, 4)), { sendMediaAsSticker: 'yes' }, /options\.sendMediaAsSticker/],
      [media('image/png', png(4, 4)), { sendMediaAsSticker: true, stickerName: 5 }, /options\.stickerName/],
      [media('image/png', png(4, 4)), { sendMediaAsSticker: true, stickerCategories: '😀' }, /options\.stickerCategories/],
      [media('image/png', png(4, 4)), { sendMediaAsSticker: true, stickerCategories: [1] }, /options\.stickerCategories/],
      [media('audio/wav', wav()), { sendAudioAsVoice: 1 }, /options\.sendAudioAsVoice/],
      [media('video/mp4', Buffer.from('v')), { sendVideoAsGif: 'true' }, /options\.sendVideoAsGif/],
      [media('image/png', png(4, 4)), { isViewOnce: {} }, /options\.isViewOnce/],
      [media('image/png', png(4, 4)), { sendMediaAsHd: null, sendMediaAsDocument: 'no' }, /options\.sendMediaAsDocument/],
    ];
    for (const [content, options, message] of cases) {
      await assert.rejects(client.sendMessage(chat, content, options), (err) => {
        assert.equal(err.code, 'ERR_INVALID_ARGUMENT', `${JSON.stringify(options)}: ${err.message}`);
        assert.match(err.message, message);
        return true;
      });
    }
    assert.deepEqual(await inbox(ctx.sim, to), []);
    assert.equal(ctx.sim.events.slice(since).filter((e) => e.type === 'media-uploaded' || e.type === 'message-sent').length, 0);
  });

  test('media_uploaded: once for a message of the account with a file, with that message; never for a text', async () => {
    const to = '15557300090';
    const uploaded = [];
    const onUploaded = (message) => uploaded.push(message);
    client.on('media_uploaded', onUploaded);
    try {
      const pictureUploaded = waitFor(client, 'media_uploaded');
      const picture = await client.sendMessage(`${to}@c.us`, media('image/png', png(20, 20), 'dot.png'), { caption: 'a dot' });
      const message = await pictureUploaded;
      assert.equal(message.id._serialized, picture.id._serialized);
      assert.deepEqual([message.fromMe, message.hasMedia, message.type, message.body], [true, true, 'image', 'a dot']);
      // A text has nothing to upload: by its first ack it would have had its event.
      const textAcked = waitFor(client, 'message_ack', 20000, (m, ack) => m.body === 'just text' && ack >= 1);
      await client.sendMessage(`${to}@c.us`, 'just text');
      await textAcked;
      assert.deepEqual(uploaded.map((m) => m.id._serialized), [picture.id._serialized]);
    } finally {
      client.off('media_uploaded', onUploaded);
    }
  });
});

// The direct path of the last file uploaded, from the simulator's log.
function sentDirectPath(ctx) {
  const uploads = ctx.sim.events.filter((e) => e.type === 'media-uploaded');
  return uploads[uploads.length - 1].directPath;
}
