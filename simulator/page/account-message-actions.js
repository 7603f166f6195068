'use strict';
// The account's actions on messages already there, in the simulated WhatsApp Web page, as
// whatsapp-web.js main 2dc9466 calls them: editing (WAWebMsgActionCapability.canEditText /
// canEditCaption, WAWebSendMessageEditAction.sendMessageEdit; Message.js:875-943,
// Injected/Utils.js:588-628), pinning (WAWebSendPinMessageAction.sendPinInChatMsg with
// WAWebPinMsgConstants.getPinExpiryDuration, Injected/Utils.js:1653-1678; the pin records of
// WAWebPinInChatSchema, Client.js:1779-1815), starring (canStarMsg, Cmd.sendStarMsgs /
// sendUnstarMsgs, Message.js:670-711) and the reactions collection (WAWebCollections.Reactions,
// Message.js:843-867). The server side is ../account-message-actions.js. Served after
// account-polls.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, MsgKey, MsgModel, ChatModel, meWid, ask } = sim.account;

    const EDIT_WINDOW_S = 15 * 60;
    const isModel = (msg) => msg instanceof MsgModel;
    const needModel = (fn, msg) => {
        // The real functions read fields of the message: anything else fails there.
        if (!isModel(msg)) throw new TypeError(`${fn}: the argument must be a message model, not ${msg === null ? 'null' : typeof msg}`);
    };
    const recent = (msg) => Date.now() / 1000 - msg.t <= EDIT_WINDOW_S;

    // ---- capabilities ------------------------------------------------------------------------

    // Own texts (their body) and own pictures and videos with a caption, within 15 minutes, may
    // be edited; any message but a revoked one or a notification may be starred. WhatsApp Web's
    // own rules have more cases (view once, forwarded, status…), not modelled.
    Object.assign(modules.WAWebMsgActionCapability, {
        canEditText(msg) {
            needModel('canEditText', msg);
            return Boolean(msg.id.fromMe && msg.type === 'chat' && recent(msg));
        },
        canEditCaption(msg) {
            needModel('canEditCaption', msg);
            return Boolean(msg.id.fromMe && (msg.type === 'image' || msg.type === 'video') && msg.caption && recent(msg));
        },
        canStarMsg(msg) {
            needModel('canStarMsg', msg);
            return !['revoked', 'gp2', 'notification', 'notification_template', 'e2e_notification', 'ciphertext', 'protocol'].includes(msg.type);
        },
    });

    // ---- editing -------------------------------------------------------------------------------

    // sendMessageEdit(msg, newText, options): the edit goes out as a message of its own; the model
    // takes the new text in place (body, or caption for media), which clients see as
    // `change:body` / `change:caption`. Options as whatsapp-web.js passes them: mentionedJidList
    // (wids), groupMentions, and a link preview's fields. A refused edit throws (the real action's
    // error is not known).
    modules.WAWebSendMessageEditAction = {
        async sendMessageEdit(msg, content, options) {
            needModel('sendMessageEdit', msg);
            if (typeof content !== 'string') throw new TypeError(`sendMessageEdit: the new text must be a string, not ${typeof content}`);
            if (!options || typeof options !== 'object') throw new TypeError('sendMessageEdit: the third argument must be the options object');
            const mentions = options.mentionedJidList;
            if (mentions !== undefined && !(Array.isArray(mentions) && mentions.every((w) => w && typeof w._serialized === 'string'))) {
                throw new TypeError('sendMessageEdit: mentionedJidList must be a list of wids');
            }
            const answer = await ask({ type: 'edit_msg', key: msg.id._serialized, body: content });
            if (!answer.ok) throw new Error(`Edit send error (${answer.error})`);
            const editKey = new MsgKey({ fromMe: true, remote: msg.id.remote, id: answer.editId, participant: msg.id.participant });
            const field = msg.directPath ? 'caption' : 'body';
            msg.set({ latestEditSenderTimestampMs: answer.t, latestEditMsgKey: editKey, ...(mentions ? { mentionedJidList: mentions.slice() } : {}), [field]: content });
        },
    };

    // ---- pinning -----------------------------------------------------------------------------

    // The pin's duration comes from getPinExpiryDuration(option), called through the module
    // object (whatsapp-web.js replaces it to pin for any number of seconds). Unreplaced, it takes
    // the durations WhatsApp's apps offer (24 hours, 7 days, 30 days, in seconds) and throws for
    // anything else; the real function's argument (which choice of the pin dialog) is not known.
    const APP_DURATIONS = [86400, 604800, 2592000];
    modules.WAWebPinMsgConstants = {
        getPinExpiryDuration(option) {
            if (!APP_DURATIONS.includes(option)) throw new TypeError(`getPinExpiryDuration: no pin duration ${String(option)}`);
            return option;
        },
    };

    // The pin records (IndexedDB in WhatsApp Web), one per pinned message, the latest pin action:
    // `parentMsgKey` (text), `chatId` (text), `pinType` (1 pinned, 2 unpinned), `msgKey` (the pin
    // message's key), `t`, `pinExpiryDuration`, `senderTimestampMs`. Only the chatId index is
    // modelled (the one whatsapp-web.js queries, with the chat's wid as text).
    const pins = new Map();
    modules.WAWebPinInChatSchema = {
        getTable() {
            return {
                async equals(index, value) {
                    if (!Array.isArray(index) || index.length !== 1 || index[0] !== 'chatId') throw new TypeError(`equals: no index ${JSON.stringify(index)} is modelled (only ["chatId"])`);
                    const now = Date.now();
                    return [...pins.values()]
                        .filter((r) => r.chatId === String(value))
                        .map((r) => ({ ...r, pinType: r.pinType === 1 && r.senderTimestampMs + r.pinExpiryDuration * 1000 <= now ? 2 : r.pinType }));
                },
            };
        },
    };

    // sendPinInChatMsg(msg, pinType, option): 1 pins, 2 unpins. Answers { messageSendResult }:
    // 'OK', or 'ERROR' when the server refused.
    modules.WAWebSendPinMessageAction = {
        async sendPinInChatMsg(msg, pinType, option) {
            needModel('sendPinInChatMsg', msg);
            if (pinType !== 1 && pinType !== 2) throw new TypeError(`sendPinInChatMsg: the pin type must be 1 (pin) or 2 (unpin), not ${String(pinType)}`);
            const duration = pinType === 1 ? modules.WAWebPinMsgConstants.getPinExpiryDuration(option) : 0;
            const id = await MsgKey.newId();
            const answer = await ask({ type: 'pin_msg', parentKey: msg.id._serialized, id, pinType, duration });
            if (!answer.ok) return { messageSendResult: 'ERROR', error: answer.error };
            pins.set(msg.id._serialized, {
                parentMsgKey: msg.id._serialized,
                chatId: msg.id.remote.toString(),
                pinType,
                msgKey: new MsgKey({ fromMe: true, remote: msg.id.remote, id })._serialized,
                t: answer.t,
                senderTimestampMs: answer.t * 1000,
                pinExpiryDuration: duration,
            });
            return { messageSendResult: 'OK' };
        },
    };

    // ---- starring ----------------------------------------------------------------------------

    // Cmd.sendStarMsgs(chat, msgs, fromMe?) / sendUnstarMsgs: the messages of that chat get (or
    // lose) their star. What the real third argument means is not known (whatsapp-web.js passes
    // false).
    const star = (name, value) => async (chat, msgs) => {
        if (!(chat instanceof ChatModel)) throw new TypeError(`${name}: the first argument must be a chat model`);
        if (!Array.isArray(msgs) || !msgs.length || !msgs.every((m) => isModel(m) && m.id.remote.equals(chat.id))) throw new TypeError(`${name}: the second argument must be a list of message models of that chat`);
        const answer = await ask({ type: 'star_msg', keys: msgs.map((m) => m.id._serialized), star: value });
        if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
        for (const m of msgs) m.set('star', value);
    };
    const { Cmd } = modules.WAWebCmd;
    Cmd.sendStarMsgs = star('sendStarMsgs', true);
    Cmd.sendUnstarMsgs = star('sendUnstarMsgs', false);

    // ---- reactions ---------------------------------------------------------------------------

    // WAWebCollections.Reactions: per message reacted to, its reactions grouped by emoji, each
    // with its senders: `find(parentKey)` → { id, reactions } where `reactions.serialize()` gives
    // [{ id: emoji, aggregateEmoji, hasReactionByMe, senders: [{ msgKey, parentMsgKey,
    // senderUserJid, reactionText, timestamp (ms), orphan, orphanReason, read, ack }] }], the
    // fields whatsapp-web.js reads (Message.js:848-866, structures/Reaction.js). It is filled
    // from the rows written to the reaction table (account-actions.js) while the page is open;
    // reactions from before (history) are not modelled.
    class ReactionSenderModel extends AccountModel {}
    class ReactionAggregateModel extends AccountModel {
        serialize() {
            return { ...this.attributes, senders: this.senders.serialize() };
        }
    }
    class MsgReactionsModel extends AccountModel {}
    const Reactions = sim.setCollection('Reactions', new Collection(MsgReactionsModel));
    sim.account.reactionRows = (rows) => {
        for (const r of rows) {
            const parent = r.reactionParentKey._serialized;
            const sender = (r.author || r.from)._serialized;
            const model = Reactions.get(parent) || Reactions.add({ id: MsgKey.fromString(parent), reactions: new Collection(ReactionAggregateModel) })[0];
            const { reactions } = model;
            for (const aggregate of reactions.getModelsArray()) {
                aggregate.senders.remove(sender);
                if (!aggregate.senders.length) reactions.remove(aggregate);
            }
            const text = String(r.reactionText || '');
            if (!text) continue;
            let aggregate = reactions.get(text);
            if (!aggregate) {
                aggregate = reactions.add({ id: text, aggregateEmoji: text, hasReactionByMe: false })[0];
                Object.defineProperty(aggregate, 'senders', { value: new Collection(ReactionSenderModel) });
            }
            aggregate.senders.add({
                id: sender,
                msgKey: r.id,
                parentMsgKey: r.reactionParentKey,
                senderUserJid: sender,
                reactionText: text,
                timestamp: r.reactionTimestamp,
                orphan: r.orphan || 0,
                orphanReason: r.orphanReason ?? null,
                read: Boolean(r.read),
                ack: r.ack,
            });
        }
        // hasReactionByMe: the account (by phone number or LID) is among the senders.
        const me = [meWid(), modules.WAWebUserPrefsMeUser.getMaybeMeLidUser()].filter(Boolean).map((w) => w._serialized);
        for (const model of Reactions.getModelsArray()) {
            for (const aggregate of model.reactions.getModelsArray()) aggregate.set('hasReactionByMe', aggregate.senders.getModelsArray().some((s) => me.includes(s.id)));
        }
    };
    // Reactions.find: the message's reactions; undefined when none were seen.
    Reactions.find = async (id) => Reactions.get(id);
})();
