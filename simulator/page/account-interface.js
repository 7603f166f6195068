'use strict';
// The page's own window in the simulated WhatsApp Web page, as whatsapp-web.js's
// InterfaceController drives it (1.34.7 and main 2dc9466 src/util/InterfaceController.js): the
// open chat (WAWebCmd Cmd.openChatBottom, Cmd.openChatAt with WAWebChatMessageSearch's search
// context), the right-hand drawer (Cmd.openDrawerMid, Cmd.chatSearch, Cmd.msgInfoDrawer,
// WAWebDrawerManager.DrawerManager.closeDrawerRight) and the feature flags
// (WAWebCollections.Features). The state is the page's own (in memory: a reload starts with no
// chat open, no drawer and the default flags); each change is reported to the server only so
// that the control API can show it (GET /_sim/interface). The server side is
// ../account-settings.js. Served after account-settings.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { ChatModel, MsgModel, ask } = sim.account;
    const { Cmd } = modules.WAWebCmd;

    const ui = { openChat: null, openAt: null, rightDrawer: null };
    const report = () => ask({ type: 'ui_state', openChat: ui.openChat, openAt: ui.openAt, rightDrawer: ui.rightDrawer, features: { ...flags } });
    const chatOf = (name, chat) => {
        if (!(chat instanceof ChatModel)) throw new TypeError(`${name}: the chat must be a chat model`);
        return chat.id._serialized;
    };

    // What the real commands answer is not known beyond whatsapp-web.js returning openChatBottom's
    // answer: true here once the chat is open. Each takes the argument shape whatsapp-web.js passes
    // and throws a TypeError for anything else.
    Cmd.openChatBottom = async (options) => {
        ui.openChat = chatOf('openChatBottom', options && options.chat);
        ui.openAt = null;
        await report();
        return true;
    };
    Cmd.openDrawerMid = async (chat) => {
        ui.rightDrawer = { kind: 'chat-info', id: chatOf('openDrawerMid', chat) };
        await report();
    };
    Cmd.chatSearch = async (chat) => {
        ui.rightDrawer = { kind: 'search', id: chatOf('chatSearch', chat) };
        await report();
    };
    Cmd.msgInfoDrawer = async (msg) => {
        if (!(msg instanceof MsgModel)) throw new TypeError('msgInfoDrawer: the message must be a message model');
        ui.rightDrawer = { kind: 'message-info', id: msg.id._serialized };
        await report();
    };

    // A message's place in its chat, for Cmd.openChatAt. The real context's fields are not known:
    // here an object only getSearchContext makes, of that chat and message.
    const contexts = new WeakSet();
    modules.WAWebChatMessageSearch = {
        getSearchContext(chat, msgKey) {
            const chatId = chatOf('getSearchContext', chat);
            if (!msgKey || typeof msgKey._serialized !== 'string' || !msgKey.remote || msgKey.remote._serialized !== chatId) throw new TypeError('getSearchContext: the key must be the key of a message of that chat');
            const context = Object.freeze({ chat: chatId, msgKey: msgKey._serialized });
            contexts.add(context);
            return context;
        },
    };
    Cmd.openChatAt = async (options) => {
        const chatId = chatOf('openChatAt', options && options.chat);
        const context = options.msgContext;
        if (!contexts.has(context) || context.chat !== chatId) throw new TypeError("openChatAt: msgContext must be getSearchContext's for that chat");
        ui.openChat = chatId;
        ui.openAt = context.msgKey;
        await report();
    };
    modules.WAWebDrawerManager = {
        DrawerManager: {
            async closeDrawerRight() {
                ui.rightDrawer = null;
                await report();
            },
        },
    };

    // WhatsApp Web's feature flags: F, the table of names (the real names are not known: these are
    // the simulator's, each its own value), supportsFeature(name) and setFeature(name, on). A name
    // not in the table, or a non-boolean, is a TypeError here; what the real one does is not known.
    const F = Object.freeze({ SIM_FEATURE_A: 'SIM_FEATURE_A', SIM_FEATURE_B: 'SIM_FEATURE_B', SIM_FEATURE_C: 'SIM_FEATURE_C' });
    const flags = { SIM_FEATURE_A: true, SIM_FEATURE_B: false, SIM_FEATURE_C: false };
    const known = (name, where) => {
        if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(F, name)) throw new TypeError(`${where}: ${JSON.stringify(name)} is not a feature`);
        return name;
    };
    sim.setCollection('Features', {
        F,
        supportsFeature: (name) => flags[known(name, 'supportsFeature')],
        setFeature(name, on) {
            known(name, 'setFeature');
            if (typeof on !== 'boolean') throw new TypeError('setFeature: on must be a boolean');
            flags[name] = on;
            report().catch(() => {}); // setFeature answers at once (whatsapp-web.js does not await it)
        },
    });
})();
