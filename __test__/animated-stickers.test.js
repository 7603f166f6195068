'use strict';
// Animated stickers from video (sendMediaAsSticker with a video/* MessageMedia), made with ffmpeg
// as whatsapp-web.js 1.34.7 makes them (Util.formatVideoToWebpSticker): what the contact's phone
// finds (GET /_sim/peer/inbox; the simulator reads the WebP file itself), the named errors when
// ffmpeg is missing or cannot read the video (nothing sent, no temporary files left), and sticker
// conversion running off Node's thread (the event loop keeps ticking while a large photo converts).
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { MessageMedia } = require('..');
const { TEST_ROOT } = require('./helpers');
const { inbox, delivered, sharedClient } = require('./account-helpers');

const media = (mimetype, buf, filename) => new MessageMedia(mimetype, buf.toString('base64'), filename);

// Test files made by ffmpeg now: a 1.5 s 320×240 test pattern as mp4, and a 12 MP photo-like JPEG.
const WORK = fs.mkdtempSync(path.join(TEST_ROOT, 'anim-'));
function ffmpeg(args, out) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, out]);
  return fs.readFileSync(out);
}
const mp4 = () => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=duration=1.5:size=320x240:rate=25', '-pix_fmt', 'yuv420p'], path.join(WORK, 'clip.mp4'));
const bigJpeg = () => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=4000x3000', '-frames:v', '1', '-q:v', '3'], path.join(WORK, 'big.jpg'));

// The sticker folders this process's conversions make (src/sticker_video.rs), left over.
function stickerTempDirs() {
  const root = path.join(TEST_ROOT, `whatsapp-web-rs-${process.pid}`);
  return fs.existsSync(root) ? fs.readdirSync(root).filter((n) => n.startsWith('sticker-')) : [];
}

// The RIFF chunks of a WebP file: [{ tag, body }].
function chunks(file) {
  const out = [];
  for (let at = 12; at + 8 <= file.length; ) {
    const size = file.readUInt32LE(at + 4);
    out.push({ tag: file.toString('latin1', at, at + 4), body: file.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size % 2);
  }
  return out;
}

const sentFiles = (sim, since) => sim.events.slice(since).filter((e) => e.type === 'media-uploaded' || e.type === 'message-sent');

describe('animated stickers, one logged-in client (ffmpeg on the PATH)', () => {
  const shared = sharedClient();

  test('sendMediaAsSticker with an mp4: an animated 512×512 WebP carrying its name, author and emojis', async () => {
    const { ctx, client } = shared;
    const to = '15557400001';
    const sent = await client.sendMessage(`${to}@c.us`, media('video/mp4', mp4(), 'clip.mp4'), {
      sendMediaAsSticker: true,
      stickerName: 'Moving pack',
      stickerAuthor: 'Ann',
      stickerCategories: ['🎬'],
    });
    assert.equal(sent.type, 'sticker');
    const [m] = await delivered(ctx.sim, to, sent);
    assert.equal(m.type, 'sticker');
    assert.equal(m.media.mimetype, 'image/webp');
    assert.deepEqual([m.sticker.width, m.sticker.height, m.sticker.animated], [512, 512, true]);
    const meta = m.sticker.metadata;
    assert.match(meta['sticker-pack-id'], /^[A-Za-z0-9]{32}$/);
    assert.deepEqual(meta, { 'sticker-pack-id': meta['sticker-pack-id'], 'sticker-pack-name': 'Moving pack', 'sticker-pack-publisher': 'Ann', emojis: ['🎬'] });

    // The file itself, as the phone downloads it: VP8X (animation and EXIF flags, 512×512
    // canvas), ANIM looping forever, one ANMF per frame (1.5 s at 10 frames a second), EXIF last.
    const up = ctx.sim.events.filter((e) => e.type === 'media-uploaded').pop();
    const file = Buffer.from(await (await fetch(new URL(`/_media${up.directPath}`, ctx.sim.httpUrl))).arrayBuffer());
    assert.equal(file.toString('latin1', 0, 4), 'RIFF');
    assert.equal(file.toString('latin1', 8, 12), 'WEBP');
    assert.equal(file.readUInt32LE(4), file.length - 8);
    const list = chunks(file);
    const vp8x = list[0];
    assert.equal(vp8x.tag, 'VP8X');
    assert.equal(vp8x.body[0] & 0x02, 0x02, 'the animation flag');
    assert.equal(vp8x.body[0] & 0x08, 0x08, 'the EXIF flag');
    assert.deepEqual([vp8x.body.readUIntLE(4, 3) + 1, vp8x.body.readUIntLE(7, 3) + 1], [512, 512]);
    const anim = list.find((c) => c.tag === 'ANIM');
    assert.ok(anim, 'an ANIM chunk');
    assert.equal(anim.body.readUInt16LE(4), 0, 'loops forever (-loop 0)');
    const frames = list.filter((c) => c.tag === 'ANMF').length;
    assert.ok(frames >= 10 && frames <= 20, `${frames} frames for 1.5 s at 10 fps`);
    assert.equal(list[list.length - 1].tag, 'EXIF');
    assert.deepEqual(stickerTempDirs(), [], 'the temporary folder is gone');
  });

  test('a video ffmpeg cannot read is refused with ERR_FFMPEG_FAILED: nothing sent, no temporary files left', async () => {
    const { ctx, client } = shared;
    const to = '15557400002';
    const since = ctx.sim.events.length;
    await assert.rejects(client.sendMessage(`${to}@c.us`, media('video/mp4', Buffer.from('these bytes are no video at all'), 'x.mp4'), { sendMediaAsSticker: true }), (err) => {
      assert.equal(err.code, 'ERR_FFMPEG_FAILED', err.message);
      assert.match(err.message, /ffmpeg could not make a sticker of the video/);
      return true;
    });
    // A video type ffmpeg is not given (a playlist could make it read other files) is bad input.
    await assert.rejects(client.sendMessage(`${to}@c.us`, media('video/hls', mp4(), 'x.m3u8'), { sendMediaAsSticker: true }), (err) => {
      assert.equal(err.code, 'ERR_INVALID_ARGUMENT', err.message);
      assert.match(err.message, /video\/hls is not a video type made into stickers/);
      return true;
    });
    assert.deepEqual(await inbox(ctx.sim, to), []);
    assert.deepEqual(sentFiles(ctx.sim, since), []);
    assert.deepEqual(stickerTempDirs(), []);
  });

  test("Node's event loop keeps running while a large picture becomes a sticker", async (t) => {
    const { ctx, client } = shared;
    const to = '15557400003';
    const photo = media('image/jpeg', bigJpeg(), 'big.jpg');
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 2);
    const start = Date.now();
    let sticker;
    try {
      last = performance.now();
      maxGap = 0;
      const since = ctx.sim.events.length;
      sticker = await client.sendMessage(`${to}@c.us`, photo, { sendMediaAsSticker: true, stickerName: 'Big' });
      // From the call to the page's upload of the finished sticker: the conversion, and a little more.
      const upload = ctx.sim.events.slice(since).find((e) => e.type === 'media-uploaded');
      const conversionMs = upload.t - start;
      t.diagnostic(`longest event loop gap ${maxGap.toFixed(1)} ms; sticker made and uploaded ${conversionMs} ms after the call`);
      assert.ok(maxGap < conversionMs / 3, `the event loop stalled for ${maxGap.toFixed(1)} ms while the sticker took ${conversionMs} ms to make`);
    } finally {
      clearInterval(ticker);
    }
    const [m] = await delivered(ctx.sim, to, sticker);
    assert.deepEqual([m.type, m.sticker.width, m.sticker.height, m.sticker.animated], ['sticker', 512, 512, false]);
  });
});

describe('animated stickers without ffmpeg', () => {
  const missing = path.join(WORK, 'no-such-dir', 'ffmpeg');
  const shared = sharedClient(undefined, { ffmpegPath: missing });

  test('a wrong ffmpegPath rejects with ERR_FFMPEG_NOT_FOUND naming the path, and nothing is sent; pictures still work', async () => {
    const { ctx, client } = shared;
    const to = '15557400004';
    const since = ctx.sim.events.length;
    await assert.rejects(client.sendMessage(`${to}@c.us`, media('video/mp4', mp4(), 'clip.mp4'), { sendMediaAsSticker: true }), (err) => {
      assert.equal(err.code, 'ERR_FFMPEG_NOT_FOUND', err.message);
      assert.ok(err.message.includes(missing), err.message);
      return true;
    });
    assert.deepEqual(await inbox(ctx.sim, to), []);
    assert.deepEqual(sentFiles(ctx.sim, since), []);
    assert.deepEqual(stickerTempDirs(), []);
    // A picture needs no ffmpeg.
    const picture = await client.sendMessage(`${to}@c.us`, media('image/jpeg', bigJpeg(), 'big.jpg'), { sendMediaAsSticker: true });
    const [m] = await delivered(ctx.sim, to, picture);
    assert.equal(m.type, 'sticker');
  });
});
