'use strict';
// The account's world in the simulated WhatsApp Web page, after login: the Msg, Chat and Contact
// collections with their models, message keys and wids, and the actions a client calls to send a
// message, mark a chat seen or ask whether a number is on WhatsApp. It models the modules
// whatsapp-web.js 1.34.7 touches for these (src/util/Injected/Utils.js, src/Client.js,
// src/structures/*.js), with the shapes they have in WhatsApp Web; no other module exists
// (page/registry.js). The server side is ../account.js; what the server sends the page
// (messages, acks, contacts, groups) is applied in account-sync.js, and the actions a client calls
// (sending, reactions, deleting, chat settings, lookups) are in account-actions.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim) return;
    const { Events, Model, modules } = sim;

    // ---- wids: `<user>@<server>` ------------------------------------------------------------

    const SERVERS = ['c.us', 'g.us', 'lid', 'broadcast', 'newsletter'];

    class Wid {
        constructor(user, server) {
            this.server = server;
            this.user = user;
            this._serialized = `${user}@${server}`;
        }
        isUser() {
            return this.server === 'c.us' || this.server === 'lid';
        }
        isLid() {
            return this.server === 'lid';
        }
        isGroup() {
            return this.server === 'g.us';
        }
        isBroadcast() {
            return this.server === 'broadcast';
        }
        isStatus() {
            return this.server === 'broadcast' && this.user === 'status';
        }
        isNewsletter() {
            return this.server === 'newsletter';
        }
        equals(other) {
            return other != null && String(other._serialized ?? other) === this._serialized;
        }
        toJid() {
            return this.server === 'c.us' ? `${this.user}@s.whatsapp.net` : this._serialized;
        }
        toString() {
            return this._serialized;
        }
    }

    // Accepts a wid, a wid-like object or a `<user>@<server>` string; `s.whatsapp.net` is the
    // protocol's c.us. Anything else (another type, no server, an unknown one, no user) fails as the
    // real one does: an Error "wid error: invalid wid" from the Wid constructor (its stack in
    // wwebjs/whatsapp-web.js issue 137021: `at new p … at Object.l [as createWid]`).
    function createWid(value) {
        if (value instanceof Wid) return value;
        const text = value && typeof value === 'object' ? value._serialized : value;
        if (typeof text !== 'string') throw new Error('wid error: invalid wid');
        const at = text.lastIndexOf('@');
        let server = at < 0 ? '' : text.slice(at + 1);
        const user = text.slice(0, at);
        if (server === 's.whatsapp.net') server = 'c.us';
        if (!user || !SERVERS.includes(server)) throw new Error('wid error: invalid wid');
        return new Wid(user, server);
    }

    modules.WAWebWidFactory = {
        createWid,
        createWidFromWidLike: createWid,
        isWidlike: (v) => v instanceof Wid || Boolean(v && typeof v._serialized === 'string'),
        asUserWidOrThrow(value) {
            const wid = createWid(value);
            if (!wid.isUser()) throw new TypeError(`asUserWidOrThrow: not a user wid: ${wid}`);
            return wid;
        },
        toUserWidOrThrow(value) {
            return modules.WAWebWidFactory.asUserWidOrThrow(value);
        },
    };

    const meWid = () => {
        const me = sim.me();
        return me ? createWid(`${me.user}@c.us`) : null;
    };

    // ---- message keys: `${fromMe}_${remote}_${id}[_${participant}]` --------------------------

    class MsgKey {
        // Either { fromMe, remote, id, participant } or, as whatsapp-web.js builds new ones,
        // { from, to, id, participant, selfDir: 'out' | 'in' }.
        constructor(spec) {
            const fromMe = spec.selfDir !== undefined ? spec.selfDir === 'out' : Boolean(spec.fromMe);
            const remote = spec.selfDir !== undefined ? (fromMe ? spec.to : spec.from) : spec.remote;
            this.fromMe = fromMe;
            this.remote = createWid(remote);
            this.id = String(spec.id);
            if (spec.participant) this.participant = createWid(spec.participant);
            this._serialized = `${fromMe}_${this.remote._serialized}_${this.id}${this.participant ? `_${this.participant._serialized}` : ''}`;
        }
        equals(other) {
            return other != null && String(other._serialized ?? other) === this._serialized;
        }
        toString() {
            return this._serialized;
        }
        // WhatsApp Web's own stanza ids: 3EB0 and 16 hex digits.
        static async newId() {
            const bytes = crypto.getRandomValues(new Uint8Array(8));
            return `3EB0${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
        }
        static fromString(text) {
            const [fromMe, remote, id, participant] = String(text).split('_');
            return new MsgKey({ fromMe: fromMe === 'true', remote, id, participant });
        }
    }
    modules.WAWebMsgKey = MsgKey;

    // ---- models and collections --------------------------------------------------------------

    // A model whose events also reach the collections holding it, as Backbone collections relay
    // their models' events (whatsapp-web.js listens on Msg for `change:ack` of any message).
    class AccountModel extends Model {
        constructor(attrs) {
            super(attrs);
            Object.defineProperty(this, 'owners', { value: new Set() });
        }
        trigger(name, ...args) {
            super.trigger(name, ...args);
            for (const owner of this.owners) owner.trigger(name, ...args);
            return this;
        }
        serialize() {
            return { ...this.attributes };
        }
    }

    const keyOf = (value) => {
        if (value == null) return null;
        if (typeof value === 'string') return value;
        if (typeof value._serialized === 'string') return value._serialized;
        if (value.id != null) return keyOf(value.id);
        return String(value);
    };

    class Collection extends Events {
        constructor(modelClass, makeMissing) {
            super();
            this.modelClass = modelClass;
            this.list = [];
            this.index = new Map();
            Object.defineProperty(this, 'makeMissing', { value: makeMissing });
        }
        get models() {
            return this.list;
        }
        get length() {
            return this.list.length;
        }
        get(id) {
            return this.index.get(keyOf(id));
        }
        has(id) {
            return this.index.has(keyOf(id));
        }
        // Adds models (or attribute objects); `add` fires for each new one, after it is in.
        add(items) {
            const added = [];
            for (const item of Array.isArray(items) ? items : [items]) {
                const model = item instanceof AccountModel ? item : new this.modelClass(item);
                const key = keyOf(model.id);
                if (this.index.has(key)) continue;
                this.index.set(key, model);
                this.list.push(model);
                model.owners.add(this);
                added.push(model);
                this.trigger('add', model, this);
            }
            return added;
        }
        remove(items) {
            const removed = [];
            for (const item of Array.isArray(items) ? items : [items]) {
                const model = this.get(item);
                if (!model) continue;
                this.index.delete(keyOf(model.id));
                this.list.splice(this.list.indexOf(model), 1);
                model.owners.delete(this);
                removed.push(model);
                this.trigger('remove', model, this);
            }
            return removed;
        }
        getModelsArray() {
            return this.list.slice();
        }
        toArray() {
            return this.list.slice();
        }
        filter(fn) {
            return this.list.filter(fn);
        }
        map(fn) {
            return this.list.map(fn);
        }
        forEach(fn) {
            this.list.forEach(fn);
        }
        serialize() {
            return this.list.map((m) => m.serialize());
        }
        // Gets a model, or adds one with that id (whatsapp-web.js calls Contact.gadd(wid, {silent: true})
        // before a private group invite, GroupChat.js:205-207, Client.js:2390-2392).
        gadd(id, { silent = false } = {}) {
            const found = this.get(id);
            if (found) return found;
            const model = new this.modelClass({ id: createWid(id) });
            if (!silent) return this.add(model)[0];
            // Silent: in the collection without an `add` event.
            this.index.set(keyOf(model.id), model);
            this.list.push(model);
            model.owners.add(this);
            return model;
        }
        // WhatsApp Web looks a model up and, for contacts and chats, makes it when it is missing.
        async find(id) {
            return this.get(id) || (this.makeMissing ? this.makeMissing(id) : undefined);
        }
        async getMessagesById(ids) {
            return { messages: (ids || []).map((id) => this.get(id)).filter(Boolean) };
        }
    }

    const MSG_DEFAULTS = {
        id: undefined,
        type: 'chat',
        subtype: undefined,
        recipients: undefined,
        templateParams: undefined,
        body: '',
        caption: undefined,
        t: 0,
        from: undefined,
        to: undefined,
        author: undefined,
        ack: 0,
        isNewMsg: false,
        self: 'in',
        local: false,
        star: false,
        broadcast: false,
        isForwarded: false,
        forwardingScore: 0,
        mentionedJidList: [],
        groupMentions: [],
        quotedMsg: undefined,
        quotedStanzaID: undefined,
        quotedParticipant: undefined,
        quotedRemoteJid: undefined,
        isEphemeral: false,
        isStatusV3: false,
        isNotification: false,
        hasReaction: false,
        isGif: false,
        directPath: undefined,
        mimetype: undefined,
        mediaKey: undefined,
        mediaKeyTimestamp: undefined,
        filename: undefined,
        size: undefined,
        duration: undefined,
        mediaObject: undefined,
        lat: undefined,
        lng: undefined,
        loc: undefined,
        clientUrl: undefined,
        latestEditMsgKey: undefined,
        latestEditSenderTimestampMs: undefined,
    };
    // Types that are not conversation messages: they cannot be replied to.
    const NOT_REPLYABLE = ['revoked', 'notification', 'notification_template', 'gp2', 'e2e_notification', 'ciphertext', 'call_log', 'protocol'];

    class MsgModel extends AccountModel {
        constructor(attrs) {
            super({ ...MSG_DEFAULTS, ...attrs });
            // Media messages: where the file is in its download (INIT, FETCHING, RESOLVED, ERROR_…).
            if (this.directPath) Object.defineProperty(this, 'mediaData', { value: { mediaStage: 'INIT' } });
        }
        // Fetches the file into the page (WhatsApp Web decrypts it too).
        async downloadMedia() {
            if (!this.mediaData) return;
            this.mediaData.mediaStage = 'FETCHING';
            try {
                await modules.WAWebDownloadManager.downloadManager.downloadAndMaybeDecrypt({ directPath: this.directPath, type: this.type });
                this.mediaData.mediaStage = 'RESOLVED';
            } catch (err) {
                this.mediaData.mediaStage = err && err.status === 404 ? 'ERROR_MISSING' : 'ERROR_UNKNOWN';
            }
        }
        unsafe() {
            return this;
        }
        canReply() {
            return !NOT_REPLYABLE.includes(this.type) && !this.isNotification;
        }
        // The fields a reply to this message carries (the quoted message's context).
        msgContextInfo(chat) {
            const info = {
                quotedMsg: { type: this.type, body: this.body, caption: this.caption },
                quotedStanzaID: this.id.id,
                quotedParticipant: this.author || this.from,
            };
            if (chat && !this.id.remote.equals(chat.id)) info.quotedRemoteJid = this.id.remote;
            return info;
        }
    }

    // A group's metadata (WhatsApp Web's GroupMetadata model): subject, description, owner and
    // participants, a collection of { id, isAdmin, isSuperAdmin } models (clients call
    // `participants.get(wid)` and `participants.serialize()`); serialize() gives them as a list.
    class ParticipantModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, isAdmin: false, isSuperAdmin: false, ...attrs });
        }
    }
    class GroupMetadataModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, subject: '', desc: undefined, descId: undefined, owner: undefined, creation: 0, participants: undefined, announce: false, restrict: false, memberAddMode: 'all_member_add', membershipApprovalMode: false, isLidAddressingMode: false, ...attrs });
        }
        serialize() {
            const participants = this.participants;
            return { ...this.attributes, participants: participants && participants.serialize ? participants.serialize() : [] };
        }
    }

    class ChatModel extends AccountModel {
        constructor(attrs) {
            super({
                id: undefined,
                t: 0,
                unreadCount: 0,
                archive: false,
                pin: 0,
                isReadOnly: false,
                isLocked: false,
                notSpam: true,
                muteExpiration: 0,
                lastReceivedKey: undefined,
                // A business account's label ids on the chat (page/account-labels.js).
                labels: undefined,
                ...attrs,
            });
            Object.defineProperty(this, 'msgs', { value: new Collection(MsgModel) });
            // WhatsApp Web's mute model: expiration 0 not muted, -1 for ever, else a Unix time.
            const chat = this;
            const mute = {
                expiration: 0,
                get isMuted() {
                    return mute.expiration !== 0;
                },
                async mute({ expiration }) {
                    mute.expiration = expiration;
                    chat.set('muteExpiration', expiration);
                    await ask({ type: 'chat_setting', chat: chat.id._serialized, setting: 'mute', value: expiration });
                },
                async unmute() {
                    mute.expiration = 0;
                    chat.set('muteExpiration', 0);
                    await ask({ type: 'chat_setting', chat: chat.id._serialized, setting: 'mute', value: 0 });
                },
            };
            Object.defineProperty(this, 'mute', { value: mute });
            // Set for groups only.
            Object.defineProperty(this, 'groupMetadata', { value: undefined, writable: true });
        }
        get contact() {
            return Contact.get(this.id);
        }
        // Whether the account is an admin of this group.
        iAmAdmin() {
            const me = meWid();
            const participants = this.groupMetadata && this.groupMetadata.participants;
            // In a LID group the account is a participant by its LID.
            const meLid = modules.WAWebUserPrefsMeUser.getMaybeMeLidUser();
            const participant = me && participants && (participants.get(me) || (meLid && participants.get(meLid)));
            return Boolean(participant && participant.isAdmin);
        }
        get formattedTitle() {
            const contact = this.contact;
            if (this.groupMetadata) return this.groupMetadata.subject;
            return (contact && (contact.name || contact.pushname)) || formattedPhoneNumber(this.id._serialized);
        }
        serialize() {
            return { ...this.attributes, formattedTitle: this.formattedTitle, msgs: this.msgs.getModelsArray() };
        }
    }

    class ContactModel extends AccountModel {
        constructor(attrs) {
            super({
                id: undefined,
                name: undefined,
                pushname: undefined,
                shortName: undefined,
                type: 'in',
                isBusiness: false,
                isEnterprise: false,
                isContactBlocked: false,
                isAddressBookContact: false,
                isWAContact: true,
                verifiedName: undefined,
                verifiedLevel: undefined,
                statusMute: false,
                labels: [],
                sectionHeader: undefined,
                about: undefined,
                profilePicPath: undefined,
                ...attrs,
            });
        }
        get formattedName() {
            return this.name || this.pushname || formattedPhoneNumber(this.id._serialized);
        }
    }

    // The collections as clients reach them (wrapped by app.js); used through these only, so that
    // a listener added by a client and an event triggered here meet on the same object.
    const Msg = sim.setCollection('Msg', new Collection(MsgModel));
    const Contact = sim.setCollection(
        'Contact',
        // A LID's contact carries what the page knows of it (account-lids.js).
        new Collection(ContactModel, (id) => sim.account.ensureContact(id)),
    );
    const Chat = sim.setCollection('Chat', new Collection(ChatModel, (id) => ensureChat(id)));
    // Every group's metadata, the same models as the chats' groupMetadata (filled by upsertGroup in
    // account-sync.js; update() is in account-groups.js).
    const GroupMetadata = sim.setCollection('GroupMetadata', new Collection(GroupMetadataModel));
    // Calls: the module is the collection itself, whose models are kept in an own Map (whatsapp-web.js
    // 1.34.7 Client.js:1072-1095 finds that Map among its keys and wraps its set() to see incoming
    // calls). Incoming calls are added by account-calls.js.
    class CallModel extends AccountModel {}
    modules.WAWebCallCollection = new Collection(CallModel);
    // Feature gates; whatsapp-web.js turns placeholder resend (asking the phone again for a message
    // that could not be decrypted) on by replacing this function (1.34.7 Client.js:1027-1029, main
    // 2dc9466 Client.js:1029-1030). Its default on the real page is not known; here it is off.
    modules.WAWebSyncGatingUtils = { isPlaceholderMessageResendEnabled: () => false };

    function ensureChat(id) {
        const wid = createWid(id);
        let chat = Chat.get(wid);
        if (!chat) {
            chat = new ChatModel({ id: wid });
            Chat.add(chat);
        }
        if (wid.isUser() && !Contact.get(wid)) Contact.add(new ContactModel({ id: wid }));
        return chat;
    }

    // Requests to the server with an answer (`account_reply` carrying the same `rid`).
    const waiting = new Map();
    let nextRid = 1;
    function ask(message, timeoutMs = 20000) {
        const rid = nextRid++;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                waiting.delete(rid);
                reject(new Error(`no answer from the server to ${message.type}`));
            }, timeoutMs);
            waiting.set(rid, (answer) => {
                clearTimeout(timer);
                resolve(answer);
            });
            sim.send({ ...message, rid });
        });
    }
    sim.onServer('account_reply', (msg) => {
        const done = waiting.get(msg.rid);
        waiting.delete(msg.rid);
        if (done) done(msg);
    });

    // ---- links and phone numbers -------------------------------------------------------------

    const LINK_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
    function findLinks(text) {
        if (typeof text !== 'string') return [];
        return [...text.matchAll(LINK_RE)].map((m) => {
            const url = m[0].replace(/[.,;:!?)]+$/, '');
            return { url, href: /^https?:/i.test(url) ? url : `http://${url}`, index: m.index };
        });
    }
    modules.WALinkify = { findLinks, findLink: (text) => findLinks(text)[0] || null };

    // Country calling codes: 1 and 7 take one digit, those below two, every other three (ITU E.164).
    const TWO_DIGIT_CC = new Set('20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '));
    function findCC(number) {
        const digits = String(number).replace(/\D/g, '');
        if (/^[17]/.test(digits)) return digits[0];
        if (TWO_DIGIT_CC.has(digits.slice(0, 2))) return digits.slice(0, 2);
        return digits.slice(0, 3);
    }
    modules.WAPhoneFindCC = { findCC };

    // "+1 (555) 010-0001" for North American numbers, "+44 7911 123 456"-like groups elsewhere: a
    // small part of the libphonenumber formatting WhatsApp Web uses.
    function formattedPhoneNumber(id) {
        const digits = String(id).split('@')[0].replace(/\D/g, '');
        const cc = findCC(digits);
        const national = digits.slice(cc.length);
        if (cc === '1' && national.length === 10) return `+1 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
        const groups = [];
        let rest = national;
        while (rest.length > 4) {
            groups.push(rest.slice(0, 3));
            rest = rest.slice(3);
        }
        if (rest) groups.push(rest);
        return `+${cc} ${groups.join(' ')}`.trim();
    }
    modules.WAWebPhoneUtils = { formattedPhoneNumber };
    // For page/account-sync.js, account-actions.js and account-changes.js, served right after this
    // file (their exports join this object).
    sim.account = { AccountModel, Collection, MsgKey, MsgModel, ChatModel, ContactModel, GroupMetadataModel, ParticipantModel, Msg, Chat, Contact, GroupMetadata, createWid, meWid, ask, ensureChat };
})();
