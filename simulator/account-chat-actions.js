'use strict';
// Actions on whole chats and what the server knows of a message's receipts (methods of
// AccountWorld, see account.js): clearing and deleting a chat (from the page or the account's
// phone), a message's delivery and read receipts per recipient, and a history sync on demand.
// The page side is page/account-chat-actions.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466: Chat.js:117-131 and Injected/Utils.js:1183-1199
// clear and delete, Message.js:758-785 getInfo, Client.js:3174-3191 syncHistory, Client.js:925-937
// and 1099-1103 chat_removed):
// - Clearing or deleting a chat is the account's, shared by its devices: the messages it held then
//   leave every linked device (one that was away learns it when it connects again; one linked
//   later never gets them as history). Deleting also takes the chat out of the chat list; a new
//   message brings it back. The contact keeps its own copy (its inbox does not change).
// - A message the account sent has, per recipient, a delivery receipt (ack 2) and a read receipt
//   (ack 3) with their times; a group message is delivered to every participant at once and not
//   read (POST /_sim/peer/read reads one contact's chat only). Nothing is ever played here.
// - The phone answers a history sync on demand for a chat; the history it sent at link time is
//   all it has (see page/account-chat-actions.js for endOfHistoryTransferType).

const { httpError, parseNumber } = require('./account-util');

module.exports = {
    // ---- the control API -----------------------------------------------------------------------

    async _chatActionsControl(route, url, readJson, reply) {
        switch (route) {
            case 'GET /_sim/chats':
                return reply(200, this.listChats(url.searchParams.get('account')));
            case 'POST /_sim/phone/clear-chat':
                return reply(200, this.phoneChatAction(await readJson(), 'clear'));
            case 'POST /_sim/phone/delete-chat':
                return reply(200, this.phoneChatAction(await readJson(), 'delete'));
            default:
                return false;
        }
    },

    // The account's actions on chats: account number -> [{ chat, action, keys, at, known }].
    _chatActionsOf(account) {
        if (!this.chatActions) this.chatActions = new Map();
        if (!this.chatActions.has(account)) this.chatActions.set(account, []);
        return this.chatActions.get(account);
    },

    // A chat as the control API names it: a contact's digits, a group id or a `<lid>@lid`.
    _chatOf(value, name) {
        if (typeof value === 'string' && /^\d+@(g\.us|lid)$/.test(value)) return value;
        return `${parseNumber(value, name)}@c.us`;
    },

    // GET /_sim/chats?account=<digits>: the account's chats as its devices have them.
    listChats(accountIn) {
        const account = this._account(accountIn === null || accountIn === undefined || accountIn === '' ? null : parseNumber(accountIn, 'account'));
        const chats = new Map();
        const entry = (id) => {
            if (!chats.has(id)) chats.set(id, { id, messages: 0, cleared: false, deleted: false });
            return chats.get(id);
        };
        for (const m of this.messages.values()) {
            if (m.account === account && !m.cleared) entry(m.chat).messages += 1;
        }
        for (const a of this._chatActionsOf(account)) {
            const chat = entry(a.chat);
            chat.cleared = a.action === 'clear';
            chat.deleted = a.action === 'delete';
        }
        // Deleted until a new message comes in.
        for (const chat of chats.values()) if (chat.messages > 0) chat.deleted = false;
        return { account, chats: [...chats.values()] };
    },

    // POST /_sim/phone/clear-chat and /delete-chat {chat, to?}: the account's phone clears or
    // deletes a chat; its linked devices follow.
    phoneChatAction(spec, action) {
        if (!spec || typeof spec !== 'object') throw httpError(400, 'body must be {"chat": "<digits>, <group id> or <lid>@lid", "to": "<account digits>"?}');
        const chat = this._chatOf(spec.chat, 'chat');
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        const keys = this._recordChatAction(account, chat, action, null);
        return { ok: true, messages: keys.length };
    },

    // Clears (or deletes) `chat` for `account`: its messages leave the account's devices. `by`:
    // the socket that asked (it applies the change itself), or null (the phone). `keep`: keys of
    // messages to keep (starred ones, when the page asks so). Returns the keys cleared.
    _recordChatAction(account, chat, action, by, keep = new Set()) {
        const keys = [];
        for (const m of this.messages.values()) {
            if (m.account !== account || m.chat !== chat || m.cleared || keep.has(m.key)) continue;
            m.cleared = true;
            keys.push(m.key);
        }
        const record = { chat, action, keys, at: Date.now(), known: new Set(by && by.token ? [by.token] : []) };
        this._chatActionsOf(account).push(record);
        this.sim._log(action === 'clear' ? 'chat-cleared' : 'chat-deleted', { account, chat, messages: keys.length, by: by ? `socket ${by.id}` : 'phone' });
        for (const sock of this._connectedSockets(account)) {
            if (sock !== by) this._sendChatAction(sock, record);
        }
        return keys;
    },

    _sendChatAction(sock, record) {
        if (sock.token) record.known.add(sock.token);
        this.sim._send(sock, { type: 'chat_action', chat: record.chat, action: record.action, keys: record.keys });
    },

    // After `connected` (account.js onConnected): the actions this device missed while away (a
    // device linked after them never had those messages), and which chats the phone may have
    // more history of.
    _sendChatActionsMissed(sock, session, history) {
        const account = session.wid.split('@')[0];
        for (const record of this._chatActionsOf(account)) {
            if (record.at > session.createdAt && !record.known.has(session.token)) this._sendChatAction(sock, record);
        }
        // Chats that came with history from before this device: the phone may hold more of them.
        const synced = this.historySynced || (this.historySynced = new Set());
        const chats = new Set(history.filter((w) => this.messages.get(w.key).createdAt < session.createdAt).map((w) => w.chat));
        const meta = [...chats].map((id) => ({ id, endOfHistoryTransferType: synced.has(`${session.token} ${id}`) ? 1 : 0 }));
        this.sim._send(sock, { type: 'history_meta', chats: meta });
    },

    // Requests of the page; false for other types.
    _onChatActionMessage(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const chat = typeof msg.chat === 'string' ? msg.chat : null;
        switch (msg.type) {
            case 'chat_clear':
            case 'chat_delete': {
                if (!account || !chat) return this._answer(sock, msg, { ok: false, error: 'bad-chat' }) || true;
                const keep = new Set(Array.isArray(msg.keep) ? msg.keep.map(String) : []);
                const keys = this._recordChatAction(account, chat, msg.type === 'chat_clear' ? 'clear' : 'delete', sock, keep);
                this._answer(sock, msg, { ok: true, keys });
                return true;
            }
            case 'msg_info':
                this._answer(sock, msg, this._msgInfo(account, String(msg.key)));
                return true;
            case 'history_on_demand': {
                if (!account || !chat) return this._answer(sock, msg, { ok: false, error: 'bad-chat' }) || true;
                (this.historySynced || (this.historySynced = new Set())).add(`${sock.token} ${chat}`);
                this.sim._log('history-sync-requested', { socketId: sock.id, account, chat });
                // Everything the phone has of the chat came with the first history.
                this._answer(sock, msg, { ok: true, messages: 0 });
                return true;
            }
            default:
                return false;
        }
    },

    // Notes when a message reached an ack (account.js _setAck), for its receipts.
    _noteAck(m, ack) {
        if (!m.ackAt) m.ackAt = {};
        if (m.ackAt[ack] === undefined) m.ackAt[ack] = Math.floor(Date.now() / 1000);
    },

    // The receipts of a message the account sent: per recipient, when it was delivered and read.
    _msgInfo(account, key) {
        const m = this.messages.get(key);
        if (!m || m.account !== account || !m.fromMe || m.cleared) return { ok: false, error: 'not-found' };
        const group = this.groups.get(m.chat);
        const recipients = group ? group.participants.filter((n) => n !== account).map((n) => this._userWid(n, m.chat)) : [m.chat];
        const at = m.ackAt || {};
        const delivered = m.ack >= 2 ? at[2] ?? at[3] ?? m.t : null;
        const read = !group && m.ack >= 3 ? at[3] ?? m.t : null;
        const rows = (t) => (t === null ? [] : recipients.map((id) => ({ id, t })));
        return {
            ok: true,
            delivery: rows(delivered),
            deliveryRemaining: delivered === null ? recipients.length : 0,
            read: rows(read),
            readRemaining: read === null ? recipients.length : 0,
            played: [],
            playedRemaining: recipients.length,
        };
    },
};
