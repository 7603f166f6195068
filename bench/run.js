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
const { fork, execFileSync } = require('child_process');

const { startSimulator } = require('../simulator');
const chromium = require('../simulator/chromium');
const procfs = require('./procfs');
const { messagesPhase, messageRows, messagesNote } = require('./messages');
const { perSession } = require('./per_session');

// ---- configuration ------------------------------------------------------------------------------

function envInt(name, fallback, min = 0) {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`);
    return n;
}

const CONFIG = {
    runs: envInt('BENCH_RUNS', 5, 1),
    warmup: envInt('BENCH_WARMUP', 1),
    idleMs: envInt('BENCH_IDLE_MS', 60000),
    // High enough that sharedBrowser on the heavy page is stopped by the budget, not the cap.
    maxSessions: envInt('BENCH_MAX_SESSIONS', 120),
    rssLimitBytes: envInt('BENCH_RSS_LIMIT_MB', 4096, 1) * 1024 * 1024,
    // A person takes seconds between steps; a pause also lets start-up work finish before the next
    // timed call, the same for every kind.
    gapMs: envInt('BENCH_GAP_MS', 1000),
    pairCycles: envInt('BENCH_PAIR_CYCLES', 5, 1),
    settleMs: envInt('BENCH_SETTLE_MS', 2000),
    sampleMs: envInt('BENCH_SAMPLE_MS', 200, 10),
    phases: (process.env.BENCH_PHASES || 'latency,idle,sessions,messages').split(',').map((s) => s.trim()).filter(Boolean),
    timeoutMs: envInt('BENCH_TIMEOUT_MS', 45 * 60 * 1000, 1000),
    out: process.env.BENCH_OUT || path.join(__dirname, 'results', 'latest.json'),
    // The simulator's heavy page (megabytes of modules, images, fonts, a service worker; see
    // simulator/README.md "Heavy page") or the light one of a few kilobytes.
    page: process.env.BENCH_PAGE || 'heavy',
    bundleBytes: envInt('BENCH_BUNDLE_BYTES', 8 * 1024 * 1024, 4096),
    // Extra options for our client, to measure one feature on its own: '{"sharedCache":false}'.
    oursOptions: JSON.parse(process.env.BENCH_OURS_OPTIONS || '{}'),
    verbose: Boolean(process.env.BENCH_VERBOSE),
};
const PHONE = '15551234567';
const MiB = 1024 * 1024;
// Bounds on every wait; generous because 2 cores run many Chromiums in the sessions phase.
const T = { start: 90000, call: 60000, ready: 60000, destroy: 30000, floor: 60000 };

// ---- cleanup: nothing started here may outlive the bench ------------------------------------------

const BENCH_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-bench-'));
// The per-user cache folder ($XDG_CACHE_HOME) of our client's runs "from the second process on":
// one for the whole bench, as on a machine that has run a client before. First-process runs get
// an empty one of their own. The warm floor keeps Chromium's disk cache in its own folder.
const SHARED_CACHE_HOME = path.join(BENCH_ROOT, 'cache-home');
const FLOOR_CACHE_DIR = path.join(BENCH_ROOT, 'cache-floor');
process.env.TMPDIR = BENCH_ROOT;
const liveWorkers = new Set();

function killEverything() {
    for (const w of liveWorkers) {
        try {
            w.child.kill('SIGKILL');
        } catch {
            /* gone */
        }
    }
    // Last resort: every process whose command line names the bench root (all profiles and the
    // crash handlers' databases are below it).
    return chromium.killProfileProcesses(BENCH_ROOT);
}

process.on('exit', () => {
    killEverything();
    try {
        fs.rmSync(BENCH_ROOT, { recursive: true, force: true });
    } catch {
        /* best effort at exit */
    }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
        console.error(`\n[bench] ${sig}: stopping, killing every process under ${BENCH_ROOT}`);
        process.exit(130);
    });
}
const watchdog = setTimeout(() => {
    console.error(`[bench] gave up after ${CONFIG.timeoutMs} ms (BENCH_TIMEOUT_MS)`);
    process.exit(2);
}, CONFIG.timeoutMs);
watchdog.unref();

// ---- helpers ------------------------------------------------------------------------------------

const hrNow = () => Number(process.hrtime.bigint()) / 1e6;
// The simulator stamps its events with Date.now(); this maps them onto the hrtime clock (ms
// resolution is plenty for the breakdown they are used for).
const WALL_MINUS_HR = Date.now() - hrNow();
const SIM_HR = new WeakMap();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => console.log('[bench]', ...args);
const round1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

async function waitUntil(pred, timeoutMs, stepMs = 50) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (pred()) return true;
        await sleep(stepMs);
    }
    return pred();
}

// A forked worker running one client kind, in its own directory below the bench root.
class Worker {
    constructor(kind, label, { cacheHome } = {}) {
        this.kind = kind;
        this.label = label;
        this.dir = fs.mkdtempSync(path.join(BENCH_ROOT, `${kind}-`));
        this.pending = new Map();
        this.nextId = 0;
        this.tail = [];
        this.exited = false;
        this.child = fork(path.join(__dirname, 'worker.js'), [], {
            // TMPDIR: our NoAuth profile (Rust's tempfile) and whatsapp-web.js's userDataDir land
            // here. XDG_CONFIG_HOME: Debian's Chromium puts the crashpad database under it, so its
            // two crash-handler processes (re-parented to init) also name this directory.
            // XDG_CACHE_HOME: where our client keeps its shared Chromium cache (NoAuth); by default
            // empty and private to the worker (a first process), or the bench's shared one.
            // WWRS_PUPPETEER=off: this checkout has puppeteer-core (a dev dependency), which would
            // connect client.pupPage; measured is an app that does not use it (README, pupPage).
            env: {
                ...process.env,
                TMPDIR: this.dir,
                XDG_CONFIG_HOME: path.join(this.dir, 'xdg'),
                XDG_CACHE_HOME: cacheHome || path.join(this.dir, 'cache'),
                WWRS_PUPPETEER: 'off',
            },
            // Relative default paths (.wwebjs_auth/, .wwebjs_cache/) land here, never in the checkout.
            cwd: this.dir,
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        liveWorkers.add(this);
        for (const stream of [this.child.stdout, this.child.stderr]) {
            stream.setEncoding('utf8');
            stream.on('data', (d) => {
                for (const line of d.split('\n').filter(Boolean)) {
                    this.tail.push(line);
                    if (this.tail.length > 40) this.tail.shift();
                    if (CONFIG.verbose) console.error(`[${this.label}] ${line}`);
                }
            });
        }
        this.child.on('message', (msg) => {
            const p = this.pending.get(msg.id);
            if (!p) return;
            this.pending.delete(msg.id);
            clearTimeout(p.timer);
            if (msg.ok) p.resolve(msg.result);
            else p.reject(new Error(`${this.label}: ${msg.error}`));
        });
        this.child.on('exit', (code, signal) => {
            this.exited = true;
            liveWorkers.delete(this);
            for (const p of this.pending.values()) {
                clearTimeout(p.timer);
                p.reject(new Error(`${this.label}: worker exited (${code ?? signal}); last output:\n${this.tail.join('\n')}`));
            }
            this.pending.clear();
        });
    }
    get pid() {
        return this.child.pid;
    }
    request(op, args = {}, timeoutMs = T.call) {
        if (this.exited) return Promise.reject(new Error(`${this.label}: worker already exited`));
        const id = ++this.nextId;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`${this.label}: '${op}' got no answer within ${timeoutMs} ms`));
            }, timeoutMs + 5000);
            this.pending.set(id, { resolve, reject, timer });
            this.child.send({ id, op, args: { ...args, timeoutMs } });
        });
    }
    // Ends the worker (its clients destroyed first), then checks that no process under its
    // directory is left; any that are get killed and reported.
    async close() {
        if (!this.exited) {
            await this.request('exit', {}, T.destroy).catch(() => {});
            const gone = await waitUntil(() => this.exited, 10000);
            if (!gone) this.child.kill('SIGKILL');
            await waitUntil(() => this.exited, 5000);
        }
        // Crash handlers notice their browser is gone on their own, a moment later.
        await waitUntil(() => procfs.pidsMentioning(this.dir).length === 0, 5000);
        const left = procfs.pidsMentioning(this.dir).map(({ pid, cmdline }) => ({ pid, type: procfs.processType(cmdline) }));
        if (left.length) {
            chromium.killProfileProcesses(this.dir);
            leftovers.push({ worker: this.label, processes: left });
            log(`WARNING ${this.label}: ${left.length} process(es) outlived the worker and were killed: ${left.map((p) => p.type).join(', ')}`);
        }
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

const leftovers = [];
// Runs that failed (a timeout, a refused scan, a crashed worker). The bench goes on without them and
// reports them, with what the simulator saw meanwhile, rather than losing the whole run.
const failures = [];

async function attempt(label, sim, fn) {
    const since = sim.events.length;
    try {
        return await fn();
    } catch (err) {
        const message = String((err && err.message) || err).split('\n').slice(0, 3).join(' | ');
        const simEvents = sim.events.slice(since).map((e) => e.type);
        failures.push({ label, error: message, simEvents: simEvents.slice(0, 60) });
        log(`FAILED ${label}: ${message}`);
        log(`  simulator events meanwhile: ${simEvents.slice(0, 30).join(', ') || 'none'}`);
        return null;
    }
}

// Our client as built when the bench started: index.js, lib/ and the addon, copied below the bench
// root, so every worker of the run loads the same build even if the checkout is rebuilt meanwhile.
let CLIENT_DIR = null;
function snapshotClient() {
    const repo = path.join(__dirname, '..');
    const dir = path.join(BENCH_ROOT, 'client');
    fs.mkdirSync(dir, { recursive: true });
    // lib/ with its folders (structures, the linking page) and package.json, which lib/native.js reads.
    for (const f of ['index.js', 'package.json']) fs.copyFileSync(path.join(repo, f), path.join(dir, f));
    fs.cpSync(path.join(repo, 'lib'), path.join(dir, 'lib'), { recursive: true });
    const addons = fs.readdirSync(repo).filter((f) => /^whatsapp-web-rs\..+\.node$/.test(f));
    if (!addons.length) throw new Error('no built addon (whatsapp-web-rs.*.node); run npm run build');
    const hash = require('crypto').createHash('sha256');
    for (const f of addons) {
        fs.copyFileSync(path.join(repo, f), path.join(dir, f));
        hash.update(fs.readFileSync(path.join(dir, f)));
    }
    const git = (...args) => {
        try {
            return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
        } catch {
            return null;
        }
    };
    CLIENT_DIR = dir;
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--', 'src', 'index.js', 'lib') || '', addonSha256: hash.digest('hex') };
}

async function newWorker(kind, label, sim, { cacheHome } = {}) {
    const w = new Worker(kind, label, { cacheHome });
    const info = await w.request('init', { kind, chromiumArgs: sim.chromiumArgs, clientDir: CLIENT_DIR, oursOptions: CONFIG.oursOptions }, 30000);
    return { w, requireMs: info.requireMs };
}

// Scans `qr` with the simulator's phone and returns the scan-call -> ready (and authenticated)
// times: the scan is timed here, ready in the worker, both on CLOCK_MONOTONIC. `phone`: the number
// of the phone that scans (the account logged into; default the simulator's).
async function scanToReady(sim, w, sid, qr, phone) {
    const scanAt = hrNow();
    const scan = await sim.phone.scan(qr, phone ? { phone } : undefined);
    if (!scan.ok) throw new Error(`${w.label}: the phone refused the QR (${scan.reason})`);
    const r = await w.request('ready', { sid }, T.ready);
    return { readyMs: r.readyAt - scanAt, authenticatedMs: r.authenticatedAt == null ? null : r.authenticatedAt - scanAt, progress: r.progress };
}

// ---- phase 1: latency runs, (a)-(e) and the floor -----------------------------------------------

// Where the cold start went, from the simulator's side: when the page's WebSocket opened (Chromium
// launched and the page loaded) and when the first ref was issued, relative to the timed start;
// the rest up to the qr/ref being read is the client noticing the ref.
function startBreakdown(sim, since, startedAt, doneMs) {
    const at = (type) => {
        const ev = sim.events.slice(since).find((e) => e.type === type);
        return ev ? ev.t - WALL_MINUS_HR - startedAt : null;
    };
    const socketOpenMs = at('socket-open');
    const refIssuedMs = at('ref-issued');
    return { socketOpenMs, refIssuedMs, refToQrMs: refIssuedMs == null ? null : doneMs - refIssuedMs };
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
        const r = await w.request('floor', warm ? { diskCacheDir: FLOOR_CACHE_DIR } : {}, T.floor);
        return { kind: warm ? 'floor-warm' : 'floor', qrMs: r.refMs, devtoolsMs: r.devtoolsMs, ...startBreakdown(sim, since, r.startedAt, r.refMs) };
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

// ---- statistics and the table -------------------------------------------------------------------

function stats(values) {
    const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
    if (!v.length) return null;
    const mid = v.length >> 1;
    const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return { n: v.length, median, min: v[0], max: v[v.length - 1], samples: values };
}

function ratio(a, b) {
    return a && b && b.median ? a.median / b.median : null;
}

function buildRows(latency, idle, sessions) {
    const rows = [];
    const pick = (kind, field, scale = 1) => stats((latency[kind] || []).map((r) => (r[field] == null ? null : r[field] / scale)));
    const latencyRow = (id, label, unit, field, withFloor = false, scale = 1, oursKind = 'ours') => {
        const ours = pick(oursKind, field, scale);
        const wwebjs = pick('wwebjs', field, scale);
        // The floor with the same cache state as our runs: warm for the shared-cache runs.
        const floor = withFloor ? pick(withFloor === 'cold' ? 'floor' : 'floor-warm', field, scale) : null;
        rows.push({ id, label, unit, ours, wwebjs, floor, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: floor ? ratio(ours, floor) : null });
    };
    if (latency) {
        latencyRow('a.first', '(a) initialize() -> first qr, 1st process', 'ms', 'qrMs', 'cold', 1, 'ours-first');
        latencyRow('a.first.socket', '    start -> page WebSocket open (sim)', 'ms', 'socketOpenMs', 'cold', 1, 'ours-first');
        latencyRow('a', '(a) initialize() -> first qr, 2nd process on', 'ms', 'qrMs', true);
        latencyRow('a.socket', '    start -> page WebSocket open (sim)', 'ms', 'socketOpenMs', true);
        latencyRow('a.ref', '    start -> first ref issued (sim)', 'ms', 'refIssuedMs', true);
        latencyRow('a.lag', '    ref issued -> qr / ref read', 'ms', 'refToQrMs', true);
        latencyRow('a.init', '    initialize() resolves', 'ms', 'initMs');
        {
            const ours = stats((latency['ours-restart'] || []).map((r) => r.restartReadyMs));
            const wwebjs = stats((latency['wwebjs-restart'] || []).map((r) => r.restartReadyMs));
            rows.push({ id: 'a.restart', label: '(a) LocalAuth restart: initialize() -> ready', unit: 'ms', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        }
        latencyRow('b', `(b) requestPairingCode() (median of ${CONFIG.pairCycles})`, 'ms', 'pairMs');
        latencyRow('b.first', '    the first call, 1 s after the first qr', 'ms', 'firstPairMs');
        latencyRow('b.hello', '    call -> code request at the server (sim)', 'ms', 'pairHelloMs');
        latencyRow('b.issued', '    call -> code issued (sim)', 'ms', 'pairIssuedMs');
        latencyRow('b.back', '    code issued -> resolves', 'ms', 'pairIssuedToResolveMs');
        latencyRow('c', `(c) cancelPairingCode() -> next qr (median of ${CONFIG.pairCycles})`, 'ms', 'cancelToQrMs');
        latencyRow('c.first', '    the first cancel', 'ms', 'firstCancelToQrMs');
        latencyRow('c.closed', '    call -> old socket closed (sim)', 'ms', 'cancelClosedMs');
        latencyRow('c.open', '    call -> new socket open (sim)', 'ms', 'cancelOpenMs');
        latencyRow('c.ref', '    call -> first ref issued (sim)', 'ms', 'cancelRefMs');
        latencyRow('c.back', '    ref issued -> qr', 'ms', 'cancelRefToQrMs');
        latencyRow('c.resolve', '    cancelPairingCode() resolves', 'ms', 'cancelResolveMs');
        latencyRow('d', '(d) scan -> ready', 'ms', 'scanToReadyMs');
        latencyRow('e.node', '(e) Node peak RSS (VmHWM)', 'MiB', 'nodePeakRss', false, MiB);
        latencyRow('e.chromium', '(e) Chromium tree peak RSS', 'MiB', 'chromiumPeakRss', false, MiB);
        latencyRow('e.total', '(e) peak RSS, Node + Chromium', 'MiB', 'totalPeakRss', false, MiB);
        latencyRow('e.pss', '    PSS after login, Node + Chromium', 'MiB', 'totalPss', false, MiB);
        latencyRow('e.procs', '    Chromium processes', '', 'chromiumProcesses');
        latencyRow('destroy', '    destroy()', 'ms', 'destroyMs');
        // The library's own share of Node's memory: the peak above a bare Node process.
        const bare = pick('node', 'nodePeakRss', MiB);
        if (bare) {
            const above = (kind) => stats((latency[kind] || []).map((r) => (r.nodePeakRss == null ? null : r.nodePeakRss / MiB - bare.median)));
            const ao = above('ours');
            const aw = above('wwebjs');
            rows.push({ id: 'e.node.bare', label: '    a bare Node process (baseline)', unit: 'MiB', ours: bare, wwebjs: bare, floor: null, oursOverWwebjs: null, oursOverFloor: null });
            rows.push({ id: 'e.node.lib', label: '(e) Node peak RSS above a bare Node', unit: 'MiB', ours: ao, wwebjs: aw, floor: null, oursOverWwebjs: ratio(ao, aw), oursOverFloor: null });
        }
        const second = stats((latency['ours-shared'] || []).map((r) => r.secondQrMs));
        const cold = pick('wwebjs', 'qrMs');
        if (second) {
            rows.splice(rows.findIndex((r) => r.id === 'a.init') + 1, 0, { id: 'a.shared', label: '(a) sharedBrowser: 2nd client -> first qr', unit: 'ms', ours: second, wwebjs: cold, floor: null, oursOverWwebjs: ratio(second, cold), oursOverFloor: null });
        }
    }
    if (idle) {
        const one = (kind, f) => (idle[kind] ? stats([f(idle[kind])]) : null);
        for (const [id, label, f] of [
            ['f.total', `(f) idle CPU, ${(CONFIG.idleMs / 1000).toFixed(0)} s in QR mode`, (r) => r.cpu.total],
            ['f.node', '    of which Node', (r) => r.cpu.node],
            ['f.chromium', '    of which Chromium', (r) => r.cpu.chromium],
        ]) {
            const ours = one('ours', f);
            const wwebjs = one('wwebjs', f);
            rows.push({ id, label, unit: 'CPU s', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        }
    }
    if (sessions) {
        const ours = sessions.ours ? stats([sessions.ours.fit]) : null;
        const wwebjs = sessions.wwebjs ? stats([sessions.wwebjs.fit]) : null;
        const shared = sessions['ours-shared'] ? stats([sessions['ours-shared'].fit]) : null;
        rows.push({ id: 'g', label: `(g) logged-in sessions in ${(CONFIG.rssLimitBytes / MiB / 1024).toFixed(0)} GiB RSS`, unit: 'sessions', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        const byPss = (k) => (sessions[k] ? stats([sessions[k].fitPss]) : null);
        rows.push({ id: 'g.pss.count', label: `(g) logged-in sessions in ${(CONFIG.rssLimitBytes / MiB / 1024).toFixed(0)} GiB PSS`, unit: 'sessions', ours: byPss('ours'), wwebjs: byPss('wwebjs'), floor: null, oursOverWwebjs: ratio(byPss('ours'), byPss('wwebjs')), oursOverFloor: null });
        if (shared) {
            rows.push({ id: 'g.shared.pss', label: '(g) in PSS with sharedBrowser', unit: 'sessions', ours: byPss('ours-shared'), wwebjs: byPss('wwebjs'), floor: null, oursOverWwebjs: ratio(byPss('ours-shared'), byPss('wwebjs')), oursOverFloor: null });
            rows.push({ id: 'g.shared', label: '(g) in RSS with sharedBrowser', unit: 'sessions', ours: shared, wwebjs, floor: null, oursOverWwebjs: ratio(shared, wwebjs), oursOverFloor: null });
            // Added sessions: from the 2nd on (the 1st also launches the shared browser).
            const added = sessions['ours-shared'].steps.filter((st) => st.n > 1);
            const ps = added.length ? stats(added.map((st) => st.incrementRss / MiB)) : null;
            const pw0 = sessions.wwebjs && sessions.wwebjs.steps.length ? stats(sessions.wwebjs.steps.map((st) => st.incrementRss / MiB)) : null;
            rows.push({ id: 'g.shared.increment', label: '    RSS per added session, sharedBrowser', unit: 'MiB', ours: ps, wwebjs: pw0, floor: null, oursOverWwebjs: ratio(ps, pw0), oursOverFloor: null });
            const pps = added.length ? stats(added.map((st) => st.incrementPss / MiB)) : null;
            const ppw = sessions.wwebjs && sessions.wwebjs.steps.length ? stats(sessions.wwebjs.steps.map((st) => st.incrementPss / MiB)) : null;
            rows.push({ id: 'g.shared.increment.pss', label: '    PSS per added session, sharedBrowser', unit: 'MiB', ours: pps, wwebjs: ppw, floor: null, oursOverWwebjs: ratio(pps, ppw), oursOverFloor: null });
            // The same readings through the other estimators (bench/per_session.js), and the
            // anonymous part of PSS, which other processes on the machine cannot move.
            const est = (k, figure, e) => {
                const v = sessions[k] && sessions[k].perSession && sessions[k].perSession[figure][e];
                return v == null ? null : stats([v / MiB]);
            };
            // Theil-Sen is the estimate bench/README.md chose (the most stable across repeat runs).
            for (const [figure, e, label] of [
                ['pss', 'theilSen', '    PSS per added session, Theil-Sen'],
                ['pss', 'slope', '    PSS, least-squares slope'],
                ['pssAlone', 'theilSen', '    PSS alone on the machine, Theil-Sen'],
                ['pssAnon', 'theilSen', '    anonymous PSS, Theil-Sen'],
                ['rss', 'theilSen', '    RSS per added session, Theil-Sen'],
            ]) {
                const o = est('ours-shared', figure, e);
                const ww = est('wwebjs', figure, e);
                rows.push({ id: `g.shared.${figure}.${e}`, label, unit: 'MiB', ours: o, wwebjs: ww, floor: null, oursOverWwebjs: ratio(o, ww), oursOverFloor: null });
            }
        }
        const per = (r) => (r && r.steps.length ? stats(r.steps.map((s) => s.incrementRss / MiB)) : null);
        const po = per(sessions.ours);
        const pw = per(sessions.wwebjs);
        rows.push({ id: 'g.increment', label: '    RSS added per session', unit: 'MiB', ours: po, wwebjs: pw, floor: null, oursOverWwebjs: ratio(po, pw), oursOverFloor: null });
        // The same sessions counted without double-counting shared pages, for scale.
        const pssAt = (r) => {
            const fitting = r ? r.steps.filter((s) => s.totalRss <= CONFIG.rssLimitBytes) : [];
            return fitting.length ? stats([fitting[fitting.length - 1].totalPss / MiB]) : null;
        };
        const so = pssAt(sessions.ours);
        const sw = pssAt(sessions.wwebjs);
        rows.push({ id: 'g.pss', label: '    total PSS with those sessions', unit: 'MiB', ours: so, wwebjs: sw, floor: null, oursOverWwebjs: ratio(so, sw), oursOverFloor: null });
    }
    return rows;
}

function fmt(s, unit) {
    if (!s) return '-';
    const digits = unit === 'CPU s' ? 2 : unit === 'ms' && s.median < 100 ? 1 : 0;
    const f = (x) => x.toFixed(digits);
    return s.n > 1 ? `${f(s.median)} [${f(s.min)}–${f(s.max)}]` : f(s.median);
}

function printTable(rows) {
    const header = ['measure', 'unit', 'ours: median [min–max]', 'whatsapp-web.js', 'floor', 'ours/wwebjs', 'ours/floor'];
    const body = rows.map((r) => [
        r.label,
        r.unit,
        fmt(r.ours, r.unit),
        fmt(r.wwebjs, r.unit),
        r.floor ? fmt(r.floor, r.unit) : '',
        r.oursOverWwebjs == null ? '' : r.oursOverWwebjs.toFixed(2),
        r.oursOverFloor == null ? '' : r.oursOverFloor.toFixed(2),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const line = (cells) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of body) console.log(line(row));
}

// ---- main ---------------------------------------------------------------------------------------

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
        if (!['latency', 'idle', 'sessions', 'messages'].includes(phase)) throw new Error(`BENCH_PHASES: unknown phase ${phase}`);
    }
    // The real timings everywhere: no measure here needs shorter ones (a QR lasts 60 s, longer than
    // any step, and the offline sync after a scan is the real 5 x 50 ms).
    const client = snapshotClient();
    log(`our client: commit ${client.commit}${client.dirty ? ' + uncommitted changes in src/, index.js or lib/' : ''}, addon sha256 ${client.addonSha256.slice(0, 12)}`);
    const heavy = CONFIG.page === 'heavy';
    if (!heavy && CONFIG.page !== 'light') throw new Error(`BENCH_PAGE must be heavy or light, not ${CONFIG.page}`);
    const sim = await startSimulator({ realSequence: true, heavyPage: heavy, bundleBytes: heavy ? CONFIG.bundleBytes : undefined });
    // The simulator emits its events synchronously: stamp them on the hrtime clock here, to the
    // microsecond, for the pairing-call breakdowns (its own Date.now() stamps are whole ms).
    sim.on('event', (ev) => SIM_HR.set(ev, hrNow()));
    if (heavy) log(`heavy page: ${(sim.state().heavyPage.bundleBytes / MiB).toFixed(1)} MiB of JavaScript in ${sim.state().heavyPage.moduleCount} modules`);
    const simTimings = { ...sim.state().options };
    log(`simulator ${sim.httpsUrl} (as https://web.whatsapp.com/), real default timings: first ref ${simTimings.firstRefTtlMs} ms, next refs ${simTimings.nextRefTtlMs} ms, sync step ${simTimings.syncStepMs} ms`);
    log(`bench root ${BENCH_ROOT}; ${CONFIG.runs} run(s) + ${CONFIG.warmup} warm-up, idle ${CONFIG.idleMs} ms, sessions cap ${CONFIG.maxSessions}`);

    let latency = null;
    let idle = null;
    let sessions = null;
    let messages = null;
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
        if (CONFIG.phases.includes('messages')) messages = await messagesPhase({ sim, CONFIG, T, envInt, log, sleep, hrNow, attempt, newWorker, scanToReady, procfs });
    } finally {
        await sim.close();
    }

    const rows = buildRows(latency, idle, sessions);
    if (messages) rows.push(...messageRows(messages, { stats, ratio }));
    const stray = procfs.pidsMentioning(BENCH_ROOT).length;
    const runtimeMs = Date.now() - started;
    const pageInfo = sim.state().heavyPage;
    const notes = [
        heavy
            ? `Page: the simulator's heavy real-sequence page, ${(pageInfo.bundleBytes / MiB).toFixed(1)} MiB of JavaScript in ${pageInfo.moduleCount} module definitions over 3 async bundles, images, fonts and a service worker, hashed names served immutable (simulator/README.md, "Heavy page"). Chromium trusts the simulator's key (--ignore-certificate-errors-spki-list), so it caches as on the real site.`
            : 'Page: the light real-sequence page (a few kilobytes).',
        `(a) 1st process: our client with an empty cache folder; 2nd process on: with the per-user cache folder two earlier loads filled (${JSON.stringify(CONFIG.oursOptions)} as extra options). whatsapp-web.js (NoAuth) starts every process on an empty profile. The floor column is bare Chromium with an empty cache for the 1st-process row and with a warm --disk-cache-dir otherwise.`,
        `Simulator: one instance, real default timings for every measure (firstRefTtlMs ${simTimings.firstRefTtlMs}, nextRefTtlMs ${simTimings.nextRefTtlMs}, codeTtlMs ${simTimings.codeTtlMs}, syncStepMs ${simTimings.syncStepMs}); scan -> ready includes the simulated offline sync (5 steps x ${simTimings.syncStepMs} ms).`,
        `Latency runs alternate ours, whatsapp-web.js, floor; ${CONFIG.runs} measured round(s) after ${CONFIG.warmup} discarded warm-up round(s); each run is a fresh worker process and a fresh Chromium profile.`,
        `(a) is timed from the initialize() call (library already loaded) to the first scannable qr; the floor from spawning Chromium to reading Conn.ref over a raw CDP websocket (ws package). The breakdown rows place the simulator's socket-open and ref-issued events (ms resolution) on the same clock.`,
        `(c) is timed to the next scannable qr for both; whatsapp-web.js's cancelPairingCode() resolves earlier and it first emits a 'null,…' QR.`,
        `(e) RSS is summed over the worker's Chromium processes (command line names the worker's directory: profile and crashpad database), sampled every ${CONFIG.sampleMs} ms from launch to ${CONFIG.settleMs} ms after ready; Node peak is the kernel's VmHWM. Summed RSS counts shared pages once per process; PSS does not (and so also depends on any other Chromium running on the machine at that moment).`,
        `(f) CPU = utime+stime (+ reaped children) of the worker and its Chromium tree over ${CONFIG.idleMs} ms (BENCH_IDLE_MS), starting ${CONFIG.settleMs} ms after the first qr.`,
        `(g) sessions are started one by one in one worker per kind, each logged in by scan and read once settled; it stops when the last session's PSS increment would take the total PSS over ${(CONFIG.rssLimitBytes / MiB).toFixed(0)} MiB, or at ${CONFIG.maxSessions}. Per added session: from the 2nd session on; Theil-Sen is the estimate to read (bench/README.md). PSS alone on the machine does not depend on other programs; total PSS does.`,
    ];
    if (messages) notes.push(messagesNote(messages));
    const result = {
        date: new Date().toISOString(),
        runtimeMs,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0] && os.cpus()[0].model, memTotal: os.totalmem(), node: process.version, chromium: chromiumVersion(), platform: `${os.platform()} ${os.release()}` },
        config: { ...CONFIG, out: undefined },
        client,
        simulator: simTimings,
        notes,
        table: rows.map((r) => ({ ...r, ours: r.ours && { ...r.ours }, wwebjs: r.wwebjs && { ...r.wwebjs }, floor: r.floor && { ...r.floor } })),
        raw: { latency, idle, sessions, messages },
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
