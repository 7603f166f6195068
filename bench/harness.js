'use strict';
// The bench's harness: configuration, the cleanup that lets nothing outlive a run, the
// worker processes (one per client, driven over IPC) and the helpers every phase uses.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork, execFileSync } = require('child_process');
const chromium = require('../simulator/chromium');
const procfs = require('./procfs');

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
    phases: (process.env.BENCH_PHASES || 'latency,idle,sessions,messages,features,pool').split(',').map((s) => s.trim()).filter(Boolean),
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

module.exports = { BENCH_ROOT, CONFIG, FLOOR_CACHE_DIR, MiB, PHONE, SHARED_CACHE_HOME, SIM_HR, T, WALL_MINUS_HR, attempt, envInt, failures, hrNow, leftovers, log, newWorker, scanToReady, sleep, snapshotClient };
