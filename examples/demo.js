#!/usr/bin/env node
'use strict';
// The main job, offline: a whatsapp-web-rs client logs in to the bundled
// WhatsApp Web simulator. It shows a QR in the terminal, switches to a
// pairing code, goes back to a fresh QR, and the simulator's test phone scans
// that QR. Run with `npm run demo`.
const qrcode = require('qrcode-terminal');
const { startSimulator } = require('../simulator');
const { Client, LocalAuth } = require('..'); // in your app: require('whatsapp-web-rs')

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const PHONE = '+1 555 010 0002';

async function main() {
  // Real WhatsApp timings (first ref 60 s, then 20 s); the demo moves on by itself.
  const sim = await startSimulator();
  console.log(`Simulator at ${sim.httpsUrl} (as https://web.whatsapp.com/) and ${sim.httpUrl}`);

  const client = new Client({
    authStrategy: new LocalAuth({ clientId: 'demo', dataPath: require('os').tmpdir() + '/whatsapp-web-rs-demo' }),
    puppeteer: { args: sim.chromiumArgs },
    webVersionCache: { type: 'none' }, // keep the demo from saving the simulator's page in ./.wwebjs_cache
  });

  let lastQr = null;
  client.on('qr', (qr) => {
    lastQr = qr;
    console.log('\nqr: scan this with WhatsApp (here the simulator\'s test phone will):');
    qrcode.generate(qr, { small: true });
  });
  client.on('code', (code) => console.log(`\ncode: type ${code.slice(0, 4)}-${code.slice(4)} on the phone (Linked devices > Link with phone number)`));
  client.on('loading_screen', (percent) => console.log(`loading_screen: ${percent}%`));
  client.on('authenticated', () => console.log('authenticated'));
  client.on('disconnected', (reason) => console.log(`disconnected: ${reason}`));
  const ready = new Promise((resolve) => client.once('ready', resolve));

  const started = Date.now();
  const firstQr = new Promise((resolve) => client.once('qr', resolve));
  await client.initialize();
  await firstQr;
  console.log(`(first QR ${Date.now() - started} ms after initialize())`);
  await pause(3000);

  console.log(`\nSwitching to a pairing code for ${PHONE} ...`);
  const code = await client.requestPairingCode(PHONE);
  console.log(`requestPairingCode resolved with ${code}`);
  await pause(3000);

  console.log('\nBack to QR login (cancelPairingCode) ...');
  await client.cancelPairingCode();
  await pause(3000);

  console.log('\nThe test phone scans the QR on screen ...');
  const scan = await sim.phone.scan(lastQr);
  console.log(`phone: ${scan.ok ? `linked as ${scan.wid}` : `refused (${scan.reason})`}`);
  await ready;
  console.log(`ready: logged in as ${client.info.wid._serialized} (${client.info.pushname}), WhatsApp Web ${await client.getWWebVersion()}`);

  await client.destroy();
  await sim.close();
  require('fs').rmSync(require('os').tmpdir() + '/whatsapp-web-rs-demo', { recursive: true, force: true });
  console.log('\nDone: the client logged in by QR after switching to a code and back.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
