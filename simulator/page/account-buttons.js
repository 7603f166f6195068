'use strict';
// Buttons and lists in the simulated WhatsApp Web page: what addAndSendMsgToChat takes of the
// messages whatsapp-web.js sends for its deprecated Buttons and List (main 2dc9466
// src/util/Injected/Utils.js:357-400, spread into the message at :460-483):
// - Buttons: a `chat` message with `isDynamicReplyButtonsMsg: true`, `productHeaderImageRejected`
//   and `isFromTemplate` false, `dynamicReplyButtons` and `replyButtons` (the same list of
//   `{buttonId, buttonText: {displayText}, type: 1}`, at most 3), `caption` (the body for a text
//   body, else the caption or ' '), `title` and `footer` (or undefined); a media body travels as
//   `attachment` (src/Client.js:1509-1511, the MessageMedia as it is).
// - A list: a `list` message whose `body` is the description, `footer`, and `list`:
//   `{description, buttonText, title, sections: [{title, rows: [{rowId, title, description}]}],
//   listType: 1}`.
// Only that these fields are accepted is known (whatsapp-web.js sends them); what the real page
// and server do with them, and the real page's errors for malformed ones, are not known: these
// checks are TypeErrors naming the field. The server side is ../account-buttons.js. Served after
// account-bots.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const isText = (v) => typeof v === 'string';
    const optText = (v) => v === undefined || isText(v);
    const isButton = (b) => b && isText(b.buttonId) && b.buttonId !== '' && b.buttonText && isText(b.buttonText.displayText) && b.type === 1;
    const isRow = (r) => r && isText(r.rowId) && r.rowId !== '' && isText(r.title) && r.title !== '' && isText(r.description);
    const isSection = (s) => s && optText(s.title) && Array.isArray(s.rows) && s.rows.length > 0 && s.rows.every(isRow);

    sim.account.outgoingNeeds.list = {
        body: isText,
        footer: optText,
        list: (l) =>
            Boolean(l) && isText(l.description) && isText(l.buttonText) && l.buttonText !== '' && optText(l.title) && l.listType === 1 && Array.isArray(l.sections) && l.sections.length > 0 && l.sections.every(isSection),
    };

    sim.account.checkButtons = (data, fail) => {
        const fields = ['isDynamicReplyButtonsMsg', 'dynamicReplyButtons', 'replyButtons'];
        if (fields.every((f) => data[f] === undefined)) return;
        if (data.type !== 'chat') fail('reply buttons go on a message of type chat');
        if (data.isDynamicReplyButtonsMsg !== true) fail('a message with reply buttons needs isDynamicReplyButtonsMsg true');
        const buttons = data.dynamicReplyButtons;
        if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3 || !buttons.every(isButton)) fail('dynamicReplyButtons must be 1 to 3 {buttonId, buttonText: {displayText}, type: 1}');
        if (!Array.isArray(data.replyButtons) || JSON.stringify(data.replyButtons) !== JSON.stringify(buttons)) fail('replyButtons must be the dynamicReplyButtons');
        if (!isText(data.caption)) fail('a message with reply buttons needs a caption');
        if (!optText(data.title) || !optText(data.footer)) fail('title and footer must be text');
        const a = data.attachment;
        if (a !== undefined && !(a && isText(a.mimetype) && isText(a.data))) fail('attachment must be a file {mimetype, data}');
    };

    // What goes to the server with the message (../account-buttons.js).
    sim.account.buttonsWireOf = (msg) => {
        if (msg.type === 'list') {
            const l = msg.list;
            return { list: { title: l.title, description: l.description, buttonText: l.buttonText, footer: msg.footer, sections: l.sections.map((s) => ({ title: s.title, rows: s.rows.map((r) => ({ rowId: r.rowId, title: r.title, description: r.description })) })) } };
        }
        if (!msg.isDynamicReplyButtonsMsg) return {};
        const a = msg.attachment;
        return {
            buttons: {
                title: msg.title,
                footer: msg.footer,
                caption: msg.caption,
                buttons: msg.dynamicReplyButtons.map((b) => ({ buttonId: b.buttonId, displayText: b.buttonText.displayText })),
                attachment: a ? { mimetype: a.mimetype, filename: a.filename } : undefined,
            },
        };
    };
})();
