'use strict';
// WhatsApp Business in the simulated WhatsApp Web page: the `BusinessProfile` collection of
// WAWebCollections (find(wid) fetches a business contact's profile from the server; the contact
// model's `businessProfile` is its profile once fetched), WAWebBizGatingUtils.smbNotesV1Enabled()
// and WAWebNoteAction's noteAddAction / retrieveOnlyNoteForChatJid (customer notes of a business
// account), as whatsapp-web.js main 2dc9466 uses them (Injected/Utils.js:1021-1023, 1063-1090;
// Client.js:3333-3398), orders (WAWebBizOrderBridge.queryOrder) and products
// (WAWebBizProductCatalogBridge.queryProduct; Utils.js:1246-1264), and the fields of `order` and
// `payment` messages. The server side is ../account-business.js. Served after account-labels.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, ContactModel, createWid, ask } = sim.account;
    const { Conn } = modules.WAWebConnModel;

    class BusinessProfileModel extends AccountModel {}
    class BusinessProfileCollection extends Collection {
        // The profile as the server has it (fetched again each time, as a profile can change).
        // A contact the server has no profile for gets a model with its id only (no
        // profileOptions, which whatsapp-web.js checks for).
        async find(id) {
            const wid = createWid(id);
            if (!wid.isUser()) throw new TypeError(`BusinessProfile.find: not a user wid: ${wid._serialized}`);
            const answer = await ask({ type: 'business_profile', id: wid._serialized });
            const attrs = answer.ok ? { id: wid, ...answer.profile } : { id: wid };
            const old = this.get(wid);
            if (old) this.remove(old);
            return this.add(new BusinessProfileModel(attrs))[0];
        }
    }
    const BusinessProfile = sim.setCollection('BusinessProfile', new BusinessProfileCollection(BusinessProfileModel));

    // contact.businessProfile: what whatsapp-web.js set on it, else the fetched profile.
    const own = new WeakMap();
    Object.defineProperty(ContactModel.prototype, 'businessProfile', {
        configurable: true,
        get() {
            return own.has(this) ? own.get(this) : BusinessProfile.get(this.id);
        },
        set(value) {
            own.set(this, value);
        },
    });

    // Customer notes: only a WhatsApp Business account has them.
    modules.WAWebBizGatingUtils = {
        smbNotesV1Enabled: () => Conn.platform === 'smba' || Conn.platform === 'smbi',
    };

    class NoteModel extends AccountModel {}
    const userJid = (jid) => {
        if (typeof jid !== 'string' || !/^\d+@s\.whatsapp\.net$/.test(jid)) throw new TypeError(`not a user jid: ${String(jid)}`);
        return jid;
    };
    modules.WAWebNoteAction = {
        // Adds the chat's note, or replaces its text. Resolves undefined.
        async noteAddAction(type, chatJid, content) {
            if (type !== 'unstructured') throw new TypeError(`noteAddAction: unknown note type ${String(type)}`);
            if (typeof content !== 'string') throw new TypeError('noteAddAction: the note must be a string');
            const answer = await ask({ type: 'note_add', noteType: type, chatJid: userJid(chatJid), content });
            if (!answer.ok) throw new Error(`noteAddAction: ${answer.error}`);
        },
        // The chat's note, or null.
        async retrieveOnlyNoteForChatJid(chatJid) {
            const answer = await ask({ type: 'note_get', chatJid: userJid(chatJid) });
            if (!answer.ok) throw new Error(`retrieveOnlyNoteForChatJid: ${answer.error}`);
            return answer.note ? new NoteModel(answer.note) : null;
        },
    };

    // An order message's own fields (Message.js:246-251 reads orderId and token).
    sim.account.orderAttrsFromWire = (w) => ({
        orderId: w.order.orderId,
        token: w.order.token,
        itemCount: w.order.itemCount,
        orderTitle: w.order.orderTitle,
        sellerJid: createWid(w.order.sellerJid),
        totalAmount1000: w.order.totalAmount1000,
        totalCurrencyCode: w.order.totalCurrencyCode,
    });

    // A payment message's fields, as structures/Payment.js reads them from serialize().
    sim.account.paymentAttrsFromWire = (w) => ({
        paymentCurrency: w.payment.currency,
        paymentAmount1000: w.payment.amount1000,
        paymentMessageReceiverJid: createWid(w.payment.receiver),
        paymentTransactionTimestamp: w.payment.t,
        paymentStatus: w.payment.status,
        paymentTxnStatus: w.payment.txnStatus,
        paymentNoteMsg: w.payment.note === null ? undefined : { body: w.payment.note },
    });

    // Orders and products come from the server (Injected/Utils.js:1246-1264). An order the
    // account cannot read (not its, or a wrong token) rejects.
    modules.WAWebBizOrderBridge = {
        async queryOrder(chatWid, orderId, imageWidth, imageHeight, token) {
            const chat = createWid(chatWid);
            if (typeof orderId !== 'string' || typeof token !== 'string') throw new TypeError('queryOrder: orderId and token must be strings');
            const answer = await ask({ type: 'order_query', chat: chat._serialized, orderId, token, imageWidth, imageHeight });
            if (!answer.ok) throw new Error(`queryOrder: ${answer.error}`);
            return answer.order;
        },
    };
    modules.WAWebBizProductCatalogBridge = {
        // { data: { id, retailer_id, name, description } }, or null for a product the catalog lacks.
        async queryProduct(sellerWid, productId) {
            const seller = createWid(sellerWid);
            const answer = await ask({ type: 'product_query', seller: seller._serialized, productId: String(productId) });
            return answer.product ? { data: answer.product } : null;
        },
    };
})();
