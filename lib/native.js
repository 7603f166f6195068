'use strict';
// Loads the compiled addon: the one built in this checkout if present,
// otherwise the prebuilt binary from the platform package
// (`whatsapp-web-rs-<platform>`, an optional dependency of the main package:
// npm installs only the one matching the machine).
const { existsSync } = require('fs');
const { join } = require('path');
const { platformName } = require('./platform');
const { name, version, optionalDependencies = {} } = require('../package.json');

// Platforms with a prebuilt binary: the published package.json names their
// packages with a version (scripts/package.js writes it). A checkout links its
// npm/<platform>/ folders (`file:`), which hold no binary: it builds its own.
const PREBUILT = Object.entries(optionalDependencies)
  .filter(([dep, spec]) => dep.startsWith(`${name}-`) && !String(spec).startsWith('file:'))
  .map(([dep]) => dep.slice(name.length + 1));
const BUILD_FROM_SOURCE =
  'Build it from source: install Rust (rustup.rs) and Node >= 18, clone the whatsapp-web-rs repository, ' +
  'run `npm run build` in it, then install that folder (`npm install /path/to/whatsapp-web-rs`).';

function loadError(message, cause) {
  const error = new Error(message, cause ? { cause } : undefined);
  error.code = 'ERR_NATIVE_ADDON';
  return error;
}

function load() {
  const platform = platformName();
  const local = join(__dirname, '..', `whatsapp-web-rs.${platform}.node`);
  if (existsSync(local)) return require(local);

  const pkg = `whatsapp-web-rs-${platform}`;
  try {
    return require(pkg);
  } catch (error) {
    // Missing: the package is not installed, or (a checkout's linked npm/<platform>/
    // folder) it is there without its binary.
    const binary = `whatsapp-web-rs.${platform}.node`;
    const missing =
      error && error.code === 'MODULE_NOT_FOUND' && (String(error.message).includes(`'${pkg}'`) || String(error.message).includes(binary));
    if (!missing) {
      // Found but not loadable, e.g. a libc older than the binary needs.
      throw loadError(`whatsapp-web-rs: the prebuilt binary ${pkg} could not be loaded: ${error.message}\n${BUILD_FROM_SOURCE}`, error);
    }
    if (PREBUILT.includes(platform)) {
      throw loadError(
        `whatsapp-web-rs: the prebuilt binary for ${platform} (package ${pkg}) is not installed. ` +
          'npm leaves optional dependencies out with --omit=optional / --no-optional, or when the lock file was made on another platform. ' +
          `Install it with \`npm install ${pkg}@${version}\`.`,
      );
    }
    if (PREBUILT.length === 0) {
      // A checkout: nothing is prebuilt, the addon is built here.
      throw loadError(`whatsapp-web-rs: no addon is built in ${join(__dirname, '..')} for ${platform}. Build it with \`npm run build\` (needs Rust: rustup.rs).`);
    }
    throw loadError(`whatsapp-web-rs has no prebuilt binary for ${platform} (prebuilt: ${PREBUILT.join(', ')}). ${BUILD_FROM_SOURCE}`);
  }
}

module.exports = load();
