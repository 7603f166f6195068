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
    // A record with no number is someone known by LID only (account-lids.js).
    function upsertContact(record) {
        if (record.lid && record.number) sim.account.learnLid(record.number, record.lid);
        const wid = createWid(record.number ? `${record.number}@c.us` : `${record.lid}@lid`);
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
        // The LID twin of an address-book contact carries the same names.
        const twin = record.number && record.lid && Contact.get(`${record.lid}@lid`);
        if (twin) twin.set({ name: attrs.name, pushname: attrs.pushname, shortName: attrs.shortName, isAddressBookContact: attrs.isAddressBookContact });
    }

    // ---- messages from the server ------------------------------------------------------------

    // A group as the server describes it: its chat, with the metadata, and its participants' contacts.
    function upsertGroup(g) {
        // A LID group gives each participant's phone number with its LID.
        for (const p of g.participants) if (p.phoneNumber && p.id.endsWith('@lid')) sim.account.learnLid(p.phoneNumber, p.id);
        const chat = ensureChat(g.id);
        const attrs = {
            id: createWid(g.id),
            subject: g.subject,
            desc: g.description || undefined,
            owner: createWid(g.owner),
            creation: g.creation,
            isLidAddressingMode: Boolean(g.isLidAddressingMode),
            participants: new Collection(ParticipantModel),
            // The settings (account-group-admin.js): admins-only messages and info, who adds members.
            announce: Boolean(g.announce),
            restrict: Boolean(g.restrict),
            memberAddMode: g.memberAddMode || 'all_member_add',
            membershipApprovalMode: Boolean(g.membershipApprovalMode),
            descId: g.descId || undefined,
        };
        attrs.participants.add(g.participants.map((p) => ({ id: createWid(p.id), isAdmin: p.isAdmin, isSuperAdmin: p.isSuperAdmin })));
        if (chat.groupMetadata) chat.groupMetadata.set(attrs);
        else {
            chat.groupMetadata = new GroupMetadataModel(attrs);
            // The GroupMetadata collection holds the same model (one per group).
            GroupMetadata.remove(attrs.id);
            GroupMetadata.add(chat.groupMetadata);
        }
        for (const p of g.participants) sim.account.ensureContact(p.id);
        // Its picture and requests to join (account-group-admin.js, served later).
        sim.account.upsertGroupAdmin(chat, g);
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
        // A poll (account-polls.js).
        if (w.poll) Object.assign(attrs, sim.account.pollAttrsFromWire(w));
        // A scheduled event (account-events.js).
        if (w.event) Object.assign(attrs, sim.account.eventAttrsFromWire(w));
        // An order or a payment (account-business.js).
        if (w.order) Object.assign(attrs, sim.account.orderAttrsFromWire(w));
        if (w.payment) Object.assign(attrs, sim.account.paymentAttrsFromWire(w));
        // An edited message the page had already (history): its latest edit.
        if (w.edit) Object.assign(attrs, { latestEditSenderTimestampMs: w.edit.t, latestEditMsgKey: new MsgKey({ fromMe: w.fromMe, remote: w.chat, id: w.edit.editId, participant: w.author || undefined }) });
        // The sender's name on the message (its pushname), and a private group invite's fields.
        if (w.notifyName) attrs.notifyName = w.notifyName;
        if (w.invite) {
            Object.assign(attrs, {
                inviteCode: w.invite.inviteCode,
                inviteCodeExp: w.invite.inviteCodeExp,
                inviteGrp: createWid(w.invite.groupId),
                inviteGrpName: w.invite.groupName,
            });
        }
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
