'use strict';
// Labels of a WhatsApp Business account: client.getLabels(), getLabelById(), getChatLabels(),
// getChatsByLabelId(), addOrRemoveLabels(), chat.getLabels(), chat.changeLabels() and
// label.getChats(), each shown by its effect on the simulator's server (GET /_sim/labels, the
// `labels-changed` log). A personal account has no labels and cannot change them. Bad input is
// rejected with a named error and nothing reaches the server.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { PrivateChat } = require('..');
const { control, peerSendAndReceive, sharedClient } = require('./account-helpers');

const PEER = '15557300001';
const PEER_ID = `${PEER}@c.us`;
const OTHER = '15557300002';
const OTHER_ID = `${OTHER}@c.us`;

const changes = (sim) => sim.events.filter((e) => e.type === 'labels-changed').length;
const serverChats = async (sim) => {
  const res = await control(sim, 'GET', '/_sim/labels');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.chats;
};
const sorted = (list) => [...list].sort();

/** Waits until the client's page has `count` labels (the server pushes them to the page). */
async function labelsReach(client, count) {
  for (let i = 0; i < 100; i += 1) {
    const labels = await client.getLabels();
    if (labels.length === count) return labels;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the page never had ${count} labels`);
}

describe('labels on one logged-in client', () => {
  const shared = sharedClient();

  test('a personal account: no labels, and changing them is ERR_NOT_SUPPORTED with nothing changed', async () => {
    const { ctx, client } = shared;
    await peerSendAndReceive(ctx.sim, client, { from: PEER, body: 'hello' });
    assert.equal(ctx.sim.labels().business, false);
    assert.deepEqual(await client.getLabels(), []);
    const chat = await client.getChatById(PEER_ID);
    assert.deepEqual(await chat.getLabels(), []);
    await assert.rejects(chat.changeLabels(['1']), (e) => e.code === 'ERR_NOT_SUPPORTED' && /WhatsApp Business/.test(e.message));
    await assert.rejects(client.addOrRemoveLabels([], [PEER_ID]), { code: 'ERR_NOT_SUPPORTED' });
    assert.equal(changes(ctx.sim), 0);
    assert.deepEqual(await serverChats(ctx.sim), {});
  });

  test('a business account: its labels, as Label with id, name and hexColor', async () => {
    const { ctx, client } = shared;
    const res = await control(ctx.sim, 'POST', '/_sim/labels', { business: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.platform, 'smba');
    const labels = await labelsReach(client, 5);
    assert.deepEqual(labels.map((l) => [l.id, l.name]), [['1', 'New customer'], ['2', 'New order'], ['3', 'Pending payment'], ['4', 'Paid'], ['5', 'Order complete']]);
    for (const label of labels) {
      assert.equal(label.constructor.name, 'Label');
      assert.match(label.hexColor, /^#[0-9a-f]{6}$/);
      assert.equal(typeof label.getChats, 'function');
    }
    const paid = await client.getLabelById('4');
    assert.deepEqual([paid.id, paid.name, paid.hexColor], ['4', 'Paid', labels[3].hexColor]);
    // A number names the same label.
    assert.equal((await client.getLabelById(4)).name, 'Paid');
  });

  test('chat.changeLabels() gives the chat exactly those labels, on the server; getLabels(), getChatsByLabelId() and label.getChats() see them', async () => {
    const { ctx, client } = shared;
    await peerSendAndReceive(ctx.sim, client, { from: OTHER, body: 'hi there' });
    const chat = await client.getChatById(PEER_ID);
    assert.equal(await chat.changeLabels(['1', 2]), undefined);
    assert.deepEqual(sorted((await serverChats(ctx.sim))[PEER_ID]), ['1', '2']);
    assert.deepEqual(sorted((await chat.getLabels()).map((l) => l.name)), ['New customer', 'New order']);
    assert.deepEqual((await client.getChatLabels(PEER_ID)).map((l) => l.id).sort(), ['1', '2']);
    const onFirst = await client.getChatsByLabelId('1');
    assert.equal(onFirst.length, 1);
    assert.ok(onFirst[0] instanceof PrivateChat);
    assert.equal(onFirst[0].id._serialized, PEER_ID);
    const [label] = await client.getChatLabels(PEER_ID);
    assert.deepEqual((await label.getChats()).map((c) => c.id._serialized), [PEER_ID]);

    // Several chats at once: each gets exactly label 3 (the others come off).
    await client.addOrRemoveLabels(['3'], [PEER_ID, OTHER_ID]);
    const now = await serverChats(ctx.sim);
    assert.deepEqual([now[PEER_ID], now[OTHER_ID]], [['3'], ['3']]);
    assert.deepEqual(sorted((await client.getChatsByLabelId('3')).map((c) => c.id._serialized)), [PEER_ID, OTHER_ID]);
    assert.deepEqual(await client.getChatsByLabelId('1'), []);

    // No labels: all come off.
    await chat.changeLabels([]);
    assert.equal((await serverChats(ctx.sim))[PEER_ID], undefined);
    assert.deepEqual(await chat.getLabels(), []);
  });

  test('bad label ids, bad chat ids and wrong types are rejected with named errors; nothing changes', async () => {
    const { ctx, client } = shared;
    const before = await serverChats(ctx.sim);
    const count = changes(ctx.sim);
    const cases = [
      [() => client.addOrRemoveLabels('1', [PEER_ID]), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.addOrRemoveLabels([-1], [PEER_ID]), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.addOrRemoveLabels([1.5], [PEER_ID]), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.addOrRemoveLabels(['paid'], [PEER_ID]), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.addOrRemoveLabels([{}], [PEER_ID]), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.addOrRemoveLabels(['1', '99'], [PEER_ID]), 'ERR_INVALID_ARGUMENT', /no label "99"/],
      [() => client.addOrRemoveLabels(['1'], PEER_ID), 'ERR_INVALID_ARGUMENT', /chatIds/],
      [() => client.addOrRemoveLabels(['1'], ['not a chat']), 'ERR_INVALID_CHAT_ID', /not a chat id/],
      [() => client.addOrRemoveLabels(['1'], [42]), 'ERR_INVALID_CHAT_ID', /string/],
      [() => client.addOrRemoveLabels(['1'], [PEER_ID, '15557309999@c.us']), 'ERR_INVALID_CHAT_ID', /no chat "15557309999@c.us"/],
      [async () => (await client.getChatById(PEER_ID)).changeLabels('1'), 'ERR_INVALID_ARGUMENT', /labelIds/],
      [() => client.getLabelById('99'), 'ERR_INVALID_ARGUMENT', /no label "99"/],
      [() => client.getLabelById({}), 'ERR_INVALID_ARGUMENT', /labelId/],
      [() => client.getChatsByLabelId('99'), 'ERR_INVALID_ARGUMENT', /no label "99"/],
      [() => client.getChatsByLabelId(null), 'ERR_INVALID_ARGUMENT', /labelId/],
      [() => client.getChatLabels(42), 'ERR_INVALID_CHAT_ID', /string/],
      [() => client.getChatLabels('nobody'), 'ERR_INVALID_CHAT_ID', /not a chat id/],
    ];
    for (const [call, code, message] of cases) {
      await assert.rejects(call(), (e) => {
        assert.equal(e.code, code, `${call}: ${e.message}`);
        assert.match(e.message, message);
        return true;
      });
    }
    assert.equal(changes(ctx.sim), count, 'nothing reached the server');
    assert.deepEqual(await serverChats(ctx.sim), before);
  });

  test('labels the phone changes reach the page; an account made personal again has none', async () => {
    const { ctx, client } = shared;
    ctx.sim.setLabels({ labels: [{ id: '7', name: 'VIP', colorIndex: 2 }] });
    const [vip] = await labelsReach(client, 1);
    assert.deepEqual([vip.id, vip.name], ['7', 'VIP']);
    await client.addOrRemoveLabels(['7'], [PEER_ID]);
    assert.deepEqual((await serverChats(ctx.sim))[PEER_ID], ['7']);
    ctx.sim.setLabels({ business: false });
    await labelsReach(client, 0);
    assert.deepEqual(await client.getChatLabels(PEER_ID), []);
    await assert.rejects(client.addOrRemoveLabels(['7'], [PEER_ID]), { code: 'ERR_NOT_SUPPORTED' });
  });
});
