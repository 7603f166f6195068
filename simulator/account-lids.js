'use strict';
// LIDs and encrypted arrivals in the account world (methods of AccountWorld, see account.js). The
// page side is page/account-lids.js.
//
// Facts modelled (what whatsapp-web.js main 2dc9466 and whatsmeow show of today's WhatsApp):
// - Every user has a LID (`<digits>@lid`), a second id that does not reveal the phone number. The
//   server assigns it once; the linked account's own LID is the one its session got at login.
// - Groups are LID-addressed by default: participants, the owner, the `author` of messages and of
//   gp2 notifications are `<lid>@lid`, and so is the key's participant. The group metadata gives
//   each participant's phone number with it (whatsmeow: GroupParticipant.PhoneNumber, the
//   `phone_number` attribute of a LID group's participant). `addressingMode: 'pn'` makes an
//   old-style group, addressed by phone numbers.
// - Someone outside the address book may write in a `<lid>@lid` chat: the page gets no phone number
//   for them. Asking the server whether a phone number is on WhatsApp answers its LID too (the
//   usync `lid` protocol), after which the page knows the pair.
// - The block list holds LIDs only (why whatsapp-web.js f7e4d3d0f blocks through the LID).
// - A message can arrive before it can be decrypted: the page adds it as `type: 'ciphertext'` with
//   no body and changes it in place once it is decrypted (`change:type`). A device can ask the
//   sender's phone to send it again (placeholder resend, whatsapp-web.js main Client.js:1111-1128);
//   here that request is logged (`placeholder-resend`); whether and when the message decrypts is
//   the test's choice (`ciphertextMs`).

const crypto = require('crypto');
const { httpError, parseNumber } = require('./account-util');

const MAX_CIPHERTEXT_MS = 10 * 60 * 1000;

module.exports = {
    // The LID of a number: the one given or assigned before, the linked session's own, or a new one.
    _lidOf(number) {
        let lid = this.lidByNumber.get(number);
        if (!lid) {
            const session = [...this.sim.sessions.values()].find((s) => s.wid === `${number}@c.us` && s.lid);
            lid = session ? session.lid : null;
            while (!lid || this.numberByLid.has(lid)) lid = `${crypto.randomInt(1, 10)}${String(crypto.randomInt(0, 1e14)).padStart(14, '0')}`;
            this._setLid(number, lid);
        }
        return lid;
    },

    _setLid(number, lid) {
        const owner = this.numberByLid.get(lid);
        if (owner && owner !== number) throw httpError(409, `LID ${lid} belongs to ${owner} already`);
        const before = this.lidByNumber.get(number);
        if (before && before !== lid) throw httpError(409, `${number} has the LID ${before} already`);
        this.lidByNumber.set(number, lid);
        this.numberByLid.set(lid, number);
    },

    // The number behind a `<lid>@lid` (or `<digits>@c.us`) text, or null.
    _numberOfUser(text) {
        const value = String(text || '');
        if (value.endsWith('@lid')) return this.numberByLid.get(value.slice(0, -4)) || null;
        try {
            return parseNumber(value, 'user');
        } catch {
            return null;
        }
    },

    // How a user is named in a chat: by LID in a LID group, by phone number elsewhere.
    _userWid(number, chat) {
        const group = chat && this.groups.get(chat);
        return group && group.addressingMode !== 'pn' ? `${this._lidOf(number)}@lid` : `${number}@c.us`;
    },

    // Whether `number` sent message `m` (in a group: its author).
    _sentBy(m, number) {
        return (m.authorNumber || (m.fromMe ? m.account : m.peer)) === number;
    },

    // `ciphertextMs` of POST /_sim/peer/send: null (arrives decrypted), -1 (never decrypts) or ms.
    _ciphertextMs(spec) {
        const ms = spec.ciphertextMs;
        if (ms === undefined || ms === null) return null;
        if (!Number.isInteger(ms) || ms < -1 || ms > MAX_CIPHERTEXT_MS) throw httpError(400, `ciphertextMs must be -1 (never decrypted) or 0..${MAX_CIPHERTEXT_MS} ms`);
        return ms;
    },

    // The message arrives undecryptable; after `ms` (unless -1) every page gets it decrypted.
    _arriveEncrypted(m, ms) {
        if (ms === null) return;
        m.undecrypted = true;
        if (ms < 0) return;
        // The simulator's own timers: cleared when it stops.
        this.sim._setTimer(() => {
            if (!m.undecrypted) return;
            m.undecrypted = false;
            this.sim._log('message-decrypted', { key: m.key });
            for (const sock of this._connectedSockets(m.account)) this.sim._send(sock, { type: 'decrypted', msg: this._wireAsKnownBy(m, sock.token) });
        }, ms);
    },

    // A wire message as a page that cannot decrypt it yet sees it.
    _asArrived(m, wire) {
        if (!m.undecrypted) return wire;
        return { ...wire, type: 'ciphertext', body: '', media: null, location: null, quoted: null, mentions: [] };
    },

    // The page asks the senders' phones to send messages again: { type: 'placeholder_resend', keys }.
    _onPlaceholderResend(sock, msg) {
        const keys = Array.isArray(msg.keys) ? msg.keys.filter((k) => typeof k === 'string').slice(0, 1000) : [];
        this.sim._log('placeholder-resend', { socketId: sock.id, keys });
        this._answer(sock, msg, { ok: true });
        return true;
    },
};
