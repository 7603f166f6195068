'use strict';
// The linked account's own profile and address book as its pages change them (methods of
// AccountWorld, see account.js): presence, the "about" text, the display name (pushname), the
// profile picture, contacts saved to or deleted from the address book, and the device lists
// clients ask for. The page side is page/account-profile.js. What the modules are and the
// evidence for each is in simulator/README.md ("The strict page").
//
// Facts modelled:
// - The profile is the account's, shared by its devices: a change made on one page reaches the
//   others (and pages that connect later), as Conn.pushname, the account's own contact's about
//   text and its ProfilePicThumb model.
// - A user's devices are its phone (device 0) and its linked devices (whatsapp-web.js main
//   Client.js:3141-3148: "the phone counts as one, each WhatsApp Web connection as one"); a
//   number that is not on WhatsApp has none.
// - The address book is this simulator's one list (account-contacts.js): a contact saved from a
//   page gets that name everywhere, a deleted one loses it (it stays a WhatsApp user).

const { httpError, parseNumber, phoneMessageId } = require('./account-util');

// Base64, or a data URL of it (whatsapp-web.js passes data URLs, Injected/Utils.js:1333-1345).
const BASE64_RE = /^(?:data:(image\/[\w.+-]+);base64,)?([A-Za-z0-9+/]+={0,2})$/;

module.exports = {
    // The control routes of the profile; false for any other route.
    async _profileControl(route, url, readJson, reply) {
        if (route === 'POST /_sim/peer/change-number') return reply(200, this.peerChangeNumber(await readJson()));
        if (route !== 'GET /_sim/account') return false;
        const to = url.searchParams.get('to');
        return reply(200, this.accountInfo(to === null ? undefined : to));
    },

    // POST /_sim/peer/change-number {from, to}: the contact `from` moves to the number `to`. Its
    // LID stays (a LID names the person, not the number); the old number leaves WhatsApp; the
    // address book keeps its name under the old number. Each linked account that has a chat with
    // it gets a `notification_template` of subtype `change_number` in a chat with the new number,
    // `from` the account and `to` the new number, `templateParams` the two ids in increasing
    // order (whatsapp-web.js PR 2027, main Client.js:700-745, which turns it into contact_changed).
    peerChangeNumber(spec = {}) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"from": "<old digits>", "to": "<new digits>"}');
        const from = parseNumber(spec.from, 'from');
        const to = parseNumber(spec.to, 'to');
        if (this._accounts().includes(from)) throw httpError(400, `${from} is a linked account: changing its own number is not modelled`);
        if (from === to || this.lidByNumber.has(to) || this.contacts.has(to)) throw httpError(409, `${to} is already known to WhatsApp`);
        if (this.unregistered.has(from)) throw httpError(409, `${from} is not on WhatsApp`);
        const lid = this._lidOf(from);
        this.lidByNumber.delete(from);
        this.numberByLid.delete(lid);
        this._setLid(to, lid);
        const contact = this.contacts.get(from);
        if (contact) this.contacts.set(to, { ...contact, name: null });
        this.unregistered.add(from);
        this.unregistered.delete(to);
        const accounts = [...new Set([...this.messages.values()].filter((m) => m.peer === from).map((m) => m.account))];
        const notes = [];
        for (const account of accounts) {
            const note = this._store({ account, peer: to, fromMe: false, id: phoneMessageId(), body: '', type: 'notification_template' });
            Object.assign(note, { from: `${account}@c.us`, to: `${to}@c.us`, subtype: 'change_number', templateParams: [`${from}@c.us`, `${to}@c.us`].sort() });
            notes.push(note.key);
            for (const sock of this._connectedSockets(account)) {
                this._pushTo(sock, note, this._wire(note));
                this.sim._send(sock, { type: 'number_changed', key: note.key, templateParams: note.templateParams });
            }
        }
        this.sim._log('number-changed', { from: `${from}@c.us`, to: `${to}@c.us`, notes });
        return { ok: true, notes };
    },

    // The profile of an account (created with the session's pushname when first asked).
    _profile(account) {
        if (!this.profiles) this.profiles = new Map();
        if (!this.profiles.has(account)) {
            const session = [...this.sim.sessions.values()].find((s) => s.wid === `${account}@c.us`);
            this.profiles.set(account, {
                displayName: session ? session.pushname : null,
                about: null,
                picture: null,
                presence: null,
                presenceAt: null,
                addressbook: new Map(),
            });
        }
        return this.profiles.get(account);
    },

    // GET /_sim/account[?to=<digits>]: the account's profile as its pages set it.
    accountInfo(number) {
        const account = this._account(number === undefined || number === null ? null : parseNumber(number, 'to'));
        const p = this._profile(account);
        const file = p.picture && this.media.get(p.picture.directPath);
        return {
            account: `${account}@c.us`,
            displayName: p.displayName,
            about: p.about,
            picture: p.picture ? { url: `/_media${p.picture.directPath}`, mimetype: file ? file.mimetype : null, size: file ? file.data.length : 0, setAt: p.picture.setAt } : null,
            presence: p.presence,
            presenceAt: p.presenceAt,
            addressbook: [...p.addressbook.entries()].map(([n, e]) => ({ number: n, ...e })),
        };
    },

    // What the pages hold of the profile: sent at connect and after each change.
    _profileWire(account) {
        const p = this._profile(account);
        return { type: 'profile', pushname: p.displayName, about: p.about, picture: p.picture ? { directPath: p.picture.directPath, tag: p.picture.tag } : null };
    },

    _sendProfile(account) {
        for (const sock of this._connectedSockets(account)) this.sim._send(sock, this._profileWire(account));
    },

    // The page's messages about the profile and the address book; false for any other type.
    _onProfileMessage(sock, msg) {
        const handler = PROFILE_MESSAGES[msg.type];
        if (!handler) return false;
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        if (!account) this._answer(sock, msg, { ok: false, error: 'not-logged-in' });
        else this._answer(sock, msg, handler.call(this, account, msg, sock));
        return true;
    },

    // The devices of a number: the phone (0) and its linked devices, none when not on WhatsApp.
    _devicesOf(number) {
        if (this.unregistered.has(number)) return [];
        const sessions = [...this.sim.sessions.values()].filter((s) => s.wid === `${number}@c.us`).length;
        const contact = this.contacts.get(number);
        const companions = sessions || (contact && contact.devices) || 0;
        return Array.from({ length: companions + 1 }, (_, i) => i);
    },
};

// Each page message: (account, msg, sock) -> the answer.
const PROFILE_MESSAGES = {
    presence(account, msg, sock) {
        if (typeof msg.available !== 'boolean') return { ok: false, error: 'bad-presence' };
        const p = this._profile(account);
        p.presence = msg.available ? 'available' : 'unavailable';
        p.presenceAt = Date.now();
        this.sim._log('presence-sent', { socketId: sock.id, account, presence: p.presence });
        return { ok: true };
    },
    set_status(account, msg, sock) {
        if (typeof msg.status !== 'string') return { ok: false, error: 'bad-status' };
        this._profile(account).about = msg.status;
        this.sim._log('about-set', { socketId: sock.id, account, about: msg.status });
        this._sendProfile(account);
        return { ok: true, status: 200 };
    },
    set_pushname(account, msg, sock) {
        if (typeof msg.name !== 'string') return { ok: false, error: 'bad-pushname' };
        this._profile(account).displayName = msg.name;
        // Devices that connect later get it with `connected` (connections.js reads the session).
        for (const s of this.sim.sessions.values()) if (s.wid === `${account}@c.us`) s.pushname = msg.name;
        this.sim._log('pushname-set', { socketId: sock.id, account, pushname: msg.name });
        this._sendProfile(account);
        return { ok: true };
    },
    set_picture(account, msg, sock) {
        const picture = BASE64_RE.exec(typeof msg.picture === 'string' ? msg.picture : '');
        const preview = BASE64_RE.exec(typeof msg.preview === 'string' ? msg.preview : '');
        if (!picture || !preview || msg.wid !== `${account}@c.us`) return { ok: false, status: 400 };
        const file = this._upload({ mimetype: picture[1] || 'image/jpeg', data: picture[2] });
        const tag = String(Date.now());
        this._profile(account).picture = { directPath: file.directPath, tag, setAt: Date.now() };
        this.sim._log('picture-set', { socketId: sock.id, account, size: file.size });
        this._sendProfile(account);
        return { ok: true, status: 200, eurl: `/_media${file.directPath}`, tag, token: tag };
    },
    delete_picture(account, msg, sock) {
        const p = this._profile(account);
        if (msg.wid !== `${account}@c.us`) return { ok: false, status: 400 };
        if (!p.picture) return { ok: false, status: 404 };
        p.picture = null;
        this.sim._log('picture-deleted', { socketId: sock.id, account });
        this._sendProfile(account);
        return { ok: true, status: 200 };
    },
    device_list(account, msg) {
        if (!Array.isArray(msg.users)) return { ok: false, error: 'bad-device-list' };
        const lists = msg.users.map((user) => {
            const number = this._numberOfUser(String(user));
            return { user, devices: number ? this._devicesOf(number) : [] };
        });
        return { ok: true, lists };
    },
    save_contact(account, msg, sock) {
        let number;
        try {
            number = parseNumber(msg.phoneNumber, 'phoneNumber');
        } catch {
            return { ok: false, error: 'bad-phone-number' };
        }
        const name = [msg.firstName, msg.lastName].filter((s) => typeof s === 'string' && s.trim()).join(' ').trim();
        if (!name) return { ok: false, error: 'no-name' };
        const contact = this.contacts.get(number) || { name: null, pushname: null, isBusiness: false, about: null, picture: null, devices: 0 };
        this.contacts.set(number, { ...contact, name });
        this._profile(account).addressbook.set(number, { firstName: msg.firstName, lastName: msg.lastName, syncToAddressbook: msg.syncToAddressbook === true });
        this.sim._log('contact-saved', { socketId: sock.id, account, number, name, syncToAddressbook: msg.syncToAddressbook === true });
        this._broadcast({ type: 'contacts', contacts: [this._contactRecord(number)] });
        return { ok: true };
    },
    delete_contact(account, msg, sock) {
        const number = this._numberOfUser(String(msg.phoneNumber));
        const contact = number && this.contacts.get(number);
        if (!contact || !contact.name) return { ok: false, error: 'not-in-the-address-book' };
        this.contacts.set(number, { ...contact, name: null });
        this._profile(account).addressbook.delete(number);
        this.sim._log('contact-deleted', { socketId: sock.id, account, number });
        this._broadcast({ type: 'contacts', contacts: [this._contactRecord(number)] });
        return { ok: true };
    },
};
