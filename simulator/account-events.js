'use strict';
// Scheduled events in the account world (methods of AccountWorld, see account.js): the account
// sends an event, edits its own, and answers events (going, not going, maybe); contacts send the
// account events. The page side is page/account-events.js.
//
// Facts modelled:
// - An event is a message of type `event_creation` with a name, a start time (seconds), and
//   optionally a description, an end time, a location (a name; whatsapp-web.js sends coordinates
//   0, 0), a WhatsApp call link, whether it is canceled, and a 32-byte `messageSecret` (responses
//   are encrypted with it). whatsapp-web.js main 2dc9466 src/util/Injected/Utils.js:254-285 builds
//   exactly these; the call link comes from WAWebGenerateEventCallLink.createEventCallLink(start,
//   'voice' | 'video') (account-calls.js): the server takes only links it made.
// - A response is a number: 0 none (takes an earlier response back), 1 going, 2 not going,
//   3 maybe (whatsapp-web.js Client.js:3219-3251); a later one replaces the earlier one.
// - An own event can be edited (name, times, description, location, call link, canceled) until it
//   is canceled; then it cannot (whatsapp-web.js Message.js:945-948 says so).
// Not known, so not modelled: limits on the name or description (the server here takes what the
// page takes, 2048 characters for a name), whether the end must follow the start (refused here),
// responses to a canceled event (taken here), edits reaching the account's other devices or the
// contact (the inbox shows the event as it is now), contacts' responses, events in channels.

const crypto = require('crypto');

const { httpError, optionalString } = require('./account-util');

const MAX_NAME = 2048;
const MAX_TEXT = 4096;
const LINK_RE = /^https:\/\/call\.whatsapp\.com\/(voice|video)\/[A-Za-z0-9_-]{16,64}$/;
// Times in seconds, 10 digits at most (whatsapp-web.js's types say so).
const isTime = (v) => Number.isInteger(v) && v > 0 && v < 1e10;

module.exports = {
    // The control routes of events; false for any other route.
    async _eventsControl(route, url, readJson, reply) {
        if (route === 'GET /_sim/event') return reply(200, this.eventInfo(url.searchParams.get('id')));
        return false;
    },

    // The event fields shared by the page's send and edit: null when any is malformed.
    _eventFieldsOf(wire) {
        if (!wire || typeof wire !== 'object') return null;
        const { name, startTime, endTime, description, location, joinLink, canceled } = wire;
        if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME || !isTime(startTime)) return null;
        if (endTime != null && (!isTime(endTime) || endTime < startTime)) return null;
        if (description != null && (typeof description !== 'string' || description.length > MAX_TEXT)) return null;
        if (location != null && (typeof location !== 'string' || location.length > MAX_TEXT)) return null;
        // A call link must be one this server handed out.
        if (joinLink != null && (typeof joinLink !== 'string' || !LINK_RE.test(joinLink) || !this._callLinks().has(joinLink))) return null;
        if (typeof canceled !== 'boolean') return null;
        return { name, startTime, endTime: endTime ?? null, description: description ?? null, location: location ?? null, joinLink: joinLink ?? null, canceled };
    },

    // The call links the server made (account-calls.js keeps them).
    _callLinks() {
        return new Set((this.callLinks || []).map((l) => l.link));
    },

    // A contact's event with a call: a link as the page's would be (account-calls.js's form).
    _newCallLink(callType, startTime) {
        const link = `https://call.whatsapp.com/${callType}/${crypto.randomBytes(16).toString('base64url').slice(0, 22)}`;
        if (!this.callLinks) this.callLinks = [];
        this.callLinks.push({ link, callType, startTime, account: null, createdAt: Date.now() });
        return link;
    },

    // For _onSend (account.js): the event of an `event_creation` message, false when it is malformed.
    _eventOfSend(msg) {
        if (msg.msgType !== 'event_creation') return null;
        const fields = this._eventFieldsOf(msg.event);
        if (!fields || typeof msg.event.secret !== 'string' || Buffer.from(msg.event.secret, 'base64').length !== 32) return false;
        return { ...fields, secret: msg.event.secret, responses: new Map(), edits: [] };
    },

    // For peerSend (account.js): the event a contact sends, from the control body's `event`
    // {name, startTime, endTime?, description?, location?, callType?: 'voice'|'video', canceled?};
    // null when there is none.
    _peerEventOf(spec) {
        if (spec === undefined || spec === null) return null;
        if (typeof spec !== 'object') throw httpError(400, 'event must be {"name", "startTime" (seconds), "endTime"?, "description"?, "location"?, "callType"?: "voice"|"video", "canceled"?}');
        if (spec.callType != null && !['voice', 'video'].includes(spec.callType)) throw httpError(400, 'event.callType must be "voice" or "video"');
        if (spec.canceled !== undefined && typeof spec.canceled !== 'boolean') throw httpError(400, 'event.canceled must be a boolean');
        const fields = this._eventFieldsOf({
            name: spec.name,
            startTime: spec.startTime,
            endTime: spec.endTime,
            description: optionalString(spec.description, 'event.description', MAX_TEXT),
            location: optionalString(spec.location, 'event.location', MAX_TEXT),
            joinLink: spec.callType && Number.isSafeInteger(spec.startTime) ? this._newCallLink(spec.callType, spec.startTime) : null,
            canceled: spec.canceled === true,
        });
        if (!fields) throw httpError(400, `event needs a name (1-${MAX_NAME} characters) and startTime (seconds); endTime, when given, not before startTime`);
        return { ...fields, secret: crypto.randomBytes(32).toString('base64'), responses: new Map(), edits: [] };
    },

    // An event as the inbox and GET /_sim/event show it.
    _eventView(m) {
        const e = m.event;
        return {
            name: e.name,
            description: e.description,
            startTime: e.startTime,
            endTime: e.endTime,
            location: e.location,
            joinLink: e.joinLink,
            canceled: e.canceled,
            messageSecret: e.secret,
            edits: e.edits.map((x) => ({ ...x })),
            responses: [...e.responses.values()].map((r) => ({ ...r })),
        };
    },

    // An event as it travels to the page with its message (history, other devices, contacts').
    _eventWire(m) {
        const e = m.event;
        if (!e) return undefined;
        return { name: e.name, description: e.description, startTime: e.startTime, endTime: e.endTime, location: e.location, joinLink: e.joinLink, canceled: e.canceled, secret: e.secret };
    },

    // GET /_sim/event?id=<message key>: an event message (sent by the account or to it) and the
    // responses to it.
    eventInfo(id) {
        const m = typeof id === 'string' ? this.messages.get(id) : null;
        if (!m) throw httpError(404, `no message ${JSON.stringify(id)}`);
        if (!m.event) throw httpError(400, `${m.key} is not an event`);
        return { id: m.key, chat: m.chat, fromMe: m.fromMe, type: m.type, ...this._eventView(m) };
    },

    // The page's own messages about events; false for any other type.
    _onEventMessage(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const refuse = (error) => {
            this._answer(sock, msg, { ok: false, error });
            return true;
        };
        switch (msg.type) {
            case 'send_event_response': {
                const m = this.messages.get(String(msg.parentKey));
                if (!account || !m || m.account !== account || !m.event) return refuse('no-event');
                if (![0, 1, 2, 3].includes(msg.response)) return refuse('bad-response');
                if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse('bad-id');
                const sender = this._userWid(account, m.chat);
                const t = Math.floor(Date.now() / 1000);
                if (msg.response === 0) m.event.responses.delete(sender);
                else m.event.responses.set(sender, { from: sender, response: msg.response, t, id: msg.id });
                this.sim._log('event-response-sent', { socketId: sock.id, parentKey: m.key, response: msg.response });
                this._answer(sock, msg, { ok: true, t });
                return true;
            }
            case 'edit_event': {
                const m = this.messages.get(String(msg.key));
                if (!account || !m || m.account !== account || !m.event) return refuse('no-event');
                if (!m.fromMe) return refuse('not-sender');
                if (m.event.canceled) return refuse('canceled');
                const fields = this._eventFieldsOf(msg.event);
                if (!fields) return refuse('bad-event');
                const t = Math.floor(Date.now() / 1000);
                const { secret, ...before } = this._eventWire(m);
                m.event.edits.push({ ...before, t });
                Object.assign(m.event, fields);
                this.sim._log('event-edited', { socketId: sock.id, key: m.key, canceled: fields.canceled });
                this._answer(sock, msg, { ok: true, t });
                return true;
            }
            default:
                return false;
        }
    },
};
