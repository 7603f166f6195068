'use strict';
// The JavaScript face of whatsapp-web-rs. Everything with logic in it lives in
// Rust (src/); this file only does what N-API cannot: inherit from
// EventEmitter, and turn native errors into Error/TypeError objects with a
// stable `code`.
const EventEmitter = require('events');
const native = require('./lib/native');
const constants = require('./lib/constants');
const structures = require('./lib/structures');
const { accountCall } = require('./lib/structures/Base');
const { createChat } = require('./lib/structures/Chat');
const { createContact } = require('./lib/structures/Contact');
const { connectPuppeteer } = require('./lib/puppeteer');
const { addAccountMethods } = require('./lib/client');
const InterfaceController = require('./lib/structures/InterfaceController');
const { isCustomStrategy, StrategyHooks } = require('./lib/auth/custom');
const { typed, call } = require('./lib/errors');

// How long `ready` waits for puppeteer to attach (pupPage) before it is emitted anyway.
const PUPPETEER_ATTACH_WAIT_MS = 15000;

// Events the page reports only while the application listens to them: each costs
// page work per change (unread_count reads the whole chat on every incoming message).
const OPTIONAL_EVENTS = ['unread_count'];

// Events whose first argument is a message (src/account/mod.rs AccountEmit).
const MESSAGE_EVENTS = new Set(['message', 'message_create', 'message_ack', 'message_edit', 'message_revoke_me', 'message_ciphertext', 'message_ciphertext_failed', 'media_uploaded']);
// Turns the native arguments of the other account events into structures.
const ACCOUNT_EVENT_ARGS = {
  message_revoke_everyone: (client, [now, before]) => [new structures.Message(client, now), before ? new structures.Message(client, before) : undefined],
  message_reaction: (client, [reaction]) => [new structures.Reaction(client, reaction)],
  vote_update: (client, [vote]) => [new structures.PollVote(client, vote)],
  chat_archived: (client, [chat, now, before]) => [createChat(client, chat), now, before],
  unread_count: (client, [chat]) => [createChat(client, chat)],
  chat_removed: (client, [chat]) => [createChat(client, chat)],
  call: (client, [call]) => [new structures.Call(client, call)],
  contact_changed: (client, [message, oldId, newId, isContact]) => [new structures.Message(client, message), oldId, newId, isContact],
};
for (const name of ['group_join', 'group_leave', 'group_admin_changed', 'group_membership_request', 'group_update']) {
  ACCOUNT_EVENT_ARGS[name] = (client, [notification]) => [new structures.GroupNotification(client, notification)];
}

// After `ready`, once per WhatsApp Web internal the page lacks (src/session/events.rs).
const PAGE_CHANGED_WARNING = '__wwrs_page_changed';
// A custom strategy's onAuthenticationNeeded() failed: auth_failure with its payload.
const STRATEGY_AUTH_FAILURE = '__wwrs_strategy_auth_failure';

// Options cross N-API as JSON. Values JSON cannot hold are kept visible as
// marker strings, so the native parser names them instead of N-API failing
// on them (or JSON silently dropping them).
function jsonSafe(value) {
  try {
    return JSON.parse(
      JSON.stringify(value, (_key, v) => {
        if (typeof v === 'function') return '[function]';
        if (typeof v === 'bigint') return `[bigint ${v}]`;
        if (typeof v === 'symbol') return '[symbol]';
        if (typeof v === 'number' && !Number.isFinite(v)) return `[number ${v}]`;
        return v;
      }) ?? 'null'
    );
  } catch (error) {
    const e = new TypeError(`options cannot be read: ${error.message}`);
    e.code = 'ERR_INVALID_OPTION';
    throw e;
  }
}

// whatsapp-web.js's AuthStrategy: subclasses override the hooks they need (lib/auth/custom.js).
class BaseAuthStrategy {
  setup(client) {
    this.client = client;
  }
  async beforeBrowserInitialized() {}
  async afterBrowserInitialized() {}
  async onAuthenticationNeeded() {
    return { failed: false, restart: false, failureEventPayload: undefined };
  }
  async getAuthEventPayload() {}
  async afterAuthReady() {}
  async disconnect() {}
  async destroy() {}
  async logout() {}
}

class NoAuth extends BaseAuthStrategy {
  toNative() {
    return { type: 'none' };
  }
}

class LocalAuth extends BaseAuthStrategy {
  constructor(options = {}) {
    super();
    const descriptor = call(() => native.localAuthDescriptor(jsonSafe(options)));
    this.clientId = descriptor.clientId ?? undefined;
    this.dataPath = descriptor.dataPath;
    this.rmMaxRetries = descriptor.rmMaxRetries;
    this.userDataDir = descriptor.userDataDir;
    Object.defineProperty(this, 'descriptor', { value: descriptor });
  }
  toNative() {
    return this.descriptor;
  }
}

const STORE_METHODS = ['sessionExists', 'save', 'extract', 'delete'];

class RemoteAuth extends BaseAuthStrategy {
  constructor(options = {}) {
    super();
    const { store, ...rest } = options || {};
    // Rust checks the options; it only needs to know which store methods exist.
    const storeMethods = store ? STORE_METHODS.filter((m) => typeof store[m] === 'function') : [];
    const descriptor = call(() => native.remoteAuthDescriptor(jsonSafe({ ...rest, storeMethods })));
    this.store = store;
    this.clientId = descriptor.clientId ?? undefined;
    this.dataPath = descriptor.dataPath;
    this.backupSyncIntervalMs = descriptor.backupSyncIntervalMs;
    this.rmMaxRetries = descriptor.rmMaxRetries;
    this.userDataDir = descriptor.userDataDir;
    Object.defineProperty(this, 'descriptor', { value: descriptor });
  }
  toNative() {
    return this.descriptor;
  }
  /**
   * How the native side calls the store: always a promise, even if a method
   * throws; only the truth of sessionExists() matters, other results are not
   * needed (and may not be JSON at all, e.g. a database document).
   */
  storeBridge() {
    return (method, args) =>
      Promise.resolve()
        .then(() => this.store[method](args))
        .then((result) => (method === 'sessionExists' ? Boolean(result) : null));
  }
}

// Strategies built with whatsapp-web.js's own classes are accepted too, so a
// half-migrated program keeps its session folder.
function nativeAuth(strategy) {
  if (strategy == null) return { type: 'none' };
  if (typeof strategy.toNative === 'function') return strategy.toNative();
  const name = strategy.constructor && strategy.constructor.name;
  if (name === 'NoAuth') return { type: 'none' };
  if (name === 'LocalAuth') return new LocalAuth({ clientId: strategy.clientId, dataPath: strategy.dataPath, rmMaxRetries: strategy.rmMaxRetries }).toNative();
  if (isCustomStrategy(strategy)) return { type: 'custom' };
  return strategy; // the native side names what is wrong with it
}

class Client extends EventEmitter {
  #native;
  /** Relay number -> puppeteer transport (#relayTransport). */
  #relays = new Map();
  #pending = new Map();
  #nextCall = 0;
  #running = false;
  // While puppeteer attaches (lib/puppeteer.js): resolves when it has, or has given up.
  #attaching = null;
  // Deliveries from `ready` on, held back until pupPage is there: whatsapp-web.js has
  // pupPage before `ready`, and its example.js uses it in its `ready` handler.
  #held = null;
  /** A custom auth strategy's hooks (lib/auth/custom.js); null for the built-in ones. */
  #hooks = null;
  #loggingOut = false;
  // Holds the process open while a call is pending or the client runs, as
  // puppeteer's socket does for whatsapp-web.js; unref'd otherwise so a
  // finished program exits.
  #keepAlive = setInterval(() => {}, 2 ** 30);

  constructor(options = {}) {
    super();
    this.#keepAlive.unref();
    const given = options ?? {};
    this.options = {
      ...constants.DefaultOptions,
      ...given,
      puppeteer: { ...constants.DefaultOptions.puppeteer, ...(given.puppeteer || {}) },
    };
    this.authStrategy = given.authStrategy || new NoAuth();
    if (typeof this.authStrategy.setup === 'function') this.authStrategy.setup(this);
    this.info = undefined;
    /** puppeteer's Browser and Page on this client's Chromium, once initialize() resolved (puppeteer installed). */
    this.pupBrowser = null;
    this.pupPage = null;
    const forNative = typeof given === 'object' ? { ...given, authStrategy: nativeAuth(given.authStrategy) } : given;
    if (forNative && forNative.authStrategy && forNative.authStrategy.type === 'custom') this.#hooks = new StrategyHooks(this, this.authStrategy);
    // evalOnNewDoc is the user's own code for the page: a function runs as a call of it, as in puppeteer.
    if (typeof given.evalOnNewDoc === 'function') forNative.evalOnNewDoc = `(${given.evalOnNewDoc})();`;
    this.#native = call(() => new native.NativeClient(jsonSafe(forNative), this.#deliver));
    this.#watchListeners();
  }

  // Tells the native side which optional events have listeners, as the first one
  // comes and the last one goes ('newListener' fires before the listener is added).
  #onNewListener = (event) => {
    if (OPTIONAL_EVENTS.includes(event) && this.listenerCount(event) === 0) this.#tellListening(event);
  };
  #onRemoveListener = (event) => {
    if (OPTIONAL_EVENTS.includes(event) && this.listenerCount(event) === 0) this.#tellListening();
  };
  #watchListeners() {
    if (!this.listeners('newListener').includes(this.#onNewListener)) this.on('newListener', this.#onNewListener);
    if (!this.listeners('removeListener').includes(this.#onRemoveListener)) this.on('removeListener', this.#onRemoveListener);
  }
  #tellListening(adding) {
    call(() => this.#native.setListening(OPTIONAL_EVENTS.filter((e) => e === adding || this.listenerCount(e) > 0)));
  }

  // removeAllListeners() also takes our two watchers away: put them back.
  removeAllListeners(...args) {
    super.removeAllListeners(...args);
    this.#watchListeners();
    this.#tellListening();
    return this;
  }

  // Everything native arrives here, in the order the session decided it:
  // events, call answers (so a call's own event always comes before it
  // settles), and "closed".
  #deliver = (kind, payload) => {
    if (kind !== 'devtools' && this.#holdBack(kind, payload)) return;
    if (kind === 'event') {
      const event = payload[0];
      const args = JSON.parse(payload[1]);
      if (event === PAGE_CHANGED_WARNING) {
        // Not an event of the client: a process warning, once per missing internal.
        process.emitWarning(args[0].message, { code: 'WWRS_PAGE_CHANGED', detail: `features: ${args[0].features.join(', ')}` });
      } else if (event === 'ready') {
        const info = args[0] || {};
        this.info = new structures.ClientInfo(this, { pushname: info.pushname, wid: info.wid, platform: info.platform });
        this.interface = new InterfaceController(this);
        this.emit('ready');
        if (this.#hooks) this.#hooks.notify('afterAuthReady');
      } else if (this.#hooks && event === 'authenticated') {
        this.emit('authenticated', this.#hooks.authEventPayload);
      } else if (event === STRATEGY_AUTH_FAILURE) {
        this.emit('auth_failure', this.#hooks && this.#hooks.failureEventPayload);
      } else if (this.#hooks && event === 'disconnected') {
        // As whatsapp-web.js: disconnect() before a socket-state disconnect is told,
        // logout() after a logout from the phone (client.logout() calls it itself).
        if (args[0] !== 'LOGOUT') this.#hooks.notify('disconnect');
        this.emit(event, ...args);
        if (args[0] === 'LOGOUT' && !this.#loggingOut) this.#hooks.notify('logout');
      } else if (MESSAGE_EVENTS.has(event)) {
        this.emit(event, new structures.Message(this, args[0]), ...args.slice(1));
      } else if (ACCOUNT_EVENT_ARGS[event]) {
        this.emit(event, ...ACCOUNT_EVENT_ARGS[event](this, args));
      } else {
        this.emit(event, ...args);
      }
    } else if (kind === 'reply' || kind === 'reply-json') {
      const [id, ok, value] = kind === 'reply' ? payload : [payload[0], true, JSON.parse(payload[1])];
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (pending) ok ? pending.resolve(value) : pending.reject(typed(new Error(value)));
    } else if (kind === 'devtools') {
      const [relay, message] = payload;
      const transport = this.#relays.get(relay);
      if (transport && message === null) this.#relays.delete(relay);
      if (transport) transport.receive(message);
      return; // relay traffic changes nothing the process waits for
    } else if (kind === 'closed') {
      this.#running = false;
      this.#releasePuppeteer();
    }
    this.#holdProcess();
  };

  // True when this delivery waits for puppeteer: `ready` while it attaches, and everything
  // after it, in order (a call's own event still comes before it settles). Relay traffic and
  // the answer the attach itself waits for pass.
  #holdBack(kind, payload) {
    if (this.#held === null) {
      if (!(this.#attaching && kind === 'event' && payload[0] === 'ready')) return false;
      this.#held = [];
      this.#attaching.then(() => {
        const held = this.#held || [];
        this.#held = null;
        for (const [k, p] of held) this.#deliver(k, p);
      });
    } else if (kind === 'reply' && this.#pending.get(payload[0])?.forAttach) {
      return false;
    }
    this.#held.push([kind, payload]);
    return true;
  }

  #holdProcess() {
    if (this.#running || this.#pending.size > 0) this.#keepAlive.ref();
    else this.#keepAlive.unref();
  }

  #call(method, ...args) {
    return this.#callAs({}, method, ...args);
  }

  #callAs(how, method, ...args) {
    return new Promise((resolve, reject) => {
      const id = ++this.#nextCall;
      this.#pending.set(id, { resolve, reject, forAttach: Boolean(how.forAttach) });
      try {
        this.#native[method](id, ...args);
      } catch (error) {
        this.#pending.delete(id);
        reject(typed(error));
      }
      this.#holdProcess();
    });
  }

  /** Starts Chromium, opens WhatsApp Web and begins the login. */
  async initialize() {
    const hooks = this.#hooks;
    if (hooks) await hooks.beforeBrowserInitialized();
    this.#running = true;
    if (hooks) {
      const answer = await this.#call('initialize', hooks.bridge(), hooks.userDataDir()).catch(async (error) => {
        // A hook that threw or did not answer: initialize() settles once Chromium is closed.
        if (error && error.code === 'ERR_AUTH_STRATEGY') await this.#call('destroy').catch(() => {});
        throw error;
      });
      // onAuthenticationNeeded() answered `failed`: as whatsapp-web.js, destroy and maybe start again.
      if (answer && answer.authFailed) {
        await this.destroy();
        if (answer.restart) return this.initialize();
        return;
      }
    } else {
      const store = typeof this.authStrategy.storeBridge === 'function' ? this.authStrategy.storeBridge() : null;
      await this.#call('initialize', store);
    }
    await this.#attachPuppeteer();
  }

  // pupBrowser / pupPage (lib/puppeteer.js). A failure here does not fail the
  // login, which is running: it is reported as a process warning.
  async #attachPuppeteer() {
    const attach = this.#connectPuppeteer();
    // `ready` waits for pupPage, but not for ever: a puppeteer that hangs costs it only
    // pupPage (the attach goes on, and sets it if it gets there).
    let timer;
    const bounded = Promise.race([attach, new Promise((resolve) => (timer = setTimeout(resolve, PUPPETEER_ATTACH_WAIT_MS)))]);
    this.#attaching = bounded.finally(() => clearTimeout(timer));
    try {
      await this.#attaching;
    } finally {
      this.#attaching = null;
    }
  }

  async #connectPuppeteer() {
    let devTools;
    try {
      devTools = await this.#callAs({ forAttach: true }, 'devTools');
    } catch {
      return; // destroyed while initialize() ran: nothing to attach to
    }
    try {
      const attached = await connectPuppeteer(devTools, (relay) => this.#relayTransport(relay));
      if (!attached) return;
      if (!this.#running) return void attached.browser.disconnect().catch(() => {});
      this.pupBrowser = attached.browser;
      this.pupPage = attached.page;
    } catch (error) {
      process.emitWarning(`whatsapp-web-rs: client.pupPage is not available: ${error && error.message}`, { code: 'WWRS_PUPPETEER' });
    }
  }

  // puppeteer's ConnectionTransport over relay `relay` of our browser's
  // DevTools pipe (src/browser/devtools_pipe.rs): there is no port to connect to.
  #relayTransport(relay) {
    const native = this.#native;
    const relays = this.#relays;
    let open = true;
    const transport = {
      onmessage: undefined,
      onclose: undefined,
      send(message) {
        if (open) native.devToolsSend(relay, message);
      },
      close() {
        if (!open) return;
        open = false;
        relays.delete(relay);
        native.devToolsClose(relay);
        if (transport.onclose) transport.onclose();
      },
      // From #deliver: a message, or null when the relay closed.
      receive(message) {
        if (message !== null) {
          if (transport.onmessage) transport.onmessage(message);
          return;
        }
        if (!open) return;
        open = false;
        if (transport.onclose) transport.onclose();
      },
    };
    relays.set(relay, transport);
    return transport;
  }

  #releasePuppeteer() {
    const browser = this.pupBrowser;
    this.pupBrowser = null;
    this.pupPage = null;
    if (browser) browser.disconnect().catch(() => {});
  }

  /** Switches to pairing-code login; resolves with the 8-character code. */
  requestPairingCode(phoneNumber, showNotification = true, intervalMs = 180000) {
    return this.#call('requestPairingCode', phoneNumber, showNotification, intervalMs);
  }

  /** Stops the code refresh and returns to QR login; resolves after the new `qr`. */
  cancelPairingCode() {
    return this.#call('cancelPairingCode');
  }

  getState() {
    return this.#call('getState');
  }

  getWWebVersion() {
    return this.#call('getWWebVersion');
  }

  /**
   * An extension (whatsapp-web.js has no such method): which WhatsApp Web internals the
   * client uses are missing from the live page, and which features lose each one.
   * Resolves `{ version, missing: [{ internal, features }] }` once the page has loaded;
   * nothing in the page is called. A health check's answer to "did WhatsApp Web change?".
   */
  getPageSupport() {
    return this.#call('getPageSupport');
  }

  /** Logs out in WhatsApp Web, closes the browser and removes the saved session; emits disconnected('LOGOUT'). */
  async logout() {
    this.#loggingOut = true;
    try {
      await this.#call('logout');
    } finally {
      this.#loggingOut = false;
    }
    if (this.#hooks) await this.authStrategy.logout();
  }

  /** Reconnects WhatsApp Web's socket. */
  resetState() {
    return this.#call('resetState');
  }

  /** Closes the browser. Safe at any moment and more than once. */
  async destroy() {
    this.#releasePuppeteer();
    await this.#call('destroy');
    if (this.#hooks) {
      this.#hooks.forget();
      await this.authStrategy.destroy();
    }
  }

  // ---- after ready: messages, chats, contacts (src/account/) ----

  /** Account calls: checked and run by Rust, answered in whatsapp-web.js's shapes. */
  [accountCall](method, ...args) {
    return this.#call('accountCall', method, jsonSafe(args));
  }

  // The account methods (sendMessage, getChats, createGroup, ...) are in lib/client/, one file
  // per feature area; addAccountMethods puts them on the prototype.
}

addAccountMethods(Client);

// A program that exits without destroy() (process.exit(), an uncaught error)
// must not leave Chromium profiles in TMPDIR: kill this process's browsers
// and delete its temporary profiles. Main thread only: a worker's exit is not
// the process's.
if (require('worker_threads').isMainThread) {
  process.once('exit', () => {
    try {
      native.cleanupAtExit();
    } catch {
      // nothing more can be done at exit
    }
  });
}

module.exports = {
  // As whatsapp-web.js's `version` (its package's version): whatsapp-web-rs's own (README, "What is different").
  version: require('./package.json').version,
  Client,
  NoAuth,
  LocalAuth,
  RemoteAuth,
  BaseAuthStrategy,
  // whatsapp-web.js's type name for the base class custom strategies extend.
  AuthStrategy: BaseAuthStrategy,
  ...structures,
  // whatsapp-web.js exports Channel (its index.js); getChannels() and friends hand it out.
  Channel: require('./lib/structures/Channel'),
  ...constants,
};
