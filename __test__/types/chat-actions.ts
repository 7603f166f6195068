// A whatsapp-web.js bot clearing and deleting chats, reading receipts, searching and asking for
// history (example.js's !syncHistory). Type-checked, never run, like program.ts:
// __test__/types.test.js compiles it against whatsapp-web.js's types and, with the import changed,
// against whatsapp-web-rs's.
import { Chat, Client, Events, Message, MessageInfo, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.body === '!syncHistory') {
        const isSynced: boolean = await client.syncHistory(msg.from);
        const chat: Chat = await client.getChatById(msg.from);
        const again: boolean = await chat.syncHistory();
        await msg.reply(isSynced || again ? 'Historical chat is syncing..' : 'There is no historical chat to sync.');
    }
    if (msg.body === '!clear') {
        const chat = await msg.getChat();
        const cleared: boolean = await chat.clearMessages();
        console.log(cleared);
    }
    if (msg.body === '!delete') {
        const deleted: boolean = await (await msg.getChat()).delete();
        console.log(deleted);
    }
    if (msg.body.startsWith('!search ')) {
        const found: Message[] = await client.searchMessages(msg.body.slice(8), { chatId: msg.from, page: 1, limit: 10 });
        const anywhere: Message[] = await client.searchMessages('hello');
        console.log(found.length + anywhere.length);
    }
    if (msg.fromMe) {
        const info: MessageInfo | null = await msg.getInfo();
        if (info) {
            const who: string = info.read.map((r) => r.id._serialized).join(', ');
            const when: number = info.delivery.length ? info.delivery[0].t : 0;
            console.log(who, when, info.deliveryRemaining, info.readRemaining, info.played.length, info.playedRemaining);
        }
    }
});

client.on('chat_removed', (chat: Chat) => console.log(chat.id._serialized, chat.name));
client.on(Events.CHAT_REMOVED, (chat: Chat) => console.log(chat.isGroup));
