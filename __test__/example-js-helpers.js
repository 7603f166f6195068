'use strict';
// Running whatsapp-web.js's OWN example.js (node_modules/whatsapp-web.js/example.js, the same file
// as on main 2dc9466) as a program of its own against the simulator, with two things changed: its
// require line (this package instead of whatsapp-web.js) and its Client options (the simulator's
// browser flags, a throw-away LocalAuth folder). Shared by example-js.test.js (one run, every
// command it answers) and example-js-ends.test.js (the commands that end it, as they end
// whatsapp-web.js's run).
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { TEST_ROOT, chromiumPidsUnder, killAllUnder } = require('./helpers');

const EXAMPLE = require.resolve('whatsapp-web.js/example.js');
const ROOT = path.resolve(__dirname, '..');
const LIMIT = 30000;

/** Replaces `from` by `to` in `text`, failing loudly unless `from` occurs exactly once. */
function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `example.js changed: it no longer contains ${JSON.stringify(from.slice(0, 80))}`);
  assert.equal(text.indexOf(from, at + 1), -1, `example.js changed: ${JSON.stringify(from.slice(0, 80))} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// The lines of example.js this test replaces, exactly as it writes them.
const REQUIRE_LINE = "const { Client, Location, Poll, List, Buttons, LocalAuth } = require('./index');";
const OPTIONS = `const client = new Client({
    authStrategy: new LocalAuth(),
    // proxyAuthentication: { username: 'username', password: 'password' },
    /**
     * This option changes the browser name from defined in user agent to custom.
     */
    // deviceName: 'Your custom name',
    /**
     * This option changes browser type from defined in user agent to yours. It affects the browser icon
     * that is displayed in 'linked devices' section.
     * Valid value are: 'Chrome' | 'Firefox' | 'IE' | 'Opera' | 'Safari' | 'Edge'.
     * If another value is provided, the browser icon in 'linked devices' section will be gray.
     */
    // browserName: 'Firefox',
    puppeteer: {
        // args: ['--proxy-server=proxy-server-that-requires-authentication.example.com'],
        headless: false,
    },
    // pairWithPhoneNumber: {
    //     phoneNumber: '96170100100' // Pair with phone number (format: <COUNTRY_CODE><PHONE_NUMBER>)
    //     showNotification: true,
    //     intervalMs: 180000 // Time to renew pairing code in milliseconds, defaults to 3 minutes
    // }
});`;

/** example.js, changed only in its require line and its Client options. */
function exampleFor(sim, dataPath) {
  let source = fs.readFileSync(EXAMPLE, 'utf8');
  source = replaceOnce(source, REQUIRE_LINE, `const { Client, Location, Poll, List, Buttons, LocalAuth } = require(${JSON.stringify(ROOT)});`);
  const options = {
    webVersionCache: { type: 'none' },
    puppeteer: { headless: true, args: sim.chromiumArgs },
  };
  return replaceOnce(
    source,
    OPTIONS,
    `const client = new Client({ authStrategy: new LocalAuth({ dataPath: ${JSON.stringify(dataPath)} }), ...${JSON.stringify(options)} });`,
  );
}

/** The example's stdout, line by line, with waiters on lines to come. */
function lineReader(stream) {
  const lines = [];
  const waiters = new Set();
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    rest += chunk;
    const parts = rest.split('\n');
    rest = parts.pop();
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters) if (w.predicate(line)) w.resolve(line);
    }
  });
  return {
    lines,
    /** The first line matching `predicate` from line index `since` on. */
    waitLine(predicate, ms = LIMIT, since = 0) {
      const seen = lines.slice(since).find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = {
          predicate,
          resolve: (line) => {
            clearTimeout(w.timer);
            waiters.delete(w);
            resolve(line);
          },
        };
        w.timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`timed out after ${ms} ms waiting for a line of example.js's output (${predicate})`));
        }, ms);
        waiters.add(w);
      });
    },
  };
}

/**
 * example.js started as a child process in `dataPath` and logged in by the simulator's phone.
 * `crashed` rejects (with its stderr) once it exits; `ended` resolves then with `{ code, signal }`.
 */
async function startExample(sim, dataPath) {
  const file = path.join(dataPath, 'example.js');
  fs.writeFileSync(file, exampleFor(sim, path.join(dataPath, 'auth')));
  const child = spawn(process.execPath, [file], { cwd: dataPath, env: { ...process.env, TMPDIR: TEST_ROOT }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, exited: null, stderr: '' };
  run.ended = new Promise((resolve) => child.on('exit', (code, signal) => resolve((run.exited = { code, signal }))));
  run.crashed = run.ended.then(() => {
    throw new Error(`example.js exited (${run.exited.code ?? run.exited.signal}):\n${run.stderr}`);
  });
  run.crashed.catch(() => {});
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    run.stderr += chunk;
  });
  run.out = lineReader(child.stdout);
  try {
    // example.js logs the QR; the simulator's phone scans it.
    const qrLine = await Promise.race([run.out.waitLine((l) => l.startsWith('QR RECEIVED ')), run.crashed]);
    const scan = await sim.phone.scan(qrLine.slice('QR RECEIVED '.length));
    assert.ok(scan.ok, scan.reason);
    await Promise.race([run.out.waitLine((l) => l === 'READY'), run.crashed]);
    await Promise.race([run.out.waitLine((l) => l.startsWith('WWebVersion = ')), run.crashed]);
    return run;
  } catch (error) {
    await stopExample(run, dataPath);
    throw error;
  }
}

/** Ends example.js if it still runs, and its Chromium, which outlives a killed program. */
async function stopExample(run, dataPath) {
  if (run && run.exited === null) {
    run.child.kill('SIGKILL');
    await run.ended;
  }
  // Until none is left (a killed process stays listed for a moment).
  const deadline = Date.now() + 10000;
  while (dataPath && chromiumPidsUnder(dataPath).length && Date.now() < deadline) {
    killAllUnder(dataPath);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = { LIMIT, exampleFor, lineReader, startExample, stopExample };
