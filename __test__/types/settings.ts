// A whatsapp-web.js bot's page settings and its deprecated Buttons and List.
// Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { Buttons, Client, List, Message, MessageMedia, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('ready', async () => {
    await client.setAutoDownloadAudio(false);
    await client.setAutoDownloadDocuments(true);
    await client.setAutoDownloadPhotos(true);
    await client.setAutoDownloadVideos(false);
    await client.setBackgroundSync(true);
});

client.on('message', async (msg: Message) => {
    const buttons = new Buttons('Button body', [{ body: 'bt1' }, { id: 'b2', body: 'bt2' }], 'title', 'footer');
    const first: string = buttons.buttons[0].buttonId;
    const withMedia = new Buttons(new MessageMedia('image/png', 'AAAA') as any, [{ body: 'x' }]);
    const list = new List('List body', 'btnText', [{ title: 'sectionTitle', rows: [{ title: 'ListItem1', description: 'desc' }] }], 'Title', 'footer');
    const sections: Array<any> = list.sections;
    console.log(first, withMedia.body, sections.length, list.buttonText);
    await client.sendMessage(msg.from, buttons).catch(() => null);
    await client.sendMessage(msg.from, list).catch(() => null);
});

client.initialize();
