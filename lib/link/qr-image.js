'use strict';
// QR text -> SVG markup, drawn by the `qrcode` package (an optional peer
// dependency: only the linking server needs it, so `require('whatsapp-web-rs')`
// never loads it and a production install without the server stays small).

const MISSING = "whatsapp-web-rs/link draws QR codes with the 'qrcode' package, which is not installed: run `npm install qrcode`";

/**
 * Loads `qrcode` through `load` (normally `require`) and returns
 * `(text) => Promise<svg>`. A missing package is an Error with code
 * ERR_QRCODE_MISSING whose message says what to install; any other failure
 * while loading it is passed on as it is.
 */
function loadQrRenderer(load = require) {
  let qrcode;
  try {
    qrcode = load('qrcode');
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND' && /qrcode/.test(String(error.message))) {
      const missing = new Error(MISSING);
      missing.code = 'ERR_QRCODE_MISSING';
      throw missing;
    }
    throw error;
  }
  // Error correction M (the package's default) as WhatsApp Web's own QR; a
  // margin of 2 modules is enough on the page's white card.
  return (text) => qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#111b21', light: '#ffffff' } });
}

module.exports = { loadQrRenderer };
