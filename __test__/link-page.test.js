'use strict';
// The linking page (require('whatsapp-web-rs/link')) in a real browser
// against the simulator: what a person sees and does, step by step, with a
// screenshot of each step in test-artifacts/link-page/.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');
const jsQR = require('jsqr');
const { PNG } = require('pngjs');
const { TEST_ROOT, FAST, waitFor, chromiumPidsUnder } = require('./helpers');
const { startSimulator } = require('../simulator');
const { BASE_CHROMIUM_ARGS, CHROMIUM_PATH } = require('../simulator/chromium');
const { createLinkServer, loadQrRenderer } = require('whatsapp-web-rs/link');

const ARTIFACTS = path.join(__dirname, '..', 'test-artifacts', 'link-page');
const CODE_ON_PAGE = /^[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}$/;
const BROWSER_PROFILE = path.join(TEST_ROOT, 'link-page-browser');

/**
 * A simulator (FAST timings, but a first ref that lives 30 s so a QR stays put
 * while it is screenshotted, and an offline sync slow enough to see the
 * progress bar), a link server on it, and the person's browser.
 */
async function setupPage(linkOptions = {}) {
  const sim = await startSimulator({ ...FAST, firstRefTtlMs: 30000, syncStepMs: 500 });
  const link = createLinkServer({ clientOptions: { puppeteer: { args: sim.chromiumArgs }, webVersionCache: { type: 'none' } }, ...linkOptions });
  let browser = null;
  const ctx = {
    sim,
    link,
    qrs: new Map(), // account -> every qr its clients emitted
    codes: new Map(),
    async close() {
      await Promise.allSettled([browser && browser.close(), link.close()]);
      await sim.close();
    },
  };
  link.on('client', (id, client) => {
    if (!ctx.qrs.has(id)) ctx.qrs.set(id, []);
    if (!ctx.codes.has(id)) ctx.codes.set(id, []);
    client.on('qr', (qr) => ctx.qrs.get(id).push(qr));
    client.on('code', (code) => ctx.codes.get(id).push(code));
  });
  try {
    ctx.url = await link.listen(0);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      userDataDir: fs.mkdtempSync(`${BROWSER_PROFILE}-`),
      args: [...BASE_CHROMIUM_ARGS],
    });
    ctx.browser = browser;
  } catch (error) {
    await ctx.close();
    throw error;
  }
  return ctx;
}

/** A tab on an account's page; every request it makes is recorded. */
async function openPage(ctx, account) {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  page.requested = [];
  page.errors = [];
  page.on('request', (request) => page.requested.push(request.url()));
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(`${ctx.url}/accounts/${account}/`);
  return page;
}

let shot = 0;
async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Reads the QR on screen back to text: a screenshot of the image, decoded by jsQR. */
async function qrOnScreen(page) {
  const image = await page.$('#qr');
  const png = PNG.sync.read(Buffer.from(await image.screenshot({ type: 'png' })));
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(found, 'a QR code can be read from the screen');
  return found.data;
}

const visible = (page, id) => page.$eval(`#${id}`, (el) => !el.hidden && el.getClientRects().length > 0);
const text = (page, id) => page.$eval(`#${id}`, (el) => el.textContent.trim());
const activeId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const waitVisible = (page, id, timeout = 30000) => page.waitForFunction((i) => { const el = document.getElementById(i); return el && !el.hidden && el.getClientRects().length > 0; }, { timeout, polling: 100 }, id);
const waitText = (page, id, re, timeout = 30000) => page.waitForFunction((i, source) => new RegExp(source).test(document.getElementById(i).textContent), { timeout, polling: 100 }, id, re.source);
const qrSrc = (page) => page.$eval('#qr', (img) => img.getAttribute('src'));
/** Waits until the QR image is a different one than `before`, decoded and on screen. */
const waitNewQr = (page, before) =>
  page.waitForFunction(
    (prev) => {
      const img = document.getElementById('qr');
      const src = img.getAttribute('src');
      return src && src !== prev && !document.getElementById('qr-view').hidden && img.complete && img.naturalWidth > 0;
    },
    { timeout: 30000, polling: 100 },
    before,
  );

async function typePhone(page, phone) {
  await page.$eval('#phone', (el) => (el.value = ''));
  await page.focus('#phone');
  await page.keyboard.type(phone);
  await page.keyboard.press('Enter'); // the form submits from the keyboard
}

async function api(ctx, method, route, body, headers = {}) {
  const response = await fetch(`${ctx.url}${route}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const type = response.headers.get('content-type') || '';
  return { status: response.status, headers: response.headers, body: type.includes('json') ? await response.json() : await response.text() };
}

/** A request with the Host header as given (fetch cannot set it); resolves { status, body }. */
function hostRequest(ctx, method, route, headers, body) {
  const { hostname, port } = new URL(ctx.url);
  return new Promise((resolve, reject) => {
    const req = require('http').request({ host: hostname, port, method, path: route, setHost: false, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** A process's command line; '' once it has exited (it may between listing and reading). */
function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
/** Chromium processes of the clients (not of the person's browser). */
const clientChromium = () => chromiumPidsUnder(TEST_ROOT).filter((pid) => { const cmd = cmdline(pid); return cmd !== '' && !cmd.includes(BROWSER_PROFILE); });
const clientBrowsers = () => clientChromium().filter((pid) => !cmdline(pid).includes('--type='));

/** On a failure: what the server held, and a screenshot of every open tab. */
async function failureEvidence(t, ctx) {
  t.diagnostic(`accounts: ${JSON.stringify(ctx.link.accounts().map(({ qrSvg, ...rest }) => rest))}`);
  const pages = ctx.browser ? await ctx.browser.pages().catch(() => []) : [];
  for (const p of pages) {
    // A background tab paints nothing: bring each to the front for its picture.
    await p.bringToFront().catch(() => {});
    await screenshot(p, 'failure').catch(() => {});
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('a person links by QR after trying a code; a second account links by code; logout, start again, removal', async (t) => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  const ctx = await setupPage();
  try {
    const { sim, link } = ctx;
    const created = await api(ctx, 'POST', '/api/accounts', { account: 'alice' });
    assert.equal(created.status, 201);
    assert.equal(created.body.url, '/accounts/alice/');

    // 1. The QR on screen is the client's qr.
    const page = await openPage(ctx, 'alice');
    await waitVisible(page, 'qr-view');
    await page.waitForSelector('#qr[src]', { timeout: 30000 });
    assert.equal(await qrOnScreen(page), ctx.qrs.get('alice').at(-1));
    assert.equal(await text(page, 'status'), 'Waiting for you to scan the QR code.');
    await screenshot(page, 'qr');

    // ...and replaced the moment a new qr arrives (companion_reg_refresh).
    const before = await qrSrc(page);
    const qrCount = ctx.qrs.get('alice').length;
    sim.rotateAdvSecret();
    await waitNewQr(page, before);
    assert.equal(ctx.qrs.get('alice').length, qrCount + 1);
    assert.equal(await qrOnScreen(page), ctx.qrs.get('alice').at(-1));

    // 2. "Link with phone number instead", from the keyboard: the field gets the focus.
    await page.focus('#to-phone');
    await page.keyboard.press('Enter');
    await waitVisible(page, 'phone-view');
    assert.equal(await activeId(page), 'phone');
    assert.equal(await page.$eval('label[for="phone"]', (l) => l.textContent), 'Phone number, with country code');

    // 3. Bad numbers: the library's typed errors, in words next to the field.
    await typePhone(page, '555 12');
    await waitVisible(page, 'phone-error');
    assert.match(await text(page, 'phone-error'), /too short/);
    assert.equal(await page.$eval('#phone', (el) => el.getAttribute('aria-invalid')), 'true');
    assert.equal(await activeId(page), 'phone', 'the focus stays on the field to correct it');
    await screenshot(page, 'error-too-short');

    await typePhone(page, '0612 345 678');
    await waitText(page, 'phone-error', /country code instead of 0/);
    await screenshot(page, 'error-leading-zero');

    sim.failNextCodeRequest({ status: 429 });
    await typePhone(page, '+1 555 123 4567');
    await waitText(page, 'phone-error', /too many attempts/);
    assert.ok(await visible(page, 'phone-view'), 'the form stays while the client went back to QR login');
    await screenshot(page, 'error-rate-limited');

    // 4. A good number: the code, as XXXX-XXXX.
    await typePhone(page, '+1 555 123 4567');
    await waitVisible(page, 'code-box');
    const shown = await text(page, 'code');
    assert.match(shown, CODE_ON_PAGE);
    assert.equal(shown.replace('-', ''), ctx.codes.get('alice').at(-1));
    assert.ok(!(await visible(page, 'phone-error')), 'the error went away');
    assert.match(await text(page, 'status'), new RegExp(`Your code is ${shown}`));
    await screenshot(page, 'code');

    // 5. "Use a QR code instead" and back a few times, timed from the click to the new QR on screen.
    const timings = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) {
        // The previous switch's request may still be finishing (its buttons are disabled meanwhile).
        await page.waitForFunction(() => !document.getElementById('to-phone').disabled, { timeout: 30000, polling: 50 });
        await page.click('#to-phone');
        await typePhone(page, '+1 555 123 4567');
        await waitVisible(page, 'code-box');
      }
      const qrsBefore = ctx.qrs.get('alice').length;
      const ms = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const img = document.getElementById('qr');
            const before = img.getAttribute('src');
            const start = performance.now();
            const observer = new MutationObserver(() => {
              const src = img.getAttribute('src');
              if (!src || src === before || document.getElementById('qr-view').hidden) return;
              observer.disconnect();
              // On the screen: decoded, then painted in the next frame.
              img.decode().then(() => requestAnimationFrame(() => resolve(performance.now() - start)));
            });
            observer.observe(img, { attributes: true, attributeFilter: ['src'] });
            document.getElementById('to-qr').click();
          }),
      );
      timings.push(ms);
      assert.equal(ctx.qrs.get('alice').length, qrsBefore + 1, 'one fresh qr per cancel');
      assert.equal(await qrOnScreen(page), ctx.qrs.get('alice').at(-1), 'the fresh QR is on the screen');
    }
    const result = { clickToNewQrMs: timings.map((ms) => Math.round(ms * 10) / 10), medianMs: Math.round(median(timings) * 10) / 10 };
    fs.writeFileSync(path.join(ARTIFACTS, 'timings.json'), `${JSON.stringify(result, null, 2)}\n`);
    t.diagnostic(`"Use a QR code instead" -> new QR on screen: median ${result.medianMs} ms of ${JSON.stringify(result.clickToNewQrMs)}`);
    assert.equal(await activeId(page), 'qr-heading', 'the focus follows to the QR');
    await screenshot(page, 'fresh-qr');

    // 6. The phone scans what is on the screen: progress bar, then "Linked as".
    const scanned = await qrOnScreen(page);
    assert.deepEqual(await sim.phone.scan(scanned), { ok: true, wid: '15550100001@c.us' });
    await waitVisible(page, 'loading-view');
    await page.waitForFunction(() => document.getElementById('progress').value >= 25, { timeout: 30000, polling: 50 });
    assert.ok(await visible(page, 'progress'), 'the progress bar is on screen');
    await screenshot(page, 'progress');
    await waitVisible(page, 'ready-view');
    assert.equal(await text(page, 'linked-as'), 'Linked as +1 555 010 0001 (Test Phone)');
    assert.equal(await text(page, 'status'), 'Linked as +1 555 010 0001.');
    await screenshot(page, 'linked');
    // Whoever reaches the page cannot "start again" over a linked session (and link their own phone).
    const linkedClient = link.client('alice');
    const refused = await api(ctx, 'POST', '/api/accounts/alice/restart', {});
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'ERR_ACCOUNT_NOT_ENDED');
    assert.equal(link.client('alice'), linkedClient, 'the same client');
    assert.equal(link.accounts().find((a) => a.account === 'alice').phase, 'ready');
    assert.equal(await text(page, 'linked-as'), 'Linked as +1 555 010 0001 (Test Phone)', 'the page still says linked');

    // 7. A second account on the same server (the same Chromium) links by code.
    assert.equal((await api(ctx, 'POST', '/api/accounts', { account: 'bob' })).status, 201);
    const bob = await openPage(ctx, 'bob');
    await bob.waitForSelector('#qr[src]', { timeout: 30000 });
    assert.equal(clientBrowsers().length, 1, 'both accounts share one browser');
    await bob.click('#to-phone');
    await typePhone(bob, '+1 (555) 010-0002');
    await waitVisible(bob, 'code-box');
    const bobCode = await text(bob, 'code');
    assert.match(bobCode, CODE_ON_PAGE);
    await screenshot(bob, 'second-account-code');
    assert.deepEqual(await sim.phone.typeCode('15550100002', bobCode), { ok: true, wid: '15550100002@c.us' });
    await waitText(bob, 'linked-as', /^Linked as \+1 555 010 0002/);
    await screenshot(bob, 'second-account-linked');
    assert.equal(await text(page, 'linked-as'), 'Linked as +1 555 010 0001 (Test Phone)', 'the first account is still linked');

    // 8. The phone removes alice's device: a clear message and "Start again", which brings a new QR.
    await page.bringToFront(); // the person goes back to alice's tab
    const aliceClient = link.client('alice');
    sim.logoutFromPhone({ wid: '15550100001@c.us' });
    await waitVisible(page, 'ended-view');
    assert.match(await text(page, 'ended-message'), /logged out/);
    assert.equal(await activeId(page), 'restart', 'the focus is on "Start again"');
    await screenshot(page, 'logged-out');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.getElementById('qr-view').hidden && document.getElementById('qr').naturalWidth > 0, { timeout: 30000, polling: 100 });
    assert.notEqual(link.client('alice'), aliceClient, 'a new client');
    assert.equal(await qrOnScreen(page), ctx.qrs.get('alice').at(-1));
    await screenshot(page, 'started-again');

    // 9. Removing bob destroys its client and tells its page.
    await bob.bringToFront();
    const removed = await api(ctx, 'DELETE', '/api/accounts/bob');
    assert.equal(removed.status, 200);
    assert.equal(link.client('bob'), null);
    await waitVisible(bob, 'gone-view');
    assert.match(await text(bob, 'gone-message'), /removed/);
    assert.equal((await api(ctx, 'GET', '/accounts/bob/')).status, 404);

    // Nothing came from anywhere but the server (no external assets), and no script failed.
    for (const p of [page, bob]) {
      const foreign = p.requested.filter((u) => !u.startsWith(ctx.url) && !u.startsWith('data:'));
      assert.deepEqual(foreign, [], 'every request goes to the link server');
      assert.deepEqual(p.errors, []);
    }

    // 10. The server stops: pages are told, every client's Chromium is gone.
    await page.bringToFront();
    await link.close();
    await waitVisible(page, 'gone-view');
    assert.match(await text(page, 'gone-message'), /server stopped/);
    await screenshot(page, 'server-stopped');
    assert.deepEqual(clientChromium(), [], 'no Chromium of any client is left');
  } catch (error) {
    await failureEvidence(t, ctx);
    throw error;
  } finally {
    await ctx.close();
  }
});

test('a tab closed mid-login: the login stops after the idle timeout and starts again when the page is reopened', async () => {
  const ctx = await setupPage({ idleTimeoutMs: 1500 });
  try {
    ctx.link.addAccount('carol');
    const page = await openPage(ctx, 'carol');
    await page.waitForSelector('#qr[src]', { timeout: 30000 });
    const first = ctx.link.client('carol');
    await page.click('#to-phone');
    await typePhone(page, '+1 555 010 0003');
    await waitVisible(page, 'code-box'); // mid-login, in code mode
    const idle = waitFor(ctx.link, 'idle', 20000);
    await page.close();
    assert.equal(await idle, 'carol');
    assert.equal(ctx.link.client('carol'), null);
    assert.equal(ctx.link.accounts()[0].phase, 'stopped');
    // The shared browser closed with its last client.
    const deadline = Date.now() + 10000;
    while (clientChromium().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(clientChromium(), [], 'no Chromium left for a login nobody watches');

    const again = await openPage(ctx, 'carol');
    await again.waitForSelector('#qr[src]', { timeout: 30000 });
    assert.notEqual(ctx.link.client('carol'), first, 'a fresh client');
    assert.equal(await qrOnScreen(again), ctx.qrs.get('carol').at(-1));
  } finally {
    await ctx.close();
  }
});

test('the HTTP API checks what it is sent', async () => {
  const sim = await startSimulator(FAST);
  const link = createLinkServer({ clientOptions: { puppeteer: { args: sim.chromiumArgs }, webVersionCache: { type: 'none' } }, maxAccounts: 1 });
  const ctx = { url: await link.listen(0) };
  try {
    assert.match(ctx.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback by default');
    const bad = async (method, route, body, status, code, headers) => {
      const r = await api(ctx, method, route, body, headers);
      assert.equal(r.status, status, `${method} ${route} ${JSON.stringify(body)}`);
      if (code) assert.equal(r.body.error.code, code);
    };
    await bad('POST', '/api/accounts', { account: '../etc' }, 400, 'ERR_INVALID_ACCOUNT_ID');
    await bad('POST', '/api/accounts', { account: 'x'.repeat(65) }, 400, 'ERR_INVALID_ACCOUNT_ID');
    await bad('POST', '/api/accounts', { account: 42 }, 400, 'ERR_INVALID_ACCOUNT_ID');
    await bad('POST', '/api/accounts', {}, 400, 'ERR_INVALID_ACCOUNT_ID');
    await bad('POST', '/api/accounts', '{"account":', 400, 'ERR_INVALID_JSON');
    await bad('POST', '/api/accounts', '["a"]', 400, 'ERR_INVALID_JSON');
    await bad('POST', '/api/accounts', JSON.stringify({ account: 'a', pad: 'x'.repeat(5000) }), 413, 'ERR_BODY_TOO_LARGE');
    await bad('POST', '/api/accounts', { account: 'a' }, 415, 'ERR_CONTENT_TYPE', { 'Content-Type': 'text/plain' });
    await bad('POST', '/api/accounts', { account: 'a' }, 403, 'ERR_CROSS_ORIGIN', { Origin: 'http://evil.example' });
    await bad('GET', '/api/accounts/nobody/events', undefined, 404, 'ERR_NO_SUCH_ACCOUNT');
    await bad('POST', '/api/accounts/nobody/code', { phone: '15551234567' }, 404, 'ERR_NO_SUCH_ACCOUNT');
    await bad('GET', '/accounts/nobody/', undefined, 404);
    await bad('GET', '/accounts/%E0%A4%A/', undefined, 404);
    await bad('GET', '/api/accounts/%E0%A4%A/events', undefined, 400, 'ERR_INVALID_ACCOUNT_ID');
    await bad('GET', '/nothing-here', undefined, 404);
    await bad('PUT', '/api/accounts', undefined, 405, 'ERR_METHOD');
    assert.deepEqual(sim.events.filter((e) => e.type === 'socket-open'), [], 'no client was started by any of those');

    assert.equal((await api(ctx, 'POST', '/api/accounts', { account: 'dave' })).status, 201);
    // A login a code could be asked for: the QR is up.
    for (let i = 0; i < 600 && link.accounts()[0].phase !== 'qr'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(link.accounts()[0].phase, 'qr');

    // DNS rebinding: a page of another name resolved to 127.0.0.1 sends its own Host and a
    // matching Origin. Every route refuses it, and nothing changes (no code reaches WhatsApp).
    const port = new URL(ctx.url).port;
    const rebound = `attacker.example:${port}`;
    const listed = JSON.stringify(link.accounts().map(({ account, phase }) => ({ account, phase })));
    const since = sim.events.length;
    for (const [method, route, body] of [
      ['GET', '/'], ['GET', '/assets/page.js'], ['GET', '/accounts/dave/'], ['GET', '/api/accounts'], ['GET', '/api/accounts/dave/events'],
      ['POST', '/api/accounts', { account: 'mallory' }], ['POST', '/api/accounts/dave/code', { phone: '15551234567' }],
      ['POST', '/api/accounts/dave/qr', {}], ['POST', '/api/accounts/dave/restart', {}], ['DELETE', '/api/accounts/dave'],
    ]) {
      const r = await hostRequest(ctx, method, route, { host: rebound, origin: `http://${rebound}` }, body);
      assert.equal(r.status, 421, `${method} ${route}`);
      assert.equal(JSON.parse(r.body).error.code, 'ERR_HOST_NOT_ALLOWED');
    }
    assert.equal(JSON.stringify(link.accounts().map(({ account, phase }) => ({ account, phase }))), listed, 'the account list is unchanged');
    assert.deepEqual(sim.events.slice(since).filter((e) => /^code-|^pair/.test(e.type)), [], 'no code was requested');
    await bad('POST', '/api/accounts', { account: 'dave' }, 409, 'ERR_ACCOUNT_EXISTS');
    await bad('POST', '/api/accounts', { account: 'erin' }, 503, 'ERR_TOO_MANY_ACCOUNTS');
    await bad('POST', '/api/accounts/dave/code', { phone: 15551234567 }, 400, 'ERR_PHONE_NUMBER_NOT_STRING');
    await bad('POST', '/api/accounts/dave/code', { phone: '1'.repeat(100) }, 400, 'ERR_PHONE_NUMBER_NOT_STRING');
    await bad('POST', '/api/accounts/dave/nope', {}, 404, 'ERR_NO_SUCH_ACTION');
    const redirect = await api(ctx, 'GET', '/accounts/dave');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), 'dave/');
    const page = await api(ctx, 'GET', '/accounts/dave/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
    // The page's own files name nothing outside the server.
    for (const file of ['page.html', 'page.js', 'page.css']) {
      const source = fs.readFileSync(path.join(__dirname, '..', 'lib', 'link', 'public', file), 'utf8');
      assert.doesNotMatch(source, /(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, `${file} loads nothing from elsewhere`);
    }
    assert.deepEqual((await api(ctx, 'DELETE', '/api/accounts/dave')).body, { account: 'dave', removed: true });
    assert.equal(link.client('dave'), null);
  } finally {
    await link.close();
    await sim.close();
  }
});

test('mounted under a basePath in an existing http server, other paths are left to the application', async () => {
  const http = require('http');
  const link = createLinkServer({ basePath: '/link' });
  const server = http.createServer((req, res) => link.handler(req, res, () => res.end('the app')));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ctx = { url: `http://127.0.0.1:${server.address().port}` };
  try {
    assert.equal((await api(ctx, 'GET', '/elsewhere')).body, 'the app');
    assert.equal((await api(ctx, 'GET', '/linkage')).body, 'the app');
    const root = await api(ctx, 'GET', '/link');
    assert.equal(root.status, 301);
    assert.equal(root.headers.get('location'), 'link/');
    assert.match((await api(ctx, 'GET', '/link/')).body, /<h1 id="title">Accounts<\/h1>/);
    assert.deepEqual((await api(ctx, 'GET', '/link/api/accounts')).body, { accounts: [] });
    const css = await api(ctx, 'GET', '/link/assets/page.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type'), /^text\/css/);

    // A port in use is an error, and listen() can be tried again elsewhere (as the demo does).
    const other = createLinkServer();
    try {
      await assert.rejects(other.listen(server.address().port), { code: 'EADDRINUSE' });
      assert.match(await other.listen(0), /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await other.close();
    }
  } finally {
    await link.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("require('whatsapp-web-rs/link') has types: an application's use of it compiles, a wrong option does not", () => {
  const root = path.join(__dirname, '..');
  const dir = fs.mkdtempSync(path.join(TEST_ROOT, 'link-types-'));
  const program = `import { createLinkServer } from 'whatsapp-web-rs/link';
import { LocalAuth } from 'whatsapp-web-rs';
export async function main(): Promise<string> {
  const link = createLinkServer({ clientOptions: (id) => ({ sharedBrowser: false, authStrategy: new LocalAuth({ clientId: id }) }), idleTimeoutMs: 60000, basePath: '/link', allowedHosts: ['link.example.com', 'link.example.com:8443'] });
  link.on('ready', (id, client) => console.log(id, client.info.wid._serialized));
  link.on('idle', (id) => console.log(id));
  const url: string = await link.listen(0);
  const phase: 'starting' | 'qr' | 'code' | 'loading' | 'ready' | 'disconnected' | 'auth_failure' | 'failed' | 'stopped' = link.addAccount('alice').phase;
  await link.removeAccount('alice');
  await link.close();
  return url + phase;
}
`;
  const compile = (source) => {
    fs.writeFileSync(path.join(dir, 'program.ts'), source);
    const tsconfig = {
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')], paths: { 'whatsapp-web-rs': [root], 'whatsapp-web-rs/link': [path.join(root, 'lib', 'link', 'server.d.ts')] } },
      files: ['program.ts'],
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
      return '';
    } catch (error) {
      return `${error.stdout}${error.stderr}`;
    }
  };
  assert.equal(compile(program), '');
  assert.match(compile(program.replace('idleTimeoutMs: 60000', "idleTimeoutMs: '1 min'")), /idleTimeoutMs|not assignable to type 'number'/);
  assert.match(compile(program.replace("allowedHosts: ['link.example.com', 'link.example.com:8443']", "allowedHosts: 'link.example.com'")), /allowedHosts|not assignable to type 'string\[\]'/);
});

test('qrcode is an optional peer dependency: loaded only by the link server, named when missing', () => {
  const missing = Object.assign(new Error("Cannot find module 'qrcode'"), { code: 'MODULE_NOT_FOUND' });
  assert.throws(() => loadQrRenderer(() => { throw missing; }), { code: 'ERR_QRCODE_MISSING', message: /npm install qrcode/ });
  assert.throws(() => createLinkServer({ idleTimeoutMs: -1 }), TypeError);
  assert.throws(() => createLinkServer({ basePath: 'link/' }), TypeError);
  const loaded = execFileSync(process.execPath, ['-e', "require('whatsapp-web-rs'); console.log(Object.keys(require.cache).some((f) => f.includes(`${require('path').sep}qrcode${require('path').sep}`)))"], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  assert.equal(loaded.trim(), 'false', "require('whatsapp-web-rs') does not load qrcode");
});
