// whatsapp-web.js (a dev dependency, for the fidelity tests and benchmarks) pulls in
// puppeteer, whose install step downloads its own Chrome. No download can succeed here,
// and the project uses Debian's /usr/bin/chromium anyway.
module.exports = { skipDownload: true };
