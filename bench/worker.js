'use strict';
// One bench worker: a Node process that runs ONE kind of client (ours, whatsapp-web.js, or the
// floor script) so that its memory and CPU, and those of the Chromium it starts, can be measured
// from the outside without the other kind's modules or browsers mixed in. bench/run.js forks it
// and drives it over IPC: { id, op, args } in, { id, ok, result | error } out.
//
// Timestamps are process.hrtime (CLOCK_MONOTONIC, the same clock in every process of the
// machine), so the runner can compare a time taken here with one taken in its own process: it
// calls the simulator's phone.scan() itself and subtracts that from the `ready` time seen here.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const REPO = path.join(__dirname, '..');
const { BASE_CHROMIUM_ARGS, CHROMIUM_PATH } = require('../simulator/chromium');

const now = () => Number(process.hrtime.bigint()) / 1e6;
const VALID_QR = /^2@/; // a scannable QR; whatsapp-web.js also emits `null,…` and `undefined,…` ones

let kind = null;
let lib = null;
let chromiumArgs = [];
// BENCH_OURS_OPTIONS: extra options for our client (e.g. {"sharedCache":false}), to measure one
// of its start-up features on its own.
let oursOptions = {};
const sessions = new Map();

function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
        promise,
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${kind}: ${what} took longer than ${ms} ms`)), ms);
        }),
    ]).finally(() => clearTimeout(timer));
}

// A client with the log of everything it emitted (hrtime stamped) and bounded waits on that log.
class Session {
    constructor(sid, client, profileDir) {
        this.sid = sid;
        this.client = client;
        this.profileDir = profileDir;
        this.log = [];
        this.waiters = new Set();
        this.failure = null;
        for (const name of ['qr', 'code', 'authenticated', 'ready', 'loading_screen', 'disconnected', 'auth_failure', 'code_error']) {
            client.on(name, (...args) => this.record(name, args));
        }
    }
    record(name, args) {
        const ev = { name, args, t: now() };
        this.log.push(ev);
        for (const w of [...this.waiters]) if (w.match(ev)) w.done(null, ev);
    }
    fail(error) {
        this.failure = error;
        for (const w of [...this.waiters]) w.done(error);
    }
    // The first event `name` satisfying `pred` at or after log index `since`.
    next(name, pred, since, timeoutMs) {
        const match = (e) => e.name === name && pred(...e.args);
        const found = this.log.slice(since).find(match);
        if (found) return Promise.resolve(found);
        if (this.failure) return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            const w = {
                match,
                done: (err, ev) => {
                    this.waiters.delete(w);
                    clearTimeout(w.timer);
                    if (err) reject(err);
                    else resolve(ev);
                },
            };
            w.timer = setTimeout(() => {
                const seen = this.log.map((e) => (e.name === 'qr' ? `qr(${String(e.args[0]).split(',')[0].slice(0, 6)})` : e.name));
                w.done(new Error(`${kind}: no '${name}' within ${timeoutMs} ms (client emitted: ${seen.join(', ') || 'nothing'})`));
            }, timeoutMs);
            this.waiters.add(w);
        });
    }
    latestQr() {
        const qrs = this.log.filter((e) => e.name === 'qr' && VALID_QR.test(e.args[0]));
        return qrs.length ? qrs[qrs.length - 1].args[0] : null;
    }
}

// Our client's puppeteer options: the simulator's flags plus any from BENCH_OURS_OPTIONS.
function oursPuppeteer() {
    const extra = oursOptions.puppeteer || {};
    return { ...extra, args: [...chromiumArgs, ...(extra.args || [])] };
}

function makeClient({ localAuth = false } = {}) {
    if (kind === 'ours-shared') {
        // Our sharedBrowser option: every client of this worker in one Chromium, a browser
        // context each (see README "Options").
        return { client: new lib.Client({ ...oursOptions, sharedBrowser: true, webVersionCache: { type: 'none' }, puppeteer: oursPuppeteer() }), profileDir: null };
    }
    // LocalAuth in the worker's own directory (its cwd): the restart measure starts a second client
    // on the session the first one saved.
    if (localAuth && kind === 'ours') {
        const authStrategy = new lib.LocalAuth({ dataPath: path.join(process.cwd(), 'auth') });
        return { client: new lib.Client({ ...oursOptions, authStrategy, webVersionCache: { type: 'none' }, puppeteer: oursPuppeteer() }), profileDir: null };
    }
    if (localAuth) {
        const client = new lib.Client({
            authStrategy: new lib.LocalAuth({ dataPath: path.join(process.cwd(), 'auth') }),
            webVersionCache: { type: 'none' },
            puppeteer: { executablePath: CHROMIUM_PATH, headless: true, args: [...BASE_CHROMIUM_ARGS, ...chromiumArgs] },
        });
        return { client, profileDir: null };
    }
    if (kind === 'ours') {
        // NoAuth (the default): a temporary profile below TMPDIR, which the runner points at this
        // worker's private directory. Our client adds the headless/no-sandbox/quiet flags itself.
        // webVersionCache 'none' as whatsapp-web.js gets below: both load the live page, and
        // neither reads or writes a page cache.
        return { client: new lib.Client({ ...oursOptions, webVersionCache: { type: 'none' }, puppeteer: oursPuppeteer() }), profileDir: null };
    }
    // whatsapp-web.js exactly as __test__/wwebjs-fidelity.test.js launches it.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wwebjs-'));
    const client = new lib.Client({
        authStrategy: new lib.NoAuth(),
        webVersionCache: { type: 'none' },
        puppeteer: {
            executablePath: CHROMIUM_PATH,
            headless: true,
            userDataDir: profileDir,
            args: [...BASE_CHROMIUM_ARGS, ...chromiumArgs],
        },
    });
    return { client, profileDir };
}

function session(sid) {
    const s = sessions.get(sid);
    if (!s) throw new Error(`no session ${sid}`);
    return s;
}

// FLOOR for (b) and (c), on the floor's raw CDP websocket, with the same gap before each call as
// the clients get. (b): one Runtime.evaluate making the three WhatsApp Web calls whatsapp-web.js
// makes for a code (Client.js:535-542), timed to its answer. (c): one Runtime.evaluate of what
// whatsapp-web.js's cancelPairingCode() runs (Client.js:573-576), not awaited, timed to the next
// ref reaching this process through a binding installed beforehand. Neither builds a QR nor
// checks anything: the least any client can do over CDP for the same result.
async function floorPairing({ send, sessionId, bindingCalls, cycles, gapMs, deadline, phone }) {
    const call = (expression) => send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    await send('Runtime.enable', {}, sessionId);
    await send('Runtime.addBinding', { name: '__floorRef' }, sessionId);
    await call(`window.require('WAWebConnModel').Conn.on('change:ref', (_m, ref) => { if (ref) window.__floorRef(ref); }); 0`);
    const request = `(async () => {
        const linking = window.require('WAWebAltDeviceLinkingApi');
        linking.setPairingType('ALT_DEVICE_LINKING');
        await linking.initializeAltDeviceLinking();
        return String(await linking.startAltLinkingFlow(${JSON.stringify(String(phone))}, true));
    })()`;
    const cancel = `(() => {
        window.require('WAWebLaunchSocketUtils').refreshQR();
        window.require('WAWebAltDeviceLinkingApi').initializeQRLinking();
        return 0;
    })()`;
    const out = [];
    for (let i = 0; i < cycles; i++) {
        await new Promise((r) => setTimeout(r, gapMs));
        let t = now();
        const code = await call(request);
        if (!code.result || typeof code.result.value !== 'string') throw new Error(`floor: no code (${JSON.stringify(code).slice(0, 200)})`);
        const pairMs = now() - t;
        await new Promise((r) => setTimeout(r, gapMs));
        const seen = bindingCalls.length;
        const nextRef = withTimeout(
            new Promise((resolve) => {
                bindingCalls.onBinding = () => bindingCalls.length > seen && resolve();
            }),
            Math.max(1, deadline - now()),
            'floor: the ref after the cancel',
        );
        t = now();
        await call(cancel);
        await nextRef;
        bindingCalls.onBinding = null;
        out.push({ pairMs, cancelToQrMs: bindingCalls[seen].t - t });
    }
    return out;
}

const ops = {
    // Loads the client library. Not timed as part of initialize(): a program pays it once.
    init(args) {
        kind = args.kind;
        chromiumArgs = args.chromiumArgs;
        oursOptions = args.oursOptions || {};
        const t0 = now();
        if (kind === 'ours' || kind === 'ours-shared') lib = require(args.clientDir || REPO);
        else if (kind === 'node') lib = null; // a bare Node process: the baseline of (e)
        else if (kind === 'wwebjs') lib = require('whatsapp-web.js');
        else if (kind === 'floor') lib = require('ws');
        else throw new Error(`unknown kind ${kind}`);
        return { pid: process.pid, requireMs: now() - t0 };
    },

    // (a) initialize() -> first qr, cold: Chromium is launched by initialize().
    async start({ sid, timeoutMs, localAuth }) {
        const { client, profileDir } = makeClient({ localAuth });
        const s = new Session(sid, client, profileDir);
        sessions.set(sid, s);
        const t0 = now();
        let initAt = null;
        const initialized = client.initialize().then(
            () => {
                initAt = now();
            },
            (err) => s.fail(err),
        );
        const qr = await s.next('qr', (q) => VALID_QR.test(q), 0, timeoutMs);
        // whatsapp-web.js emits the first qr before initialize() has finished injecting; acting on
        // that QR earlier can lose its progress/ready events (see the fidelity test), so both
        // kinds wait for initialize() before anything else is done with the client.
        await withTimeout(initialized, timeoutMs, 'initialize()');
        if (s.failure) throw s.failure;
        return { startedAt: t0, qrMs: qr.t - t0, initMs: initAt - t0, qr: qr.args[0] };
    },

    // LocalAuth restart: a new client on the session a previous one saved, initialize() -> ready
    // (no QR: the page restores the session from the profile).
    async restart({ sid, timeoutMs }) {
        const { client, profileDir } = makeClient({ localAuth: true });
        const s = new Session(sid, client, profileDir);
        sessions.set(sid, s);
        const t0 = now();
        client.initialize().catch((err) => s.fail(err));
        const ready = await s.next('ready', () => true, 0, timeoutMs);
        const qrs = s.log.filter((e) => e.name === 'qr').length;
        if (qrs) throw new Error(`${kind}: restart showed ${qrs} QR(s) instead of restoring the session`);
        return { readyMs: ready.t - t0 };
    },

    // (b) requestPairingCode() latency on a client showing a QR.
    async pair({ sid, phone, timeoutMs }) {
        const s = session(sid);
        const since = s.log.length;
        const t0 = now();
        const code = await withTimeout(s.client.requestPairingCode(phone), timeoutMs, 'requestPairingCode()');
        const t1 = now();
        const ev = await s.next('code', (c) => c === code, since, timeoutMs);
        return { calledAt: t0, requestMs: t1 - t0, codeEventMs: ev.t - t0, code };
    },

    // (c) cancelPairingCode() -> the next scannable qr. Ours resolves after that qr; whatsapp-web.js
    // resolves first (and emits a `null,…` QR before the real one), so both are timed to the qr.
    async cancel({ sid, timeoutMs }) {
        const s = session(sid);
        const since = s.log.length;
        const t0 = now();
        await withTimeout(s.client.cancelPairingCode(), timeoutMs, 'cancelPairingCode()');
        const t1 = now();
        const qr = await s.next('qr', (q) => VALID_QR.test(q), since, timeoutMs);
        const anyQr = s.log.slice(since).find((e) => e.name === 'qr');
        return {
            calledAt: t0,
            resolveMs: t1 - t0,
            nextQrMs: qr.t - t0,
            firstAnyQrMs: anyQr.t - t0,
            firstAnyQrKind: VALID_QR.test(anyQr.args[0]) ? 'valid' : anyQr.args[0].split(',')[0],
            qr: qr.args[0],
        };
    },

    latestQr({ sid }) {
        return { qr: session(sid).latestQr() };
    },

    // (d) the runner scanned at hrtime `scanAt`; the times of authenticated and ready here.
    async ready({ sid, timeoutMs }) {
        const s = session(sid);
        const ready = await s.next('ready', () => true, 0, timeoutMs);
        const auth = s.log.find((e) => e.name === 'authenticated');
        const progress = s.log.filter((e) => e.name === 'loading_screen').map((e) => e.args[0]);
        return { readyAt: ready.t, authenticatedAt: auth ? auth.t : null, progress };
    },

    // How many qr events (scannable or not) came after hrtime `since`.
    qrCount({ sid, since }) {
        const qrs = session(sid).log.filter((e) => e.name === 'qr' && e.t >= since);
        return { all: qrs.length, valid: qrs.filter((e) => VALID_QR.test(e.args[0])).length };
    },

    memory() {
        return process.memoryUsage();
    },

    async destroy({ sid, timeoutMs }) {
        const s = session(sid);
        const t0 = now();
        await withTimeout(s.client.destroy(), timeoutMs, 'destroy()');
        const destroyMs = now() - t0;
        sessions.delete(sid);
        if (s.profileDir) fs.rmSync(s.profileDir, { recursive: true, force: true });
        return { destroyMs };
    },

    async destroyAll({ timeoutMs }) {
        const t0 = now();
        const sids = [...sessions.keys()];
        const results = await Promise.allSettled(sids.map((sid) => ops.destroy({ sid, timeoutMs })));
        const failed = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason && r.reason.message));
        return { count: sids.length, ms: now() - t0, failed };
    },

    // FLOOR for (a): the same Chromium binary and flags, the same page, nothing else. Chromium gets
    // the URL on its command line (so loading starts while we connect) and DevTools on a free port;
    // one raw CDP websocket (the `ws` package, no puppeteer) attaches to the tab and evaluates a
    // promise that resolves, in the page, with the first Conn.ref. Timed from spawn() to the ref.
    // With `diskCacheDir`, Chromium's HTTP and code cache live there (kept between runs by the
    // runner): the floor with a warm cache.
    async floor({ timeoutMs, diskCacheDir, pairCycles = 0, gapMs = 1000, phone }) {
        const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-'));
        const cacheArgs = diskCacheDir ? [`--disk-cache-dir=${diskCacheDir}`] : [];
        const args = [...BASE_CHROMIUM_ARGS, ...chromiumArgs, ...cacheArgs, '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'https://web.whatsapp.com/'];
        const t0 = now();
        // Own process group, so the whole tree goes with one kill.
        const child = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
        const killTree = () => {
            try {
                process.kill(-child.pid, 'SIGKILL');
            } catch {
                /* gone */
            }
        };
        let ws = null;
        try {
            const wsUrl = await withTimeout(
                new Promise((resolve, reject) => {
                    let buf = '';
                    child.stderr.on('data', (d) => {
                        buf += d;
                        const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
                        if (m) resolve(m[1]);
                    });
                    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${buf.slice(-500)}`)));
                }),
                timeoutMs,
                'DevTools endpoint',
            );
            child.stderr.resume();
            const tDevtools = now();
            ws = new lib(wsUrl, { perMessageDeflate: false });
            await withTimeout(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)), timeoutMs, 'CDP connect');
            let nextId = 0;
            const pending = new Map();
            // Binding calls, timed as they arrive; `onBinding` wakes a waiter without polling.
            const bindingCalls = [];
            bindingCalls.onBinding = null;
            ws.on('message', (data) => {
                const msg = JSON.parse(data);
                if (msg.method === 'Runtime.bindingCalled') {
                    bindingCalls.push({ t: now(), payload: msg.params.payload });
                    if (bindingCalls.onBinding) bindingCalls.onBinding();
                }
                const p = msg.id !== undefined && pending.get(msg.id);
                if (!p) return;
                pending.delete(msg.id);
                if (msg.error) p.reject(new Error(msg.error.message));
                else p.resolve(msg.result);
            });
            const send = (method, params = {}, sessionId) =>
                new Promise((resolve, reject) => {
                    const id = ++nextId;
                    pending.set(id, { resolve, reject });
                    ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
                });
            const deadline = t0 + timeoutMs;
            let target = null;
            while (!target) {
                if (now() > deadline) throw new Error('floor: no page target');
                const { targetInfos } = await send('Target.getTargets');
                target = targetInfos.find((t) => t.type === 'page');
                if (!target) await new Promise((r) => setTimeout(r, 5));
            }
            const { sessionId } = await send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
            // Polls in the page (every 5 ms) rather than over the wire; if the evaluation started in
            // the document before the navigation committed, that context dies and we ask again.
            const expression = `new Promise((resolve) => {
                const tick = () => {
                    try {
                        const ref = window.require && window.require('WAWebConnModel').Conn.ref;
                        if (typeof ref === 'string' && ref.startsWith('2@')) return resolve(ref);
                    } catch (e) {}
                    setTimeout(tick, 5);
                };
                tick();
            })`;
            let ref = null;
            while (!ref) {
                if (now() > deadline) throw new Error('floor: no ref');
                try {
                    const res = await withTimeout(send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId), Math.max(1, deadline - now()), 'ref');
                    if (res.result && typeof res.result.value === 'string') ref = res.result.value;
                } catch (err) {
                    if (/took longer/.test(err.message)) throw err;
                    await new Promise((r) => setTimeout(r, 5));
                }
            }
            const tRef = now();
            const pairing = pairCycles ? await floorPairing({ send, sessionId, bindingCalls, cycles: pairCycles, gapMs, deadline, phone }) : null;
            if (diskCacheDir) {
                // Untimed: let Chromium write its code cache, then close it politely so the cache
                // is complete for the next warm run (a SIGKILL could lose the last entries).
                await new Promise((r) => setTimeout(r, 1000));
                await withTimeout(send('Browser.close'), 3000, 'Browser.close').catch(() => {});
                await withTimeout(new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r))), 5000, 'floor chromium exit').catch(() => {});
            }
            return { startedAt: t0, refMs: tRef - t0, devtoolsMs: tDevtools - t0, ref, pairing };
        } finally {
            if (ws) ws.terminate();
            killTree();
            // Wait (bounded) for the browser to be reaped before removing its profile.
            if (child.exitCode === null && child.signalCode === null) {
                await withTimeout(new Promise((r) => child.once('exit', r)), 5000, 'floor chromium exit').catch(() => {});
            }
            fs.rmSync(profileDir, { recursive: true, force: true });
        }
    },

    async exit() {
        await ops.destroyAll({ timeoutMs: 20000 }).catch(() => {});
        setImmediate(() => process.exit(0));
        return {};
    },
};

// The messages phase's operations (bench/worker-messages.js).
Object.assign(ops, require('./worker-messages')({ session, now, withTimeout }));
// The features phase's operations (bench/worker-features.js), with the loaded library's classes.
Object.assign(ops, require('./worker-features')({ session, now, withTimeout, lib: () => lib }));

process.on('message', async (msg) => {
    const { id, op, args } = msg;
    try {
        if (!ops[op]) throw new Error(`unknown op ${op}`);
        const result = await ops[op](args || {});
        process.send({ id, ok: true, result });
    } catch (err) {
        process.send({ id, ok: false, error: String((err && err.stack) || err) });
    }
});

// The runner went away: close what we opened and leave (it kills by profile dir as well).
process.on('disconnect', () => {
    const hardStop = setTimeout(() => process.exit(1), 10000);
    hardStop.unref();
    ops.destroyAll({ timeoutMs: 5000 }).finally(() => process.exit(1));
});
process.on('unhandledRejection', (err) => {
    process.stderr.write(`[worker ${kind}] unhandled rejection: ${(err && err.stack) || err}\n`);
});
