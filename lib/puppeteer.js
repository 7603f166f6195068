'use strict';
// client.pupBrowser / client.pupPage: the escape hatch whatsapp-web.js programs
// use (`client.pupPage.evaluate(...)`). When the app has puppeteer-core or
// puppeteer installed (an optional peer dependency), a real puppeteer Browser
// is connected to the client's own Chromium, next to the Rust driver, and the
// Page is the client's WhatsApp Web page. A browser the client launched has no
// DevTools port: puppeteer talks through a relay on the addon's pipe. Without
// either package nothing is loaded and nothing is connected.

/**
 * puppeteer-core or puppeteer as the app has it, or null. WWRS_PUPPETEER=off
 * skips it even when installed (an app that has puppeteer for something else
 * and never uses pupPage saves the second DevTools connection).
 */
function loadPuppeteer() {
  if (process.env.WWRS_PUPPETEER === 'off') return null;
  for (const name of ['puppeteer-core', 'puppeteer']) {
    try {
      return require(name);
    } catch (error) {
      // Only "not installed" is expected; a broken install should be heard.
      if (!(error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`'${name}'`))) throw error;
    }
  }
  return null;
}

/**
 * Connects puppeteer to the browser described by `devTools` and finds the
 * client's page. `devTools` is { relay, targetId } for a browser the client
 * launched (driven over a DevTools pipe, no port: `transportFor(relay)` gives
 * puppeteer a ConnectionTransport through the addon), or
 * { browserWSEndpoint, targetId } for a browser the user attached to.
 * Resolves with { browser, page }, or null when puppeteer is not installed.
 */
async function connectPuppeteer(devTools, transportFor) {
  const puppeteer = loadPuppeteer();
  if (!puppeteer) return null;
  const endpoint = devTools.relay !== undefined
    ? { transport: transportFor(devTools.relay) }
    : { browserWSEndpoint: devTools.browserWSEndpoint };
  const browser = await puppeteer.connect({ ...endpoint, defaultViewport: null });
  try {
    // puppeteer has no public target id; its targets keep the CDP one here.
    const target = await browser.waitForTarget((t) => t._targetId === devTools.targetId, { timeout: 10000 });
    const page = await target.page();
    if (!page) throw new Error(`target ${devTools.targetId} is not a page`);
    return { browser, page };
  } catch (error) {
    await browser.disconnect().catch(() => {});
    throw error;
  }
}

module.exports = { connectPuppeteer, loadPuppeteer };
