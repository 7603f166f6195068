'use strict';
// The account's own profile in the simulated WhatsApp Web page, and its address book: presence
// (WAWebPresenceChatAction), the "about" text (WAWebContactStatusBridge.setMyStatus), the display
// name (Conn.canSetMyPushname, WAWebSetPushnameConnAction), the profile picture
// (WAWebCollections.ProfilePicThumb, WAWebContactProfilePicThumbBridge.sendSetPicture and
// requestDeletePicture), device lists (WAWebApiDeviceList) and saving or deleting address-book
// contacts (WAWebSaveContactAction, WAWebDeleteContactAction), as whatsapp-web.js main 2dc9466
// calls them (src/Client.js:1945-2002, 2892-2914, 3150-3166, 3261-3302; Injected/Utils.js:1333-1382).
// The server side is ../account-profile.js. Served after account-calls.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, Contact, createWid, meWid, ask, ServerStatusCodeError } = sim.account;
    const { Conn } = modules.WAWebConnModel;

    // A server refusal with a status, as the real bridges throw them (caught by name by
    // whatsapp-web.js, Injected/Utils.js:1360, 1378).
    const refusedWith = (answer) => {
        if (!answer.ok) throw new ServerStatusCodeError(answer.status || 400);
        return answer;
    };
    const isMe = (wid) => Boolean(meWid() && meWid().equals(wid));

    // ---- presence ------------------------------------------------------------------------------

    // Both return nothing (wa-js src/whatsapp/misc/ChatPresence.ts); the server is told.
    modules.WAWebPresenceChatAction = {
        sendPresenceAvailable() {
            sim.send({ type: 'presence', available: true, rid: 0 });
        },
        sendPresenceUnavailable() {
            sim.send({ type: 'presence', available: false, rid: 0 });
        },
    };

    // ---- about text and display name -----------------------------------------------------------

    // (status) -> { status: 200 } (wa-js src/whatsapp/functions/status.ts). What the real one
    // does with a non-string is not known: a TypeError here.
    modules.WAWebContactStatusBridge.setMyStatus = async (status) => {
        if (typeof status !== 'string') throw new TypeError(`setMyStatus: the status must be a string, not ${status === null ? 'null' : typeof status}`);
        return { status: refusedWith(await ask({ type: 'set_status', status })).status };
    };
    // Whether this account may change its pushname; WhatsApp Web's own condition is not known.
    Conn.canSetMyPushname = () => Boolean(meWid());
    modules.WAWebSetPushnameConnAction = {
        async setPushname(name) {
            if (typeof name !== 'string') throw new TypeError(`setPushname: the name must be a string, not ${name === null ? 'null' : typeof name}`);
            refusedWith(await ask({ type: 'set_pushname', name }));
            Conn.set('pushname', name);
        },
    };

    // ---- profile pictures ------------------------------------------------------------------------

    // One model per user or group whose picture the page knows (wa-js
    // src/whatsapp/models/ProfilePicThumbModel.ts): `eurl`, `tag`, derived `img`/`imgFull`;
    // canSet() and canDelete(): the account's own picture, or a group's as its settings allow
    // (account-group-admin.js).
    class ProfilePicThumbModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, eurl: undefined, tag: undefined, ...attrs });
        }
        get img() {
            return this.eurl;
        }
        get imgFull() {
            return this.eurl;
        }
        canSet() {
            return this.id.isGroup() ? sim.account.groupPictures.canSet(this.id) : isMe(this.id);
        }
        canDelete() {
            return this.canSet() && Boolean(this.eurl);
        }
    }
    const media = (path) => (path ? `${location.origin}/_media${path}` : undefined);
    const ProfilePicThumb = sim.setCollection(
        'ProfilePicThumb',
        new Collection(ProfilePicThumbModel, (id) => {
            const wid = createWid(id);
            const contact = Contact.get(wid);
            const path = contact && contact.profilePicPath;
            return ProfilePicThumb.add(new ProfilePicThumbModel({ id: wid, eurl: media(path), tag: path ? path.split('/').pop() : undefined }))[0];
        }),
    );
    const picArg = (value, what) => {
        if (typeof value !== 'string' || !value) throw new TypeError(`sendSetPicture: the ${what} must be base64 (or a data URL of it)`);
        return value;
    };
    // What the server says of a picture: { directPath, tag }, or null for none.
    sim.account.setPictureThumb = (id, picture) => {
        const thumb = ProfilePicThumb.get(id) || ProfilePicThumb.add(new ProfilePicThumbModel({ id }))[0];
        thumb.set({ eurl: picture ? media(picture.directPath) : undefined, tag: picture ? picture.tag : undefined });
    };
    Object.assign(modules.WAWebContactProfilePicThumbBridge, {
        // (wid, preview, picture) -> { eurl, status, tag, token } (wa-js
        // src/whatsapp/functions/profilePic.ts); a refusal is a ServerStatusCodeError.
        // A group's picture: account-group-admin.js.
        async sendSetPicture(wid, preview, picture) {
            const w = createWid(wid);
            if (w.isGroup()) return sim.account.groupPictures.set(w, preview, picture);
            const answer = refusedWith(await ask({ type: 'set_picture', wid: w._serialized, preview: picArg(preview, 'preview'), picture: picArg(picture, 'picture') }));
            return { eurl: media(answer.eurl.replace(/^\/_media/, '')), status: answer.status, tag: answer.tag, token: answer.token, _duplicate: false };
        },
        // (wid) -> { status }.
        async requestDeletePicture(wid) {
            if (createWid(wid).isGroup()) return sim.account.groupPictures.remove(createWid(wid));
            const answer = refusedWith(await ask({ type: 'delete_picture', wid: createWid(wid)._serialized }));
            return { status: answer.status };
        },
    });

    // The profile as the server has it (at connect and after every change, from any device).
    sim.onServer('profile', (msg) => {
        const me = meWid();
        if (!me) return;
        if (msg.pushname != null && Conn.pushname !== msg.pushname) Conn.set('pushname', msg.pushname);
        const contact = Contact.get(me);
        if (contact) contact.set('about', msg.about || undefined);
        sim.account.setPictureThumb(me, msg.picture);
    });

    // A contact changed its number: the notification (a `notification_template` of subtype
    // `change_number`, just added to Msg) gets its template parameters, the old and the new id. On
    // the real page a `change` of the model follows its arrival (whatsapp-web.js listens for
    // nothing else, main Client.js:1032-1034, and PR 2027 reports the event from the real page);
    // which attribute changes there is not known: here it is `templateParams`. They are id strings
    // (PR 2027's example compares them with Message.to, a string).
    sim.onServer('number_changed', (msg) => {
        const note = sim.account.Msg.get(msg.key);
        if (note) note.set('templateParams', msg.templateParams.slice());
    });

    // ---- devices and the address book -------------------------------------------------------

    const userWid = (value, what) => {
        const wid = createWid(value);
        if (!wid.isUser()) throw new TypeError(`${what}: not a user wid: ${wid}`);
        return wid;
    };
    modules.WAWebApiDeviceList = {
        // ([user wid]) -> [{ id, devices: [{ id }] }]: the phone is device 0.
        async getDeviceIds(wids) {
            if (!Array.isArray(wids)) throw new TypeError('getDeviceIds: takes an array of user wids');
            const users = wids.map((w) => userWid(w, 'getDeviceIds'));
            const answer = await ask({ type: 'device_list', users: users.map((w) => w._serialized) });
            if (!answer.ok) throw new Error(`getDeviceIds: ${answer.error}`);
            return answer.lists.map((l, i) => ({ id: users[i], devices: l.devices.map((id) => ({ id })) }));
        },
    };
    // The object form (wa-js src/whatsapp/functions/saveContactAction.ts, WhatsApp Web 2.3000.1030209354
    // and later): { phoneNumber, prevPhoneNumber, lid, username, firstName, lastName, syncToAddressbook }.
    modules.WAWebSaveContactAction = {
        async saveContactAction(params) {
            if (!params || typeof params !== 'object') throw new TypeError('saveContactAction: takes { phoneNumber, firstName, lastName, ... }');
            const { phoneNumber, firstName, lastName, syncToAddressbook } = params;
            if (typeof phoneNumber !== 'string' || typeof firstName !== 'string') throw new TypeError('saveContactAction: phoneNumber and firstName must be strings');
            const answer = await ask({ type: 'save_contact', phoneNumber, firstName, lastName: typeof lastName === 'string' ? lastName : '', syncToAddressbook: syncToAddressbook === true });
            refusedWith(answer);
        },
    };
    // ({ phoneNumber: wid }) (whatsapp-web.js main Client.js:3292-3302; wa-js deleteContactAction.ts).
    modules.WAWebDeleteContactAction = {
        async deleteContactAction(params) {
            const wid = userWid(params && params.phoneNumber, 'deleteContactAction');
            const answer = await ask({ type: 'delete_contact', phoneNumber: wid._serialized });
            refusedWith(answer);
        },
    };
})();
