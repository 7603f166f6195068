'use strict';
// The simulated page is as strict as the real one: window.require throws "Requiring unknown module"
// for anything it does not model (in instant and real-sequence mode), WAWebCollections holds only
// the collections it models, a function it does not implement is not there (calling it is a
// TypeError), and the functions whose argument checks are known refuse what the real ones refuse.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { sim, profile, browser, waitState } = require('./sim-harness');

// The collections the account's world models (simulator/README.md, "The page surface").
// `Features` is the feature-flag table client.interface reads (not a collection, but on the module).
const COLLECTIONS = ['Blocklist', 'BusinessProfile', 'Chat', 'Contact', 'Features', 'GroupMetadata', 'Label', 'Msg', 'NewsletterMetadataCollection', 'ProfilePicThumb', 'Reactions', 'Status', 'WAWebNewsletterCollection'];

async function openPage(t, options) {
    const s = await sim(t, options);
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    return page;
}

for (const realSequence of [false, true]) {
    const mode = realSequence ? 'real-sequence' : 'instant';
    test(`${mode} mode: unknown modules throw, collections and modules hold only what is modelled`, async (t) => {
        const page = await openPage(t, { realSequence, moduleDelayMs: realSequence ? 150 : undefined });
        const seen = await page.evaluate(() => {
            const attempt = (fn) => {
                try {
                    const v = fn();
                    return v === undefined ? 'undefined' : typeof v;
                } catch (err) {
                    return `${err.constructor.name}: ${err.message}`;
                }
            };
            const R = window.require;
            return {
                unknown: attempt(() => R('WAWebNoSuchModule')),
                // A module the simulator does not model. Every module whatsapp-web.js main requires is
                // modelled now (the last was WAMediaCalculateFilehash, channel media), so an invented name.
                unmodelled: attempt(() => R('WAWebNewsletterUnmodelledAction')),
                collections: Object.keys(R('WAWebCollections')).sort(),
                // No catch-all: a collection that is not modelled is absent, and using it throws.
                absentCollection: attempt(() => R('WAWebCollections').NoSuchCollection),
                absentCollectionCall: attempt(() => R('WAWebCollections').NoSuchCollection.getModelsArray()),
                // A command WhatsApp Web's Cmd has (opening a chat at its first unread message) that nothing here uses.
                removedFunction: attempt(() => R('WAWebCmd').Cmd.openChatFromUnread()),
                removedMember: attempt(() => R('WAWebSendMsgChatAction').sendMsgRecord),
            };
        });
        assert.deepEqual(seen, {
            unknown: 'Error: Requiring unknown module "WAWebNoSuchModule"',
            unmodelled: 'Error: Requiring unknown module "WAWebNewsletterUnmodelledAction"',
            collections: COLLECTIONS,
            absentCollection: 'undefined',
            absentCollectionCall: "TypeError: Cannot read properties of undefined (reading 'getModelsArray')",
            removedFunction: 'TypeError: R(...).Cmd.openChatFromUnread is not a function',
            removedMember: 'undefined',
        });
        assert.deepEqual(page.errors, []);
    });
}

test('createWid, loadEarlierMsgs and addAndSendMsgToChat refuse what the real ones refuse', async (t) => {
    const page = await openPage(t, {});
    const seen = await page.evaluate(async () => {
        const R = window.require;
        const outcome = async (fn) => {
            try {
                const v = await fn();
                return `ok ${v && v._serialized !== undefined ? v._serialized : JSON.stringify(v)}`;
            } catch (err) {
                return `${err.constructor.name}: ${err.message}`;
            }
        };
        const { createWid } = R('WAWebWidFactory');
        // As a client does first (whatsapp-web.js main): the page learns the number's LID, without
        // which it makes no chat ("No LID for user").
        await R('WAWebQueryExistsJob').queryWidExists(createWid('15557654321@c.us'));
        const { chat } = await R('WAWebFindChatAction').findOrCreateLatestChat(createWid('15557654321@c.us'));
        const MsgKey = R('WAWebMsgKey');
        const me = createWid('15550100001@c.us');
        const key = async (to = chat.id) => new MsgKey({ from: me, to, id: await MsgKey.newId(), selfDir: 'out' });
        const base = async () => ({ id: await key(), from: me, to: chat.id, t: Math.floor(Date.now() / 1000), type: 'chat', body: 'hi' });
        const send = (c, m) => () => R('WAWebSendMsgChatAction').addAndSendMsgToChat(c, m);
        const load = R('WAWebChatLoadMessages').loadEarlierMsgs;
        return {
            wid: await outcome(() => createWid('15557654321@c.us')),
            widProtocol: await outcome(() => createWid('15557654321@s.whatsapp.net')),
            widLid: await outcome(() => createWid('123456789012345@lid')),
            widNoServer: await outcome(() => createWid('15557654321')),
            widUnknownServer: await outcome(() => createWid('15557654321@example.com')),
            widNoUser: await outcome(() => createWid('@c.us')),
            widNumber: await outcome(() => createWid(15557654321)),
            widUndefined: await outcome(() => createWid(undefined)),
            loadChat: await outcome(() => load({ chat })),
            loadBare: await outcome(() => load(chat)),
            loadNothing: await outcome(() => load()),
            sendNotChat: await outcome(send(chat.id, await base())),
            sendNoMsg: await outcome(send(chat, undefined)),
            sendNoId: await outcome(async () => send(chat, { ...(await base()), id: 'abc' })()),
            sendOtherChat: await outcome(async () => send(chat, { ...(await base()), id: await key(createWid('15550000001@c.us')) })()),
            sendNoBody: await outcome(async () => send(chat, { ...(await base()), body: undefined })()),
            sendNoTime: await outcome(async () => send(chat, { ...(await base()), t: undefined })()),
            sendMediaNoFile: await outcome(async () => send(chat, { ...(await base()), type: 'image', mimetype: 'image/png' })()),
            sendLocationNoPlace: await outcome(async () => send(chat, { ...(await base()), type: 'location', lat: 52.37 })()),
            sendPoll: await outcome(async () => send(chat, { ...(await base()), type: 'poll_creation' })()),
            sendPollNoSecret: await outcome(async () =>
                send(chat, { ...(await base()), type: 'poll_creation', pollName: 'Q', pollOptions: [{ name: 'a', localId: 0 }, { name: 'b', localId: 1 }], pollSelectableOptionsCount: 1, messageSecret: [1, 2] })(),
            ),
            sendPollBadIds: await outcome(async () =>
                send(chat, { ...(await base()), type: 'poll_creation', pollName: 'Q', pollOptions: [{ name: 'a', localId: 1 }, { name: 'b', localId: 0 }], pollSelectableOptionsCount: 1, messageSecret: new Uint8Array(32) })(),
            ),
        };
    });
    assert.deepEqual(seen, {
        wid: 'ok 15557654321@c.us',
        widProtocol: 'ok 15557654321@c.us',
        widLid: 'ok 123456789012345@lid',
        widNoServer: 'Error: wid error: invalid wid',
        widUnknownServer: 'Error: wid error: invalid wid',
        widNoUser: 'Error: wid error: invalid wid',
        widNumber: 'Error: wid error: invalid wid',
        widUndefined: 'Error: wid error: invalid wid',
        loadChat: 'ok []',
        loadBare: 'TypeError: loadEarlierMsgs: { chat } must hold a chat model, not undefined',
        loadNothing: "TypeError: Cannot destructure property 'chat' of 'undefined' as it is undefined.",
        sendNotChat: 'TypeError: addAndSendMsgToChat: the first argument must be a chat model',
        sendNoMsg: 'TypeError: addAndSendMsgToChat: the second argument must be the new message',
        sendNoId: "TypeError: addAndSendMsgToChat: the message's id must be a new MsgKey of this account in this chat",
        sendOtherChat: "TypeError: addAndSendMsgToChat: the message's id must be a new MsgKey of this account in this chat",
        sendNoBody: 'TypeError: addAndSendMsgToChat: a message of type chat needs body',
        sendNoTime: 'TypeError: addAndSendMsgToChat: the message needs t, its time in seconds',
        sendMediaNoFile: 'TypeError: addAndSendMsgToChat: a message of type image needs directPath',
        sendLocationNoPlace: 'TypeError: addAndSendMsgToChat: a message of type location needs lng',
        sendPoll: 'TypeError: addAndSendMsgToChat: a message of type poll_creation needs pollName',
        sendPollNoSecret: 'TypeError: addAndSendMsgToChat: a message of type poll_creation needs messageSecret',
        sendPollBadIds: 'TypeError: addAndSendMsgToChat: a message of type poll_creation needs pollOptions',
    });
});

test('the stanza, call-link, device-list, profile and address-book modules refuse what they do not take', async (t) => {
    const page = await openPage(t, {});
    const seen = await page.evaluate(async () => {
        const R = window.require;
        const outcome = async (fn) => {
            try {
                return `ok ${JSON.stringify(await fn())}`;
            } catch (err) {
                return `${err.constructor.name}: ${err.message}`;
            }
        };
        const { createWid } = R('WAWebWidFactory');
        const { wap } = R('WAWap');
        const user = createWid('15557654321@c.us');
        return {
            wapNoTag: await outcome(() => wap()),
            wapNumberAttr: await outcome(() => wap('call', { to: 15557654321 })),
            wapPlainChild: await outcome(() => wap('call', {}, [{ tag: 'reject' }])),
            wapWidAttr: await outcome(() => wap('call', { to: user }).attrs.to),
            castPlainObject: await outcome(() => R('WADeprecatedSendIq').deprecatedCastStanza({ tag: 'call', attrs: {} })),
            linkType: await outcome(() => R('WAWebGenerateEventCallLink').createEventCallLink(1700000000, 'audio')),
            linkTime: await outcome(() => R('WAWebGenerateEventCallLink').createEventCallLink(null, 'voice')),
            devicesNotArray: await outcome(() => R('WAWebApiDeviceList').getDeviceIds(user)),
            devicesGroup: await outcome(() => R('WAWebApiDeviceList').getDeviceIds([createWid('120363000000000001@g.us')])),
            savePositional: await outcome(() => R('WAWebSaveContactAction').saveContactAction('15557654321', null, null, null, 'Ada', 'L', true)),
            deleteBare: await outcome(() => R('WAWebDeleteContactAction').deleteContactAction({ phoneNumber: '15557654321' })),
            status: await outcome(() => R('WAWebContactStatusBridge').setMyStatus(1)),
            pushname: await outcome(() => R('WAWebSetPushnameConnAction').setPushname(undefined)),
            picture: await outcome(() => R('WAWebContactProfilePicThumbBridge').sendSetPicture(user, '', '')),
        };
    });
    assert.deepEqual(seen, {
        wapNoTag: 'TypeError: wap: the tag must be a non-empty string',
        wapNumberAttr: 'TypeError: wap: attribute to must be a string or a wid, not number',
        wapPlainChild: 'TypeError: wap: content must be child nodes, a string or nothing',
        wapWidAttr: 'ok "15557654321@c.us"',
        castPlainObject: 'TypeError: deprecatedCastStanza: the stanza must be a node made by WAWap.wap',
        linkType: "TypeError: createEventCallLink: the type must be 'voice' or 'video', not \"audio\"",
        linkTime: 'TypeError: createEventCallLink: the start time must be Unix seconds, not null',
        devicesNotArray: 'TypeError: getDeviceIds: takes an array of user wids',
        devicesGroup: 'TypeError: getDeviceIds: not a user wid: 120363000000000001@g.us',
        savePositional: 'TypeError: saveContactAction: takes { phoneNumber, firstName, lastName, ... }',
        deleteBare: 'Error: wid error: invalid wid',
        status: 'TypeError: setMyStatus: the status must be a string, not number',
        pushname: 'TypeError: setPushname: the name must be a string, not undefined',
        picture: 'TypeError: sendSetPicture: the preview must be base64 (or a data URL of it)',
    });
});

test('the message actions (edit, pin, star, reactions) refuse what is not a message model and what the real ones cannot take', async (t) => {
    const page = await openPage(t, {});
    const seen = await page.evaluate(async () => {
        const R = window.require;
        const outcome = async (fn) => {
            try {
                return `ok ${JSON.stringify(await fn())}`;
            } catch (err) {
                return `${err.constructor.name}: ${err.message}`;
            }
        };
        const { createWid } = R('WAWebWidFactory');
        await R('WAWebQueryExistsJob').queryWidExists(createWid('15557654321@c.us'));
        const { chat } = await R('WAWebFindChatAction').findOrCreateLatestChat(createWid('15557654321@c.us'));
        const id = 'true_15557654321@c.us_3EB0AAAAAAAAAAAAAAAA';
        return {
            canEdit: await outcome(() => R('WAWebMsgActionCapability').canEditText(id)),
            canStar: await outcome(() => R('WAWebMsgActionCapability').canStarMsg(undefined)),
            edit: await outcome(() => R('WAWebSendMessageEditAction').sendMessageEdit({ id }, 'new', {})),
            pin: await outcome(() => R('WAWebSendPinMessageAction').sendPinInChatMsg(id, 1, 86400)),
            duration: await outcome(() => R('WAWebPinMsgConstants').getPinExpiryDuration(60)),
            appDuration: await outcome(() => R('WAWebPinMsgConstants').getPinExpiryDuration(604800)),
            pinIndex: await outcome(() => R('WAWebPinInChatSchema').getTable().equals(['parentMsgKey'], id)),
            pins: await outcome(() => R('WAWebPinInChatSchema').getTable().equals(['chatId'], '15557654321@c.us')),
            star: await outcome(() => R('WAWebCmd').Cmd.sendStarMsgs(chat.id, [], false)),
            starNone: await outcome(() => R('WAWebCmd').Cmd.sendStarMsgs(chat, [id], false)),
            reactions: await outcome(() => R('WAWebCollections').Reactions.find(id)),
        };
    });
    assert.deepEqual(seen, {
        canEdit: 'TypeError: canEditText: the argument must be a message model, not string',
        canStar: 'TypeError: canStarMsg: the argument must be a message model, not undefined',
        edit: 'TypeError: sendMessageEdit: the argument must be a message model, not object',
        pin: 'TypeError: sendPinInChatMsg: the argument must be a message model, not string',
        duration: 'TypeError: getPinExpiryDuration: no pin duration 60',
        appDuration: 'ok 604800',
        pinIndex: 'TypeError: equals: no index ["parentMsgKey"] is modelled (only ["chatId"])',
        pins: 'ok []',
        star: 'TypeError: sendStarMsgs: the first argument must be a chat model',
        starNone: 'TypeError: sendStarMsgs: the second argument must be a list of message models of that chat',
        reactions: 'ok undefined',
    });
});
