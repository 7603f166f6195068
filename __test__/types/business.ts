// A whatsapp-web.js bot using WhatsApp Business: a business contact's profile and customer notes.
// Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { BusinessContact, Chat, Client, Contact, Message, NoAuth, Order, Payment, Product, ProductMetadata } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('message', async (msg: Message) => {
    const contact: Contact = await msg.getContact();
    if (contact.isBusiness) {
        const shop = contact as BusinessContact;
        const p = shop.businessProfile;
        const hours: string = p.businessHours.timezone + p.businessHours.config.mon.mode;
        console.log(p.id._serialized, p.description, p.email, p.website.join(','), p.categories[0].localized_display_name, p.profileOptions.cartEnabled, p.latitude + p.longitude, hours, p.address);
    }
    if (msg.body.startsWith('!note ')) {
        await client.addOrEditCustomerNote(msg.from, msg.body.slice(6));
        const note = await client.getCustomerNote(msg.from);
        const chat: Chat = await msg.getChat();
        await chat.addOrEditCustomerNote(`${note.content} (seen)`);
        const again = await chat.getCustomerNote();
        const when: number = again.createdAt + again.modifiedAt;
        console.log(again.chatId, again.id, again.type, when);
    }
    if (msg.type === 'order') {
        const order: Order = await msg.getOrder();
        const first: Product = order.products[0];
        const data: ProductMetadata = await first.getData();
        console.log(order.total, order.subtotal, order.currency, order.createdAt, first.name, first.price, first.quantity, first.currency, first.thumbnailUrl, data.name, data.description, data.retailer_id);
    }
    if (msg.type === 'payment') {
        const payment: Payment = await msg.getPayment();
        const amount: number = payment.paymentAmount1000 / 1000;
        console.log(payment.id, payment.paymentCurrency, amount, payment.paymentMessageReceiverJid, payment.paymentStatus, payment.paymentTxnStatus, payment.paymentTransactionTimestamp, payment.paymentNote);
    }
});
