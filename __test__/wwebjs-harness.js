'use strict';
// The real whatsapp-web.js 1.34.7, unchanged, on the simulator: shared by the fidelity tests of
// what comes after `ready` (wwebjs-messages.test.js, wwebjs-account-changes.test.js).

const { Client, NoAuth } = require('whatsapp-web.js');

const { startSimulator } = require('../simulator');
const chromium = require('../simulator/chromium');
const { waitFor } = require('./helpers');

/** A simulator and an unchanged whatsapp-web.js client pointed at it, both stopped after the test. */
async function wwebjsOnSimulator(t) {
    const sim = await startSimulator({ syncStepMs: 20 });
    t.after(() => sim.close());
    const dir = chromium.makeProfileDir('wa-sim-wwebjs-msg-');
    const client = new Client({
        authStrategy: new NoAuth(),
        webVersionCache: { type: 'none' },
        puppeteer: {
            executablePath: chromium.CHROMIUM_PATH,
            headless: true,
            userDataDir: dir,
            args: [...chromium.BASE_CHROMIUM_ARGS, ...sim.chromiumArgs],
        },
    });
    t.after(async () => {
        await client.destroy().catch(() => {});
        await chromium.removeProfileDir(dir);
    });
    return { sim, client };
}

/** initialize(), the phone scans the first QR, `ready`. */
async function wwebjsLogin(sim, client) {
    const qr = waitFor(client, 'qr');
    const ready = waitFor(client, 'ready');
    const initialized = client.initialize();
    // whatsapp-web.js listens to the login only once initialize() resolved (see wwebjs-fidelity.test.js).
    const text = await qr;
    await initialized;
    const scan = await sim.phone.scan(text);
    if (!scan.ok) throw new Error(`the phone refused whatsapp-web.js's QR: ${scan.reason}`);
    await ready;
}

/**
 * Resolves once the page's contact collection has `id` and `check(contact fields)` holds. Contacts
 * added on the phone reach the page over its own connection, as on a real phone, so a program that
 * asks right after the phone added one can be answered from before the change.
 */
async function untilPageHasContact(client, id, check = () => true, ms = 10000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const fields = await client.pupPage.evaluate((wid) => {
            const contact = window.require('WAWebCollections').Contact.get(wid);
            return contact ? { isBusiness: Boolean(contact.isBusiness), name: contact.name || null } : null;
        }, id);
        if (fields && check(fields)) return fields;
        if (Date.now() > deadline) throw new Error(`the page did not learn contact ${id} within ${ms} ms (it has ${JSON.stringify(fields)})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

// A contact the simulated phone just added reaches the page over the page's own connection, as on
// a real phone; until its LID has come, WhatsApp Web makes no chat with the number ("No LID for
// user"). Waits until the page knows the LID of `id` (a phone-number wid).
async function untilPageHasLid(client, id, ms = 10000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const lid = await client.pupPage.evaluate((wid) => {
            const w = window.require('WAWebWidFactory').createWid(wid);
            const found = window.require('WAWebApiContact').getCurrentLid(w);
            return found ? String(found._serialized || found) : null;
        }, id);
        if (lid) return lid;
        if (Date.now() > deadline) throw new Error(`the page did not learn the LID of ${id} within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

module.exports = { wwebjsOnSimulator, wwebjsLogin, untilPageHasContact, untilPageHasLid };
