'use strict';
// Worker processes of the session pool (fixtures/pool-worker.js), for pool.test.js,
// pool-link.test.js and `npm run demo:pool`: each worker's messages are kept in `w.log`, awaited
// with seen(), and its operations (add, locate, call, readEvents, sessions, shutdown) answered
// through `w.op()`.

const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');

/**
 * Starts a worker. `onMessage(w, message)` sees every event it reports (e.g. to scan its QRs).
 * @param {{ redisPort: number, chromiumArgs: string[], root: string, workerId: string, capacity: number, leaseMs?: number, placementMs?: number, pollMs?: number, clientOptions?: object, onMessage?: Function }} options
 */
function startWorker({ redisPort, chromiumArgs, root, workerId, capacity, leaseMs, placementMs, pollMs, clientOptions, onMessage = () => {} }) {
    const dataPath = fs.mkdtempSync(path.join(root, `pool-${workerId}-`));
    const config = { port: redisPort, workerId, capacity, chromiumArgs, dataPath, leaseMs, placementMs, pollMs, clientOptions };
    const child = fork(path.join(__dirname, 'fixtures', 'pool-worker.js'), [JSON.stringify(config)], {
        cwd: dataPath,
        // Temporary profiles (sharedBrowser) in the worker's folder too: everything of it is under one path.
        env: { ...process.env, TMPDIR: dataPath },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const w = Object.assign(child, { workerId, dataPath, log: [], waiters: [], replies: new Map(), nextId: 0 });
    child.on('message', (message) => {
        message.at = Date.now();
        if (message.reply !== undefined) {
            const pending = w.replies.get(message.reply);
            w.replies.delete(message.reply);
            if (pending) pending(message);
            return;
        }
        w.log.push(message);
        onMessage(w, message);
        w.waiters = w.waiters.filter((waiter) => !waiter(message));
    });
    child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    w.op = (op, args = {}) =>
        new Promise((resolve, reject) => {
            const id = w.nextId++;
            w.replies.set(id, (m) => (m.ok ? resolve(m.value) : reject(Object.assign(new Error(m.message), { code: m.code }))));
            child.send({ op, id, ...args });
        });
    return w;
}

/** The first message of `w` (already logged or to come) matching `predicate`. */
function seen(w, predicate, ms = 60000, what = 'an event') {
    const found = w.log.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${w.workerId}: no ${what} within ${ms} ms; log: ${JSON.stringify(w.log.map((m) => [m.event, m.account, m.reason]))}`)), ms);
        w.waiters.push((m) => {
            if (!predicate(m)) return false;
            clearTimeout(timer);
            resolve(m);
            return true;
        });
    });
}

const event = (name, account) => (m) => m.event === name && (account === undefined || m.account === account);

/** Resolves once the registry (read through the tests' RESP client) lists `n` live workers. */
async function registered(resp, n) {
    for (let i = 0; i < 200; i++) {
        if ((await resp.command('ZCOUNT', 'wwrs:pool:{registry}:workers', String(Date.now()), '+inf')) >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the registry never listed ${n} workers`);
}

module.exports = { startWorker, seen, event, registered };
