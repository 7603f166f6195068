'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, against the simulator's polls: sendMessage(chat,
// new Poll(...)) as a poll creation message the inbox shows, a contact's vote as `vote_update`,
// msg.vote() reaching the server, and getPollVotes() reading the votes table. This shows that the
// simulated page models the internals whatsapp-web.js uses for polls the way it expects.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Poll } = require('whatsapp-web.js');

const { waitFor } = require('./helpers');
const { wwebjsOnSimulator, wwebjsLogin } = require('./wwebjs-harness');
const { control } = require('./account-helpers');

const ME = '15550100001@c.us';
const PEER = '15557300001';

test('whatsapp-web.js: send a poll, vote_update of a contact, msg.vote(), getPollVotes()', async (t) => {
    const { sim, client } = await wwebjsOnSimulator(t);
    await wwebjsLogin(sim, client);
    await sim.addContacts([{ number: PEER, name: 'Voter' }]);
    await client.getNumberId(PEER);

    // A single-choice poll, then a multiple-choice one with its own secret.
    const single = await client.sendMessage(`${PEER}@c.us`, new Poll('Winter or Summer?', ['Winter', 'Summer']));
    assert.equal(single.type, 'poll_creation');
    assert.equal(single.pollName, 'Winter or Summer?');
    assert.deepEqual(single.pollOptions, [
        { name: 'Winter', localId: 0 },
        { name: 'Summer', localId: 1 },
    ]);
    assert.equal(single.allowMultipleAnswers, false);
    const secret = Array.from({ length: 32 }, (_, i) => i + 1);
    const multi = await client.sendMessage(`${PEER}@c.us`, new Poll('Cats or Dogs?', ['Cats', 'Dogs', 'Fish'], { allowMultipleAnswers: true, messageSecret: secret }));
    assert.equal(multi.allowMultipleAnswers, true);
    assert.deepEqual(multi.messageSecret, secret);

    // sendMessage() resolves once the page holds a message; the inbox has it once the server does.
    for (const m of [single, multi]) await sim.waitFor('message-sent', (e) => e.key === m.id._serialized, 30000, { since: 0 });
    const inbox = (await control(sim, 'GET', `/_sim/peer/inbox?peer=${PEER}`)).body.messages;
    assert.deepEqual(
        inbox.map((m) => [m.id, m.type, m.poll.name, m.poll.options, m.poll.allowMultipleAnswers]),
        [
            [single.id._serialized, 'poll_creation', 'Winter or Summer?', ['Winter', 'Summer'], false],
            [multi.id._serialized, 'poll_creation', 'Cats or Dogs?', ['Cats', 'Dogs', 'Fish'], true],
        ],
    );
    assert.equal(inbox[1].poll.messageSecret, Buffer.from(secret).toString('base64'));

    // A contact votes: vote_update with whatsapp-web.js's PollVote fields.
    const voted = waitFor(client, 'vote_update', 30000);
    const vote = await control(sim, 'POST', '/_sim/peer/vote', { from: PEER, messageId: multi.id._serialized, options: ['Dogs', 'Fish'] });
    assert.equal(vote.status, 200);
    const pollVote = await voted;
    assert.deepEqual(pollVote.selectedOptions, [
        { name: 'Dogs', localId: 1 },
        { name: 'Fish', localId: 2 },
    ]);
    assert.equal(pollVote.parentMessage.id._serialized, multi.id._serialized);
    assert.equal(pollVote.parentMessage.pollName, 'Cats or Dogs?');
    assert.equal(pollVote.parentMsgKey._serialized, multi.id._serialized);
    assert.ok(pollVote.interractedAtTs > Date.now() - 60000);
    // whatsapp-web.js defect (1.34.7 and main 2dc9466, src/Client.js:1207-1209): `voter` is the
    // vote's author or sender wid as it is, which reaches Node as a plain object, though its
    // types say a string.
    assert.equal(pollVote.voter._serialized, `${PEER}@c.us`);

    // A vote taken back: an empty selection.
    const cleared = waitFor(client, 'vote_update', 30000);
    await control(sim, 'POST', '/_sim/peer/vote', { from: PEER, messageId: single.id._serialized, options: [] });
    assert.deepEqual((await cleared).selectedOptions, []);

    // msg.vote(): the account's own vote reaches the server (and the page's table).
    let since = sim.events.length;
    await multi.vote(['Cats']);
    await sim.waitFor('vote-sent', (e) => e.parentKey === multi.id._serialized, 10000, { since });
    const votes = (await control(sim, 'GET', `/_sim/peer/inbox?peer=${PEER}`)).body.messages[1].poll.votes;
    assert.deepEqual(
        votes.map((v) => [v.voter, v.options]).sort(),
        [
            [`${PEER}@c.us`, ['Dogs', 'Fish']],
            [ME, ['Cats']],
        ].sort(),
    );

    // getPollVotes(): the votes table. whatsapp-web.js defect (1.34.7 and main 2dc9466,
    // src/Client.js:3427-3430): it builds each PollVote with `this.client`, undefined on the
    // Client, so the votes have no client; their fields are read all the same.
    const read = await client.getPollVotes(multi.id._serialized);
    assert.deepEqual(
        read.map((v) => [v.voter, v.selectedOptions.map((o) => o.name)]).sort(),
        [
            [`${PEER}@c.us`, ['Dogs', 'Fish']],
            [ME, ['Cats']],
        ].sort(),
    );
    assert.deepEqual((await multi.getPollVotes()).length, 2);

    // A single-choice poll takes one option: two are refused by the server, and the page's
    // action throws.
    since = sim.events.length;
    await assert.rejects(single.vote(['Winter', 'Summer']), /Vote send error/);
    assert.equal(
        sim.events.slice(since).filter((e) => e.type === 'vote-sent').length,
        0,
    );
});
