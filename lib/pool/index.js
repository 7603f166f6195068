'use strict';
// The session pool (docs/pool.md): `createSessionPool()` runs this worker's share of the pool's
// WhatsApp sessions. Rust (src/pool/, src/pool_node.rs) owns the leases, their timers, placement
// and every Redis read and write; this file carries out what it decides on real clients (start
// one restored from the RemoteAuth store, stop one, back one up) and does the JavaScript-only
// parts: calling the application's Redis client and store, and client methods for pool.call().

const EventEmitter = require('node:events');
const crypto = require('node:crypto');
const path = require('node:path');

const native = require('../native');
const { typed, call } = require('../errors');
const { createRedisBridge } = require('./redis-adapter');
const { createFencedStore } = require('./store');

const DEFAULT_POLL_MS = 250;
const DEFAULT_CALL_TIMEOUT_MS = 30000;
// Event arguments bigger than this are cut (a message with a large body, a chat list).
const MAX_EVENT_JSON = 64 * 1024;

function poolError(code, message, TypeCtor = Error) {
  const error = new TypeCtor(`session pool: ${message}`);
  error.code = code;
  return error;
}

/** JSON of an event's arguments: structures as their fields, nothing the client links to. */
function eventJson(args) {
  let text;
  try {
    text = JSON.stringify(args, (key, value) => {
      if (typeof value === 'bigint') return String(value);
      // Errors (code_error, auth_failure) keep what a reader needs; their fields are not enumerable.
      if (value instanceof Error) return { name: value.name, message: value.message, code: value.code };
      return value;
    });
  } catch (error) {
    text = JSON.stringify([`(arguments not serializable: ${error.message})`]);
  }
  if (text === undefined) text = '[]';
  return text.length > MAX_EVENT_JSON ? JSON.stringify([`(${text.length} bytes of arguments, over ${MAX_EVENT_JSON})`]) : text;
}

/** What a reader of the stream needs of a session that became ready. */
function readyInfo(client) {
  const info = client.info || {};
  return { wid: info.wid && info.wid._serialized, pushname: info.pushname };
}

// What pool.call() may run: the Client's own public methods, nothing internal.
function callable(client, method) {
  return typeof method === 'string' && /^[a-zA-Z][a-zA-Z0-9]*$/.test(method) && method !== 'constructor' && typeof client[method] === 'function';
}

class SessionPool extends EventEmitter {
  #native;
  #options;
  #sessions = new Map(); // account -> { token, client, ready, stopping }
  #pendingCalls = new Map(); // call id -> { resolve, reject, timer }
  #after = { inbox: '0', replies: '0' };
  #poller = null;
  #closed = false;
  #drained;
  #resolveDrained;
  #eventChains = new Map(); // account -> promise: events are appended in order

  constructor(options) {
    super();
    const { redis, store, clientOptions = {}, dataPath, backupSyncIntervalMs = 60000, firstBackupMs = 60000, pollMs = DEFAULT_POLL_MS, callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS, ...core } = options;
    if (!store || ['sessionExists', 'save', 'extract', 'delete'].some((m) => typeof store[m] !== 'function')) {
      throw poolError('ERR_INVALID_OPTION', 'store must be a RemoteAuth store (sessionExists, save, extract and delete): sessions move between workers through it', TypeError);
    }
    if (clientOptions === null || typeof clientOptions !== 'object') throw poolError('ERR_INVALID_OPTION', 'clientOptions must be an object of Client options', TypeError);
    // Each pool client restores its session from the store through its own RemoteAuth.
    if (clientOptions.authStrategy !== undefined) throw poolError('ERR_INVALID_OPTION', 'clientOptions.authStrategy is the pool\'s own (a RemoteAuth on the pool\'s store for each account): leave it out', TypeError);
    if (clientOptions.sharedBrowser) throw poolError('ERR_INVALID_OPTION', 'clientOptions.sharedBrowser cannot be used: its in-memory browser contexts hold no session to back up, and pool sessions move through RemoteAuth backups', TypeError);
    for (const [name, value] of Object.entries({ pollMs, callTimeoutMs })) {
      if (!Number.isInteger(value) || value <= 0) throw poolError('ERR_INVALID_OPTION', `${name} must be a positive integer of milliseconds, not ${JSON.stringify(value)}`, TypeError);
    }
    const bridge = createRedisBridge(redis, { scripts: native.NativePool.scripts(), timeoutMs: core.redisTimeoutMs ?? 2000 });
    this.#options = { store, clientOptions, dataPath: dataPath ?? path.resolve('.wwebjs_pool', String(core.workerId)), backupSyncIntervalMs, firstBackupMs, pollMs, callTimeoutMs };
    this.#drained = new Promise((resolve) => (this.#resolveDrained = resolve));
    this.#native = call(() => new native.NativePool(core, bridge, (kind, payload) => this.#onCore(kind, payload)));
    this.#poll();
  }

  get workerId() {
    return this.#native.workerId;
  }

  /** Sessions this worker runs or is claiming. */
  get load() {
    return this.#native.load();
  }

  /** Adds an account to the pool; the worker with the most room claims it. */
  add(accountId) {
    return call(() => this.#native.addAccount(accountId));
  }

  /**
   * Takes the account out of the pool: no worker claims it again, and its owner stops its session
   * at its next placement sweep, backs it up and releases it (`session_stopped` with 'removed').
   * The backup stays in the store: adding the account again restores it.
   */
  remove(accountId) {
    return call(() => this.#native.removeAccount(accountId));
  }

  accounts() {
    return call(() => this.#native.accounts());
  }

  /** `{ workerId, token }` of the worker running the account now, or null. */
  locate(accountId) {
    return call(() => this.#native.locate(accountId));
  }

  /** The account's Client if this worker runs it, else null. */
  client(accountId) {
    const session = this.#sessions.get(accountId);
    return session && !session.stopping ? session.client : null;
  }

  /** Accounts this worker runs. */
  sessions() {
    return [...this.#sessions].filter(([, s]) => !s.stopping).map(([account]) => account);
  }

  /**
   * Events of an account's clients, on any worker, oldest first: `{ id, token, workerId, event,
   * args }` after the stream id `after` ("0" for all). `token` changes where the session moved.
   */
  async readEvents(accountId, { after = '0', count = 100 } = {}) {
    const entries = await call(() => this.#native.readEvents(accountId, String(after), count));
    return entries.map((e) => ({ ...e, args: JSON.parse(e.args) }));
  }

  /**
   * Calls `listener(event)` for each event of the account's clients as it is recorded, on any
   * worker, from the stream id `after` ("0": from the first one kept), until `stop()`.
   */
  follow(accountId, listener, { after = '0', intervalMs = this.#options.pollMs } = {}) {
    if (typeof listener !== 'function') throw poolError('ERR_INVALID_ARGUMENT', 'listener must be a function', TypeError);
    let position = String(after);
    let timer = null;
    let stopped = false;
    const read = async () => {
      try {
        for (const entry of await this.readEvents(accountId, { after: position, count: 500 })) {
          position = entry.id;
          if (stopped) return;
          listener(entry);
        }
      } catch (error) {
        this.#error(error);
      }
      if (!stopped) timer = setTimeout(read, intervalMs);
    };
    read();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }

  /**
   * Runs `client[method](...args)` on the worker that owns the account, from any worker.
   * Arguments and the result travel as JSON. A call is sent once and never repeated: if the
   * owner changes or dies on the way, it rejects (ERR_SESSION_MOVED or ERR_POOL_CALL_TIMEOUT).
   */
  async call(accountId, method, ...args) {
    if (typeof method !== 'string' || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(method)) throw poolError('ERR_INVALID_ARGUMENT', `method must be a Client method's name, not ${JSON.stringify(method)}`, TypeError);
    let argsJson;
    try {
      argsJson = JSON.stringify(args);
    } catch (error) {
      throw poolError('ERR_INVALID_ARGUMENT', `the arguments of ${method} must be JSON: ${error.message}`, TypeError);
    }
    const owner = await this.locate(accountId);
    if (!owner) throw poolError('ERR_SESSION_MOVED', `no worker runs ${accountId} now (it is starting or moving); try again`);
    if (owner.workerId === this.workerId) return this.#run(accountId, owner.token, method, JSON.parse(argsJson));
    const id = crypto.randomUUID();
    const answered = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pendingCalls.delete(id);
        reject(poolError('ERR_POOL_CALL_TIMEOUT', `${method} on ${accountId} (worker ${owner.workerId}) got no answer within ${this.#options.callTimeoutMs} ms; it may or may not have run`));
      }, this.#options.callTimeoutMs);
      this.#pendingCalls.set(id, { resolve, reject, timer });
    });
    const fields = { id, account: accountId, token: String(owner.token), method, args: argsJson, replyTo: this.workerId };
    await call(() => this.#native.sendMail(owner.workerId, 'inbox', fields)).catch((error) => {
      const pending = this.#pendingCalls.get(id);
      if (pending) {
        clearTimeout(pending.timer);
        this.#pendingCalls.delete(id);
        pending.reject(error);
      }
    });
    return answered;
  }

  /** Changes how many sessions this worker runs; a cut hands the surplus over. */
  setCapacity(capacity) {
    return call(() => this.#native.setCapacity(capacity));
  }

  /**
   * Hands every session over (stop, back up, release: others claim them at once), leaves the
   * registry and stops. Resolves when nothing of the pool runs here any more.
   */
  async shutdown() {
    if (!this.#closed) {
      this.#closed = true;
      call(() => this.#native.shutdown());
    }
    await this.#drained;
  }

  // ---- what the core decides -------------------------------------------------------------

  #onCore(kind, payload) {
    const handlers = {
      start: () => this.#start(payload.account, payload.token),
      stop: () => this.#stop(payload.account, payload.token, payload.reason),
      backup: () => this.#backup(payload.account, payload.token),
      fault: () => this.emit('fault', poolError('ERR_POOL_FAULT', payload.message)),
      drained: () => this.#onDrained(),
    };
    const handler = handlers[kind];
    if (handler) {
      Promise.resolve()
        .then(handler)
        .catch((error) => this.#error(error));
    }
  }

  #error(error) {
    if (this.listenerCount('error') > 0) this.emit('error', typed(error));
    else process.emitWarning(`whatsapp-web-rs session pool: ${error && error.message}`, { code: 'WWRS_POOL' });
  }

  #clientFor(account, token) {
    // Required here: the package's index requires nothing of the pool.
    const { Client, RemoteAuth } = require('../..');
    const store = createFencedStore({ pool: this.#native, store: this.#options.store, account, token });
    const authStrategy = new RemoteAuth({
      store,
      clientId: account,
      dataPath: this.#options.dataPath,
      backupSyncIntervalMs: this.#options.backupSyncIntervalMs,
      initialBackupDelayMs: this.#options.firstBackupMs,
    });
    // Never take a session back from another device: the one that took it over is the new
    // owner, and a paused worker waking up must not fight it (docs/pool.md, "Guarantees").
    return { client: new Client({ ...this.#options.clientOptions, authStrategy, takeoverOnConflict: false }), authStrategy, store };
  }

  async #start(account, token) {
    const previous = this.#sessions.get(account);
    // A client of an earlier claim still stopping holds the profile: wait for it.
    if (previous && previous.stopped) await previous.stopped;
    let made;
    try {
      made = this.#clientFor(account, token);
    } catch (error) {
      // Options only the Client constructor refuses: the lease goes back (another worker, or this
      // one after a rest, tries again) instead of being held by a client that does not exist.
      this.#failed(account, error);
      return;
    }
    const { client, authStrategy, store } = made;
    const session = { token, client, authStrategy, store, stopping: false, stopped: null };
    this.#sessions.set(account, session);
    // Every event of the client goes to the account's stream, in order. The pool's own entries
    // (`pool:started`, `pool:ready` with the account's wid) tell readers where a session began.
    const emit = client.emit.bind(client);
    client.emit = (event, ...args) => {
      if (typeof event === 'string' && !event.startsWith('__')) {
        if (event === 'ready') this.#record(account, 'pool:ready', [readyInfo(client)]);
        this.#record(account, event, args);
      }
      return emit(event, ...args);
    };
    client.on('qr', (qr) => this.emit('qr', account, qr));
    client.on('ready', () => this.emit('ready', account, client));
    client.on('remote_session_saved', () => this.emit('backup', account));
    // A session that ended here (logged out from the phone, refused) stays this worker's: it
    // starts a fresh login for the account, which the linking page shows.
    client.on('disconnected', () => this.#restart(account, session));
    client.on('auth_failure', () => this.#restart(account, session));
    this.#record(account, 'pool:started', [{ workerId: this.workerId }]);
    this.emit('session_started', account, client);
    try {
      await client.initialize();
    } catch (error) {
      if (session.stopping) return;
      // It could not start (no browser, a crash at start, a restore that failed): destroyed, and
      // the lease given back without a backup, so the account does not sit on a dead client.
      session.stopping = true;
      session.stopped = client.destroy().catch(() => {});
      await session.stopped;
      this.#forget(account, session);
      this.#failed(account, error);
    }
  }

  /** A client that could not start: the core gives the lease back and steers placement elsewhere. */
  #failed(account, error) {
    this.emit('session_stopped', account, 'failed');
    this.#error(error);
    call(() => this.#native.clientFailed(account)).catch((e) => this.#error(e));
  }

  async #restart(account, session) {
    if (session.stopping || this.#sessions.get(account) !== session) return;
    session.stopping = true;
    session.stopped = session.client.destroy().catch((error) => this.#error(error));
    await session.stopped;
    if (this.#sessions.get(account) === session && this.#native.mayAct(account) === session.token) {
      this.emit('session_stopped', account, 'ended');
      await this.#start(account, session.token);
    }
  }

  #record(account, event, args) {
    const json = eventJson(args);
    const chain = (this.#eventChains.get(account) || Promise.resolve())
      .then(() => this.#native.appendEvent(account, event, json))
      .catch((error) => this.#error(error));
    this.#eventChains.set(account, chain);
  }

  async #stop(account, token, reason) {
    const session = this.#sessions.get(account);
    // A hand-over and a removal back the stopped session up, then release it.
    const backsUp = reason === 'hand-over' || reason === 'removed';
    if (!session || session.token !== token) {
      if (backsUp) this.#native.clientStopped(account);
      return;
    }
    session.stopping = true;
    session.stopped = session.client.destroy().catch((error) => this.#error(error));
    await session.stopped;
    this.emit('session_stopped', account, reason);
    // A hand-over backs the closed profile up next; the session stays known until then.
    if (backsUp) this.#native.clientStopped(account);
    else this.#forget(account, session);
  }

  async #backup(account, token) {
    const session = this.#sessions.get(account);
    let ok = false;
    try {
      if (!session || session.token !== token) throw poolError('ERR_INTERNAL', `no stopped client of ${account} under token ${token} to back up`);
      await call(() => native.backupRemoteSession(session.authStrategy.toNative(), session.authStrategy.storeBridge()));
      ok = true;
      this.emit('backup', account);
    } catch (error) {
      // The last committed backup stays the one restored (docs/pool.md, "Crash during a backup").
      this.#error(error);
    } finally {
      if (session) this.#forget(account, session);
    }
    this.#native.backupDone(account, ok);
  }

  #forget(account, session) {
    if (this.#sessions.get(account) === session) this.#sessions.delete(account);
    this.#eventChains.delete(account);
  }

  #onDrained() {
    clearTimeout(this.#poller);
    this.#poller = null;
    for (const [id, pending] of this.#pendingCalls) {
      clearTimeout(pending.timer);
      pending.reject(poolError('ERR_POOL_CLOSED', 'the pool shut down before the answer came'));
      this.#pendingCalls.delete(id);
    }
    this.emit('drained');
    this.#resolveDrained();
  }

  // ---- pool.call() ------------------------------------------------------------------------

  async #run(account, token, method, args) {
    const session = this.#sessions.get(account);
    if (!session || session.stopping || this.#native.mayAct(account) !== token) {
      throw poolError('ERR_SESSION_MOVED', `${account} is not run by worker ${this.workerId} under token ${token} any more; locate it and try again`);
    }
    if (!callable(session.client, method)) throw poolError('ERR_INVALID_ARGUMENT', `${method} is not a Client method`, TypeError);
    const result = await session.client[method](...args);
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  }

  #poll() {
    if (this.#closed && this.#pendingCalls.size === 0 && this.#poller === null && this.#native.load() === 0) return;
    this.#poller = setTimeout(async () => {
      try {
        const mail = await call(() => this.#native.readMail(this.#after.inbox, this.#after.replies));
        for (const entry of mail.inbox) {
          this.#after.inbox = entry.id;
          this.#answer(entry.fields);
        }
        for (const entry of mail.replies) {
          this.#after.replies = entry.id;
          this.#onReply(entry.fields);
        }
      } catch (error) {
        this.#error(error);
      }
      if (this.#poller !== null) this.#poll();
    }, this.#options.pollMs);
  }

  async #answer(request) {
    const { id, account, token, method, args, replyTo } = request;
    if (!id || !replyTo) return;
    let fields;
    try {
      const result = await this.#run(account, Number(token), method, JSON.parse(args));
      fields = { id, ok: '1', result: result === undefined ? '' : JSON.stringify(result) };
    } catch (error) {
      const e = typed(error);
      fields = { id, ok: '0', code: String(e.code || 'ERR_POOL_CALL'), message: String(e.message), type: e instanceof TypeError ? 'TypeError' : 'Error' };
    }
    await call(() => this.#native.sendMail(replyTo, 'replies', fields)).catch((error) => this.#error(error));
  }

  #onReply(reply) {
    const pending = this.#pendingCalls.get(reply.id);
    if (!pending) return;
    this.#pendingCalls.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok === '1') {
      pending.resolve(reply.result === '' ? undefined : JSON.parse(reply.result));
    } else {
      const error = reply.type === 'TypeError' ? new TypeError(reply.message) : new Error(reply.message);
      error.code = reply.code;
      pending.reject(error);
    }
  }
}

/**
 * One worker of a session pool on Redis (docs/pool.md).
 * @param {object} options
 * @param {object} options.redis - the application's ioredis or node-redis v4+ client, connected
 * @param {string} options.workerId - unique in the pool
 * @param {number} options.capacity - sessions this worker may run
 * @param {object} options.store - a RemoteAuth store, shared by all workers
 * @param {object} [options.clientOptions] - options of every Client (authStrategy is the pool's)
 */
function createSessionPool(options) {
  if (!options || typeof options !== 'object') throw poolError('ERR_INVALID_OPTION', 'createSessionPool needs an options object', TypeError);
  return new SessionPool(options);
}

module.exports = { createSessionPool, SessionPool };
