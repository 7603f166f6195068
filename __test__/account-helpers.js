'use strict';
// The simulator's account world as tests use it: its HTTP control API (as a script or a person
// would call it), a contact writing and the client receiving it, and one logged-in client shared
// by the tests of a `describe`.
const assert = require('node:assert/strict');
const { before, after } = require('node:test');
const { setup, waitFor, loginByQr } = require('./helpers');

/** One request to the control API; `{ status, body }`. */
async function control(sim, method, route, body) {
  const res = await fetch(new URL(route, sim.httpUrl), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** POST /_sim/peer/send; the new message's id. */
async function peerSend(sim, body) {
  const res = await control(sim, 'POST', '/_sim/peer/send', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.id;
}

/**
 * A contact writes and the client emits it as `message`: the listener is in place before the
 * message is sent (the event can come before the HTTP answer does).
 */
async function peerSendAndReceive(sim, client, body) {
  const received = waitFor(client, 'message', 20000, (m) => m.from === `${body.from}@c.us` && m.body === (body.body || ''));
  const id = await peerSend(sim, body);
  const msg = await received;
  assert.equal(msg.id._serialized, id);
  return msg;
}

/** What the account sent to that contact or group, as the contact's phone has it. */
const inbox = async (sim, peer) => (await control(sim, 'GET', `/_sim/peer/inbox?peer=${peer}`)).body.messages;

/** sendMessage() resolves once the page holds the message; the inbox has it once the server does. */
const serverHas = (sim, message) => sim.waitFor('message-sent', (e) => e.key === message.id._serialized, 30000, { since: 0 });

/** The contact's inbox once the server holds each of `sent` (the messages sendMessage() returned). */
async function delivered(sim, peer, ...sent) {
  for (const message of sent) await serverHas(sim, message);
  return inbox(sim, peer);
}

/** The contact's inbox once it holds `count` messages: for sends that return no Message (invites). */
const inboxHolding = (sim, peer, count) => until(() => inbox(sim, peer), (list) => list.length >= count, `${count} messages in ${peer}'s inbox`);

/**
 * A simulator and a client logged in by QR before the tests of the enclosing `describe`, closed
 * after them: `shared.ctx`, `shared.client`. `onClient(client)` runs before the login (listeners);
 * `clientOptions` are the client's options.
 */
function sharedClient(onClient, clientOptions = {}) {
  const shared = {};
  before(async () => {
    shared.ctx = await setup();
    shared.client = shared.ctx.client(clientOptions);
    if (onClient) onClient(shared.client);
    await loginByQr(shared.ctx, shared.client);
  });
  after(() => shared.ctx.close());
  return shared;
}

/** `promise` rejects with an error of this `code` (and a message matching `message`, if given). */
async function rejectsWithCode(promise, code, message) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

/** The simulator's events of these kinds from index `since` on (nothing reached it: []). */
const eventsSince = (sim, since, ...kinds) => sim.events.slice(since).filter((e) => kinds.includes(e.type));

/** Polls `read` until `ok(value)` (e.g. the server pushes to the page after answering). */
async function until(read, ok, what) {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

/** A JPEG's width and height, from its first SOFn marker. */
function jpegSize(bytes) {
  assert.deepEqual([bytes[0], bytes[1]], [0xff, 0xd8], 'a JPEG');
  for (let i = 2; i + 9 < bytes.length; ) {
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)];
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

module.exports = { control, peerSend, peerSendAndReceive, inbox, serverHas, delivered, inboxHolding, sharedClient, rejectsWithCode, eventsSince, until, jpegSize };
