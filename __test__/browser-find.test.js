'use strict';
// Finding the browser as a whatsapp-web.js user expects, on a machine where
// /usr/bin/chromium is absent: the child runs in its own mount namespace with
// /usr/bin/chromium covered by /dev/null (not an executable file), so the
// search has to find the browser elsewhere or say where it looked.
// The full order is unit-tested in src/browser/find.rs.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHILD = path.join(__dirname, 'fixtures', 'find-browser-child.js');
// The real Chromium binary behind Debian's /usr/bin/chromium wrapper script.
const CHROMIUM_BINARY = '/usr/lib/chromium/chromium';

// Hiding a system file needs a private mount namespace (root, as in CI).
const canHide = spawnSync('unshare', ['-m', 'true']).status === 0 && fs.existsSync('/usr/bin/chromium');
const skip = canHide ? false : 'needs `unshare -m` (root) and Debian\'s /usr/bin/chromium to hide';

function runWithoutSystemChromium(env) {
  const script = 'mount --bind /dev/null /usr/bin/chromium && exec "$0" "$@"';
  return new Promise((resolve) => {
    execFile('unshare', ['-m', 'sh', '-c', script, process.execPath, CHILD], { env, timeout: 90000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop();
      let result = null;
      try {
        result = JSON.parse(line);
      } catch {
        // reported below
      }
      resolve({ result, output: `${stdout}\n${stderr}`, err });
    });
  });
}

function cleanEnv(extra) {
  const env = { ...process.env, ...extra };
  delete env.CHROME_PATH;
  delete env.PUPPETEER_EXECUTABLE_PATH;
  return env;
}

test('with no executablePath and no /usr/bin/chromium, the Chrome in puppeteer\'s cache is started', { skip: skip || (!fs.existsSync(CHROMIUM_BINARY) && `no ${CHROMIUM_BINARY}`) }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-find-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // What `npx puppeteer browsers install chrome` leaves, with Chromium standing in for Chrome.
  const chrome = path.join(tmp, 'cache', 'chrome', 'linux-131.0.6778.85', 'chrome-linux64', 'chrome');
  fs.mkdirSync(path.dirname(chrome), { recursive: true });
  fs.symlinkSync(CHROMIUM_BINARY, chrome);
  fs.mkdirSync(path.join(tmp, 'home'));

  const { result, output } = await runWithoutSystemChromium(cleanEnv({ PUPPETEER_CACHE_DIR: path.join(tmp, 'cache'), HOME: path.join(tmp, 'home') }));
  assert.ok(result, `no result from the child:\n${output}`);
  assert.equal(result.code, undefined, `initialize() failed: ${result.message}`);
  assert.equal(result.launched, chrome, 'the browser was started from puppeteer\'s cache');
});

test('with no browser anywhere, initialize() rejects with ERR_BROWSER_LAUNCH listing what was tried', { skip }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-find-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.mkdirSync(path.join(tmp, 'home'));
  const env = cleanEnv({ HOME: path.join(tmp, 'home'), PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin` });
  delete env.PUPPETEER_CACHE_DIR;

  const { result, output } = await runWithoutSystemChromium(env);
  assert.ok(result, `no result from the child:\n${output}`);
  assert.equal(result.code, 'ERR_BROWSER_LAUNCH', JSON.stringify(result));
  for (const tried of [
    'puppeteer.executablePath (not set)',
    '$CHROME_PATH (not set)',
    '$PUPPETEER_EXECUTABLE_PATH (not set)',
    `puppeteer's cache ${path.join(tmp, 'home', '.cache', 'puppeteer', 'chrome', '*', 'chrome-linux64', 'chrome')} (none)`,
    'google-chrome-stable, google-chrome, chromium, chromium-browser on the PATH',
    '/usr/bin/chromium',
    '/snap/bin/chromium',
    'apt-get install chromium',
    'npx puppeteer browsers install chrome',
  ]) {
    assert.ok(result.message.includes(tried), `the message does not mention ${JSON.stringify(tried)}:\n${result.message}`);
  }
});
