'use strict';
// whatsapp-web.js's OWN example.js (node_modules/whatsapp-web.js/example.js, the same file as on
// main 2dc9466), run as a program of its own against the simulator with two things changed: its
// require line (this package instead of whatsapp-web.js) and its Client options (the simulator's
// browser flags, a throw-away LocalAuth folder). A contact, then a group, sends its commands one
// after another; each test checks what the contact sees (their inbox, the group on the server,
// the simulator's log). The program must never crash: its stderr is checked for uncaught errors
// and unhandled rejections at the end.
//
// Budget: one login and ~50 commands and events, sent one at a time, each waited on by its effect
// (no sleeps): about 5 seconds, far under the 3 minutes the file may take. The commands that end
// example.js (as they end it on whatsapp-web.js: !parseVCard, !getGroupMentions and the
// group_membership_request handler) run in programs of their own: example-js-ends.test.js.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { startSimulator } = require('../simulator');
const { TEST_ROOT, FAST, chromiumPidsUnder } = require('./helpers');
const { control } = require('./account-helpers');
const { LIMIT, startExample, stopExample } = require('./example-js-helpers');
const { png, wav } = require('./fixtures/media-kinds');

const ME = '15550100001';
const PEER = '15557800001';
const OWNER = '15557800002'; // makes the group
const MEMBER = '15557800003';
const ASKER = '15557800004'; // asks to join the group

describe("whatsapp-web.js's example.js, run as it is on whatsapp-web-rs", () => {
  let sim;
  let run; // example.js: { child, out, stderr, exited, crashed } (example-js-helpers.js)
  let out;
  let dataPath;
  let group; // { id, inviteCode }

  /** `promise`, or a failure naming example.js's stderr if it exits first. */
  const unlessCrashed = (promise) => Promise.race([promise, run.crashed]);

  const inbox = async (peer) => (await control(sim, 'GET', `/_sim/peer/inbox?peer=${encodeURIComponent(peer)}`)).body.messages;
  const send = async (body) => {
    const res = await control(sim, 'POST', '/_sim/peer/send', body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.id;
  };
  /** `n` messages the account sent to `chat` from event index `since` on, as the chat's inbox has them. */
  async function answers(chat, since, n = 1) {
    const prefix = `true_${chat}_`;
    const keys = [];
    await unlessCrashed(sim.waitFor(
      'message-sent',
      (e) => {
        if (e.key.startsWith(prefix) && !keys.includes(e.key)) keys.push(e.key);
        return keys.length >= n;
      },
      LIMIT,
      { since },
    ));
    const peer = chat.endsWith('@c.us') ? chat.slice(0, -5) : chat;
    const all = await inbox(peer);
    return keys.map((key) => all.find((m) => m.id === key));
  }
  /** A contact sends `body` (to the account, or to `extra.to`) and the account answers `n` messages. */
  async function ask(body, extra = {}, n = 1) {
    const since = sim.events.length;
    const from = extra.from || PEER;
    const id = await send({ from, body, ...extra });
    const chat = extra.to && extra.to.endsWith('@g.us') ? extra.to : `${from}@c.us`;
    return { id, replies: await answers(chat, since, n) };
  }
  /** A contact sends `body`; resolves with the simulator event the command causes. */
  async function effect(body, type, predicate = () => true, extra = {}) {
    const since = sim.events.length;
    await send({ from: PEER, body, ...extra });
    return unlessCrashed(sim.waitFor(type, predicate, LIMIT, { since }));
  }
  /** A simulator event from index `since` on. */
  const event = (type, predicate, since) => unlessCrashed(sim.waitFor(type, predicate, LIMIT, { since }));
  /** The example logged `marker` (a line of its own output) after `since`. */
  const logged = (predicate, since) => unlessCrashed(out.waitLine(predicate, LIMIT, since));

  before(async () => {
    sim = await startSimulator(FAST);
    dataPath = fs.mkdtempSync(path.join(TEST_ROOT, 'example-js-'));
    run = await startExample(sim, dataPath);
    ({ out } = run);
    // A group the contact owns, with membership approval on and a request waiting, made while the
    // account is not an admin yet: example.js's group_membership_request handler calls a misspelt
    // method (approveGroupMembershipRequestss), so a request it hears of ends it, in
    // whatsapp-web.js as well (example-js-ends.test.js); only admins hear of requests. Then the
    // account is made an admin (group_admin_changed, which example.js logs).
    await sim.addContacts([{ number: PEER, name: 'Pat' }, { number: OWNER }, { number: MEMBER }, { number: ASKER }]);
    group = await sim.createGroup({ subject: 'Builders', participants: [OWNER, MEMBER, PEER], description: 'We build' });
    assert.ok(group.ok, JSON.stringify(group));
    await sim.group.change(group.id, 'settings', { by: OWNER, membershipApproval: true });
    await sim.group.request(group.id, { from: ASKER });
    const line = out.lines.length;
    await sim.group.change(group.id, 'promote', { by: OWNER, participants: [ME] });
    await out.waitLine((l) => l.startsWith('You were promoted by'), LIMIT, line);
  });

  after(async () => {
    await stopExample(run, dataPath);
    if (sim) await sim.close();
    if (dataPath) {
      assert.deepEqual(chromiumPidsUnder(dataPath), [], 'a Chromium of example.js outlived it');
      fs.rmSync(dataPath, { recursive: true, force: true });
    }
  });

  test('!ping and !ping reply', async () => {
    const { replies } = await ask('!ping');
    assert.equal(replies[0].body, 'pong');
    const reply = await ask('!ping reply');
    assert.deepEqual([reply.replies[0].body, reply.replies[0].quotedId], ['pong', reply.id]);
  });

  test('!echo and !preview answer with the text, quoting the command', async () => {
    const echo = await ask('!echo hello there');
    assert.deepEqual([echo.replies[0].body, echo.replies[0].quotedId], ['hello there', echo.id]);
    const preview = await ask('!preview see https://example.com');
    assert.deepEqual([preview.replies[0].body, preview.replies[0].quotedId], ['see https://example.com', preview.id]);
  });

  test('!sendto sends the text to another number', async () => {
    const other = '15557800009';
    const since = sim.events.length;
    await send({ from: PEER, body: `!sendto ${other} hi from the bot` });
    const [msg] = await answers(`${other}@c.us`, since);
    assert.equal(msg.body, ' hi from the bot');
  });

  test('!info and !chats', async () => {
    const info = (await ask('!info')).replies[0].body;
    assert.match(info, new RegExp(`My number: ${ME}`));
    assert.match(info, /Platform: \S+/);
    assert.match((await ask('!chats')).replies[0].body, /^The bot has \d+ chats open\.$/);
  });

  test('!subject and !desc in a private chat answer that they are for groups', async () => {
    assert.equal((await ask('!subject Nope')).replies[0].body, 'This command can only be used in a group!');
    assert.equal((await ask('!desc Nope')).replies[0].body, 'This command can only be used in a group!');
  });

  test('!location sends four locations; a location sent to it comes back', async () => {
    const { replies } = await ask('!location', {}, 4);
    assert.deepEqual(
      replies.map((m) => m.type),
      ['location', 'location', 'location', 'location'],
    );
    const back = await ask('', { location: { latitude: 48.8584, longitude: 2.2945, description: 'Eiffel Tower' } });
    assert.equal(back.replies[0].type, 'location');
  });

  test('!mediainfo describes the picture it came with; !quoteinfo describes the quoted message', async () => {
    const picture = { mimetype: 'image/png', data: png(40, 30).toString('base64'), filename: 'dot.png' };
    const info = await ask('!mediainfo', { media: picture });
    assert.match(info.replies[0].body, /MimeType: image\/png/);
    assert.equal(info.replies[0].quotedId, info.id);
    const quoted = await send({ from: PEER, body: 'remember this' });
    const q = await ask('!quoteinfo', { quotedId: quoted });
    assert.match(q.replies[0].body, new RegExp(`ID: ${quoted}`));
    assert.equal(q.replies[0].quotedId, quoted);
  });

  test('!resendmedia sends quoted audio back, then as a voice note', async () => {
    const audio = await send({ from: PEER, body: '', media: { mimetype: 'audio/wav', data: wav().toString('base64'), filename: 'a.wav' } });
    const { replies } = await ask('!resendmedia', { quotedId: audio }, 2);
    assert.deepEqual(
      replies.map((m) => m.type),
      ['audio', 'ptt'],
    );
    assert.equal(replies[0].body, "Here's your requested media.");
  });

  test('!isviewonce and !sendMediaHD send a quoted picture back as view once, then in HD', async () => {
    const picture = await send({ from: PEER, body: '', media: { mimetype: 'image/png', data: png(2000, 100).toString('base64'), filename: 'wide.png' } });
    const once = (await ask('!isviewonce', { quotedId: picture })).replies[0];
    assert.deepEqual([once.type, once.isViewOnce, once.dimensions], ['image', true, { width: 1600, height: 80 }]);
    const hd = (await ask('!sendMediaHD', { quotedId: picture })).replies[0];
    assert.deepEqual([hd.type, hd.isViewOnce, hd.dimensions], ['image', false, { width: 2000, height: 100 }]);
  });

  test('!status sets the about text and says so', async () => {
    const { replies } = await ask('!status busy');
    assert.equal(replies[0].body, 'Status was updated to *busy*');
    assert.equal((await sim.accountInfo(ME)).about, 'busy');
  });

  test('!howManyConnections and !syncHistory answer', async () => {
    assert.match((await ask('!howManyConnections')).replies[0].body, /^You have \*\d+\* devices connected$/);
    assert.match((await ask('!syncHistory')).replies[0].body, /^(Historical chat is syncing\.\.|There is no historical chat to sync\.)$/);
  });

  test('!reaction reacts to the command', async () => {
    const since = sim.events.length;
    const id = await send({ from: PEER, body: '!reaction' });
    const ev = await event('reaction-sent', () => true, since);
    assert.equal(ev.reaction, '👍');
    assert.equal(ev.parentKey || ev.messageId || ev.key, id);
  });

  test('!sendpoll sends three polls quoting the command; !vote on one votes', async () => {
    const { id, replies } = await ask('!sendpoll', {}, 3);
    assert.deepEqual(
      replies.map((m) => [m.type, m.quotedId, m.poll.name, m.poll.options.map((o) => o.name || o)]),
      [
        ['poll_creation', id, 'Winter or Summer?', ['Winter', 'Summer']],
        ['poll_creation', id, 'Cats or Dogs?', ['Cats', 'Dogs']],
        ['poll_creation', id, 'Cats or Dogs?', ['Cats', 'Dogs']],
      ],
    );
    // !vote quoting a poll votes with the command's text after '!vote': nothing, as example.js
    // writes it, so the account's vote is an empty selection (whatsapp-web.js does the same).
    const since = sim.events.length;
    await send({ from: PEER, body: '!vote', quotedId: replies[0].id });
    const vote = await event('vote-sent', () => true, since);
    assert.equal(vote.parentKey, replies[0].id);
    // !vote quoting something else says it only works on polls.
    const other = await send({ from: PEER, body: 'not a poll' });
    assert.equal((await ask('!vote', { quotedId: other })).replies[0].body, 'Can only be used on poll messages');
  });

  test('!edit: on a contact\'s message it says so; on its own it edits to the empty rest of the command (nothing changes)', async () => {
    const theirs = await send({ from: PEER, body: 'mine, not yours' });
    assert.equal((await ask('!edit', { quotedId: theirs })).replies[0].body, 'I can only edit my own messages');
    const { replies } = await ask('!ping');
    const since = sim.events.length;
    const line = out.lines.length;
    await send({ from: PEER, body: '!edit', quotedId: replies[0].id });
    // The handler has run once the example logged the next message it gets.
    await ask('!ping');
    await logged((l) => l.startsWith('MESSAGE RECEIVED'), line);
    assert.deepEqual(sim.events.slice(since).filter((e) => e.type === 'message-edited'), []);
    assert.equal((await inbox(PEER)).find((m) => m.id === replies[0].id).body, 'pong');
  });

  test('!pinmsg pins the command for a minute; !unpin from the phone (message_create) unpins it', async () => {
    const since = sim.events.length;
    const line = out.lines.length;
    const id = await send({ from: PEER, body: '!pinmsg' });
    const pinned = await event('message-pinned', (e) => e.key === id, since);
    assert.equal(pinned.duration, 60);
    // example.js logs pin()'s answer.
    await logged((l) => l === 'true', line);
    // The account's own phone writes !unpin quoting the pinned message.
    await send({ from: ME, to: PEER, body: '!unpin', quotedId: id });
    await event('message-unpinned', (e) => e.key === id, since);
  });

  test('!delete removes its own quoted message for everyone; a contact\'s one it refuses', async () => {
    const { replies } = await ask('!ping');
    const since = sim.events.length;
    await send({ from: PEER, body: '!delete', quotedId: replies[0].id });
    await event('message-revoked', (e) => (e.key || e.messageId) === replies[0].id, since);
    const theirs = await send({ from: PEER, body: 'keep me' });
    assert.equal((await ask('!delete', { quotedId: theirs })).replies[0].body, 'I can only delete my own messages');
  });

  test('!pin, !archive, !mute change the chat; !typing, !recording, !clearstate send chat states', async () => {
    const chat = `${PEER}@c.us`;
    const seen = [];
    for (const [command, setting, value] of [
      ['!pin', 'pin', true],
      ['!archive', 'archive', true],
      ['!mute', 'mute', undefined],
      ['!typing', 'state', 'typing'],
      ['!recording', 'state', 'recording'],
      ['!clearstate', 'state', 'paused'],
    ]) {
      const ev = await effect(command, 'chat-setting', (e) => e.chat === chat && e.setting === setting);
      seen.push([command, ev.setting, value === undefined ? typeof ev.value : ev.value]);
    }
    assert.deepEqual(seen, [
      ['!pin', 'pin', true],
      ['!archive', 'archive', true],
      ['!mute', 'mute', 'number'],
      ['!typing', 'state', 'typing'],
      ['!recording', 'state', 'recording'],
      ['!clearstate', 'state', 'paused'],
    ]);
  });

  test('!mentionUsers and !mentionGroups send mentions with example.js\'s placeholders', async () => {
    const users = await ask('!mentionUsers', {}, 2);
    assert.deepEqual(
      users.replies.map((m) => m.body),
      ['Hi @XXXXXXXXXX', 'Hi @XXXXXXXXXX, @XXXXXXXXXX'],
    );
    const groups = await ask('!mentionGroups', {}, 2);
    assert.deepEqual(
      groups.replies.map((m) => m.groupMentions),
      [
        [{ groupSubject: 'GroupSubject', groupJid: 'YYYYYYYYYY@g.us' }],
        [
          { groupSubject: 'FirstGroup', groupJid: 'YYYYYYYYYY@g.us' },
          { groupSubject: 'SecondGroup', groupJid: 'YYYYYYYYYY@g.us' },
        ],
      ],
    );
  });

  test('!creategroup makes a group with example.js\'s placeholder numbers and logs the answer', async () => {
    const line = out.lines.length;
    await effect('!creategroup', 'group-created');
    await logged((l) => l.includes("title: 'Group Title'"), line);
  });

  test('in a group: !groupinfo, !subject, !desc', async () => {
    const to = group.id;
    const info = (await ask('!groupinfo', { from: OWNER, to })).replies[0].body;
    assert.match(info, /Name: Builders/);
    assert.match(info, /Description: We build/);
    assert.match(info, /Participant count: 4/);
    let since = sim.events.length;
    await send({ from: OWNER, to, body: '!subject Makers' });
    await event('group-subject', () => true, since);
    assert.equal((await sim.group.get(to)).subject, 'Makers');
    since = sim.events.length;
    await send({ from: OWNER, to, body: '!desc We make things' });
    await event('group-description', () => true, since);
    assert.equal((await sim.group.get(to)).description, 'We make things');
  });

  test('in a group: !addmembers tries example.js\'s placeholder numbers and logs the answer', async () => {
    // (In a private chat it would crash: a private chat has no addParticipants, in whatsapp-web.js too.)
    const line = out.lines.length;
    await send({ from: OWNER, to: group.id, body: '!addmembers' });
    await logged((l) => l.includes('number1@c.us'), line);
    assert.equal((await sim.group.get(group.id)).participants.length, 4);
  });

  test('in a group: !approverequest approves the pending membership request', async () => {
    const to = group.id;
    assert.deepEqual((await sim.group.get(to)).pendingRequests.map((r) => r.id), [`${ASKER}@c.us`]);
    const line = out.lines.length;
    const since = sim.events.length;
    await send({ from: OWNER, to, body: '!approverequest' });
    // It logs the answer for example.js's placeholder requesters, then approves every request:
    // the one waiting joins, and example.js's group_join handler greets in the group.
    await logged((l) => l.includes('number1@c.us'), line);
    const approved = await event('group-requests-action', (e) => e.action === 'approve' && e.results.some((r) => !r.error), since);
    assert.equal(approved.results.length, 1);
    const [greeting] = await answers(to, since);
    assert.equal(greeting.body, 'User joined.');
    const after = await sim.group.get(to);
    assert.deepEqual(after.pendingRequests, []);
    assert.ok(after.participants.some((p) => p.id === `${ASKER}@c.us`));
  });

  test('the handlers: message_reaction, message_revoke_everyone, vote_update, message_ciphertext, contact_changed', async () => {
    let line = out.lines.length;
    const { replies } = await ask('!ping');
    await control(sim, 'POST', '/_sim/peer/react', { from: PEER, messageId: replies[0].id, reaction: '❤️' });
    await logged((l) => l.startsWith('REACTION RECEIVED'), line);
    line = out.lines.length;
    const gone = await send({ from: PEER, body: 'oops, wrong chat' });
    await control(sim, 'POST', '/_sim/peer/revoke', { from: PEER, messageId: gone });
    await logged((l) => /type: 'revoked'/.test(l), line);
    const polls = await ask('!sendpoll', {}, 3);
    line = out.lines.length;
    await control(sim, 'POST', '/_sim/peer/vote', { from: PEER, messageId: polls.replies[1].id, options: ['Cats', 'Dogs'] });
    await logged((l) => l.startsWith('PollVote {'), line);
    // A message that reaches the page before it can be read (message_ciphertext) is still answered.
    const late = await ask('!ping', { ciphertextMs: 300 });
    assert.equal(late.replies[0].body, 'pong');
    // Someone the account has a chat with moves to a new number.
    const mover = '15557800005';
    assert.equal((await ask('!ping', { from: mover })).replies[0].body, 'pong');
    line = out.lines.length;
    await control(sim, 'POST', '/_sim/peer/change-number', { from: mover, to: '15557800015' });
    await logged((l) => l.includes('changed their phone number'), line);
  });

  test('in a group: group_update is logged, group_leave greets in the group', async () => {
    const to = group.id;
    let line = out.lines.length;
    await sim.group.change(to, 'subject', { by: OWNER, subject: 'Builders again' });
    await logged((l) => l.startsWith('update '), line);
    line = out.lines.length;
    const since = sim.events.length;
    await sim.removeFromGroup({ id: to, number: ASKER });
    await logged((l) => l.startsWith('leave '), line);
    assert.equal((await answers(to, since))[0].body, 'User left.');
  });

  test('in a group: !leave leaves it', async () => {
    const to = group.id;
    const since = sim.events.length;
    await send({ from: OWNER, to, body: '!leave' });
    await event('group-left', () => true, since);
    assert.ok(!(await sim.group.get(to)).participants.some((p) => p.id === `${ME}@c.us`));
  });

  test('!join with an invite code joins that group and says so', async () => {
    const other = await sim.createGroup({ subject: 'Invited', participants: [OWNER], join: false });
    const { replies } = await ask(`!join ${other.inviteCode}`);
    assert.equal(replies[0].body, 'Joined the group!');
    assert.ok((await sim.group.get(other.id)).participants.some((p) => p.id === `${ME}@c.us`));
    assert.equal((await ask('!join notacode')).replies[0].body, 'That invite code seems to be invalid.');
  });

  test('a call is rejected and answered', async () => {
    const since = sim.events.length;
    await control(sim, 'POST', '/_sim/peer/call', { from: PEER });
    await event('call-rejected', () => true, since);
    const [msg] = await answers(`${PEER}@c.us`, since);
    assert.match(msg.body, /^\[Incoming\] Phone call from .*This call was automatically rejected by the script\.$/);
  });

  test('!changeSync turns background sync on and logs true', async () => {
    const line = out.lines.length;
    await send({ from: PEER, body: '!changeSync' });
    await logged((l) => l === 'true', line);
    assert.equal((await control(sim, 'GET', '/_sim/settings')).body.backgroundSync, true);
  });

  test('!jumpto, quoting a message, opens its chat scrolled to it (client.interface.openChatWindowAt)', async () => {
    const target = await send({ from: PEER, body: 'remember this' });
    const since = sim.events.length;
    await send({ from: PEER, body: '!jumpto', quotedId: target });
    await event('ui-state', (e) => e.openAt === target && e.openChat === `${PEER}@c.us`, since);
  });

  test('!updatelabels, !removelabels, !addlabels change the chat\'s labels on a WhatsApp Business account', async () => {
    // The account turns business, with labels '0'..'2' (example.js uses the ids 0 and 1).
    sim.setLabels({ business: true, labels: [{ id: '0', name: 'New' }, { id: '1', name: 'Paid', colorIndex: 3 }, { id: '2', name: 'Other' }] });
    const chat = `${PEER}@c.us`;
    const labelsOfChat = () => sim.labels().chats[chat] || [];
    for (const [command, expected] of [
      ['!updatelabels', ['0', '1']],
      ['!removelabels', []],
      ['!addlabels', ['0', '1']],
    ]) {
      const since = sim.events.length;
      await send({ from: PEER, body: command });
      await event('labels-changed', (e) => e.chats.includes(chat), since);
      assert.deepEqual(labelsOfChat().sort(), expected, command);
    }
    sim.setLabels({ business: false });
  });

  test('!statuses logs the Broadcasts (a contact posted one) and the first one\'s chat', async () => {
    const posted = await control(sim, 'POST', '/_sim/peer/status', { from: PEER, body: 'My day' });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    const line = out.lines.length;
    await send({ from: PEER, body: '!statuses' });
    // console.log of the list, then of the chat (a PrivateChat with the poster).
    await logged((l) => /Broadcast \{/.test(l), line);
    await logged((l) => /PrivateChat \{/.test(l), line);
    assert.ok(out.lines.slice(line).some((l) => l.includes(`${PEER}@c.us`)));
  });

  test('!postStatus posts two text statuses, the second in font 1 on #0b3296', async () => {
    const since = sim.events.length;
    await send({ from: PEER, body: '!postStatus' });
    let n = 0;
    await event('status-posted', () => ++n === 2, since);
    const posted = (await control(sim, 'GET', '/_sim/status')).body.posted.slice(-2);
    assert.deepEqual(posted.map((p) => [p.body, p.color, p.font]), [['Hello there!', 0xff7acca5, 0], ['Hello again! Looks different?', 0xff0b3296, 1]]);
  });

  test('!buttons and !list: the deprecation warnings on stderr, then reply buttons and a list, as whatsapp-web.js sends them', async () => {
    const buttons = (await ask('!buttons')).replies[0];
    assert.deepEqual([buttons.type, buttons.body], ['chat', 'Button body']);
    assert.deepEqual(
      [buttons.buttons.title, buttons.buttons.footer, buttons.buttons.caption, buttons.buttons.buttons.map((b) => b.displayText)],
      ['title', 'footer', 'Button body', ['bt1', 'bt2', 'bt3']],
    );
    const list = (await ask('!list')).replies[0];
    assert.deepEqual([list.type, list.body], ['list', 'List body']);
    assert.deepEqual(
      [list.list.title, list.list.buttonText, list.list.footer, list.list.sections.map((s) => [s.title, s.rows.map((r) => [r.title, r.description])])],
      ['Title', 'btnText', 'footer', [['sectionTitle', [['ListItem1', 'desc'], ['ListItem2', '']]]]],
    );
    assert.match(run.stderr, /^Buttons are now deprecated\. See more at https:\/\/www\.youtube\.com\/watch\?v=hv1R1rLeVVE\.$/m);
    assert.match(run.stderr, /^Lists are now deprecated\. See more at https:\/\/www\.youtube\.com\/watch\?v=hv1R1rLeVVE\.$/m);
  });

  test('disconnected: a logout from the phone is logged, and the program keeps running', async () => {
    const line = out.lines.length;
    await sim.logoutFromPhone({});
    await logged((l) => l.startsWith('Client was logged out'), line);
  });

  test('the example never crashed: no uncaught exception or unhandled rejection on stderr', () => {
    assert.equal(run.exited, null, `example.js exited: ${JSON.stringify(run.exited)}\n${run.stderr}`);
    // (example.js logs some errors it catches itself, e.g. !join's invalid code: those may be there.)
    assert.doesNotMatch(run.stderr, /UnhandledPromiseRejection|triggerUncaughtException|^Node\.js v\d/m, run.stderr);
  });
});
