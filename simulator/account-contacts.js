'use strict';
// The address book in the account world (methods of AccountWorld, see account.js): contacts
// with their names, pictures and LIDs (account-lids.js), numbers that are not on WhatsApp, and
// the contact records the pages get.

const { httpError, parseNumber, optionalString } = require('./account-util');

// `devices` of POST /_sim/contacts: 0 to 4, WhatsApp's limit of linked devices per phone.
function linkedDevices(value) {
    if (value === undefined || value === null) return 0;
    if (!Number.isInteger(value) || value < 0 || value > 4) throw httpError(400, 'contacts[].devices must be 0 to 4, the linked devices besides the phone');
    return value;
}

module.exports = {
    // A contact as the pages get it: { number, lid, name, pushname, isBusiness, about, picture, isMyContact, registered }.
    _contactRecord(number) {
        const c = this.contacts.get(number);
        return {
            number,
            lid: this._lidOf(number),
            name: c ? c.name : null,
            pushname: c ? c.pushname : null,
            isBusiness: c ? c.isBusiness : false,
            about: c ? c.about : null,
            // Where the profile picture is on the media server (null: none, or not shown).
            picture: c ? c.picture : null,
            isMyContact: Boolean(c && c.name),
            registered: !this.unregistered.has(number),
        };
    },

    addContacts(list) {
        if (!Array.isArray(list)) throw httpError(400, 'body must be {"contacts": [{"number": "15551234567", "name": "..."}]}');
        const added = [];
        for (const c of list) {
            if (!c || typeof c !== 'object') throw httpError(400, 'each contact must be an object with a "number"');
            const number = parseNumber(c.number, 'contacts[].number');
            this._contactLid(number, c.lid);
            this.contacts.set(number, {
                name: optionalString(c.name, 'name', 200),
                pushname: optionalString(c.pushname, 'pushname', 200),
                isBusiness: Boolean(c.isBusiness),
                // The profile the server gives for a business (account-business.js).
                businessProfile: this._parseBusinessProfile(c.businessProfile, Boolean(c.isBusiness)),
                about: optionalString(c.about, 'about', 1000),
                picture: c.picture ? this._upload(c.picture).directPath : null,
                // Linked devices besides the phone (WAWebApiDeviceList, account-profile.js).
                devices: linkedDevices(c.devices),
                // Adds to groups only by a private invite (403 to an add; account-group-admin.js).
                invitesOnly: c.invitesOnly === true,
            });
            added.push(number);
        }
        this.sim._log('contacts-added', { numbers: added });
        this._broadcast({ type: 'contacts', contacts: added.map((n) => this._contactRecord(n)) });
        return { ok: true, count: added.length };
    },

    addUnregistered(list) {
        if (!Array.isArray(list)) throw httpError(400, 'body must be {"numbers": ["15551234567"]}');
        const numbers = list.map((n) => parseNumber(n, 'numbers[]'));
        for (const n of numbers) this.unregistered.add(n);
        this.sim._log('unregistered-added', { numbers });
        return { ok: true, count: numbers.length };
    },

    // A contact's `lid` as POST /_sim/contacts gives it: digits, set once.
    _contactLid(number, lid) {
        if (lid === undefined || lid === null) return this._lidOf(number);
        const digits = typeof lid === 'string' ? lid.replace(/@lid$/, '') : typeof lid === 'number' && Number.isSafeInteger(lid) ? String(lid) : null;
        if (!digits || !/^[1-9]\d{5,19}$/.test(digits)) throw httpError(400, `contacts[].lid must be the LID's digits like "123456789012345", not ${JSON.stringify(lid)}`);
        this._setLid(number, digits);
        return digits;
    },

    // GET /_sim/contacts: the address book, with each contact's LID.
    listContacts() {
        return { contacts: [...this.contacts.keys()].map((n) => this._contactRecord(n)) };
    },

    // The contact record of someone writing in a LID chat: the page learns no phone number.
    _lidContactRecord(number) {
        const c = this.contacts.get(number);
        return {
            number: null,
            lid: this._lidOf(number),
            name: null,
            pushname: c ? c.pushname : null,
            isBusiness: c ? c.isBusiness : false,
            about: null,
            picture: null,
            isMyContact: false,
            registered: true,
        };
    },
};
