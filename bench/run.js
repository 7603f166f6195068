#!/usr/bin/env node
'use strict';
// whatsapp-web-rs vs whatsapp-web.js 1.34.7 (and a bare-Chromium floor) on the login simulator.
// `npm run bench`; bench/README.md says what each measure is and lists the env knobs.
//
// One simulator (in this process, playing WhatsApp's servers and the phone) and the same Chromium
// binary serve every run. Each client runs in its own worker process (bench/worker.js) so that the
// memory and CPU read here from /proc belong to that client alone; latency runs alternate
// ours, whatsapp-web.js, floor, ours, ...

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { startSimulator } = require('../simulator');
const chromium = require('../simulator/chromium');
const procfs = require('./procfs');
const { BENCH_ROOT, CONFIG, MiB, SIM_HR, T, attempt, envInt, failures, hrNow, leftovers, log, newWorker, scanToReady, sleep, snapshotClient } = require('./harness');
const { ratio, stats } = require('./stats');
const { messageRows, messagesNote, messagesPhase } = require('./messages');
const { featureRows, featuresNote, featuresPhase } = require('./features');
const { idleRun, latencyPhase } = require('./latency');
const { sessionsRun } = require('./sessions');
const { buildRows, printTable } = require('./table');
const { poolNote, poolPhase, poolRows } = require('./pool');

// ---- main ---------------------------------------------------------------------------------------

// The varied page's per-load draws over the whole bench (every load, warm-ups and untimed loads
// included): what the page did, so two runs on it can be compared. Each draw is in the JSON.
function drawsNote(draws) {
    const range = (f) => {
        const s = stats(draws.map(f));
        return `median ${s.median} [${s.min}–${s.max}] ms`;
    };
    const property = draws.filter((d) => d.debugForm === 'property').length;
    return `Per-load draws of the varied page (${draws.length} loads): module bundle after Debug.VERSION ${range((d) => d.moduleDelayMs)}, keys after the modules ${range((d) => d.keysDelayMs)}, Debug as a property (getter) in ${property} and as an object in ${draws.length - property}.`;
}

function chromiumVersion() {
    try {
        return execFileSync(chromium.CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
        return null;
    }
}

async function main() {
    const started = Date.now();
    for (const phase of CONFIG.phases) {
        if (!['latency', 'idle', 'sessions', 'messages', 'features', 'pool'].includes(phase)) throw new Error(`BENCH_PHASES: unknown phase ${phase}`);
    }
    // The real timings everywhere: no measure here needs shorter ones (a QR lasts 60 s, longer than
    // any step, and the offline sync after a scan is the real 5 x 50 ms).
    const client = snapshotClient();
    log(`our client: commit ${client.commit}${client.dirty ? ' + uncommitted changes in src/, index.js or lib/' : ''}, addon sha256 ${client.addonSha256.slice(0, 12)}`);
    // The heavy page's layout: varied (per-load draws, the default) or the fixed one it replaced.
    const layout = { heavy: 'varied', 'heavy-fixed': 'fixed', light: null }[CONFIG.page];
    if (layout === undefined) throw new Error(`BENCH_PAGE must be heavy, heavy-fixed or light, not ${CONFIG.page}`);
    const heavy = layout !== null;
    const sim = await startSimulator({ realSequence: true, heavyPage: heavy, heavyLayout: layout || undefined, bundleBytes: heavy ? CONFIG.bundleBytes : undefined });
    // The simulator emits its events synchronously: stamp them on the hrtime clock here, to the
    // microsecond, for the pairing-call breakdowns (its own Date.now() stamps are whole ms). The
    // varied page's per-load draws come with its page-served events: kept for the report.
    const draws = [];
    sim.on('event', (ev) => {
        SIM_HR.set(ev, hrNow());
        if (ev.type === 'page-served' && ev.draw) draws.push(ev.draw);
    });
    if (heavy) log(`heavy page (${layout}): ${(sim.state().heavyPage.bundleBytes / MiB).toFixed(1)} MiB of JavaScript in ${sim.state().heavyPage.moduleCount} modules`);
    const simTimings = { ...sim.state().options };
    log(`simulator ${sim.httpsUrl} (as https://web.whatsapp.com/), real default timings: first ref ${simTimings.firstRefTtlMs} ms, next refs ${simTimings.nextRefTtlMs} ms, sync step ${simTimings.syncStepMs} ms`);
    log(`bench root ${BENCH_ROOT}; ${CONFIG.runs} run(s) + ${CONFIG.warmup} warm-up, idle ${CONFIG.idleMs} ms, sessions cap ${CONFIG.maxSessions}`);

    let latency = null;
    let idle = null;
    let sessions = null;
    let messages = null;
    let features = null;
    let pool = null;
    try {
        if (CONFIG.phases.includes('latency')) latency = await latencyPhase(sim);
        if (CONFIG.phases.includes('idle')) {
            idle = {};
            for (const kind of ['ours', 'wwebjs']) idle[kind] = await attempt(`${kind} idle`, sim, () => idleRun(kind, sim));
        }
        if (CONFIG.phases.includes('sessions')) {
            sessions = {};
            const kinds = (process.env.BENCH_SESSION_KINDS || 'ours,wwebjs,ours-shared').split(',');
            for (const kind of kinds) sessions[kind] = await attempt(`${kind} sessions`, sim, () => sessionsRun(kind, sim));
        }
        // After login: messages in and out, a burst, getChats() (bench/messages.js).
        const phaseCtx = { sim, CONFIG, T, envInt, log, sleep, hrNow, attempt, newWorker, scanToReady, procfs };
        if (CONFIG.phases.includes('messages')) messages = await messagesPhase(phaseCtx);
        // A sticker from a 1 MP JPEG, getPollVotes() with 200 votes (bench/features.js).
        if (CONFIG.phases.includes('features')) features = await featuresPhase(phaseCtx);
        // The session pool: come-back after SIGKILL, sessions per worker, Redis traffic (bench/pool.js).
        if (CONFIG.phases.includes('pool')) pool = await attempt('pool', sim, () => poolPhase({ ...phaseCtx, root: BENCH_ROOT }));
    } finally {
        await sim.close();
    }

    const rows = buildRows(latency, idle, sessions);
    if (messages) rows.push(...messageRows(messages, { stats, ratio }));
    if (features) rows.push(...featureRows(features, { stats, ratio }));
    if (pool) rows.push(...poolRows(pool));
    const stray = procfs.pidsMentioning(BENCH_ROOT).length;
    const runtimeMs = Date.now() - started;
    const pageInfo = sim.state().heavyPage;
    const notes = [
        heavy
            ? `Page: the simulator's heavy real-sequence page, ${layout} layout, ${(pageInfo.bundleBytes / MiB).toFixed(1)} MiB of JavaScript in ${pageInfo.moduleCount} module definitions over ${layout === 'varied' ? `${pageInfo.weightBundles} weight bundles (and 3 login bundles)` : '3 async bundles'}, images, fonts and a service worker, hashed names served immutable (simulator/README.md, "Heavy page"). Chromium trusts the simulator's key (--ignore-certificate-errors-spki-list), so it caches as on the real site.`
            : 'Page: the light real-sequence page (a few kilobytes).',
        ...(draws.length ? [drawsNote(draws)] : []),
        `(a) 1st process: our client with an empty cache folder; 2nd process on: with the per-user cache folder two earlier loads filled (${JSON.stringify(CONFIG.oursOptions)} as extra options). whatsapp-web.js (NoAuth) starts every process on an empty profile. The floor column is bare Chromium with an empty cache for the 1st-process row and with a warm --disk-cache-dir otherwise.`,
        `Simulator: one instance, real default timings for every measure (firstRefTtlMs ${simTimings.firstRefTtlMs}, nextRefTtlMs ${simTimings.nextRefTtlMs}, codeTtlMs ${simTimings.codeTtlMs}, syncStepMs ${simTimings.syncStepMs}); scan -> ready includes the simulated offline sync (5 steps x ${simTimings.syncStepMs} ms).`,
        `Latency runs alternate ours, whatsapp-web.js, floor; ${CONFIG.runs} measured round(s) after ${CONFIG.warmup} discarded warm-up round(s); each run is a fresh worker process and a fresh Chromium profile.`,
        `(a) is timed from the initialize() call (library already loaded) to the first scannable qr; the floor from spawning Chromium to reading Conn.ref over a raw CDP websocket (ws package). The breakdown rows place the simulator's socket-open and ref-issued events (ms resolution) on the same clock.`,
        `(c) is timed to the next scannable qr for both; whatsapp-web.js's cancelPairingCode() resolves earlier and it first emits a 'null,…' QR.`,
        `The floor of (b) and (c) is the warm floor's Chromium after its first ref, on its raw CDP websocket, with the same gaps: (b) one Runtime.evaluate of the three WhatsApp Web calls whatsapp-web.js makes for a code, timed to its answer; (c) one Runtime.evaluate of what whatsapp-web.js's cancelPairingCode() runs, timed to the next ref reaching the process through a binding. No client can do less over CDP for the same result.`,
        `(e) RSS is summed over the worker's Chromium processes (command line names the worker's directory: profile and crashpad database), sampled every ${CONFIG.sampleMs} ms from launch to ${CONFIG.settleMs} ms after ready; Node peak is the kernel's VmHWM. Summed RSS counts shared pages once per process; PSS does not (and so also depends on any other Chromium running on the machine at that moment).`,
        `(f) CPU = utime+stime (+ reaped children) of the worker and its Chromium tree over ${CONFIG.idleMs} ms (BENCH_IDLE_MS), starting ${CONFIG.settleMs} ms after the first qr.`,
        `(g) sessions are started one by one in one worker per kind, each logged in by scan and read once settled; it stops when the last session's PSS increment would take the total PSS over ${(CONFIG.rssLimitBytes / MiB).toFixed(0)} MiB, or at ${CONFIG.maxSessions}. Per added session: from the 2nd session on; Theil-Sen is the estimate to read (bench/README.md). PSS alone on the machine does not depend on other programs; total PSS does.`,
    ];
    if (messages) notes.push(messagesNote(messages));
    if (features) notes.push(featuresNote(features));
    if (pool) notes.push(poolNote(pool));
    const result = {
        date: new Date().toISOString(),
        runtimeMs,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0] && os.cpus()[0].model, memTotal: os.totalmem(), node: process.version, chromium: chromiumVersion(), platform: `${os.platform()} ${os.release()}` },
        config: { ...CONFIG, out: undefined },
        client,
        simulator: simTimings,
        pageDraws: draws,
        notes,
        table: rows.map((r) => ({ ...r, ours: r.ours && { ...r.ours }, wwebjs: r.wwebjs && { ...r.wwebjs }, floor: r.floor && { ...r.floor } })),
        raw: { latency, idle, sessions, messages, features, pool },
        failures,
        leftovers,
        strayProcessesAtEnd: stray,
    };
    fs.mkdirSync(path.dirname(CONFIG.out), { recursive: true });
    fs.writeFileSync(CONFIG.out, JSON.stringify(result, null, 2) + '\n');

    console.log('');
    printTable(rows);
    console.log('');
    for (const n of notes) console.log(`* ${n}`);
    console.log(`* Failed runs (left out of the table): ${failures.length ? failures.map((f) => `${f.label}: ${f.error}`).join('; ') : 'none'}.`);
    console.log(`* Leftover processes killed after workers: ${leftovers.length ? JSON.stringify(leftovers) : 'none'}; stray at end: ${stray}.`);
    console.log(`\nWrote ${path.relative(process.cwd(), CONFIG.out) || CONFIG.out}; run time ${(runtimeMs / 1000).toFixed(0)} s.`);
    return failures.length ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (err) => {
        console.error('[bench] failed:', (err && err.stack) || err);
        process.exit(1);
    },
);
