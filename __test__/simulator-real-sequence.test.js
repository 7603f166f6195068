'use strict';
// The simulator's real-sequence mode (simulator/README.md, "Real-sequence mode"), its page driven
// directly in Chromium: load order, late keys, hasSynced before CONNECTED, a late logout, code
// requests after the refs ran out, and connection faults (these in instant mode too).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { startSimulator } = require('../simulator');
const { PHONE, SCAN_WID, sim, profile, browser, waitState, waitSynced, qrOf, requestCode, httpJson } = require('./sim-harness');

const REAL = { realSequence: true, syncStepMs: 20 };

// Runs before the page's scripts and notes, without relying on the page being friendly: when
// Debug.VERSION first appears (polled, since defineProperty bypasses any setter), whether
// WAWebSocketModel could be required then, whether a setter trap on window.Debug ever fired, and
// through the page's own requireLazy (hooked the moment its inline runtime defines it) what the
// key stores return when their bundle arrives and every later socket state / hasSynced change
// (in instant mode, which has no inline runtime, from the moment Debug.VERSION appears).
function probe() {
    const t0 = performance.now();
    const now = () => Math.round(performance.now() - t0);
    const rec = (window.__probe = { log: [], trap: [] });
    const push = (e) => rec.log.push({ t: now(), ...e });
    let attached = false;
    const attach = ({ Socket }) => {
        if (attached) return;
        attached = true;
        push({ k: 'socket-module', v: Socket.state });
        Socket.on('change:state', (_m, v) => push({ k: 'state', v }));
        Socket.on('change:hasSynced', (_m, v) => push({ k: 'hasSynced', v }));
    };
    let debug;
    Object.defineProperty(window, 'Debug', {
        configurable: true,
        get: () => debug,
        set(v) {
            debug = v;
            rec.trap.push(v && v.VERSION !== undefined ? 'with-version' : 'without-version');
        },
    });
    const poll = setInterval(() => {
        if (!(window.Debug && window.Debug.VERSION)) return;
        clearInterval(poll);
        rec.debugAt = now();
        try {
            attach(window.require('WAWebSocketModel'));
            rec.requireAtDebug = 'defined';
        } catch (e) {
            rec.requireAtDebug = e.message;
        }
    }, 2);
    let lazy;
    Object.defineProperty(window, 'requireLazy', {
        configurable: true,
        get: () => lazy,
        set(fn) {
            lazy = fn;
            fn(['WAWebUserPrefsInfoStore', 'WAWebSignalStoreApi'], async (info, signal) => {
                const noise = await info.waNoiseInfo.get();
                const reg = await signal.waSignalStore.getRegistrationInfo();
                push({ k: 'keys', noise: noise && noise.staticKeyPair ? 'set' : noise, reg: reg && reg.identityKeyPair ? 'set' : reg });
            });
            fn(['WAWebSocketModel'], attach);
        },
    });
    window.addEventListener('load', () => {
        let v = 'defined';
        try {
            window.require('WAWebSocketModel');
        } catch (e) {
            v = e.message;
        }
        push({ k: 'load', v });
    });
}

const probeOf = (page) => page.evaluate(() => window.__probe);
const states = (rec) => rec.log.filter((e) => e.k === 'state').map((e) => e.v);

for (const debugVariant of ['assign', 'late-property', 'define-property']) {
    test(`load order (${debugVariant}): Debug.VERSION first, modules by bundle before load, keys null until the socket starts; hasSynced before CONNECTED after a login`, async (t) => {
        // A strict page CSP too: every script of the real-sequence page is a same-origin file.
        const s = await sim(t, { ...REAL, debugVariant, moduleDelayMs: 900, connectedAfterSyncMs: 150, pageCsp: "script-src 'self'" });
        const dir = profile(t);
        const { page } = await browser(t, s, dir, probe);
        await page.goto(s.webUrl, { waitUntil: 'load' });
        await waitState(page, 'UNPAIRED');
        let rec = await probeOf(page);

        assert.equal(await page.evaluate(() => window.Debug.VERSION), s.options.version);
        assert.equal(rec.requireAtDebug, 'Requiring unknown module "WAWebSocketModel"', 'require throws until the bundle arrived');
        const socketModule = rec.log.find((e) => e.k === 'socket-module');
        assert.ok(rec.debugAt < socketModule.t, 'Debug.VERSION comes before the modules');
        assert.equal(socketModule.v, 'UNLAUNCHED');
        // The key stores arrive in an earlier bundle than the socket: on a fresh profile they hold
        // nothing yet (WhatsApp Web's own callers check for that).
        const keys = rec.log.find((e) => e.k === 'keys');
        assert.deepEqual([keys.noise, keys.reg], [null, null]);
        assert.ok(keys.t < socketModule.t);
        // Every bundle ran before `load` (async scripts in the HTML hold it), which is what
        // whatsapp-web.js relies on.
        assert.equal(rec.log.find((e) => e.k === 'load').v, 'defined');
        assert.deepEqual(states(rec), ['OPENING', 'PAIRING', 'UNPAIRED']);
        // The Debug trap: fired with the version, fired for an empty Debug only, or never.
        const trap = { assign: ['with-version'], 'late-property': ['without-version'], 'define-property': [] }[debugVariant];
        assert.deepEqual(rec.trap, trap);

        // The keys exist now and are the ones in the hello: the QR logs in.
        const before = rec.log.length;
        assert.deepEqual(await s.phone.scan(await qrOf(page)), { ok: true, wid: SCAN_WID });
        await waitState(page, 'CONNECTED');
        rec = await probeOf(page);
        const after = rec.log.slice(before);
        assert.deepEqual(
            after.filter((e) => e.k !== 'keys').map((e) => `${e.k}:${e.v}`),
            ['state:OPENING', 'state:PAIRING', 'hasSynced:true', 'state:CONNECTED'],
            'after a pairing the first sync completes before the state reads CONNECTED',
        );
        // The delay is the server's (a timer never fires early); the page may receive both messages
        // close together when it is busy, so the gap is checked where it is made.
        const synced = s.events.find((e) => e.type === 'synced');
        const connected = s.events.find((e) => e.type === 'connected-after-sync');
        assert.ok(synced && connected, 'the server synced, then sent CONNECTED');
        assert.ok(connected.t - synced.t >= 100, `CONNECTED sent ${connected.t - synced.t} ms after the sync`);

        // A reload with the saved profile: the keys are there as soon as their bundle is, and a
        // restored session goes CONNECTED before it syncs (only a fresh login syncs first).
        await page.reload({ waitUntil: 'load' });
        await waitSynced(page);
        rec = await probeOf(page);
        assert.deepEqual(
            rec.log.filter((e) => e.k === 'keys').map((e) => [e.noise, e.reg]),
            [['set', 'set']],
        );
        assert.deepEqual(
            rec.log.filter((e) => e.k === 'state' || e.k === 'hasSynced').map((e) => `${e.k}:${e.v}`),
            ['state:OPENING', 'state:PAIRING', 'state:CONNECTED', 'hasSynced:true'],
        );
        assert.deepEqual(page.errors, []);
    });
}

test('logout: Socket.logout() resolves at once; the server unlinks logoutDelayMs later, then Cmd logout and the post_logout reload; never if the browser closes first', async (t) => {
    const DELAY = 1500;
    const s = await sim(t, { ...REAL, logoutDelayMs: DELAY, moduleDelayMs: 100 });
    const login = async (b) => {
        await b.page.goto(s.webUrl, { waitUntil: 'load' });
        await waitState(b.page, 'UNPAIRED');
        assert.deepEqual(await s.phone.scan(await qrOf(b.page)), { ok: true, wid: SCAN_WID });
        await waitSynced(b.page);
    };

    const first = await browser(t, s, profile(t));
    await login(first);
    let cmdLogouts = 0;
    await first.page.exposeFunction('__cmdLogout', () => cmdLogouts++);
    await first.page.evaluate(() => window.require('WAWebCmd').Cmd.on('logout', () => window.__cmdLogout()));
    const since = s.events.length;
    const nav = first.page.waitForNavigation({ timeout: DELAY + 10000 });
    const calledAt = Date.now();
    const took = await first.page.evaluate(async () => {
        const t0 = performance.now();
        await window.require('WAWebSocketModel').Socket.logout();
        return performance.now() - t0;
    });
    assert.ok(took < DELAY / 3, `Socket.logout() took ${took} ms`);
    assert.equal(s.state().sessions.length, 1, 'not unlinked yet');
    const unlinked = await s.waitFor('logout', null, DELAY + 10000, { since });
    assert.equal(unlinked.wid, SCAN_WID);
    assert.ok(unlinked.t - calledAt >= DELAY - 50, `unlinked ${unlinked.t - calledAt} ms after the call`);
    assert.deepEqual(s.state().sessions, []);
    await nav;
    assert.match(first.page.url(), /[?&]post_logout=1/);
    assert.equal(cmdLogouts, 1);
    await first.close();

    // The same, but the browser closes right after the call: the device stays linked.
    const second = await browser(t, s, profile(t));
    await login(second);
    const since2 = s.events.length;
    await second.page.evaluate(() => window.require('WAWebSocketModel').Socket.logout());
    await second.close();
    await assert.rejects(s.waitFor('logout', null, DELAY + 1500, { since: since2 }), /no 'logout'/);
    assert.deepEqual(s.state().sessions.map((x) => x.wid), [SCAN_WID], 'the phone still lists the device');
});

test('code mode: refs keep expiring; at UNPAIRED_IDLE the socket closes and a code request fails until refreshQR(); then a code logs in', async (t) => {
    const s = await sim(t, { ...REAL, moduleDelayMs: 100, firstRefTtlMs: 800, nextRefTtlMs: 200 });
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl, { waitUntil: 'load' });
    await waitState(page, 'UNPAIRED');
    const first = await requestCode(page, PHONE);
    assert.match(first.code, /^[1-9A-HJ-NP-TV-Z]{8}$/);

    const socketId = s.state().sockets[0].id;
    await s.waitFor('refs-exhausted', null, 15000, { since: 0 });
    await waitState(page, 'UNPAIRED_IDLE');
    assert.equal(s.events.filter((e) => e.type === 'ref-issued').length, 6, 'the whole batch expired while in code mode');
    await s.waitFor('socket-closed', (e) => e.socketId === socketId, 5000, { since: 0 });
    assert.deepEqual(s.state().sockets, [], 'the page closed its socket');
    // The code died with its socket.
    assert.deepEqual(await s.phone.typeCode(PHONE, first.code), { ok: false, reason: 'no-live-code' });

    const hellos = s.events.filter((e) => e.type === 'companion-hello').length;
    const refused = await requestCode(page, PHONE);
    assert.equal(refused.code, undefined);
    assert.equal(refused.error.isError, true);
    assert.equal(refused.error.className, 'SocketNotOpenError');
    assert.match(refused.error.message, /not open \(UNPAIRED_IDLE\).*refreshQR/);
    assert.equal(s.events.filter((e) => e.type === 'companion-hello').length, hellos, 'nothing reached the server');
    // Nothing retries by itself.
    await assert.rejects(s.waitFor('socket-open', null, 1000), /no 'socket-open'/);

    const since = s.events.length;
    await page.evaluate(() => window.require('WAWebLaunchSocketUtils').refreshQR());
    await s.waitFor('batch-issued', null, 10000, { since });
    await waitState(page, 'UNPAIRED');
    const fresh = await requestCode(page, PHONE);
    assert.match(fresh.code, /^[1-9A-HJ-NP-TV-Z]{8}$/);
    assert.deepEqual(await s.phone.typeCode(PHONE, fresh.code), { ok: true, wid: `${PHONE}@c.us` });
    await waitSynced(page);
    assert.deepEqual(page.errors, []);
});

test('instant mode keeps accepting a code request in UNPAIRED_IDLE (its socket stays open)', async (t) => {
    const s = await sim(t, { firstRefTtlMs: 500, nextRefTtlMs: 150 });
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await s.waitFor('refs-exhausted', null, 15000, { since: 0 });
    await waitState(page, 'UNPAIRED_IDLE');
    assert.equal(s.state().sockets.length, 1);
    assert.match((await requestCode(page, PHONE)).code, /^[1-9A-HJ-NP-TV-Z]{8}$/);
});

for (const mode of ['real', 'instant']) {
    test(`connection faults (${mode} mode): a drop and a server away for a while end CONNECTED again, logged in and synced; an unpaired page gets fresh refs; a page loaded while away keeps retrying`, async (t) => {
        const base = { syncStepMs: 20, reconnectBackoffMs: 100, reconnectBackoffMaxMs: 400 };
        const s = await sim(t, mode === 'real' ? { ...REAL, ...base, moduleDelayMs: 100 } : base);
        const a = await browser(t, s, profile(t), probe);
        await a.page.goto(s.webUrl, { waitUntil: 'load' });
        await waitState(a.page, 'UNPAIRED');
        assert.deepEqual(await s.phone.scan(await qrOf(a.page)), { ok: true, wid: SCAN_WID });
        await waitSynced(a.page);
        await waitState(a.page, 'CONNECTED');

        // A drop through the control API: TIMEOUT, OPENING, PAIRING, CONNECTED; no new ref, and
        // hasSynced never falls back.
        let before = (await probeOf(a.page)).log.length;
        let since = s.events.length;
        const dropped = await httpJson('POST', `${s.httpUrl}_sim/server/drop`);
        assert.deepEqual(dropped, { status: 200, body: { dropped: 1 } });
        await s.waitFor('session-restored', (e) => e.wid === SCAN_WID, 10000, { since });
        await waitState(a.page, 'CONNECTED');
        let log = (await probeOf(a.page)).log.slice(before);
        assert.deepEqual(states({ log }), ['TIMEOUT', 'OPENING', 'PAIRING', 'CONNECTED']);
        assert.deepEqual(log.filter((e) => e.k === 'hasSynced'), []);
        assert.equal(await a.page.evaluate(() => window.require('WAWebSocketModel').Socket.hasSynced), true);
        assert.ok(!s.events.slice(since).some((e) => e.type === 'ref-issued'));

        // Away for a while: refused while away, several tries, back CONNECTED after server-back.
        before = (await probeOf(a.page)).log.length;
        since = s.events.length;
        const away = await httpJson('POST', `${s.httpUrl}_sim/server/away`, { ms: 6000 });
        assert.deepEqual(away.body, { dropped: 1, ms: 6000 });
        assert.equal(s.state().away, true);
        // A fresh page loaded meanwhile (its own profile: unpaired) cannot connect either.
        const b = await browser(t, s, profile(t), probe);
        await b.page.goto(s.webUrl, { waitUntil: 'load' });
        await waitState(b.page, 'TIMEOUT');
        assert.equal(s.state().away, true, 'still away: the test machine was too slow for this test');
        await s.waitFor('server-back', null, 15000, { since });
        const refusedWhileAway = s.events.slice(since).filter((e) => e.type === 'ws-refused').length;
        assert.ok(refusedWhileAway >= 3, `${refusedWhileAway} refused connections`);
        const bStates = states(await probeOf(b.page));
        assert.ok(bStates.includes('TIMEOUT') && bStates.every((v) => ['OPENING', 'TIMEOUT', 'PAIRING', 'UNPAIRED'].includes(v)), bStates.join());
        await s.waitFor('session-restored', (e) => e.wid === SCAN_WID, 10000, { since });
        await waitState(a.page, 'CONNECTED');
        log = (await probeOf(a.page)).log.slice(before);
        assert.deepEqual(states({ log }).slice(0, 3), ['TIMEOUT', 'OPENING', 'TIMEOUT'], 'it kept retrying');
        assert.equal(states({ log }).pop(), 'CONNECTED');
        assert.deepEqual(log.filter((e) => e.k === 'hasSynced'), []);
        assert.equal(s.state().away, false);

        // The page loaded while away comes up unpaired with a batch of its own.
        await waitState(b.page, 'UNPAIRED');
        const qr = await qrOf(b.page);
        assert.equal(qr.split(',')[0], s.state().sockets.find((x) => x.state === 'UNPAIRED').currentRef);

        // An unpaired page after a drop: back to UNPAIRED with a fresh batch and a fresh secret.
        since = s.events.length;
        assert.equal(s.dropConnections(), 2);
        await s.waitFor('batch-issued', null, 10000, { since });
        await waitState(b.page, 'UNPAIRED');
        const qr2 = await qrOf(b.page);
        assert.notEqual(qr2.split(',')[0], qr.split(',')[0]);
        assert.notEqual(qr2.split(',')[3], qr.split(',')[3]);
        assert.deepEqual(await s.phone.scan(qr), { ok: false, reason: 'stale-ref' });
        await waitState(a.page, 'CONNECTED');
        assert.deepEqual(s.state().sessions.length, 1);

        assert.equal((await httpJson('POST', `${s.httpUrl}_sim/server/away`, { ms: -1 })).status, 400);
        assert.deepEqual([...a.page.errors, ...b.page.errors], []);
    });
}

test('options are checked; the CLI turns real-sequence mode on with --real-sequence', async (t) => {
    await assert.rejects(startSimulator({ debugVariant: 'sometimes' }), /debugVariant must be one of assign, late-property, define-property/);
    await assert.rejects(startSimulator({ realSequence: 'yes' }), /realSequence must be true or false/);
    await assert.rejects(startSimulator({ realSequence: true, logoutDelayMs: -5 }), /logoutDelayMs must be a non-negative number/);
    const s = await sim(t, { realSequence: true });
    assert.deepEqual(
        Object.fromEntries(['moduleDelayMs', 'debugVariant', 'syncBeforeConnected', 'logoutDelayMs', 'reconnectBackoffMs', 'reconnectBackoffMaxMs'].map((k) => [k, s.state().options[k]])),
        { moduleDelayMs: 400, debugVariant: 'assign', syncBeforeConnected: true, logoutDelayMs: 2000, reconnectBackoffMs: 1000, reconnectBackoffMaxMs: 10000 },
    );

    const child = spawn(process.execPath, [path.join(__dirname, '..', 'simulator', 'cli.js'), '--real-sequence', '--debug-variant=define-property', '--module-delay-ms', '250', '--quiet'], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`cli printed no URL: ${out}`)), 20000);
        child.stdout.on('data', () => {
            if (/Ctrl-C stops it/.test(out)) {
                clearTimeout(timer);
                resolve();
            }
        });
    });
    const api = out.match(/curl -s (http:\/\/[^ ]+)\/_sim\/state/)[1];
    const state = await httpJson('GET', `${api}/_sim/state`);
    assert.equal(state.body.options.realSequence, true);
    assert.equal(state.body.options.debugVariant, 'define-property');
    assert.equal(state.body.options.moduleDelayMs, 250);
    assert.match(out, /real sequence/);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
});
