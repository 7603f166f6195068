'use strict';
// Contact cards and group mentions in the simulated WhatsApp Web page, as whatsapp-web.js main
// 2dc9466 sends them (src/util/Injected/Utils.js:206-217 mentions and group mentions, 286-340 contact
// cards and parseVCards): a contact's card (WAWebFrontendVcardUtils.vcardFromContactModel), the
// vCard parser and its name (WAWebVcardParsingUtils.parseVcard,
// WAWebVcardGetNameFromParsed.vcardGetNameFromParsed), and what addAndSendMsgToChat needs of a
// `vcard` / `multi_vcard` message and of `groupMentions` (account-actions.js checks the rest). The
// real modules' own errors and the parsed card's shape are not known: the parsed card is opaque
// here (only vcardGetNameFromParsed reads it), malformed input is a TypeError or Error naming
// the problem. The server side is ../account-vcards.js. Served after account-polls.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { ContactModel } = sim.account;

    // ---- a contact's card ------------------------------------------------------------------

    // vCard 3.0 text values escape backslashes, commas, semicolons and line breaks.
    const escape = (v) => String(v).replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
    modules.WAWebFrontendVcardUtils = {
        // (contact model) -> { displayName, vcard }: the name shown and a vCard 3.0 with the
        // contact's WhatsApp number (`waid`), as WhatsApp Web writes a shared contact.
        vcardFromContactModel(contact) {
            if (!(contact instanceof ContactModel)) throw new TypeError('vcardFromContactModel: the argument must be a contact model');
            const displayName = contact.formattedName;
            const lines = ['BEGIN:VCARD', 'VERSION:3.0', `N:;${escape(displayName)};;;`, `FN:${escape(displayName)}`];
            if (contact.id.server === 'c.us') {
                const phone = modules.WAWebPhoneUtils.formattedPhoneNumber(contact.id._serialized);
                lines.push(`item1.TEL;waid=${contact.id.user}:${phone}`, 'item1.X-ABLabel:Mobile');
            }
            lines.push('END:VCARD');
            return { displayName, vcard: lines.join('\n') };
        },
    };

    // ---- parsing a vCard text ----------------------------------------------------------------

    class ParsedVcard {
        constructor(properties) {
            Object.defineProperty(this, 'properties', { value: properties });
        }
    }
    // Content lines `[group.]NAME[;param…]:value`, folded lines (a leading space or tab) joined;
    // BEGIN:VCARD first, END:VCARD last, a VERSION. Anything else throws, as a malformed card would.
    function parseVcard(text) {
        if (typeof text !== 'string') throw new TypeError('parseVcard: the vCard must be a string');
        const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((l) => l !== '');
        if (lines[0] !== 'BEGIN:VCARD' || lines[lines.length - 1] !== 'END:VCARD') throw new Error('parseVcard: not a vCard (BEGIN:VCARD … END:VCARD)');
        const properties = lines.slice(1, -1).map((line) => {
            const m = /^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
            if (!m) throw new Error(`parseVcard: malformed line ${JSON.stringify(line.slice(0, 80))}`);
            return { name: m[1].toUpperCase(), params: m[2], value: m[3] };
        });
        if (!properties.some((p) => p.name === 'VERSION')) throw new Error('parseVcard: no VERSION');
        return new ParsedVcard(properties);
    }
    modules.WAWebVcardParsingUtils = { parseVcard };
    modules.WAWebVcardGetNameFromParsed = {
        // The formatted name (FN), else the structured name (N: given and family names).
        vcardGetNameFromParsed(parsed) {
            if (!(parsed instanceof ParsedVcard)) throw new TypeError('vcardGetNameFromParsed: the argument must be a parsed vCard');
            const unescape = (v) => v.replace(/\\n/gi, '\n').replace(/\\(.)/g, '$1');
            const fn = parsed.properties.find((p) => p.name === 'FN');
            if (fn && fn.value.trim()) return unescape(fn.value);
            const n = parsed.properties.find((p) => p.name === 'N');
            const [family = '', given = ''] = n ? n.value.split(';') : [];
            return unescape([given, family].filter(Boolean).join(' '));
        },
    };

    // ---- what addAndSendMsgToChat needs ----------------------------------------------------

    const isVcardText = (v) => typeof v === 'string' && v.startsWith('BEGIN:VCARD') && /END:VCARD\s*$/.test(v);
    const isText = (v) => typeof v === 'string';
    sim.account.outgoingNeeds.vcard = { body: isVcardText, vcardFormattedName: isText };
    sim.account.outgoingNeeds.multi_vcard = {
        vcardList: (v) => Array.isArray(v) && v.length > 0 && v.every((c) => c && isText(c.displayName) && isVcardText(c.vcard)),
        body: (v) => v == null,
    };
    const isGroupWid = (v) => Boolean(v && typeof v === 'object' && typeof v._serialized === 'string' && v.server === 'g.us');
    // Group mentions, when the message has them: `[{ groupSubject, groupJid }]` (Utils.js:213-217).
    sim.account.checkCards = (data, fail) => {
        if (data.groupMentions === undefined) return;
        if (!Array.isArray(data.groupMentions) || !data.groupMentions.every((g) => g && isText(g.groupSubject) && isGroupWid(g.groupJid))) {
            fail('groupMentions must be a list of { groupSubject, groupJid } with group wids');
        }
    };
    // What goes to the server with the message (../account-vcards.js).
    sim.account.cardsWireOf = (msg) => ({
        vcardFormattedName: msg.type === 'vcard' ? msg.vcardFormattedName : undefined,
        vcardList: msg.type === 'multi_vcard' ? msg.vcardList.map((c) => ({ displayName: c.displayName, vcard: c.vcard })) : undefined,
        groupMentions: Array.isArray(msg.groupMentions) && msg.groupMentions.length ? msg.groupMentions.map((g) => ({ subject: g.groupSubject, jid: g.groupJid._serialized })) : undefined,
    });
})();
