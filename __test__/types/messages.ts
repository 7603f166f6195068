// A whatsapp-web.js bot after `ready`: events, sending, chats and contacts. Type-checked, never
// run, like program.ts: __test__/types.test.js compiles it against whatsapp-web.js's types and,
// with the import changed, against whatsapp-web-rs's.
import {
    Chat,
    Client,
    Contact,
    Events,
    GroupChat,
    GroupNotification,
    GroupNotificationTypes,
    Message,
    MessageAck,
    MessageMedia,
    Location,
    MessageTypes,
    NoAuth,
    Reaction,
} from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.body == '!ping') await msg.reply('pong');
    if (msg.type === MessageTypes.TEXT && msg.hasQuotedMsg) {
        const quoted: Message = await msg.getQuotedMessage();
        console.log(quoted.id._serialized, quoted.timestamp, quoted.fromMe);
    }
    const chat: Chat = await msg.getChat();
    const contact: Contact = await msg.getContact();
    console.log(chat.name, chat.unreadCount, chat.isGroup, contact.pushname, contact.number, contact.isMyContact);
    console.log(msg.from, msg.to, msg.author, msg.mentionedIds, msg.isForwarded, msg.hasMedia, msg.ack, msg.deviceType);
    await msg.reload();
    await msg.react('👍');
    await msg.forward('15557654321@c.us');
    await msg.forward(await msg.getChat());
    if (msg.hasMedia) {
        const media: MessageMedia = await msg.downloadMedia();
        console.log(media.mimetype, media.data.length, media.filename, media.filesize);
    }
    await msg.delete(true);
    await msg.delete();
});

client.on('message_create', (msg: Message) => {
    if (msg.fromMe) console.log('sent', msg.id._serialized);
});

client.on('message_reaction', async (reaction: Reaction) => {
    console.log(reaction.reaction, reaction.senderId, reaction.msgId._serialized, reaction.timestamp, reaction.id.fromMe);
    await client.sendReaction(reaction.msgId._serialized, '');
});

client.on('message_revoke_everyone', (msg: Message, before?: Message | null) => {
    console.log(msg.type === MessageTypes.REVOKED, before?.body);
});

client.on('group_join', async (notification: GroupNotification) => {
    if (notification.type === GroupNotificationTypes.ADD) await notification.reply('hello all');
    const chat = (await notification.getChat()) as GroupChat;
    console.log(chat.owner._serialized, chat.description, chat.createdAt.getTime(), chat.participants.map((p) => p.id._serialized));
    console.log(notification.chatId, notification.author, notification.recipientIds, (await notification.getRecipients()).length);
});

client.on('group_leave', (notification: GroupNotification) => {
    console.log(notification.type, notification.timestamp);
});

client.on('message_edit', (msg: Message, newBody: String, prevBody: String) => {
    console.log(msg.latestEditSenderTimestampMs, msg.latestEditMsgKey?._serialized, newBody, prevBody);
});

client.on('message_revoke_me', (msg: Message) => console.log('deleted for me', msg.id._serialized));
client.on('message_ciphertext', (msg: Message) => console.log('arrived encrypted', msg.id._serialized));
client.on('message_ciphertext_failed', (msg: Message) => console.log('never decrypted', msg.id._serialized));

client.on('chat_archived', (chat: Chat, currState: boolean, prevState: boolean) => console.log(chat.archived, currState, prevState));

client.on(Events.UNREAD_COUNT, (chat: Chat) => console.log(chat.unreadCount));

client.on('group_update', (notification: GroupNotification) => console.log(notification.type));

client.on('message_ack', (msg: Message, ack: MessageAck) => {
    if (ack === MessageAck.ACK_READ) console.log('read', msg.body);
});

client.on(Events.READY, async () => {
    const sent: Message = await client.sendMessage('15551234567@c.us', 'hello', {
        quotedMessageId: undefined,
        mentions: ['15557654321@c.us'],
        linkPreview: false,
        sendSeen: true,
    });
    console.log(sent.ack === MessageAck.ACK_PENDING);
    const photo = MessageMedia.fromFilePath('/tmp/photo.jpg');
    await client.sendMessage('15551234567@c.us', photo, { caption: 'look', sendMediaAsDocument: false });
    // A bot mention (@Meta AI).
    await client.sendMessage('15551234567@c.us', '@Meta AI what is HKDF?', { invokedBotWid: '13135550002@c.us' });
    await client.sendMessage('15551234567@c.us', 'the caption', { media: await MessageMedia.fromUrl('https://example.com/a.png') });
    await client.sendMessage('15551234567@c.us', new MessageMedia('application/pdf', 'JVBERi0=', 'a.pdf'), { sendMediaAsDocument: true });
    await client.sendMessage('15551234567@c.us', photo, { sendMediaAsSticker: true, stickerName: 'pack', stickerAuthor: 'me', stickerCategories: ['😀'] });
    await client.sendMessage('15551234567@c.us', photo, { sendAudioAsVoice: false, sendVideoAsGif: false, sendMediaAsHd: true, isViewOnce: true });
    const place: Message = await client.sendMessage('15551234567@c.us', new Location(52.37, 4.89, { name: 'Dam', address: 'Amsterdam' }));
    console.log(place.location.latitude, place.location.description);
    const chats: Chat[] = await client.getChats();
    const chat: Chat = await client.getChatById('15551234567@c.us');
    const latest: Message[] = await chat.fetchMessages({ limit: 10, fromMe: false });
    await chat.sendMessage('again');
    await chat.sendSeen();
    await chat.archive();
    await chat.unarchive();
    const pinned: boolean = await chat.pin();
    await chat.unpin();
    const { isMuted, muteExpiration } = await chat.mute(new Date(Date.now() + 60000));
    await chat.unmute();
    await chat.markUnread();
    await chat.sendStateTyping();
    await chat.sendStateRecording();
    await chat.clearState();
    console.log(pinned, isMuted, muteExpiration, await client.archiveChat(chat.id._serialized), await client.pinChat(chat.id._serialized));
    await client.muteChat(chat.id._serialized);
    await client.unmuteChat(chat.id._serialized);
    await client.unarchiveChat(chat.id._serialized);
    await client.unpinChat(chat.id._serialized);
    await client.markChatUnread(chat.id._serialized);
    await client.sendSeen(chat.id._serialized);
    const contacts: Contact[] = await client.getContacts();
    const contact: Contact = await client.getContactById('15551234567@c.us');
    const registered: boolean = await client.isRegisteredUser('15551234567');
    const numberId = await client.getNumberId('15551234567');
    const formatted: string = await client.getFormattedNumber('15551234567');
    const cc: string = await contact.getCountryCode();
    const picture: string = await contact.getProfilePicUrl();
    const about: string | null = await contact.getAbout();
    const blocked: boolean = await contact.block();
    await contact.unblock();
    const blockedContacts: Contact[] = await client.getBlockedContacts();
    const [pair] = await client.getContactLidAndPhone(['15557654321@c.us']);
    const lidOrPhone: string = pair.lid ?? pair.pn;
    console.log(lidOrPhone);
    const mentioned: Contact[] = await sent.getMentions();
    console.log(blocked, blockedContacts.length, mentioned.length, contact.isBlocked);
    const created = await client.createGroup('Team', ['15557654321@c.us'], { messageTimer: 0, isRestrict: true });
    if (typeof created !== 'string') {
        console.log(created.gid._serialized, created.participants['15557654321@c.us'].statusCode);
        const group = (await client.getChatById(created.gid._serialized)) as GroupChat;
        const added = await group.addParticipants(['15551112222@c.us'], { sleep: [250, 500] });
        console.log(typeof added === 'string' ? added : Object.keys(added));
        const { status } = await group.removeParticipants(['15551112222@c.us']);
        const code: string = await group.getInviteCode();
        await group.leave();
        console.log(status, code, await client.acceptInvite(code));
    }
    console.log(picture, about, await client.getProfilePicUrl('15551234567@c.us'));
    const byId: Message = await client.getMessageById(sent.id._serialized);
    console.log(chats.length, latest.length, contacts.length, registered, numberId?._serialized, formatted, cc, byId.body);
});

client.initialize();
