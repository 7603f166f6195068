#!/usr/bin/env node
'use strict';
// Makes a fresh checkout runnable: Debian's Chromium (through apt when it is
// missing), the npm packages, and the Rust addon. Each step is skipped when
// it is already done, so `npm test` and `npm run demo` can always call it.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const run = (cmd, args, opts = {}) => {
  console.log(`[setup] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
};

// Debian packages the project runs: Chromium always; redis-server for the
// RemoteAuth tests (a real store), which only the test command needs.
function ensureDebianPackages() {
  const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
  const missing = [];
  if (!fs.existsSync(chromium)) missing.push('chromium');
  if (process.argv.includes('--with-redis') && !fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  if (missing.length === 0) return;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`Missing ${missing.join(', ')}. Install them (Debian: apt-get install ${missing.join(' ')}) or set CHROME_PATH.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  // whatsapp-web.js's puppeteer must not try to download a browser (.puppeteerrc.cjs says so too).
  run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' } });
}

function buildAddon() {
  // cargo itself decides what is out of date; an up-to-date build takes a second.
  run('npx', ['napi', 'build', '--platform', '--release', '--no-js', '--dts', 'native.d.ts']);
}

ensureDebianPackages();
ensureNodeModules();
buildAddon();
