'use strict';
// Scheduled events in the simulated WhatsApp Web page: the event creation message
// addAndSendMsgToChat takes (its call link from WAWebGenerateEventCallLink, account-calls.js),
// responding (WAWebSendEventResponseMsgAction) and editing (WAWebSendEventEditMsgAction). whatsapp-web.js main
// 2dc9466: src/util/Injected/Utils.js:254-285 (the message and its call link), src/Client.js:
// 3219-3251 (sendResponseToScheduledEvent), src/structures/Message.js:945-992
// (editScheduledEvent). The server side is ../account-events.js. Served after
// account-message-actions.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { MsgKey, MsgModel, ask } = sim.account;

    const isName = (v) => typeof v === 'string' && v.trim() !== '';
    const isTime = (v) => Number.isInteger(v) && v > 0;
    const isText = (v) => v === undefined || v === null || typeof v === 'string';
    const isLocation = (v) => v === undefined || v === null || v === '' || (typeof v === 'object' && typeof v.name === 'string');

    // ---- the event creation message -----------------------------------------------------------

    // What addAndSendMsgToChat needs of an `event_creation` message, as whatsapp-web.js builds it
    // (Utils.js:258-282): a name and a start time (seconds); an end time or null; a description or
    // undefined; a location `{degreesLatitude, degreesLongitude, name}` or nothing; a call link or
    // null; whether it is canceled; the 32-byte secret. The real page's own errors for a malformed
    // event are not known; these are TypeErrors naming the field (account-actions.js), and the
    // server refuses what it cannot take (../account-events.js).
    sim.account.outgoingNeeds.event_creation = {
        eventName: isName,
        eventStartTime: isTime,
        eventEndTime: (v) => v === undefined || v === null || isTime(v),
        eventDescription: isText,
        eventLocation: isLocation,
        eventJoinLink: isText,
        isEventCanceled: (v) => typeof v === 'boolean',
        messageSecret: (v) => v instanceof Uint8Array && v.length === 32,
    };
    const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
    const locationName = (l) => (l && typeof l === 'object' ? l.name : null) || null;

    // The event as it goes to the server with its message (account-actions.js).
    sim.account.eventWireOf = (msg) =>
        msg.type === 'event_creation'
            ? {
                  name: msg.eventName,
                  startTime: msg.eventStartTime,
                  endTime: msg.eventEndTime ?? null,
                  description: msg.eventDescription ?? null,
                  location: locationName(msg.eventLocation),
                  joinLink: msg.eventJoinLink ?? null,
                  canceled: msg.isEventCanceled,
                  secret: base64(msg.messageSecret),
              }
            : undefined;

    // An event that came from the server (a contact's, history, another device): its fields.
    const attrsOf = (e) => ({
        eventName: e.name,
        eventDescription: e.description ?? undefined,
        eventStartTime: e.startTime,
        eventEndTime: e.endTime ?? undefined,
        eventLocation: e.location ? { degreesLatitude: 0, degreesLongitude: 0, name: e.location } : undefined,
        eventJoinLink: e.joinLink ?? undefined,
        isEventCanceled: Boolean(e.canceled),
    });
    sim.account.eventAttrsFromWire = (w) => ({ ...attrsOf(w.event), messageSecret: Uint8Array.from(atob(w.event.secret), (c) => c.charCodeAt(0)) });

    const needEvent = (fn, msg) => {
        if (!(msg instanceof MsgModel)) throw new TypeError(`${fn}: the message must be a message model`);
        if (msg.type !== 'event_creation') throw new TypeError(`${fn}: the message must be an event (event_creation), not ${msg.type}`);
    };

    // ---- responses ---------------------------------------------------------------------------

    // sendEventResponseMsg(response, eventMsg): 0 none, 1 going, 2 not going, 3 maybe. The response
    // goes out as a message of its own (encrypted with the event's secret); the real page keeps
    // responses in a table of its own, not modelled. A refused response throws.
    modules.WAWebSendEventResponseMsgAction = {
        async sendEventResponseMsg(response, msg) {
            if (![0, 1, 2, 3].includes(response)) throw new TypeError(`sendEventResponseMsg: the response must be 0, 1, 2 or 3, not ${String(response)}`);
            needEvent('sendEventResponseMsg', msg);
            const answer = await ask({ type: 'send_event_response', parentKey: msg.id._serialized, id: await MsgKey.newId(), response });
            if (!answer.ok) throw new Error(`Event response send error (${answer.error})`);
        },
    };

    // ---- editing -----------------------------------------------------------------------------

    // sendEventEditMessage(eventOptions, msg): whatsapp-web.js passes { name, description,
    // startTime, endTime, location (a name), callType, isEventCanceled } (Message.js:967-977).
    // The account's own events only, until canceled. The model takes the new fields in place. A
    // callType of 'voice' or 'video' keeps a link of that kind or makes a new one, 'none' drops it,
    // anything else keeps the link (what the real action does with callType is not known).
    modules.WAWebSendEventEditMsgAction = {
        async sendEventEditMessage(options, msg) {
            needEvent('sendEventEditMessage', msg);
            if (!options || typeof options !== 'object') throw new TypeError('sendEventEditMessage: the first argument must be the event options');
            if (!msg.id.fromMe) throw new TypeError("sendEventEditMessage: only the account's own events can be edited");
            if (!isName(options.name) || !isTime(options.startTime)) throw new TypeError('sendEventEditMessage: the event needs a name and a start time (seconds)');
            if (!(options.endTime == null || isTime(options.endTime)) || !isText(options.description) || !isText(options.location)) throw new TypeError('sendEventEditMessage: malformed end time, description or location');
            let joinLink = msg.eventJoinLink ?? null;
            if (options.callType === 'none') joinLink = null;
            else if ((options.callType === 'voice' || options.callType === 'video') && !(joinLink && joinLink.includes(`/${options.callType}/`))) {
                joinLink = await modules.WAWebGenerateEventCallLink.createEventCallLink(options.startTime, options.callType);
            }
            const event = {
                name: options.name,
                startTime: options.startTime,
                endTime: options.endTime ?? null,
                description: options.description ?? null,
                location: options.location || null,
                joinLink,
                canceled: Boolean(options.isEventCanceled),
            };
            const answer = await ask({ type: 'edit_event', key: msg.id._serialized, event });
            if (!answer.ok) throw new Error(`Event edit send error (${answer.error})`);
            msg.set(attrsOf(event));
        },
    };
})();
