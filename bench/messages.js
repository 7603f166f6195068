'use strict';
const { median } = require('./stats');
const { alternatingRuns, loggedInRun, runRow, timedSends } = require('./after-login');
// The messages phase of the bench (BENCH_PHASES=messages): what a bot does after `ready`, for our
// client and whatsapp-web.js 1.34.7, side by side on the same simulator (bench/README.md, "The
// messages phase"). bench/run.js calls messagesPhase() and messageRows() with its own helpers
// (workers, the scan, failures, statistics), so both phases share them.
//
// Every run is a fresh worker that logs in by QR scan into a fresh account (the phone of another
// number scans: sim.phone.scan(qr, { phone })), so no run sees an earlier run's messages as
// history at login. In each run, after `ready` and a settle:
//   1. a contact writes LATENCY messages, spaced: sim.peer.send() (the in-process form of
//      POST /_sim/peer/send) -> the worker's `message` event;
//   2. SENDS x client.sendMessage('<contact>@c.us', text) -> the simulator's `message-sent` event
//      (the server stored it: it is in the contact's inbox), and when sendMessage() resolves;
//   3. a contact writes BURST messages as fast as the simulator takes them; the worker checks each
//      one is emitted, once, in order; time to the last `message`, and the worker's memory;
//   4. CHATS contacts write one message each; then client.getChats() is timed.

const MiB = 1024 * 1024;

// The knobs (bench/README.md), read with run.js's envInt when the phase starts.
function messageConfig(envInt) {
    return {
        latency: envInt('BENCH_MSG_LATENCY', 20, 1),
        sends: envInt('BENCH_MSG_SENDS', 10, 1),
        // Between the messages of 1. and the calls of 2.: long enough that each is handled alone.
        spacingMs: envInt('BENCH_MSG_SPACING_MS', 300, 0),
        burst: envInt('BENCH_MSG_BURST', 1000, 1),
        chats: envInt('BENCH_MSG_CHATS', 500, 1),
        // A client that lost messages: give up waiting once none has come for this long.
        quietMs: envInt('BENCH_MSG_QUIET_MS', 15000, 1000),
    };
}

// The simulated numbers: each run's account, and the contacts writing to it. Chats are per account,
// so the contacts can be the same in every run.
const ACCOUNT_BASE = 15550200000;
const LATENCY_PEER = '15557300001';
const SEND_PEER = '15557300002';
const BURST_PEER = '15557300003';
const SEED_BASE = 15557400000;

// 1. sim.peer.send() -> `message` in the worker, LATENCY times, spaced.
async function incomingLatency(ctx, w, account) {
    const sentAt = [];
    for (let i = 0; i < ctx.msg.latency; i++) {
        sentAt.push(ctx.hrNow());
        ctx.sim.peer.send({ from: LATENCY_PEER, to: account, body: `lat ${i}` });
        await ctx.sleep(ctx.msg.spacingMs);
    }
    const got = await w.request('waitMessages', { sid: 1, prefix: 'lat ', count: ctx.msg.latency, quietMs: ctx.msg.quietMs }, 60000);
    const firstAt = new Map();
    for (const m of got.messages) if (!firstAt.has(m.body)) firstAt.set(m.body, m.t);
    const samples = sentAt.map((t, i) => (firstAt.has(`lat ${i}`) ? firstAt.get(`lat ${i}`) - t : null));
    return { samples, median: median(samples), received: firstAt.size, missing: ctx.msg.latency - firstAt.size };
}

// 2. client.sendMessage() -> the message in the contact's inbox, SENDS times, spaced
// (bench/after-login.js, timedSends), each checked there with its text.
function outgoing(ctx, w) {
    return timedSends(ctx, w, SEND_PEER, {
        count: ctx.msg.sends,
        spacingMs: ctx.msg.spacingMs,
        send: (i) => w.request('sendMessage', { sid: 1, to: `${SEND_PEER}@c.us`, body: `out ${i}` }, ctx.T.call),
        check: (m, i) => {
            if (m.body !== `out ${i}`) throw new Error(`${m.id} is in ${SEND_PEER}'s inbox with another text: ${JSON.stringify(m.body)}`);
        },
    });
}

// What came of a burst numbered 0..n-1: missing, duplicated and out-of-order events. A message
// emitted twice counts as a duplicate (once per extra copy); one emitted after a later-numbered one
// counts as out of order.
function checkSequence(messages, prefix, n) {
    const seen = new Set();
    let duplicates = 0;
    let outOfOrder = 0;
    let highest = -1;
    for (const m of messages) {
        const seq = Number(m.body.slice(prefix.length));
        if (seen.has(seq)) {
            duplicates++;
            continue;
        }
        seen.add(seq);
        if (seq < highest) outOfOrder++;
        highest = Math.max(highest, seq);
    }
    return { received: messages.length, unique: seen.size, missing: n - seen.size, duplicates, outOfOrder };
}

// 3. BURST messages from one contact, sent in one synchronous loop (as fast as the simulator takes
// them); time from the first send to the last `message`; the worker's VmHWM and RSS before and
// after, read from /proc here; the Chromium tree's peak RSS over the burst, sampled.
async function burst(ctx, w, account) {
    const before = ctx.procfs.memStatus(w.pid);
    const treeBefore = ctx.procfs.snapshot(w.pid, w.dir).tree.rss;
    const sampler = new ctx.procfs.PeakSampler(w.pid, w.dir, ctx.CONFIG.sampleMs);
    let after;
    let got;
    let firstAt;
    let sentMs;
    let peak;
    try {
        firstAt = ctx.hrNow();
        for (let i = 0; i < ctx.msg.burst; i++) ctx.sim.peer.send({ from: BURST_PEER, to: account, body: `burst ${i}` });
        sentMs = ctx.hrNow() - firstAt;
        got = await w.request('waitMessages', { sid: 1, prefix: 'burst ', count: ctx.msg.burst, quietMs: ctx.msg.quietMs }, 300000);
        after = ctx.procfs.memStatus(w.pid);
    } finally {
        peak = sampler.stop();
    }
    const check = checkSequence(got.messages, 'burst ', ctx.msg.burst);
    const lastAt = got.messages.length ? Math.max(...got.messages.map((m) => m.t)) : null;
    return {
        ...check,
        ended: got.reason,
        sentMs,
        lastMessageMs: lastAt == null ? null : lastAt - firstAt,
        nodeHwmBefore: before.hwm,
        nodeHwmAfter: after.hwm,
        nodeHwmGrowth: after.hwm - before.hwm,
        nodeRssBefore: before.rss,
        nodeRssAfter: after.rss,
        nodeRssGrowth: after.rss - before.rss,
        chromiumRssBefore: treeBefore,
        chromiumPeakRss: peak.tree,
    };
}

// 4. CHATS contacts write one message each (the existing peer route: each makes a chat); once the
// client has emitted them all, getChats() is timed, twice (the first call and a repeat).
async function chats(ctx, w, account) {
    for (let i = 0; i < ctx.msg.chats; i++) ctx.sim.peer.send({ from: String(SEED_BASE + i), to: account, body: `seed ${i}` });
    const got = await w.request('waitMessages', { sid: 1, prefix: 'seed ', count: ctx.msg.chats, quietMs: ctx.msg.quietMs }, 300000);
    await ctx.sleep(ctx.CONFIG.gapMs);
    const first = await w.request('getChats', { sid: 1 }, ctx.T.call);
    await ctx.sleep(ctx.CONFIG.gapMs);
    const again = await w.request('getChats', { sid: 1 }, ctx.T.call);
    return { seeded: ctx.msg.chats, seedMessagesSeen: got.messages.length, ms: first.ms, count: first.count, repeatMs: again.ms, repeatCount: again.count };
}


// One run: a fresh worker and account, logged in by QR scan, then the four measures.
function messagesRun(ctx, kind, label, account) {
    return loggedInRun(ctx, kind, label, account, {
        beforeScan: (w) => w.request('watchMessages', { sid: 1 }),
        steps: [
            ['incoming', 'incoming latency', (w) => incomingLatency(ctx, w, account)],
            ['outgoing', 'sendMessage', (w) => outgoing(ctx, w)],
            ['burst', 'burst', (w) => burst(ctx, w, account)],
            ['chats', 'getChats', (w) => chats(ctx, w, account)],
        ],
        // Copies or stragglers of the burst that came after its wait (during m4) count too.
        after: async (w, r) => {
            if (!r.burst) return;
            const late = await w.request('waitMessages', { sid: 1, prefix: 'burst ', count: 0, quietMs: 1000 });
            Object.assign(r.burst, checkSequence(late.messages, 'burst ', ctx.msg.burst));
        },
    });
}

function summary(ctx, r) {
    const f = (x, d = 0) => (x == null ? '-' : x.toFixed(d));
    const parts = [];
    if (r.incoming) parts.push(`peer send -> message ${f(r.incoming.median, 1)} ms (${r.incoming.received}/${ctx.msg.latency})`);
    if (r.outgoing) parts.push(`sendMessage -> inbox ${f(r.outgoing.inboxMs, 1)} ms, resolves ${f(r.outgoing.resolveMs, 1)} ms`);
    if (r.burst) parts.push(`burst ${f(r.burst.lastMessageMs)} ms, missing ${r.burst.missing}, dup ${r.burst.duplicates}, out of order ${r.burst.outOfOrder}, VmHWM +${f(r.burst.nodeHwmGrowth / MiB, 1)} MiB`);
    if (r.chats) parts.push(`getChats ${f(r.chats.ms, 1)} ms (${r.chats.count} chats)`);
    return parts.join('; ');
}

// Runs alternate ours, whatsapp-web.js, ours, ...; warm-up rounds come first and are discarded.
// ctx: run.js's { sim, CONFIG, T, envInt, log, sleep, hrNow, attempt, newWorker, scanToReady, procfs }.
async function messagesPhase(runnerCtx) {
    const ctx = { ...runnerCtx, msg: messageConfig(runnerCtx.envInt) };
    const runs = await alternatingRuns(ctx, 'messages', ACCOUNT_BASE, (kind, label, account) => messagesRun(ctx, kind, label, account), (r) => summary(ctx, r));
    return { config: ctx.msg, runs };
}

// The table rows, in the shape of the other phases' rows.
function messageRows(messages, statsFns) {
    const rows = [];
    const row = (...args) => rows.push(runRow(messages.runs, statsFns, ...args));
    const c = messages.config;
    const of = (part, f) => (r) => (r[part] ? f(r[part]) : null);
    row('m.in', `(m1) peer send -> message (median of ${c.latency})`, 'ms', of('incoming', (x) => x.median));
    row('m.in.missing', '    messages not emitted', '', of('incoming', (x) => x.missing));
    row('m.out', `(m2) sendMessage() -> in peer's inbox (median of ${c.sends})`, 'ms', of('outgoing', (x) => x.inboxMs));
    row('m.out.resolve', '    sendMessage() resolves', 'ms', of('outgoing', (x) => x.resolveMs));
    row('m.burst', `(m3) ${c.burst} incoming: first send -> last message`, 'ms', of('burst', (x) => x.lastMessageMs));
    row('m.burst.missing', '    missing', '', of('burst', (x) => x.missing));
    row('m.burst.dup', '    emitted twice (extra copies)', '', of('burst', (x) => x.duplicates));
    row('m.burst.order', '    out of order', '', of('burst', (x) => x.outOfOrder));
    row('m.burst.hwm', '    Node VmHWM growth over the burst', 'MiB', of('burst', (x) => x.nodeHwmGrowth / MiB));
    row('m.burst.rss', '    Node RSS growth over the burst', 'MiB', of('burst', (x) => x.nodeRssGrowth / MiB));
    row('m.chats', `(m4) getChats() with ${c.chats} chats`, 'ms', of('chats', (x) => x.ms));
    row('m.chats.count', '    chats returned', '', of('chats', (x) => x.count));
    return rows;
}

function messagesNote(messages) {
    const c = messages.config;
    return (
        `(m) messages: each run is a fresh worker logged in by QR scan into a fresh account, measured from ready + settle on. ` +
        `(m1) ${c.latency} messages ${c.spacingMs} ms apart, timed from sim.peer.send() (the in-process POST /_sim/peer/send) in the runner to the worker's 'message' event; ` +
        `(m2) one untimed getNumberId(), then ${c.sends} sendMessage() calls, timed to the simulator's 'message-sent' event (the server stored it: the contact's inbox has it), stamped in the runner; ` +
        `(m3) ${c.burst} messages from one contact in one synchronous loop, each expected once and in order (gives up after ${c.quietMs} ms without a new one), Node memory from /proc before and after; ` +
        `(m4) ${c.chats} contacts write one message each, then getChats() (first call) is timed.`
    );
}

module.exports = { messagesPhase, messageRows, messagesNote, checkSequence };
