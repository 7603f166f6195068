'use strict';
// Calls in the simulated WhatsApp Web page: incoming calls in WAWebCallCollection, the stanza
// builder and sender whatsapp-web.js rejects a call with (WAWap, WADeprecatedSendIq), and call
// links (WAWebGenerateEventCallLink). whatsapp-web.js main 2dc9466 uses them in
// src/Client.js:1073-1097 (the collection), src/util/Injected/Utils.js:1265-1286 (rejectCall) and
// src/Client.js:3198-3222 (createCallLink). The server side is ../account-calls.js. Served after
// account-lids.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { createWid, ask } = sim.account;

    // An offer: WhatsApp Web makes a CallModel and adds it to the collection, whose own Map's
    // set() is where whatsapp-web.js sees it (wa-js src/whatsapp/models/CallModel.ts for the
    // fields). The page handles no call itself (no VoIP here): canHandleLocally and
    // webClientShouldHandle are false, the simulator's choice (their real values are not known).
    const Calls = modules.WAWebCallCollection;
    sim.onServer('call_offer', ({ call }) => {
        Calls.add(
            new Calls.modelClass({
                id: call.id,
                peerJid: createWid(call.peerJid),
                offerTime: call.offerTime,
                isVideo: call.isVideo,
                isGroup: call.isGroup,
                outgoing: false,
                canHandleLocally: false,
                webClientShouldHandle: false,
                participants: call.participants.map(createWid),
            }),
        );
    });

    // ---- stanzas: WAWap.wap(tag, attrs, content) and their cast -----------------------------

    // A node of the binary protocol: a tag, string attributes (a wid stands for its jid), and
    // child nodes, text or nothing.
    class WapNode {
        constructor(tag, attrs, content) {
            this.tag = tag;
            this.attrs = attrs;
            this.content = content;
        }
    }
    const attrValue = (value, name) => {
        if (typeof value === 'string') return value;
        if (value && typeof value === 'object' && typeof value._serialized === 'string') return value._serialized;
        throw new TypeError(`wap: attribute ${name} must be a string or a wid, not ${value === null ? 'null' : typeof value}`);
    };
    function wap(tag, attrs, content) {
        if (typeof tag !== 'string' || !tag) throw new TypeError('wap: the tag must be a non-empty string');
        if (attrs != null && typeof attrs !== 'object') throw new TypeError('wap: attrs must be an object');
        const own = {};
        for (const [name, value] of Object.entries(attrs || {})) {
            if (value !== undefined) own[name] = attrValue(value, name);
        }
        if (content != null && typeof content !== 'string' && !(Array.isArray(content) && content.every((c) => c instanceof WapNode))) {
            throw new TypeError('wap: content must be child nodes, a string or nothing');
        }
        return new WapNode(tag, own, content == null ? null : content);
    }
    // Stanza ids: a counter after a random prefix (the form is this simulator's choice).
    const idPrefix = Math.floor(Math.random() * 1e9);
    let idCounter = 0;
    modules.WAWap = { wap, generateId: () => `${idPrefix}.${++idCounter}-1` };

    const plain = (node) => ({ tag: node.tag, attrs: node.attrs, content: Array.isArray(node.content) ? node.content.map(plain) : node.content });
    modules.WADeprecatedSendIq = {
        // A cast: sent, not answered. The server drops what it cannot take, silently.
        async deprecatedCastStanza(node) {
            if (!(node instanceof WapNode)) throw new TypeError('deprecatedCastStanza: the stanza must be a node made by WAWap.wap');
            sim.send({ type: 'stanza', node: plain(node) });
        },
    };

    // ---- call links --------------------------------------------------------------------------

    // (eventStartTime in Unix seconds, 'voice' | 'video') -> the link (wa-js
    // src/whatsapp/functions/createEventCallLink.ts).
    modules.WAWebGenerateEventCallLink = {
        async createEventCallLink(startTime, callType) {
            if (!Number.isSafeInteger(startTime)) throw new TypeError(`createEventCallLink: the start time must be Unix seconds, not ${startTime}`);
            if (callType !== 'voice' && callType !== 'video') throw new TypeError(`createEventCallLink: the type must be 'voice' or 'video', not ${JSON.stringify(callType)}`);
            const answer = await ask({ type: 'call_link', startTime, callType });
            if (!answer.ok) throw new Error(`createEventCallLink: ${answer.error}`);
            return answer.link;
        },
    };
})();
