'use strict';
// Bot mentions: sendMessage(chat, text, { invokedBotWid }) ("@Meta AI"), as whatsapp-web.js main
// sends them, shown by their effect on the simulator (GET /_sim/peer/inbox: the bot, its persona,
// the message secret and the bot secret derived from it); a bad bot id or a bot the page does not
// know is refused with a named error and nothing is sent.
const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const { Message } = require('..');
const { inbox, serverHas, sharedClient } = require('./account-helpers');

const META_AI = '13135550002@c.us';
// The bot secret of a message secret: HKDF-SHA256, no salt, info "Bot Message" (whatsmeow msgsecret.go).
const botSecretOf = (secret) => Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'Bot Message', 32));

describe('Bot mentions', () => {
  const shared = sharedClient();

  test('Bot: a message with invokedBotWid reaches the contact with the bot, its persona and the bot secret of its message secret', async () => {
    const { ctx, client } = shared;
    const peer = '15557800001';
    const sent = await client.sendMessage(`${peer}@c.us`, '@Meta AI what is HKDF?', { invokedBotWid: META_AI });
    assert.ok(sent instanceof Message);
    assert.equal(sent.body, '@Meta AI what is HKDF?');
    await serverHas(ctx.sim, sent);
    const [got] = await inbox(ctx.sim, peer);
    assert.equal(got.id, sent.id._serialized);
    assert.equal(got.body, '@Meta AI what is HKDF?');
    assert.equal(got.bot.wid, META_AI);
    assert.equal(got.bot.personaId, 'sim-meta-ai-persona');
    const secret = Buffer.from(got.bot.messageSecret, 'base64');
    assert.equal(secret.length, 32);
    assert.equal(got.bot.botMessageSecret, botSecretOf(secret).toString('base64'));
    // Each message its own random secret.
    const again = await client.sendMessage(`${peer}@c.us`, '@Meta AI and again?', { invokedBotWid: META_AI });
    await serverHas(ctx.sim, again);
    const [, second] = await inbox(ctx.sim, peer);
    assert.notEqual(second.bot.messageSecret, got.bot.messageSecret);
    // A message without the option invokes no bot; an empty id is no bot (whatsapp-web.js skips it).
    const plain = await client.sendMessage(`${peer}@c.us`, 'no bot', { invokedBotWid: '' });
    await serverHas(ctx.sim, plain);
    const [, , third] = await inbox(ctx.sim, peer);
    assert.equal(third.bot, undefined);
  });

  test('Bot: with a link preview, a bot message loses canonicalUrl and a plain one keeps it', async () => {
    const { ctx, client } = shared;
    const peer = '15557800002';
    const withBot = await client.sendMessage(`${peer}@c.us`, '@Meta AI see https://example.com', { invokedBotWid: META_AI });
    const plain = await client.sendMessage(`${peer}@c.us`, 'see https://example.com');
    await serverHas(ctx.sim, withBot);
    await serverHas(ctx.sim, plain);
    const [a, b] = await inbox(ctx.sim, peer);
    assert.equal(a.bot.wid, META_AI);
    assert.ok(a.linkPreview, 'the preview still goes');
    assert.equal(a.linkPreview.url, null);
    assert.ok(b.linkPreview && b.linkPreview.url, 'a plain message keeps its canonicalUrl');
  });

  test('Bot: an invokedBotWid that is not a user id is ERR_INVALID_ARGUMENT naming it; nothing is sent', async () => {
    const { ctx, client } = shared;
    const peer = '15557800003';
    for (const bad of [13135550002, 'Meta AI', '13135550002@g.us', 'abc@c.us', true, { _serialized: META_AI }, ['13135550002@c.us']]) {
      await assert.rejects(client.sendMessage(`${peer}@c.us`, '@Meta AI hi', { invokedBotWid: bad }), (e) => {
        assert.equal(e.code, 'ERR_INVALID_ARGUMENT', e.message);
        assert.match(e.message, /options\.invokedBotWid/);
        return true;
      });
    }
    assert.deepEqual(await inbox(ctx.sim, peer), []);
  });

  test('Bot: a bot the page has no profile of is ERR_INVALID_ARGUMENT saying it is not known; nothing is sent', async () => {
    const { ctx, client } = shared;
    const peer = '15557800004';
    await assert.rejects(client.sendMessage(`${peer}@c.us`, '@Bot hi', { invokedBotWid: '13135559999@c.us' }), (e) => {
      assert.equal(e.code, 'ERR_INVALID_ARGUMENT', e.message);
      assert.match(e.message, /options\.invokedBotWid/);
      assert.match(e.message, /13135559999@c\.us is not a bot this WhatsApp Web knows/);
      return true;
    });
    assert.deepEqual(await inbox(ctx.sim, peer), []);
  });

  test("Bot: the simulator's server refuses a bot secret that is not the derivation of the message secret", () => {
    const { _botOfSend } = require('../simulator/account-bots');
    const secret = crypto.randomBytes(32);
    const wire = (botSecret, extra = {}) => ({ bot: { wid: META_AI, personaId: 'sim-meta-ai-persona', messageSecret: secret.toString('base64'), botMessageSecret: botSecret.toString('base64'), ...extra } });
    assert.equal(_botOfSend(wire(botSecretOf(secret))).wid, META_AI);
    assert.equal(_botOfSend(wire(crypto.randomBytes(32))), false);
    // HKDF with another info, or the message secret itself, is not it either.
    assert.equal(_botOfSend(wire(Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'Poll Vote', 32)))), false);
    assert.equal(_botOfSend(wire(secret)), false);
    assert.equal(_botOfSend(wire(botSecretOf(secret), { personaId: 'other' })), false);
    assert.equal(_botOfSend(wire(botSecretOf(secret), { wid: '13135559999@c.us' })), false);
    assert.equal(_botOfSend({}), null);
  });
});
