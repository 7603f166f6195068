'use strict';
// Bot mentions in the account world (methods of AccountWorld, see account.js): a message the
// account sends that invokes a bot ("@Meta AI"). The page side is page/account-bots.js.
//
// Facts modelled:
// - whatsapp-web.js main 2dc9466 (src/util/Injected/Utils.js:404-419) sends such a message with a
//   random 32-byte `messageSecret`, `botMessageSecret` from WhatsApp Web's
//   WAWebBotMessageSecret.genBotMsgSecretFromMsgSecret(messageSecret), the bot's wid and the
//   `personaId` of the bot's profile.
// - The bot secret is HKDF of the message secret with the info "Bot Message", 32 bytes (WhatsApp
//   Web's WAWebBotMessageSecret calls WACryptoHkdf.extractAndExpand(secret, "Bot Message", 32);
//   whatsmeow msgsecret.go applyBotMessageHKDF: HKDF-SHA256, no salt). The bot derives it from
//   the message secret to answer; the server here refuses ('bad-bot') a message whose bot secret
//   is not that derivation, or that names a bot it does not know, or another persona.
// - Meta AI is 13135550002@c.us (Baileys' isJidBot range 1313555xxxx@c.us).
// Inferred: SHA-256 and the empty salt in WhatsApp Web's extractAndExpand (from whatsmeow); that
// the real server checks anything at all (it cannot read the end-to-end encrypted secret: the
// check stands for the bot being unable to answer). Not modelled: the bot's answers, `@bot`
// (FBID) bot ids, bots in groups.

const crypto = require('crypto');

// The bots the server knows, with the persona the page's profile carries (page/account-bots.js).
const BOTS = new Map([['13135550002@c.us', { personaId: 'sim-meta-ai-persona', name: 'Meta AI' }]]);

const bytes = (text) => (typeof text === 'string' ? Buffer.from(text, 'base64') : Buffer.alloc(0));

// The bot secret of a message secret (Buffer): HKDF-SHA256, empty salt, info "Bot Message".
function botSecretOf(messageSecret) {
    return Buffer.from(crypto.hkdfSync('sha256', messageSecret, Buffer.alloc(0), 'Bot Message', 32));
}

module.exports = {
    // For _onSend (account.js): the bot a message invokes, null when none, false when the page sent
    // a malformed invocation.
    _botOfSend(msg) {
        const wire = msg.bot;
        if (wire === undefined || wire === null) return null;
        if (typeof wire !== 'object') return false;
        const bot = BOTS.get(wire.wid);
        const secret = bytes(wire.messageSecret);
        const botSecret = bytes(wire.botMessageSecret);
        if (!bot || wire.personaId !== bot.personaId || secret.length !== 32 || botSecret.length !== 32) return false;
        if (!crypto.timingSafeEqual(botSecret, botSecretOf(secret))) return false;
        return { wid: wire.wid, personaId: wire.personaId, messageSecret: secret.toString('base64'), botMessageSecret: botSecret.toString('base64') };
    },

    // The inbox's field for a message invoking a bot.
    _inboxBot(m) {
        return m.bot ? { bot: { ...m.bot } } : {};
    },
};
