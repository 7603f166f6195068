'use strict';
// The account's own messages reaching the server (send_msg): the server stores each (ack 1) and
// delivers it to the contact or the group (ack 2). The kinds of message (polls, events, cards,
// bots, buttons, media) are checked by their own files' *OfSend methods.
const crypto = require('crypto');
const { parseNumber, parseLocation, MAX_BODY } = require('./account-util');

module.exports = {
    // The page sends a message: the server stores it (ack 1) and the contact receives it (ack 2).
    _onSend(sock, msg) {
        const refuse = (error) => this._answer(sock, msg, { ok: false, error });
        if (sock.state !== 'CONNECTED' || !sock.sessionWid) return refuse('not-logged-in');
        const account = sock.sessionWid.split('@')[0];
        let peer = null;
        const group = this.groups.get(String(msg.to));
        const lidChat = !group && String(msg.to || '').endsWith('@lid') ? String(msg.to) : null;
        if (group) {
            if (!group.participants.includes(account) || (group.announce && !group.admins.has(account))) return refuse(group.participants.includes(account) ? 'not-authorized' : 'not-a-participant');
        } else if (lidChat) {
            // A chat named by the contact's LID: the server knows whose it is.
            peer = this._numberOfUser(lidChat);
            if (!peer) return refuse('unsupported-chat');
        } else {
            try {
                peer = parseNumber(String(msg.to || ''), 'to');
            } catch {
                return refuse('unsupported-chat');
            }
        }
        if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse('bad-id');
        // A media message names a file the page uploaded; its text is the caption.
        let media = null;
        if (typeof msg.directPath === 'string') {
            const file = this.media.get(msg.directPath);
            if (!file) return refuse('unknown-media');
            media = { directPath: msg.directPath, mimetype: file.mimetype, filename: file.filename, size: file.data.length, mediaKey: crypto.randomBytes(32).toString('base64') };
        }
        // A document's caption is shown only when the sender marked it as typed by the user
        // (isCaptionByUser, whatsapp-web.js 9b53bebfd "Fix PDF Caption"; see account-lids.js).
        const captionShown = !media || msg.msgType !== 'document' || msg.isCaptionByUser === true;
        const text = media ? (captionShown ? msg.caption : '') : msg.body;
        const body = typeof text === 'string' ? text.slice(0, MAX_BODY) : '';
        let quoted = null;
        if (typeof msg.quotedStanzaId === 'string') {
            quoted = [...this.messages.values()].find((m) => m.id === msg.quotedStanzaId && m.account === account) || null;
        }
        const mentions = Array.isArray(msg.mentions) ? msg.mentions.filter((m) => typeof m === 'string').slice(0, 256) : [];
        // A poll (account-polls.js): false when the page sent a malformed one.
        const poll = this._pollOfSend(msg);
        if (poll === false) return refuse('bad-poll');
        // A scheduled event (account-events.js): false when the page sent a malformed one.
        const event = this._eventOfSend(msg);
        if (event === false) return refuse('bad-event');
        // Contact cards and group mentions (account-vcards.js).
        const cards = this._cardsOfSend(msg);
        if (cards.error) return refuse(cards.error);
        // The bot it invokes (account-bots.js): false when the invocation is malformed.
        const bot = this._botOfSend(msg);
        if (bot === false) return refuse('bad-bot');
        // Reply buttons or a list (account-buttons.js).
        const buttons = this._buttonsOfSend(msg);
        if (buttons.error) return refuse(buttons.error);
        const type = buttons.list ? 'list' : cards.type ? cards.type : poll ? 'poll_creation' : event ? 'event_creation' : media && ['image', 'video', 'audio', 'ptt', 'document', 'sticker'].includes(msg.msgType) ? msg.msgType : 'chat';
        let location = null;
        if (msg.msgType === 'location') {
            // Encoded as a media stanza (WhatsApp Web's own protobuf type functions, unpatched),
            // a location is not delivered (whatsapp-web.js ecf19eb9a; see account-lids.js).
            if (msg.stanzaType !== 'text' || msg.mediaType != null) return refuse('location-as-media');
            try {
                location = parseLocation({ latitude: msg.lat, longitude: msg.lng, description: msg.loc || null, url: msg.clientUrl || null });
            } catch {
                return refuse('bad-location');
            }
        }
        const mediaKind = media ? this._mediaKindOf(msg, type, this.media.get(media.directPath)) : null;
        if (mediaKind && mediaKind.error) return refuse(mediaKind.error);
        const stored = this._store({ account, peer, chat: group ? group.id : lidChat, author: account, fromMe: true, id: msg.id, body: cards.body ?? body, quoted, mentions, ack: 1, media, type, location, event });
        Object.assign(stored, cards.vcards ? { vcards: cards.vcards } : {}, cards.groupMentions ? { groupMentions: cards.groupMentions } : {});
        stored.mediaKind = mediaKind;
        stored.linkPreview = linkPreviewOf(msg.preview);
        stored.poll = poll;
        stored.bot = bot;
        Object.assign(stored, buttons);
        // Forwarded messages say how often (WhatsApp shows "forwarded many times" from 5).
        stored.forwardingScore = Math.min(127, Math.max(0, Math.floor(Number(msg.forwardingScore) || 0)));
        // The sending page has it; other devices of the account get it as a new message.
        stored.deliveredTo.add(sock.token);
        this.sim._log('message-sent', { socketId: sock.id, key: stored.key, to: stored.to, quotedId: stored.quotedId, forwardingScore: stored.forwardingScore });
        this._answer(sock, msg, { ok: true, key: stored.key, t: stored.t });
        for (const other of this._connectedSockets(account)) {
            if (other !== sock) this._pushTo(other, stored, this._wire(stored));
        }
        if (group || !this.unregistered.has(peer)) this._setAck(stored, 2);
    },
};

// A link preview the page attached to a message it sent: { title, url, matchedText } or null. The
// link itself is `matchedText`; `canonicalUrl` may be missing (whatsapp-web.js deletes it).
function linkPreviewOf(preview) {
    if (!preview || typeof preview !== 'object' || typeof preview.matchedText !== 'string') return null;
    const text = (v) => (typeof v === 'string' ? v.slice(0, 2000) : null);
    return { title: text(preview.title), url: text(preview.canonicalUrl), matchedText: text(preview.matchedText) };
}
