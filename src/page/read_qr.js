// The QR the page holds right now, or null when there is no scannable one.
async function readQr() {
  return window.__wwrs ? window.__wwrs.currentQr() : null;
}
