'use strict';
// Status updates (stories) in the simulated WhatsApp Web page, as whatsapp-web.js main 2dc9466
// uses them: WAWebCollections.Status (one model per poster: id, t, totalCount, unreadCount and the
// status messages; get, find, getModelsArray, getMyStatus; Client.js:2760-2826, Injected/
// Utils.js:1681-1692), WAWebSendStatusMsgAction (sendStatusTextMsgAction({ color, font, text }),
// sendStatusMediaMsgAction(msg, mediaUpdate); Utils.js:537-574), WAWebMediaUpdateMsg (the
// function whatsapp-web.js hands in as mediaUpdate), WAWebStatusGatingUtils
// (canCheckStatusRankingPosterGating) and WAWebRevokeStatusAction.sendStatusRevokeMsgAction
// (Client.js:2796-2826). A contact's new status arrives as a message of status@broadcast (author:
// the contact) in the Msg collection, and in its poster's Status model. The server side is
// ../account-status.js. Served after account-labels.js (last).
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { AccountModel, Collection, MsgKey, MsgModel, Msg, createWid, meWid, ask } = sim.account;
    const STATUS = 'status@broadcast';

    class StatusModel extends AccountModel {
        constructor(attrs) {
            super({ id: undefined, t: 0, totalCount: 0, unreadCount: 0, ...attrs });
            Object.defineProperty(this, 'msgs', { value: new Collection(MsgModel) });
        }
        // Its fields and its messages, as whatsapp-web.js's Broadcast reads them (Broadcast.js:20-47).
        serialize() {
            return { ...this.attributes, msgs: this.msgs.serialize() };
        }
        addMsg(msg) {
            this.msgs.add(msg);
            this.set({ t: Math.max(this.t, msg.t), totalCount: this.msgs.length, unreadCount: this.unreadCount + (msg.id.fromMe ? 0 : 1) });
        }
    }

    class StatusCollection extends Collection {
        // The account's own status; none until it posted one.
        getMyStatus() {
            return this.get(meWid());
        }
        // Statuses are the server's: an unknown poster has none (no model is made up).
        async find(id) {
            return this.get(createWid(id));
        }
        posterOf(wid) {
            return this.get(wid) || this.add(new StatusModel({ id: createWid(wid) }))[0];
        }
    }
    const Status = sim.setCollection('Status', new StatusCollection(StatusModel));

    const isStatusKey = (key) => key instanceof MsgKey && key.fromMe && key.remote.isStatus();
    const fail = (fn, why) => {
        throw new TypeError(`${fn}: ${why}`);
    };

    // A posted status on this device: in the account's Status model and the Msg collection.
    async function post(msg, wire) {
        const answer = await ask({ type: 'send_status', id: msg.id.id, ...wire });
        if (!answer.ok) throw new Error(`status not sent: ${answer.error}`);
        msg.set({ ack: 1, t: answer.t || msg.t });
        Status.posterOf(meWid()).addMsg(msg);
        Msg.add(msg);
    }

    modules.WAWebSendStatusMsgAction = {
        // A text status; the page makes the message itself.
        async sendStatusTextMsgAction(options) {
            const { color, font, text } = options || {};
            if (typeof text !== 'string' || !text.trim()) fail('sendStatusTextMsgAction', 'text must be a non-empty string');
            if (!Number.isInteger(color) || color < 0 || color > 0xffffffff) fail('sendStatusTextMsgAction', 'color must be an ARGB number');
            if (!Number.isInteger(font) || font < 0 || font > 7) fail('sendStatusTextMsgAction', 'font must be 0..7');
            const me = meWid();
            const msg = new MsgModel({
                id: new MsgKey({ from: me, to: createWid(STATUS), id: await MsgKey.newId(), participant: me, selfDir: 'out' }),
                type: 'chat',
                body: text,
                from: me,
                to: createWid(STATUS),
                author: me,
                t: Math.floor(Date.now() / 1000),
                self: 'out',
                local: true,
                isNewMsg: true,
                backgroundColor: color,
                font,
            });
            await post(msg, { kind: 'text', body: text, color, font });
        },
        // A picture, video or audio status: `msg` is a new Msg model of status@broadcast;
        // mediaUpdate(msg) puts the uploaded file's fields on it.
        async sendStatusMediaMsgAction(msg, mediaUpdate) {
            if (!(msg instanceof MsgModel) || !isStatusKey(msg.id)) fail('sendStatusMediaMsgAction', 'the first argument must be a new Msg model of status@broadcast');
            if (typeof mediaUpdate !== 'function') fail('sendStatusMediaMsgAction', 'the second argument must be the media update function');
            await mediaUpdate(msg);
            if (typeof msg.directPath !== 'string' || !['image', 'video', 'audio', 'ptt'].includes(msg.type)) fail('sendStatusMediaMsgAction', 'the message has no uploaded picture, video or audio');
            msg.set({ isNewMsg: true, self: 'out', local: true });
            await post(msg, { kind: 'media', msgType: msg.type, directPath: msg.directPath, caption: typeof msg.caption === 'string' ? msg.caption : undefined });
        },
    };

    // (msg, mediaData): the uploaded file's fields onto the message (mediaData is what
    // processMediaData made, its caption included).
    modules.WAWebMediaUpdateMsg = function updateMsgMedia(msg, mediaData) {
        if (!(msg instanceof MsgModel) || !mediaData) fail('WAWebMediaUpdateMsg', 'takes (a Msg model, the prepared media)');
        const m = typeof mediaData.toJSON === 'function' ? mediaData.toJSON() : mediaData;
        msg.set({
            type: m.type,
            body: '',
            caption: mediaData.caption || undefined,
            mimetype: m.mimetype,
            directPath: m.directPath,
            mediaKey: m.mediaKey,
            filehash: m.filehash,
            size: m.size,
            isGif: Boolean(m.isGif),
            duration: m.duration,
        });
        return msg;
    };

    // Status ranking for posters is off here (its real default is not known).
    modules.WAWebStatusGatingUtils = { canCheckStatusRankingPosterGating: () => false };

    modules.WAWebRevokeStatusAction = {
        async sendStatusRevokeMsgAction(status, msg) {
            if (!(status instanceof StatusModel) || status !== Status.getMyStatus()) fail('sendStatusRevokeMsgAction', "the first argument must be the account's own status");
            if (!(msg instanceof MsgModel) || !isStatusKey(msg.id) || !status.msgs.get(msg.id)) fail('sendStatusRevokeMsgAction', 'the second argument must be one of its status messages');
            const answer = await ask({ type: 'revoke_status', id: msg.id.id });
            if (!answer.ok) throw new Error(`status not revoked: ${answer.error}`);
            status.msgs.remove(msg);
            status.set({ totalCount: status.msgs.length });
            msg.set({ type: 'revoked', subtype: 'sender_revoke', body: '' });
        },
    };

    // A contact's status, live (isNew) or at connect.
    sim.onServer('status', ({ status: s, isNew }) => {
        if (Msg.get(`false_${STATUS}_${s.id}_${s.poster}`)) return;
        sim.account.ensureContact(s.poster);
        const attrs = {
            id: new MsgKey({ fromMe: false, remote: STATUS, id: s.id, participant: s.poster }),
            type: s.type,
            body: s.media ? '' : s.body,
            from: createWid(STATUS),
            to: meWid(),
            author: createWid(s.poster),
            t: s.t,
            self: 'in',
            isNewMsg: Boolean(isNew),
            notifyName: s.notifyName || undefined,
            backgroundColor: s.color,
            font: s.font,
        };
        if (s.media) Object.assign(attrs, { caption: s.body || undefined, directPath: s.media.directPath, mimetype: s.media.mimetype, size: s.media.size, mediaKey: s.media.mediaKey, mediaKeyTimestamp: s.t });
        const msg = new MsgModel(attrs);
        Status.posterOf(s.poster).addMsg(msg);
        Msg.add(msg);
    });
})();
