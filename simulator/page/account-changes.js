'use strict';
// Changes to what the page already holds, in the simulated WhatsApp Web page: a message edited by
// its sender, a chat archived on the phone, contacts blocked and unblocked (WhatsApp Web's
// `Blocklist` collection, `WAWebBlockContactUtils`, `WAWebBlockContactAction`, as whatsapp-web.js
// 1.34.7 calls them in src/structures/Contact.js:154-200 and src/Client.js:2869-2880, and main
// 2dc9466 in src/structures/Contact.js:154-205). The block list holds LIDs only: blocking takes a
// contact named by its LID (main f7e4d3d0f), a phone number is refused by the server. The server
// side is ../account-changes.js. Served after account.js and account-sync.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, MsgKey, Msg, Chat, createWid, ask } = sim.account;

    // An edit: the text changes in place, and the model remembers the latest edit (whatsapp-web.js
    // reads latestEditMsgKey and latestEditSenderTimestampMs, src/structures/Message.js:286-293).
    sim.onServer('edit', (msg) => {
        const m = Msg.get(msg.key);
        if (!m || m.type === 'revoked') return;
        const field = m.directPath ? 'caption' : 'body';
        const editKey = new MsgKey({ fromMe: m.id.fromMe, remote: m.id.remote, id: msg.editId, participant: m.id.participant });
        m.set({ latestEditSenderTimestampMs: msg.t, latestEditMsgKey: editKey, [field]: msg.body });
        // The server keeps an edit for this device until the device has it.
        sim.send({ type: 'edit_receipt', key: msg.key, editId: msg.editId });
    });

    // The phone changed a chat setting: the chat model follows (archive only so far).
    sim.onServer('chat_setting', (msg) => {
        const chat = Chat.get(msg.chat);
        if (chat && msg.setting === 'archive') chat.set('archive', Boolean(msg.value));
    });

    // The account's block list: one model per blocked contact, and the contact's flag.
    class BlockedModel extends AccountModel {}
    const Blocklist = sim.setCollection('Blocklist', new Collection(BlockedModel));
    function setBlocked(wid, blocked) {
        const contact = sim.account.ensureContact(wid);
        contact.set('isContactBlocked', blocked);
        if (blocked) Blocklist.add({ id: wid });
        else Blocklist.remove(wid);
    }
    sim.onServer('blocklist', (msg) => {
        const now = new Set(msg.lids || []);
        for (const model of Blocklist.getModelsArray()) {
            if (!now.has(model.id._serialized)) setBlocked(model.id, false);
        }
        for (const id of now) setBlocked(createWid(id), true);
    });

    async function changeBlock(contact, block) {
        if (!contact || !contact.id || typeof contact.id.isUser !== 'function' || !contact.id.isUser()) throw new TypeError('blockContact: not a contact');
        const answer = await ask({ type: 'block', lid: contact.id._serialized, block });
        if (!answer.ok) throw new Error(`blockContact: ${answer.error}`);
        setBlocked(contact.id, block);
    }
    modules.WAWebBlockContactUtils = {
        // WhatsApp Web blocks the contact behind a chat; with no chat of its own, the contact itself.
        getContactToBlockOnlyUseIfNoAssociatedChat: (contact) => contact,
    };
    modules.WAWebBlockContactAction = {
        // ({ contact, blockEntryPoint }): the contact may be a plain { id } (whatsapp-web.js main).
        blockContact: ({ contact }) => changeBlock(contact, true),
        // (contact, entryPoint)
        unblockContact: (contact) => changeBlock(contact, false),
    };
})();
