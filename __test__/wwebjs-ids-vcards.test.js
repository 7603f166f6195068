'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's contact cards, group mentions
// and ids that name nobody: example.js's !parseVCard, a Contact and a list of contacts as content,
// !mentionGroups and getGroupMentions(), !mentionUsers with its placeholder, and !creategroup with
// placeholder participants (404 each). This shows that the simulated page models the internals
// whatsapp-web.js uses for these (WAWebFrontendVcardUtils, WAWebVcardParsingUtils,
// WAWebVcardGetNameFromParsed, groupMentions in addAndSendMsgToChat) the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const PEER = '15557800001';
const V_CARD = 'BEGIN:VCARD\nVERSION:3.0\nFN:John Doe\nORG:Microsoft;\nTEL;type=CELL;type=VOICE;waid=18006427676:+1 (800) 642 7676\nEND:VCARD';

test('whatsapp-web.js: vCards, contact cards, group mentions, placeholder mentions and participants', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([
        { number: PEER, name: 'Reader' },
        { number: '15557800002', name: 'Ada Lovelace' },
    ]);
    await client.getNumberId(PEER);
    const to = `${PEER}@c.us`;

    const card = await client.sendMessage(to, V_CARD);
    assert.deepEqual([card.type, card.vCards], ['vcard', [V_CARD]]);
    const ada = await client.getContactById('15557800002@c.us');
    const one = await client.sendMessage(to, ada);
    const many = await client.sendMessage(to, [ada, ada]);
    assert.equal(one.type, 'vcard');
    assert.equal(many.type, 'multi_vcard');
    assert.equal(many.vCards.length, 2);

    const { gid } = await client.createGroup('Mentioned', ['15557800002@c.us']);
    const mention = await client.sendMessage(to, 'Check @YYYYYYYYYY@g.us', {
        groupMentions: [
            { subject: 'First', id: 'YYYYYYYYYY@g.us' },
            { subject: 'Second', id: gid._serialized },
        ],
    });
    assert.deepEqual(
        mention.groupMentions.map((g) => [g.groupSubject, g.groupJid._serialized]),
        [
            ['First', 'YYYYYYYYYY@g.us'],
            ['Second', gid._serialized],
        ],
    );
    const users = await client.sendMessage(to, 'Hi @XXXXXXXXXX', { mentions: 'XXXXXXXXXX@c.us' });
    assert.deepEqual(users.mentionedIds.map((w) => (typeof w === 'string' ? w : w._serialized)), ['XXXXXXXXXX@c.us']);

    // sendMessage() resolves once the page holds a message; the inbox has it once the server does.
    for (const m of [users]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    const inbox = (await control(sim, 'GET', `/_sim/peer/inbox?peer=${PEER}`)).body.messages;
    assert.deepEqual(
        inbox.map((m) => [m.type, m.vcards && m.vcards.map((c) => c.displayName), m.groupMentions, m.mentions]),
        [
            ['vcard', ['John Doe'], undefined, []],
            ['vcard', ['Ada Lovelace'], undefined, []],
            ['multi_vcard', ['Ada Lovelace', 'Ada Lovelace'], undefined, []],
            [
                'chat',
                undefined,
                [
                    { groupSubject: 'First', groupJid: 'YYYYYYYYYY@g.us' },
                    { groupSubject: 'Second', groupJid: gid._serialized },
                ],
                [],
            ],
            ['chat', undefined, undefined, ['XXXXXXXXXX@c.us']],
        ],
    );

    // !creategroup with example.js's placeholders: each is looked up and answered 404.
    const created = await client.createGroup('Group Title', ['number1@c.us', 'number2@c.us']);
    assert.deepEqual(created.participants['number1@c.us'], { statusCode: 404, message: 'The phone number is not registered on WhatsApp', isGroupCreator: false, isInviteV4Sent: false });
    assert.deepEqual(created.participants['number2@c.us'].statusCode, 404);
});
