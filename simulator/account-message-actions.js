'use strict';
// The account's own actions on messages already there (methods of AccountWorld, see account.js):
// editing its text messages, pinning a message in its chat, starring messages. The page side is
// page/account-message-actions.js; whatsapp-web.js main 2dc9466 calls them in
// src/structures/Message.js:670-740 (star, unstar, pin, unpin), 875-943 (edit) and
// src/util/Injected/Utils.js:588-628 (editMessage), 1653-1678 (pinUnpinMsgAction).
//
// Facts modelled:
// - Only the sender edits a message, a text (its body) or a picture or video (its caption), and
//   only within 15 minutes of sending it; a revoked message cannot be edited (as peerEdit,
//   account-changes.js, which keeps the edit history the same way). The account's other devices
//   get the new text in place.
// - A pin is a message of its own in the chat (WhatsApp Web's WAWebSendPinMessageAction sends a
//   `pin_in_chat` message with the pin type, 1 pin or 2 unpin, and for a pin its expiry duration
//   in seconds); WhatsApp's apps offer 24 hours, 7 days and 30 days. The server here takes a pin
//   of any whole number of seconds from 1 up to 30 days: what the real server does with other
//   durations is not known. A pin lasts until it expires or is unpinned.
// - A star is the account's own mark, shared by its devices; it changes nothing for the contact.
// Not modelled: pins and stars made on the phone or by contacts (in groups, participants pin
// too), WhatsApp's limit of pinned messages in a chat (three in its apps; whether the server
// enforces it is not known), admin-only pinning in groups, and pins and stars reaching the
// account's other devices.

const { EDIT_WINDOW_MS, MAX_BODY } = require('./account-util');

const MAX_PIN_SECONDS = 30 * 24 * 3600;
// Types whose text the sender may change: the body of a text, the caption of a picture or video.
const EDITABLE = ['chat', 'image', 'video'];

module.exports = {
    // The page messages of this file; false for any other type.
    _onMessageAction(sock, msg) {
        if (msg.type === 'edit_msg') return this._onEditMsg(sock, msg);
        if (msg.type === 'pin_msg') return this._onPinMsg(sock, msg);
        if (msg.type === 'star_msg') return this._onStarMsg(sock, msg);
        return false;
    },

    // The account's message `key`, or null.
    _accountMessage(sock, key) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const m = this.messages.get(String(key));
        return account && m && m.account === account ? m : null;
    },

    // `edit_msg` {key, body}: the account edits a message it sent. Answers { ok, editId, t } or
    // { ok: false, error }.
    _onEditMsg(sock, msg) {
        const m = this._accountMessage(sock, msg.key);
        const refuse = (error) => this._answer(sock, msg, { ok: false, error });
        if (!m) return refuse('not-found');
        if (!m.fromMe) return refuse('not-sender');
        if (!EDITABLE.includes(m.type) || (m.type !== 'chat' && !m.body)) return refuse('not-editable');
        if (Date.now() - m.createdAt > EDIT_WINDOW_MS) return refuse('too-old');
        if (typeof msg.body !== 'string' || !msg.body.trim() || msg.body.length > MAX_BODY) return refuse('bad-body');
        const edit = this._recordEdit(m, msg.body, sock.sessionWid, sock);
        this._answer(sock, msg, { ok: true, editId: edit.editId, t: edit.t });
        return true;
    },

    // `pin_msg` {key, id, pinType: 1|2, duration}: the account pins (1, for `duration` seconds) or
    // unpins (2) a message of one of its chats.
    _onPinMsg(sock, msg) {
        const m = this._accountMessage(sock, msg.parentKey);
        const refuse = (error) => this._answer(sock, msg, { ok: false, error });
        if (!m || m.type === 'revoked' || m.type === 'gp2') return refuse('not-found');
        if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse('bad-id');
        if (msg.pinType !== 1 && msg.pinType !== 2) return refuse('bad-pin-type');
        if (msg.pinType === 1 && !(Number.isInteger(msg.duration) && msg.duration > 0 && msg.duration <= MAX_PIN_SECONDS)) return refuse('bad-duration');
        const now = Date.now();
        m.pin = msg.pinType === 1 ? { id: msg.id, t: Math.floor(now / 1000), duration: msg.duration, expiresAt: now + msg.duration * 1000 } : null;
        this.sim._log(msg.pinType === 1 ? 'message-pinned' : 'message-unpinned', { socketId: sock.id, key: m.key, duration: msg.pinType === 1 ? msg.duration : undefined });
        this._answer(sock, msg, { ok: true, t: Math.floor(now / 1000) });
        return true;
    },

    // `star_msg` {keys, star}: the account stars (or unstars) messages of one chat.
    _onStarMsg(sock, msg) {
        const keys = Array.isArray(msg.keys) ? msg.keys : [];
        const found = keys.map((k) => this._accountMessage(sock, k));
        if (!keys.length || found.some((m) => !m) || new Set(found.map((m) => m.chat)).size !== 1 || typeof msg.star !== 'boolean') {
            return this._answer(sock, msg, { ok: false, error: 'bad-star' });
        }
        for (const m of found) m.starred = msg.star;
        this.sim._log(msg.star ? 'message-starred' : 'message-unstarred', { socketId: sock.id, keys: found.map((m) => m.key) });
        this._answer(sock, msg, { ok: true });
        return true;
    },

    // What the inbox shows of these actions: the edits (text before, then each edit), the pin
    // while it lasts, the star.
    _actionsView(m) {
        const pin = m.pin && m.pin.expiresAt > Date.now() ? m.pin : null;
        return {
            edits: m.edits ? m.edits.map((e) => ({ body: e.body, t: e.t })) : [],
            originalBody: m.edits ? m.originalBody : m.body,
            pinned: Boolean(pin),
            pin: pin ? { duration: pin.duration, t: pin.t, expiresAt: pin.expiresAt } : null,
            starred: Boolean(m.starred),
        };
    },
};
