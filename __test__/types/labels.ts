// A whatsapp-web.js bot using WhatsApp Business labels (example.js's !updatelabels, !addlabels,
// !removelabels). Type-checked, never run, like program.ts: __test__/types.test.js compiles it
// against whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { Chat, Client, Label, Message, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    const chat: Chat = await msg.getChat();
    if (msg.body === '!updatelabels') {
        await chat.changeLabels([0, 1]);
    } else if (msg.body === '!addlabels') {
        const labels: Array<string | number> = (await chat.getLabels()).map((l: Label) => l.id);
        labels.push('0');
        await chat.changeLabels(labels);
    } else if (msg.body === '!removelabels') {
        await chat.changeLabels([]);
    } else if (msg.body === '!labels') {
        const all: Label[] = await client.getLabels();
        const one: Label = await client.getLabelById(all[0].id);
        const onChat: Label[] = await client.getChatLabels(msg.from);
        const chats: Chat[] = await client.getChatsByLabelId(one.id);
        const again: Chat[] = await one.getChats();
        await client.addOrRemoveLabels([one.id, 2], [msg.from]);
        console.log(one.name, one.hexColor, onChat.length, chats.length + again.length);
    }
});
