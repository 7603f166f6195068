'use strict';
// The session pool's bridge to the application's own Redis client (docs/pool.md, "Redis
// client"). Rust owns the pool's logic and timers; it hands this adapter typed commands and
// waits on the promise. The adapter only turns a command into a call on the client the
// application gave: ioredis or node-redis v4+, a single Redis or a Redis Cluster (optional peer
// dependencies; nothing is required here). Scripts go by EVALSHA, and by EVAL when Redis answers NOSCRIPT (a restart
// or SCRIPT FLUSH forgot them; EVAL loads them again for the next EVALSHA).
//
// A command is one of:
//   { script: 'renew', keys: ['…'], args: ['…'] }   one of the pool's Lua scripts, by name
//   { command: 'GET', args: ['…'], key: '…' }         a plain Redis command and the key it acts
//                                                     on (a cluster client routes by it)
// The reply is Redis's, with bulk strings as UTF-8 strings (never Buffers), integers as
// numbers, nil as null and arrays as arrays.

const crypto = require('node:crypto');

const DEFAULT_TIMEOUT_MS = 5000;

function poolError(code, message) {
  // A bad client, option or command is the caller's mistake: a TypeError, as everywhere else.
  const error = code === 'ERR_INVALID_ARGUMENT' ? new TypeError(`session pool: ${message}`) : new Error(`session pool: ${message}`);
  error.code = code;
  return error;
}

/** Which client the application gave: its methods differ in name and argument shape. */
function clientKind(client) {
  // ioredis's Redis and Cluster alike: a cluster client finds each command's keys by itself.
  if (client && typeof client.evalsha === 'function' && typeof client.eval === 'function' && typeof client.call === 'function') return 'ioredis';
  if (client && typeof client.evalSha === 'function' && typeof client.eval === 'function' && typeof client.sendCommand === 'function') {
    // node-redis's RedisCluster (createCluster) takes sendCommand(firstKey, isReadonly, args).
    return typeof client.getSlotMaster === 'function' ? 'node-redis-cluster' : 'node-redis';
  }
  return null;
}

// ioredis: evalsha(sha, numKeys, ...keys, ...args), call(name, ...args).
// node-redis v4+: evalSha(sha, { keys, arguments }), sendCommand([name, ...args]); its cluster
// client: sendCommand(key, isReadonly, [name, ...args]) (sent to the key's master).
const NODE_REDIS = {
  evalsha: (c, sha, keys, args) => c.evalSha(sha, { keys, arguments: args }),
  eval: (c, source, keys, args) => c.eval(source, { keys, arguments: args }),
  command: (c, name, args) => c.sendCommand([name, ...args]),
};
const CALLS = {
  ioredis: {
    evalsha: (c, sha, keys, args) => c.evalsha(sha, keys.length, ...keys, ...args),
    eval: (c, source, keys, args) => c.eval(source, keys.length, ...keys, ...args),
    command: (c, name, args) => c.call(name, ...args),
  },
  'node-redis': NODE_REDIS,
  // Scripts as on one Redis (routed by their first key); plain commands by the key given.
  'node-redis-cluster': { ...NODE_REDIS, command: (c, name, args, key) => c.sendCommand(key, false, [name, ...args]) },
};

function plain(value) {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

const isNoScript = (error) => /\bNOSCRIPT\b/.test(String(error && error.message));

function strings(list, what) {
  if (!Array.isArray(list)) throw poolError('ERR_INVALID_ARGUMENT', `${what} must be an array`);
  return list.map((item) => {
    if (typeof item !== 'string') throw poolError('ERR_INVALID_ARGUMENT', `${what} must hold strings, not ${typeof item}`);
    return item;
  });
}

/**
 * @param {object} client - an ioredis client or a node-redis v4+ client (connected by the application)
 * @param {object} options
 * @param {Record<string, string>} options.scripts - Lua source of each script, by name
 * @param {number} [options.timeoutMs=5000] - per command, EVALSHA and its EVAL fallback together
 * @returns {(command: object) => Promise<unknown>} the bridge Rust calls
 */
function createRedisBridge(client, { scripts, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const kind = clientKind(client);
  if (!kind) {
    throw poolError('ERR_INVALID_ARGUMENT', 'redis must be an ioredis or node-redis (v4+) client: it has neither evalsha/eval/call nor evalSha/eval/sendCommand');
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw poolError('ERR_INVALID_ARGUMENT', `timeoutMs must be a positive integer of milliseconds, not ${JSON.stringify(timeoutMs)}`);
  }
  if (!scripts || typeof scripts !== 'object') throw poolError('ERR_INVALID_ARGUMENT', 'scripts must be an object of Lua sources by name');
  const shas = new Map();
  for (const [name, source] of Object.entries(scripts)) {
    if (typeof source !== 'string' || source === '') throw poolError('ERR_INVALID_ARGUMENT', `script ${name} must be Lua source text`);
    shas.set(name, { source, sha: crypto.createHash('sha1').update(source).digest('hex') });
  }
  const calls = CALLS[kind];

  async function run(command) {
    if (command && typeof command.script === 'string') {
      const script = shas.get(command.script);
      if (!script) throw poolError('ERR_INVALID_ARGUMENT', `unknown script ${JSON.stringify(command.script)}`);
      const keys = strings(command.keys, 'keys');
      const args = strings(command.args, 'args');
      try {
        return await calls.evalsha(client, script.sha, keys, args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return calls.eval(client, script.source, keys, args);
      }
    }
    if (command && typeof command.command === 'string') {
      const args = strings(command.args ?? [], 'args');
      if (kind === 'node-redis-cluster' && typeof command.key !== 'string') throw poolError('ERR_INVALID_ARGUMENT', `a command for a cluster client needs the key it acts on (${command.command})`);
      return calls.command(client, command.command, args, command.key);
    }
    throw poolError('ERR_INVALID_ARGUMENT', 'a command is { script, keys, args } or { command, args }');
  }

  return function bridge(command) {
    const what = command && (command.script || command.command);
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(poolError('ERR_POOL_REDIS_TIMEOUT', `redis ${what}: no reply within ${timeoutMs} ms`)), timeoutMs);
    });
    // The command may still run after the limit: the pool's machine treats a time limit as
    // "may or may not have run", as it does a lost connection.
    return Promise.race([run(command), limit]).then(plain).finally(() => clearTimeout(timer));
  };
}

module.exports = { createRedisBridge, clientKind };
