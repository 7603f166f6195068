#!/usr/bin/env node
'use strict';
// `npm run package`: the npm tarballs a release publishes, written to dist/:
//   whatsapp-web-rs-<v>.tgz                the main package (JS, types; no binary)
//   whatsapp-web-rs-<platform>-<v>.tgz     one per prebuilt binary (npm/<platform>/)
//   whatsapp-web-rs-simulator-<v>.tgz      the simulator (simulator/, with its own package.json)
// Versions move in lockstep: the main package names its platform packages in
// optionalDependencies with the exact version (npm installs only the one that
// matches the machine), as napi-rs projects do.
//
// The addon comes from the same build `npm test` uses (scripts/build.js);
// when it is up to date cargo rebuilds nothing.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { buildAddon } = require('./build');
const { ensureNodeModules } = require('./setup');
const { platformName } = require('../lib/platform');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const stage = path.join(dist, '.stage');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const rootPkg = readJson(path.join(root, 'package.json'));
const { version } = rootPkg;

// Platform packages with a binary built by this machine. Others (macOS,
// Windows, arm64, musl) are built from source; see README "Install".
const PLATFORMS = ['linux-x64-gnu'];

function copy(from, to) {
  fs.cpSync(path.join(root, from), to, { recursive: true });
}

function writePackageJson(dir, pkg) {
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

// A package.json checked in beside the root one (npm/<platform>/, simulator/) must carry the root version, so that a
// version bump cannot leave one package behind.
function lockstep(file) {
  const pkg = readJson(path.join(root, file));
  if (pkg.version !== version) {
    throw new Error(`${file} has version ${pkg.version}, package.json ${version}: bump them together`);
  }
  return pkg;
}

function pack(dir) {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dist], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out);
  return { file: path.join(dist, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

function stagePlatform(platform) {
  const binary = path.join(root, `whatsapp-web-rs.${platform}.node`);
  if (!fs.existsSync(binary)) throw new Error(`no ${path.basename(binary)}: this machine cannot build ${platform}`);
  const dir = path.join(stage, platform);
  fs.mkdirSync(dir, { recursive: true });
  const pkg = lockstep(`npm/${platform}/package.json`);
  if (!pkg.files.includes(path.basename(binary))) throw new Error(`npm/${platform}/package.json does not list ${path.basename(binary)}`);
  copy(`npm/${platform}/README.md`, path.join(dir, 'README.md'));
  fs.copyFileSync(binary, path.join(dir, path.basename(binary)));
  writePackageJson(dir, pkg);
  return dir;
}

function stageSimulator() {
  const dir = path.join(stage, 'simulator');
  const pkg = lockstep('simulator/package.json');
  // The checkout runs the simulator with the root's devDependencies: the
  // published package must ask for the same versions.
  for (const [name, range] of Object.entries(pkg.dependencies)) {
    if (rootPkg.devDependencies[name] !== range) {
      throw new Error(`simulator/package.json wants ${name}@${range}, package.json devDependencies ${rootPkg.devDependencies[name]}: keep them equal`);
    }
  }
  copy('simulator', dir);
  writePackageJson(dir, pkg);
  return dir;
}

function stageMain() {
  const dir = path.join(stage, 'main');
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of [...rootPkg.files, 'README.md']) copy(entry, path.join(dir, entry));
  // The deep simulator paths exist only in a checkout; installed, the
  // simulator is its own package (whatsapp-web-rs-simulator/<file>).
  const { './simulator/*': _checkoutOnly, ...exports } = rootPkg.exports;
  const pkg = {
    name: rootPkg.name,
    version,
    description: rootPkg.description,
    license: rootPkg.license,
    main: rootPkg.main,
    types: rootPkg.types,
    files: rootPkg.files,
    exports,
    engines: rootPkg.engines,
    optionalDependencies: Object.fromEntries(PLATFORMS.map((p) => [`${rootPkg.name}-${p}`, version])),
    // require('whatsapp-web-rs/simulator') loads it when the app installed it.
    peerDependencies: { [`${rootPkg.name}-simulator`]: version },
    peerDependenciesMeta: { [`${rootPkg.name}-simulator`]: { optional: true } },
  };
  if (rootPkg.dependencies && Object.keys(rootPkg.dependencies).length) pkg.dependencies = rootPkg.dependencies;
  writePackageJson(dir, pkg);
  return dir;
}

function main() {
  if (!PLATFORMS.includes(platformName())) {
    throw new Error(`npm run package builds the ${PLATFORMS.join(', ')} binary and runs on that platform only (this is ${platformName()})`);
  }
  ensureNodeModules();
  buildAddon();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const dirs = [stageMain(), ...PLATFORMS.map(stagePlatform), stageSimulator()];
  const packed = dirs.map(pack);
  fs.rmSync(stage, { recursive: true, force: true });
  for (const p of packed) {
    console.log(`[package] ${path.relative(root, p.file)}  ${(p.size / 1024).toFixed(0)} KiB (${(p.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${p.files} files)`);
  }
  return packed;
}

module.exports = { main };

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`[package] ${error.message}`);
    process.exit(1);
  }
}
