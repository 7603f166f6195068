'use strict';
// LIDs in the simulated WhatsApp Web page: which phone number goes with which LID, as far as the
// page knows, and the modules clients ask about it. whatsapp-web.js main 2dc9466 calls them in
// src/util/Injected/Utils.js:1694-1722 (enforceLidAndPnRetrieval), 1010-1033 (getContactModel),
// 961-965 (toPn in getChatModel) and src/structures/Contact.js:154-205 (block/unblock). The
// server side is ../account-lids.js. Served after account-groups.js.
//
// What the page knows: the pair of an address-book contact (the contact record carries its LID),
// of a group participant (the group metadata gives each participant's phone number), and of a
// number it asked the server about (queryWidExists answers the LID with it). What it does not:
// the phone number of someone who wrote in a `<lid>@lid` chat from outside the address book;
// getPhoneNumber answers null for them, as the real page does for a LID it has no pair for.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { ContactModel, Contact, createWid } = sim.account;

    const pnByLid = new Map();
    const lidByPn = new Map();

    // A contact model for a LID: its phone number is read from what the page knows (below).
    function ensureContact(id) {
        const wid = createWid(id);
        let contact = Contact.get(wid);
        if (!contact) {
            const twin = wid.isLid() && pnByLid.has(wid.user) ? Contact.get(`${pnByLid.get(wid.user)}@c.us`) : null;
            // A LID contact of someone in the address book carries the same names.
            const names = twin ? { name: twin.name, pushname: twin.pushname, shortName: twin.shortName, isAddressBookContact: twin.isAddressBookContact } : {};
            contact = new ContactModel({ id: wid, ...names });
            Contact.add(contact);
        }
        return contact;
    }

    // The page learns that `pn` (digits or a wid) and `lid` go together.
    function learnLid(pn, lid) {
        if (!pn || !lid) return;
        const p = createWid(typeof pn === 'string' && !pn.includes('@') ? `${pn}@c.us` : pn);
        const l = createWid(typeof lid === 'string' && !lid.includes('@') ? `${lid}@lid` : lid);
        if (p.server !== 'c.us' || !l.isLid()) throw new TypeError(`learnLid: not a phone number and a LID: ${p}, ${l}`);
        pnByLid.set(l.user, p.user);
        lidByPn.set(p.user, l.user);
    }

    const currentLid = (wid) => (wid.server === 'c.us' && lidByPn.has(wid.user) ? createWid(`${lidByPn.get(wid.user)}@lid`) : null);
    const phoneNumber = (wid) => (wid.isLid() && pnByLid.has(wid.user) ? createWid(`${pnByLid.get(wid.user)}@c.us`) : null);

    // A LID contact's phone number, where the page knows it (whatsapp-web.js main reads
    // `contact.phoneNumber`, Injected/Utils.js:1014). For a phone-number contact it is unset.
    Object.defineProperty(ContactModel.prototype, 'phoneNumber', {
        get() {
            return this.id && this.id.isLid && this.id.isLid() ? phoneNumber(this.id) || undefined : undefined;
        },
        configurable: true,
    });

    const userWid = (value, what) => {
        const wid = createWid(value);
        if (!wid.isUser()) throw new TypeError(`${what}: not a user wid: ${wid}`);
        return wid;
    };
    modules.WAWebApiContact = {
        // (phone-number wid) -> its LID wid, or null when the page has no pair for it.
        getCurrentLid: (wid) => currentLid(userWid(wid, 'getCurrentLid')),
        // (LID wid) -> its phone-number wid, or null; a phone number answers itself.
        getPhoneNumber(wid) {
            const w = userWid(wid, 'getPhoneNumber');
            return w.server === 'c.us' ? w : phoneNumber(w);
        },
        // The other id of the same user (LID for a phone number and back), or null; null for a
        // group too (whatsapp-web.js main asks it of every contact, Injected/Utils.js:1024-1029).
        getAlternateUserWid(wid) {
            const w = createWid(wid);
            return w.isLid() ? phoneNumber(w) : currentLid(w);
        },
    };
    modules.WAWebLidMigrationUtils = {
        // (wid) -> the phone number of a LID (null when unknown); a phone number answers itself.
        toPn(wid) {
            const w = createWid(wid);
            return w.isLid() ? phoneNumber(w) : w.server === 'c.us' ? w : null;
        },
    };

    // For account-sync.js, account-actions.js and account-changes.js (called once all are served).
    Object.assign(sim.account, { ensureContact, learnLid, currentLid, phoneNumber });
})();
