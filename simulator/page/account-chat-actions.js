'use strict';
// Actions on whole chats and message receipts in the simulated WhatsApp Web page, as
// whatsapp-web.js main 2dc9466 calls them: `WAWebChatClearBridge.sendClear(chat, false)` and
// `WAWebDeleteChatAction.sendDelete(chat)` (Injected/Utils.js:1183-1199, Chat.js:117-131),
// `WAWebApiMessageInfoStore.queryMsgInfo(msg.id)` (Message.js:758-785), `Msg.search(query, page,
// count, remote)` (Client.js:1646-1662), `chat.endOfHistoryTransferType` and
// `WAWebSendNonMessageDataRequest.sendPeerDataOperationRequest(3, {chatId})` (Client.js:3174-3191).
// The server side is ../account-chat-actions.js. Served after account-polls.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { MsgKey, Msg, Chat, ChatModel, createWid, ask } = sim.account;

    // A chat model this page holds (the real functions take the model itself).
    const chatModel = (chat, fn) => {
        if (!chat || !chat.id || Chat.get(chat.id) !== chat) throw new TypeError(`${fn}: not a chat model of this page`);
        return chat;
    };
    const refused = (fn, answer) => {
        if (!answer.ok) throw new Error(`${fn}: the server refused (${answer.error})`);
        return answer;
    };

    // The messages `keys` leave this page (cleared or deleted here or on another device).
    function dropMessages(chat, keys) {
        for (const key of keys || []) {
            const msg = Msg.get(key);
            if (chat) chat.msgs.remove(key);
            if (msg) Msg.remove(msg);
        }
        if (chat) chat.set('unreadCount', 0);
    }

    modules.WAWebChatClearBridge = {
        // (chat, keepStarred): starred messages stay when asked.
        async sendClear(chat, keepStarred) {
            chatModel(chat, 'sendClear');
            if (typeof keepStarred !== 'boolean') throw new TypeError('sendClear: keepStarred must be a boolean');
            const keep = keepStarred ? chat.msgs.filter((m) => m.star).map((m) => m.id._serialized) : [];
            const answer = refused('sendClear', await ask({ type: 'chat_clear', chat: chat.id._serialized, keep }));
            dropMessages(chat, answer.keys);
        },
    };
    modules.WAWebDeleteChatAction = {
        // The chat and its messages leave the page: Chat `remove` (whatsapp-web.js's chat_removed).
        async sendDelete(chat) {
            chatModel(chat, 'sendDelete');
            const answer = refused('sendDelete', await ask({ type: 'chat_delete', chat: chat.id._serialized }));
            dropMessages(chat, answer.keys);
            Chat.remove(chat);
        },
    };

    // Another device (the phone, another linked page) cleared or deleted a chat.
    sim.onServer('chat_action', (msg) => {
        const chat = Chat.get(msg.chat);
        dropMessages(chat, msg.keys);
        // A message that came in since keeps the chat.
        if (chat && msg.action === 'delete' && chat.msgs.length === 0) Chat.remove(chat);
    });

    // ---- message receipts ------------------------------------------------------------------------

    // queryMsgInfo(msgKey): the receipts of a message the account sent, per recipient:
    // { delivery, read, played: [{ id: wid, t }], deliveryRemaining, readRemaining, playedRemaining }.
    modules.WAWebApiMessageInfoStore = {
        async queryMsgInfo(key) {
            if (!(key instanceof MsgKey)) throw new TypeError('queryMsgInfo: not a message key');
            const answer = refused('queryMsgInfo', await ask({ type: 'msg_info', key: key._serialized }));
            const rows = (list) => list.map((r) => ({ id: createWid(r.id), t: r.t }));
            return {
                delivery: rows(answer.delivery),
                deliveryRemaining: answer.deliveryRemaining,
                read: rows(answer.read),
                readRemaining: answer.readRemaining,
                played: rows(answer.played),
                playedRemaining: answer.playedRemaining,
            };
        },
    };

    // ---- search ----------------------------------------------------------------------------------

    // Msg.search(query, page, count, remote): the messages this page holds whose text contains the
    // query (case-insensitive), newest first, `count` per `page` (from 1), in one chat with
    // `remote`. Defaults (page 1, 100 per page) are this simulator's: the real ones are not known.
    const positive = (value, name) => {
        if (value === undefined) return undefined;
        if (!Number.isInteger(value) || value < 1) throw new TypeError(`Msg.search: ${name} must be a positive integer`);
        return value;
    };
    Msg.search = async function search(query, page, count, remote) {
        if (typeof query !== 'string' || query.trim() === '') throw new TypeError('Msg.search: the query must be a non-empty string');
        const p = positive(page, 'page') ?? 1;
        const n = positive(count, 'count') ?? 100;
        const chat = remote === undefined || remote === null ? null : createWid(remote);
        const needle = query.toLowerCase();
        // Newest first: by time, and the later arrival first within a second.
        const found = Msg.getModelsArray()
            .filter((m) => (!chat || m.id.remote.equals(chat)) && m.type !== 'revoked')
            .filter((m) => String((m.directPath ? m.caption : m.body) || '').toLowerCase().includes(needle))
            .reverse()
            .sort((a, b) => b.t - a.t);
        const messages = found.slice((p - 1) * n, p * n);
        return { messages, eof: p * n >= found.length };
    };

    // ---- history sync on demand ------------------------------------------------------------------

    // The server says, after the history, which chats the phone may hold more of:
    // endOfHistoryTransferType 0 (COMPLETE_BUT_MORE_MESSAGES_REMAIN_ON_PRIMARY in WhatsApp's
    // HistorySync protobuf), 1 once the phone sent all it has (COMPLETE_AND_NO_MORE_MESSAGE_REMAIN_ON_PRIMARY).
    // Read as a property (undefined for a chat that came with no history).
    Object.defineProperty(ChatModel.prototype, 'endOfHistoryTransferType', {
        get() {
            return this.attributes.endOfHistoryTransferType;
        },
        configurable: true,
    });
    sim.onServer('history_meta', (msg) => {
        for (const c of msg.chats || []) {
            const chat = Chat.get(c.id);
            if (chat) chat.set('endOfHistoryTransferType', c.endOfHistoryTransferType);
        }
    });
    // Peer data operations the page asks of the phone; only 3 (HISTORY_SYNC_ON_DEMAND) is modelled.
    const HISTORY_SYNC_ON_DEMAND = 3;
    modules.WAWebSendNonMessageDataRequest = {
        async sendPeerDataOperationRequest(type, params) {
            if (type !== HISTORY_SYNC_ON_DEMAND) throw new TypeError(`sendPeerDataOperationRequest: operation ${type} is not modelled`);
            const wid = params && params.chatId;
            if (!wid || typeof wid !== 'object' || typeof wid._serialized !== 'string') throw new TypeError('sendPeerDataOperationRequest: chatId must be a wid');
            const chat = Chat.get(wid);
            refused('sendPeerDataOperationRequest', await ask({ type: 'history_on_demand', chat: wid._serialized }));
            if (chat) chat.set('endOfHistoryTransferType', 1);
        },
    };
})();
