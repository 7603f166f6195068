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

function ensureChromium() {
  const wanted = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (fs.existsSync(wanted)) return;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`Chromium not found at ${wanted}. Install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
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

ensureChromium();
ensureNodeModules();
buildAddon();
