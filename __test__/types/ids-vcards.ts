// example.js's !mentionUsers, !mentionGroups, !getGroupMentions, !parseVCard and contact cards,
// typed as a whatsapp-web.js bot writes them. Type-checked, never run, like program.ts:
// __test__/types.test.js compiles it against whatsapp-web.js's types and, with the import
// changed, against whatsapp-web-rs's.
import { Chat, Client, Contact, GroupChat, Message, MessageTypes, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    const chat: Chat = await msg.getChat();
    if (msg.body === '!mentionUsers') {
        const userNumber = 'XXXXXXXXXX';
        await chat.sendMessage(`Hi @${userNumber}, @${userNumber}`, { mentions: [userNumber + '@c.us', userNumber + '@c.us'] });
    } else if (msg.body === '!mentionGroups') {
        const groupId = 'YYYYYYYYYY@g.us';
        await chat.sendMessage(`Check the last message in these groups: @${groupId}`, {
            groupMentions: [
                { subject: 'FirstGroup', id: groupId },
                { subject: 'SecondGroup', id: groupId },
            ],
        });
    } else if (msg.body === '!getGroupMentions') {
        const sent: Message = await client.sendMessage(msg.from, 'Check @ZZZZZZZZZZ@g.us', { groupMentions: [{ subject: 'GroupSubject', id: 'ZZZZZZZZZZ@g.us' }] });
        const groups: GroupChat[] | [] = await sent.getGroupMentions();
        for (const g of sent.groupMentions) console.log(g.groupSubject, g.groupJid);
        console.log(groups.length);
    } else if (msg.body === '!parseVCard') {
        const card: Message = await client.sendMessage(msg.from, 'BEGIN:VCARD\nVERSION:3.0\nFN:John Doe\nEND:VCARD', { parseVCards: true });
        if (card.type === MessageTypes.CONTACT_CARD) console.log(card.vCards[0]);
    } else if (msg.body === '!contacts') {
        const contact: Contact = await msg.getContact();
        await client.sendMessage(msg.from, contact);
        const cards: Message = await chat.sendMessage([contact, contact]);
        if (cards.type === MessageTypes.CONTACT_CARD_MULTI) console.log(cards.vCards.length);
    }
});

client.initialize();
