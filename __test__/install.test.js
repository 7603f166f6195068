'use strict';
// Installable by name, as a user does it: `npm run package` writes the release
// tarballs, a local registry (verdaccio, no uplink: nothing reaches the
// internet) serves them with the simulator's runtime dependencies packed from
// this checkout's node_modules, and a fresh app with no cargo on its PATH and
// an empty HOME runs `npm install whatsapp-web-rs whatsapp-web-rs-simulator`.
// The app then requires the package, compiles a TypeScript program against
// its types, runs `npx whatsapp-web-sim --help` and logs in by QR against the
// simulator it installed. The glibc floor of the installed binary is checked
// with objdump. Everything started here is stopped, even on failure.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { tscPath, makeProject, tsc } = require('./typescript');

const ROOT = path.join(__dirname, '..');
const { version } = require('../package.json');
const SIMULATOR_PKG = require('../simulator/package.json');
const PLATFORM_PKG = 'whatsapp-web-rs-linux-x64-gnu';
const NODE_FILE = 'whatsapp-web-rs.linux-x64-gnu.node';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wwrs-install-'));
const dirs = { registry: path.join(tmp, 'registry'), packs: path.join(tmp, 'packs'), home: path.join(tmp, 'home'), app: path.join(tmp, 'app'), bin: path.join(tmp, 'bin') };
for (const dir of Object.values(dirs)) fs.mkdirSync(dir);

let registry; // { url, child }
let dist; // { main, platform, simulator } tarball paths

/** Runs a command; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { maxBuffer: 64 << 20, timeout: 300000, ...opts }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, signal: err && err.signal }),
    );
  });
}

async function ok(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

// A user's environment: npm's own variables from `npm test` dropped, HOME an
// empty folder, and a PATH that holds node and npm but no Rust toolchain.
function userEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_|^CARGO|^RUSTUP|^RUSTFLAGS$|^NODE_OPTIONS$|^NODE_TEST_CONTEXT$/i.test(k)) env[k] = v;
  }
  const nodeDir = path.dirname(process.execPath);
  for (const tool of ['node', 'npm', 'npx']) {
    const target = tool === 'node' ? process.execPath : path.join(nodeDir, tool);
    if (fs.existsSync(target) && !fs.existsSync(path.join(dirs.bin, tool))) fs.symlinkSync(target, path.join(dirs.bin, tool));
  }
  const rustFree = (process.env.PATH || '').split(path.delimiter).filter((dir) => dir && !fs.existsSync(path.join(dir, 'cargo')) && !fs.existsSync(path.join(dir, 'rustc')));
  env.PATH = [dirs.bin, ...rustFree].join(path.delimiter);
  env.HOME = dirs.home;
  env.npm_config_userconfig = path.join(dirs.home, '.npmrc');
  env.npm_config_cache = path.join(dirs.home, '.npm');
  return env;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRegistry() {
  const port = await freePort();
  const config = path.join(dirs.registry, 'config.yaml');
  fs.writeFileSync(
    config,
    [
      `storage: ${path.join(dirs.registry, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(dirs.registry, 'htpasswd')}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: info }',
      '',
    ].join('\n'),
  );
  const bin = require.resolve('verdaccio/bin/verdaccio', { paths: [ROOT] });
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dirs.registry,
    env: { ...userEnv(), HOME: dirs.registry },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verdaccio did not start within 60 s:\n${output}`)), 60000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('http address')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  // npm adduser's request: creates the user and hands back a token.
  const res = await fetch(`${url}-/user/org.couchdb.user:ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', password: 'ci-password', type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = await res.json();
  assert.ok(body.token, `verdaccio gave no token: ${JSON.stringify(body)}`);
  const host = url.replace(/^http:/, '');
  fs.writeFileSync(path.join(dirs.home, '.npmrc'), `registry=${url}\n${host}:_authToken=${body.token}\n`);
  return { url, child };
}

function stopRegistry() {
  if (!registry || registry.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => registry.child.kill('SIGKILL'), 5000);
    registry.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    registry.child.kill('SIGTERM');
  });
}

// The folder of an installed package, resolved the way Node does from `from`.
function installedDir(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`${name} is not installed (needed from ${from})`);
  }
}

// The runtime dependency closure of `deps`, as installed in this checkout.
function dependencyClosure(deps, from, seen = new Map()) {
  for (const name of Object.keys(deps || {})) {
    const dir = installedDir(name, from);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    seen.set(key, dir);
    dependencyClosure(pkg.dependencies, dir, seen);
  }
  return seen;
}

async function publish(tarball) {
  const env = userEnv();
  const r = await run('npm', ['publish', tarball, '--registry', registry.url, '--ignore-scripts', '--access', 'public', '--tag', 'latest'], { env, cwd: dirs.packs });
  assert.equal(r.code, 0, `npm publish ${path.basename(tarball)} failed:\n${r.stdout}\n${r.stderr}`);
}

before(async () => {
  // The release tarballs, from the same build `npm test` made (cargo rebuilds nothing).
  const packaged = await run(process.execPath, [path.join(ROOT, 'scripts', 'package.js')], { cwd: ROOT });
  assert.equal(packaged.code, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  const distDir = path.join(ROOT, 'dist');
  dist = {
    main: path.join(distDir, `whatsapp-web-rs-${version}.tgz`),
    platform: path.join(distDir, `${PLATFORM_PKG}-${version}.tgz`),
    simulator: path.join(distDir, `whatsapp-web-rs-simulator-${version}.tgz`),
  };
  for (const file of Object.values(dist)) assert.ok(fs.existsSync(file), `npm run package wrote no ${file}`);

  registry = await startRegistry();
  // The simulator package's dependencies (ws, selfsigned and theirs), packed
  // from this checkout so the registry needs no uplink.
  const closure = dependencyClosure(SIMULATOR_PKG.dependencies, ROOT);
  for (const [key, dir] of closure) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    assert.ok(!(manifest.publishConfig && manifest.publishConfig.registry), `${key} names its own registry`);
  }
  const out = await ok('npm', ['pack', ...closure.values(), '--ignore-scripts', '--json', '--pack-destination', dirs.packs], { env: userEnv(), cwd: dirs.packs });
  const packs = JSON.parse(out.stdout).map((p) => path.join(dirs.packs, p.filename));
  assert.equal(packs.length, closure.size);
  // A few publishes at a time: each is an npm process, mostly start-up.
  const queue = [...packs, dist.platform, dist.main, dist.simulator];
  await Promise.all(Array.from({ length: 6 }, async () => {
    while (queue.length) await publish(queue.shift());
  }));

  fs.writeFileSync(path.join(dirs.app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }, null, 2));
});

// If this process dies before `after` runs, the registry goes with it.
process.on('exit', () => {
  if (registry && registry.child.exitCode === null) registry.child.kill('SIGKILL');
});

after(async () => {
  await stopRegistry();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('npm install by name in a fresh app with no Rust: require, types, the simulator CLI, a QR login', async (t) => {
  const env = userEnv();
  assert.equal(
    env.PATH.split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'cargo'))),
    false,
    'the app PATH still holds cargo',
  );

  await t.test('npm install whatsapp-web-rs whatsapp-web-rs-simulator', async () => {
    await ok('npm', ['install', 'whatsapp-web-rs', 'whatsapp-web-rs-simulator', '--registry', registry.url, '--no-audit', '--no-fund'], { env, cwd: dirs.app });
    const modules = path.join(dirs.app, 'node_modules');
    assert.ok(fs.existsSync(path.join(modules, PLATFORM_PKG, NODE_FILE)), 'the platform package came as an optional dependency');
    assert.ok(!fs.existsSync(path.join(modules, 'whatsapp-web-rs', 'simulator')), 'the main package carries no simulator');
    const kib = Number(execFileSync('du', ['-sk', modules], { encoding: 'utf8' }).split('\t')[0]);
    const packages = fs.readdirSync(modules).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(modules, n)) : n.startsWith('.') ? [] : [n]));
    t.diagnostic(`installed: ${packages.length} packages, ${(kib / 1024).toFixed(1)} MiB in node_modules`);
  });

  await t.test('the production install is the main package and its binary only', async () => {
    const prodApp = path.join(tmp, 'prod-app');
    fs.mkdirSync(prodApp);
    fs.writeFileSync(path.join(prodApp, 'package.json'), '{"name":"prod-app","version":"1.0.0","private":true}');
    await ok('npm', ['install', 'whatsapp-web-rs', '--registry', registry.url, '--no-audit', '--no-fund'], { env, cwd: prodApp });
    const modules = path.join(prodApp, 'node_modules');
    assert.deepEqual(fs.readdirSync(modules).filter((n) => !n.startsWith('.')).sort(), ['whatsapp-web-rs', PLATFORM_PKG]);
    const kib = Number(execFileSync('du', ['-sk', modules], { encoding: 'utf8' }).split('\t')[0]);
    t.diagnostic(`production install: ${(kib / 1024).toFixed(1)} MiB in node_modules`);
    // Without the simulator package, its entry point says what to install.
    const sim = await run(process.execPath, ['-e', "require('whatsapp-web-rs/simulator')"], { env, cwd: prodApp });
    assert.notEqual(sim.code, 0);
    assert.match(sim.stderr, /npm install --save-dev whatsapp-web-rs-simulator/);
  });

  await t.test('without a fitting binary, require() names the platform and what to do', async () => {
    // npm leaves the platform package out with --omit=optional.
    const noOptional = path.join(tmp, 'no-optional-app');
    fs.mkdirSync(noOptional);
    fs.writeFileSync(path.join(noOptional, 'package.json'), '{"name":"no-optional-app","version":"1.0.0","private":true}');
    await ok('npm', ['install', 'whatsapp-web-rs', '--omit=optional', '--registry', registry.url, '--no-audit', '--no-fund'], { env, cwd: noOptional });
    const missing = await run(process.execPath, ['-e', "try { require('whatsapp-web-rs') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }"], { env, cwd: noOptional });
    const m = JSON.parse(missing.stdout);
    assert.equal(m.code, 'ERR_NATIVE_ADDON');
    assert.match(m.message, /for linux-x64-gnu .* is not installed/);
    assert.ok(m.message.includes(`npm install ${PLATFORM_PKG}@${version}`), m.message);

    // A platform with no prebuilt binary (the same install, seen as riscv64).
    const script = "Object.defineProperty(process, 'arch', { value: 'riscv64' }); try { require('whatsapp-web-rs') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }";
    const other = JSON.parse((await run(process.execPath, ['-e', script], { env, cwd: dirs.app })).stdout);
    assert.equal(other.code, 'ERR_NATIVE_ADDON');
    assert.match(other.message, /no prebuilt binary for linux-riscv64-gnu \(prebuilt: linux-x64-gnu\)/);
    assert.match(other.message, /npm run build/);
  });

  await t.test("the binary's glibc floor is at most 2.28", () => {
    const binary = path.join(dirs.app, 'node_modules', PLATFORM_PKG, NODE_FILE);
    const symbols = execFileSync('objdump', ['-T', binary], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const versions = [...symbols.matchAll(/GLIBC_(\d+)\.(\d+)(?:\.(\d+))?/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3] || 0)]);
    assert.ok(versions.length > 0, 'objdump found no GLIBC_ symbol versions');
    versions.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const highest = versions[versions.length - 1];
    t.diagnostic(`highest GLIBC_ version needed: ${highest.join('.')}`);
    assert.ok(highest[0] < 2 || (highest[0] === 2 && highest[1] <= 28), `the addon needs GLIBC_${highest.join('.')} (> 2.28)`);
  });

  await t.test('require() loads the prebuilt binary', async () => {
    const script = [
      "const w = require('whatsapp-web-rs');",
      "const native = require.resolve('whatsapp-web-rs-linux-x64-gnu');",
      "const client = new w.Client({ puppeteer: { headless: true } });",
      'console.log(JSON.stringify({ client: typeof client.initialize, native, status: w.Status.INITIALIZING }));',
    ].join('\n');
    const r = await ok(process.execPath, ['-e', script], { env, cwd: dirs.app });
    const out = JSON.parse(r.stdout);
    assert.equal(out.client, 'function');
    assert.ok(out.native.startsWith(path.join(dirs.app, 'node_modules', PLATFORM_PKG)), out.native);
  });

  await t.test('a TypeScript program compiles against the installed types', async () => {
    const tscBin = tscPath();
    assert.ok(tscBin, 'typescript is not installed: npm install (it is a devDependency)');
    makeProject(dirs.app, 'whatsapp-web-rs');
    const r = await tsc(tscBin, dirs.app, env);
    assert.equal(r.code, 0, `tsc against the installed whatsapp-web-rs:\n${r.output}`);
  });

  await t.test('npx whatsapp-web-sim --help', async () => {
    const r = await ok('npx', ['--no-install', 'whatsapp-web-sim', '--help'], { env, cwd: dirs.app });
    assert.match(r.stdout, /^Usage: whatsapp-web-sim/m);
    assert.match(r.stdout, /--first-ref-ttl-ms/);
  });

  await t.test('a QR login against the installed simulator', async () => {
    const script = path.join(dirs.app, 'login.js');
    fs.copyFileSync(path.join(__dirname, 'fixtures', 'installed-login.js'), script);
    // Chromium may keep its crash database under HOME; the profile is a temp folder.
    const r = await run(process.execPath, [script], { env, cwd: dirs.app, timeout: 120000, killSignal: 'SIGKILL' });
    assert.equal(r.code, 0, `the login failed:\n${r.stdout}\n${r.stderr}`);
    const result = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.equal(result.ready, true);
    assert.match(result.wid, /@c\.us$/);
  });
});
