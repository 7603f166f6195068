'use strict';
// The account's world in the simulated WhatsApp Web page, after login: the Msg, Chat and Contact
// collections with their models, message keys and wids, and the actions a client calls to send a
// message, mark a chat seen or ask whether a number is on WhatsApp. It models the modules
// whatsapp-web.js 1.34.7 touches for these (src/util/Injected/Utils.js, src/Client.js,
// src/structures/*.js), with the shapes they have in WhatsApp Web; every other module keeps the
// permissive stand-in of app.js. The server side is ../account.js.
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

    // Accepts a wid, a wid-like object or a string; `s.whatsapp.net` is the protocol's c.us.
    function createWid(value) {
        if (value instanceof Wid) return value;
        const text = value && typeof value === 'object' ? value._serialized : value;
        if (typeof text !== 'string') throw new TypeError(`createWid: not a wid: ${String(value)}`);
        const at = text.lastIndexOf('@');
        let server = at < 0 ? '' : text.slice(at + 1);
        const user = text.slice(0, at);
        if (server === 's.whatsapp.net') server = 'c.us';
        if (!user || !SERVERS.includes(server)) throw new TypeError(`createWid: not a wid: ${text}`);
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
    // participants ({ id, isAdmin, isSuperAdmin }).
    class GroupMetadataModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, subject: '', desc: undefined, owner: undefined, creation: 0, participants: [], announce: false, restrict: false, isLidAddressingMode: false, ...attrs });
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
        new Collection(ContactModel, (id) => {
            const contact = new ContactModel({ id: createWid(id) });
            Contact.add(contact);
            return contact;
        }),
    );
    const Chat = sim.setCollection('Chat', new Collection(ChatModel, (id) => ensureChat(id)));

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

    // A contact as the server describes it: { number, name, pushname, isBusiness, isMyContact, registered }.
    function upsertContact(record) {
        const wid = createWid(`${record.number}@c.us`);
        const attrs = {
            name: record.name || undefined,
            pushname: record.pushname || undefined,
            shortName: record.name ? record.name.split(/\s+/)[0] : undefined,
            isBusiness: Boolean(record.isBusiness),
            isAddressBookContact: Boolean(record.isMyContact),
            isWAContact: record.registered !== false,
        };
        const contact = Contact.get(wid);
        if (contact) contact.set(attrs);
        else Contact.add(new ContactModel({ id: wid, ...attrs }));
    }

    // ---- messages from the server ------------------------------------------------------------

    // A group as the server describes it: its chat, with the metadata, and its participants' contacts.
    function upsertGroup(g) {
        const chat = ensureChat(g.id);
        const attrs = {
            id: createWid(g.id),
            subject: g.subject,
            desc: g.description || undefined,
            owner: createWid(g.owner),
            creation: g.creation,
            participants: g.participants.map((p) => ({ id: createWid(p.id), isAdmin: p.isAdmin, isSuperAdmin: p.isSuperAdmin })),
        };
        if (chat.groupMetadata) chat.groupMetadata.set(attrs);
        else chat.groupMetadata = new GroupMetadataModel(attrs);
        for (const p of g.participants) {
            if (!Contact.get(p.id)) Contact.add(new ContactModel({ id: createWid(p.id) }));
        }
    }

    function modelFromWire(w, isNew) {
        const attrs = {
            id: new MsgKey({ fromMe: w.fromMe, remote: w.chat, id: w.id, participant: w.author || undefined }),
            author: w.author && !w.fromMe ? createWid(w.author) : undefined,
            subtype: w.subtype || undefined,
            recipients: w.recipients ? w.recipients.map(createWid) : undefined,
            isNotification: w.type === 'gp2',
            type: w.type,
            body: w.body,
            t: w.t,
            from: createWid(w.from),
            to: createWid(w.to),
            ack: w.ack,
            isNewMsg: isNew,
            self: w.fromMe ? 'out' : 'in',
            mentionedJidList: (w.mentions || []).map(createWid),
        };
        if (w.media) {
            // A media message: the text is its caption; the file is fetched on demand.
            Object.assign(attrs, {
                body: '',
                caption: w.body || undefined,
                directPath: w.media.directPath,
                mimetype: w.media.mimetype,
                filename: w.media.filename || undefined,
                size: w.media.size,
                mediaKey: w.media.mediaKey,
                mediaKeyTimestamp: w.t,
            });
        }
        if (w.quoted) {
            attrs.quotedMsg = { type: w.quoted.type, body: w.quoted.body };
            attrs.quotedStanzaID = w.quoted.id;
            attrs.quotedParticipant = createWid(w.quoted.participant);
        }
        return new MsgModel(attrs);
    }

    // One message into the collections: chat and contact first, then the Msg collection, whose
    // `add` is what clients listen to; it sees a message that is complete and findable.
    function receive(w, isNew) {
        const existing = Msg.get(w.key);
        if (existing) {
            if (w.ack > existing.ack) existing.set('ack', w.ack);
        } else {
            const chat = ensureChat(w.chat);
            const msg = modelFromWire(w, isNew);
            chat.msgs.add(msg);
            chat.set({ t: Math.max(chat.t, msg.t), lastReceivedKey: msg.id });
            Msg.add(msg);
            if (isNew && !w.fromMe) chat.set('unreadCount', chat.unreadCount + 1);
        }
        // The server keeps a message for this device until the device has it.
        if (isNew) sim.send({ type: 'msg_receipt', key: w.key });
    }

    sim.onServer('history', (msg) => {
        for (const c of msg.contacts || []) upsertContact(c);
        for (const g of msg.groups || []) upsertGroup(g);
        for (const w of msg.messages || []) receive(w, false);
    });
    sim.onServer('msg', (msg) => {
        if (msg.contact) upsertContact(msg.contact);
        if (msg.group) upsertGroup(msg.group);
        receive(msg.msg, true);
    });
    sim.onServer('ack', (msg) => {
        const m = Msg.get(msg.key);
        if (m && msg.ack > m.ack) m.set('ack', msg.ack);
    });
    // A message deleted for everyone: WhatsApp Web turns the model into a `revoked` one in place.
    function markRevoked(msg) {
        if (msg.type !== 'revoked') msg.set({ type: 'revoked', subtype: 'sender_revoke', body: '' });
    }
    sim.onServer('revoke', (msg) => {
        const m = Msg.get(msg.key);
        if (m) markRevoked(m);
    });
    sim.onServer('reaction', (msg) => {
        const r = msg.reaction;
        upsertReactions([
            {
                id: new MsgKey({ fromMe: r.fromMe, remote: r.chat, id: r.id }),
                reactionParentKey: MsgKey.fromString(r.parentKey),
                reactionText: r.reaction,
                reactionTimestamp: r.t,
                from: createWid(r.sender),
                read: false,
                orphan: 0,
                orphanReason: null,
                ack: 1,
            },
        ]);
    });
    sim.onServer('contacts', (msg) => {
        for (const c of msg.contacts || []) upsertContact(c);
    });

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

    // ---- actions -----------------------------------------------------------------------------

    // Returns [the message added to the chat, the server's send result], as WhatsApp Web does.
    function addAndSendMsgToChat(chat, data) {
        const msg = new MsgModel({ ...data, isNewMsg: true, local: true, ack: 0, self: 'out' });
        chat.msgs.add(msg);
        chat.set({ t: Math.max(chat.t, msg.t), lastReceivedKey: msg.id });
        Msg.add(msg);
        const result = ask({
            type: 'send_msg',
            id: msg.id.id,
            to: chat.id._serialized,
            msgType: msg.type,
            body: typeof msg.body === 'string' ? msg.body : '',
            quotedStanzaId: msg.quotedStanzaID,
            directPath: msg.directPath,
            caption: msg.caption,
            mentions: (msg.mentionedJidList || []).map((w) => String(w && w._serialized ? w._serialized : w)),
        }).then(
            (answer) => {
                if (!answer.ok) {
                    msg.set('ack', -1);
                    return { messageSendResult: 'ERROR', error: answer.error };
                }
                if (msg.ack < 1) msg.set('ack', 1);
                return { messageSendResult: 'OK', t: answer.t };
            },
            (err) => {
                msg.set('ack', -1);
                return { messageSendResult: 'ERROR', error: String(err && err.message) };
            },
        );
        return [Promise.resolve([msg]), result];
    }
    modules.WAWebSendMsgChatAction = { addAndSendMsgToChat };

    // ---- sending media: the steps whatsapp-web.js takes (Injected/Utils.js processMediaData) ----

    // A file held by the page.
    class OpaqueData {
        constructor(blob) {
            this.blob = blob;
        }
        static async createFromData(data, mimetype) {
            return new OpaqueData(data instanceof Blob ? data : new Blob([data], { type: mimetype }));
        }
        url() {
            return URL.createObjectURL(this.blob);
        }
        autorelease() {}
        formData() {
            return this.blob;
        }
    }
    modules.WAWebMediaOpaqueData = OpaqueData;

    // A file being prepared for sending: its type, hash and, after the upload, where it is.
    class MediaData {
        constructor(fields) {
            Object.assign(this, fields);
        }
        set(fields) {
            Object.assign(this, fields);
        }
        toJSON() {
            const { mediaBlob, ...rest } = this;
            return { ...rest };
        }
    }
    const mediaTypeOf = (mimetype, asDocument) =>
        asDocument ? 'document' : /^image\//.test(mimetype) ? 'image' : /^video\//.test(mimetype) ? 'video' : /^audio\//.test(mimetype) ? 'audio' : 'document';
    modules.WAWebPrepRawMedia = {
        prepRawMedia(opaque, params = {}) {
            return {
                async waitForPrep() {
                    const bytes = await opaque.blob.arrayBuffer();
                    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
                    return new MediaData({
                        type: mediaTypeOf(opaque.blob.type, params.asDocument),
                        mimetype: opaque.blob.type,
                        filename: opaque.blob.name || undefined,
                        size: bytes.byteLength,
                        filehash: btoa(String.fromCharCode(...hash)),
                        isGif: false,
                        mediaBlob: opaque,
                    });
                },
            };
        },
    };
    // Media objects by file hash, as WhatsApp Web's media storage keeps them.
    const mediaObjects = new Map();
    modules.WAWebMediaStorage = {
        getOrCreateMediaObject(filehash) {
            if (!mediaObjects.has(filehash)) {
                const object = {
                    filehash,
                    contentInfo: {},
                    consolidate(fields) {
                        Object.assign(object, fields);
                    },
                };
                mediaObjects.set(filehash, object);
            }
            return mediaObjects.get(filehash);
        },
    };
    modules.WAWebMmsMediaTypes = { msgToMediaType: ({ type }) => type, castToV4: (type) => type };
    modules.WAWebMediaDataUtils = { shouldUseMediaCache: () => false };
    // The upload: to the simulator's media server (WhatsApp Web encrypts and uploads to mmg).
    modules.WAWebMediaMmsV4Upload = {
        async uploadMedia({ mimetype, mediaObject }) {
            const blob = mediaObject.renderableUrl ? await (await fetch(mediaObject.renderableUrl)).blob() : null;
            if (!blob) throw new Error('upload failed: no file for this media object');
            const res = await fetch('/_media/upload', {
                method: 'POST',
                headers: { 'content-type': mimetype, ...(mediaObject.filename ? { 'x-filename': encodeURIComponent(mediaObject.filename) } : {}) },
                body: blob,
            });
            if (!res.ok) throw new Error(`upload failed: ${res.status}`);
            const up = await res.json();
            return {
                mediaEntry: {
                    mmsUrl: `${location.origin}/_media${up.directPath}`,
                    deprecatedMms3Url: `${location.origin}/_media${up.directPath}`,
                    directPath: up.directPath,
                    mediaKey: up.mediaKey,
                    mediaKeyTimestamp: Math.floor(Date.now() / 1000),
                    encFilehash: mediaObject.filehash,
                    uploadHash: mediaObject.filehash,
                    sidecar: undefined,
                    firstFrameSidecar: undefined,
                    handle: null,
                },
            };
        },
    };

    // The media server, on the page's own origin (the real one is mmg.whatsapp.net).
    modules.WAWebDownloadManager = {
        downloadManager: {
            async downloadAndMaybeDecrypt({ directPath }) {
                const res = await fetch(`/_media${directPath}`);
                if (!res.ok) throw Object.assign(new Error(`media download failed: ${res.status}`), { status: res.status });
                return res.arrayBuffer();
            },
        },
    };

    // ---- reactions ---------------------------------------------------------------------------

    // The reaction table; clients wrap bulkUpsert (whatsapp-web.js does), so it is always called
    // through the module object.
    modules.WAWebAddonReactionTableMode = { reactionTableMode: { bulkUpsert: async (records) => records } };
    function upsertReactions(records) {
        modules.WAWebAddonReactionTableMode.reactionTableMode.bulkUpsert(records);
        for (const r of records) {
            const parent = Msg.get(r.reactionParentKey);
            if (parent && r.reactionText && !parent.hasReaction) parent.set('hasReaction', true);
        }
    }
    modules.WAWebSendReactionMsgAction = {
        async sendReactionToMsg(msg, reaction) {
            const id = await MsgKey.newId();
            const answer = await ask({ type: 'send_reaction', parentKey: msg.id._serialized, reaction: String(reaction ?? '') });
            if (!answer.ok) return { messageSendResult: 'ERROR', error: answer.error };
            upsertReactions([
                {
                    id: new MsgKey({ fromMe: true, remote: msg.id.remote, id }),
                    reactionParentKey: msg.id,
                    reactionText: String(reaction ?? ''),
                    reactionTimestamp: Date.now(),
                    from: meWid(),
                    read: true,
                    orphan: 0,
                    orphanReason: null,
                    ack: 1,
                },
            ]);
            return { messageSendResult: 'OK' };
        },
    };

    // ---- deleting --------------------------------------------------------------------------

    modules.WAWebMsgActionCapability = {
        canSenderRevokeMsg: (msg) => Boolean(msg && msg.id.fromMe && msg.type !== 'revoked'),
        // Admins revoke in groups, which are not modelled yet.
        canAdminRevokeMsg: () => false,
    };
    const Cmd = modules.WAWebCmd.Cmd;
    // Chat settings the phone and the other devices share; the server logs each as chat-setting.
    Cmd.archiveChat = async (chat, archive) => {
        chat.set('archive', Boolean(archive));
        await ask({ type: 'chat_setting', chat: chat.id._serialized, setting: 'archive', value: Boolean(archive) });
    };
    Cmd.pinChat = async (chat, pin) => {
        chat.set('pin', pin ? Math.floor(Date.now() / 1000) : 0);
        await ask({ type: 'chat_setting', chat: chat.id._serialized, setting: 'pin', value: Boolean(pin) });
    };
    // Marked unread by hand: WhatsApp Web shows it with an unread count of -1.
    Cmd.markChatUnread = async (chat, unread) => {
        chat.set('unreadCount', unread ? -1 : 0);
        await ask({ type: 'chat_setting', chat: chat.id._serialized, setting: 'unread', value: Boolean(unread) });
    };
    // Typing and recording, as the contact's phone shows them.
    const chatState = (state) => (wid) => ask({ type: 'chat_setting', chat: createWid(wid)._serialized, setting: 'state', value: state });
    modules.WAWebChatStateBridge = {
        sendChatStateComposing: chatState('typing'),
        sendChatStateRecording: chatState('recording'),
        sendChatStatePaused: chatState('paused'),
    };
    // Current WhatsApp Web (2.3000+): (chat, { list, type: 'message' }, options).
    Cmd.sendRevokeMsgs = async (chat, { list }) => {
        for (const msg of list || []) {
            const answer = await ask({ type: 'revoke_msg', key: msg.id._serialized });
            if (answer.ok) markRevoked(msg);
        }
    };
    // Delete for me: the messages leave this device's collections.
    Cmd.sendDeleteMsgs = async (chat, { list }) => {
        for (const msg of list || []) {
            chat.msgs.remove(msg);
            Msg.remove(msg);
        }
    };

    modules.WAWebFindChatAction = {
        findOrCreateLatestChat: async (wid) => {
            const existed = Chat.has(createWid(wid));
            return { chat: ensureChat(wid), created: !existed };
        },
    };
    modules.WAWebUpdateUnreadChatAction = {
        // Reading a chat: its unread count goes to 0 and the server is told.
        sendSeen: async ({ chat }) => {
            if (chat.unreadCount !== 0) chat.set('unreadCount', 0);
            await ask({ type: 'seen', chat: chat.id._serialized });
        },
    };
    modules.WAWebStreamModel = { Stream: { markAvailable() {}, markUnavailable() {}, available: true } };
    modules.WAWebQueryExistsJob = {
        queryWidExists: async (wid) => {
            const answer = await ask({ type: 'query_exists', wid: createWid(wid)._serialized });
            return answer.exists ? { wid: createWid(`${answer.number}@c.us`) } : null;
        },
    };
    modules.WAWebChatLoadMessages = {
        // The whole history came at connect: nothing earlier to load.
        loadEarlierMsgs: async () => [],
    };
    modules.WAWebGetEphemeralFieldsMsgActionsUtils = { getEphemeralFields: () => ({}) };
    modules.WAWebMsgReply = { canReplyMsg: (msg) => Boolean(msg && msg.canReply && msg.canReply()) };
    modules.WAWebQuotedMsgModelUtils = {
        // The quoted message as a model: the one in the collection, else one made from the quote.
        getQuotedMsgObj(msg) {
            if (!msg || !msg.quotedStanzaID) return undefined;
            const found = Msg.list.find((m) => m.id.id === msg.quotedStanzaID);
            if (found) return found;
            const participant = msg.quotedParticipant;
            const me = meWid();
            const fromMe = Boolean(me && participant && me.equals(participant));
            return new MsgModel({
                id: new MsgKey({ fromMe, remote: msg.quotedRemoteJid || msg.id.remote, id: msg.quotedStanzaID }),
                type: (msg.quotedMsg && msg.quotedMsg.type) || 'chat',
                body: (msg.quotedMsg && msg.quotedMsg.body) || '',
                from: fromMe ? me : participant,
                to: fromMe ? msg.id.remote : me,
            });
        },
    };
    modules.WAWebChatGetters = {
        getIsNewsletter: (chat) => chat.id.isNewsletter(),
        getIsBroadcast: (chat) => chat.id.isBroadcast(),
        getIsGroup: (chat) => chat.id.isGroup(),
    };
    modules.WAWebContactGetters = {
        getIsMe: (c) => Boolean(meWid() && meWid().equals(c.id)),
        getIsUser: (c) => c.id.isUser(),
        getIsGroup: (c) => c.id.isGroup(),
        getIsWAContact: (c) => c.isWAContact && c.id.isUser(),
        getUserid: (c) => (c.id.server === 'c.us' ? c.id.user : undefined),
        getVerifiedName: (c) => c.verifiedName,
        getVerifiedLevel: (c) => c.verifiedLevel,
        getStatusMute: (c) => c.statusMute,
        getName: (c) => c.name,
        getShortName: (c) => c.shortName,
        getPushname: (c) => c.pushname,
        getIsEnterprise: (c) => c.isEnterprise,
    };
    modules.WAWebFrontendContactGetters = { getIsMyContact: (c) => Boolean(c.isAddressBookContact) };

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
})();
