'use strict';
// Plumbing shared by the simulator's own tests: a simulator and a browser profile per test, both
// stopped or removed when the test ends, a Chromium on the simulator, and what a client does in
// the page (wait for a state, build the QR, request a code).

const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const puppeteer = require('puppeteer');

const { startSimulator } = require('../simulator');
const chromium = require('../simulator/chromium');

const PHONE = '15551234567';
const SCAN_WID = '15550100001@c.us';

// A simulator closed when the test ends, whatever happens.
async function sim(t, options) {
    const s = await startSimulator(options);
    t.after(() => s.close());
    return s;
}

// A fresh profile directory, removed (and any Chromium still using it killed) when the test ends.
function profile(t) {
    const dir = chromium.makeProfileDir('wa-sim-test-');
    t.after(() => chromium.removeProfileDir(dir));
    return dir;
}

// A browser on the simulator, with `init` (if any) run in every new document before the page's
// own scripts; closed when the test ends.
async function browser(t, s, dir, init) {
    const b = await chromium.launchChromium({ sim: s, userDataDir: dir, puppeteer });
    let closed = false;
    const close = async () => {
        if (closed) return;
        closed = true;
        await b.close().catch(() => {});
        chromium.killProfileProcesses(dir);
    };
    t.after(close);
    const page = (await b.pages())[0];
    page.errors = [];
    page.on('pageerror', (err) => page.errors.push(err.message));
    if (init) await page.evaluateOnNewDocument(init);
    return { browser: b, page, close };
}

const socketState = (page) => page.evaluate(() => window.require('WAWebSocketModel').Socket.state);

async function waitState(page, states, timeout = 10000) {
    const wanted = [].concat(states);
    await page.waitForFunction(
        (w) => {
            // In real-sequence mode require() throws until the socket's bundle has arrived.
            try {
                return w.includes(window.require('WAWebSocketModel').Socket.state);
            } catch {
                return false;
            }
        },
        { timeout, polling: 20 },
        wanted,
    );
}

async function waitSynced(page, timeout = 10000) {
    await page.waitForFunction(() => {
        try {
            return window.require('WAWebSocketModel').Socket.hasSynced === true;
        } catch {
            return false;
        }
    }, {
        timeout,
        polling: 20,
    });
}

// The QR text exactly as whatsapp-web.js builds it from the page.
function qrOf(page) {
    return page.evaluate(async () => {
        const R = window.require;
        const reg = await R('WAWebSignalStoreApi').waSignalStore.getRegistrationInfo();
        const noise = await R('WAWebUserPrefsInfoStore').waNoiseInfo.get();
        const b64 = R('WABase64').encodeB64;
        return [
            R('WAWebConnModel').Conn.ref,
            b64(noise.staticKeyPair.pubKey),
            b64(reg.identityKeyPair.pubKey),
            R('WAWebUserPrefsMultiDevice').getADVSecretKey(),
            R('WAWebCompanionRegClientUtils').DEVICE_PLATFORM,
        ].join(',');
    });
}

// initializeAltDeviceLinking + startAltLinkingFlow as a client does; errors come back described.
function requestCode(page, phone, showPush = true) {
    return page.evaluate(
        async (phone, showPush) => {
            const api = window.require('WAWebAltDeviceLinkingApi');
            api.setPairingType('ALT_DEVICE_LINKING');
            await api.initializeAltDeviceLinking();
            const secretAfterInit = window.require('WAWebUserPrefsMultiDevice').getADVSecretKey();
            try {
                return { code: await api.startAltLinkingFlow(phone, showPush), secretAfterInit };
            } catch (e) {
                return {
                    error: { className: e.constructor.name, message: e.message, status: e.status, text: e.text, isError: e instanceof Error },
                    secretAfterInit,
                };
            }
        },
        phone,
        showPush,
    );
}

function httpJson(method, url, body) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (c) => (data += c));
            res.on('end', () => {
                try {
                    resolve({ status: res.statusCode, body: JSON.parse(data) });
                } catch {
                    resolve({ status: res.statusCode, body: data });
                }
            });
        });
        req.on('error', reject);
        if (body !== undefined) req.end(typeof body === 'string' ? body : JSON.stringify(body));
        else req.end();
    });
}

// simulator/cli.js with `args`, killed when the test ends: resolves once it printed its banner, with
// the child, the control API's base URL and what it printed.
async function startCli(t, args) {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'simulator', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    const api = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 10000);
        child.stdout.on('data', (d) => {
            out += d;
            const m = out.match(/page \(HTTP\)\s+(http:\/\/\S+)/);
            if (m && out.includes('Ctrl-C')) {
                clearTimeout(timer);
                resolve(m[1].replace(/\/$/, ''));
            }
        });
        child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${out}`)));
    });
    return { child, api, out };
}

const secretOf = (page) => page.evaluate(() => window.require('WAWebUserPrefsMultiDevice').getADVSecretKey());

module.exports = { PHONE, SCAN_WID, sim, profile, browser, socketState, waitState, waitSynced, qrOf, requestCode, httpJson, secretOf, startCli };
