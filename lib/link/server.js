'use strict';
// A ready-made linking server: the page where a person links their WhatsApp
// account by QR code or by phone-number code, for any number of accounts.
// Plain `http` and Server-Sent Events; one Client per account, on a shared
// browser by default. See README.md, "A linking page".
//
//   const { createLinkServer } = require('whatsapp-web-rs/link');
//   const link = createLinkServer();
//   await link.listen(3000);            // 127.0.0.1 unless told otherwise
//   link.addAccount('alice');           // page at http://127.0.0.1:3000/accounts/alice/
//   link.on('ready', (id, client) => { /* the account is linked: use client */ });
//
// Events: 'client' (id, client) whenever an account starts a client (add,
// "Start again", a page reopening an idle account); 'ready' (id, client);
// 'idle' (id) when an unwatched login was stopped.
const EventEmitter = require('events');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { Account, errorBody } = require('./account');
const { PoolAccountClient } = require('./pool-client');
const { parseAllowedHosts, hostAllowed, isLoopbackListenHost } = require('./host-check');
const { loadQrRenderer } = require('./qr-image');

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_BYTES = 4096;
const MAX_VIEWERS_PER_ACCOUNT = 16;
const HEARTBEAT_MS = 20000;

const PUBLIC_DIR = path.join(__dirname, 'public');
const ASSETS = {
  'page.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(PUBLIC_DIR, 'page.js')) },
  'page.css': { type: 'text/css; charset=utf-8', body: fs.readFileSync(path.join(PUBLIC_DIR, 'page.css')) },
};
const PAGE_TEMPLATE = fs.readFileSync(path.join(PUBLIC_DIR, 'page.html'), 'utf8');
const INDEX_TEMPLATE = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');

// Only our own script, style and the QR's data: URL; nothing from anywhere else.
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** An error answered as `{ error: { code, message } }` with an HTTP status. */
class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// The library's typed errors, as HTTP statuses.
function statusFor(error) {
  const code = error && error.code;
  if (error instanceof TypeError) return 400;
  if (code === 'ERR_PAIRING_RATE_LIMITED') return 429;
  if (code === 'ERR_ALREADY_LOGGED_IN' || code === 'ERR_ACCOUNT_NOT_LOGGING_IN' || code === 'ERR_ACCOUNT_NOT_ENDED' || code === 'ERR_CLIENT_DESTROYED' || code === 'ERR_NOT_INITIALIZED') return 409;
  if (typeof code === 'string' && code.startsWith('ERR_PAIRING_')) return 502;
  return 500;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

function sendJson(res, status, value) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendHtml(res, status, html) {
  send(res, status, 'text/html; charset=utf-8', html);
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Reads a small JSON object body; anything else is a 4xx. */
function readJson(req) {
  return new Promise((resolve, reject) => {
    const type = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    // Also what stops a plain cross-site form from posting here: it cannot send this type.
    if (type !== 'application/json') {
      req.resume();
      reject(new HttpError(415, 'ERR_CONTENT_TYPE', 'send a JSON body with Content-Type: application/json'));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new HttpError(413, 'ERR_BODY_TOO_LARGE', `bodies are limited to ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new HttpError(413, 'ERR_BODY_TOO_LARGE', `bodies are limited to ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      let value;
      try {
        value = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        reject(new HttpError(400, 'ERR_INVALID_JSON', 'the body is not valid JSON'));
        return;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        reject(new HttpError(400, 'ERR_INVALID_JSON', 'the body must be a JSON object'));
        return;
      }
      resolve(value);
    });
  });
}

/** A path segment, percent-decoded; a malformed one is nobody's id. */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function checkAccountId(id) {
  if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
    throw new HttpError(400, 'ERR_INVALID_ACCOUNT_ID', 'an account id is 1-64 letters, digits, "_" or "-"');
  }
  return id;
}

// A browser sends Origin on cross-site requests; refuse those that change anything.
function checkSameOrigin(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== req.headers.host) throw new HttpError(403, 'ERR_CROSS_ORIGIN', 'requests from another origin are refused');
}

// How the account list names each phase.
const PHASE_WORDS = {
  starting: 'starting',
  qr: 'showing a QR code',
  code: 'showing a pairing code',
  loading: 'linking',
  ready: 'linked',
  disconnected: 'disconnected',
  auth_failure: 'login refused',
  failed: 'could not start',
  stopped: 'idle (starts when its page is opened)',
};

class LinkServer extends EventEmitter {
  #options;
  #renderQr;
  #accounts = new Map();
  #streams = new Set();
  #server = null;
  #closed = false;

  constructor(options = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new TypeError('createLinkServer(options): options must be an object');
    const { clientOptions = {}, Client, idleTimeoutMs = 5 * 60 * 1000, maxAccounts = 100, manage = true, basePath = '', allowedHosts, pool = null } = options;
    if (pool !== null && (typeof pool !== 'object' || typeof pool.call !== 'function' || typeof pool.readEvents !== 'function' || typeof pool.add !== 'function')) {
      throw new TypeError('pool must be a session pool from require(\'whatsapp-web-rs/pool\').createSessionPool()');
    }
    if (typeof clientOptions !== 'function' && (clientOptions === null || typeof clientOptions !== 'object')) throw new TypeError('clientOptions must be an object or a function (accountId) => options');
    if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0)) throw new TypeError('idleTimeoutMs must be a positive number of milliseconds');
    if (!(Number.isInteger(maxAccounts) && maxAccounts > 0)) throw new TypeError('maxAccounts must be a positive integer');
    if (typeof basePath !== 'string' || (basePath !== '' && !/^\/[A-Za-z0-9._~\/-]*[^/]$/.test(basePath))) throw new TypeError('basePath must be "" or a path such as "/link" (no trailing slash)');
    this.#options = { clientOptions, Client: Client || require('../..').Client, idleTimeoutMs, maxAccounts, manage: Boolean(manage), basePath, allowedHosts: parseAllowedHosts(allowedHosts), pool };
    this.#renderQr = options.renderQr || loadQrRenderer();
    this.handler = this.handler.bind(this);
  }

  /** The URL of the running server (after listen()), e.g. http://127.0.0.1:3000 */
  get url() {
    const address = this.#server && this.#server.address();
    if (!address || typeof address === 'string') return null;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}${this.#options.basePath}`;
  }

  /**
   * Starts an http server of its own; 127.0.0.1 unless `host` says otherwise.
   * Throws ERR_ALLOWED_HOSTS_REQUIRED for a host that is not loopback while
   * `allowedHosts` is empty: reached from elsewhere, the page would refuse
   * every request (their Host is not this machine), and allowing any Host
   * would open it to DNS rebinding.
   */
  listen(port = 0, host = '127.0.0.1') {
    if (!isLoopbackListenHost(host) && this.#options.allowedHosts.length === 0) {
      const error = new Error(`listen(${port}, ${JSON.stringify(host)}): the page is then reached by a name other than localhost; list that name in the allowedHosts option (e.g. createLinkServer({ allowedHosts: ['link.example.com'] }))`);
      error.code = 'ERR_ALLOWED_HOSTS_REQUIRED';
      throw error;
    }
    if (this.#closed) return Promise.reject(new Error('the link server was closed'));
    if (this.#server) return Promise.reject(new Error('the link server is already listening'));
    const server = http.createServer(this.handler);
    this.#server = server;
    return new Promise((resolve, reject) => {
      const failed = (error) => {
        // e.g. EADDRINUSE: listen() may be called again, on another port.
        this.#server = null;
        reject(error);
      };
      server.once('error', failed);
      server.listen(port, host, () => {
        server.off('error', failed);
        resolve(this.url);
      });
    });
  }

  /** The page address of an account, relative to the server's root. */
  accountPath(id) {
    return `${this.#options.basePath}/accounts/${encodeURIComponent(id)}/`;
  }

  /** Adds an account and starts its login. Throws ERR_ACCOUNT_EXISTS, ERR_TOO_MANY_ACCOUNTS, ERR_INVALID_ACCOUNT_ID. */
  addAccount(id) {
    checkAccountId(id);
    if (this.#closed) throw new HttpError(503, 'ERR_SERVER_CLOSED', 'the link server was closed');
    if (this.#accounts.has(id)) throw new HttpError(409, 'ERR_ACCOUNT_EXISTS', `account ${id} exists already`);
    if (this.#accounts.size >= this.#options.maxAccounts) throw new HttpError(503, 'ERR_TOO_MANY_ACCOUNTS', `at most ${this.#options.maxAccounts} accounts`);
    const { clientOptions, Client, idleTimeoutMs, pool } = this.#options;
    const account = new Account(id, {
      renderQr: this.#renderQr,
      idleTimeoutMs,
      // On a pool the account's client runs on whichever worker owns it: the page follows it.
      createClient: pool
        ? (accountId) => new PoolAccountClient(pool, accountId)
        : (accountId) => {
            const own = typeof clientOptions === 'function' ? clientOptions(accountId) : clientOptions;
            return new Client({ sharedBrowser: true, ...own });
          },
    });
    // On a pool the page's client only follows the session: the Client is the owner's
    // (pool.client(id) on that worker, null elsewhere).
    if (!pool) account.on('client', (client) => this.emit('client', id, client));
    account.on('ready', (client) => {
      if (!pool) return this.emit('ready', id, client);
      // `linked` on every worker; `ready` with the Client only where it runs.
      this.emit('linked', id, { wid: client.info && client.info.wid._serialized });
      const local = pool.client(id);
      if (local) this.emit('ready', id, local);
    });
    account.on('idle', () => this.emit('idle', id));
    this.#accounts.set(id, account);
    account.start();
    // The pool gives the account to the worker with the most room (it may be this one).
    if (pool) {
      pool.add(id).catch((error) => {
        if (this.listenerCount('pool_error') > 0) this.emit('pool_error', id, error);
        else process.emitWarning(`whatsapp-web-rs link server: account ${id} could not be added to the pool: ${error.message}`, { code: 'WWRS_POOL' });
      });
    }
    return account.snapshot();
  }

  /** Removes an account: its client is destroyed, its pages are told. Resolves false for an unknown id. */
  async removeAccount(id) {
    const account = this.#accounts.get(id);
    if (!account) return false;
    this.#accounts.delete(id);
    await account.remove();
    // No worker claims it again; its owner keeps the session running (docs/pool.md).
    if (this.#options.pool) await this.#options.pool.remove(id);
    return true;
  }

  /** The account's Client (null while stopped), e.g. to use it once linked. */
  client(id) {
    if (this.#options.pool) return this.#accounts.has(id) ? this.#options.pool.client(id) : null;
    const account = this.#accounts.get(id);
    return account ? account.client : null;
  }

  /** [{ account, phase, ... }] for every account. */
  accounts() {
    return [...this.#accounts.values()].map((a) => a.snapshot());
  }

  /** Ends every page stream, destroys every client, stops listening. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    const accounts = [...this.#accounts.values()];
    this.#accounts.clear();
    // Pages are told first (and their streams ended), then the clients go.
    const removals = accounts.map((a) => a.remove('server-closed'));
    for (const res of this.#streams) res.end();
    this.#streams.clear();
    await Promise.allSettled(removals);
    if (this.#server) {
      const server = this.#server;
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  /** `(req, res, next?)`: mount it in an http server or as Express/Connect middleware. */
  handler(req, res, next) {
    this.#route(req, res, next).catch((error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      else sendJson(res, statusFor(error), { error: errorBody(error) });
    });
  }

  async #route(req, res, next) {
    let pathname;
    try {
      pathname = new URL(req.url, 'http://link.invalid').pathname;
    } catch {
      // e.g. "//[": no path at all, and nobody's (a 400, not a 500).
      throw new HttpError(400, 'ERR_BAD_PATH', 'the request path cannot be read');
    }
    const { basePath, manage } = this.#options;
    const pass = () => (typeof next === 'function' ? next() : sendHtml(res, 404, '<!doctype html><title>Not found</title><p>Not found.</p>'));
    if (basePath) {
      // The page's links are relative: the root must be read as "<basePath>/".
      if (pathname === basePath) {
        this.#checkHost(req);
        return send(res, 301, 'text/plain; charset=utf-8', '', { Location: `${basePath.slice(basePath.lastIndexOf('/') + 1)}/` });
      } else if (pathname.startsWith(`${basePath}/`)) pathname = pathname.slice(basePath.length);
      else return pass();
    }
    const method = req.method;
    const parts = pathname.split('/').slice(1); // '/a/b/' -> ['a', 'b', '']

    if (parts[0] === 'assets' && parts.length === 2 && Object.hasOwn(ASSETS, parts[1])) {
      this.#checkHost(req);
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'ERR_METHOD', 'GET only');
      const asset = ASSETS[parts[1]];
      return send(res, 200, asset.type, asset.body, { 'Cache-Control': 'no-cache' });
    }
    if (parts[0] === 'accounts' && (parts.length === 2 || (parts.length === 3 && parts[2] === ''))) {
      this.#checkHost(req);
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'ERR_METHOD', 'GET only');
      const id = decodeSegment(parts[1]);
      if (!ACCOUNT_ID.test(id) || !this.#accounts.has(id)) return sendHtml(res, 404, '<!doctype html><title>No such account</title><p>No such account.</p>');
      // The page's links are relative: it must be read from a URL ending in "/".
      if (parts.length === 2) return send(res, 301, 'text/plain; charset=utf-8', '', { Location: `${encodeURIComponent(id)}/` });
      return sendHtml(res, 200, PAGE_TEMPLATE.replaceAll('{{ACCOUNT}}', escapeHtml(id)));
    }
    if (parts[0] === 'api' && parts[1] === 'accounts') {
      this.#checkHost(req);
      return this.#api(req, res, method, parts.slice(2));
    }
    if (manage && pathname === '/' && (method === 'GET' || method === 'HEAD')) {
      this.#checkHost(req);
      return sendHtml(res, 200, this.#indexHtml());
    }
    return pass();
  }

  // Every route of ours checks the Host before anything else (paths that are
  // not ours are the application's, and left alone). See host-check.js.
  #checkHost(req) {
    if (!hostAllowed(req.headers.host, this.#options.allowedHosts)) {
      throw new HttpError(421, 'ERR_HOST_NOT_ALLOWED', `Host ${JSON.stringify(String(req.headers.host || ''))} is not this server's: open the page as localhost, or list the name in the allowedHosts option`);
    }
  }

  async #api(req, res, method, rest) {
    if (rest.length === 0) {
      if (method === 'GET') return sendJson(res, 200, { accounts: this.accounts().map(({ account, phase, wid }) => ({ account, phase, wid, url: this.accountPath(account) })) });
      if (method === 'POST' && this.#options.manage) {
        checkSameOrigin(req);
        const body = await readJson(req);
        const snapshot = this.addAccount(checkAccountId(body.account));
        return sendJson(res, 201, { account: snapshot.account, phase: snapshot.phase, url: this.accountPath(snapshot.account) });
      }
      throw new HttpError(405, 'ERR_METHOD', this.#options.manage ? 'GET or POST' : 'GET only');
    }
    const id = checkAccountId(decodeSegment(rest[0]));
    const account = this.#accounts.get(id);
    if (!account) throw new HttpError(404, 'ERR_NO_SUCH_ACCOUNT', `no account ${id}`);
    const action = rest.slice(1).join('/');
    if (action === '' && method === 'GET') return sendJson(res, 200, account.snapshot());
    if (action === '' && method === 'DELETE' && this.#options.manage) {
      checkSameOrigin(req);
      await this.removeAccount(id);
      return sendJson(res, 200, { account: id, removed: true });
    }
    if (action === 'events' && method === 'GET') return this.#stream(req, res, account);
    if (method !== 'POST') throw new HttpError(405, 'ERR_METHOD', 'no such action for this method');
    checkSameOrigin(req);
    const body = await readJson(req);
    if (action === 'code') {
      if (typeof body.phone !== 'string' || body.phone.length > 64) throw new HttpError(400, 'ERR_PHONE_NUMBER_NOT_STRING', 'phone must be a string of at most 64 characters');
      const code = await account.requestCode(body.phone);
      return sendJson(res, 200, { code });
    }
    if (action === 'qr') {
      await account.useQr();
      return sendJson(res, 200, { ok: true });
    }
    if (action === 'restart') {
      await account.restart();
      return sendJson(res, 200, { ok: true });
    }
    throw new HttpError(404, 'ERR_NO_SUCH_ACTION', `no action ${action}`);
  }

  // Server-Sent Events: the whole snapshot on every change (small, and a
  // page that reconnects needs nothing else to draw itself).
  #stream(req, res, account) {
    if (account.viewers >= MAX_VIEWERS_PER_ACCOUNT) throw new HttpError(429, 'ERR_TOO_MANY_VIEWERS', 'too many pages open for this account');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no', ...SECURITY_HEADERS });
    const write = (text) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    const event = (name, data) => write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    const onChange = (snapshot) => event('state', snapshot);
    const onRemoved = (reason) => {
      event('removed', { account: account.id, reason });
      res.end();
    };
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    account.on('change', onChange);
    account.once('removed', onRemoved);
    this.#streams.add(res);
    let done = false;
    const cleanup = () => {
      if (done) return;
      done = true;
      clearInterval(heartbeat);
      account.off('change', onChange);
      account.off('removed', onRemoved);
      this.#streams.delete(res);
      account.viewerRemoved();
    };
    res.on('close', cleanup);
    req.on('close', cleanup);
    event('state', account.snapshot());
    account.viewerAdded();
  }

  #indexHtml() {
    const rows = this.accounts()
      .map(({ account, phase, wid }) => {
        const href = `accounts/${encodeURIComponent(account)}/`;
        const what = phase === 'ready' && wid ? `linked as +${escapeHtml(wid.split('@')[0])}` : PHASE_WORDS[phase] || escapeHtml(phase);
        return `<li><a href="${href}">${escapeHtml(account)}</a> <span class="muted">${what}</span></li>`;
      })
      .join('\n');
    return INDEX_TEMPLATE.replace('{{ACCOUNTS}}', rows || '<li class="muted">No accounts yet.</li>');
  }
}

/** Creates a linking server (not yet listening: call `listen()`, or mount `handler`). */
function createLinkServer(options) {
  return new LinkServer(options);
}

module.exports = { createLinkServer, LinkServer, loadQrRenderer };
