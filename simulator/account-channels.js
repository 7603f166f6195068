'use strict';
// Channels (newsletters) in the account world (methods of AccountWorld, see account.js). The page
// side is page/account-channels.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466: src/Client.js:1601-1636, 1678-1720, 1850-1915,
// 2447-2745; src/structures/Channel.js; src/util/Injected/Utils.js:491-534, 843-935, 1620-1650):
// - A channel is `<digits>@newsletter`, with a name, a description, an invite code (the part after
//   https://whatsapp.com/channel/), a creation time, a subscriber count and a verification state.
//   Channels are the server's: every account sees the same ones.
// - An account is the channel's owner, an admin, a subscriber or (not following it) a guest. Only
//   the owner and admins post and edit; only the owner deletes it. The owner cannot unsubscribe
//   (whatsapp-web.js answers false without asking, Utils.js:1629).
// - Posts are one-way: subscribers read them; a post has a server id (a counter per channel). A
//   post is a text, a picture, video or audio (uploaded unencrypted, as whatsapp-web.js's
//   uploadUnencryptedMedia for a channel) with a caption, or a poll.
// - Search (WhatsApp's channel directory) finds channels by name, created in the given countries.
// - Muting a channel is the account's own setting, shared by its devices.
// - The owner invites someone to be an admin with a message in their chat (newsletter_admin_invite);
//   the server keeps the invitation until they accept or the owner revokes it. The owner hands the
//   channel only to an admin (whatsapp-web.js's doc of transferChannelOwnership) and stays an admin.
// - A channel's picture is a 640 px JPEG the page made (cropAndResizeImage), kept as a file.
// The simulator's own choices (the real values are the server's): ids are 18 digits from
// 120363000000000001 up, invite codes 22 letters and digits, directory country 'US' unless set.

const crypto = require('crypto');
const { httpError, parseNumber, optionalString } = require('./account-util');

const MAX_NAME = 100;
const MAX_DESCRIPTION = 2048;
const MAX_POSTS = 1000;
const inviteCode = () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return [...crypto.randomBytes(22)].map((b) => alphabet[b % alphabet.length]).join('');
};

module.exports = {
    async _channelsControl(route, url, readJson, reply) {
        switch (route) {
            case 'GET /_sim/channels':
                return reply(200, this.channelsInfo());
            case 'POST /_sim/channels':
                return reply(200, this.addChannel(await readJson()));
            case 'POST /_sim/channels/post':
                return reply(200, this.channelPost(await readJson()));
            case 'POST /_sim/channels/invite':
                return reply(200, this.channelInvite(await readJson()));
            case 'POST /_sim/channels/accept':
                return reply(200, this.channelAccept(await readJson()));
            default:
                return false;
        }
    },

    _channels() {
        if (!this.channelStore) {
            this.channelStore = new Map();
            this.channelMutes = new Map(); // account -> Set of channel ids
            this.nextChannel = 120363000000000001n;
        }
        return this.channelStore;
    },

    _roleIn(channel, account) {
        return channel.members.get(account) || 'guest';
    },

    _mutedBy(account) {
        this._channels();
        if (!this.channelMutes.has(account)) this.channelMutes.set(account, new Set());
        return this.channelMutes.get(account);
    },

    // A channel as one account's page gets it.
    _channelWire(channel, account) {
        return {
            id: channel.id,
            name: channel.name,
            nameUpdatedAt: channel.nameUpdatedAt,
            description: channel.description,
            descriptionUpdatedAt: channel.descriptionUpdatedAt,
            inviteCode: channel.inviteCode,
            creationTime: channel.creationTime,
            membershipType: this._roleIn(channel, account),
            subscribersCount: channel.members.size,
            verified: channel.verified,
            country: channel.country,
            reactionCodesSetting: channel.reactionCodesSetting,
            // The picture's path under /_media (the page's ProfilePicThumb of the channel).
            picture: channel.picture ? channel.picture.directPath : null,
            muted: this._mutedBy(account).has(channel.id),
            posts: channel.posts,
        };
    },

    // At connect, after the history, and whenever the account's channels change: the channels it
    // owns, administers or follows.
    _sendChannels(sock, account) {
        const mine = [...this._channels().values()].filter((c) => c.members.has(account));
        this.sim._send(sock, { type: 'newsletters', channels: mine.map((c) => this._channelWire(c, account)) });
    },

    _pushChannels(accounts) {
        for (const account of accounts) for (const sock of this._connectedSockets(account)) this._sendChannels(sock, account);
    },

    _makeChannel({ name, description, owner, verified = false, country = 'US', id, code }) {
        const store = this._channels();
        const now = Math.floor(Date.now() / 1000);
        const channel = {
            id: id || `${this.nextChannel++}@newsletter`,
            name,
            nameUpdatedAt: now,
            description: description || '',
            descriptionUpdatedAt: now,
            inviteCode: code || inviteCode(),
            creationTime: now,
            verified,
            country,
            reactionCodesSetting: 0,
            picture: null,
            members: new Map(owner ? [[owner, 'owner']] : []),
            // Numbers invited to be admins, not yet accepted.
            invites: new Set(),
            posts: [],
            deleted: false,
        };
        store.set(channel.id, channel);
        return channel;
    },

    // GET /_sim/channels: every channel with its members (number -> role), posts and who muted it.
    channelsInfo() {
        const mutes = this.channelMutes || new Map();
        return {
            channels: [...this._channels().values()].map((c) => ({
                id: c.id,
                name: c.name,
                description: c.description,
                inviteCode: c.inviteCode,
                inviteLink: `https://whatsapp.com/channel/${c.inviteCode}`,
                creationTime: c.creationTime,
                verified: c.verified,
                country: c.country,
                reactionCodesSetting: c.reactionCodesSetting,
                hasPicture: Boolean(c.picture),
                // The picture the server keeps: a JPEG under /_media (sim.account.media.get(directPath)).
                picture: c.picture ? { directPath: c.picture.directPath, mimetype: c.picture.mimetype, size: c.picture.size } : null,
                members: Object.fromEntries(c.members),
                adminInvites: [...c.invites],
                mutedBy: [...mutes].filter(([, set]) => set.has(c.id)).map(([a]) => a),
                posts: c.posts,
            })),
        };
    },

    // POST /_sim/channels/invite {channel, invitee}: the channel's owner (its phone) invites
    // `invitee` to be an admin; the invitee accepts with acceptChannelAdminInvite.
    channelInvite(spec) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"channel": "<id>@newsletter", "invitee": "<digits>"}');
        const channel = this._channels().get(String(spec.channel));
        if (!channel || channel.deleted) throw httpError(404, `no channel ${JSON.stringify(spec.channel)}`);
        const invitee = parseNumber(spec.invitee, 'invitee');
        if (['owner', 'admin'].includes(this._roleIn(channel, invitee))) throw httpError(409, `${invitee} already runs ${channel.id}`);
        channel.invites.add(invitee);
        this.sim._log('channel-admin-invited', { id: channel.id, invitee });
        return { ok: true, adminInvites: [...channel.invites] };
    },

    // POST /_sim/channels/accept {channel, invitee}: `invitee` (its phone) accepts the admin
    // invitation it holds for the channel (one the account's owner sent with
    // sendChannelAdminInvite, or POST /_sim/channels/invite); 404 when it holds none.
    channelAccept(spec) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"channel": "<id>@newsletter", "invitee": "<digits>"}');
        const channel = this._channels().get(String(spec.channel));
        if (!channel || channel.deleted) throw httpError(404, `no channel ${JSON.stringify(spec.channel)}`);
        const invitee = parseNumber(spec.invitee, 'invitee');
        if (!channel.invites.delete(invitee)) throw httpError(404, `${invitee} holds no admin invitation for ${channel.id}`);
        channel.members.set(invitee, 'admin');
        this.sim._log('channel-admin-accepted', { id: channel.id, account: invitee });
        this._pushChannels([...channel.members.keys()]);
        return { ok: true, members: Object.fromEntries(channel.members) };
    },

    // A picture the page sent (a JPEG data URL), kept as a file under /_media; null for none.
    _channelPicture(dataUrl) {
        const m = /^data:(image\/jpeg);base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
        if (!m) return null;
        const file = this._upload({ mimetype: m[1], data: m[2] });
        return { directPath: file.directPath, mimetype: file.mimetype, size: file.size };
    },

    // POST /_sim/channels {name, description?, owner?, subscribers?, verified?, country?, inviteCode?}:
    // a channel someone else runs (owner: any number, default none the accounts know of), which the
    // directory finds and an invite code names.
    addChannel(spec) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"name": "...", "description"?, "owner"?, "subscribers"?: [digits], "verified"?, "country"?, "inviteCode"?}');
        if (typeof spec.name !== 'string' || !spec.name.trim() || spec.name.length > MAX_NAME) throw httpError(400, `name must be a text of 1..${MAX_NAME} characters`);
        const description = optionalString(spec.description, 'description', MAX_DESCRIPTION);
        const owner = spec.owner === undefined ? null : parseNumber(spec.owner, 'owner');
        const subscribers = spec.subscribers === undefined ? [] : Array.isArray(spec.subscribers) ? spec.subscribers.map((n) => parseNumber(n, 'subscribers[]')) : null;
        if (!subscribers) throw httpError(400, 'subscribers must be a list of numbers');
        if (spec.verified !== undefined && typeof spec.verified !== 'boolean') throw httpError(400, 'verified must be true or false');
        if (spec.country !== undefined && (typeof spec.country !== 'string' || !/^[A-Z]{2}$/.test(spec.country))) throw httpError(400, 'country must be an ISO 3166-1 alpha-2 code like "US"');
        if (spec.inviteCode !== undefined && (typeof spec.inviteCode !== 'string' || !/^[A-Za-z0-9]{10,40}$/.test(spec.inviteCode))) throw httpError(400, 'inviteCode must be 10..40 letters and digits');
        if (spec.inviteCode && [...this._channels().values()].some((c) => c.inviteCode === spec.inviteCode)) throw httpError(409, 'another channel has that invite code');
        const channel = this._makeChannel({ name: spec.name, description, owner, verified: spec.verified, country: spec.country, code: spec.inviteCode });
        const admins = spec.admins === undefined ? [] : Array.isArray(spec.admins) ? spec.admins.map((n) => parseNumber(n, 'admins[]')) : null;
        if (!admins) throw httpError(400, 'admins must be a list of numbers');
        for (const n of subscribers) if (!channel.members.has(n)) channel.members.set(n, 'subscriber');
        for (const n of admins) if (!channel.members.has(n)) channel.members.set(n, 'admin');
        this.sim._log('channel-added', { id: channel.id });
        this._pushChannels([...channel.members.keys()]);
        return this.channelsInfo().channels.find((c) => c.id === channel.id);
    },

    // POST /_sim/channels/post {channel, body}: the channel (its owner's phone) posts a text; the
    // devices of the accounts following it get it.
    channelPost(spec) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"channel": "<id>@newsletter", "body": "..."}');
        const channel = this._channels().get(String(spec.channel));
        if (!channel || channel.deleted) throw httpError(404, `no channel ${JSON.stringify(spec.channel)}`);
        if (typeof spec.body !== 'string' || !spec.body || spec.body.length > 65536) throw httpError(400, 'body must be a text of 1..65536 characters');
        const post = this._addPost(channel, { type: 'chat', body: spec.body, id: crypto.randomBytes(16).toString('hex').toUpperCase(), from: 'phone' });
        this._pushChannels([...channel.members.keys()]);
        return { ok: true, post };
    },

    // What a page's post carries: a text; a picture, video, audio or sticker (a WebP file) it
    // uploaded unencrypted (named by the upload's handle, the simulator's: its path's last segment)
    // with a caption; a poll of 2..12 distinct options. Null for anything else (a document among them).
    _postContent(msg) {
        if (msg.kind === 'text') return typeof msg.body === 'string' && msg.body && msg.body.length <= 65536 ? { type: 'chat', body: msg.body } : null;
        if (msg.kind === 'media') {
            if (!['image', 'video', 'audio', 'ptt', 'sticker'].includes(msg.msgType) || typeof msg.directPath !== 'string' || typeof msg.handle !== 'string') return null;
            const file = this.media.get(msg.directPath);
            if (!file || msg.directPath.split('/').pop() !== msg.handle) return null;
            if (msg.msgType === 'sticker' && file.mimetype !== 'image/webp') return null;
            if (typeof msg.caption !== 'string' || msg.caption.length > 65536) return null;
            return { type: msg.msgType, body: '', caption: msg.caption, media: { directPath: msg.directPath, mimetype: file.mimetype, size: file.data.length, isGif: Boolean(msg.isGif) } };
        }
        if (msg.kind === 'poll') {
            const p = msg.poll;
            const options = p && Array.isArray(p.options) ? p.options : [];
            const ok = typeof p?.name === 'string' && p.name.trim() && p.name.length <= 255 && options.length >= 2 && options.length <= 12
                && options.every((o) => typeof o === 'string' && o.trim() && o.length <= 255) && new Set(options).size === options.length && [0, 1].includes(p.selectableCount);
            return ok ? { type: 'poll_creation', body: '', poll: { name: p.name, options, selectableCount: p.selectableCount } } : null;
        }
        return null;
    },

    _addPost(channel, { type, body, id, from, caption, media, poll }) {
        const last = channel.posts[channel.posts.length - 1];
        const post = { serverId: last ? last.serverId + 1 : 100, id, type, body, t: Math.floor(Date.now() / 1000), from, ...(media ? { caption, media } : {}), ...(poll ? { poll } : {}) };
        channel.posts.push(post);
        if (channel.posts.length > MAX_POSTS) channel.posts.shift();
        return post;
    },

    // The page's channel requests: { type: 'newsletter', op, ... }. Refusals carry the status code
    // the page turns into a ServerStatusCodeError.
    _onNewsletterMessage(sock, msg) {
        if (msg.type !== 'newsletter') return false;
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const answer = (body) => this._answer(sock, msg, body);
        const refuse = (status, error) => answer({ ok: false, status, error });
        if (!account) return refuse(401, 'not-logged-in'), true;
        const find = () => {
            const c = this._channels().get(String(msg.id));
            return c && !c.deleted ? c : null;
        };
        const done = (channel, affected) => {
            this._pushChannels(affected);
            answer({ ok: true, channel: channel ? this._channelWire(channel, account) : null });
        };
        switch (msg.op) {
            case 'create': {
                if (typeof msg.name !== 'string' || !msg.name.trim() || msg.name.length > MAX_NAME) return refuse(400, 'bad-name'), true;
                if (msg.description !== null && (typeof msg.description !== 'string' || msg.description.length > MAX_DESCRIPTION)) return refuse(400, 'bad-description'), true;
                // A picture is a JPEG data URL (whatsapp-web.js's cropAndResizeImage to image/jpeg).
                if (msg.picture !== null && (typeof msg.picture !== 'string' || !this._channelPicture(msg.picture))) return refuse(400, 'bad-picture'), true;
                const channel = this._makeChannel({ name: msg.name, description: msg.description, owner: account });
                channel.picture = msg.picture === null ? null : this._channelPicture(msg.picture);
                this.sim._log('channel-created', { socketId: sock.id, id: channel.id });
                done(channel, [account]);
                return true;
            }
            case 'metadata': {
                const channel = typeof msg.inviteCode === 'string' ? [...this._channels().values()].find((c) => !c.deleted && c.inviteCode === msg.inviteCode) : find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                answer({ ok: true, channel: this._channelWire(channel, account) });
                return true;
            }
            case 'subscribe':
            case 'unsubscribe': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                const role = this._roleIn(channel, account);
                if (role === 'owner') return refuse(403, 'owner-cannot-leave'), true;
                if (msg.op === 'subscribe' && role === 'guest') channel.members.set(account, 'subscriber');
                if (msg.op === 'unsubscribe') channel.members.delete(account);
                this.sim._log(`channel-${msg.op}d`, { socketId: sock.id, id: channel.id, account });
                done(channel, [account]);
                return true;
            }
            case 'delete': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (this._roleIn(channel, account) !== 'owner') return refuse(403, 'not-owner'), true;
                channel.deleted = true;
                this._channels().delete(channel.id);
                this.sim._log('channel-deleted', { socketId: sock.id, id: channel.id });
                done(null, [...channel.members.keys()]);
                return true;
            }
            case 'edit': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (!['owner', 'admin'].includes(this._roleIn(channel, account))) return refuse(403, 'not-admin'), true;
                const now = Math.floor(Date.now() / 1000);
                if (msg.name !== undefined) {
                    if (typeof msg.name !== 'string' || !msg.name.trim() || msg.name.length > MAX_NAME) return refuse(400, 'bad-name'), true;
                    channel.name = msg.name;
                    channel.nameUpdatedAt = now;
                }
                if (msg.description !== undefined) {
                    if (typeof msg.description !== 'string' || msg.description.length > MAX_DESCRIPTION) return refuse(400, 'bad-description'), true;
                    channel.description = msg.description;
                    channel.descriptionUpdatedAt = now;
                }
                if (msg.picture !== undefined) {
                    const picture = msg.picture === null ? null : typeof msg.picture === 'string' ? this._channelPicture(msg.picture) : undefined;
                    if (picture === undefined || (msg.picture !== null && !picture)) return refuse(400, 'bad-picture'), true;
                    channel.picture = picture;
                }
                if (msg.reactionCodesSetting !== undefined) {
                    if (![0, 1, 3].includes(msg.reactionCodesSetting)) return refuse(400, 'bad-reaction-setting'), true;
                    channel.reactionCodesSetting = msg.reactionCodesSetting;
                }
                this.sim._log('channel-edited', { socketId: sock.id, id: channel.id });
                done(channel, [...channel.members.keys()]);
                return true;
            }
            case 'mute': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (typeof msg.muted !== 'boolean') return refuse(400, 'bad-request'), true;
                if (msg.muted) this._mutedBy(account).add(channel.id);
                else this._mutedBy(account).delete(channel.id);
                this.sim._log('channel-muted', { socketId: sock.id, id: channel.id, muted: msg.muted });
                done(channel, [account]);
                return true;
            }
            case 'send': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (!['owner', 'admin'].includes(this._roleIn(channel, account))) return refuse(403, 'not-admin'), true;
                if (typeof msg.msgId !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.msgId)) return refuse(400, 'bad-id'), true;
                const content = this._postContent(msg);
                if (!content) return refuse(400, 'bad-message'), true;
                const post = this._addPost(channel, { ...content, id: msg.msgId, from: account });
                this.sim._log('channel-post', { socketId: sock.id, id: channel.id, serverId: post.serverId });
                answer({ ok: true, serverId: post.serverId, t: post.t });
                this._pushChannels([...channel.members.keys()].filter((a) => a !== account));
                return true;
            }
            case 'search': {
                const text = typeof msg.searchText === 'string' ? msg.searchText.toLowerCase() : '';
                const countries = Array.isArray(msg.countryCodes) ? msg.countryCodes : [];
                const limit = Number.isInteger(msg.limit) && msg.limit > 0 ? Math.min(msg.limit, 1000) : 50;
                const found = [...this._channels().values()]
                    .filter((c) => !c.deleted && (!text || c.name.toLowerCase().includes(text)) && (!countries.length || countries.includes(c.country)))
                    .filter((c) => !(msg.skipSubscribed && c.members.has(account)))
                    .slice(0, limit);
                answer({ ok: true, channels: found.map((c) => this._channelWire(c, account)) });
                return true;
            }
            // Admin invitations (the server side of WAWebMexAcceptNewsletterAdminInviteJob,
            // WAWebMexRevokeNewsletterAdminInviteJob, WAWebDemoteNewsletterAdminAction).
            case 'accept_admin': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (!channel.invites.has(account)) return refuse(403, 'not-invited'), true;
                channel.invites.delete(account);
                channel.members.set(account, 'admin');
                this.sim._log('channel-admin-accepted', { socketId: sock.id, id: channel.id, account });
                done(channel, [...channel.members.keys()]);
                return true;
            }
            case 'revoke_admin_invite':
            case 'demote_admin': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                let user;
                try {
                    user = parseNumber(String(msg.user || ''), 'user');
                } catch {
                    return refuse(400, 'bad-user'), true;
                }
                const role = this._roleIn(channel, account);
                // The owner acts on anyone; an admin only demotes itself.
                if (role !== 'owner' && !(msg.op === 'demote_admin' && role === 'admin' && user === account)) return refuse(403, 'not-owner'), true;
                if (msg.op === 'revoke_admin_invite') {
                    if (!channel.invites.delete(user)) return refuse(404, 'no-invite'), true;
                } else {
                    if (this._roleIn(channel, user) !== 'admin') return refuse(404, 'not-admin'), true;
                    channel.members.set(user, 'subscriber');
                }
                this.sim._log(msg.op === 'demote_admin' ? 'channel-admin-demoted' : 'channel-admin-invite-revoked', { socketId: sock.id, id: channel.id, user });
                done(channel, [...channel.members.keys()]);
                return true;
            }
            // The owner invites someone to be an admin: the invitation is kept, and the invitee's
            // chat gets the newsletter_admin_invite message (GET /_sim/peer/inbox shows it).
            case 'admin_invite': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (this._roleIn(channel, account) !== 'owner') return refuse(403, 'not-owner'), true;
                let invitee;
                try {
                    invitee = parseNumber(String(msg.invitee || ''), 'invitee');
                } catch {
                    return refuse(400, 'bad-user'), true;
                }
                if (invitee === account || ['owner', 'admin'].includes(this._roleIn(channel, invitee))) return refuse(409, 'already-admin'), true;
                if (typeof msg.msgId !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.msgId)) return refuse(400, 'bad-id'), true;
                const comment = typeof msg.comment === 'string' ? msg.comment.slice(0, 1024) : '';
                channel.invites.add(invitee);
                const stored = this._store({ account, peer: invitee, fromMe: true, id: msg.msgId, body: comment, quoted: null, mentions: [], ack: 1, type: 'newsletter_admin_invite' });
                stored.newsletterInvite = { channelId: channel.id, channelName: channel.name };
                stored.deliveredTo.add(sock.token);
                if (!this.unregistered.has(invitee)) this._setAck(stored, 2);
                this.sim._log('channel-admin-invited', { socketId: sock.id, id: channel.id, invitee, key: stored.key });
                answer({ ok: true, key: stored.key, t: stored.t });
                return true;
            }
            // The owner hands the channel to one of its admins; the old owner becomes an admin.
            case 'change_owner': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (this._roleIn(channel, account) !== 'owner') return refuse(403, 'not-owner'), true;
                let user;
                try {
                    user = parseNumber(String(msg.user || ''), 'user');
                } catch {
                    return refuse(400, 'bad-user'), true;
                }
                if (this._roleIn(channel, user) !== 'admin') return refuse(403, 'not-admin'), true;
                channel.members.set(user, 'owner');
                channel.members.set(account, 'admin');
                this.sim._log('channel-owner-changed', { socketId: sock.id, id: channel.id, from: account, to: user });
                done(channel, [...channel.members.keys()]);
                return true;
            }
            case 'subscribers': {
                const channel = find();
                if (!channel) return refuse(404, 'item-not-found'), true;
                if (!['owner', 'admin'].includes(this._roleIn(channel, account))) return refuse(403, 'not-admin'), true;
                const limit = Number.isInteger(msg.limit) && msg.limit > 0 ? msg.limit : 5000;
                const subscribers = [...channel.members].slice(0, limit).map(([n, role]) => ({ id: `${n}@c.us`, role }));
                answer({ ok: true, subscribers });
                return true;
            }
            default:
                return refuse(400, 'unknown-op'), true;
        }
    },
};
