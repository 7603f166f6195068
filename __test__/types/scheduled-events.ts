// A whatsapp-web.js bot using scheduled events: sending one (and replying with one), reading an
// event message's fields, and answering an event. Type-checked, never run,
// like program.ts: __test__/types.test.js compiles it against whatsapp-web.js's types and, with
// the import changed, against whatsapp-web-rs's.
// msg.editScheduledEvent(event) is left out: whatsapp-web.js 1.34.7's types take the DOM's `Event`
// there (index.d.ts:1373-1375), so a ScheduledEvent does not compile against them; ours take a
// ScheduledEvent.
import { Client, Message, NoAuth, ScheduledEvent, ScheduledEventSendOptions } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    if (msg.body === '!event') {
        const options: ScheduledEventSendOptions = { description: 'At the park', endTime: new Date(Date.now() + 7200e3), location: 'Park', callType: 'video', isEventCanceled: false, messageSecret: undefined };
        const event = new ScheduledEvent('Picnic', new Date(Date.now() + 3600e3), options);
        const sent: Message = await client.sendMessage(msg.from, event);
        await msg.reply(new ScheduledEvent('Call', new Date()));
        const start: number = sent.eventStartTime;
        const end: number | undefined = sent.eventEndTime;
        const where: string | undefined = sent.eventLocation?.name;
        const link: string | undefined = sent.eventJoinLink;
        const about: string | undefined = sent.eventDescription;
        console.log(start, end, where, link, about, sent.messageSecret?.length);
        const answered: boolean = await client.sendResponseToScheduledEvent(1, sent.id._serialized);
        console.log(answered);
    }
});

const event = new ScheduledEvent('Lunch', new Date());
console.log(event.name, event.startTimeTs, event.eventSendOptions.endTimeTs, event.eventSendOptions.isEventCanceled);
