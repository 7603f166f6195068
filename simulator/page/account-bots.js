'use strict';
// Bot mentions in the simulated WhatsApp Web page ("@Meta AI"): the bot message secret
// (WAWebBotMessageSecret.genBotMsgSecretFromMsgSecret), the bots the page knows
// (WAWebBotProfileCollection.BotProfileCollection), and what addAndSendMsgToChat needs of a
// message that invokes a bot. whatsapp-web.js main 2dc9466 src/util/Injected/Utils.js:404-419
// builds `messageSecret`, `botMessageSecret`, `invokedBotWid`, `botPersonaId`. The server side
// is ../account-bots.js. Served after account-events.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { createWid } = sim.account;

    // WhatsApp Web's own module (a public copy of its source): HKDF (WACryptoHkdf.extractAndExpand)
    // of the message secret with the info "Bot Message", 32 bytes; whatsmeow's msgsecret.go
    // (applyBotMessageHKDF) does the same with HKDF-SHA256 and no salt. SHA-256 and the empty salt
    // of WhatsApp Web's extractAndExpand are inferred from whatsmeow. Anything but 32 bytes of secret
    // is a TypeError here; what the real one does with other input is not known.
    async function genBotMsgSecretFromMsgSecret(secret) {
        if (!(secret instanceof Uint8Array) || secret.length !== 32) throw new TypeError('genBotMsgSecretFromMsgSecret: the message secret must be 32 bytes');
        const key = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
        const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('Bot Message') }, key, 256);
        return new Uint8Array(bits);
    }
    modules.WAWebBotMessageSecret = { genBotMsgSecretFromMsgSecret };

    // The bots' profiles the page has (WhatsApp Web fetches them with usync and keeps them in
    // IndexedDB): Meta AI, 13135550002@c.us (the number Baileys' isJidBot and bot libraries
    // use). The real persona id's format is not known: the placeholder is the simulator's.
    // get() takes a wid or its text, as a collection's get does; undefined for an unknown bot.
    const BOTS = [{ id: '13135550002@c.us', personaId: 'sim-meta-ai-persona', name: 'Meta AI' }];
    const profiles = new Map(BOTS.map((b) => [b.id, { ...b, id: createWid(b.id) }]));
    modules.WAWebBotProfileCollection = {
        BotProfileCollection: {
            get(id) {
                const key = id && typeof id === 'object' ? id._serialized : id;
                return typeof key === 'string' ? profiles.get(key) : undefined;
            },
        },
    };

    // What addAndSendMsgToChat needs of a message that invokes a bot: all four fields, the bot a
    // user wid the page knows, the persona its profile's, the bot secret 32 bytes. The real page's
    // errors are not known; these are TypeErrors naming the field.
    const isBytes32 = (v) => v instanceof Uint8Array && v.length === 32;
    sim.account.checkBot = (data, fail) => {
        if (data.invokedBotWid === undefined && data.botMessageSecret === undefined && data.botPersonaId === undefined) return;
        const w = data.invokedBotWid;
        if (!w || typeof w !== 'object' || typeof w._serialized !== 'string' || !w.isUser || !w.isUser()) fail('invokedBotWid must be a user wid');
        const profile = profiles.get(w._serialized);
        if (!profile) fail(`invokedBotWid ${w._serialized} is not a bot the page knows`);
        if (data.botPersonaId !== profile.personaId) fail("botPersonaId must be the bot profile's personaId");
        if (!isBytes32(data.messageSecret)) fail('a message invoking a bot needs a 32-byte messageSecret');
        if (!isBytes32(data.botMessageSecret)) fail('botMessageSecret must be 32 bytes');
    };
    const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
    // What goes to the server with the message (../account-bots.js).
    sim.account.botWireOf = (msg) =>
        msg.invokedBotWid
            ? { wid: msg.invokedBotWid._serialized, personaId: msg.botPersonaId, messageSecret: base64(msg.messageSecret), botMessageSecret: base64(msg.botMessageSecret) }
            : undefined;
})();
