'use strict';
// A custom auth strategy: the application's own subclass of AuthStrategy, written
// for whatsapp-web.js. Its hooks run at whatsapp-web.js's moments: the session
// (src/session/machine/strategy.rs) asks for the ones it waits on
// (afterBrowserInitialized, onAuthenticationNeeded, getAuthEventPayload) through
// the bridge below; the Client calls the others around its own calls and events.

const HOOKS = ['beforeBrowserInitialized', 'afterBrowserInitialized', 'onAuthenticationNeeded', 'getAuthEventPayload', 'afterAuthReady', 'disconnect', 'destroy', 'logout'];

/** An object the Client runs through its hooks rather than a built-in strategy. */
function isCustomStrategy(strategy) {
  return strategy !== null && typeof strategy === 'object' && HOOKS.some((hook) => typeof strategy[hook] === 'function');
}

function strategyError(message) {
  const error = new Error(`the auth strategy's ${message}`);
  error.code = 'ERR_AUTH_STRATEGY';
  return error;
}

function describe(error) {
  return error && typeof error.message === 'string' ? error.message : String(error);
}

class StrategyHooks {
  constructor(client, strategy) {
    this.client = client;
    this.strategy = strategy;
    /** What the last onAuthenticationNeeded() / getAuthEventPayload() gave, for the events. */
    this.failureEventPayload = undefined;
    this.authEventPayload = undefined;
    /** Answers the native session still waits for. A hook's promise that nothing
     * else references (one that never settles) would be collected, and the wait
     * would end as "canceled" instead of at authTimeoutMs with the hook named. */
    this.pending = new Set();
  }

  /** The client is gone: nothing waits for the hooks any more. */
  forget() {
    this.pending.clear();
  }

  /** Calls a hook now (it has started when this returns); a strategy without it has
   * whatsapp-web.js's default (does nothing). Always a promise, even if the hook throws. */
  call(hook) {
    try {
      return Promise.resolve(typeof this.strategy[hook] === 'function' ? this.strategy[hook]() : undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A hook whatsapp-web.js does not wait for: a failure is a process warning. */
  notify(hook) {
    this.call(hook).catch((error) => process.emitWarning(`whatsapp-web-rs: the auth strategy's ${hook}() threw: ${describe(error)}`, { code: 'WWRS_AUTH_STRATEGY' }));
  }

  /** initialize()'s first step, bounded as the native hooks are (authTimeoutMs, or 30 s). */
  async beforeBrowserInitialized() {
    const ms = Number(this.client.options.authTimeoutMs) > 0 ? Number(this.client.options.authTimeoutMs) : 30000;
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(strategyError(`beforeBrowserInitialized() did not answer within ${ms} ms (authTimeoutMs)`)), ms);
    });
    try {
      await Promise.race([
        this.call('beforeBrowserInitialized').catch((error) => {
          throw strategyError(`beforeBrowserInitialized() threw: ${describe(error)}`);
        }),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The profile folder the strategy chose (puppeteer.userDataDir), or null for a temporary one. */
  userDataDir() {
    const dir = this.client.options.puppeteer && this.client.options.puppeteer.userDataDir;
    if (dir === undefined || dir === null || dir === '') return null;
    if (typeof dir !== 'string') {
      const error = new TypeError(`puppeteer.userDataDir must be a string, got ${typeof dir}`);
      error.code = 'ERR_INVALID_OPTION';
      throw error;
    }
    return dir;
  }

  /** What the native session calls: `(hook) => Promise<JSON>`; a rejection says why the hook failed. */
  bridge() {
    return (hook) => {
      const answer = this.answer(hook);
      this.pending.add(answer);
      const settled = () => this.pending.delete(answer);
      answer.then(settled, settled);
      return answer;
    };
  }

  answer(hook) {
    return this.call(hook).then(
        (value) => {
          if (hook === 'onAuthenticationNeeded') {
            const answer = value || {};
            this.failureEventPayload = answer.failureEventPayload;
            return { failed: Boolean(answer.failed), restart: Boolean(answer.restart) };
          }
          if (hook === 'getAuthEventPayload') this.authEventPayload = value;
          return null;
        },
        (error) => {
          if (hook === 'getAuthEventPayload') {
            this.authEventPayload = undefined;
            process.emitWarning(`whatsapp-web-rs: the auth strategy's getAuthEventPayload() threw: ${describe(error)}`, { code: 'WWRS_AUTH_STRATEGY' });
          }
          throw new Error(`threw: ${describe(error)}`);
        }
      );
  }
}

module.exports = { isCustomStrategy, StrategyHooks };
