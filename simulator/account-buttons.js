'use strict';
// Reply buttons and lists in the account world (methods of AccountWorld, see account.js): the
// messages whatsapp-web.js sends for its deprecated Buttons and List. The page side is
// page/account-buttons.js.
//
// Known: the fields whatsapp-web.js main 2dc9466 puts on such messages (src/util/Injected/
// Utils.js:357-400) and that WhatsApp deprecated both (whatsapp-web.js warns so, src/Client.js:
// 1504-1518); a list from a business account is refused by whatsapp-web.js itself before it
// reaches the page's send ("[LT01] Whatsapp business can't send this yet"). Not known: what the
// real server does with them today, whether the contact's phone shows buttons or a list, and
// what it answers. Modelled: the server stores the message (ack 1, then 2 as any message) with
// its buttons or list, shown by GET /_sim/peer/inbox; a malformed one is refused ('bad-buttons',
// 'bad-list'). Not modelled: the contact choosing a button or a row.

const text = (v, max = 4096) => (typeof v === 'string' ? v.slice(0, max) : null);

module.exports = {
    // For _onSend (account.js): { buttons } or { list } of a message, {} when it has neither,
    // { error } when the page sent a malformed one.
    _buttonsOfSend(msg) {
        if (msg.buttons !== undefined && msg.buttons !== null) {
            const b = msg.buttons;
            const ok = b && typeof b === 'object' && Array.isArray(b.buttons) && b.buttons.length >= 1 && b.buttons.length <= 3;
            if (!ok || !b.buttons.every((x) => x && typeof x.buttonId === 'string' && typeof x.displayText === 'string')) return { error: 'bad-buttons' };
            const attachment = b.attachment && typeof b.attachment === 'object' ? { mimetype: text(b.attachment.mimetype, 255), filename: text(b.attachment.filename, 255) } : null;
            return { buttons: { title: text(b.title), footer: text(b.footer), caption: text(b.caption), buttons: b.buttons.map((x) => ({ buttonId: text(x.buttonId, 256), displayText: text(x.displayText, 256) })), attachment } };
        }
        if (msg.msgType === 'list') {
            const l = msg.list;
            const ok = l && typeof l === 'object' && typeof l.buttonText === 'string' && Array.isArray(l.sections) && l.sections.length >= 1;
            if (!ok || !l.sections.every((s) => s && Array.isArray(s.rows) && s.rows.length >= 1 && s.rows.every((r) => r && typeof r.rowId === 'string' && typeof r.title === 'string'))) return { error: 'bad-list' };
            const sections = l.sections.map((s) => ({ title: text(s.title), rows: s.rows.map((r) => ({ rowId: text(r.rowId, 256), title: text(r.title, 256), description: text(r.description) })) }));
            return { list: { title: text(l.title), description: text(l.description), buttonText: text(l.buttonText, 256), footer: text(l.footer), sections } };
        }
        return {};
    },

    // The inbox's fields for a message with reply buttons or a list.
    _inboxButtons(m) {
        return { ...(m.buttons ? { buttons: m.buttons } : {}), ...(m.list ? { list: m.list } : {}) };
    },
};
