// A whatsapp-web.js bot's calls, presence, profile and address book, and client.info.
// Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { Call, Client, ClientInfo, ContactId, Events, Message, MessageMedia, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('call', async (call: Call) => {
    const from: string | undefined = call.from;
    const when: number = call.timestamp;
    console.log(call.id, from, when, call.isVideo, call.isGroup, call.fromMe, call.canHandleLocally, call.webClientShouldHandle, call.participants);
    if (!call.fromMe) await call.reject();
});

client.on('contact_changed', (message: Message, oldId: String, newId: String, isContact: Boolean) => {
    console.log(message.type, oldId, newId, isContact);
});

client.on('ready', async () => {
    const info: ClientInfo = client.info;
    const me: ContactId = info.wid;
    console.log(info.pushname, me._serialized, info.me.user, info.platform);
    const battery = await info.getBatteryStatus();
    console.log(battery.battery, battery.plugged);

    const link: string = await client.createCallLink(new Date(), 'video');
    console.log(link);
    await client.sendPresenceAvailable();
    await client.sendPresenceUnavailable();
    await client.setStatus('building things');
    const renamed: boolean = await client.setDisplayName('Builder');
    const media = new MessageMedia('image/png', 'iVBORw0KGgo=', 'me.png');
    const set: boolean = await client.setProfilePicture(media);
    const deleted: boolean = await client.deleteProfilePicture();
    const devices: number = await client.getContactDeviceCount('15551234567@c.us');
    console.log(renamed, set, deleted, devices);
    await client.saveOrEditAddressbookContact('15551234567', 'Ada', 'Lovelace', true);
    await client.saveOrEditAddressbookContact('15551234567', 'Ada', 'Lovelace');
    await client.deleteAddressbookContact('15551234567');
    console.log(Events.CONTACT_CHANGED, Events.INCOMING_CALL);
});
