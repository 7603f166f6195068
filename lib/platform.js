'use strict';
// The napi-rs name of this machine's platform (`linux-x64-gnu`,
// `darwin-arm64`, `win32-x64-msvc`, ...): the suffix of the addon file
// and of the platform package that carries the prebuilt binary.

function isMusl() {
  // glibcVersionRuntime is reported only by a Node linked against glibc.
  return !process.report?.getReport?.().header?.glibcVersionRuntime;
}

function platformName(platform = process.platform, arch = process.arch) {
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

module.exports = { platformName };
