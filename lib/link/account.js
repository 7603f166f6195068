'use strict';
// One account of the linking server: its Client, the state the page draws
// (a snapshot, sent whole over SSE on every change), and its lifetime.
//
// Lifetime: the client starts when the account is added and lives until the
// account is removed or the server closes. While the account is not linked,
// it is also stopped when no page has been watching it for `idleTimeoutMs`
// (a tab closed mid-login must not keep a browser context and a stream of
// QR refs alive forever); the next page that opens it starts a fresh one.
// A linked client is never stopped for idleness: it is the session the
// application goes on to use.
const EventEmitter = require('events');

/** Phases the page knows how to draw. */
const PHASES = new Set(['starting', 'qr', 'code', 'loading', 'ready', 'disconnected', 'auth_failure', 'failed', 'stopped']);
// Phases with a running login that a page may act on.
const LOGIN_PHASES = new Set(['starting', 'qr', 'code']);
// Phases without a client (destroyed, or stopped for idleness): the only ones
// "Start again" may act in. A linked account or a login under way is never
// restarted from the page: whoever can reach the page could otherwise end the
// owner's session and link their own phone under the owner's account id.
const ENDED_PHASES = new Set(['disconnected', 'auth_failure', 'failed', 'stopped']);

function errorBody(error) {
  return { code: (error && error.code) || 'ERR_INTERNAL', message: String((error && error.message) || error) };
}

class Account extends EventEmitter {
  #createClient;
  #renderQr;
  #idleTimeoutMs;
  #idleTimer = null;
  #viewers = 0;
  #qrSeq = 0;
  #removed = false;

  /**
   * @param {string} id
   * @param {{ createClient: (id: string) => import('../..').Client, renderQr: (text: string) => Promise<string>, idleTimeoutMs: number }} deps
   */
  constructor(id, { createClient, renderQr, idleTimeoutMs }) {
    super();
    this.id = id;
    this.#createClient = createClient;
    this.#renderQr = renderQr;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.client = null;
    this.state = { phase: 'stopped' };
  }

  get removed() {
    return this.#removed;
  }

  /** What the page is sent: everything it needs to draw itself, nothing more. */
  snapshot() {
    return { account: this.id, ...this.state };
  }

  #set(patch, replace = false) {
    this.state = replace ? { ...patch } : { ...this.state, ...patch };
    if (!PHASES.has(this.state.phase)) throw new Error(`unknown phase ${this.state.phase}`);
    this.emit('change', this.snapshot());
    this.#armIdleTimer();
  }

  /** Starts a client (a no-op while one runs). */
  start() {
    if (this.#removed || this.client) return;
    let client;
    try {
      client = this.#createClient(this.id);
    } catch (error) {
      // A bad option is the application's mistake; the page says it in words.
      this.#set({ phase: 'failed', error: errorBody(error) }, true);
      return;
    }
    this.client = client;
    this.#set({ phase: 'starting' }, true);
    // Events from a client this account has since let go of are ignored.
    const current = (fn) => (...args) => {
      if (this.client === client) fn(...args);
    };
    client.on('qr', current((qr) => this.#showQr(qr)));
    // A QR still being drawn when the client moved on must not be shown after it.
    const movedOn = () => this.#qrSeq++;
    client.on('code', current((code) => {
      movedOn();
      this.#set({ phase: 'code', code, qrSvg: undefined, error: undefined });
    }));
    // A failed automatic code refresh: the client goes back to QR login by itself.
    client.on('code_error', current((error) => this.#set({ error: errorBody(error), code: undefined })));
    client.on('authenticated', current(() => {
      movedOn();
      this.#set({ phase: 'loading', percent: 0, qrSvg: undefined, code: undefined, error: undefined });
    }));
    client.on('loading_screen', current((percent, message) => {
      if (this.state.phase === 'ready') return;
      movedOn();
      this.#set({ phase: 'loading', percent: clampPercent(percent), message: typeof message === 'string' ? message : undefined });
    }));
    client.on('ready', current(() => {
      const info = client.info || {};
      const wid = info.wid || {};
      this.#set({ phase: 'ready', wid: typeof wid._serialized === 'string' ? wid._serialized : undefined, pushname: typeof info.pushname === 'string' ? info.pushname : undefined }, true);
      this.emit('ready', client);
    }));
    client.on('auth_failure', current((message) => this.#end({ phase: 'auth_failure', message: String(message || '') })));
    client.on('disconnected', current((reason) => this.#end({ phase: 'disconnected', reason: String(reason || '') })));
    this.emit('client', client);
    client.initialize().catch(current((error) => this.#end({ phase: 'failed', error: errorBody(error) })));
  }

  async #showQr(qr) {
    // Renders can finish out of order; only the newest QR may be shown.
    const seq = ++this.#qrSeq;
    let svg;
    try {
      svg = await this.#renderQr(qr);
    } catch (error) {
      // A QR that cannot be drawn makes the login useless: end it, freeing the browser context.
      if (seq === this.#qrSeq && this.client) this.#end({ phase: 'failed', error: errorBody(error) });
      return;
    }
    if (seq !== this.#qrSeq || !this.client || !LOGIN_PHASES.has(this.state.phase)) return;
    this.#set({ phase: 'qr', qrSvg: svg, code: undefined });
  }

  /** The login ended (logged out, refused, the browser gone): free the browser context at once. */
  #end(state) {
    const client = this.client;
    this.client = null;
    this.#qrSeq++;
    this.#set(state, true);
    if (client) client.destroy().catch(() => {});
  }

  /** Destroys the client; resolves when its browser context is gone. */
  async stop(phase = 'stopped') {
    const client = this.client;
    this.client = null;
    this.#qrSeq++;
    if (!this.#removed) this.#set({ phase }, true);
    if (client) await client.destroy().catch(() => {});
  }

  /** "Start again": a fresh client, once the last one ended. ERR_ACCOUNT_NOT_ENDED (nothing changes) while one is linked or logging in. */
  async restart() {
    if (!ENDED_PHASES.has(this.state.phase)) {
      const error = new Error(`account ${this.id} is ${this.state.phase === 'ready' ? 'linked' : `logging in (${this.state.phase})`}: only an ended login can start again`);
      error.code = 'ERR_ACCOUNT_NOT_ENDED';
      throw error;
    }
    await this.stop();
    this.start();
  }

  /** `reason`: 'removed' or 'server-closed', for the pages. */
  async remove(reason = 'removed') {
    this.#removed = true;
    clearTimeout(this.#idleTimer);
    this.emit('removed', reason);
    await this.stop();
  }

  /** requestPairingCode on the running client; rejects with the library's typed error. */
  async requestCode(phone) {
    const client = this.#loginClient();
    // The answer (a code or a typed error) goes back to the caller; the
    // snapshot only keeps errors nobody asked for (code_error).
    if (this.state.error) this.#set({ error: undefined });
    return client.requestPairingCode(phone);
  }

  /** cancelPairingCode: resolves after the fresh QR was emitted (and is being drawn). */
  async useQr() {
    const client = this.#loginClient();
    if (this.state.error) this.#set({ error: undefined });
    await client.cancelPairingCode();
  }

  #loginClient() {
    if (!this.client || !LOGIN_PHASES.has(this.state.phase)) {
      const error = new Error(`account ${this.id} is not waiting for a login (${this.state.phase})`);
      error.code = 'ERR_ACCOUNT_NOT_LOGGING_IN';
      throw error;
    }
    return this.client;
  }

  /** A page started watching: a stopped login starts again. */
  viewerAdded() {
    this.#viewers++;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.state.phase === 'stopped') this.start();
  }

  viewerRemoved() {
    this.#viewers = Math.max(0, this.#viewers - 1);
    this.#armIdleTimer();
  }

  get viewers() {
    return this.#viewers;
  }

  // Runs while a login is under way and nobody watches it.
  #armIdleTimer() {
    const wanted = !this.#removed && this.#viewers === 0 && this.client && LOGIN_PHASES.has(this.state.phase);
    if (!wanted) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
      return;
    }
    if (this.#idleTimer) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#viewers === 0 && LOGIN_PHASES.has(this.state.phase)) {
        this.emit('idle');
        this.stop().catch(() => {});
      }
    }, this.#idleTimeoutMs);
    this.#idleTimer.unref();
  }
}

function clampPercent(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, Math.round(n))) : 0;
}

module.exports = { Account, ENDED_PHASES, errorBody };
