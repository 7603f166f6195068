'use strict';
// The linking page on a session pool (`createLinkServer({ pool })`, docs/pool.md): an account's
// client may run on any worker, so the page's account follows the account's event stream in
// Redis instead of a Client of its own, and its actions (a pairing code, back to QR) go to the
// owner with pool.call(). To the page's Account (account.js) it looks like a Client: the same
// events, the same two methods, `info` once ready.

const EventEmitter = require('events');

// Events of the stream the page draws; the others (messages, acks, ...) are not its business.
const LOGIN_EVENTS = new Set(['qr', 'code', 'code_error', 'authenticated', 'loading_screen', 'ready', 'auth_failure', 'disconnected']);
const DEFAULT_POLL_MS = 200;
const PAGE = 500;

class PoolAccountClient extends EventEmitter {
  #pool;
  #id;
  #pollMs;
  #after = '0';
  #timer = null;
  #stopped = false;

  constructor(pool, accountId, { pollMs = DEFAULT_POLL_MS } = {}) {
    super();
    this.#pool = pool;
    this.#id = accountId;
    this.#pollMs = pollMs;
    this.info = null;
  }

  /**
   * Starts following the stream from the current session's beginning (its last `pool:started`):
   * what happened before belongs to an earlier login, on this worker or another.
   */
  async initialize() {
    let entries = [];
    for (;;) {
      const page = await this.#pool.readEvents(this.#id, { after: this.#after, count: PAGE });
      if (page.length === 0) break;
      entries = entries.concat(page);
      this.#after = page[page.length - 1].id;
      if (page.length < PAGE) break;
    }
    let start = -1;
    entries.forEach((e, i) => {
      if (e.event === 'pool:started') start = i;
    });
    for (const entry of entries.slice(Math.max(start, 0))) this.#apply(entry);
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped) return;
    this.#timer = setTimeout(async () => {
      try {
        const page = await this.#pool.readEvents(this.#id, { after: this.#after, count: PAGE });
        for (const entry of page) {
          this.#after = entry.id;
          if (this.#stopped) return;
          this.#apply(entry);
        }
      } catch {
        // Redis hiccup: the next poll reads on from the same place.
      }
      this.#schedule();
    }, this.#pollMs);
  }

  #apply({ event, args }) {
    if (event === 'pool:ready') {
      const [{ wid, pushname } = {}] = args;
      this.info = { wid: { _serialized: wid }, pushname };
      return;
    }
    if (event === 'pool:started') {
      this.info = null;
      return;
    }
    if (!LOGIN_EVENTS.has(event)) return;
    if (event === 'code_error') {
      const [error = {}] = args;
      this.emit(event, Object.assign(new Error(error.message || 'the pairing code could not be refreshed'), { code: error.code }));
      return;
    }
    this.emit(event, ...args);
  }

  requestPairingCode(...args) {
    return this.#pool.call(this.#id, 'requestPairingCode', ...args.filter((a) => a !== undefined));
  }

  cancelPairingCode() {
    return this.#pool.call(this.#id, 'cancelPairingCode');
  }

  /** Stops following the stream; the session itself runs on in the pool. */
  async destroy() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}

module.exports = { PoolAccountClient };
