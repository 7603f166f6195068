// A whatsapp-web.js bot running a channel (newsletter): creating it, finding others, posting,
// reading, editing, muting, following. Type-checked, never run, like program.ts:
// __test__/types.test.js compiles it against whatsapp-web.js's types and, with the import
// changed, against whatsapp-web-rs's.
import { Channel, Client, Contact, CreateChannelResult, Message, MessageMedia, NoAuth, Poll } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('ready', async () => {
    const created: CreateChannelResult | string = await client.createChannel('News', { description: 'Daily' });
    if (typeof created === 'string') {
        console.log(created);
        return;
    }
    const id: string = created.nid._serialized;
    console.log(created.title, created.inviteLink, created.createdAtTs);
    const channels: Channel[] = await client.getChannels();
    const channel: Channel = channels[0];
    console.log(channel.id._serialized, channel.name, channel.description, channel.isChannel, channel.isGroup, channel.isReadOnly, channel.unreadCount, channel.timestamp, channel.isMuted, channel.muteExpiration, channel.lastMessage?.body);
    const post: Message = await channel.sendMessage('hello', { caption: 'x' });
    const sent: Message = await client.sendMessage(id, 'hi again');
    const posts: Message[] = await channel.fetchMessages({ limit: 10, fromMe: true });
    const ok: boolean[] = [
        await channel.setSubject('News!'),
        await channel.setDescription('Hourly'),
        await channel.setReactionSetting(1),
        await channel.mute(),
        await channel.unmute(),
        await channel.sendSeen(),
    ];
    const subscribers: { contact: Contact; role: string }[] = await channel.getSubscribers(10);
    const found: Channel[] = await client.searchChannels({ searchText: 'weather', countryCodes: ['US'], skipSubscribedNewsletters: true, view: 1, limit: 5 });
    const byCode: Channel = await client.getChannelByInviteCode('0029VaAbCdEfGhIjKlMnOp');
    const followed: boolean = await client.subscribeToChannel(byCode.id._serialized);
    const left: boolean = await client.unsubscribeFromChannel(byCode.id._serialized, { deleteLocalModels: false });
    const admin: boolean[] = [
        await client.acceptChannelAdminInvite(id),
        await channel.acceptChannelAdminInvite(),
        await client.revokeChannelAdminInvite(id, '15551234567@c.us'),
        await channel.revokeChannelAdminInvite('15551234567@c.us'),
        await client.demoteChannelAdmin(id, '15551234567@c.us'),
        await channel.demoteChannelAdmin('15551234567@c.us'),
    ];
    console.log(admin);
    // Inviting an admin, handing the channel over, pictures.
    const picture = new MessageMedia('image/png', 'iVBORw0KGgo=', 'logo.png');
    const more: boolean[] = [
        await client.sendChannelAdminInvite('15551234567@c.us', id, { comment: 'Help me run it' }),
        await channel.sendChannelAdminInvite('15551234567@c.us'),
        await client.transferChannelOwnership(id, '15551234567@c.us', { shouldDismissSelfAsAdmin: true }),
        await channel.transferChannelOwnership('15551234567@c.us'),
        await channel.setProfilePicture(picture),
    ];
    const pictured: CreateChannelResult | string = await client.createChannel('With a logo', { picture });
    console.log(more, pictured);
    // Media and poll posts.
    const posted: Message[] = [
        await channel.sendMessage(picture, { caption: 'Our logo' }),
        await client.sendMessage(id, 'it moves', { media: picture, sendVideoAsGif: true }),
        await client.sendMessage(id, new Poll('Lunch?', ['Pizza', 'Soup'])),
    ];
    console.log(posted.map((m) => m.type));
    const deleted: boolean = (await channel.deleteChannel()) && (await client.deleteChannel(id));
    console.log(post.id, sent.id, posts.length, ok, subscribers.map((s) => s.contact.id._serialized + s.role), found.length, followed, left, deleted);
});
