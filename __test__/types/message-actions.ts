// A whatsapp-web.js bot acting on messages already there: editing its own, pinning, starring,
// reading reactions and a chat's pinned messages (example.js's !edit, !pinmsg, !unpin).
// Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { Chat, Client, Message, MessageEditOptions, NoAuth, Reaction, ReactionList } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.body.startsWith('!edit ') && msg.hasQuotedMsg) {
        const quoted: Message = await msg.getQuotedMessage();
        if (quoted.fromMe) {
            const options: MessageEditOptions = { linkPreview: false, mentions: [msg.from] };
            const edited: Message | null = await quoted.edit(msg.body.slice(6), options);
            console.log(edited ? edited.body : 'not edited');
        }
    }
    if (msg.body === '!pinmsg') {
        const pinned: boolean = await msg.pin(60 * 60 * 24);
        console.log(pinned);
    }
    if (msg.body === '!unpin' && msg.hasQuotedMsg) {
        const quoted = await msg.getQuotedMessage();
        const unpinned: boolean = await quoted.unpin();
        console.log(unpinned);
    }
    await msg.star();
    await msg.unstar();
    const lists: ReactionList[] = await msg.getReactions();
    for (const list of lists || []) {
        const senders: Reaction[] = list.senders;
        console.log(list.id, list.aggregateEmoji, list.hasReactionByMe, senders.map((r) => r.senderId + r.reaction));
    }
    const chat: Chat = await msg.getChat();
    const inChat: [Message] | [] = await chat.getPinnedMessages();
    const byId: [Message] | [] = await client.getPinnedMessages(chat.id._serialized);
    console.log(inChat.length + byId.length);
});

client.on('message_edit', (message: Message, newBody: String, prevBody: String) => {
    console.log(message.fromMe, newBody, prevBody);
});
