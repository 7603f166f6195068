'use strict';
// Phase 3: (g) logged-in sessions in the memory budget, and the memory each added session costs.

const procfs = require('./procfs');
const { perSession } = require('./per_session');
const { CONFIG, MiB, SHARED_CACHE_HOME, T, failures, log, newWorker, scanToReady, sleep } = require('./harness');

// ---- phase 3: (g) logged-in sessions in the RSS budget ------------------------------------------

// One reading of (g), taken once the session has settled: 1 s after ready, then again every 500 ms
// until two consecutive readings of total PSS are within 2 MiB of each other (at most 4 readings).
// The page keeps working for a moment after ready (its last sync steps, a GC), and a reading in
// the middle of that spoils two increments. The reading kept is taken right after the last of
// those, with the PSS the worker would have alone on the machine (bench/procfs.js).
const SETTLE = { firstMs: 1000, everyMs: 500, withinBytes: 2 * MiB, maxReads: 4 };
async function settledSnapshot(w) {
    await sleep(Math.min(CONFIG.settleMs, SETTLE.firstMs));
    const reads = [procfs.snapshot(w.pid, w.dir, { withPss: true }).total.pss];
    while (reads.length < SETTLE.maxReads) {
        await sleep(SETTLE.everyMs);
        reads.push(procfs.snapshot(w.pid, w.dir, { withPss: true }).total.pss);
        if (Math.abs(reads[reads.length - 1] - reads[reads.length - 2]) <= SETTLE.withinBytes) break;
    }
    return { snap: procfs.snapshot(w.pid, w.dir, { withPss: true, withTypes: true, withAlone: true }), pssReads: reads };
}

async function sessionsRun(kind, sim) {
    const { w } = await newWorker(kind, `${kind} sessions`, sim, { cacheHome: kind === 'ours' ? SHARED_CACHE_HOME : undefined });
    const steps = [];
    let stopReason = null;
    try {
        await sleep(500);
        // The worker alone: the first point of the per-session estimates for a browser per client.
        const base = procfs.snapshot(w.pid, w.dir, { withPss: true, withAlone: true });
        const baseline = base.total.rss;
        let prevTotal = baseline;
        let prevPss = base.total.pss;
        for (let n = 1; ; n++) {
            if (n > CONFIG.maxSessions) {
                stopReason = `cap of ${CONFIG.maxSessions} sessions (BENCH_MAX_SESSIONS)`;
                break;
            }
            if (steps.length) {
                // The next session is expected to cost what the last one did. Sessions go on until
                // the budget is used up by PSS (real memory, shared pages split between sharers);
                // the RSS count is read off the same steps (RSS counts shared pages per process).
                const last = steps[steps.length - 1];
                const predicted = last.totalPss + Math.max(last.incrementPss, 0);
                if (predicted > CONFIG.rssLimitBytes) {
                    stopReason = `session ${n} would bring total PSS to ~${(predicted / MiB).toFixed(0)} MiB > ${(CONFIG.rssLimitBytes / MiB).toFixed(0)} MiB`;
                    break;
                }
            }
            let a;
            let d;
            const since = sim.events.length;
            try {
                a = await w.request('start', { sid: n }, T.start);
                d = await scanToReady(sim, w, n, a.qr);
            } catch (err) {
                const message = String((err && err.message) || err).split('\n')[0];
                failures.push({ label: `${kind} session ${n}`, error: message, simEvents: sim.events.slice(since).map((e) => e.type).slice(0, 60) });
                stopReason = `session ${n} failed: ${message}`;
                log(`FAILED ${kind} session ${n}: ${message}`);
                break;
            }
            const { snap, pssReads } = await settledSnapshot(w);
            const step = {
                n,
                qrMs: a.qrMs,
                scanToReadyMs: d.readyMs,
                totalRss: snap.total.rss,
                nodeRss: snap.node.rss,
                chromiumRss: snap.tree.rss,
                totalPss: snap.total.pss,
                total: snap.total,
                pssReads,
                chromiumProcesses: snap.tree.processes,
                byType: snap.tree.byType,
                incrementRss: snap.total.rss - prevTotal,
                incrementPss: snap.total.pss - prevPss,
            };
            prevTotal = snap.total.rss;
            prevPss = snap.total.pss;
            steps.push(step);
            log(
                `${kind} sessions: ${n} logged in, total RSS ${(step.totalRss / MiB).toFixed(0)} MiB (+${(step.incrementRss / MiB).toFixed(0)}), ` +
                    `PSS ${(step.totalPss / MiB).toFixed(0)} MiB (+${(step.incrementPss / MiB).toFixed(0)}; anon ${(snap.total.pssAnon / MiB).toFixed(0)}), ${pssReads.length} reading(s)`,
            );
            if (step.totalPss > CONFIG.rssLimitBytes) {
                stopReason = `session ${n} brought total PSS over the limit`;
                break;
            }
        }
        const fit = steps.filter((s) => s.totalRss <= CONFIG.rssLimitBytes).length;
        const fitPss = steps.filter((s) => s.totalPss <= CONFIG.rssLimitBytes).length;
        // Per added session, every estimator (bench/per_session.js), from the same readings: from
        // the 2nd session on for every kind. The 1st session also brings in what later ones share:
        // the browser with sharedBrowser, and for a browser per client the Chromium binary's pages,
        // which PSS alone on the machine counts in full for the first browser only.
        const estimate = perSession([{ n: 0, total: base.total }, ...steps], 1);
        const destroyAll = await w.request('destroyAll', {}, T.destroy * 2);
        log(`${kind} sessions: ${fit} fit; ${stopReason}; destroyed ${destroyAll.count} in ${destroyAll.ms.toFixed(0)} ms`);
        const est = (f) => ['median', 'slope', 'theilSen'].map((e) => (estimate[f][e] / MiB).toFixed(1)).join(' / ');
        log(`${kind} per added session (median / least squares / Theil-Sen, MiB): PSS ${est('pss')}, of which anonymous ${est('pssAnon')}; PSS alone ${est('pssAlone')}; RSS ${est('rss')}`);
        return { kind, fit, fitPss, stopReason, baselineRss: baseline, baseline: base.total, steps, perSession: estimate, destroyAllMs: destroyAll.ms };
    } finally {
        await w.close();
    }
}

module.exports = { sessionsRun };
