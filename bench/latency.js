'use strict';
// Phases 1 and 2: the latency runs (a)-(e) with the bare-Chromium floor, the sharedBrowser,
// first-process, LocalAuth-restart and bare-Node runs, and (f) CPU while idle in QR mode.

const chromium = require('../simulator/chromium');
const procfs = require('./procfs');
const { CONFIG, FLOOR_CACHE_DIR, MiB, PHONE, SHARED_CACHE_HOME, SIM_HR, T, WALL_MINUS_HR, attempt, hrNow, log, newWorker, scanToReady, sleep } = require('./harness');
const { stats } = require('./stats');

// ---- phase 1: latency runs, (a)-(e) and the floor -----------------------------------------------

// Where the cold start went, from the simulator's side: when the page's WebSocket opened (Chromium
// launched and the page loaded) and when the first ref was issued, relative to the timed start;
// the rest up to the qr/ref being read is the client noticing the ref.
//
// On the varied page each load draws how long the page itself waits for its modules and then its
// keys (the first ref), 300-1,300 ms in all: the same wait for every client, and with 5 runs per
// kind it decides the medians. `drawnWaitMs` is that load's draw (the first page served in the
// run), and `qrLessDrawsMs` the time to the first qr without it, so kinds compare on what they do
// themselves.
function startBreakdown(sim, since, startedAt, doneMs) {
    const events = sim.events.slice(since);
    const at = (type) => {
        const ev = events.find((e) => e.type === type);
        return ev ? ev.t - WALL_MINUS_HR - startedAt : null;
    };
    const socketOpenMs = at('socket-open');
    const refIssuedMs = at('ref-issued');
    const served = events.find((e) => e.type === 'page-served' && e.draw);
    const drawnWaitMs = served ? served.draw.moduleDelayMs + served.draw.keysDelayMs : null;
    return {
        socketOpenMs,
        refIssuedMs,
        refToQrMs: refIssuedMs == null ? null : doneMs - refIssuedMs,
        drawnWaitMs,
        qrLessDrawsMs: drawnWaitMs == null ? null : doneMs - drawnWaitMs,
    };
}

// Where a pairing call's time went, from the simulator's side (hrtime stamps of its events,
// relative to the call): the same server events for both clients, so the rest is the client's.
function callBreakdown(sim, since, calledAt, types) {
    const out = {};
    for (const [key, type] of Object.entries(types)) {
        const ev = sim.events.slice(since).find((e) => e.type === type);
        out[key] = ev && SIM_HR.has(ev) ? SIM_HR.get(ev) - calledAt : null;
    }
    return out;
}

async function clientRun(kind, label, sim) {
    const { w, requireMs } = await newWorker(kind, label, sim, { cacheHome: kind === 'ours' ? SHARED_CACHE_HOME : undefined });
    const sampler = new procfs.PeakSampler(w.pid, w.dir, CONFIG.sampleMs);
    try {
        const since = sim.events.length;
        const a = await w.request('start', { sid: 1 }, T.start);
        const breakdown = startBreakdown(sim, since, a.startedAt, a.qrMs);
        // (b) and (c) in BENCH_PAIR_CYCLES cycles (code, then back to a QR), BENCH_GAP_MS apart:
        // a run's figure is the median of its cycles, the first cycle is also kept on its own.
        const cycles = [];
        for (let i = 0; i < CONFIG.pairCycles; i++) {
            await sleep(CONFIG.gapMs);
            const sinceB = sim.events.length;
            const b = await w.request('pair', { sid: 1, phone: PHONE }, T.call);
            const bSim = callBreakdown(sim, sinceB, b.calledAt, { pairHelloMs: 'companion-hello', pairIssuedMs: 'code-issued' });
            await sleep(CONFIG.gapMs);
            const sinceC = sim.events.length;
            const c = await w.request('cancel', { sid: 1 }, T.call);
            const cSim = callBreakdown(sim, sinceC, c.calledAt, { cancelClosedMs: 'socket-closed', cancelOpenMs: 'socket-open', cancelRefMs: 'ref-issued' });
            cycles.push({ b, bSim, c, cSim });
        }
        const cycleMedian = (pick) => stats(cycles.map(pick))?.median ?? null;
        const b = { requestMs: cycleMedian((x) => x.b.requestMs), codeEventMs: cycleMedian((x) => x.b.codeEventMs) };
        const bSim = {
            pairHelloMs: cycleMedian((x) => x.bSim.pairHelloMs),
            pairIssuedMs: cycleMedian((x) => x.bSim.pairIssuedMs),
        };
        const last = cycles[cycles.length - 1];
        const c = {
            qr: last.c.qr,
            nextQrMs: cycleMedian((x) => x.c.nextQrMs),
            resolveMs: cycleMedian((x) => x.c.resolveMs),
            firstAnyQrMs: cycleMedian((x) => x.c.firstAnyQrMs),
            firstAnyQrKind: last.c.firstAnyQrKind,
        };
        const cSim = {
            cancelClosedMs: cycleMedian((x) => x.cSim.cancelClosedMs),
            cancelOpenMs: cycleMedian((x) => x.cSim.cancelOpenMs),
            cancelRefMs: cycleMedian((x) => x.cSim.cancelRefMs),
        };
        await sleep(CONFIG.gapMs);
        const d = await scanToReady(sim, w, 1, c.qr);
        await sleep(CONFIG.settleMs);
        const peak = sampler.stop();
        const snap = procfs.snapshot(w.pid, w.dir, { withPss: true, withTypes: true });
        const heap = await w.request('memory');
        const destroy = await w.request('destroy', { sid: 1 }, T.destroy);
        return {
            kind,
            requireMs,
            qrMs: a.qrMs,
            initMs: a.initMs,
            ...breakdown,
            pairMs: b.requestMs,
            firstPairMs: cycles[0].b.requestMs,
            ...bSim,
            pairIssuedToResolveMs: cycleMedian((x) => (x.bSim.pairIssuedMs == null ? null : x.b.requestMs - x.bSim.pairIssuedMs)),
            ...cSim,
            cancelRefToQrMs: cycleMedian((x) => (x.cSim.cancelRefMs == null ? null : x.c.nextQrMs - x.cSim.cancelRefMs)),
            firstCancelToQrMs: cycles[0].c.nextQrMs,
            pairCycles: cycles.map((x) => ({ pairMs: x.b.requestMs, ...x.bSim, cancelToQrMs: x.c.nextQrMs, cancelResolveMs: x.c.resolveMs, ...x.cSim })),
            codeEventMs: b.codeEventMs,
            cancelToQrMs: c.nextQrMs,
            cancelResolveMs: c.resolveMs,
            cancelFirstAnyQrMs: c.firstAnyQrMs,
            cancelFirstAnyQrKind: c.firstAnyQrKind,
            scanToReadyMs: d.readyMs,
            scanToAuthenticatedMs: d.authenticatedMs,
            progress: d.progress,
            nodePeakRss: snap.node.hwm,
            nodeRss: snap.node.rss,
            nodePss: snap.node.pss,
            nodeHeapUsed: heap.heapUsed,
            nodeExternal: heap.external,
            chromiumPeakRss: peak.tree,
            chromiumRss: snap.tree.rss,
            chromiumPss: snap.tree.pss,
            chromiumProcesses: snap.tree.processes,
            chromiumByType: snap.tree.byType,
            totalPeakRss: peak.total,
            totalRss: snap.total.rss,
            totalPss: snap.total.pss,
            peakSamples: peak.samples,
            destroyMs: destroy.destroyMs,
        };
    } finally {
        sampler.stop();
        await w.close();
    }
}

async function floorRun(label, sim, { warm = false } = {}) {
    const { w } = await newWorker('floor', label, sim);
    try {
        const since = sim.events.length;
        // The warm floor also makes the pairing calls of (b) and (c), in as many cycles as the clients.
        const pairing = warm ? { pairCycles: CONFIG.pairCycles, gapMs: CONFIG.gapMs, phone: PHONE } : {};
        const r = await w.request('floor', { ...(warm ? { diskCacheDir: FLOOR_CACHE_DIR } : {}), ...pairing }, T.floor);
        const cycles = r.pairing || [];
        const cycleMedian = (pick) => stats(cycles.map(pick))?.median ?? null;
        return {
            kind: warm ? 'floor-warm' : 'floor',
            qrMs: r.refMs,
            devtoolsMs: r.devtoolsMs,
            ...startBreakdown(sim, since, r.startedAt, r.refMs),
            ...(cycles.length
                ? {
                      pairMs: cycleMedian((x) => x.pairMs),
                      firstPairMs: cycles[0].pairMs,
                      cancelToQrMs: cycleMedian((x) => x.cancelToQrMs),
                      firstCancelToQrMs: cycles[0].cancelToQrMs,
                      pairCycles: cycles,
                  }
                : {}),
        };
    } finally {
        await w.close();
    }
}

async function latencyPhase(sim) {
    const all = ['ours-first', 'ours', 'wwebjs', 'floor', 'floor-warm', 'ours-shared', 'ours-restart', 'wwebjs-restart', 'node'];
    // BENCH_LATENCY_KINDS: a subset, e.g. 'ours-first,ours' to measure one of our options alone.
    const kinds = process.env.BENCH_LATENCY_KINDS ? process.env.BENCH_LATENCY_KINDS.split(',').map((k) => k.trim()) : all;
    for (const k of kinds) if (!all.includes(k)) throw new Error(`BENCH_LATENCY_KINDS: unknown kind ${k}`);
    const runs = Object.fromEntries(kinds.map((k) => [k, []]));
    const total = CONFIG.warmup + CONFIG.runs;
    const runners = {
        'ours-first': (_kind, label) => firstProcessRun(label, sim),
        ours: clientRun,
        wwebjs: clientRun,
        floor: (_kind, label) => floorRun(label, sim),
        'floor-warm': (_kind, label) => floorRun(label, sim, { warm: true }),
        'ours-shared': (_kind, label) => sharedSecondRun(label, sim),
        'ours-restart': (_kind, label) => restartRun('ours', label, sim),
        'wwebjs-restart': (_kind, label) => restartRun('wwebjs', label, sim),
        node: (_kind, label) => bareNodeRun(label, sim),
    };
    // "From the second process on": the shared cache folders have seen two loads before the first
    // timed run (Chromium keeps the bundles on the first, and writes their code cache on the second).
    for (let i = 1; i <= 2; i++) {
        await attempt(`cache warm-up ${i}`, sim, () => firstProcessRun(`ours cache warm-up ${i}`, sim, SHARED_CACHE_HOME));
        await attempt(`floor cache warm-up ${i}`, sim, () => floorRun(`floor cache warm-up ${i}`, sim, { warm: true }));
    }
    for (let i = 0; i < total; i++) {
        const warm = i < CONFIG.warmup;
        const tag = warm ? `warm-up ${i + 1}` : `run ${i - CONFIG.warmup + 1}/${CONFIG.runs}`;
        for (const kind of kinds) {
            const label = `${kind} ${tag}`;
            const r = await attempt(label, sim, () => runners[kind](kind, label, sim));
            if (!r) {
                await sleep(CONFIG.gapMs);
                continue;
            }
            if (kind === 'floor' || kind === 'floor-warm' || kind === 'ours-first') log(`${label}: first ref/qr ${r.qrMs.toFixed(0)} ms`);
            else if (kind.endsWith('-restart')) log(`${label}: LocalAuth restart -> ready ${r.restartReadyMs.toFixed(0)} ms`);
            else if (kind === 'ours-shared') log(`${label}: first client ${r.firstQrMs.toFixed(0)} ms, second client ${r.secondQrMs.toFixed(0)} ms`);
            else if (kind === 'node') log(`${label}: bare Node peak RSS ${(r.nodePeakRss / MiB).toFixed(0)} MiB`);
            else
                log(
                    `${label}: qr ${r.qrMs.toFixed(0)} ms, code ${r.pairMs.toFixed(0)} ms, cancel->qr ${r.cancelToQrMs.toFixed(0)} ms, ` +
                        `scan->ready ${r.scanToReadyMs.toFixed(0)} ms, peak RSS node ${(r.nodePeakRss / MiB).toFixed(0)} + chromium ${(r.chromiumPeakRss / MiB).toFixed(0)} MiB`,
                );
            if (!warm) runs[kind].push(r);
            await sleep(CONFIG.gapMs);
        }
    }
    return runs;
}

// ---- phase 2: (f) CPU while idle in QR mode -----------------------------------------------------

async function idleRun(kind, sim) {
    const { w } = await newWorker(kind, `${kind} idle`, sim, { cacheHome: kind === 'ours' ? SHARED_CACHE_HOME : undefined });
    try {
        await w.request('start', { sid: 1 }, T.start);
        await sleep(CONFIG.settleMs);
        const since = hrNow();
        const before = procfs.cpuReading(w.pid, w.dir);
        const t0 = hrNow();
        await sleep(CONFIG.idleMs);
        const after = procfs.cpuReading(w.pid, w.dir);
        const windowMs = hrNow() - t0;
        const qrs = await w.request('qrCount', { sid: 1, since });
        const snap = procfs.snapshot(w.pid, w.dir, { withPss: true });
        const cpu = procfs.cpuSeconds(before, after);
        await w.request('destroy', { sid: 1 }, T.destroy);
        log(`${kind} idle ${(windowMs / 1000).toFixed(1)} s: CPU node ${cpu.node.toFixed(2)} s + chromium ${cpu.chromium.toFixed(2)} s, ${qrs.all} qr event(s)`);
        return { kind, windowMs, cpu, qrEvents: qrs, rssInQrMode: snap.total.rss, pssInQrMode: snap.total.pss };
    } finally {
        await w.close();
    }
}

// ---- (a) with sharedBrowser: a second client's start, and (e) a bare Node's memory -------------

// With sharedBrowser the first client starts the browser; the second only opens a context and a
// tab in it. Timed like (a): initialize() -> its first scannable qr.
async function sharedSecondRun(label, sim) {
    const { w } = await newWorker('ours-shared', label, sim);
    try {
        const first = await w.request('start', { sid: 1 }, T.start);
        // A browser that has been serving a client for a few seconds: its spare context is made
        // 1.5 s after a client opened (see src/browser/shared.rs).
        await sleep(3000);
        const second = await w.request('start', { sid: 2 }, T.start);
        await w.request('destroyAll', {}, T.destroy * 2);
        return { kind: 'ours-shared', firstQrMs: first.qrMs, secondQrMs: second.qrMs };
    } finally {
        await w.close();
    }
}

// (a) for the first process on the machine: our client with an empty cache folder (or, for the
// cache warm-up, the shared one). initialize() -> first qr, then destroy().
async function firstProcessRun(label, sim, cacheHome) {
    const { w } = await newWorker('ours', label, sim, { cacheHome });
    try {
        const since = sim.events.length;
        const a = await w.request('start', { sid: 1 }, T.start);
        const breakdown = startBreakdown(sim, since, a.startedAt, a.qrMs);
        // Untimed: the page's scripts have run, so Chromium can write their code cache.
        await sleep(CONFIG.gapMs);
        await w.request('destroy', { sid: 1 }, T.destroy);
        return { kind: 'ours-first', qrMs: a.qrMs, initMs: a.initMs, ...breakdown };
    } finally {
        await w.close();
    }
}

// LocalAuth restart: log in once (QR, scan, ready), destroy, then time a new client on the saved
// session from initialize() to ready. Each run is a fresh LocalAuth folder.
async function restartRun(kind, label, sim) {
    const { w } = await newWorker(kind, label, sim);
    try {
        const a = await w.request('start', { sid: 1, localAuth: true }, T.start);
        await scanToReady(sim, w, 1, a.qr);
        await sleep(CONFIG.gapMs);
        await w.request('destroy', { sid: 1 }, T.destroy);
        await sleep(CONFIG.gapMs);
        const r = await w.request('restart', { sid: 2 }, T.start);
        await w.request('destroy', { sid: 2 }, T.destroy);
        return { kind: `${kind}-restart`, restartReadyMs: r.readyMs };
    } finally {
        await w.close();
    }
}

// What a Node process that loads nothing holds, so (e) can show the library's own share.
async function bareNodeRun(label, sim) {
    const { w } = await newWorker('node', label, sim);
    try {
        await sleep(CONFIG.settleMs);
        return { kind: 'node', nodePeakRss: procfs.snapshot(w.pid, w.dir).node.hwm };
    } finally {
        await w.close();
    }
}

module.exports = { latencyPhase, idleRun };
