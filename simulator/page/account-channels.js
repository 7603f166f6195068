'use strict';
// Channels (newsletters) in the simulated WhatsApp Web page: the WAWebNewsletterCollection and
// NewsletterMetadataCollection of WAWebCollections and the newsletter modules whatsapp-web.js
// main 2dc9466 calls (src/Client.js:1601-1636, 1678-1720, 1850-1915, 2447-2745;
// src/structures/Channel.js; src/util/Injected/Utils.js:491-534, 843-935, 1620-1650), with the
// argument checks their use there implies. A server refusal is a ServerStatusCodeError, which
// whatsapp-web.js turns into false. The server side is ../account-channels.js. Served after
// account-labels.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, MsgModel, MsgKey, ChatModel, ContactModel, Msg, Contact, createWid, meWid, ask } = sim.account;

    class ServerStatusCodeError extends Error {
        constructor(status, why) {
            super(`server status ${status}${why ? ` (${why})` : ''}`);
            this.name = 'ServerStatusCodeError';
            this.status = status;
        }
    }
    // Asks the server; a refusal rejects with its status.
    async function askServer(message) {
        const answer = await ask({ type: 'newsletter', ...message });
        if (!answer.ok) throw new ServerStatusCodeError(answer.status || 500, answer.error);
        return answer;
    }
    const isNewsletterId = (v) => typeof v === 'string' && /^\d{1,30}@newsletter$/.test(v);
    const idText = (v) => (v && typeof v === 'object' && typeof v._serialized === 'string' ? v._serialized : v);

    // WhatsApp Web's newsletter metadata: name, description, invite code, creation time, the
    // account's membershipType ('owner' | 'admin' | 'subscriber' | 'guest'), subscriber count…
    class NewsletterMetadataModel extends AccountModel {}
    const Metadata = sim.setCollection('NewsletterMetadataCollection', new (class extends Collection {
        // update(wid): re-reads the channel's metadata from the server (Utils.js:970-976). A channel
        // the server no longer has keeps what the page had.
        async update(id) {
            const text = idText(id);
            if (!isNewsletterId(text)) throw new TypeError(`NewsletterMetadataCollection.update: not a newsletter id: ${String(text)}`);
            try {
                applyMetadata((await askServer({ op: 'metadata', id: text })).channel);
            } catch (err) {
                if (err.name !== 'ServerStatusCodeError') throw err;
            }
            return this.get(text);
        }
    })(NewsletterMetadataModel));

    // A channel as a chat: its messages (`msgs`), its mute state, its metadata.
    class NewsletterModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, name: '', t: 0, unreadCount: 0, muteExpiration: 0, isReadOnly: true, lastReceivedKey: undefined, ...attrs });
            Object.defineProperty(this, 'msgs', { value: new Collection(MsgModel) });
            const chat = this;
            Object.defineProperty(this, 'mute', {
                value: {
                    get expiration() {
                        return chat.muteExpiration;
                    },
                    get isMuted() {
                        return chat.muteExpiration !== 0;
                    },
                },
            });
        }
        get newsletterMetadata() {
            return Metadata.get(this.id);
        }
        get formattedTitle() {
            return this.name;
        }
        serialize() {
            return { ...this.attributes, formattedTitle: this.name, msgs: this.msgs.getModelsArray() };
        }
    }
    sim.account.NewsletterModel = NewsletterModel;
    const Newsletters = sim.setCollection('WAWebNewsletterCollection', new Collection(NewsletterModel));

    function applyMetadata(wire) {
        const attrs = {
            name: wire.name,
            description: wire.description,
            inviteCode: wire.inviteCode,
            creationTime: wire.creationTime,
            membershipType: wire.membershipType,
            subscribersCount: wire.subscribersCount,
            verified: wire.verified,
            reactionCodesSetting: wire.reactionCodesSetting,
            picture: wire.picture,
        };
        // The channel's picture is its ProfilePicThumb's, as a user's or a group's (account-profile.js).
        if (sim.account.setPictureThumb) sim.account.setPictureThumb(createWid(wire.id), wire.picture ? { directPath: wire.picture, tag: wire.picture.split('/').pop() } : null);
        const found = Metadata.get(wire.id);
        if (found) found.set(attrs);
        else Metadata.add(new NewsletterMetadataModel({ id: createWid(wire.id), ...attrs }));
        return Metadata.get(wire.id);
    }

    // A channel model from the server's record: the collection's, or a preview (search results)
    // outside it.
    function modelOf(wire, { add }) {
        applyMetadata(wire);
        let chat = Newsletters.get(wire.id);
        const attrs = { name: wire.name, muteExpiration: wire.muted ? -1 : 0, isReadOnly: !['owner', 'admin'].includes(wire.membershipType) };
        if (chat) chat.set(attrs);
        else {
            chat = new NewsletterModel({ id: createWid(wire.id), ...attrs });
            if (add) Newsletters.add(chat);
        }
        const me = meWid();
        for (const post of wire.posts || []) {
            if (chat.msgs.list.some((m) => m.serverId === post.serverId)) continue;
            const fromMe = Boolean(me && post.from === me.user);
            const existing = chat.msgs.list.find((m) => m.id.id === post.id);
            if (existing) {
                existing.set({ serverId: post.serverId, t: post.t });
                continue;
            }
            const kind = post.media
                ? { directPath: post.media.directPath, mimetype: post.media.mimetype, size: post.media.size, caption: post.caption, isGif: Boolean(post.media.isGif), body: undefined }
                : post.poll
                  ? { pollName: post.poll.name, pollOptions: post.poll.options.map((name, localId) => ({ name, localId })), pollSelectableOptionsCount: post.poll.selectableCount, body: undefined }
                  : {};
            chat.msgs.add(new MsgModel({ id: new MsgKey({ fromMe, remote: wire.id, id: post.id }), serverId: post.serverId, type: post.type, body: post.body, t: post.t, from: chat.id, to: chat.id, ack: fromMe ? 1 : 0, self: fromMe ? 'out' : 'in', ...kind }));
            if (post.t > chat.t) chat.set('t', post.t);
        }
        return chat;
    }

    // The server's list of the account's channels: at connect and whenever it changes. A channel
    // the account only looked at (a guest) stays until it leaves the page.
    sim.onServer('newsletters', (msg) => {
        const ids = new Set(msg.channels.map((c) => c.id));
        Newsletters.remove(Newsletters.getModelsArray().filter((m) => !ids.has(m.id._serialized) && m.newsletterMetadata?.membershipType !== 'guest'));
        for (const wire of msg.channels) modelOf(wire, { add: true });
    });

    const channelModel = (what, chat) => {
        if (!(chat instanceof NewsletterModel)) throw new TypeError(`${what}: needs a newsletter model, not ${chat === null ? 'null' : typeof chat}`);
        return chat;
    };

    // The simulator's value for the gates (the real ones come from WhatsApp's server-side config).
    modules.WAWebNewsletterGatingUtils = {
        isNewsletterCreationEnabled: () => true,
        getNewsletterDirectoryPageSize: () => 50,
        getMaxSubscriberNumber: () => 5000,
    };

    // The query answers come in WhatsApp's "mixin" shape, as whatsapp-web.js reads them (Client.js:2496-2518, Utils.js:878-926).
    const mixins = (wire) => ({
        idJid: wire.id,
        newsletterInviteLinkMetadataMixin: { inviteCode: wire.inviteCode },
        newsletterCreationTimeMetadataMixin: { creationTimeValue: wire.creationTime },
        newsletterNameMetadataMixin: { nameElementValue: wire.name, nameUpdateTime: wire.nameUpdatedAt },
        newsletterDescriptionMetadataMixin: { descriptionQueryDescriptionResponseMixin: { elementValue: wire.description, updateTime: wire.descriptionUpdatedAt } },
        newsletterStateMetadataMixin: { stateType: 'active' },
        newsletterSubscribersMetadataMixin: { subscribersCount: wire.subscribersCount },
        newsletterVerificationMetadataMixin: { verificationState: wire.verified ? 'verified' : 'unverified' },
        newsletterPictureMetadataMixin: wire.picture ? { picture: [{ queryPictureDirectPathOrEmptyResponseMixinGroup: { value: { directPath: wire.picture } } }] } : undefined,
    });

    modules.WAWebNewsletterCreateQueryJob = {
        // ({ name, description, picture }): picture a data URL or null.
        async createNewsletterQuery(spec) {
            if (!spec || typeof spec !== 'object' || typeof spec.name !== 'string') throw new TypeError('createNewsletterQuery: needs { name, description, picture }');
            if (spec.description != null && typeof spec.description !== 'string') throw new TypeError('createNewsletterQuery: description must be a string or null');
            if (spec.picture != null && (typeof spec.picture !== 'string' || !spec.picture.startsWith('data:image/'))) throw new TypeError('createNewsletterQuery: picture must be an image data URL or null');
            const { channel } = await askServer({ op: 'create', name: spec.name, description: spec.description ?? null, picture: spec.picture ?? null });
            return mixins(channel);
        },
    };
    modules.WAWebNewsletterMetadataQueryJob = {
        async queryNewsletterMetadataByInviteCode(inviteCode, role) {
            if (typeof inviteCode !== 'string' || !inviteCode) throw new TypeError('queryNewsletterMetadataByInviteCode: the invite code must be a string');
            if (!['owner', 'admin', 'subscriber', 'guest'].includes(role)) throw new TypeError(`queryNewsletterMetadataByInviteCode: unknown role ${String(role)}`);
            return mixins((await askServer({ op: 'metadata', inviteCode })).channel);
        },
    };
    modules.WAWebNewsletterModelUtils = {
        // The account's role in the channel an invite code (or id) names, as far as the page knows it.
        getRoleByIdentifier(identifier) {
            const meta = Metadata.getModelsArray().find((m) => m.inviteCode === identifier || m.id._serialized === identifier);
            return meta ? meta.membershipType : 'guest';
        },
        // The simulator's values (the real constants are not known).
        ADMIN_NOTIFICATIONS: 'admin_notifications',
        MUTED_STATE: 'muted',
        UNMUTED_STATE: 'unmuted',
    };
    modules.WAWebLoadNewsletterPreviewChatAction = {
        // Loads a channel the page does not hold into WAWebNewsletterCollection; a server refusal (no such channel) rejects.
        async loadNewsletterPreviewChat(chatId) {
            if (!isNewsletterId(idText(chatId))) throw new TypeError(`loadNewsletterPreviewChat: not a newsletter id: ${String(idText(chatId))}`);
            return modelOf((await askServer({ op: 'metadata', id: idText(chatId) })).channel, { add: true });
        },
    };
    Object.assign(modules.WAWebJidToWid, {
        newsletterJidToWid(jid) {
            if (!isNewsletterId(jid)) throw new TypeError(`newsletterJidToWid: not a newsletter jid: ${String(jid)}`);
            return createWid(jid);
        },
    });
    modules.WAJids = {
        toNewsletterJid(id) {
            if (!isNewsletterId(idText(id))) throw new TypeError(`toNewsletterJid: not a newsletter id: ${String(idText(id))}`);
            return idText(id);
        },
    };

    // Subscribing and unsubscribing: (channel model, { eventSurface, deleteLocalModels }).
    modules.WAWebNewsletterSubscribeAction = {
        async subscribeToNewsletterAction(chat, options) {
            channelModel('subscribeToNewsletterAction', chat);
            if (!options || typeof options !== 'object') throw new TypeError('subscribeToNewsletterAction: needs options');
            const { channel } = await askServer({ op: 'subscribe', id: chat.id._serialized });
            modelOf(channel, { add: true });
        },
    };
    modules.WAWebNewsletterUnsubscribeAction = {
        async unsubscribeFromNewsletterAction(chat, options) {
            channelModel('unsubscribeFromNewsletterAction', chat);
            if (!options || typeof options !== 'object') throw new TypeError('unsubscribeFromNewsletterAction: needs options');
            const { channel } = await askServer({ op: 'unsubscribe', id: chat.id._serialized });
            if (options.deleteLocalModels) {
                Newsletters.remove(chat);
                Metadata.remove(chat.id);
            } else modelOf(channel, { add: true });
        },
    };
    modules.WAWebNewsletterDeleteAction = {
        async deleteNewsletterAction(chat) {
            channelModel('deleteNewsletterAction', chat);
            await askServer({ op: 'delete', id: chat.id._serialized });
            Newsletters.remove(chat);
            Metadata.remove(chat.id);
        },
    };
    modules.WAWebEditNewsletterMetadataAction = {
        // (channel, { editName | editDescription | editPicture | editReactionCodesSetting: true }, { name | description | picture | reactionCodesSetting }).
        async editNewsletterMetadataAction(chat, property, value) {
            channelModel('editNewsletterMetadataAction', chat);
            const edits = { editName: 'name', editDescription: 'description', editReactionCodesSetting: 'reactionCodesSetting' };
            const flags = property && typeof property === 'object' ? Object.keys(property).filter((k) => property[k] === true) : [];
            if (flags.length !== 1 || !(flags[0] in edits || flags[0] === 'editPicture')) throw new TypeError('editNewsletterMetadataAction: property must set one of editName, editDescription, editPicture, editReactionCodesSetting');
            const key = flags[0] === 'editPicture' ? 'picture' : edits[flags[0]];
            if (!value || typeof value !== 'object' || !(key in value)) throw new TypeError(`editNewsletterMetadataAction: value must carry ${key}`);
            // A picture is a JPEG data URL (whatsapp-web.js's cropAndResizeImage with asDataUrl), or null.
            if (key === 'picture' && value.picture !== null && (typeof value.picture !== 'string' || !/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/.test(value.picture))) {
                throw new TypeError('editNewsletterMetadataAction: picture must be a JPEG data URL or null');
            }
            const { channel } = await askServer({ op: 'edit', id: chat.id._serialized, [key]: value[key] });
            modelOf(channel, { add: Newsletters.get(chat.id) === chat });
        },
    };
    modules.WAWebNewsletterUpdateUserSettingJob = {
        async updateNewsletterUserSetting(setting) {
            const U = modules.WAWebNewsletterModelUtils;
            if (!setting || !isNewsletterId(setting.newsletterJid) || setting.type !== U.ADMIN_NOTIFICATIONS || ![U.MUTED_STATE, U.UNMUTED_STATE].includes(setting.muteExpirationValue)) {
                throw new TypeError('updateNewsletterUserSetting: needs { newsletterJid, type: ADMIN_NOTIFICATIONS, muteExpirationValue: MUTED_STATE | UNMUTED_STATE }');
            }
            const { channel } = await askServer({ op: 'mute', id: setting.newsletterJid, muted: setting.muteExpirationValue === U.MUTED_STATE });
            if (Newsletters.get(channel.id)) modelOf(channel, { add: true });
        },
    };
    modules.WAWebMexFetchNewsletterSubscribersJob = {
        // (channelId, limit) -> { subscribers: [{ id: wid, role }] } (the simulator's shape).
        async mexFetchNewsletterSubscribers(channelId, limit) {
            if (!isNewsletterId(channelId)) throw new TypeError(`mexFetchNewsletterSubscribers: not a newsletter id: ${String(channelId)}`);
            if (!Number.isInteger(limit) || limit < 1) throw new TypeError('mexFetchNewsletterSubscribers: limit must be a whole number ≥ 1');
            const { subscribers } = await askServer({ op: 'subscribers', id: channelId, limit });
            return { subscribers: subscribers.map((s) => ({ id: createWid(s.id), role: s.role })) };
        },
    };
    modules.WAWebNewsletterSubscriberListAction = {
        // The subscribers who are in the account's address book, with their contact models.
        getSubscribersInContacts(subscribers) {
            if (!Array.isArray(subscribers)) throw new TypeError('getSubscribersInContacts: needs the subscriber list');
            return subscribers
                .map((s) => ({ contact: Contact.get(s.id), role: s.role }))
                .filter((s) => s.contact && s.contact.isAddressBookContact);
        },
    };

    // Admin invitations: (channelId) and (channelId, user wid); a refusal is a ServerStatusCodeError.
    const adminJob = (name, op) => async (channelId, userWid) => {
        if (!isNewsletterId(channelId)) throw new TypeError(`${name}: not a newsletter id: ${String(channelId)}`);
        const user = op === 'accept_admin' ? undefined : createWid(userWid);
        if (user && !user.isUser()) throw new TypeError(`${name}: not a user wid: ${String(user)}`);
        const { channel } = await askServer({ op, id: channelId, user: user && user.user });
        modelOf(channel, { add: Boolean(Newsletters.get(channel.id)) || op === 'accept_admin' });
    };
    modules.WAWebMexAcceptNewsletterAdminInviteJob = { acceptNewsletterAdminInvite: adminJob('acceptNewsletterAdminInvite', 'accept_admin') };
    modules.WAWebMexRevokeNewsletterAdminInviteJob = { revokeNewsletterAdminInvite: adminJob('revokeNewsletterAdminInvite', 'revoke_admin_invite') };
    modules.WAWebDemoteNewsletterAdminAction = { demoteNewsletterAdmin: adminJob('demoteNewsletterAdmin', 'demote_admin') };

    // The admin-invitation message (whatsapp-web.js main Client.js:1601-1636): (the invitee's chat
    // model, { newsletterWid, invitee, inviteMessage, base64Thumb }) -> { messageSendResult }. A
    // newsletter_admin_invite message in that chat; the server keeps the invitation until the
    // invitee accepts or the owner revokes it. A refusal (not the owner, already an admin, no such
    // channel) is { messageSendResult: 'ERROR' } and the message's ack -1.
    modules.WAWebNewsletterSendMsgAction = {
        async sendNewsletterAdminInviteMessage(chat, spec) {
            if (!(chat instanceof ChatModel) || !chat.id.isUser()) throw new TypeError("sendNewsletterAdminInviteMessage: the first argument must be a person's chat model");
            if (!spec || typeof spec !== 'object' || !spec.newsletterWid || !spec.invitee) throw new TypeError('sendNewsletterAdminInviteMessage: needs { newsletterWid, invitee, inviteMessage, base64Thumb }');
            const channelWid = createWid(spec.newsletterWid);
            const invitee = createWid(spec.invitee);
            if (!isNewsletterId(channelWid._serialized)) throw new TypeError(`sendNewsletterAdminInviteMessage: not a newsletter wid: ${String(channelWid)}`);
            if (!invitee.equals(chat.id)) throw new TypeError('sendNewsletterAdminInviteMessage: the invitee must be the chat\'s person');
            if (spec.inviteMessage != null && typeof spec.inviteMessage !== 'string') throw new TypeError('sendNewsletterAdminInviteMessage: inviteMessage must be a string or undefined');
            if (spec.base64Thumb != null && (typeof spec.base64Thumb !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(spec.base64Thumb))) throw new TypeError('sendNewsletterAdminInviteMessage: base64Thumb must be base64 or undefined');
            const me = meWid();
            const meta = Metadata.get(channelWid._serialized);
            const msg = new MsgModel({
                id: new MsgKey({ from: me, to: chat.id, id: await MsgKey.newId(), selfDir: 'out' }),
                type: 'newsletter_admin_invite',
                body: spec.inviteMessage ?? '',
                from: me,
                to: chat.id,
                t: Math.floor(Date.now() / 1000),
                isNewMsg: true,
                local: true,
                self: 'out',
                newsletterId: channelWid,
                newsletterName: meta ? meta.name : undefined,
                jpegThumbnail: spec.base64Thumb || undefined,
            });
            chat.msgs.add(msg);
            Msg.add(msg);
            const answer = await ask({ type: 'newsletter', op: 'admin_invite', id: channelWid._serialized, invitee: invitee.user, msgId: msg.id.id, comment: msg.body });
            if (!answer.ok) {
                msg.set('ack', -1);
                return { messageSendResult: 'ERROR', error: answer.error };
            }
            msg.set('ack', 2);
            return { messageSendResult: 'OK', t: answer.t };
        },
    };

    // Handing a channel over (whatsapp-web.js main Client.js:2579-2626): (channel model, the new
    // owner's contact model). The server requires the new owner to be an admin; the old owner
    // becomes an admin.
    const contactArg = (what, contact) => {
        if (!(contact instanceof ContactModel) || !contact.id || !createWid(contact.id).isUser()) throw new TypeError(`${what}: needs a person's contact model`);
        return createWid(contact.id);
    };
    modules.WAWebChangeNewsletterOwnerAction = {
        async changeNewsletterOwnerAction(chat, contact) {
            channelModel('changeNewsletterOwnerAction', chat);
            const user = contactArg('changeNewsletterOwnerAction', contact);
            const { channel } = await askServer({ op: 'change_owner', id: chat.id._serialized, user: user.user });
            modelOf(channel, { add: true });
        },
    };
    // (channel model, contact model): an admin back to a subscriber, as demoteNewsletterAdmin.
    modules.WAWebNewsletterDemoteAdminJob = {
        async demoteNewsletterAdminAction(chat, contact) {
            channelModel('demoteNewsletterAdminAction', chat);
            const user = contactArg('demoteNewsletterAdminAction', contact);
            const { channel } = await askServer({ op: 'demote_admin', id: chat.id._serialized, user: user.user });
            modelOf(channel, { add: true });
        },
    };
    // The account's own contact model.
    modules.WAWebContactCollection = {
        getMeContact() {
            const me = meWid();
            if (!me) return undefined;
            return Contact.get(me) || Contact.add(new ContactModel({ id: me }))[0];
        },
    };

    // The directory search. WAWebL10N's region and the ISO country table are the simulator's
    // (region 'US'; a subset of ISO 3166-1 alpha-2).
    modules.WAWebL10N = { getRegion: () => 'US' };
    const COUNTRIES = 'AR AU BR CA CH CN DE EG ES FR GB ID IN IT JP KE KR MX NG NL PK PL PT RU SA SE TR US ZA'.split(' ');
    modules.WAWebCountriesNativeCountryNames = { countryCodesIso: Object.fromEntries(COUNTRIES.map((c) => [c, c])) };
    modules.WAWebNewsletterDirectorySearchAction = {
        // ({ searchText, countryCodes, skipSubscribedNewsletters, view, categories, cursorToken }) -> { newsletters: [models] },
        // at most getNewsletterDirectoryPageSize() of them.
        async fetchNewsletterDirectories(options) {
            const o = options || {};
            if (typeof o.searchText !== 'string' || !Array.isArray(o.countryCodes) || typeof o.skipSubscribedNewsletters !== 'boolean' || !['RECOMMENDED', 'TRENDING', 'POPULAR', 'NEW'].includes(o.view) || !Array.isArray(o.categories)) {
                throw new TypeError('fetchNewsletterDirectories: needs { searchText, countryCodes, skipSubscribedNewsletters, view, categories, cursorToken }');
            }
            const limit = modules.WAWebNewsletterGatingUtils.getNewsletterDirectoryPageSize();
            const { channels } = await askServer({ op: 'search', searchText: o.searchText, countryCodes: o.countryCodes, skipSubscribed: o.skipSubscribedNewsletters, limit });
            return { newsletters: channels.map((c) => modelOf(c, { add: false })) };
        },
    };

    // Posting: the message model's data into the page's store, then the send job.
    modules.WAWebMsgDataFromModel = { msgDataFromMsgModel: (msg) => ({ ...msg.serialize() }) };
    const records = new Map();
    modules.WAWebNewsletterUpdateMsgsRecordsJob = {
        async addNewsletterMsgsRecords(list) {
            if (!Array.isArray(list) || !list.every((d) => d && d.id instanceof MsgKey)) throw new TypeError('addNewsletterMsgsRecords: needs message data');
            for (const d of list) records.set(d.id._serialized, d);
        },
        async updateNewsletterMsgRecord(msg) {
            if (!(msg instanceof MsgModel)) throw new TypeError('updateNewsletterMsgRecord: needs a message model');
            records.set(msg.id._serialized, msg.serialize());
        },
    };
    const MEDIA_TYPES = ['image', 'video', 'audio', 'ptt', 'sticker'];
    modules.WAWebNewsletterSendMessageJob = {
        // ({ msg, type: 'text' | 'media' | 'pollCreation', newsletterJid, mediaMetadata?, mediaHandle? }):
        // a text; a picture, video, audio or sticker uploaded unencrypted for the channel (its handle and the
        // model's avParams()); a poll (poll_creation). The job's type must match the message's; a
        // TypeError otherwise.
        async sendNewsletterMessageJob(job) {
            if (!job || !(job.msg instanceof MsgModel) || !isNewsletterId(job.newsletterJid)) throw new TypeError('sendNewsletterMessageJob: needs { msg, type, newsletterJid }');
            const { msg } = job;
            const request = { type: 'newsletter', op: 'send', id: job.newsletterJid, msgId: msg.id.id };
            if (job.type === 'text') {
                if (msg.type !== 'chat') throw new TypeError(`sendNewsletterMessageJob: a ${msg.type} message is not of type text`);
                Object.assign(request, { kind: 'text', body: msg.body });
            } else if (job.type === 'media') {
                if (!MEDIA_TYPES.includes(msg.type)) throw new TypeError(`sendNewsletterMessageJob: a ${msg.type} message is not media the simulator models in channels (${MEDIA_TYPES.join(', ')})`);
                if (typeof job.mediaHandle !== 'string' || !job.mediaHandle) throw new TypeError('sendNewsletterMessageJob: media needs the upload\'s mediaHandle (uploadUnencryptedMedia)');
                if (!job.mediaMetadata || typeof job.mediaMetadata !== 'object') throw new TypeError('sendNewsletterMessageJob: media needs mediaMetadata (msg.avParams())');
                Object.assign(request, { kind: 'media', msgType: msg.type, isGif: Boolean(msg.isGif), handle: job.mediaHandle, directPath: msg.directPath, mimetype: msg.mimetype, caption: typeof msg.caption === 'string' ? msg.caption : '' });
            } else if (job.type === 'pollCreation') {
                if (msg.type !== 'poll_creation') throw new TypeError(`sendNewsletterMessageJob: a ${msg.type} message is not a poll`);
                const poll = sim.account.pollWireOf(msg);
                Object.assign(request, { kind: 'poll', poll: { name: poll.name, options: poll.options.map((o) => o.name), selectableCount: poll.selectableCount } });
            } else {
                throw new TypeError(`sendNewsletterMessageJob: unknown type ${String(job.type)} (text, media or pollCreation)`);
            }
            const answer = await ask(request);
            return answer.ok ? { success: true, serverId: answer.serverId, ack: { t: answer.t } } : { success: false, error: answer.error };
        },
    };
    // A media message's parameters for the send job (whatsapp-web.js passes msg.avParams() as
    // mediaMetadata): the simulator's subset of what the real model gives.
    MsgModel.prototype.avParams = function avParams() {
        return { type: this.type, mimetype: this.mimetype, size: this.size, filehash: this.filehash, isGif: Boolean(this.isGif), duration: this.duration };
    };
    // The message's ack (whatsapp-web.js calls msg.updateAck(1, true) after a channel post).
    MsgModel.prototype.updateAck = function updateAck(ack) {
        if (!Number.isInteger(ack)) throw new TypeError('updateAck: ack must be a whole number');
        this.set('ack', ack);
    };
})();
