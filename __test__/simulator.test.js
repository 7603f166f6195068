'use strict';
// The simulator itself: its page driven directly in Chromium (through puppeteer), its server and
// its control API. Timings are shortened per test; the defaults are the real ones.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const https = require('node:https');

const { CODE_ALPHABET } = require('../simulator/protocol');
const harness = require('./sim-harness');

const { PHONE, SCAN_WID, sim, profile, socketState, waitState, waitSynced, qrOf, requestCode, httpJson, secretOf } = harness;

// ---- harness ----------------------------------------------------------------------------------

// Runs in the page before any of its scripts: the moment window.Debug is set (the page's "ready"),
// hook every module a client listens to and log what happens, so that a test sees transitions it
// could miss by polling. Also checks that the modules exist when Debug is announced.
function recorder() {
    let debug;
    Object.defineProperty(window, 'Debug', {
        configurable: true,
        get: () => debug,
        set(value) {
            debug = value;
            const R = window.require;
            const rec = { modulesReadyAtDebug: false, stateAtDebug: null, log: [] };
            window.__rec = rec;
            const push = (e) => rec.log.push({ t: Date.now(), ...e });
            try {
                const { Socket } = R('WAWebSocketModel');
                rec.stateAtDebug = Socket.state;
                rec.modulesReadyAtDebug = typeof R('WAWebConnModel').Conn.on === 'function';
                const prefs = R('WAWebUserPrefsMultiDevice');
                rec.secretAtDebug = prefs.getADVSecretKey();
                // What a client sees of a saved session before the socket answers, and with each
                // state change (to detect a restore the server refused).
                const me = () => {
                    const wid = R('WAWebUserPrefsMeUser').getMaybeMePnUser();
                    return wid ? wid._serialized : null;
                };
                rec.meAtDebug = me();
                Socket.on('change:state', (_m, v) => push({ k: 'state', v, me: me() }));
                Socket.on('change:hasSynced', (_m, v) => push({ k: 'hasSynced', v }));
                R('WAWebConnModel').Conn.on('change:ref', (_m, ref) =>
                    push({ k: 'ref', v: ref === undefined ? '<undefined>' : ref, secret: prefs.getADVSecretKey() }),
                );
                prefs.advSecretEventEmitter.on('change', () => push({ k: 'secret', v: prefs.getADVSecretKey() }));
                const { Cmd } = R('WAWebCmd');
                Cmd.on('offline_progress_update_from_bridge', () =>
                    push({ k: 'progress', v: R('WAWebOfflineHandler').OfflineMessageHandler.getOfflineDeliveryProgress() }),
                );
                Cmd.on('logout', () => {
                    push({ k: 'logout' });
                    // Survives the reload that follows: an exposed function lives in Node.
                    if (window.__cmdLogout) window.__cmdLogout();
                });
                Cmd.on('logout_from_bridge', () => {
                    push({ k: 'logout_from_bridge' });
                    if (window.__cmdLogoutFromBridge) window.__cmdLogoutFromBridge();
                });
            } catch (err) {
                rec.error = String(err && err.stack);
            }
        },
    });
}

// A browser on the simulator with the recorder in every new document; closed when the test ends.
const browser = (t, s, dir) => harness.browser(t, s, dir, recorder);

const recLog = (page) => page.evaluate(() => window.__rec.log);

// ---- tests ------------------------------------------------------------------------------------

test('refs come in batches of 6 with their lifetimes, then UNPAIRED_IDLE; refreshQR brings a fresh batch and secret', async (t) => {
    const FIRST = 1200;
    const NEXT = 400;
    const s = await sim(t, { firstRefTtlMs: FIRST, nextRefTtlMs: NEXT, version: '2.3000.4242' });
    const { page } = await browser(t, s, profile(t));
    const exhausted = s.waitFor('refs-exhausted', null, 15000);
    await page.goto(s.webUrl);
    await exhausted;
    await waitState(page, 'UNPAIRED_IDLE');

    const rec = await page.evaluate(() => ({ ...window.__rec, version: window.Debug.VERSION }));
    assert.equal(rec.version, '2.3000.4242');
    assert.equal(rec.modulesReadyAtDebug, true, 'modules are defined before window.Debug is set');
    assert.equal(rec.stateAtDebug, 'UNLAUNCHED');
    assert.deepEqual(
        rec.log.filter((e) => e.k === 'state').map((e) => e.v),
        ['OPENING', 'PAIRING', 'UNPAIRED', 'UNPAIRED_IDLE'],
    );

    const issued = s.events.filter((e) => e.type === 'ref-issued');
    assert.equal(issued.length, 6);
    const refs = rec.log.filter((e) => e.k === 'ref');
    assert.deepEqual(refs.map((e) => e.v), issued.map((e) => e.ref), 'the page shows each ref the server issues, in order');
    assert.equal(new Set(refs.map((e) => e.v)).size, 6);
    for (const r of refs) assert.match(r.v, /^2@[A-Za-z0-9+/=]+$/);
    assert.deepEqual(issued.map((e) => e.ttlMs), [FIRST, NEXT, NEXT, NEXT, NEXT, NEXT]);
    // The lifetimes, measured on the server's clock.
    const exhaustedAt = s.events.find((e) => e.type === 'refs-exhausted').t;
    const times = [...issued.map((e) => e.t), exhaustedAt];
    for (let i = 0; i < 6; i++) {
        const lived = times[i + 1] - times[i];
        const ttl = i === 0 ? FIRST : NEXT;
        assert.ok(lived >= ttl - 5 && lived < ttl + 250, `ref ${i + 1} lived ${lived} ms, expected ${ttl}`);
    }
    // One secret for the whole batch, rolled (change event) before the first ref was set.
    const secret1 = refs[0].secret;
    assert.match(secret1, /^[A-Za-z0-9+/]{43}=$/);
    assert.ok(refs.every((r) => r.secret === secret1));
    const firstSecretEvent = rec.log.findIndex((e) => e.k === 'secret');
    const firstRef = rec.log.findIndex((e) => e.k === 'ref');
    assert.ok(firstSecretEvent >= 0 && firstSecretEvent < firstRef, 'secret regenerated before Conn.ref is set');
    assert.equal(rec.log[firstSecretEvent].v, secret1);

    // Nothing is current any more.
    const st = s.state();
    assert.equal(st.sockets.length, 1);
    assert.equal(st.sockets[0].state, 'UNPAIRED_IDLE');
    assert.equal(st.sockets[0].currentRef, null);
    assert.equal(st.sockets[0].refsLeft, 0);
    const lastQr = await qrOf(page);
    assert.deepEqual(await s.phone.scan(lastQr), { ok: false, reason: 'stale-ref' });

    // refreshQR: the socket restarts, Conn.ref goes null, a fresh batch with a fresh secret.
    const since = s.events.length;
    await page.evaluate(() => window.require('WAWebLaunchSocketUtils').refreshQR());
    const fresh = await s.waitFor('ref-issued', (e) => e.index === 0, 5000, { since });
    assert.notEqual(fresh.socketId, issued[0].socketId);
    await waitState(page, 'UNPAIRED');
    const after = (await recLog(page)).slice(rec.log.length);
    assert.deepEqual(after.filter((e) => e.k === 'state').map((e) => e.v), ['OPENING', 'PAIRING', 'UNPAIRED']);
    const refChanges = after.filter((e) => e.k === 'ref');
    assert.equal(refChanges[0].v, null, 'Conn.ref is null while the socket restarts');
    assert.equal(refChanges[1].v, fresh.ref);
    assert.notEqual(refChanges[1].secret, secret1, 'a fresh batch has a fresh secret');
    assert.equal(refChanges[1].secret, await secretOf(page));
    assert.ok(s.events.some((e) => e.type === 'socket-closed' && e.socketId === issued[0].socketId));

    // The secret is persisted and already loaded when the page announces itself (window.Debug).
    const held = await secretOf(page);
    await page.reload();
    await page.waitForFunction(() => window.__rec, { polling: 20 });
    assert.equal(await page.evaluate(() => window.__rec.secretAtDebug), held);
    assert.deepEqual(page.errors, []);
});

test('a scan of the current ref logs in; stale, unknown and malformed QRs are refused; the session survives a browser restart', async (t) => {
    const s = await sim(t, { syncStepMs: 20 });
    const dir = profile(t);
    let { page, close } = await browser(t, s, dir);
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    const oldQr = await qrOf(page);

    const since = s.events.length;
    await page.evaluate(() => window.require('WAWebLaunchSocketUtils').refreshQR());
    await s.waitFor('ref-issued', null, 5000, { since });
    await waitState(page, 'UNPAIRED');
    const qr = await qrOf(page);
    assert.notEqual(qr.split(',')[0], oldQr.split(',')[0]);

    assert.deepEqual(await s.phone.scan(oldQr), { ok: false, reason: 'stale-ref' });
    const parts = qr.split(',');
    assert.deepEqual(await s.phone.scan(['2@neverissued', ...parts.slice(1)].join(',')), { ok: false, reason: 'unknown-ref' });
    assert.deepEqual(await s.phone.scan('hello'), { ok: false, reason: 'malformed' });
    assert.deepEqual(await s.phone.scan(parts.slice(0, 4).join(',')), { ok: false, reason: 'malformed' });
    assert.deepEqual(await s.phone.scan([parts[0], 'short', ...parts.slice(2)].join(',')), { ok: false, reason: 'malformed' });
    // The right ref with keys this browser does not hold cannot pair.
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    assert.deepEqual(await s.phone.scan([parts[0], otherKey, ...parts.slice(2)].join(',')), { ok: false, reason: 'key-mismatch' });

    const before = (await recLog(page)).length;
    // The wa.me prefix some clients put in front is accepted.
    const result = await s.phone.scan(`https://wa.me/settings/linked_devices#${qr}`);
    assert.deepEqual(result, { ok: true, wid: '15550100001@c.us' });
    await waitSynced(page);
    const log = (await recLog(page)).slice(before);
    assert.deepEqual(log.filter((e) => e.k === 'state').map((e) => e.v), ['OPENING', 'PAIRING', 'CONNECTED']);
    assert.deepEqual(log.filter((e) => e.k === 'progress').map((e) => e.v), [0, 25, 50, 75, 100]);
    assert.deepEqual(log.filter((e) => e.k === 'hasSynced').map((e) => e.v), [true]);
    // Conn.ref becomes undefined after pair-success (whatsapp-web.js then emits an `undefined,…` QR).
    assert.equal(log.find((e) => e.k === 'ref').v, '<undefined>');
    const hasSyncedAt = log.find((e) => e.k === 'hasSynced').t;
    assert.ok(log.filter((e) => e.k === 'progress').every((e) => e.t <= hasSyncedAt));
    const info = await page.evaluate(() => {
        const R = window.require;
        return {
            pn: R('WAWebUserPrefsMeUser').getMaybeMePnUser(),
            lid: R('WAWebUserPrefsMeUser').getMaybeMeLidUser(),
            conn: R('WAWebConnModel').Conn.serialize(),
            progress: R('WAWebOfflineHandler').OfflineMessageHandler.getOfflineDeliveryProgress(),
            text: document.body.innerText,
        };
    });
    assert.deepEqual(info.pn, { server: 'c.us', user: '15550100001', _serialized: '15550100001@c.us' });
    assert.equal(info.lid.server, 'lid');
    assert.equal(info.conn.pushname, 'Test Phone');
    assert.equal(info.conn.platform, 'android');
    assert.equal(info.progress, 100);
    assert.match(info.text, /CONNECTED/);
    assert.match(info.text, /15550100001@c\.us/);
    assert.equal(s.state().sessions.length, 1);
    assert.equal(s.state().sessions[0].via, 'qr');

    // The modules it models answer; any other throws, as on the real page (the strict page).
    const surface = await page.evaluate(async () => {
        const R = window.require;
        const { Msg, Chat } = R('WAWebCollections');
        Msg.on('add', () => {});
        R('WAWebSyncGatingUtils').isPlaceholderMessageResendEnabled = () => true;
        const patched = R('WAWebSyncGatingUtils').isPlaceholderMessageResendEnabled();
        let unknown = null;
        try {
            R('WAWebNoSuchModule');
        } catch (err) {
            unknown = err.message;
        }
        const callMap = Object.keys(R('WAWebCallCollection')).some((k) => R('WAWebCallCollection')[k] instanceof Map);
        const takeover = await R('WAWebSocketModel').Socket.takeover().then(() => 'resolved', () => 'rejected');
        return { patched, unknown, chats: Chat.getModelsArray(), msg: Msg.get('x') === undefined, callMap, takeover };
    });
    assert.deepEqual(surface, { patched: true, unknown: 'Requiring unknown module "WAWebNoSuchModule"', chats: [], msg: true, callMap: true, takeover: 'rejected' });

    // Socket.reconnect() restarts the socket: logged in, it logs straight back in.
    const reconnected = s.waitFor('session-restored', null, 5000);
    await page.evaluate(() => window.require('WAWebSocketModel').Socket.reconnect());
    await reconnected;
    await waitState(page, 'CONNECTED');

    // Same profile, new browser: straight back in, no ref issued, same keys.
    await close();
    ({ page, close } = await browser(t, s, dir));
    const restored = s.waitFor('session-restored', null, 10000);
    const sinceRestart = s.events.length;
    await page.goto(s.webUrl);
    assert.equal((await restored).wid, '15550100001@c.us');
    await waitSynced(page);
    assert.equal(await socketState(page), 'CONNECTED');
    assert.ok(!s.events.slice(sinceRestart).some((e) => e.type === 'ref-issued'));
    const states = (await recLog(page)).filter((e) => e.k === 'state').map((e) => e.v);
    assert.deepEqual(states, ['OPENING', 'PAIRING', 'CONNECTED']);
    const keysAfter = (await qrOf(page)).split(',');
    assert.deepEqual(keysAfter.slice(1, 3), parts.slice(1, 3), 'noise and identity keys persist per profile');
    assert.equal(keysAfter[0], '', 'a page that logs in with its token never has a ref');

    // A reload too.
    const restored2 = s.waitFor('session-restored', null, 10000);
    await page.reload();
    await restored2;
    await waitSynced(page);

    // logout(): the server forgets the session, Cmd says logout, storage is cleared, reload.
    let cmdLogouts = 0;
    await page.exposeFunction('__cmdLogout', () => {
        cmdLogouts++;
    });
    const loggedOut = s.waitFor('logout', null, 5000);
    const nav = page.waitForNavigation({ timeout: 10000 });
    await page.evaluate(() => window.require('WAWebSocketModel').Socket.logout());
    await nav;
    assert.match(page.url(), /[?&]post_logout=1/);
    assert.equal((await loggedOut).wid, '15550100001@c.us');
    assert.equal(cmdLogouts, 1);
    assert.equal(s.state().sessions.length, 0);
    await waitState(page, 'UNPAIRED');
    assert.equal(await page.evaluate(() => window.require('WAWebUserPrefsMeUser').getMaybeMePnUser()), null);
    const hello = s.events.filter((e) => e.type === 'hello').pop();
    assert.equal(hello.withToken, false, 'the token was cleared from storage');
    assert.deepEqual(page.errors, []);
});

test('an unknown session token makes the page forget its session and go unpaired', async (t) => {
    const dir = profile(t);
    const first = await sim(t, { syncStepMs: 10 });
    let { page, close } = await browser(t, first, dir);
    await page.goto(first.webUrl);
    await waitState(page, 'UNPAIRED');
    assert.equal((await first.phone.scan(await qrOf(page))).ok, true);
    await waitSynced(page);
    await close();

    // Another server that never issued that token (same origin, so same storage).
    const second = await sim(t, { syncStepMs: 10 });
    ({ page, close } = await browser(t, second, dir));
    const unknown = second.waitFor('session-unknown', null, 10000);
    await page.goto(second.webUrl);
    await unknown;
    await waitState(page, 'UNPAIRED');
    assert.equal(await page.evaluate(() => window.require('WAWebUserPrefsMeUser').getMaybeMePnUser()), null);
    // Cleared from storage too: a reload says hello without a token.
    const hello = second.waitFor('hello', null, 10000);
    await page.reload();
    assert.equal((await hello).withToken, false);
});

test('companion_reg_refresh rolls the secret without changing Conn.ref; a QR with the retired secret logs the page out', async (t) => {
    const s = await sim(t);
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    const oldQr = await qrOf(page);
    const oldSecret = await secretOf(page);
    const before = (await recLog(page)).length;

    assert.equal(s.rotateAdvSecret(), 1);
    assert.equal(s.rotateAdvSecret(12345), 0, 'no such socket');
    await page.waitForFunction((old) => window.require('WAWebUserPrefsMultiDevice').getADVSecretKey() !== old, { polling: 20 }, oldSecret);
    const log = (await recLog(page)).slice(before);
    assert.equal(log.filter((e) => e.k === 'ref').length, 0, 'Conn.ref does not change');
    const secretEvents = log.filter((e) => e.k === 'secret');
    assert.equal(secretEvents.length, 1, 'advSecretEventEmitter fired change once');
    assert.equal(secretEvents[0].v, await secretOf(page));
    const newQr = await qrOf(page);
    assert.equal(newQr.split(',')[0], oldQr.split(',')[0], 'same ref');
    assert.notEqual(newQr.split(',')[3], oldQr.split(',')[3], 'new secret');

    let cmdLogouts = 0;
    await page.exposeFunction('__cmdLogout', () => {
        cmdLogouts++;
    });
    const nav = page.waitForNavigation({ timeout: 10000 });
    assert.deepEqual(await s.phone.scan(oldQr), { ok: false, reason: 'hmac-mismatch' });
    await nav;
    assert.match(page.url(), /[?&]post_logout=1/);
    assert.equal(cmdLogouts, 1);
    assert.ok(s.events.some((e) => e.type === 'hmac-mismatch-logout'));
    assert.equal(s.state().sessions.length, 0);
    // After the reload: a new socket, new batch; a QR with the current secret works.
    await waitState(page, 'UNPAIRED');
    assert.deepEqual(await s.phone.scan(await qrOf(page)), { ok: true, wid: '15550100001@c.us' });
    await waitSynced(page);
});

test('pairing codes: only the live code works; wrong, superseded, over-age, cancelled and 4th attempts are refused; server errors reject with class t', async (t) => {
    const CODE_TTL = 1500;
    const s = await sim(t, { codeTtlMs: CODE_TTL, syncStepMs: 10 });
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    assert.ok(await secretOf(page));
    const codeRe = new RegExp(`^[${CODE_ALPHABET}]{8}$`);

    const r1 = await requestCode(page, PHONE, true);
    assert.equal(r1.secretAfterInit, null, 'initializeAltDeviceLinking removes the ADV secret');
    assert.match(r1.code, codeRe);
    assert.equal(s.state().sockets[0].code.code, r1.code);
    assert.equal(s.state().sockets[0].code.attempts, 0);
    assert.deepEqual(await s.phone.typeCode('15559999999', r1.code), { ok: false, reason: 'no-live-code' });

    // A new code supersedes the previous one; the push notification is asked only the first time.
    const r2 = await requestCode(page, PHONE, false);
    assert.match(r2.code, codeRe);
    assert.notEqual(r2.code, r1.code);
    const hellos = s.events.filter((e) => e.type === 'companion-hello');
    assert.deepEqual(hellos.map((e) => e.showPushNotification), [true, false]);
    assert.deepEqual(hellos.map((e) => e.display), ['Chrome (Linux)', 'Chrome (Linux)']);
    assert.deepEqual(await s.phone.typeCode(PHONE, r1.code), { ok: false, reason: 'wrong-code' });
    assert.deepEqual(await s.phone.typeCode(PHONE, 'ZZZZZZZZ'), { ok: false, reason: 'wrong-code' });
    assert.deepEqual(await s.phone.typeCode(PHONE, 'ZZZZZZZY'), { ok: false, reason: 'wrong-code' });
    // The 4th attempt is refused even with the right code: every attempt counts.
    assert.deepEqual(await s.phone.typeCode(PHONE, r2.code), { ok: false, reason: 'too-many-attempts' });
    assert.equal(s.state().sockets[0].code.attempts, 4);

    // initializeQRLinking cancels the live code and brings a secret back.
    const r3 = await requestCode(page, PHONE, false);
    const cancelled = s.waitFor('code-cancelled', (e) => e.reason === 'qr-linking', 5000);
    await page.evaluate(() => window.require('WAWebAltDeviceLinkingApi').initializeQRLinking());
    await cancelled;
    assert.match(await secretOf(page), /^[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(await s.phone.typeCode(PHONE, r3.code), { ok: false, reason: 'no-live-code' });
    // startAltLinkingFlow without initializeAltDeviceLinking first is a programming error.
    const notInit = await page.evaluate(() =>
        window.require('WAWebAltDeviceLinkingApi').startAltLinkingFlow('15551234567', false).then(
            () => 'resolved',
            (e) => e.message,
        ),
    );
    assert.match(notInit, /initializeAltDeviceLinking/);

    // Closing the socket cancels the code too.
    const r4 = await requestCode(page, PHONE, false);
    const closedCode = s.waitFor('code-cancelled', (e) => e.reason === 'socket-closed', 5000);
    const since = s.events.length;
    await page.evaluate(() => window.require('WAWebLaunchSocketUtils').refreshQR());
    await closedCode;
    await s.waitFor('ref-issued', null, 5000, { since });
    assert.deepEqual(await s.phone.typeCode(PHONE, r4.code), { ok: false, reason: 'no-live-code' });

    // Over age. (The one sleep here: the code must get old.)
    const r5 = await requestCode(page, PHONE, false);
    await new Promise((r) => setTimeout(r, CODE_TTL + 100));
    assert.deepEqual(await s.phone.typeCode(PHONE, r5.code), { ok: false, reason: 'expired' });

    // Server refusals: a `t` error with an empty message, carrying status and text.
    for (const [status, expected] of [
        [429, { status: 429, text: 'rate-overlimit' }],
        [400, { status: 400, text: 'bad-request' }],
        ['unavailable', { status: 501, text: 'feature-not-available' }],
    ]) {
        s.failNextCodeRequest({ status });
        const r = await requestCode(page, PHONE, false);
        assert.deepEqual(r.error, { className: 't', message: '', isError: true, ...expected }, `failNextCodeRequest ${status}`);
    }
    assert.throws(() => s.failNextCodeRequest({ status: 500 }));
    // A display that is not "Browser (OS)" is a bad request; the page reads info() each time.
    const badDisplay = await page.evaluate(async () => {
        const utils = window.require('WAWebMiscBrowserUtils');
        const original = utils.info;
        utils.info = () => ({ ...original(), os: '' });
        const api = window.require('WAWebAltDeviceLinkingApi');
        await api.initializeAltDeviceLinking();
        try {
            return await api.startAltLinkingFlow('15551234567', false);
        } catch (e) {
            return { className: e.constructor.name, status: e.status, text: e.text };
        } finally {
            utils.info = original;
        }
    });
    assert.deepEqual(badDisplay, { className: 't', status: 400, text: 'bad-request' });
    const renamed = await page.evaluate(async () => {
        const utils = window.require('WAWebMiscBrowserUtils');
        const original = utils.info;
        utils.info = () => ({ ...original(), name: 'MyBot', os: 'Server' });
        try {
            const api = window.require('WAWebAltDeviceLinkingApi');
            await api.initializeAltDeviceLinking();
            return await api.startAltLinkingFlow('15551234567', false);
        } finally {
            utils.info = original;
        }
    });
    assert.match(renamed, codeRe);
    assert.equal(s.events.filter((e) => e.type === 'companion-hello').pop().display, 'MyBot (Server)');
    const refused = s.events.filter((e) => e.type === 'code-refused').map((e) => [e.status, e.text, e.why]);
    assert.deepEqual(refused, [
        [429, 'rate-overlimit', 'injected'],
        [400, 'bad-request', 'injected'],
        [501, 'feature-not-available', 'injected'],
        [400, 'bad-request', 'display'],
    ]);

    // The live code, typed as people do (lower case, with a dash), logs in.
    const r6 = await requestCode(page, PHONE, false);
    const before = (await recLog(page)).length;
    const typed = `${r6.code.slice(0, 4)}-${r6.code.slice(4)}`.toLowerCase();
    assert.deepEqual(await s.phone.typeCode(PHONE, typed), { ok: true, wid: `${PHONE}@c.us` });
    await waitSynced(page);
    const log = (await recLog(page)).slice(before);
    assert.deepEqual(log.filter((e) => e.k === 'state').map((e) => e.v), ['OPENING', 'PAIRING', 'CONNECTED']);
    assert.deepEqual(log.filter((e) => e.k === 'progress').map((e) => e.v), [0, 25, 50, 75, 100]);
    assert.match(await secretOf(page), /^[A-Za-z0-9+/]{43}=$/, 'the exchange left a derived ADV secret');
    const types = s.events.map((e) => e.type);
    assert.ok(types.indexOf('primary-hello-sent') < types.indexOf('companion-finish'));
    assert.ok(types.indexOf('companion-finish') < types.indexOf('pair-success'));
    assert.equal(await page.evaluate(() => window.require('WAWebUserPrefsMeUser').getMaybeMePnUser()._serialized), `${PHONE}@c.us`);
    assert.deepEqual(s.state().sessions.map((x) => [x.wid, x.via, x.display]), [[`${PHONE}@c.us`, 'code', 'Chrome (Linux)']]);
    assert.equal(s.events.find((e) => e.type === 'pair-success').display, 'Chrome (Linux)', 'the device name as the page reported it at pair-success');
    assert.deepEqual(await s.phone.typeCode(PHONE, r6.code), { ok: false, reason: 'no-live-code' });
    assert.deepEqual(page.errors, []);
});

test('the HTTP control API, and the page served over plain HTTP', async (t) => {
    const s = await sim(t, { syncStepMs: 10 });
    const api = s.httpUrl.replace(/\/$/, '');

    // The HTML references its bundle by absolute path (whatsapp-web.js may cache the HTML).
    const html = await new Promise((resolve, reject) => {
        https
            .get(s.httpsUrl, { rejectUnauthorized: false, headers: { host: 'web.whatsapp.com' } }, (res) => {
                let d = '';
                res.on('data', (c) => (d += c));
                res.on('end', () => resolve(d));
            })
            .on('error', reject);
    });
    assert.match(html, /<script src="\/app\.js"><\/script>/);

    const { page } = await browser(t, s, profile(t));
    await page.goto(s.httpUrl);
    await waitState(page, 'UNPAIRED');

    let r = await httpJson('GET', `${api}/_sim/state`);
    assert.equal(r.status, 200);
    assert.equal(r.body.sockets.length, 1);
    assert.equal(r.body.sockets[0].state, 'UNPAIRED');
    assert.match(r.body.sockets[0].currentRef, /^2@/);
    assert.equal(r.body.sockets[0].refsLeft, 5);
    assert.equal(r.body.options.firstRefTtlMs, 60000, 'real defaults');
    assert.equal(r.body.options.nextRefTtlMs, 20000);
    assert.equal(r.body.options.codeTtlMs, 180000);

    r = await httpJson('POST', `${api}/_sim/fail-next-code`, { status: 429 });
    assert.equal(r.status, 200);
    const refused = await requestCode(page, PHONE);
    assert.equal(refused.error.status, 429);
    r = await httpJson('POST', `${api}/_sim/fail-next-code`, { status: 418 });
    assert.equal(r.status, 400);

    const { code } = await requestCode(page, PHONE);
    r = await httpJson('GET', `${api}/_sim/state`);
    assert.deepEqual({ ...r.body.sockets[0].code, age: 0 }, { phone: PHONE, code, age: 0, attempts: 0 });
    r = await httpJson('POST', `${api}/_sim/phone/code`, { phone: PHONE, code: 'ZZZZZZZZ' });
    assert.deepEqual(r.body, { ok: false, reason: 'wrong-code' });
    await page.evaluate(() => window.require('WAWebAltDeviceLinkingApi').initializeQRLinking());
    await s.waitFor('code-cancelled', null, 5000, { since: 0 });

    const oldSecret = await secretOf(page);
    r = await httpJson('POST', `${api}/_sim/adv-rotate`, {});
    assert.deepEqual(r.body, { told: 1 });
    await page.waitForFunction(
        (before) => window.require('WAWebUserPrefsMultiDevice').getADVSecretKey() !== before,
        { polling: 20 },
        oldSecret,
    );
    // The phone of another number scans: that account is the one linked.
    r = await httpJson('POST', `${api}/_sim/phone/scan`, { qr: await qrOf(page), phone: '0123' });
    assert.equal(r.status, 400);
    r = await httpJson('POST', `${api}/_sim/phone/scan`, { qr: await qrOf(page), phone: '15550200001' });
    assert.deepEqual(r.body, { ok: true, wid: '15550200001@c.us' });
    await waitSynced(page);
    assert.equal(await page.evaluate(() => window.require('WAWebUserPrefsMeUser').getMaybeMePnUser()._serialized), '15550200001@c.us');

    r = await httpJson('GET', `${api}/_sim/events`);
    const types = r.body.map((e) => e.type);
    for (const type of ['socket-open', 'ref-issued', 'code-refused', 'code-issued', 'code-attempt-refused', 'code-cancelled', 'adv-rotated', 'scan-ok', 'pair-success', 'synced']) {
        assert.ok(types.includes(type), `events include ${type}`);
    }
    const n = r.body.length;
    r = await httpJson('GET', `${api}/_sim/events?since=${n - 1}`);
    assert.equal(r.body.length, 1);
    r = await httpJson('POST', `${api}/_sim/adv-rotate`);
    assert.deepEqual(r.body, { told: 0 }, 'a connected page is not told');
    r = await httpJson('POST', `${api}/_sim/phone/scan`, '{not json');
    assert.equal(r.status, 400);
    r = await httpJson('POST', `${api}/_sim/phone/scan`, {});
    assert.equal(r.status, 400);
    r = await httpJson('GET', `${api}/_sim/nope`);
    assert.equal(r.status, 404);
    assert.deepEqual(page.errors, []);
});

test('cli.js starts it with the given timings, prints URLs and flags, and stops on SIGINT', async (t) => {
    const { child, api, out } = await harness.startCli(t, ['--first-ref-ttl-ms', '5000', '--next-ref-ttl-ms=700', '--quiet']);
    assert.match(out, /--host-resolver-rules=MAP web\.whatsapp\.com 127\.0\.0\.1:\d+/);
    assert.match(out, /--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]+=*/);
    const r = await httpJson('GET', `${api}/_sim/state`);
    assert.equal(r.body.options.firstRefTtlMs, 5000);
    assert.equal(r.body.options.nextRefTtlMs, 700);
    assert.equal(r.body.options.codeTtlMs, 180000);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 0, signal: null });
});

// ---- sessions ended from elsewhere --------------------------------------------------------------

// A page logged in by a scan, with the recorder, in a fresh (or given) profile.
async function loggedIn(t, s, dir = profile(t)) {
    const b = await browser(t, s, dir);
    await b.page.goto(s.webUrl);
    await waitState(b.page, 'UNPAIRED');
    assert.deepEqual(await s.phone.scan(await qrOf(b.page)), { ok: true, wid: SCAN_WID });
    await waitSynced(b.page);
    return b;
}

const meOf = (page) =>
    page.evaluate(() => {
        const wid = window.require('WAWebUserPrefsMeUser').getMaybeMePnUser();
        return wid ? wid._serialized : null;
    });

test('conflict: another browser takes the session; the page goes CONFLICT and stays; takeover() rejects, reconnect() logs back in', async (t) => {
    const s = await sim(t, { syncStepMs: 10 });
    const dir = profile(t);
    {
        // An unpaired page has no session to lose.
        const { page, close } = await browser(t, s, dir);
        await page.goto(s.webUrl);
        await waitState(page, 'UNPAIRED');
        assert.equal(s.conflict(), 0);
        await close();
    }
    const { page } = await loggedIn(t, s, dir);
    const socketId = s.state().sockets.find((x) => x.state === 'CONNECTED').id;
    assert.equal(s.conflict({ wid: '15559999999@c.us' }), 0, 'another account');
    assert.throws(() => s.conflict({ wid: { user: 1 } }), /wid must be/);

    const before = (await recLog(page)).length;
    const since = s.events.length;
    const closed = s.waitFor('socket-closed', (e) => e.socketId === socketId, 5000);
    assert.equal(s.conflict({ wid: '15550100001' }), 1, 'a bare number means <number>@c.us');
    await closed;
    await waitState(page, 'CONFLICT');
    const told = s.events.slice(since).filter((e) => e.type === 'conflict');
    assert.deepEqual(told.map((e) => [e.socketId, e.wid]), [[socketId, SCAN_WID]]);
    // Unlike a lost connection (retried after 500 ms), a conflict is not retried.
    await assert.rejects(s.waitFor('socket-open', null, 1200), /no 'socket-open'/);
    assert.equal(await socketState(page), 'CONFLICT');
    assert.deepEqual((await recLog(page)).slice(before).filter((e) => e.k === 'state').map((e) => e.v), ['CONFLICT']);
    assert.match(await page.evaluate(() => document.body.innerText), /CONFLICT/);
    // The session is intact on both sides: only this browser lost the stream.
    assert.equal(await meOf(page), SCAN_WID);
    assert.equal(s.state().sessions.length, 1);

    // whatsapp-web.js's takeoverOnConflict calls Socket.takeover(): current WhatsApp Web rejects it
    // (defect 5) and the page stays in CONFLICT.
    const takeover = await page.evaluate(() =>
        window.require('WAWebSocketModel').Socket.takeover().then(
            () => 'resolved',
            () => 'rejected',
        ),
    );
    assert.equal(takeover, 'rejected');
    assert.equal(await socketState(page), 'CONFLICT');

    // What "Use here" does: reconnect with the saved token, no QR.
    const mark = (await recLog(page)).length;
    const sinceReconnect = s.events.length;
    const restored = s.waitFor('session-restored', null, 5000);
    await page.evaluate(() => window.require('WAWebSocketModel').Socket.reconnect());
    assert.equal((await restored).wid, SCAN_WID);
    await s.waitFor('synced', null, 5000, { since: sinceReconnect });
    await waitState(page, 'CONNECTED');
    assert.deepEqual((await recLog(page)).slice(mark).filter((e) => e.k === 'state').map((e) => e.v), ['OPENING', 'PAIRING', 'CONNECTED']);
    assert.ok(!s.events.slice(sinceReconnect).some((e) => e.type === 'ref-issued'));
    assert.deepEqual(page.errors, []);
});

test('logoutFromPhone: logout_from_bridge, storage cleared, reload with post_logout=1, QR login again; pair-success names the device after info()', async (t) => {
    const s = await sim(t, { syncStepMs: 10 });
    const dir = profile(t);
    const { page } = await browser(t, s, dir);
    let bridgeLogouts = 0;
    let cmdLogouts = 0;
    await page.exposeFunction('__cmdLogoutFromBridge', () => {
        bridgeLogouts++;
    });
    await page.exposeFunction('__cmdLogout', () => {
        cmdLogouts++;
    });
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    assert.deepEqual(await s.phone.scan(await qrOf(page)), { ok: true, wid: SCAN_WID });
    await waitSynced(page);
    // The name the phone lists the device under: the page's info() at pair-success, here the
    // user agent's.
    const paired = s.events.find((e) => e.type === 'pair-success');
    assert.deepEqual([paired.via, paired.display], ['qr', 'Chrome (Linux)']);
    assert.equal(s.state().sessions[0].display, 'Chrome (Linux)');

    assert.deepEqual(s.logoutFromPhone({ wid: '15559999999@c.us' }), { forgotten: 0, told: 0 }, 'another account');
    const nav = page.waitForNavigation({ timeout: 10000 });
    assert.deepEqual(s.logoutFromPhone({ wid: SCAN_WID }), { forgotten: 1, told: 1 });
    await nav;
    assert.match(page.url(), /[?&]post_logout=1/);
    assert.equal(bridgeLogouts, 1, "Cmd fired 'logout_from_bridge'");
    assert.equal(cmdLogouts, 0, "and not 'logout'");
    assert.deepEqual(s.state().sessions, []);
    assert.deepEqual(
        s.events.filter((e) => e.type === 'logout-from-phone').map((e) => [e.wid, e.told]),
        [[SCAN_WID, 1]],
    );
    assert.ok(!s.events.some((e) => e.type === 'logout'), 'the page sends no logout: the server already forgot');

    // After the reload: no session, no token in storage, QR login.
    await waitState(page, 'UNPAIRED');
    assert.equal(await meOf(page), null);
    assert.equal(await page.evaluate(() => window.__rec.meAtDebug), null);
    assert.equal(s.events.filter((e) => e.type === 'hello').pop().withToken, false);

    // Paired again, renamed the way whatsapp-web.js's deviceName/browserName do it: info()
    // replaced on the module once the page has loaded.
    await page.evaluate(() => {
        const utils = window.require('WAWebMiscBrowserUtils');
        const func = utils.info;
        utils.info = () => ({ ...func(), os: 'Sim Device', name: 'Sim Browser' });
    });
    const since = s.events.length;
    assert.deepEqual(await s.phone.scan(await qrOf(page)), { ok: true, wid: SCAN_WID });
    const again = await s.waitFor('pair-success', null, 5000, { since });
    assert.deepEqual([again.via, again.display], ['qr', 'Sim Browser (Sim Device)']);
    assert.equal(s.state().sessions[0].display, 'Sim Browser (Sim Device)');
    await waitSynced(page);
    assert.deepEqual(page.errors, []);
});

test('forgetSessions: pages are not told; the next load gets session_invalid; getMaybeMePnUser() is the saved wid from window.Debug until then', async (t) => {
    const s = await sim(t, { syncStepMs: 10 });
    const dir = profile(t);
    let { page, close } = await loggedIn(t, s, dir);
    assert.equal(await page.evaluate(() => window.__rec.meAtDebug), null, 'a fresh profile holds no account');

    // A browser restart with the saved session: the account is known when window.Debug is set,
    // before the socket has answered.
    await close();
    ({ page, close } = await browser(t, s, dir));
    const restored = s.waitFor('session-restored', null, 10000);
    await page.goto(s.webUrl);
    await restored;
    await waitSynced(page);
    let rec = await page.evaluate(() => window.__rec);
    assert.equal(rec.meAtDebug, SCAN_WID);
    assert.deepEqual(rec.log.filter((e) => e.k === 'state').map((e) => [e.v, e.me]), [
        ['OPENING', SCAN_WID],
        ['PAIRING', SCAN_WID],
        ['CONNECTED', SCAN_WID],
    ]);

    assert.equal(s.forgetSessions({ wid: '15559999999@c.us' }), 0, 'another account');
    const since = s.events.length;
    assert.equal(s.forgetSessions(), 1);
    assert.deepEqual(s.state().sessions, []);
    assert.deepEqual(s.events.slice(since).map((e) => [e.type, e.wid]), [['session-forgotten', SCAN_WID]], 'nothing else happened');
    // Nobody was told: the connected page carries on, account and all.
    assert.equal(await socketState(page), 'CONNECTED');
    assert.equal(await meOf(page), SCAN_WID);

    // The next load presents the token the server no longer accepts. A client that reads
    // getMaybeMePnUser() at window.Debug sees the saved account, then the state settles on
    // UNPAIRED with no account: the restore failed (whatsapp-web-rs emits auth_failure then).
    const unknown = s.waitFor('session-unknown', null, 10000);
    const hello = s.waitFor('hello', null, 10000);
    await page.reload();
    assert.equal((await hello).withToken, true);
    await unknown;
    await waitState(page, 'UNPAIRED');
    rec = await page.evaluate(() => window.__rec);
    assert.equal(rec.meAtDebug, SCAN_WID);
    assert.deepEqual(rec.log.filter((e) => e.k === 'state').map((e) => [e.v, e.me]), [
        ['OPENING', SCAN_WID],
        ['PAIRING', SCAN_WID],
        ['UNPAIRED', null],
    ]);
    assert.equal(await meOf(page), null);

    // Cleared from storage too: the load after that has no account at window.Debug.
    const cleanHello = s.waitFor('hello', null, 10000);
    await page.reload();
    assert.equal((await cleanHello).withToken, false);
    await waitState(page, 'UNPAIRED');
    assert.equal(await page.evaluate(() => window.__rec.meAtDebug), null);
    assert.deepEqual(await s.phone.scan(await qrOf(page)), { ok: true, wid: SCAN_WID });
    await waitSynced(page);
    assert.deepEqual(page.errors, []);
});

test('the control API for conflict, logout-from-phone and forget-sessions', async (t) => {
    const s = await sim(t, { syncStepMs: 10 });
    const api = s.httpUrl.replace(/\/$/, '');
    const { page } = await loggedIn(t, s);

    let r = await httpJson('POST', `${api}/_sim/conflict`, { wid: 'not a wid' });
    assert.equal(r.status, 400);
    assert.match(r.body.error, /wid must be/);
    r = await httpJson('POST', `${api}/_sim/conflict`);
    assert.deepEqual([r.status, r.body], [200, { told: 1 }]);
    await waitState(page, 'CONFLICT');
    const restored = s.waitFor('session-restored', null, 5000);
    await page.evaluate(() => window.require('WAWebSocketModel').Socket.reconnect());
    await restored;
    await waitState(page, 'CONNECTED');

    r = await httpJson('POST', `${api}/_sim/forget-sessions`, { wid: 15559999999 });
    assert.deepEqual([r.status, r.body], [200, { forgotten: 0 }]);
    r = await httpJson('POST', `${api}/_sim/logout-from-phone`, { wid: '15559999999@c.us' });
    assert.deepEqual([r.status, r.body], [200, { forgotten: 0, told: 0 }]);

    const nav = page.waitForNavigation({ timeout: 10000 });
    r = await httpJson('POST', `${api}/_sim/logout-from-phone`, {});
    assert.deepEqual([r.status, r.body], [200, { forgotten: 1, told: 1 }]);
    await nav;
    assert.match(page.url(), /[?&]post_logout=1/);
    await waitState(page, 'UNPAIRED');

    r = await httpJson('POST', `${api}/_sim/phone/scan`, { qr: await qrOf(page) });
    assert.deepEqual(r.body, { ok: true, wid: SCAN_WID });
    r = await httpJson('POST', `${api}/_sim/forget-sessions`, { wid: SCAN_WID });
    assert.deepEqual([r.status, r.body], [200, { forgotten: 1 }]);
    r = await httpJson('GET', `${api}/_sim/state`);
    assert.deepEqual(r.body.sessions, []);
    r = await httpJson('GET', `${api}/_sim/nope`);
    for (const route of ['POST /_sim/conflict {wid?}', 'POST /_sim/logout-from-phone {wid?}', 'POST /_sim/forget-sessions {wid?}']) {
        assert.ok(r.body.routes.includes(route), route);
    }
    assert.deepEqual(page.errors, []);
});
