// A whatsapp-web.js bot using status updates (example.js's !statuses and !postStatus). Type-checked,
// never run, like program.ts: __test__/types.test.js compiles it against whatsapp-web.js's types
// and, with the import changed, against whatsapp-web-rs's.
import { Broadcast, Chat, Client, Contact, Message, MessageMedia, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.isStatus && msg.from === 'status@broadcast') {
        const poster: string | undefined = msg.author;
        console.log(poster, msg.body);
    }
    if (msg.body === '!statuses') {
        const statuses: Broadcast[] = await client.getBroadcasts();
        const chat: Chat | undefined = await statuses[0]?.getChat();
        const contact: Contact | undefined = await statuses[0]?.getContact();
        const one: Broadcast = await client.getBroadcastById(msg.from);
        const msgs: Message[] = one.msgs;
        console.log(chat, contact, one.id._serialized, one.timestamp, one.totalCount, one.unreadCount, msgs.length);
        const again: Broadcast = await (await msg.getContact()).getBroadcast();
        console.log(again.totalCount);
    } else if (msg.body === '!postStatus') {
        const posted: Message = await client.sendMessage('status@broadcast', 'Hello there!');
        await client.sendMessage('status@broadcast', 'Hello again! Looks different?', { extra: { fontStyle: 1, backgroundColor: '#0b3296' } });
        await client.sendMessage('status@broadcast', new MessageMedia('image/png', 'iVBORw0KGgo=', 'a.png'), { caption: 'A picture' });
        await client.revokeStatusMessage(posted.id._serialized);
    }
});
