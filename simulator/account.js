'use strict';
// The account's world after login: contacts, chats and messages, as the WhatsApp server and the
// simulated contacts around the linked account see them. The page side is page/account.js; the
// wire between them is our own JSON over the page's socket (types listed in PAGE_TYPES).
//
// Facts modelled (whatsapp-web.js 1.34.7 and WhatsApp Web's message keys):
// - A message key is `${fromMe}_${chat}_${id}`: `fromMe` from the account's point of view, `chat`
//   the other side (a contact's `<digits>@c.us`), `id` the stanza id. Ids of messages sent from an
//   Android phone are 32 hex digits, WhatsApp Web's own start with 3EB0 (whatsapp-web.js tells
//   the device type from that).
// - Acks of a message the account sent: 0 pending (only on the page), 1 the server has it, 2 the
//   contact's phone received it, 3 the contact read it. Simulated contacts are always online, so
//   2 follows 1 at once, unless the number is not on WhatsApp (then it stays 1).
// - Every linked device of the account receives every message, once: a page that is not connected
//   gets the messages it missed when it connects again, after its first sync. Messages from before
//   the device was linked come as history (the chat list), never as new messages.


const { httpError, parseNumber, optionalString, parseLocation, phoneMessageId, MAX_BODY } = require('./account-util');

class AccountWorld {
    constructor(sim) {
        this.sim = sim;
        // The address book (one for every account of this simulator): number -> contact.
        this.contacts = new Map();
        this.unregistered = new Set();
        // Every message, in the order the server saw them; key -> record.
        this.messages = new Map();
        // Groups: id (`<digits>@g.us`) -> { id, subject, description, owner, participants, creation, account }.
        this.groups = new Map();
        // Media files, as the media servers keep them: direct path -> { mimetype, filename, data }.
        this.media = new Map();
        // LIDs (account-lids.js): number -> LID digits, and back.
        this.lidByNumber = new Map();
        this.numberByLid = new Map();
        // Page request types the server refuses once, with a status (refuseNext): type -> status.
        this.refusals = new Map();
        // The operations of the control API, as methods of the simulator object.
        this.api = {
            peer: {
                send: (body) => this.peerSend(body),
                inbox: (peer) => this.inbox(peer),
                read: (body) => this.peerRead(body),
                react: (body) => this.peerReact(body),
                revoke: (body) => this.peerRevoke(body),
                edit: (body) => this.peerEdit(body),
                call: (body) => this.peerCall(body),
                vote: (body) => this.peerVote(body), // account-polls.js
                changeNumber: (body) => this.peerChangeNumber(body),
                groupInvite: (body) => this.peerGroupInvite(body), // account-group-admin.js
                status: (body) => this.peerStatus(body), // account-status.js
            },
            listCalls: () => this.listCalls(),
            event: (id) => this.eventInfo(id), // account-events.js
            labels: (account) => this.labelsInfo(account), // account-labels.js
            setLabels: (body) => this.setLabels(body),
            notes: (account) => this.notesInfo(account), // account-business.js
            setCatalog: (body) => this.setCatalog(body),
            status: (account) => this.statusInfo(account), // account-status.js
            channels: () => this.channelsInfo(), // account-channels.js
            addChannel: (body) => this.addChannel(body),
            channelPost: (body) => this.channelPost(body),
            channelInvite: (body) => this.channelInvite(body),
            channelAccept: (body) => this.channelAccept(body),
            accountInfo: (number) => this.accountInfo(number),
            settings: (number) => this.settingsInfo(number), // account-settings.js
            pageInterface: (number) => this.interfaceInfo(number),
            // Not under `phone`: that is the test phone of the login (scan, typeCode).
            archiveFromPhone: (body) => this.phoneArchive(body),
            clearChatFromPhone: (body) => this.phoneChatAction(body, 'clear'), // account-chat-actions.js
            deleteChatFromPhone: (body) => this.phoneChatAction(body, 'delete'),
            listChats: (account) => this.listChats(account),
            addContacts: (contacts) => this.addContacts(contacts),
            listContacts: () => this.listContacts(),
            createGroup: (body) => this.createGroup(body),
            removeFromGroup: (body) => this.removeFromGroup(body),
            addUnregistered: (numbers) => this.addUnregistered(numbers),
            refuseNext: (body) => this.refuseNext(body),
            group: { get: (id) => this.groupInfo(id), request: (id, body) => this.groupRequest(id, body), change: (id, what, body) => this.groupChange(id, what, body) }, // account-group-admin.js
        };
    }

    // ---- the HTTP control API ----------------------------------------------------------------

    // Answers the routes of the account world; returns false for any other route.
    async control(route, url, readJson, reply) {
        // Each account-*.js area answers its own routes, or false for a route not its own.
        for (const area of [this._callsControl, this._profileControl, this._pollsControl, this._chatActionsControl, this._eventsControl, this._settingsControl, this._labelsControl, this._businessControl, this._statusControl, this._channelsControl]) {
            if ((await area.call(this, route, url, readJson, reply)) !== false) return undefined;
        }
        switch (route) {
            case 'POST /_sim/peer/send':
                return reply(200, this.peerSend(await readJson()));
            case 'GET /_sim/peer/inbox':
                return reply(200, this.inbox(url.searchParams.get('peer')));
            case 'POST /_sim/peer/read':
                return reply(200, this.peerRead(await readJson()));
            case 'POST /_sim/peer/react':
                return reply(200, this.peerReact(await readJson()));
            case 'POST /_sim/peer/revoke':
                return reply(200, this.peerRevoke(await readJson()));
            case 'POST /_sim/peer/edit':
                return reply(200, this.peerEdit(await readJson()));
            case 'POST /_sim/phone/archive':
                return reply(200, this.phoneArchive(await readJson()));
            case 'POST /_sim/groups':
                return reply(200, this.createGroup(await readJson()));
            case 'POST /_sim/groups/remove':
                return reply(200, this.removeFromGroup(await readJson()));
            case 'GET /_sim/contacts':
                return reply(200, this.listContacts());
            case 'POST /_sim/contacts': {
                const body = await readJson();
                return reply(200, this.addContacts(body.contacts));
            }
            case 'POST /_sim/unregistered': {
                const body = await readJson();
                return reply(200, this.addUnregistered(body.numbers));
            }
            case 'POST /_sim/server/refuse':
                return reply(200, this.refuseNext(await readJson()));
            default:
                return this._groupAdminControl(route, url, readJson, reply);
        }
    }

    static get ROUTES() {
        return [
            'POST /_sim/peer/send {from, to?, body, quotedId?, mentions?, media?, location?, event?, order?, payment?, lidChat?, ciphertextMs?}',
            'GET /_sim/peer/inbox?peer=<digits>',
            'POST /_sim/server/refuse {type, status}',
            'POST /_sim/peer/read {peer, ids?}',
            'POST /_sim/peer/react {from, messageId, reaction}',
            'POST /_sim/peer/revoke {from, messageId}',
            'POST /_sim/peer/edit {from, messageId, body}',
            'POST /_sim/phone/archive {chat, archive, to?}',
            'POST /_sim/groups {subject, participants: [digits], description?, join?, addressingMode?: "lid"|"pn"}',
            'POST /_sim/groups/remove {id, number}',
            'GET /_sim/contacts',
            'POST /_sim/contacts {contacts: [{number, lid?, name?, pushname?, isBusiness?, businessProfile?, about?, picture?: {mimetype, data}}]}',
            'POST /_sim/unregistered {numbers: [...]}',
            'POST /_sim/peer/call {from, to?, video?, group?: true|[digits]}', 'GET /_sim/calls', 'GET /_sim/account[?to=<digits>]', 'GET /_sim/settings[?to=<digits>]', 'GET /_sim/interface[?to=<digits>]', 'POST /_sim/peer/change-number {from, to}', 'POST /_sim/peer/vote {from, messageId, options: [names]}',
            'GET /_sim/chats[?account=<digits>]', 'GET /_sim/event?id=<message key>', 'POST /_sim/phone/clear-chat {chat, to?}', 'POST /_sim/phone/delete-chat {chat, to?}',
            'GET /_sim/labels[?account=<digits>]', 'POST /_sim/labels {to?, business?, labels?: [{id, name, colorIndex?}]}',
            'GET /_sim/notes[?account=<digits>]', 'POST /_sim/catalog {to?, products: [{id, retailerId?, name, description?, price1000, currency, thumbnailUrl?}]}',
            'GET /_sim/status[?account=<digits>]', 'POST /_sim/peer/status {from, to?, body?, media?, color?}',
            'GET /_sim/channels', 'POST /_sim/channels {name, description?, owner?, subscribers?, admins?, verified?, country?, inviteCode?}', 'POST /_sim/channels/post {channel, body}', 'POST /_sim/channels/invite {channel, invitee}', 'POST /_sim/channels/accept {channel, invitee}',
        ];
    }

    // ---- accounts ----------------------------------------------------------------------------

    // The numbers of the accounts that have a session (linked device) now.
    _accounts() {
        return [...new Set([...this.sim.sessions.values()].map((s) => s.wid.split('@')[0]))];
    }

    // The account a control addresses: the one given, or the only one there is.
    _account(number) {
        const accounts = this._accounts();
        if (number) {
            if (!accounts.includes(number)) throw httpError(409, `no linked account ${number}@c.us (linked: ${accounts.join(', ') || 'none'})`);
            return number;
        }
        if (accounts.length === 0) throw httpError(409, 'no account is linked yet: log a client in first');
        if (accounts.length > 1) throw httpError(400, `several accounts are linked (${accounts.join(', ')}): say which one in "to"`);
        return accounts[0];
    }

    // ---- peers -------------------------------------------------------------------------------

    // POST /_sim/peer/send: `from` sends `body` to the linked account, or, when `from` is the
    // account itself (its phone), to the contact `to`.
    peerSend(spec = {}) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"from": "<digits>", "body": "..."}');
        const from = parseNumber(spec.from, 'from');
        const body = optionalString(spec.body, 'body', MAX_BODY) ?? '';
        const accounts = this._accounts();
        let account;
        let peer;
        let fromMe;
        if (typeof spec.to === 'string' && spec.to.endsWith('@g.us')) {
            // A participant (or the account's phone) writes in a group.
            const group = this.groups.get(spec.to);
            if (!group) throw httpError(404, `no group ${spec.to}`);
            if (!group.participants.includes(from)) throw httpError(403, `${from} is not in ${group.id}`);
            if (spec.lidChat) throw httpError(400, 'lidChat is for a chat with one person, not a group');
            if (spec.order != null || spec.payment != null) throw httpError(400, 'an order or a payment goes in a chat with one person, not a group'); // account-business.js
            return this._sendInGroup(group, from, spec, body);
        }
        // A scheduled event (account-events.js): checked before anything is stored.
        const event = this._peerEventOf(spec.event);
        if (accounts.includes(from)) {
            // The account's own phone writes to someone.
            if (spec.to === undefined || spec.to === null) throw httpError(400, `"from" is the linked account ${from}: say whom its phone writes to in "to"`);
            account = from;
            peer = parseNumber(spec.to, 'to');
            fromMe = true;
        } else {
            account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
            peer = from;
            fromMe = false;
        }
        if (peer === account) throw httpError(400, 'a message to oneself is not modelled');
        if (spec.lidChat !== undefined && typeof spec.lidChat !== 'boolean') throw httpError(400, 'lidChat must be true (a <lid>@lid chat) or false');
        const ciphertextMs = this._ciphertextMs(spec);
        // Blocked: the contact's phone shows it sent; the account never gets it.
        if (!fromMe && this._blocks(account, peer)) {
            this.sim._log('message-blocked', { from: `${peer}@c.us`, account });
            return { ok: true, id: null, blocked: true };
        }
        const mentions = Array.isArray(spec.mentions) ? spec.mentions.map((m) => `${parseNumber(m, 'mentions[]')}@c.us`) : [];
        const quoted = spec.quotedId === undefined || spec.quotedId === null ? null : this.messages.get(String(spec.quotedId));
        if (spec.quotedId != null && !quoted) throw httpError(404, `no message ${JSON.stringify(spec.quotedId)} to quote`);
        const media = this._upload(spec.media);
        const location = parseLocation(spec.location);
        // An order or a payment (account-business.js): checked before anything is stored.
        const { order, payment } = this._peerOrderOrPayment(spec, account, peer, fromMe);
        const msg = this._store({
            account,
            peer,
            // Someone outside the address book writes in a chat named by their LID.
            chat: spec.lidChat ? `${this._lidOf(peer)}@lid` : null,
            fromMe,
            id: phoneMessageId(),
            body,
            quoted,
            mentions,
            ack: fromMe ? 1 : 0,
            media,
            location,
            event,
            order,
            payment,
        });
        // The phone's own messages reach the contact at once (always online).
        if (fromMe && !this.unregistered.has(peer)) msg.ack = 2;
        this._arriveEncrypted(msg, ciphertextMs);
        this.sim._log('peer-message', { key: msg.key, from: msg.from, to: msg.to, fromMe, ...(msg.undecrypted ? { ciphertext: true } : {}) });
        this._pushToPages(account, msg);
        return { ok: true, id: msg.key };
    }

    _store({ account, peer, chat: chatIn, author, fromMe, id, body, quoted, mentions, ack, type: typeIn = 'chat', media = null, location = null, event = null, order = null, payment = null }) {
        // WhatsApp's media types, from the MIME type (unless the sender said, e.g. a document).
        const type = order ? 'order' : payment ? 'payment' : event ? 'event_creation' : location ? 'location' : !media || typeIn !== 'chat' ? typeIn : /^image\//.test(media.mimetype) ? 'image' : /^video\//.test(media.mimetype) ? 'video' : /^audio\//.test(media.mimetype) ? 'audio' : 'document';
        const chat = chatIn || `${peer}@c.us`;
        const me = `${account}@c.us`;
        const isGroup = chat.endsWith('@g.us');
        // In a LID group the author is named by its LID (account-lids.js).
        const authorWid = isGroup ? this._userWid(author || account, chat) : null;
        const msg = {
            key: `${fromMe}_${chat}_${id}${isGroup ? `_${authorWid}` : ''}`,
            id,
            account,
            chat,
            fromMe,
            from: fromMe ? me : chat,
            to: fromMe ? chat : me,
            author: authorWid,
            authorNumber: isGroup ? author || account : null,
            peer: isGroup ? null : peer,
            type,
            body,
            t: Math.floor(Date.now() / 1000),
            media,
            location,
            event,
            order,
            payment,
            quotedId: quoted ? quoted.key : null,
            quoted: quoted ? { id: quoted.id, participant: quoted.from, type: quoted.type, body: quoted.body } : null,
            mentions,
            ack,
            deliveredTo: new Set(), // session tokens whose page has it
            // Session tokens it was pushed to live, received or not: a socket can drop with the
            // page's receipt still in flight, and the server still owes that device its edits.
            sentTo: new Set(),
            createdAt: Date.now(),
        };
        this.messages.set(msg.key, msg);
        return msg;
    }

    // GET /_sim/peer/inbox?peer=: what the linked account (page or phone) sent to that contact.
    inbox(peerIn) {
        const group = typeof peerIn === 'string' && peerIn.endsWith('@g.us') ? peerIn : null;
        const peer = group ? null : parseNumber(peerIn, 'peer');
        const messages = [];
        for (const m of this.messages.values()) {
            // A contact's chat, by phone number or by LID.
            if (!m.fromMe || (group ? m.chat !== group : m.peer !== peer) || m.type === 'gp2') continue;
            messages.push({
                id: m.key,
                from: m.from,
                to: m.to,
                body: m.body,
                type: m.type,
                quotedId: m.quotedId,
                mentions: m.mentions,
                media: m.media ? { mimetype: m.media.mimetype, filename: m.media.filename, size: m.media.size } : null,
                ...this._inboxKind(m),
                ...(m.location ? { location: m.location } : {}),
                ...(m.linkPreview ? { linkPreview: m.linkPreview } : {}),
                ...(m.invite ? { invite: m.invite } : {}),
                ...(m.newsletterInvite ? { newsletterInvite: m.newsletterInvite } : {}), // account-channels.js
                ...(m.poll ? { poll: this._pollView(m) } : {}),
                ...(m.event ? { event: this._eventView(m) } : {}), // account-events.js
                ...this._actionsView(m), // account-message-actions.js
                ...this._inboxCards(m),
                ...this._inboxBot(m), // account-bots.js
                ...this._inboxButtons(m), // account-buttons.js
                ack: m.ack,
                timestamp: m.t,
            });
        }
        return { messages };
    }

    // ---- the pages -----------------------------------------------------------------------------

    _connectedSockets(account) {
        return [...this.sim.sockets.values()].filter(
            (s) => s.state === 'CONNECTED' && s.sessionWid === `${account}@c.us` && s.synced,
        );
    }

    _broadcast(msg) {
        for (const s of this.sim.sockets.values()) {
            if (s.state === 'CONNECTED') this.sim._send(s, msg);
        }
    }

    _wire(m) {
        return this._asArrived(m, {
            key: m.key,
            id: m.id,
            fromMe: m.fromMe,
            chat: m.chat,
            from: m.from,
            to: m.to,
            type: m.type,
            body: m.body,
            t: m.t,
            ack: m.ack,
            quoted: m.quoted,
            mentions: m.mentions,
            author: m.author,
            media: m.media,
            location: m.location,
            forwardingScore: m.forwardingScore || 0,
            subtype: m.subtype || null,
            recipients: m.recipients || null,
            poll: this._pollWire(m),
            event: this._eventWire(m),
            order: this._orderWire(m), // account-business.js
            payment: m.payment || null,
            invite: m.invite || null,
            // The sender's name as its phone put it on the message (a contact's pushname).
            notifyName: m.fromMe ? null : this._notifyName(m.authorNumber || m.peer),
        });
    }

    _notifyName(number) {
        const c = number ? this.contacts.get(number) : null;
        return c && c.pushname ? c.pushname : null;
    }

    // What goes with a message to the page: the sender's contact, and the group it is in.
    _context(m) {
        const group = this.groups.get(m.chat);
        const sender = m.authorNumber || m.peer;
        // In a LID chat the page learns the sender's LID, not the phone number.
        const contact = m.chat.endsWith('@lid') ? this._lidContactRecord(sender) : this._contactRecord(sender);
        return { contact, group: group ? this._groupWire(group) : null };
    }

    _pushToPages(account, msg) {
        for (const sock of this._connectedSockets(account)) this._pushTo(sock, msg, this._wire(msg));
    }

    // One message to one page, remembered as sent to its device.
    _pushTo(sock, m, wire) {
        if (sock.token) m.sentTo.add(sock.token);
        this.sim._send(sock, { type: 'msg', msg: wire, ...this._context(m) });
    }

    _setAck(m, ack) {
        if (ack <= m.ack) return;
        m.ack = ack;
        this._noteAck(m, ack);
        this.sim._log('message-ack', { key: m.key, ack });
        for (const sock of this._connectedSockets(m.account)) this.sim._send(sock, { type: 'ack', key: m.key, ack });
    }

    // After `connected`: the chat list, the contacts and the messages this device already has.
    onConnected(sock, session) {
        const account = session.wid.split('@')[0];
        const history = [];
        for (const m of this.messages.values()) {
            // Cleared or deleted chats' messages are gone (account-chat-actions.js).
            if (m.account !== account || m.cleared) continue;
            // Older than the device, or already delivered to it: history.
            if (m.createdAt < session.createdAt || m.deliveredTo.has(session.token)) history.push(this._wireAsKnownBy(m, session.token));
        }
        const byPhone = history.filter((m) => !m.chat.endsWith('@lid')).map((m) => this.messages.get(m.key));
        const numbers = new Set([...this.contacts.keys(), ...byPhone.map((m) => m.authorNumber || m.peer)]);
        const byLid = new Set(history.filter((m) => m.chat.endsWith('@lid')).map((m) => this.messages.get(m.key).peer));
        const groups = [...this.groups.values()].filter((g) => g.account === account && g.participants.includes(account));
        this.sim._send(sock, {
            type: 'history',
            groups: groups.map((g) => this._groupWire(g)),
            messages: history,
            contacts: [...[...numbers].map((n) => this._contactRecord(n)), ...[...byLid].filter((n) => !numbers.has(n)).map((n) => this._lidContactRecord(n))],
        });
        this._sendBlocklist(sock, account);
        this._sendChatActionsMissed(sock, session, history);
        this.sim._send(sock, this._profileWire(account));
        this._sendLabels(sock, account); // account-labels.js
        this._sendStatuses(sock, account); // account-status.js
        this._sendChannels(sock, account); // account-channels.js
    }

    // After the first sync: what arrived for this device while it was away, as new messages.
    onSynced(sock, session) {
        sock.synced = true;
        const account = session.wid.split('@')[0];
        for (const m of this.messages.values()) {
            if (m.account !== account || m.cleared || m.createdAt < session.createdAt || m.deliveredTo.has(session.token)) continue;
            // A device that was sent the message before an edit gets the text it was sent, then
            // the edits below; one that never was gets the text as it is now.
            this._pushTo(sock, m, this._wireAsKnownBy(m, session.token));
        }
        this._sendMissedEdits(sock, session);
    }

    // The server refuses the next page request of `type` (one the page awaits an answer to, such
    // as `set_pushname` or `group_common`) with `status`, as WhatsApp's server answers a request
    // with an error code; the page's request layer then rejects with a ServerStatusCodeError.
    // For tests of how a client reports a refusal WhatsApp's server may give for reasons the
    // simulator does not model.
    refuseNext(body) {
        const { type, status } = body || {};
        if (typeof type !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(type)) throw httpError(400, `refuseNext: type must be a page request type such as "set_pushname", not ${JSON.stringify(type)}`);
        if (!Number.isInteger(status) || status < 400 || status > 599) throw httpError(400, `refuseNext: status must be an HTTP-style error status (400-599), not ${JSON.stringify(status)}`);
        this.refusals.set(type, status);
        this.sim._log('refusal-armed', { requestType: type, status });
        return { ok: true, type, status };
    }

    // Messages the page sends; returns false for types that are not the account world's.
    onPageMessage(sock, msg) {
        const refusal = msg.rid !== undefined ? this.refusals.get(msg.type) : undefined;
        if (refusal !== undefined) {
            this.refusals.delete(msg.type);
            this.sim._log('request-refused', { socketId: sock.id, requestType: msg.type, status: refusal });
            this._answer(sock, msg, { ok: false, status: refusal, error: 'refused' });
            return true;
        }
        switch (msg.type) {
            case 'msg_receipt':
                this._onReceipt(sock, msg);
                return true;
            case 'send_msg':
                this._onSend(sock, msg);
                return true;
            case 'send_vote':
                return this._onSendVote(sock, msg);
            case 'send_reaction': {
                const m = this.messages.get(String(msg.parentKey));
                const account = sock.sessionWid && sock.sessionWid.split('@')[0];
                if (!m || m.account !== account || typeof msg.reaction !== 'string' || msg.reaction.length > 32) {
                    this._answer(sock, msg, { ok: false, error: 'bad-reaction' });
                    return true;
                }
                const sender = sock.sessionWid;
                m.reactions = (m.reactions || []).filter((r) => r.sender !== sender).concat(msg.reaction ? [{ sender, reaction: msg.reaction, t: Date.now() }] : []);
                this.sim._log('reaction-sent', { socketId: sock.id, parentKey: m.key, reaction: msg.reaction });
                this._answer(sock, msg, { ok: true });
                return true;
            }
            case 'revoke_msg': {
                const m = this.messages.get(String(msg.key));
                const account = sock.sessionWid && sock.sessionWid.split('@')[0];
                if (!m || m.account !== account || !m.fromMe) {
                    this._answer(sock, msg, { ok: false, error: 'not-revocable' });
                    return true;
                }
                this._revoke(m, sock);
                this._answer(sock, msg, { ok: true });
                return true;
            }
            case 'chat_setting': {
                const setting = String(msg.setting);
                if (!['archive', 'pin', 'mute', 'unread', 'state'].includes(setting)) {
                    this._answer(sock, msg, { ok: false, error: 'unknown-setting' });
                    return true;
                }
                this.sim._log('chat-setting', { socketId: sock.id, chat: String(msg.chat), setting, value: msg.value });
                this._answer(sock, msg, { ok: true });
                return true;
            }
            case 'block':
                return this._onBlock(sock, msg);
            case 'label_chats':
                return this._onLabelChats(sock, msg); // account-labels.js
            case 'business_profile':
                return this._onBusinessProfile(sock, msg); // account-business.js
            case 'note_add':
            case 'note_get':
                return this._onNote(sock, msg); // account-business.js
            case 'order_query':
                return this._onOrderQuery(sock, msg); // account-business.js
            case 'product_query':
                return this._onProductQuery(sock, msg); // account-business.js
            case 'send_status':
                return this._onSendStatus(sock, msg); // account-status.js
            case 'revoke_status':
                return this._onRevokeStatus(sock, msg);
            case 'placeholder_resend':
                return this._onPlaceholderResend(sock, msg);
            case 'edit_receipt':
                this._onEditReceipt(sock, msg);
                return true;
            case 'seen':
                this.sim._log('chat-seen', { socketId: sock.id, chat: String(msg.chat) });
                this._answer(sock, msg, { ok: true });
                return true;
            case 'query_exists': {
                // A phone number: its LID comes with the answer. A LID: it exists when the server
                // gave it out, and its phone number is not revealed.
                const wid = String(msg.wid || '');
                if (wid.endsWith('@lid')) {
                    this._answer(sock, msg, { exists: this.numberByLid.has(wid.slice(0, -4)), number: null, lid: wid.slice(0, -4) });
                    return true;
                }
                let number = null;
                try {
                    number = parseNumber(wid, 'wid');
                } catch {
                    /* not a phone number: not on WhatsApp */
                }
                const exists = Boolean(number && !this.unregistered.has(number));
                this._answer(sock, msg, { exists, number, lid: exists ? this._lidOf(number) : null });
                return true;
            }
            default:
                return this._onCallMessage(sock, msg) || this._onMessageAction(sock, msg) || this._onProfileMessage(sock, msg) || this._onGroupAction(sock, msg) || this._onChatActionMessage(sock, msg) || this._onEventMessage(sock, msg) || this._onSettingsMessage(sock, msg) || this._onNewsletterMessage(sock, msg);
        }
    }

    _answer(sock, msg, body) {
        this.sim._send(sock, { type: 'account_reply', rid: msg.rid, ...body });
    }

    _onReceipt(sock, msg) {
        const m = this.messages.get(String(msg.key));
        if (m && sock.token) {
            m.deliveredTo.add(sock.token);
            this._editsKnownBy(m, sock.token);
        }
    }

}

// Groups, the media server and changes (edits, archiving from the phone, blocking) are methods
// of the same world, in files of their own.
Object.assign(AccountWorld.prototype, require('./account-send'), require('./account-groups'), require('./account-group-actions'), require('./account-group-admin'), require('./account-media'), require('./account-peer-actions'), require('./account-media-kinds'), require('./account-changes'), require('./account-lids'), require('./account-contacts'), require('./account-calls'), require('./account-profile'), require('./account-polls'), require('./account-chat-actions'), require('./account-vcards'), require('./account-message-actions'), require('./account-events'), require('./account-bots'), require('./account-buttons'), require('./account-settings'), require('./account-labels'), require('./account-business'), require('./account-status'), require('./account-channels'));

module.exports = { AccountWorld, parseNumber };
