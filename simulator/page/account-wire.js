'use strict';
// How the simulated WhatsApp Web page encodes what it sends and meets what it cannot decrypt yet.
// Served last of the account's scripts. The server side is ../account-lids.js.
//
// - Encrypted arrivals: a message the page cannot decrypt yet is in the Msg collection as
//   `type: 'ciphertext'` with no body (account-sync.js adds it as the server sends it); when the
//   server sends it decrypted, the same model takes its real type and text in place, which fires
//   `change:type` (whatsapp-web.js main 2dc9466 listens for that, src/Client.js:1156-1163).
// - The placeholder resend: WAWebNonMessageDataRequestPlaceholderMessageResendUtils
//   .handlePlaceholderMsgsSeen(msgs, fromUser) asks the senders' phones to send those messages
//   again; the real page does so only where WAWebSyncGatingUtils.isPlaceholderMessageResendEnabled()
//   allows it, which whatsapp-web.js main forces on (src/Client.js:1028-1030: "Enable placeholder
//   message resend"), so it is off here unless a client turns it on. The simulator's server logs
//   the request (`placeholder-resend`); decryption follows the test's `ciphertextMs` either way.
// - The protobuf type functions: the page derives a sent message's stanza type and media type from
//   its protobuf through WAWebE2EProtoUtils.typeAttributeFromProtobuf and
//   WAWebBackendJobsCommon.mediaTypeFromProtobuf. For a location these answer 'media' and
//   'location', and the server does not deliver it; whatsapp-web.js patches both (main
//   Injected/Utils.js:95-111, since ecf19eb9a "fix: sending locations") to answer 'text' and null.
//   Called through the module objects, so a client's patch takes effect.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { Msg, ask, createWid } = sim.account;

    // The server sends a message this page holds as ciphertext, now decrypted: the model takes its
    // fields, its type last among them, in one set (one `change` per field, `change:type` too).
    sim.onServer('decrypted', (msg) => {
        const w = msg.msg;
        const m = w && Msg.get(w.key);
        if (!m || m.type !== 'ciphertext') return;
        const attrs = { body: w.body, mentionedJidList: (w.mentions || []).map(createWid) };
        if (w.media) Object.assign(attrs, { body: '', caption: w.body || undefined, directPath: w.media.directPath, mimetype: w.media.mimetype, filename: w.media.filename || undefined, size: w.media.size, mediaKey: w.media.mediaKey, mediaKeyTimestamp: w.t });
        if (w.location) Object.assign(attrs, { lat: w.location.latitude, lng: w.location.longitude, loc: w.location.description || undefined, clientUrl: w.location.url || undefined });
        attrs.type = w.type;
        m.set(attrs);
    });

    modules.WAWebNonMessageDataRequestPlaceholderMessageResendUtils = {
        // (message models, fromUser) -> the request goes out for those still undecrypted.
        async handlePlaceholderMsgsSeen(msgs, fromUser) {
            if (!Array.isArray(msgs)) throw new TypeError('handlePlaceholderMsgsSeen: msgs must be a list of message models');
            if (!modules.WAWebSyncGatingUtils.isPlaceholderMessageResendEnabled()) return;
            const keys = msgs.filter((m) => m && m.id && m.type === 'ciphertext').map((m) => m.id._serialized);
            if (keys.length) await ask({ type: 'placeholder_resend', keys, fromUser: Boolean(fromUser) });
        },
    };

    const protoOf = (proto, what) => {
        if (!proto || typeof proto !== 'object') throw new TypeError(`${what}: not a message protobuf`);
        return proto;
    };
    const MEDIA_PROTO = { imageMessage: 'image', videoMessage: 'video', audioMessage: 'audio', documentMessage: 'document', stickerMessage: 'sticker', locationMessage: 'location' };
    modules.WAWebBackendJobsCommon = {
        // (protobuf) -> the media type of its stanza, or null for none.
        mediaTypeFromProtobuf(proto) {
            const key = Object.keys(protoOf(proto, 'mediaTypeFromProtobuf')).find((k) => MEDIA_PROTO[k]);
            return key ? MEDIA_PROTO[key] : null;
        },
    };
    modules.WAWebE2EProtoUtils = {
        // (protobuf) -> the stanza's type attribute: 'media' for media (a location included), else 'text'.
        typeAttributeFromProtobuf(proto) {
            return Object.keys(protoOf(proto, 'typeAttributeFromProtobuf')).some((k) => MEDIA_PROTO[k]) ? 'media' : 'text';
        },
    };

    // The protobuf of a message model (only what the type functions look at) and the stanza
    // attributes the page derives from it, for account-actions.js's send.
    function stanzaOf(msg) {
        const proto = {};
        if (msg.type === 'location') proto.locationMessage = { degreesLatitude: msg.lat, degreesLongitude: msg.lng };
        else if (msg.directPath) proto[`${msg.type}Message`] = { directPath: msg.directPath };
        else proto.conversation = typeof msg.body === 'string' ? msg.body : '';
        return {
            stanzaType: modules.WAWebE2EProtoUtils.typeAttributeFromProtobuf(proto),
            mediaType: modules.WAWebBackendJobsCommon.mediaTypeFromProtobuf(proto),
            isCaptionByUser: msg.isCaptionByUser === true,
        };
    }
    sim.account.stanzaOf = stanzaOf;
})();
