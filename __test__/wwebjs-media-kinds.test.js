'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, sends a sticker (a WebP, to which it adds its own
// EXIF metadata with node-webpmux) and a voice note against the simulator: the simulated page
// accepts what whatsapp-web.js sends for these kinds (processStickerData's upload, prepRawMedia's
// isPtt), and the contact's inbox shows the sticker's metadata read from the file.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia } = require('whatsapp-web.js');

const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { png, wav, webp1x1 } = require('./fixtures/media-kinds');

test('whatsapp-web.js: sendMediaAsSticker (a WebP with a name, author and emojis; a PNG) and sendAudioAsVoice', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    const to = '15557400001';
    await client.getNumberId(to);
    // whatsapp-web.js's media_uploaded hook (Msg 'change:isUnsentMedia') on the simulator's page.
    const uploaded = [];
    const threeUploaded = new Promise((resolve) => {
        client.on('media_uploaded', (message) => {
            uploaded.push(message.id._serialized);
            if (uploaded.length === 3) resolve();
        });
    });

    const sticker = await client.sendMessage(`${to}@c.us`, new MessageMedia('image/webp', webp1x1.toString('base64'), 's.webp'), {
        sendMediaAsSticker: true,
        stickerName: 'wwebjs pack',
        stickerAuthor: 'wwebjs',
        stickerCategories: ['🤖'],
    });
    assert.equal(sticker.type, 'sticker');
    // A PNG: whatsapp-web.js has the page make it a WebP (WAWebImageUtils.toWebpSticker), then
    // adds its metadata.
    await client.sendMessage(`${to}@c.us`, new MessageMedia('image/png', png(40, 20).toString('base64'), 'p.png'), { sendMediaAsSticker: true, stickerAuthor: 'wwebjs' });
    const voice = await client.sendMessage(`${to}@c.us`, new MessageMedia('audio/wav', wav().toString('base64'), 'tone.wav'), { sendAudioAsVoice: true });
    assert.equal(voice.type, 'ptt');
    await threeUploaded;
    assert.ok(uploaded.includes(sticker.id._serialized) && uploaded.includes(voice.id._serialized), 'media_uploaded names the messages sent');
    assert.equal(new Set(uploaded).size, 3, 'once each');

    // sendMessage() resolves once the page holds a message; the inbox has it once the server does.
    for (const m of [sticker, voice]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    const [s, fromPng, v] = sim.peer.inbox(to).messages;
    assert.equal(s.type, 'sticker');
    assert.equal(s.media.mimetype, 'image/webp');
    assert.deepEqual([s.sticker.width, s.sticker.height], [1, 1]);
    assert.match(s.sticker.metadata['sticker-pack-id'], /^[A-Za-z0-9]{32}$/);
    assert.deepEqual(
        { ...s.sticker.metadata, 'sticker-pack-id': 'x' },
        { 'sticker-pack-id': 'x', 'sticker-pack-name': 'wwebjs pack', 'sticker-pack-publisher': 'wwebjs', emojis: ['🤖'] },
    );
    assert.deepEqual([fromPng.type, fromPng.media.mimetype, fromPng.sticker.width, fromPng.sticker.height], ['sticker', 'image/webp', 512, 512]);
    assert.equal(fromPng.sticker.metadata['sticker-pack-publisher'], 'wwebjs');
    assert.equal(v.type, 'ptt');
    assert.equal(v.waveform.length, 64);
});
