'use strict';
// Status updates (stories) in the account world (methods of AccountWorld, see account.js). The
// page side is page/account-status.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466: src/Client.js:1389-1433, 2757-2826,
// src/util/Injected/Utils.js:439-443, 537-574, 1681-1692; src/structures/Message.js:130-131):
// - A status is a message of `status@broadcast` whose author is its poster. The account posts text
//   (with a background colour and a font 0..7) or a picture, video or audio; its contacts post the
//   same, and the account's devices get them as new messages of status@broadcast (whatsapp-web.js
//   emits `message` for them, msg.isStatus true, msg.author the contact).
// - Statuses are kept by the server for the account's devices; a device that connects gets the
//   ones it does not have. The account can revoke (delete) its own; not anyone else's.
// Not modelled: statuses expiring after 24 hours, who may see them (privacy lists), views/read
// receipts, a contact revoking theirs.

const { httpError, parseNumber, optionalString, phoneMessageId, MAX_BODY } = require('./account-util');

module.exports = {
    async _statusControl(route, url, readJson, reply) {
        switch (route) {
            case 'GET /_sim/status':
                return reply(200, this.statusInfo(url.searchParams.get('account')));
            case 'POST /_sim/peer/status':
                return reply(200, this.peerStatus(await readJson()));
            default:
                return false;
        }
    },

    _statuses() {
        if (!this.statusList) this.statusList = [];
        return this.statusList;
    },

    _statusView(s) {
        return {
            id: s.id,
            key: s.key,
            poster: `${s.poster}@c.us`,
            type: s.type,
            body: s.body,
            ...(s.color !== undefined ? { color: s.color, font: s.font } : {}),
            media: s.media ? { mimetype: s.media.mimetype, size: s.media.size } : null,
            t: s.t,
            revoked: s.revoked,
        };
    },

    // GET /_sim/status: what the account posted (revoked ones marked) and what it was sent.
    statusInfo(accountIn) {
        const account = this._account(accountIn ? parseNumber(accountIn, 'account') : null);
        const all = this._statuses();
        return {
            account: `${account}@c.us`,
            posted: all.filter((s) => s.poster === account).map((s) => this._statusView(s)),
            received: all.filter((s) => s.to === account).map((s) => this._statusView(s)),
        };
    },

    _statusWire(s, isNew) {
        return {
            type: 'status',
            isNew,
            status: {
                id: s.id,
                poster: `${s.poster}@c.us`,
                type: s.type,
                body: s.body,
                color: s.color,
                font: s.font,
                media: s.media,
                t: s.t,
                notifyName: this._notifyName(s.poster),
            },
        };
    },

    // POST /_sim/peer/status: the contact `from` posts a status the linked account sees.
    peerStatus(spec = {}) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"from": "<digits>", "body": "..."} or with "media"');
        const from = parseNumber(spec.from, 'from');
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        if (from === account) throw httpError(400, 'the account posts its own statuses from a device (sendMessage to status@broadcast)');
        const body = optionalString(spec.body, 'body', MAX_BODY) ?? '';
        const media = this._upload(spec.media);
        if (!media && !body) throw httpError(400, 'a status is a text ("body") or a file ("media")');
        if (media && !/^(image|video|audio)\//.test(media.mimetype)) throw httpError(400, 'a status file is a picture, a video or audio');
        const color = spec.color === undefined ? 0xff7acca5 : spec.color;
        if (!Number.isInteger(color) || color < 0 || color > 0xffffffff) throw httpError(400, 'color must be an ARGB number');
        const id = phoneMessageId();
        const s = {
            id,
            key: `false_status@broadcast_${id}_${from}@c.us`,
            poster: from,
            to: account,
            type: media ? media.mimetype.split('/')[0] : 'chat',
            body,
            color: media ? undefined : color,
            font: media ? undefined : 0,
            media,
            t: Math.floor(Date.now() / 1000),
            revoked: false,
        };
        this._statuses().push(s);
        this.sim._log('peer-status', { key: s.key, from: `${from}@c.us`, account });
        for (const sock of this._connectedSockets(account)) this.sim._send(sock, this._statusWire(s, true));
        return { ok: true, id: s.key };
    },

    // At connect: the contacts' statuses the account was sent (not new messages).
    _sendStatuses(sock, account) {
        for (const s of this._statuses()) if (s.to === account && !s.revoked) this.sim._send(sock, this._statusWire(s, false));
    },

    // The page posts a status: { id, kind: 'text', body, color, font } or { id, kind: 'media', msgType, directPath, caption }.
    _onSendStatus(sock, msg) {
        const refuse = (error) => this._answer(sock, msg, { ok: false, error }) || true;
        const account = sock.state === 'CONNECTED' && sock.sessionWid ? sock.sessionWid.split('@')[0] : null;
        if (!account) return refuse('not-logged-in');
        if (typeof msg.id !== 'string' || !/^[0-9A-F]{8,64}$/.test(msg.id)) return refuse('bad-id');
        const s = { id: msg.id, key: `true_status@broadcast_${msg.id}_${account}@c.us`, poster: account, to: null, t: Math.floor(Date.now() / 1000), revoked: false, media: null };
        if (msg.kind === 'text') {
            if (typeof msg.body !== 'string' || !msg.body.trim() || msg.body.length > MAX_BODY) return refuse('bad-text');
            if (!Number.isInteger(msg.color) || !Number.isInteger(msg.font) || msg.font < 0 || msg.font > 7) return refuse('bad-style');
            Object.assign(s, { type: 'chat', body: msg.body, color: msg.color, font: msg.font });
        } else if (msg.kind === 'media') {
            const file = this.media.get(String(msg.directPath));
            if (!file) return refuse('unknown-media');
            const kind = file.mimetype.split('/')[0];
            if (!['image', 'video', 'audio'].includes(kind) || msg.msgType !== (msg.msgType === 'ptt' ? 'ptt' : kind)) return refuse('not-status-media');
            Object.assign(s, { type: msg.msgType, body: typeof msg.caption === 'string' ? msg.caption.slice(0, MAX_BODY) : '', media: { mimetype: file.mimetype, size: file.data.length } });
        } else {
            return refuse('bad-status');
        }
        this._statuses().push(s);
        this.sim._log('status-posted', { socketId: sock.id, key: s.key, msgType: s.type });
        this._answer(sock, msg, { ok: true, t: s.t });
        return true;
    },

    // The page revokes one of the account's statuses: { id }.
    _onRevokeStatus(sock, msg) {
        const account = sock.state === 'CONNECTED' && sock.sessionWid ? sock.sessionWid.split('@')[0] : null;
        const s = account && this._statuses().find((x) => x.poster === account && x.id === String(msg.id));
        if (!s || s.revoked) return this._answer(sock, msg, { ok: false, error: s ? 'already-revoked' : 'no-such-status' }) || true;
        s.revoked = true;
        this.sim._log('status-revoked', { socketId: sock.id, key: s.key });
        this._answer(sock, msg, { ok: true });
        return true;
    },
};
