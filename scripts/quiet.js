'use strict';
// Runs a command with its output captured, shown only when it fails: the
// set-up and build steps stay quiet unless something goes wrong.
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');

function quiet(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
  } catch (error) {
    process.stderr.write(`${error.stdout || ''}${error.stderr || ''}`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${error.status ?? error.signal ?? error.message})`);
  }
}

module.exports = { quiet };
