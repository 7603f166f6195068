'use strict';
// WhatsApp Business in the account world (methods of AccountWorld, see account.js): the business
// profiles of business contacts and the customer notes of a business account. The page side is
// page/account-business.js.
//
// Facts modelled (whatsapp-web.js main 2dc9466):
// - A business contact's profile is the server's (WAWebCollections.BusinessProfile.find(wid)
//   fetches it; Injected/Utils.js:1063-1072, 1077-1090) and its serialize() is what
//   whatsapp-web.js hands over as `businessProfile` (Utils.js:1021-1023; the fields of
//   index.d.ts BusinessContact: id, tag, description, categories, profileOptions, email, website,
//   latitude, longitude, businessHours, address). whatsapp-web.js keeps a profile only when it has
//   `profileOptions` (Utils.js:1070); the simulator's profiles always have them.
// - Customer notes (Client.js:3333-3398, https://faq.whatsapp.com/1433099287594476) are a
//   WhatsApp Business feature: WAWebBizGatingUtils.smbNotesV1Enabled() is false on a personal
//   account. A chat has one note (retrieveOnlyNoteForChatJid); noteAddAction('unstructured',
//   <user jid>, text) adds it or replaces its text. The notes are the account's, kept by the
//   server for its devices. The note's id, and createdAt/modifiedAt in seconds, are the
//   simulator's choices (the real values are the server's).
// - A business account has a catalog of products (POST /_sim/catalog). A customer orders from it:
//   the `order` message (Message.js:246-251: its orderId and token) reaches the business, which
//   reads the order with WAWebBizOrderBridge.queryOrder(chat, orderId, 80, 80, token)
//   (Injected/Utils.js:1246-1251) and a product's details with
//   WAWebBizProductCatalogBridge.queryProduct(<its own wid>, productId) (Utils.js:1253-1264), both
//   from the server. The order's shape is whatsapp-web.js's Order/Product (structures/Order.js,
//   Product.js, index.d.ts: prices as strings of thousandths, createdAt in seconds, sellerJid).
// - A `payment` message (WhatsApp Pay) carries its fields on the message (structures/Payment.js;
//   Message.js:812-828 reads them from the message's serialize()): paymentCurrency,
//   paymentAmount1000, paymentMessageReceiverJid, paymentTransactionTimestamp, paymentStatus,
//   paymentTxnStatus, paymentNoteMsg { body }. Personal accounts have them too.

const crypto = require('node:crypto');
const { httpError, parseNumber, MAX_BODY } = require('./account-util');

const MAX_PROFILE_TEXT = 1000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function text(value, name, max = MAX_PROFILE_TEXT) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.length > max) throw httpError(400, `businessProfile.${name} must be a string of at most ${max} characters`);
    return value;
}

function number(value, name, min, max) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw httpError(400, `businessProfile.${name} must be a number from ${min} to ${max}`);
    return value;
}

module.exports = {
    // contacts[].businessProfile of POST /_sim/contacts (only with isBusiness: true): the profile
    // as the server keeps it, without its id (the contact's wid).
    _parseBusinessProfile(spec, isBusiness) {
        if (spec === undefined || spec === null) return null;
        if (!isBusiness) throw httpError(400, 'contacts[].businessProfile needs isBusiness: true');
        if (typeof spec !== 'object' || Array.isArray(spec)) throw httpError(400, 'contacts[].businessProfile must be {"description"?, "email"?, "website"?: [..], "categories"?: [{"id", "name"}], "address"?, "latitude"?, "longitude"?, "tag"?, "businessHours"?: {"timezone", "config": {"mon": {"mode", "hours"?}}}, "commerceExperience"?, "cartEnabled"?}');
        const website = spec.website === undefined ? [] : spec.website;
        if (!Array.isArray(website) || website.length > 2 || !website.every((w) => typeof w === 'string' && w.length <= 500)) throw httpError(400, 'businessProfile.website must be a list of at most 2 addresses');
        const categories = spec.categories === undefined ? [] : spec.categories;
        if (!Array.isArray(categories) || categories.length > 3 || !categories.every((c) => c && typeof c.id === 'string' && typeof c.name === 'string')) throw httpError(400, 'businessProfile.categories must be at most 3 of {"id", "name"}');
        let businessHours;
        if (spec.businessHours !== undefined && spec.businessHours !== null) {
            const h = spec.businessHours;
            if (!h || typeof h.timezone !== 'string' || !h.config || typeof h.config !== 'object') throw httpError(400, 'businessProfile.businessHours must be {"timezone", "config": {<day>: {"mode", "hours"?}}}');
            const config = {};
            for (const [day, v] of Object.entries(h.config)) {
                if (!DAYS.includes(day) || !v || !['open_24h', 'appointment_only', 'specific_hours'].includes(v.mode)) throw httpError(400, `businessProfile.businessHours.config: days are ${DAYS.join(', ')}, each {"mode": "open_24h"|"appointment_only"|"specific_hours", "hours"?: [open, close minutes]}`);
                const hours = v.hours === undefined ? [] : v.hours;
                if (!Array.isArray(hours) || hours.length > 4 || !hours.every((m) => Number.isInteger(m) && m >= 0 && m <= 1440)) throw httpError(400, 'businessProfile.businessHours hours are minutes of the day, 0..1440');
                config[day] = { mode: v.mode, hours };
            }
            businessHours = { config, timezone: h.timezone };
        }
        const commerceExperience = spec.commerceExperience === undefined ? 'none' : spec.commerceExperience;
        if (!['none', 'catalog', 'shop'].includes(commerceExperience)) throw httpError(400, 'businessProfile.commerceExperience must be "none", "catalog" or "shop"');
        if (spec.cartEnabled !== undefined && typeof spec.cartEnabled !== 'boolean') throw httpError(400, 'businessProfile.cartEnabled must be true or false');
        return {
            tag: text(spec.tag, 'tag', 100) ?? '',
            description: text(spec.description, 'description') ?? '',
            categories: categories.map((c) => ({ id: c.id, localized_display_name: c.name })),
            profileOptions: { commerceExperience, cartEnabled: spec.cartEnabled !== false },
            email: text(spec.email, 'email', 200) ?? null,
            website,
            latitude: number(spec.latitude, 'latitude', -90, 90) ?? null,
            longitude: number(spec.longitude, 'longitude', -180, 180) ?? null,
            address: text(spec.address, 'address', 500) ?? null,
            ...(businessHours ? { businessHours } : {}),
        };
    },

    // The page asks for a contact's business profile: { type: 'business_profile', id: '<digits>@c.us' }.
    _onBusinessProfile(sock, msg) {
        const number = typeof msg.id === 'string' && /^\d+@c\.us$/.test(msg.id) ? msg.id.split('@')[0] : null;
        const c = number ? this.contacts.get(number) : null;
        this.sim._log('business-profile-fetched', { socketId: sock.id, id: String(msg.id) });
        this._answer(sock, msg, c && c.isBusiness && c.businessProfile ? { ok: true, profile: c.businessProfile } : { ok: false, error: 'not-found' });
        return true;
    },

    // The account's customer notes: Map '<user>@s.whatsapp.net' -> { id, chatJid, content, type, createdAt, modifiedAt }.
    _notesOf(account) {
        if (!this.noteStore) this.noteStore = new Map();
        if (!this.noteStore.has(account)) this.noteStore.set(account, new Map());
        return this.noteStore.get(account);
    },

    async _businessControl(route, url, readJson, reply) {
        if (route === 'GET /_sim/notes') return reply(200, this.notesInfo(url.searchParams.get('account')));
        if (route === 'POST /_sim/catalog') return reply(200, this.setCatalog(await readJson()));
        return false;
    },

    // The account's catalog: Map product id -> { id, retailerId, name, description, price1000, currency, thumbnailUrl }.
    _catalogOf(account) {
        if (!this.catalogStore) this.catalogStore = new Map();
        if (!this.catalogStore.has(account)) this.catalogStore.set(account, new Map());
        return this.catalogStore.get(account);
    },

    // POST /_sim/catalog {to?, products: [...]}: the business account's catalog becomes these products.
    setCatalog(spec) {
        const usage = 'body must be {"to"?: "<account digits>", "products": [{"id": "<digits>", "retailerId"?, "name", "description"?, "price1000": <whole number>, "currency": "USD", "thumbnailUrl"?}]}';
        if (!spec || typeof spec !== 'object' || !Array.isArray(spec.products) || spec.products.length > 100) throw httpError(400, usage);
        const account = this._account(spec.to === undefined || spec.to === null ? null : parseNumber(spec.to, 'to'));
        if (!this._labelsOf(account).business) throw httpError(409, `${account} is not a WhatsApp Business account: only those have a catalog`);
        const products = spec.products.map((p) => {
            if (!p || typeof p.id !== 'string' || !/^\d{1,20}$/.test(p.id)) throw httpError(400, 'each product needs an id of digits');
            if (typeof p.name !== 'string' || !p.name || p.name.length > 200) throw httpError(400, 'each product needs a name of 1..200 characters');
            if (!Number.isSafeInteger(p.price1000) || p.price1000 < 0) throw httpError(400, 'price1000 must be a whole number ≥ 0 (thousandths: 1.50 is 1500)');
            if (typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency)) throw httpError(400, 'currency must be an ISO 4217 code like "USD"');
            return {
                id: p.id,
                retailerId: text(p.retailerId, 'retailerId', 100) ?? null,
                name: p.name,
                description: text(p.description, 'description') ?? '',
                price1000: p.price1000,
                currency: p.currency,
                thumbnailUrl: text(p.thumbnailUrl, 'thumbnailUrl', 500) ?? null,
            };
        });
        if (new Set(products.map((p) => p.id)).size !== products.length) throw httpError(400, 'product ids must differ');
        const catalog = this._catalogOf(account);
        catalog.clear();
        for (const p of products) catalog.set(p.id, p);
        return { account, products };
    },

    // For peerSend (account.js): the order or payment a contact sends, from the control body's
    // `order` {products: [{id, quantity}]} (from the account's catalog) or `payment`
    // {currency, amount1000, note?, status?}; nulls when there is neither.
    _peerOrderOrPayment(spec, account, peer, fromMe) {
        if (spec.order == null && spec.payment == null) return { order: null, payment: null };
        if (spec.order != null && spec.payment != null) throw httpError(400, 'a message is an order or a payment, not both');
        if (fromMe) throw httpError(400, 'an order or a payment here comes from a contact, not the account\'s phone');
        if (spec.lidChat || spec.event != null || spec.location != null || spec.media != null) throw httpError(400, 'an order or a payment goes alone (no lidChat, event, location or media)');
        if (spec.payment != null) {
            const p = spec.payment;
            if (!p || typeof p !== 'object' || typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency) || !Number.isSafeInteger(p.amount1000) || p.amount1000 <= 0) throw httpError(400, 'payment must be {"currency": "BRL", "amount1000": <whole number > 0>, "note"?, "status"?: 0..11}');
            const status = p.status === undefined ? 4 : p.status;
            if (!Number.isInteger(status) || status < 0 || status > 11) throw httpError(400, 'payment.status must be 0..11 (4: complete)');
            const note = p.note === undefined || p.note === null ? null : p.note;
            if (note !== null && (typeof note !== 'string' || note.length > 1000)) throw httpError(400, 'payment.note must be a string of at most 1000 characters');
            return {
                order: null,
                payment: { currency: p.currency, amount1000: p.amount1000, receiver: `${account}@c.us`, status, txnStatus: status, note, t: Math.floor(Date.now() / 1000) },
            };
        }
        const o = spec.order;
        const catalog = this._catalogOf(account);
        if (!this._labelsOf(account).business) throw httpError(409, `${account} is not a WhatsApp Business account: only those take orders`);
        if (!o || !Array.isArray(o.products) || !o.products.length || o.products.length > 100) throw httpError(400, 'order must be {"products": [{"id": "<a product of the account\'s catalog>", "quantity": 1..1000}]}');
        const items = o.products.map((item) => {
            const product = item && typeof item.id === 'string' ? catalog.get(item.id) : null;
            if (!product) throw httpError(404, `the catalog of ${account} has no product ${JSON.stringify(item && item.id)}`);
            const quantity = item.quantity === undefined ? 1 : item.quantity;
            if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000) throw httpError(400, 'order.products[].quantity must be 1..1000');
            return { product, quantity };
        });
        const currency = items[0].product.currency;
        if (!items.every((i) => i.product.currency === currency)) throw httpError(400, 'an order is in one currency');
        const total = items.reduce((sum, i) => sum + i.product.price1000 * i.quantity, 0);
        return {
            payment: null,
            order: {
                orderId: String(crypto.randomInt(1e14, 2 ** 48 - 1)),
                token: crypto.randomBytes(24).toString('base64'),
                seller: account,
                buyer: peer,
                items,
                currency,
                total1000: total,
                createdAt: Math.floor(Date.now() / 1000),
            },
        };
    },

    // An order as it travels with its message: what the message itself carries.
    _orderWire(m) {
        const o = m.order;
        if (!o) return null;
        return {
            orderId: o.orderId,
            token: o.token,
            itemCount: o.items.reduce((n, i) => n + i.quantity, 0),
            orderTitle: o.items[0].product.name,
            sellerJid: `${o.seller}@c.us`,
            totalAmount1000: o.total1000,
            totalCurrencyCode: o.currency,
        };
    },

    // The page asks for an order: { type: 'order_query', chat, orderId, token }. Only the seller's
    // devices get it, and only with the order's token.
    _onOrderQuery(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const m = [...this.messages.values()].find((x) => x.order && x.order.orderId === msg.orderId && x.chat === msg.chat);
        this.sim._log('order-queried', { socketId: sock.id, orderId: String(msg.orderId), chat: String(msg.chat) });
        if (!m || m.order.seller !== account || m.order.token !== msg.token) {
            this._answer(sock, msg, { ok: false, error: 'item-not-found' });
            return true;
        }
        const o = m.order;
        this._answer(sock, msg, {
            ok: true,
            order: {
                products: o.items.map(({ product, quantity }) => ({ id: product.id, price: String(product.price1000), thumbnailUrl: product.thumbnailUrl, currency: product.currency, name: product.name, quantity })),
                subtotal: String(o.total1000),
                total: String(o.total1000),
                currency: o.currency,
                createdAt: o.createdAt,
                sellerJid: `${o.seller}@s.whatsapp.net`,
            },
        });
        return true;
    },

    // The page asks for a product of a catalog: { type: 'product_query', seller: '<digits>@c.us', productId }.
    _onProductQuery(sock, msg) {
        const seller = typeof msg.seller === 'string' && /^\d+@c\.us$/.test(msg.seller) ? msg.seller.split('@')[0] : null;
        const product = seller ? this._catalogOf(seller).get(String(msg.productId)) : null;
        this.sim._log('product-queried', { socketId: sock.id, seller: String(msg.seller), productId: String(msg.productId) });
        this._answer(sock, msg, product ? { ok: true, product: { id: product.id, retailer_id: product.retailerId, name: product.name, description: product.description } } : { ok: true, product: null });
        return true;
    },

    // GET /_sim/notes[?account=<digits>]: the account's customer notes as the server keeps them.
    notesInfo(accountIn) {
        const account = this._account(accountIn === null || accountIn === undefined || accountIn === '' ? null : parseNumber(accountIn, 'account'));
        return { account, business: this._labelsOf(account).business, notes: [...this._notesOf(account).values()].map((n) => ({ ...n })) };
    },

    // The page's customer-note requests: { type: 'note_add', noteType, chatJid, content } and
    // { type: 'note_get', chatJid }. Refused unless the account is a business one and the chat a
    // person's user jid; a refused add changes nothing.
    _onNote(sock, msg) {
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        const refuse = (error) => {
            this._answer(sock, msg, { ok: false, error });
            return true;
        };
        if (!account || !this._labelsOf(account).business) return refuse('not-business');
        const chatJid = typeof msg.chatJid === 'string' && /^\d{5,20}@s\.whatsapp\.net$/.test(msg.chatJid) ? msg.chatJid : null;
        if (!chatJid) return refuse('bad-jid');
        const notes = this._notesOf(account);
        if (msg.type === 'note_get') {
            const note = notes.get(chatJid);
            this._answer(sock, msg, { ok: true, note: note ? { ...note } : null });
            return true;
        }
        if (msg.noteType !== 'unstructured') return refuse('bad-type');
        if (typeof msg.content !== 'string' || msg.content.length > MAX_BODY) return refuse('bad-content');
        const now = Math.floor(Date.now() / 1000);
        const old = notes.get(chatJid);
        const note = old ? { ...old, content: msg.content, modifiedAt: now } : { id: crypto.randomBytes(8).toString('hex').toUpperCase(), chatJid, content: msg.content, type: 'unstructured', createdAt: now, modifiedAt: now };
        notes.set(chatJid, note);
        this.sim._log('note-saved', { socketId: sock.id, chatJid, content: msg.content });
        this._answer(sock, msg, { ok: true, note: { ...note } });
        return true;
    },
};
