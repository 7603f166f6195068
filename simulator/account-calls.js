'use strict';
// Calls in the account world (methods of AccountWorld, see account.js): a contact calls the linked
// account, the page rejects the call with the stanza whatsapp-web.js builds, and the page asks for
// call links. The page side is page/account-calls.js.
//
// Facts modelled:
// - An incoming call reaches the account's connected devices as an offer (whatsmeow
//   events.CallOffer: the caller, the call id, the time of the offer; `<video/>` in the offer
//   for a video call; a group call names its group). WhatsApp Web makes a CallModel of it (wa-js
//   src/whatsapp/models/CallModel.ts: id, peerJid, offerTime, isVideo, isGroup, outgoing,
//   canHandleLocally, webClientShouldHandle) and adds it to WAWebCallCollection, where
//   whatsapp-web.js sees it (main 2dc9466 src/Client.js:1073-1097).
// - The account rejects a call with a `call` stanza holding a `reject` node (whatsmeow
//   RejectCall: `<call id from=<own jid> to=<caller>><reject call-id call-creator=<caller>
//   count="0"/></call>`; whatsapp-web.js main src/util/Injected/Utils.js:1265-1286 builds the same
//   with WAWap and casts it with WADeprecatedSendIq). A cast has no answer: a stanza the server
//   cannot take is dropped, and the page never learns it.
// - A blocked contact's call never reaches the account (as its messages, account-changes.js).
// Not modelled: calls the account places, answering, ringing timeouts and missed-call
// notifications, offers to devices that connect while the call still rings.

const crypto = require('crypto');

const { httpError, parseNumber } = require('./account-util');

// A call id like a phone's: 32 upper-case hex digits (the ids wa-js issue 3572 shows).
const callId = () => crypto.randomBytes(16).toString('hex').toUpperCase();
// A user jid as a stanza names it: `<digits>@c.us` or the protocol's `@s.whatsapp.net`.
const jidNumber = (jid) => (typeof jid === 'string' && /^\d+@(c\.us|s\.whatsapp\.net)$/.test(jid) ? jid.split('@')[0] : null);

module.exports = {
    // The control routes of calls; false for any other route.
    async _callsControl(route, url, readJson, reply) {
        if (route === 'POST /_sim/peer/call') return reply(200, this.peerCall(await readJson()));
        if (route === 'GET /_sim/calls') return reply(200, this.listCalls());
        return false;
    },

    // POST /_sim/peer/call {from, to?, video?, group?}: the contact `from` calls the account
    // (`to` picks it when several are linked). `group`: true for a group call of the caller and
    // the account, or the numbers of the other people called with the account.
    peerCall(spec = {}) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"from": "<digits>", "video"?: true, "group"?: true | ["<digits>"]}');
        const from = parseNumber(spec.from, 'from');
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        if (from === account) throw httpError(400, 'an account does not call itself');
        if (spec.video !== undefined && typeof spec.video !== 'boolean') throw httpError(400, 'video must be true or false');
        const group = spec.group;
        if (group !== undefined && typeof group !== 'boolean' && !Array.isArray(group)) throw httpError(400, 'group must be true, false or the numbers of the others called');
        const others = Array.isArray(group) ? group.map((n) => parseNumber(n, 'group[]')).filter((n) => n !== account && n !== from) : [];
        const isGroup = group === true || Array.isArray(group);
        const call = {
            id: callId(),
            account,
            from,
            isVideo: spec.video === true,
            isGroup,
            // Everyone called besides the account, the caller first (group calls only).
            participants: isGroup ? [from, ...new Set(others)] : [],
            offerTime: Math.floor(Date.now() / 1000),
            delivered: 0,
            rejected: false,
            rejectedAt: null,
        };
        if (!this.calls) this.calls = [];
        this.calls.push(call);
        if (this._blocks(account, from)) {
            this.sim._log('call-blocked', { id: call.id, from: `${from}@c.us`, account });
            return { ok: true, id: call.id, blocked: true };
        }
        for (const sock of this._connectedSockets(account)) {
            this.sim._send(sock, { type: 'call_offer', call: this._callWire(call) });
            call.delivered++;
        }
        this.sim._log('peer-call', { id: call.id, from: `${from}@c.us`, account, isVideo: call.isVideo, isGroup, delivered: call.delivered });
        return { ok: true, id: call.id };
    },

    _callWire(call) {
        return {
            id: call.id,
            peerJid: `${call.from}@c.us`,
            offerTime: call.offerTime,
            isVideo: call.isVideo,
            isGroup: call.isGroup,
            participants: call.participants.map((n) => `${n}@c.us`),
        };
    },

    // GET /_sim/calls: every call, oldest first, and the call links the pages made.
    listCalls() {
        return {
            calls: (this.calls || []).map((c) => ({
                id: c.id,
                from: `${c.from}@c.us`,
                to: `${c.account}@c.us`,
                isVideo: c.isVideo,
                isGroup: c.isGroup,
                participants: c.participants.map((n) => `${n}@c.us`),
                offerTime: c.offerTime,
                delivered: c.delivered,
                rejected: c.rejected,
                rejectedAt: c.rejectedAt,
            })),
            links: (this.callLinks || []).map((l) => ({ ...l })),
        };
    },

    // The page's messages about calls; false for any other type.
    _onCallMessage(sock, msg) {
        if (msg.type === 'stanza') return this._onStanza(sock, msg);
        if (msg.type !== 'call_link') return false;
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        if (!account || !['voice', 'video'].includes(msg.callType) || !Number.isSafeInteger(msg.startTime)) {
            this._answer(sock, msg, { ok: false, error: 'bad-call-link' });
            return true;
        }
        // The token is this simulator's choice of form (WhatsApp's are opaque).
        const link = `https://call.whatsapp.com/${msg.callType}/${crypto.randomBytes(16).toString('base64url').slice(0, 22)}`;
        if (!this.callLinks) this.callLinks = [];
        this.callLinks.push({ link, callType: msg.callType, startTime: msg.startTime, account: `${account}@c.us`, createdAt: Date.now() });
        this.sim._log('call-link-created', { socketId: sock.id, link, callType: msg.callType });
        this._answer(sock, msg, { ok: true, link });
        return true;
    },

    // A stanza the page cast (WADeprecatedSendIq.deprecatedCastStanza): { tag, attrs, content }.
    // Only the call rejection is modelled; any other is dropped (logged as stanza-dropped).
    _onStanza(sock, msg) {
        const node = msg.node;
        const drop = (reason) => {
            this.sim._log('stanza-dropped', { socketId: sock.id, tag: node && typeof node.tag === 'string' ? node.tag : null, reason });
            return true;
        };
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        if (!account) return drop('not-logged-in');
        if (!node || typeof node !== 'object' || node.tag !== 'call') return drop('not-modelled');
        const children = Array.isArray(node.content) ? node.content : [];
        const reject = children.length === 1 && children[0] && children[0].tag === 'reject' ? children[0] : null;
        if (!reject) return drop('not-modelled');
        const attrs = node.attrs || {};
        const rattrs = reject.attrs || {};
        const call = (this.calls || []).find((c) => c.id === rattrs['call-id'] && c.account === account);
        if (!call) return drop('unknown-call');
        if (jidNumber(attrs.from) !== account) return drop('from-is-not-the-account');
        if (jidNumber(attrs.to) !== call.from || jidNumber(rattrs['call-creator']) !== call.from) return drop('not-the-caller');
        if (typeof attrs.id !== 'string' || !attrs.id) return drop('no-stanza-id');
        if (call.rejected) return drop('already-rejected');
        call.rejected = true;
        call.rejectedAt = Date.now();
        this.sim._log('call-rejected', { socketId: sock.id, id: call.id, from: `${call.from}@c.us` });
        return true;
    },
};
