'use strict';
// Loads the compiled addon: the one built in this checkout if present,
// otherwise the prebuilt binary from the platform package (npm/<platform>).
const { existsSync, readFileSync } = require('fs');
const { join } = require('path');

function isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    return !process.report?.getReport?.().header?.glibcVersionRuntime;
  }
}

const libc = process.platform === 'linux' ? (isMusl() ? '-musl' : '-gnu') : '';
const platform = `${process.platform}-${process.arch}${libc}`;
const local = join(__dirname, '..', `whatsapp-web-rs.${platform}.node`);

module.exports = existsSync(local) ? require(local) : require(`whatsapp-web-rs-${platform}`);
