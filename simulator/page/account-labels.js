'use strict';
// Labels of a WhatsApp Business account in the simulated WhatsApp Web page: the `Label` collection
// of WAWebCollections (models with serialize(), hexColor and a labelItemCollection of
// { parentType: 'Chat', parentId }), its addOrRemoveLabels(actions, chats), each chat's `labels`
// ids, and Conn.platform ('smba' for a business account), as whatsapp-web.js main 2dc9466 uses
// them (src/Client.js:2745-2960, src/util/Injected/Utils.js:1222-1244). A personal account's
// collection is empty and the server refuses label changes for it. The server side is
// ../account-labels.js. Served after account-bots.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, Chat, ask } = sim.account;
    const { Conn } = modules.WAWebConnModel;

    // The simulator's palette (WhatsApp's label colours are a fixed list of 20; not its values).
    const PALETTE = ['#ff9485', '#64c4ff', '#ffd429', '#dfaef0', '#99b6c1', '#55ccb3', '#ff9dff', '#d3a91d', '#6d7cce', '#d7e752',
        '#00d0e2', '#ffc5c7', '#93ceac', '#f74848', '#00a0f2', '#83e422', '#ffaf04', '#b5ebff', '#9ba6ff', '#9368cf'];

    class LabelItemModel extends AccountModel {}
    class LabelModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, name: '', colorIndex: 0, ...attrs });
            Object.defineProperty(this, 'labelItemCollection', { value: new Collection(LabelItemModel) });
        }
        get hexColor() {
            return PALETTE[this.colorIndex] || PALETTE[0];
        }
    }

    class LabelCollection extends Collection {
        // (actions: [{ id, type: 'add'|'remove' }], chats: Chat models): the server applies it to
        // every chat, then the models follow. Anything else is a TypeError and nothing is sent.
        async addOrRemoveLabels(actions, chats) {
            if (!Array.isArray(actions) || !actions.every((a) => a && this.get(String(a.id)) && (a.type === 'add' || a.type === 'remove'))) {
                throw new TypeError('addOrRemoveLabels: actions must be [{ id: <a label id>, type: "add" | "remove" }]');
            }
            if (!Array.isArray(chats) || !chats.every((c) => c instanceof sim.account.ChatModel && Chat.get(c.id) === c)) {
                throw new TypeError('addOrRemoveLabels: chats must be chat models');
            }
            const list = actions.map((a) => ({ id: String(a.id), type: a.type }));
            const answer = await ask({ type: 'label_chats', actions: list, chats: chats.map((c) => c.id._serialized) });
            if (!answer.ok) throw new Error(`addOrRemoveLabels: ${answer.error}`);
            for (const chat of chats) {
                const ids = new Set(chat.labels || []);
                for (const a of list) {
                    if (a.type === 'add') ids.add(a.id);
                    else ids.delete(a.id);
                }
                setChatLabels(chat.id._serialized, [...ids]);
            }
        }
    }
    const Label = sim.setCollection('Label', new LabelCollection(LabelModel));

    function setChatLabels(chatId, ids) {
        const chat = Chat.get(chatId);
        if (chat) chat.set('labels', ids.length || chat.labels ? ids : undefined);
        for (const label of Label.getModelsArray()) {
            const items = label.labelItemCollection;
            const has = ids.includes(label.id);
            if (has && !items.get(chatId)) items.add({ id: chatId, parentId: chatId, parentType: 'Chat', labelId: label.id });
            if (!has && items.get(chatId)) items.remove(chatId);
        }
    }

    // The server's labels: at connect and whenever they change (on the phone or another device).
    sim.onServer('labels', (msg) => {
        if (Conn.platform !== msg.platform) Conn.set('platform', msg.platform);
        const labels = msg.labels || [];
        Label.remove(Label.getModelsArray().filter((m) => !labels.some((l) => l.id === m.id)));
        for (const l of labels) {
            const model = Label.get(l.id);
            if (model) model.set({ name: l.name, colorIndex: l.colorIndex });
            else Label.add({ id: l.id, name: l.name, colorIndex: l.colorIndex });
        }
        const chats = msg.chats || {};
        const chatIds = new Set([...Object.keys(chats), ...Chat.getModelsArray().filter((c) => c.labels).map((c) => c.id._serialized)]);
        for (const chatId of chatIds) setChatLabels(chatId, chats[chatId] || []);
    });
})();
