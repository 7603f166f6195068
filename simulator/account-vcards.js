'use strict';
// Contact cards and group mentions on the simulated server: what it makes of a `vcard` or
// `multi_vcard` message and of a message's `groupMentions` the page sent
// (page/account-vcards.js sends them with the message), checked, and how the contact's inbox
// shows them. What WhatsApp's apps cannot show is refused: a card that is not a vCard
// (`BEGIN:VCARD` … `END:VCARD`), a list of cards that is empty or over 256, a group mention
// without a subject or a `<id>@g.us` id. A group mention need not name an existing group
// (whatsapp-web.js's example.js: "the same if the group does not exist").

const MAX_CARD = 64 * 1024;
const isVcard = (v) => typeof v === 'string' && v.length <= MAX_CARD && v.startsWith('BEGIN:VCARD') && /END:VCARD\s*$/.test(v);
const isName = (v) => typeof v === 'string' && v.length <= 1000;

// { type?, body?, vcards?, groupMentions? } for _onSend (account.js), or { error }.
function cardsOfSend(msg) {
    const out = {};
    if (msg.msgType === 'vcard') {
        if (!isVcard(msg.body) || !isName(msg.vcardFormattedName)) return { error: 'bad-vcard' };
        Object.assign(out, { type: 'vcard', body: msg.body, vcards: [{ displayName: msg.vcardFormattedName, vcard: msg.body }] });
    } else if (msg.msgType === 'multi_vcard') {
        const list = msg.vcardList;
        if (!Array.isArray(list) || list.length === 0 || list.length > 256 || !list.every((c) => c && isName(c.displayName) && isVcard(c.vcard))) return { error: 'bad-vcard' };
        Object.assign(out, { type: 'multi_vcard', body: '', vcards: list.map((c) => ({ displayName: c.displayName, vcard: c.vcard })) });
    }
    if (msg.groupMentions !== undefined) {
        const list = msg.groupMentions;
        const ok = Array.isArray(list) && list.length <= 1024 && list.every((g) => g && isName(g.subject) && typeof g.jid === 'string' && /^[A-Za-z0-9._:+-]{1,64}@g\.us$/.test(g.jid));
        if (!ok) return { error: 'bad-group-mentions' };
        out.groupMentions = list.map((g) => ({ groupSubject: g.subject, groupJid: g.jid }));
    }
    return out;
}

module.exports = {
    _cardsOfSend: cardsOfSend,
    // The inbox's fields for a message's cards and group mentions.
    _inboxCards(m) {
        return { ...(m.vcards ? { vcards: m.vcards } : {}), ...(m.groupMentions ? { groupMentions: m.groupMentions } : {}) };
    },
};
