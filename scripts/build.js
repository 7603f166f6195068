#!/usr/bin/env node
'use strict';
// Builds the release addon (`whatsapp-web-rs.<platform>.node` in the project
// folder). `npm test`, `npm run demo` and `npm run package` all use this one
// build, so the binary the tests run is the binary a release ships.
//
// On Linux x64 it links against a glibc 2.17 sysroot (the gcc cross toolchain
// that napi-rs publishes on npm), so the binary loads on Debian 10+,
// Ubuntu 18.04+, RHEL 7+ and not only on the glibc of the build machine.
// Why not `napi build --use-napi-cross`: @napi-rs/cli 3.10 asks for a
// toolchain version that is not published for x86_64, and it sets the linker
// for the host triple, which cargo applies to build scripts and proc macros
// too. Here the linker goes in RUSTFLAGS (with --target, cargo keeps those to
// the addon and its dependencies), and the build gets its own folder,
// <target>/glibc-2.17: a plain `napi build` also builds for
// --target x86_64-unknown-linux-gnu, and sharing a folder with different
// RUSTFLAGS would make each of them rebuild everything after the other.
//
// Elsewhere (macOS, Windows, arm64, musl) it is a plain `napi build`: the
// "build from source" path.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { platformName } = require('../lib/platform');
const { quiet } = require('./quiet');

const root = path.join(__dirname, '..');
const TARGET = 'x86_64-unknown-linux-gnu';
// The toolchain package (gcc 4.8.5, binutils, glibc 2.17 sysroot), pinned.
const TOOLCHAIN_PACKAGE = '@napi-rs/cross-toolchain-x64-target-x86_64';
const TOOLCHAIN_VERSION = '1.0.0';

const log = (line) => console.log(`[build] ${line}`);

function crossToolchainDir() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'whatsapp-web-rs', `cross-toolchain-${TARGET}-${TOOLCHAIN_VERSION}`);
}

// Unpacks the toolchain once per machine (about 200 MB, a few seconds).
function ensureCrossToolchain() {
  const dir = crossToolchainDir();
  const gcc = path.join(dir, 'bin', `${TARGET}-gcc`);
  if (fs.existsSync(gcc)) return dir;
  log(`installing the glibc 2.17 cross toolchain (${TOOLCHAIN_PACKAGE}@${TOOLCHAIN_VERSION}) into ${dir}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-toolchain-'));
  try {
    const tgz = quiet('npm', ['pack', `${TOOLCHAIN_PACKAGE}@${TOOLCHAIN_VERSION}`, '--silent'], { cwd: work }).trim().split('\n').pop();
    quiet('tar', ['xzf', tgz, 'package/' + `${TARGET}.tar.xz`], { cwd: work });
    const partial = `${dir}.partial-${process.pid}`;
    fs.mkdirSync(partial, { recursive: true });
    quiet('tar', ['xJf', path.join(work, 'package', `${TARGET}.tar.xz`), '-C', partial]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

// Only the glibc x64 build has a prebuilt-grade cross toolchain here.
const isGlibcLinuxX64 = () => platformName() === 'linux-x64-gnu';

// The .node file this machine's build produces.
const addonPath = () => path.join(root, `whatsapp-web-rs.${platformName()}.node`);

function buildAddon() {
  const napi = path.join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');
  const args = [napi, 'build', '--platform', '--release', '--no-js', '--dts', 'native.d.ts'];
  const env = { ...process.env };
  if (isGlibcLinuxX64()) {
    const dir = ensureCrossToolchain();
    const tool = (name) => path.join(dir, 'bin', `${TARGET}-${name}`);
    args.push('--target', TARGET);
    env.CARGO_TARGET_DIR = path.join(env.CARGO_TARGET_DIR || path.join(root, 'target'), 'glibc-2.17');
    env.RUSTFLAGS = `${env.RUSTFLAGS || ''} -C linker=${tool('gcc')}`.trim();
    const triple = TARGET.replace(/-/g, '_');
    env[`CC_${triple}`] = tool('gcc');
    env[`CXX_${triple}`] = tool('g++');
    env[`AR_${triple}`] = tool('ar');
  }
  const started = Date.now();
  log(`building the release addon (${isGlibcLinuxX64() ? 'glibc 2.17 floor' : 'this machine only'}; several minutes when cold, seconds when up to date)`);
  const typeDefsBefore = new Set(typeDefFiles(env.CARGO_TARGET_DIR || path.join(root, 'target')));
  quiet(process.execPath, args, { env });
  // napi's CLI forces the crate to compile (NAPI_FORCE_BUILD_<CRATE>=<the time>, an env the crate's
  // build script watches) whenever its intermediate type-definition file is missing: on a cold build
  // and after the dependency graph changed. Cargo records that value, so the next build, which does
  // not set it, counts as a change and compiles the crate once more. Doing that here keeps the second
  // compile out of whatever builds next (`npm run package` inside the test run): after this, an
  // unchanged tree builds in seconds.
  if (typeDefFiles(env.CARGO_TARGET_DIR || path.join(root, 'target')).some((file) => !typeDefsBefore.has(file))) {
    log('settling the build (napi forced this compile; the next one would repeat it)');
    quiet(process.execPath, args, { env });
  }
  log(`built ${path.basename(addonPath())} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return addonPath();
}

/** napi's intermediate type-definition files of this crate under `targetDir`. */
function typeDefFiles(targetDir) {
  const dir = path.join(targetDir, 'napi-rs');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .map((folder) => path.join(dir, folder, 'whatsapp-web-rs'))
    .filter((file) => fs.existsSync(file));
}

module.exports = { buildAddon, ensureCrossToolchain };

if (require.main === module) {
  // The one command to build from source: npm packages first, then the addon.
  require('./setup').ensureNodeModules();
  buildAddon();
}
