'use strict';
// The actions of the account's world in the simulated WhatsApp Web page, as whatsapp-web.js
// 1.34.7 calls them: sending (text and media), reactions, deleting, chat settings and lookups.
// The models and collections are in account.js, served just before this file.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { MsgKey, MsgModel, ChatModel, Msg, Chat, Contact, createWid, meWid, ask, ensureChat, markRevoked } = sim.account;

    // ---- actions -----------------------------------------------------------------------------

    // What a new message of each type needs besides its key, sender, chat and time, as whatsapp-web.js
    // main 2dc9466 builds them (Injected/Utils.js:145-578 sendMessage: text `body`; media from
    // processMediaData after the upload; location `lat`/`lng`, :221-235). Other types are not
    // modelled: refused here; polls are added by account-polls.js, contact cards (and group
    // mentions) by account-vcards.js, scheduled events by account-events.js, lists and reply buttons
    // by account-buttons.js. The real page's own errors for a malformed
    // message are not known; these are TypeErrors naming the field.
    const MEDIA_TYPES = ['image', 'video', 'audio', 'ptt', 'document', 'sticker'];
    const isText = (v) => typeof v === 'string';
    const NEEDS = {
        chat: { body: isText },
        location: { lat: Number.isFinite, lng: Number.isFinite },
        ...Object.fromEntries(MEDIA_TYPES.map((type) => [type, { directPath: isText, mediaKey: isText, mimetype: isText }])),
        // whatsapp-web.js's sticker carries no mimetype (processStickerData, Utils.js:670-678):
        // a sticker is a WebP (the server checks the file, ../account-media-kinds.js).
        sticker: { directPath: isText, mediaKey: isText },
    };
    sim.account.outgoingNeeds = NEEDS;
    const isWidLike = (v) => Boolean(v && typeof v === 'object' && typeof v._serialized === 'string');
    function checkOutgoing(chat, data) {
        const fail = (why) => {
            throw new TypeError(`addAndSendMsgToChat: ${why}`);
        };
        if (!(chat instanceof ChatModel)) fail('the first argument must be a chat model');
        if (!data || typeof data !== 'object') fail('the second argument must be the new message');
        if (!(data.id instanceof MsgKey) || !data.id.fromMe || !data.id.remote.equals(chat.id)) fail("the message's id must be a new MsgKey of this account in this chat");
        if (!isWidLike(data.from) || !isWidLike(data.to) || !chat.id.equals(data.to)) fail('the message needs from (the account) and to (the chat) wids');
        if (!Number.isFinite(data.t)) fail('the message needs t, its time in seconds');
        const needs = NEEDS[data.type];
        if (!needs) fail(`messages of type ${JSON.stringify(data.type)} are not modelled`);
        for (const [field, ok] of Object.entries(needs)) {
            if (!ok(data[field])) fail(`a message of type ${data.type} needs ${field}`);
        }
        if (data.directPath !== undefined) sim.account.checkMediaKind(data, fail);
        sim.account.checkCards(data, fail);
        sim.account.checkBot(data, fail);
        sim.account.checkButtons(data, fail);
    }

    // Returns [the message added to the chat, the server's send result], as WhatsApp Web does.
    function addAndSendMsgToChat(chat, data) {
        checkOutgoing(chat, data);
        // A message with a file counts as unsent media until the server took it
        // (whatsapp-web.js's media_uploaded listens for the flag going false).
        const withFile = data.directPath !== undefined;
        const msg = new MsgModel({ ...data, isNewMsg: true, local: true, ack: 0, self: 'out', ...(withFile ? { isUnsentMedia: true } : {}) });
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
            forwardingScore: msg.forwardingScore,
            lat: msg.lat,
            lng: msg.lng,
            loc: msg.loc,
            clientUrl: msg.clientUrl,
            mentions: (msg.mentionedJidList || []).map((w) => String(w && w._serialized ? w._serialized : w)),
            // A link preview travels with the message (WhatsApp: extendedTextMessage's title, url).
            preview: msg.subtype === 'url' ? { title: msg.title, canonicalUrl: msg.canonicalUrl, matchedText: msg.matchedText } : undefined,
            // A poll's name, options, selectable count and secret (account-polls.js).
            poll: sim.account.pollWireOf(msg),
            // A scheduled event's fields and secret (account-events.js).
            event: sim.account.eventWireOf(msg),
            // Contact cards and group mentions (account-vcards.js).
            ...sim.account.cardsWireOf(msg),
            // The bot it invokes, with the secrets (account-bots.js).
            bot: sim.account.botWireOf(msg),
            // Reply buttons or a list (account-buttons.js).
            ...sim.account.buttonsWireOf(msg),
            // The stanza's type and media type, and whether the caption is the user's (account-wire.js).
            ...sim.account.stanzaOf(msg),
            // Sticker, voice note, GIF, picture size, view once (account-media-kinds.js).
            kind: sim.account.mediaKindOf(msg),
        }).then(
            (answer) => {
                if (!answer.ok) {
                    msg.set('ack', -1);
                    return { messageSendResult: 'ERROR', error: answer.error };
                }
                if (withFile) msg.set('isUnsentMedia', false);
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

    // prepRawMedia, and the media kinds (stickers, voice notes, GIFs, HD, view once): account-media-kinds.js.
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
    // A channel's media has its own types (isNewsletter); the simulator's names for them.
    modules.WAWebMmsMediaTypes = { msgToMediaType: ({ type, isNewsletter }) => (isNewsletter ? `newsletter-${type}` : type), castToV4: (type) => type };
    modules.WAWebMediaDataUtils = { shouldUseMediaCache: () => false };
    // The in-memory cache of files to upload, by file hash (main 2dc9466 Injected/Utils.js:757-758
    // puts a file there when shouldUseMediaCache says so; which media the real page caches is not
    // known, and here none is, so it only ever holds what a client puts in it itself).
    const cachedBlobs = new Map();
    modules.WAWebMediaInMemoryBlobCache = {
        InMemoryMediaBlobCache: {
            put(filehash, blob) {
                if (typeof filehash !== 'string' || !filehash) throw new TypeError('InMemoryMediaBlobCache.put: filehash must be a non-empty string');
                cachedBlobs.set(filehash, blob);
            },
            get: (filehash) => cachedBlobs.get(filehash),
        },
    };
    // The upload: to the simulator's media server (WhatsApp Web encrypts and uploads to mmg). A
    // channel's media goes unencrypted (uploadUnencryptedMedia, whatsapp-web.js's sendToChannel):
    // a newsletter media type, a calculateToken function (WAMediaCalculateFilehash's), no media
    // key, and a handle the post names it by (the simulator's: the upload's last path segment).
    const calculateFilehash = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    modules.WAMediaCalculateFilehash = { getRandomFilehash: calculateFilehash };
    modules.WAWebMediaMmsV4Upload = {
        async uploadUnencryptedMedia({ mimetype, mediaObject, mediaType, calculateToken }) {
            if (typeof mediaType !== 'string' || !mediaType.startsWith('newsletter-')) throw new TypeError(`uploadUnencryptedMedia: mediaType ${String(mediaType)} is not a newsletter media type (msgToMediaType with isNewsletter)`);
            if (typeof calculateToken !== 'function') throw new TypeError('uploadUnencryptedMedia: needs calculateToken');
            const { mediaEntry } = await modules.WAWebMediaMmsV4Upload.uploadMedia({ mimetype, mediaObject, mediaType: mediaType.slice('newsletter-'.length) });
            return { mediaEntry: { ...mediaEntry, mediaKey: undefined, mediaKeyTimestamp: undefined, encFilehash: undefined, uploadToken: calculateToken(), handle: mediaEntry.directPath.split('/').pop() } };
        },
        async uploadMedia({ mimetype, mediaObject, mediaType }) {
            if (typeof mediaType === 'string' && mediaType.startsWith('newsletter-')) throw new TypeError('uploadMedia: a newsletter media type goes with uploadUnencryptedMedia');
            const blob = mediaObject.renderableUrl ? await (await fetch(mediaObject.renderableUrl)).blob() : null;
            if (!blob) throw new Error('upload failed: no file for this media object');
            const res = await fetch('/_media/upload', {
                method: 'POST',
                // x-filename always (empty for none): with it the server takes any file type,
                // text/plain included, that a cross-site form could not post (simulator/README.md).
                headers: { 'content-type': mimetype, 'x-filename': encodeURIComponent(mediaObject.filename || '') },
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
        if (sim.account.reactionRows) sim.account.reactionRows(records); // account-message-actions.js
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

    // Forwarding: a copy of each message, sent to the chat, marked forwarded one time more.
    modules.WAWebChatForwardMessage = {
        async forwardMessages({ chat, msgs }) {
            const me = meWid();
            for (const original of msgs || []) {
                if (!original) continue;
                const copy = {};
                for (const k of ['type', 'body', 'caption', 'directPath', 'mimetype', 'filename', 'size', 'mediaKey', 'lat', 'lng', 'loc', 'clientUrl']) {
                    if (original[k] !== undefined) copy[k] = original[k];
                }
                const [added] = addAndSendMsgToChat(chat, {
                    ...copy,
                    id: new MsgKey({ from: me, to: chat.id, id: await MsgKey.newId(), selfDir: 'out' }),
                    from: me,
                    to: chat.id,
                    t: Math.floor(Date.now() / 1000),
                    isForwarded: true,
                    forwardingScore: (original.forwardingScore || 0) + 1,
                });
                await added;
            }
            return true;
        },
    };

    // Link previews: WhatsApp Web fetches the linked page's title and picture itself; here the
    // preview is made from the URL alone (its host name as the title). whatsapp-web.js spreads
    // `data` into the new message with `preview: true, subtype: 'url'` (Injected/Utils.js:341-355).
    modules.WAWebLinkPreviewChatAction = {
        async getLinkPreview(link) {
            let url;
            try {
                url = new URL(link.href || link.url);
            } catch {
                return null;
            }
            return { url: link.url, data: { title: url.hostname, description: '', canonicalUrl: url.href, matchedText: link.url, richPreviewType: 0, doNotPlayInline: true } };
        },
    };

    modules.WAWebFindChatAction = {
        // A chat with a phone number the page has no LID for cannot be made: "No LID for user",
        // thrown from toUserLidOrThrow inside findOrCreateLatestChat (whatsapp-web.js issues
        // #145434, #69244). A LID chat with that person is the chat (account-lids.js).
        findOrCreateLatestChat: async (wid) => {
            const w = createWid(wid);
            if (Chat.has(w)) return { chat: Chat.get(w), created: false };
            const lid = w.server === 'c.us' ? sim.account.currentLid(w) : null;
            if (lid && Chat.has(lid)) return { chat: Chat.get(lid), created: false };
            if (w.server === 'c.us' && !lid) throw new Error('No LID for user');
            return { chat: ensureChat(w), created: true };
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
        // The answer carries the LID of a phone number, which the page keeps (account-lids.js);
        // a LID that exists answers itself, its phone number not revealed.
        queryWidExists: async (wid) => {
            const asked = createWid(wid);
            const answer = await ask({ type: 'query_exists', wid: asked._serialized });
            if (!answer.exists) return null;
            if (asked.isLid()) return { wid: asked };
            if (answer.lid) sim.account.learnLid(answer.number, answer.lid);
            return { wid: createWid(`${answer.number}@c.us`) };
        },
    };
    modules.WAWebChatLoadMessages = {
        // Called with { chat } (whatsapp-web.js main 2dc9466 structures/Chat.js:229,
        // Channel.js:356): without the object the destructuring fails, with something else than a
        // chat model the real one fails reading it; both reject with a TypeError. The whole history
        // came at connect: nothing earlier to load.
        loadEarlierMsgs: async ({ chat }) => {
            // A channel's model (page/account-channels.js) is a chat here too.
            if (!(chat instanceof ChatModel || (sim.account.NewsletterModel && chat instanceof sim.account.NewsletterModel))) throw new TypeError(`loadEarlierMsgs: { chat } must hold a chat model, not ${chat === null ? 'null' : typeof chat}`);
            return [];
        },
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
    // A contact's picture and "about" text, as the server gave them with the contact.
    class ServerStatusCodeError extends Error {
        constructor(status) {
            super(`server status ${status}`);
            this.name = 'ServerStatusCodeError';
            this.status = status;
        }
    }
    modules.WAWebContactProfilePicThumbBridge = {
        async requestProfilePicFromServer(chat) {
            const contact = Contact.get(createWid(chat.id));
            if (!contact || !contact.profilePicPath) throw new ServerStatusCodeError(404);
            const eurl = `${location.origin}/_media${contact.profilePicPath}`;
            return { eurl, imgFull: eurl, img: eurl, tag: contact.profilePicPath.split('/').pop(), stale: false };
        },
    };
    modules.WAWebContactStatusBridge = {
        async getStatus({ wid }) {
            const contact = Contact.get(createWid(wid));
            return { status: contact ? contact.about : undefined };
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
    // For account-groups.js, served after this file.
    sim.account.ServerStatusCodeError = ServerStatusCodeError;
})();
