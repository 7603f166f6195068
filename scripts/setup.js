#!/usr/bin/env node
'use strict';
// Makes a fresh checkout runnable: Debian packages (through apt when they are
// missing), the npm packages, and the Rust addon. Each step is skipped when
// it is already done, so `npm test` and `npm run demo` can always call it.
// Quiet unless something fails: a command's output is shown only then.
const fs = require('fs');
const path = require('path');

const { quiet: run } = require('./quiet');

const root = path.join(__dirname, '..');

const onPath = (program) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, program)));

// Debian packages the project runs: Chromium always; xz-utils to unpack the
// cross toolchain; for the test command also redis-server (the RemoteAuth
// and pool tests use a real store) with redis-tools (redis-cli joins the pool
// tests' Redis Cluster), binutils (objdump reads the addon's glibc needs)
// and ffmpeg (animated stickers from video).
function ensureDebianPackages({ forTests }) {
  const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
  const wanted = [
    ['chromium', fs.existsSync(chromium)],
    ['xz-utils', onPath('xz')],
    ...(forTests
      ? [
          ['redis-server', fs.existsSync('/usr/bin/redis-server')],
          ['redis-tools', fs.existsSync('/usr/bin/redis-cli')],
          ['binutils', onPath('objdump')],
          ['ffmpeg', onPath('ffmpeg')],
        ]
      : []),
  ];
  const missing = wanted.filter(([, present]) => !present).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0 || !onPath('apt-get')) {
    throw new Error(`Missing ${missing.join(', ')}. Install them (Debian: apt-get install ${missing.join(' ')}) or set CHROME_PATH.`);
  }
  console.log(`[setup] apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  // Without recommends: Chromium's pull udev, avahi, upower and more, which a
  // headless browser does not use.
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('[setup] npm ci');
  // whatsapp-web.js's puppeteer must not try to download a browser (.puppeteerrc.cjs says so too).
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' } });
}

module.exports = { ensureDebianPackages, ensureNodeModules };

if (require.main === module) {
  ensureDebianPackages({ forTests: process.argv.includes('--with-redis') });
  ensureNodeModules();
  // cargo itself decides what is out of date; an up-to-date build takes seconds.
  require('./build').buildAddon();
}
