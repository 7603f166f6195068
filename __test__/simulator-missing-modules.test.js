'use strict';
// The simulator's missingModules option: modules a WhatsApp Web update renamed are never in the
// page's registry (window.require throws for them as for any unknown module, in instant and
// real-sequence mode), while the page itself keeps working: a page without the code-linking API
// still shows QRs and logs in by scan. Set at start, from the CLI, or for later page loads through
// POST /_sim/config.

const { test } = require('node:test');
const assert = require('node:assert/strict');

const { startSimulator } = require('../simulator');
const { SCAN_WID, sim, profile, browser, waitState, waitSynced, qrOf, httpJson, startCli } = require('./sim-harness');

const MISSING = ['WAWebAltDeviceLinkingApi', 'WAWebMiscBrowserUtils'];

// What window.require(name) does for each name: 'ok' or the message it throws.
const requireEach = (page, names) =>
    page.evaluate((names) => {
        const out = {};
        for (const name of names) {
            try {
                out[name] = window.require(name) ? 'ok' : 'falsy';
            } catch (err) {
                out[name] = err.message;
            }
        }
        return out;
    }, names);

const unknown = (name) => `Requiring unknown module "${name}"`;

for (const realSequence of [false, true]) {
    const mode = realSequence ? 'real-sequence' : 'instant';
    test(`${mode} mode: a missing module throws on require as an unknown one; the rest work; a scan still logs in`, async (t) => {
        const s = await sim(t, { realSequence, moduleDelayMs: realSequence ? 150 : undefined, syncStepMs: 20, missingModules: MISSING });
        assert.deepEqual(s.state().options.missingModules, MISSING);
        const { page } = await browser(t, s, profile(t));
        await page.goto(s.webUrl);
        await waitState(page, 'UNPAIRED');
        assert.deepEqual(await requireEach(page, [...MISSING, 'WAWebSocketModel', 'WAWebConnModel', 'WAWebUserPrefsMultiDevice']), {
            WAWebAltDeviceLinkingApi: unknown('WAWebAltDeviceLinkingApi'),
            WAWebMiscBrowserUtils: unknown('WAWebMiscBrowserUtils'),
            WAWebSocketModel: 'ok',
            WAWebConnModel: 'ok',
            WAWebUserPrefsMultiDevice: 'ok',
        });
        // The QR comes from the page's own state, without the hidden modules.
        const qr = await qrOf(page);
        assert.equal(qr.split(',').length, 5);
        assert.deepEqual(await s.phone.scan(qr), { ok: true, wid: SCAN_WID });
        await waitSynced(page);
        // The phone still learnt the device's name, which the page reads from its own browser info.
        assert.match(String(s.events.find((e) => e.type === 'pair-success').display), /Chrome/);
        // Still missing once logged in (and the later modules are there).
        assert.deepEqual(await requireEach(page, [MISSING[0], 'WAWebCmd']), { [MISSING[0]]: unknown(MISSING[0]), WAWebCmd: 'ok' });
        assert.deepEqual(page.errors, []);
    });
}

test('POST /_sim/config sets missingModules for pages loaded afterwards; GET /_sim/state shows it; bad input is a 400 naming it', async (t) => {
    const s = await sim(t, {});
    const api = s.httpUrl.replace(/\/$/, '');
    const { page } = await browser(t, s, profile(t));
    await page.goto(s.webUrl);
    await waitState(page, 'UNPAIRED');
    assert.equal((await requireEach(page, ['WAWebAltDeviceLinkingApi'])).WAWebAltDeviceLinkingApi, 'ok');

    let r = await httpJson('POST', `${api}/_sim/config`, { missingModules: ['WAWebAltDeviceLinkingApi'] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { missingModules: ['WAWebAltDeviceLinkingApi'] });
    assert.deepEqual((await httpJson('GET', `${api}/_sim/state`)).body.options.missingModules, ['WAWebAltDeviceLinkingApi']);
    // The open page keeps its modules; a reload gets the new registry.
    assert.equal((await requireEach(page, ['WAWebAltDeviceLinkingApi'])).WAWebAltDeviceLinkingApi, 'ok');
    await page.reload();
    await waitState(page, 'UNPAIRED');
    assert.deepEqual(await requireEach(page, ['WAWebAltDeviceLinkingApi', 'WAWebSocketModel']), {
        WAWebAltDeviceLinkingApi: unknown('WAWebAltDeviceLinkingApi'),
        WAWebSocketModel: 'ok',
    });

    const bad = [
        [{ missingModules: 'WAWebCmd' }, /missingModules must be an array/],
        [{ missingModules: ['WAWeb Cmd'] }, /"WAWeb Cmd" is not a module name/],
        [{ missingModules: [42] }, /42 is not a module name/],
        [{ missingModules: ['a'.repeat(129)] }, /is not a module name/],
        [{ missingModules: Array.from({ length: 201 }, (_, i) => `M${i}`) }, /at most 200 names/],
        [{ missingModules: [], realSequence: true }, /unknown setting realSequence/],
        [[], /configure takes an object/],
    ];
    for (const [body, message] of bad) {
        r = await httpJson('POST', `${api}/_sim/config`, body);
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
        assert.match(r.body.error, message);
    }
    r = await httpJson('POST', `${api}/_sim/config`, '{not json');
    assert.equal(r.status, 400);
    // Nothing changed by the refused calls; an empty list brings the module back.
    assert.deepEqual((await httpJson('GET', `${api}/_sim/state`)).body.options.missingModules, ['WAWebAltDeviceLinkingApi']);
    r = await httpJson('POST', `${api}/_sim/config`, { missingModules: [] });
    assert.deepEqual(r.body, { missingModules: [] });
    await page.reload();
    await waitState(page, 'UNPAIRED');
    assert.equal((await requireEach(page, ['WAWebAltDeviceLinkingApi'])).WAWebAltDeviceLinkingApi, 'ok');
});

test('startSimulator refuses a bad missingModules with a TypeError naming it', async () => {
    await assert.rejects(startSimulator({ missingModules: 'WAWebCmd' }), { name: 'TypeError', message: /missingModules must be an array/ });
    await assert.rejects(startSimulator({ missingModules: ['ok', 'not-ok'] }), { name: 'TypeError', message: /"not-ok" is not a module name/ });
});

test('cli.js --missing-modules A,B starts a page without them', async (t) => {
    const { child, api, out } = await startCli(t, ['--missing-modules', 'WAWebAltDeviceLinkingApi,WAWebMiscBrowserUtils', '--quiet']);
    assert.match(out, /missing\s+WAWebAltDeviceLinkingApi, WAWebMiscBrowserUtils/);
    assert.deepEqual((await httpJson('GET', `${api}/_sim/state`)).body.options.missingModules, MISSING);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 0, signal: null });
});
