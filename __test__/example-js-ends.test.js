'use strict';
// What whatsapp-web.js's own example.js does with the commands that end it: each uses a
// placeholder whatsapp-web.js fails on too, in a handler that does not catch, so the program ends
// on an unhandled rejection. Run against the simulator, whatsapp-web.js 1.34.7 (unchanged, on
// the same simulator) ends the same way:
// - !parseVCard sends two vCards to 'XXXXXXXXXX@c.us': whatsapp-web.js rejects with the page's
//   Error "No LID for user"; whatsapp-web-rs with ERR_INVALID_CHAT_ID (the text is no phone number).
// - !getGroupMentions sends to 'chatId': whatsapp-web.js rejects with "wid error: invalid wid"
//   (the page's createWid); whatsapp-web-rs with ERR_INVALID_CHAT_ID.
// - group_membership_request: the handler calls the misspelt client.approveGroupMembershipRequestss,
//   a TypeError ("... is not a function") in both, after logging the notification.
// Nothing is sent and the request stays pending. Each command ends its program, so each runs in
// an example.js of its own (example-js-helpers.js): three logins, under a minute in all.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { startSimulator } = require('../simulator');
const { TEST_ROOT, FAST, chromiumPidsUnder } = require('./helpers');
const { control } = require('./account-helpers');
const { LIMIT, startExample, stopExample } = require('./example-js-helpers');

const ME = '15550100001';
const PEER = '15557900001';
const OWNER = '15557900002';
const ASKER = '15557900003';

/** The program ended on an unhandled rejection of `error` (its stderr names it), exit code 1. */
async function endsWith(run, error) {
  const ended = await Promise.race([
    run.ended,
    new Promise((resolve) => setTimeout(resolve, LIMIT, 'still running')),
  ]);
  assert.deepEqual(ended, { code: 1, signal: null }, `example.js did not end:\n${run.stderr}`);
  assert.match(run.stderr, error);
  assert.match(run.stderr, /^Node\.js v\d/m);
}

describe("whatsapp-web.js's example.js: the commands that end it, as they end it on whatsapp-web.js", () => {
  let sim;
  const runs = [];

  before(async () => {
    sim = await startSimulator(FAST);
    await sim.addContacts([{ number: PEER, name: 'Pat' }, { number: OWNER }, { number: ASKER }]);
  });

  after(async () => {
    for (const { run, dataPath } of runs) {
      await stopExample(run, dataPath);
      assert.deepEqual(chromiumPidsUnder(dataPath), [], 'a Chromium of example.js outlived it');
      fs.rmSync(dataPath, { recursive: true, force: true });
    }
    if (sim) await sim.close();
  });

  /** A fresh example.js, logged in. */
  async function example() {
    const dataPath = fs.mkdtempSync(path.join(TEST_ROOT, 'example-js-ends-'));
    const entry = { dataPath, run: null };
    runs.push(entry);
    entry.run = await startExample(sim, dataPath);
    return entry.run;
  }
  const sentSince = (since) => sim.events.slice(since).filter((e) => e.type === 'message-sent');

  test("!parseVCard: the placeholder 'XXXXXXXXXX@c.us' is no chat id: ERR_INVALID_CHAT_ID ends the program, nothing sent", async () => {
    const run = await example();
    const since = sim.events.length;
    const res = await control(sim, 'POST', '/_sim/peer/send', { from: PEER, body: '!parseVCard' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await endsWith(run, /code: 'ERR_INVALID_CHAT_ID'/);
    assert.match(run.stderr, /XXXXXXXXXX@c\.us/);
    assert.deepEqual(sentSince(since), []);
  });

  test("!getGroupMentions: the placeholder 'chatId' is no chat id: ERR_INVALID_CHAT_ID ends the program, nothing sent", async () => {
    const run = await example();
    const since = sim.events.length;
    const res = await control(sim, 'POST', '/_sim/peer/send', { from: PEER, body: '!getGroupMentions' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await endsWith(run, /code: 'ERR_INVALID_CHAT_ID'/);
    assert.deepEqual(sentSince(since), []);
  });

  test('group_membership_request: the notification is logged, then the misspelt approveGroupMembershipRequestss is a TypeError that ends the program; the request stays pending', async () => {
    const run = await example();
    const group = await sim.createGroup({ subject: 'Askers', participants: [OWNER, PEER] });
    assert.ok(group.ok, JSON.stringify(group));
    await sim.group.change(group.id, 'settings', { by: OWNER, membershipApproval: true });
    let line = run.out.lines.length;
    await sim.group.change(group.id, 'promote', { by: OWNER, participants: [ME] });
    await Promise.race([run.out.waitLine((l) => l.startsWith('You were promoted by'), LIMIT, line), run.crashed]);
    line = run.out.lines.length;
    await sim.group.request(group.id, { from: ASKER });
    await endsWith(run, /TypeError: client\.approveGroupMembershipRequestss is not a function/);
    // console.log(notification) came first: a GroupNotification of the request.
    assert.ok(run.out.lines.slice(line).some((l) => /GroupNotification|created_membership_requests|membership_approval_request/.test(l)), run.out.lines.slice(line).join('\n'));
    const state = (await control(sim, 'GET', `/_sim/groups/${encodeURIComponent(group.id)}`)).body;
    assert.equal(state.pendingRequests.length, 1);
  });
});
