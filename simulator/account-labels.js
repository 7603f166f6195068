'use strict';
// Labels of a WhatsApp Business account in the account world (methods of AccountWorld, see
// account.js). The page side is page/account-labels.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466: src/Client.js:2745-2960, src/util/Injected/
// Utils.js:1222-1244):
// - Labels belong to a WhatsApp Business account: WhatsApp Web's Conn.platform is 'smba' (Android)
//   or 'smbi' (iPhone) for one, and whatsapp-web.js refuses to change labels otherwise ([LT01]).
//   A personal account ('android' here) has no labels: the page's Label collection is empty.
// - The account's labels and which chats carry them are the account's, kept by the server and
//   shared by its linked devices: a change made on one device reaches the others.
// - A business account starts with WhatsApp Business's five default labels; the simulator gives
//   them the ids '1'..'5' (the real ids are the server's; tests set their own with
//   POST /_sim/labels when the ids matter).
// - A label has a name and a colour: an index into WhatsApp's label palette (PALETTE below is
//   the simulator's, not WhatsApp's exact colours).

const { httpError, parseNumber } = require('./account-util');

const DEFAULT_LABELS = ['New customer', 'New order', 'Pending payment', 'Paid', 'Order complete'].map((name, i) => ({ id: String(i + 1), name, colorIndex: i }));
const MAX_LABELS = 20;

module.exports = {
    async _labelsControl(route, url, readJson, reply) {
        switch (route) {
            case 'GET /_sim/labels':
                return reply(200, this.labelsInfo(url.searchParams.get('account')));
            case 'POST /_sim/labels':
                return reply(200, this.setLabels(await readJson()));
            default:
                return false;
        }
    },

    // The account's labels: { business, labels: Map id -> { id, name, colorIndex }, chats: Map chat -> Set of ids }.
    _labelsOf(account) {
        if (!this.labelStore) this.labelStore = new Map();
        if (!this.labelStore.has(account)) this.labelStore.set(account, { business: false, labels: new Map(), chats: new Map() });
        return this.labelStore.get(account);
    },

    // Conn.platform of the account's devices.
    _platformOf(account) {
        return this._labelsOf(account).business ? 'smba' : 'android';
    },

    _labelsWire(account) {
        const store = this._labelsOf(account);
        return {
            type: 'labels',
            platform: this._platformOf(account),
            labels: [...store.labels.values()],
            chats: Object.fromEntries([...store.chats].filter(([, ids]) => ids.size).map(([chat, ids]) => [chat, [...ids]])),
        };
    },

    // At connect, after the history: the labels and the chats' labels.
    _sendLabels(sock, account) {
        this.sim._send(sock, this._labelsWire(account));
    },

    _pushLabels(account, except) {
        for (const sock of this._connectedSockets(account)) if (sock !== except) this._sendLabels(sock, account);
    },

    // GET /_sim/labels[?account=<digits>]: whether the account is a business one, its labels, and
    // the labels on each chat, as the server keeps them.
    labelsInfo(accountIn) {
        const account = this._account(accountIn === null || accountIn === undefined || accountIn === '' ? null : parseNumber(accountIn, 'account'));
        const wire = this._labelsWire(account);
        return { account, business: this._labelsOf(account).business, platform: wire.platform, labels: wire.labels, chats: wire.chats };
    },

    // POST /_sim/labels {to?, business?, labels?: [{id, name, colorIndex?}]}: the account becomes a
    // WhatsApp Business account (with the default labels unless `labels` is given) or a personal
    // one (no labels), or gets the labels given. Its linked devices follow at once.
    setLabels(spec) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"to"?: "<account digits>", "business"?: true|false, "labels"?: [{"id": "<digits>", "name": "...", "colorIndex"?: 0..19}]}');
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        if (spec.business !== undefined && typeof spec.business !== 'boolean') throw httpError(400, 'business must be true or false');
        let labels = null;
        if (spec.labels !== undefined) {
            if (!Array.isArray(spec.labels) || spec.labels.length > MAX_LABELS) throw httpError(400, `labels must be a list of at most ${MAX_LABELS} labels`);
            labels = spec.labels.map((l) => {
                if (!l || typeof l.id !== 'string' || !/^\d{1,20}$/.test(l.id)) throw httpError(400, 'each label needs an id of digits');
                if (typeof l.name !== 'string' || !l.name || l.name.length > 100) throw httpError(400, 'each label needs a name of 1..100 characters');
                const colorIndex = l.colorIndex === undefined ? 0 : l.colorIndex;
                if (!Number.isInteger(colorIndex) || colorIndex < 0 || colorIndex > 19) throw httpError(400, 'colorIndex must be 0..19');
                return { id: l.id, name: l.name, colorIndex };
            });
            if (new Set(labels.map((l) => l.id)).size !== labels.length) throw httpError(400, 'label ids must differ');
        }
        const store = this._labelsOf(account);
        if (spec.business !== undefined && spec.business !== store.business) {
            store.business = spec.business;
            store.labels = new Map(spec.business ? DEFAULT_LABELS.map((l) => [l.id, { ...l }]) : []);
            store.chats = new Map();
        }
        if (labels) {
            if (!store.business) throw httpError(409, `${account} is not a WhatsApp Business account: only those have labels`);
            store.labels = new Map(labels.map((l) => [l.id, l]));
            for (const ids of store.chats.values()) for (const id of [...ids]) if (!store.labels.has(id)) ids.delete(id);
        }
        this._pushLabels(account, null);
        return this.labelsInfo(account);
    },

    // The page changes labels on chats: { type: 'label_chats', actions: [{id, type: 'add'|'remove'}], chats: [ids] }.
    // Refused, with nothing changed, unless the account is a business one, every label is its and
    // every chat id is a chat id.
    _onLabelChats(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const store = account ? this._labelsOf(account) : null;
        const refuse = (error) => {
            this._answer(sock, msg, { ok: false, error });
            return true;
        };
        if (!store || !store.business) return refuse('not-business');
        const actions = Array.isArray(msg.actions) ? msg.actions : null;
        const chats = Array.isArray(msg.chats) ? msg.chats : null;
        if (!actions || !chats || actions.length > 1024 || chats.length > 1024) return refuse('bad-request');
        if (!actions.every((a) => a && store.labels.has(a.id) && (a.type === 'add' || a.type === 'remove'))) return refuse('unknown-label');
        if (!chats.every((c) => typeof c === 'string' && /^[\d-]+@(c\.us|g\.us|lid)$/.test(c))) return refuse('bad-chat');
        for (const chat of chats) {
            if (!store.chats.has(chat)) store.chats.set(chat, new Set());
            const ids = store.chats.get(chat);
            for (const a of actions) {
                if (a.type === 'add') ids.add(a.id);
                else ids.delete(a.id);
            }
        }
        this.sim._log('labels-changed', { socketId: sock.id, actions, chats });
        this._answer(sock, msg, { ok: true });
        this._pushLabels(account, sock);
        return true;
    },
};
