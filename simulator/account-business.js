'use strict';
// WhatsApp Business in the account world (methods of AccountWorld, see account.js): the business
// profiles of business contacts and the customer notes of a business account. The page side is
// page/account-business.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466):
// - A business contact's profile is the server's (WAWebCollections.BusinessProfile.find(wid)
//   fetches it; Injected/Utils.js:1063-1072, 1077-1090) and its serialize() is what
//   whatsapp-web.js hands over as `businessProfile` (Utils.js:1021-1023; the fields of
//   index.d.ts BusinessContact: id, tag, description, categories, profileOptions, email, website,
//   latitude, longitude, businessHours, address). whatsapp-web.js keeps a profile only when it has
//   `profileOptions` (Utils.js:1070); the simulator's profiles always have them.
// - Customer notes (Client.js:3333-3398, https://faq.whatsapp.com/1433099287594476) are a
//   WhatsApp Business feature: WAWebBizGatingUtils.smbNotesV1Enabled() is false on a personal
//   account. A chat has one note (retrieveOnlyNoteForChatJid); noteAddAction('unstructured',
//   <user jid>, text) adds it or replaces its text. The notes are the account's, kept by the
//   server for its devices. The note's id, and createdAt/modifiedAt in seconds, are the
//   simulator's choices (the real values are the server's).

const crypto = require('node:crypto');
const { httpError, parseNumber, MAX_BODY } = require('./account-util');

const MAX_PROFILE_TEXT = 1000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function text(value, name, max = MAX_PROFILE_TEXT) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.length > max) throw httpError(400, `businessProfile.${name} must be a string of at most ${max} characters`);
    return value;
}

function number(value, name, min, max) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw httpError(400, `businessProfile.${name} must be a number from ${min} to ${max}`);
    return value;
}

module.exports = {
    // contacts[].businessProfile of POST /_sim/contacts (only with isBusiness: true): the profile
    // as the server keeps it, without its id (the contact's wid).
    _parseBusinessProfile(spec, isBusiness) {
        if (spec === undefined || spec === null) return null;
        if (!isBusiness) throw httpError(400, 'contacts[].businessProfile needs isBusiness: true');
        if (typeof spec !== 'object' || Array.isArray(spec)) throw httpError(400, 'contacts[].businessProfile must be {"description"?, "email"?, "website"?: [..], "categories"?: [{"id", "name"}], "address"?, "latitude"?, "longitude"?, "tag"?, "businessHours"?: {"timezone", "config": {"mon": {"mode", "hours"?}}}, "commerceExperience"?, "cartEnabled"?}');
        const website = spec.website === undefined ? [] : spec.website;
        if (!Array.isArray(website) || website.length > 2 || !website.every((w) => typeof w === 'string' && w.length <= 500)) throw httpError(400, 'businessProfile.website must be a list of at most 2 addresses');
        const categories = spec.categories === undefined ? [] : spec.categories;
        if (!Array.isArray(categories) || categories.length > 3 || !categories.every((c) => c && typeof c.id === 'string' && typeof c.name === 'string')) throw httpError(400, 'businessProfile.categories must be at most 3 of {"id", "name"}');
        let businessHours;
        if (spec.businessHours !== undefined && spec.businessHours !== null) {
            const h = spec.businessHours;
            if (!h || typeof h.timezone !== 'string' || !h.config || typeof h.config !== 'object') throw httpError(400, 'businessProfile.businessHours must be {"timezone", "config": {<day>: {"mode", "hours"?}}}');
            const config = {};
            for (const [day, v] of Object.entries(h.config)) {
                if (!DAYS.includes(day) || !v || !['open_24h', 'appointment_only', 'specific_hours'].includes(v.mode)) throw httpError(400, `businessProfile.businessHours.config: days are ${DAYS.join(', ')}, each {"mode": "open_24h"|"appointment_only"|"specific_hours", "hours"?: [open, close minutes]}`);
                const hours = v.hours === undefined ? [] : v.hours;
                if (!Array.isArray(hours) || hours.length > 4 || !hours.every((m) => Number.isInteger(m) && m >= 0 && m <= 1440)) throw httpError(400, 'businessProfile.businessHours hours are minutes of the day, 0..1440');
                config[day] = { mode: v.mode, hours };
            }
            businessHours = { config, timezone: h.timezone };
        }
        const commerceExperience = spec.commerceExperience === undefined ? 'none' : spec.commerceExperience;
        if (!['none', 'catalog', 'shop'].includes(commerceExperience)) throw httpError(400, 'businessProfile.commerceExperience must be "none", "catalog" or "shop"');
        if (spec.cartEnabled !== undefined && typeof spec.cartEnabled !== 'boolean') throw httpError(400, 'businessProfile.cartEnabled must be true or false');
        return {
            tag: text(spec.tag, 'tag', 100) ?? '',
            description: text(spec.description, 'description') ?? '',
            categories: categories.map((c) => ({ id: c.id, localized_display_name: c.name })),
            profileOptions: { commerceExperience, cartEnabled: spec.cartEnabled !== false },
            email: text(spec.email, 'email', 200) ?? null,
            website,
            latitude: number(spec.latitude, 'latitude', -90, 90) ?? null,
            longitude: number(spec.longitude, 'longitude', -180, 180) ?? null,
            address: text(spec.address, 'address', 500) ?? null,
            ...(businessHours ? { businessHours } : {}),
        };
    },

    // The page asks for a contact's business profile: { type: 'business_profile', id: '<digits>@c.us' }.
    _onBusinessProfile(sock, msg) {
        const number = typeof msg.id === 'string' && /^\d+@c\.us$/.test(msg.id) ? msg.id.split('@')[0] : null;
        const c = number ? this.contacts.get(number) : null;
        this.sim._log('business-profile-fetched', { socketId: sock.id, id: String(msg.id) });
        this._answer(sock, msg, c && c.isBusiness && c.businessProfile ? { ok: true, profile: c.businessProfile } : { ok: false, error: 'not-found' });
        return true;
    },

    // The account's customer notes: Map '<user>@s.whatsapp.net' -> { id, chatJid, content, type, createdAt, modifiedAt }.
    _notesOf(account) {
        if (!this.noteStore) this.noteStore = new Map();
        if (!this.noteStore.has(account)) this.noteStore.set(account, new Map());
        return this.noteStore.get(account);
    },

    async _businessControl(route, url, readJson, reply) {
        if (route !== 'GET /_sim/notes') return false;
        return reply(200, this.notesInfo(url.searchParams.get('account')));
    },

    // GET /_sim/notes[?account=<digits>]: the account's customer notes as the server keeps them.
    notesInfo(accountIn) {
        const account = this._account(accountIn === null || accountIn === undefined || accountIn === '' ? null : parseNumber(accountIn, 'account'));
        return { account, business: this._labelsOf(account).business, notes: [...this._notesOf(account).values()].map((n) => ({ ...n })) };
    },

    // The page's customer-note requests: { type: 'note_add', noteType, chatJid, content } and
    // { type: 'note_get', chatJid }. Refused unless the account is a business one and the chat a
    // person's user jid; a refused add changes nothing.
    _onNote(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const refuse = (error) => {
            this._answer(sock, msg, { ok: false, error });
            return true;
        };
        if (!account || !this._labelsOf(account).business) return refuse('not-business');
        const chatJid = typeof msg.chatJid === 'string' && /^\d{5,20}@s\.whatsapp\.net$/.test(msg.chatJid) ? msg.chatJid : null;
        if (!chatJid) return refuse('bad-jid');
        const notes = this._notesOf(account);
        if (msg.type === 'note_get') {
            const note = notes.get(chatJid);
            this._answer(sock, msg, { ok: true, note: note ? { ...note } : null });
            return true;
        }
        if (msg.noteType !== 'unstructured') return refuse('bad-type');
        if (typeof msg.content !== 'string' || msg.content.length > MAX_BODY) return refuse('bad-content');
        const now = Math.floor(Date.now() / 1000);
        const old = notes.get(chatJid);
        const note = old ? { ...old, content: msg.content, modifiedAt: now } : { id: crypto.randomBytes(8).toString('hex').toUpperCase(), chatJid, content: msg.content, type: 'unstructured', createdAt: now, modifiedAt: now };
        notes.set(chatJid, note);
        this.sim._log('note-saved', { socketId: sock.id, chatJid, content: msg.content });
        this._answer(sock, msg, { ok: true, note: { ...note } });
        return true;
    },
};
