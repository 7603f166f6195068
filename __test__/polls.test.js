'use strict';
// Polls: sendMessage(chat, new Poll(...)), a contact's vote as `vote_update`, msg.vote() and
// getPollVotes(), each shown by its effect through the simulator (GET /_sim/peer/inbox,
// POST /_sim/peer/vote) and the events the client emits; bad polls and votes are refused with
// named errors and nothing is sent.
const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { Poll, PollVote, Message } = require('..');
const { waitFor } = require('./helpers');
const { control, inbox, serverHas, sharedClient, peerSendAndReceive } = require('./account-helpers');

const ME = '15550100001@c.us';

const code = (promise) =>
  promise.then(
    () => 'resolved',
    (e) => `${e.constructor.name}:${e.code}`,
  );

describe('polls', () => {
  const shared = sharedClient();

  test('sendMessage with a Poll: the contact gets the poll; the message has its fields', async () => {
    const { ctx, client } = shared;
    const peer = '15557400001';
    const single = await client.sendMessage(`${peer}@c.us`, new Poll('  Winter or Summer? ', [' Winter', 'Summer ']));
    assert.ok(single instanceof Message);
    assert.equal(single.type, 'poll_creation');
    assert.equal(single.pollName, 'Winter or Summer?');
    assert.equal(single.body, 'Winter or Summer?');
    assert.deepEqual(single.pollOptions, [
      { name: 'Winter', localId: 0 },
      { name: 'Summer', localId: 1 },
    ]);
    assert.equal(single.allowMultipleAnswers, false);
    assert.equal(single.messageSecret.length, 32);
    const secret = Array.from({ length: 32 }, (_, i) => 255 - i);
    const multi = await client.sendMessage(`${peer}@c.us`, new Poll('Cats or Dogs?', ['Cats', 'Dogs', 'Fish'], { allowMultipleAnswers: true, messageSecret: secret }));
    assert.equal(multi.allowMultipleAnswers, true);
    assert.deepEqual(multi.messageSecret, secret);
    await serverHas(ctx.sim, multi);
    const [a, b] = await inbox(ctx.sim, peer);
    assert.deepEqual([a.id, a.type, a.from, a.poll.name, a.poll.options, a.poll.allowMultipleAnswers], [single.id._serialized, 'poll_creation', ME, 'Winter or Summer?', ['Winter', 'Summer'], false]);
    assert.deepEqual([b.poll.name, b.poll.options, b.poll.allowMultipleAnswers, b.poll.messageSecret], ['Cats or Dogs?', ['Cats', 'Dogs', 'Fish'], true, Buffer.from(secret).toString('base64')]);
    // Read back from the page, the poll keeps its fields.
    const again = await client.getMessageById(multi.id._serialized);
    assert.deepEqual([again.pollName, again.pollOptions.length, again.allowMultipleAnswers], ['Cats or Dogs?', 3, true]);
  });

  test("a contact's vote is vote_update with PollVote's fields; taking it back is an empty selection", async () => {
    const { ctx, client } = shared;
    const peer = '15557400002';
    const poll = await client.sendMessage(`${peer}@c.us`, new Poll('Lunch?', ['Pizza', 'Sushi', 'Salad'], { allowMultipleAnswers: true }));
    await serverHas(ctx.sim, poll);
    const voted = waitFor(client, 'vote_update', 20000);
    const res = await control(ctx.sim, 'POST', '/_sim/peer/vote', { from: peer, messageId: poll.id._serialized, options: ['Sushi', 'Salad'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const vote = await voted;
    assert.ok(vote instanceof PollVote);
    assert.equal(vote.voter, `${peer}@c.us`);
    assert.deepEqual(vote.selectedOptions, [
      { name: 'Sushi', localId: 1 },
      { name: 'Salad', localId: 2 },
    ]);
    assert.ok(vote.interractedAtTs > Date.now() - 60000 && vote.interractedAtTs <= Date.now());
    assert.ok(vote.parentMessage instanceof Message);
    assert.equal(vote.parentMessage.id._serialized, poll.id._serialized);
    assert.equal(vote.parentMessage.pollName, 'Lunch?');
    assert.equal(vote.parentMsgKey._serialized, poll.id._serialized);

    const cleared = waitFor(client, 'vote_update', 20000);
    await control(ctx.sim, 'POST', '/_sim/peer/vote', { from: peer, messageId: poll.id._serialized, options: [] });
    assert.deepEqual((await cleared).selectedOptions, []);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual(sent.poll.votes.map((v) => [v.voter, v.options]), [[`${peer}@c.us`, []]]);
  });

  test('msg.vote() reaches the server; getPollVotes() and msg.getPollVotes() read every vote', async () => {
    const { ctx, client } = shared;
    const peer = '15557400003';
    const poll = await client.sendMessage(`${peer}@c.us`, new Poll('Colour?', ['Red', 'Green', 'Blue'], { allowMultipleAnswers: true }));
    await serverHas(ctx.sim, poll);
    const theirs = waitFor(client, 'vote_update', 20000);
    await control(ctx.sim, 'POST', '/_sim/peer/vote', { from: peer, messageId: poll.id._serialized, options: ['Blue'] });
    await theirs;

    // The account's own vote: the server has it, and it is a vote_update too.
    const mine = waitFor(client, 'vote_update', 20000, (v) => v.voter === ME);
    const since = ctx.sim.events.length;
    assert.equal(await poll.vote(['Red', 'Green']), undefined);
    await ctx.sim.waitFor('vote-sent', (e) => e.parentKey === poll.id._serialized, 10000, { since });
    assert.deepEqual((await mine).selectedOptions.map((o) => o.name), ['Red', 'Green']);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual(
      sent.poll.votes.map((v) => [v.voter, v.options]).sort(),
      [
        [`${peer}@c.us`, ['Blue']],
        [ME, ['Red', 'Green']],
      ].sort(),
    );

    const votes = await client.getPollVotes(poll.id._serialized);
    assert.ok(votes.every((v) => v instanceof PollVote));
    assert.deepEqual(
      votes.map((v) => [v.voter, v.selectedOptions.map((o) => o.name)]).sort(),
      [
        [`${peer}@c.us`, ['Blue']],
        [ME, ['Red', 'Green']],
      ].sort(),
    );
    assert.equal(votes[0].parentMessage.pollName, 'Colour?');
    assert.equal((await poll.getPollVotes()).length, 2);
    // A message the page does not hold: no votes, as whatsapp-web.js.
    assert.deepEqual(await client.getPollVotes(`true_${peer}@c.us_3EB0000000000000DEAD`), []);
  });

  test("whatsapp-web.js's example.js !sendpoll: msg.reply(new Poll(...)) quotes the command", async () => {
    const { ctx, client } = shared;
    const peer = '15557400007';
    const msg = await peerSendAndReceive(ctx.sim, client, { from: peer, body: '!sendpoll' });
    const reply = await msg.reply(new Poll('Winter or Summer?', ['Winter', 'Summer']));
    await serverHas(ctx.sim, reply);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual([sent.type, sent.quotedId, sent.poll.name, sent.poll.allowMultipleAnswers], ['poll_creation', msg.id._serialized, 'Winter or Summer?', false]);
    assert.equal(reply.hasQuotedMsg, true);
  });

  test('bad polls are refused with named errors and nothing is sent', async () => {
    const { ctx, client } = shared;
    const peer = '15557400004';
    const thirteen = Array.from({ length: 13 }, (_, i) => `option ${i}`);
    const since = ctx.sim.events.length;
    for (const poll of [
      new Poll('   ', ['a', 'b']),
      new Poll('Only one?', ['a']),
      new Poll('No options?', []),
      new Poll('Twice?', ['a', ' a ']),
      new Poll('Empty option?', ['a', '  ']),
      new Poll('Too many?', thirteen),
      new Poll('Long?', ['a', 'x'.repeat(256)]),
      new Poll('Secret?', ['a', 'b'], { messageSecret: [1, 2, 3] }),
      new Poll(42, ['a', 'b']),
      new Poll('Not a list?', 'a, b'),
    ]) {
      assert.equal(await code(client.sendMessage(`${peer}@c.us`, poll)), 'TypeError:ERR_INVALID_ARGUMENT', JSON.stringify(poll));
    }
    assert.deepEqual(await inbox(ctx.sim, peer), []);
    assert.equal(ctx.sim.events.slice(since).filter((e) => e.type === 'message-sent').length, 0);
  });

  test('bad votes are refused with named errors and nothing is sent', async () => {
    const { ctx, client } = shared;
    const peer = '15557400005';
    const poll = await client.sendMessage(`${peer}@c.us`, new Poll('One only?', ['Yes', 'No']));
    const text = await client.sendMessage(`${peer}@c.us`, 'not a poll');
    await serverHas(ctx.sim, text);
    const since = ctx.sim.events.length;
    assert.equal(await code(poll.vote(['Maybe'])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(poll.vote(['Yes', 'No'])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(poll.vote([1])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(poll.vote({ Yes: true })), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(text.vote(['Yes'])), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.getPollVotes(text.id._serialized)), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(await code(client.getPollVotes('nope')), 'TypeError:ERR_INVALID_ARGUMENT');
    assert.equal(ctx.sim.events.slice(since).filter((e) => e.type === 'vote-sent').length, 0);
    // One name alone counts as a list, as in whatsapp-web.js.
    await poll.vote('Yes');
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual(sent.poll.votes.map((v) => v.options), [['Yes']]);
    // An empty name selects nothing, as whatsapp-web.js sends it: example.js's !vote votes with ''.
    const cleared = ctx.sim.events.length;
    await poll.vote('');
    await ctx.sim.waitFor('vote-sent', (e) => e.parentKey === poll.id._serialized, 10000, { since: cleared });
    const [after] = await inbox(ctx.sim, peer);
    assert.deepEqual(after.poll.votes.map((v) => v.options), [[]]);
  });

  test('the control route refuses votes the poll cannot take', async () => {
    const { ctx, client } = shared;
    const peer = '15557400006';
    const poll = await client.sendMessage(`${peer}@c.us`, new Poll('Pick one', ['A', 'B']));
    await serverHas(ctx.sim, poll);
    const vote = (body) => control(ctx.sim, 'POST', '/_sim/peer/vote', { from: peer, messageId: poll.id._serialized, ...body });
    assert.equal((await vote({ options: ['C'] })).status, 400);
    assert.equal((await vote({ options: ['A', 'B'] })).status, 400);
    assert.equal((await vote({ options: 'A' })).status, 400);
    assert.equal((await vote({ from: '15557400099', options: ['A'] })).status, 403);
    assert.equal((await vote({ messageId: 'true_x@c.us_NOPE', options: ['A'] })).status, 404);
    const [sent] = await inbox(ctx.sim, peer);
    assert.deepEqual(sent.poll.votes, []);
  });
});
