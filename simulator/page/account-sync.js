'use strict';
// The account's world in the simulated WhatsApp Web page: what the server sends after login
// (history, new messages, acks, revokes, address-book changes, groups) put into the collections of
// account.js the way WhatsApp Web's own sync does, so that clients see the collection events they
// listen to. Served right after account.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { Collection, MsgKey, MsgModel, ContactModel, GroupMetadataModel, ParticipantModel, Msg, Contact, GroupMetadata, createWid, ensureChat } = sim.account;

    // A contact as the server describes it: { number, name, pushname, isBusiness, isMyContact, registered }.
    function upsertContact(record) {
        const wid = createWid(`${record.number}@c.us`);
        const attrs = {
            name: record.name || undefined,
            pushname: record.pushname || undefined,
            shortName: record.name ? record.name.split(/\s+/)[0] : undefined,
            isBusiness: Boolean(record.isBusiness),
            isAddressBookContact: Boolean(record.isMyContact),
            isWAContact: record.registered !== false,
            about: record.about || undefined,
            profilePicPath: record.picture || undefined,
        };
        const contact = Contact.get(wid);
        if (contact) contact.set(attrs);
        else Contact.add(new ContactModel({ id: wid, ...attrs }));
    }

    // ---- messages from the server ------------------------------------------------------------

    // A group as the server describes it: its chat, with the metadata, and its participants' contacts.
    function upsertGroup(g) {
        const chat = ensureChat(g.id);
        const attrs = {
            id: createWid(g.id),
            subject: g.subject,
            desc: g.description || undefined,
            owner: createWid(g.owner),
            creation: g.creation,
            participants: new Collection(ParticipantModel),
        };
        attrs.participants.add(g.participants.map((p) => ({ id: createWid(p.id), isAdmin: p.isAdmin, isSuperAdmin: p.isSuperAdmin })));
        if (chat.groupMetadata) chat.groupMetadata.set(attrs);
        else {
            chat.groupMetadata = new GroupMetadataModel(attrs);
            // The GroupMetadata collection holds the same model (one per group).
            GroupMetadata.remove(attrs.id);
            GroupMetadata.add(chat.groupMetadata);
        }
        for (const p of g.participants) {
            if (!Contact.get(p.id)) Contact.add(new ContactModel({ id: createWid(p.id) }));
        }
    }

    function modelFromWire(w, isNew) {
        const attrs = {
            id: new MsgKey({ fromMe: w.fromMe, remote: w.chat, id: w.id, participant: w.author || undefined }),
            // A notification's author is whoever acted, this account included.
            author: w.author && (!w.fromMe || w.type === 'gp2') ? createWid(w.author) : undefined,
            subtype: w.subtype || undefined,
            recipients: w.recipients ? w.recipients.map(createWid) : undefined,
            isNotification: w.type === 'gp2',
            type: w.type,
            body: w.body,
            t: w.t,
            from: createWid(w.from),
            to: createWid(w.to),
            ack: w.ack,
            isNewMsg: isNew,
            self: w.fromMe ? 'out' : 'in',
            mentionedJidList: (w.mentions || []).map(createWid),
            isForwarded: w.forwardingScore > 0,
            forwardingScore: w.forwardingScore || 0,
        };
        if (w.media) {
            // A media message: the text is its caption; the file is fetched on demand.
            Object.assign(attrs, {
                body: '',
                caption: w.body || undefined,
                directPath: w.media.directPath,
                mimetype: w.media.mimetype,
                filename: w.media.filename || undefined,
                size: w.media.size,
                mediaKey: w.media.mediaKey,
                mediaKeyTimestamp: w.t,
            });
        }
        if (w.location) {
            Object.assign(attrs, {
                lat: w.location.latitude,
                lng: w.location.longitude,
                loc: w.location.description || undefined,
                clientUrl: w.location.url || undefined,
            });
        }
        // An edited message the page had already (history): its latest edit.
        if (w.edit) Object.assign(attrs, { latestEditSenderTimestampMs: w.edit.t, latestEditMsgKey: new MsgKey({ fromMe: w.fromMe, remote: w.chat, id: w.edit.editId, participant: w.author || undefined }) });
        if (w.quoted) {
            attrs.quotedMsg = { type: w.quoted.type, body: w.quoted.body };
            attrs.quotedStanzaID = w.quoted.id;
            attrs.quotedParticipant = createWid(w.quoted.participant);
        }
        return new MsgModel(attrs);
    }

    // One message into the collections: chat and contact first, then the Msg collection, whose
    // `add` is what clients listen to; it sees a message that is complete and findable.
    function receive(w, isNew) {
        const existing = Msg.get(w.key);
        if (existing) {
            if (w.ack > existing.ack) existing.set('ack', w.ack);
        } else {
            const chat = ensureChat(w.chat);
            const msg = modelFromWire(w, isNew);
            chat.msgs.add(msg);
            chat.set({ t: Math.max(chat.t, msg.t), lastReceivedKey: msg.id });
            Msg.add(msg);
            if (isNew && !w.fromMe) chat.set('unreadCount', chat.unreadCount + 1);
        }
        // The server keeps a message for this device until the device has it.
        if (isNew) sim.send({ type: 'msg_receipt', key: w.key });
    }

    sim.onServer('history', (msg) => {
        for (const c of msg.contacts || []) upsertContact(c);
        for (const g of msg.groups || []) upsertGroup(g);
        for (const w of msg.messages || []) receive(w, false);
    });
    sim.onServer('msg', (msg) => {
        if (msg.contact) upsertContact(msg.contact);
        if (msg.group) upsertGroup(msg.group);
        receive(msg.msg, true);
    });
    sim.onServer('ack', (msg) => {
        const m = Msg.get(msg.key);
        if (m && msg.ack > m.ack) m.set('ack', msg.ack);
    });
    // A message deleted for everyone: WhatsApp Web turns the model into a `revoked` one in place.
    function markRevoked(msg) {
        if (msg.type !== 'revoked') msg.set({ type: 'revoked', subtype: 'sender_revoke', body: '' });
    }
    sim.onServer('revoke', (msg) => {
        const m = Msg.get(msg.key);
        if (m) markRevoked(m);
    });
    sim.onServer('contacts', (msg) => {
        for (const c of msg.contacts || []) upsertContact(c);
    });

    Object.assign(sim.account, { markRevoked, upsertContact, upsertGroup });
})();
