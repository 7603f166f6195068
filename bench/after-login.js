'use strict';
// What the phases measured after login share (bench/messages.js, bench/features.js): a run is a
// fresh worker whose client logs in by QR scan into a fresh account, and runs alternate ours,
// whatsapp-web.js, ours, ... after discarded warm-up rounds.
//
// `ctx` is run.js's { sim, CONFIG, T, envInt, log, sleep, hrNow, attempt, newWorker, scanToReady,
// procfs } plus the phase's own config.

const { median } = require('./stats');

// One run: a fresh worker, logged in by QR scan into `account` (the phone of that number scans, so
// no run sees an earlier run's messages as history), then from ready plus a settle its `steps`,
// [field, name, (w) => result], `BENCH_GAP_MS` apart, each an attempt of its own (one that fails is
// recorded and the others still count), then `after(w, r)`. `beforeScan(w)` is for listeners that
// must not miss anything. Answers { kind, account, [field]: result or null }.
async function loggedInRun(ctx, kind, label, account, { beforeScan, steps, after }) {
    const { w } = await ctx.newWorker(kind, label, ctx.sim);
    try {
        const a = await w.request('start', { sid: 1 }, ctx.T.start);
        if (beforeScan) await beforeScan(w);
        await ctx.scanToReady(ctx.sim, w, 1, a.qr, account);
        // whatsapp-web.js 1.34.7 misses messages that arrive between the first sync and `ready`;
        // nothing is sent before ready plus a settle, for both.
        await ctx.sleep(ctx.CONFIG.settleMs);
        const r = { kind, account };
        for (const [i, [field, name, fn]] of steps.entries()) {
            if (i) await ctx.sleep(ctx.CONFIG.gapMs);
            r[field] = await ctx.attempt(`${label} ${name}`, ctx.sim, () => fn(w));
        }
        if (after) await after(w, r);
        await w.request('destroy', { sid: 1 }, ctx.T.destroy);
        return r;
    } finally {
        await w.close();
        // The device is gone; the phone unlinks it, so the account's session does not linger.
        ctx.sim.logoutFromPhone({ wid: `${account}@c.us` });
    }
}

// Runs `run(kind, label, account)` for ours and whatsapp-web.js in turn, CONFIG.warmup discarded
// rounds then CONFIG.runs measured ones, each with a new account numbered from `accountBase`.
// A run that fails is recorded by ctx.attempt and left out. Returns { ours: [...], wwebjs: [...] }.
async function alternatingRuns(ctx, phase, accountBase, run, summary) {
    const runs = { ours: [], wwebjs: [] };
    const total = ctx.CONFIG.warmup + ctx.CONFIG.runs;
    let n = 0;
    for (let i = 0; i < total; i++) {
        const warm = i < ctx.CONFIG.warmup;
        const tag = warm ? `warm-up ${i + 1}` : `run ${i - ctx.CONFIG.warmup + 1}/${ctx.CONFIG.runs}`;
        for (const kind of ['ours', 'wwebjs']) {
            const label = `${kind} ${phase} ${tag}`;
            const account = String(accountBase + ++n);
            const r = await ctx.attempt(label, ctx.sim, () => run(kind, label, account));
            if (r) {
                ctx.log(`${label}: ${summary(r)}`);
                if (!warm) runs[kind].push(r);
            }
            await ctx.sleep(ctx.CONFIG.gapMs);
        }
    }
    return runs;
}

// `count` sends to the contact `peer`, one at a time, `spacingMs` apart: `send(i)` asks the worker
// and answers its { calledAt, resolvedAt, id } (hrtime). Each is timed from the call to the
// simulator's `message-sent` event (logged synchronously when its server stores the message, which
// is when GET /_sim/peer/inbox lists it), stamped here; then `check(m, i)` looks at what the
// contact got (throws when it is wrong; what it answers is added to the sample). One untimed
// getNumberId(peer) first: on today's page a chat with a number needs its LID, which
// whatsapp-web.js does not look up itself.
async function timedSends(ctx, w, peer, { count, spacingMs, send, check }) {
    const stored = new Map();
    const onEvent = (ev) => {
        if (ev.type === 'message-sent' && ev.to === `${peer}@c.us`) stored.set(ev.key, ctx.hrNow());
    };
    ctx.sim.on('event', onEvent);
    const samples = [];
    try {
        const known = await w.request('getNumberId', { sid: 1, number: peer }, ctx.T.call);
        if (known.id !== `${peer}@c.us`) throw new Error(`getNumberId(${peer}) gave ${known.id}`);
        for (let i = 0; i < count; i++) {
            const r = await send(i);
            // Both clients resolve once the page holds the message, which can be before the server
            // stored it: wait for that (bounded), then check what the contact got.
            const deadline = ctx.hrNow() + ctx.T.call;
            while (!stored.has(r.id) && ctx.hrNow() < deadline) await ctx.sleep(5);
            const m = ctx.sim.peer.inbox(peer).messages.find((x) => x.id === r.id);
            if (!m) throw new Error(`sendMessage() resolved with ${r.id}, which is not in ${peer}'s inbox`);
            const extra = check(m, i);
            samples.push({ inboxMs: stored.has(r.id) ? stored.get(r.id) - r.calledAt : null, resolveMs: r.resolvedAt - r.calledAt, id: r.id, ...extra });
            await ctx.sleep(spacingMs);
        }
    } finally {
        ctx.sim.off('event', onEvent);
    }
    return { samples, inboxMs: median(samples.map((s) => s.inboxMs)), resolveMs: median(samples.map((s) => s.resolveMs)) };
}

// A table row in the shape of the other phases' rows, from a value picked out of each run.
function runRow(runs, { stats, ratio }, id, label, unit, value) {
    const ours = stats(runs.ours.map(value));
    const wwebjs = stats(runs.wwebjs.map(value));
    return { id, label, unit, ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null };
}

module.exports = { alternatingRuns, loggedInRun, runRow, timedSends };
