'use strict';
// `require('whatsapp-web-rs/simulator')`. The simulator ships as its own
// package, whatsapp-web-rs-simulator, so that its certificate and WebSocket
// dependencies stay out of production installs; in a git checkout it is the
// simulator/ folder.
const { existsSync } = require('fs');
const { join } = require('path');

const local = join(__dirname, '..', 'simulator', 'index.js');
if (existsSync(local)) {
  module.exports = require(local);
} else {
  try {
    module.exports = require('whatsapp-web-rs-simulator');
  } catch (error) {
    if (!(error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes("'whatsapp-web-rs-simulator'"))) throw error;
    const missing = new Error(
      'whatsapp-web-rs/simulator needs the simulator package: run `npm install --save-dev whatsapp-web-rs-simulator`',
      { cause: error },
    );
    missing.code = 'MODULE_NOT_FOUND';
    throw missing;
  }
}
