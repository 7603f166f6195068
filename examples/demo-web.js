#!/usr/bin/env node
'use strict';
// The linking page, offline: the bundled WhatsApp Web simulator plays
// WhatsApp, the linking server (require('whatsapp-web-rs/link')) serves the
// page for two accounts, and this terminal plays the phone: type
// `scan alice` to scan the QR that alice's page shows, `code bob` to type the
// code bob's page shows. Run with `npm run demo:web` (PORT=... to choose the port).
const readline = require('readline');
const { startSimulator } = require('../simulator');
const { createLinkServer } = require('../lib/link/server'); // in your app: require('whatsapp-web-rs/link')

const ACCOUNTS = ['alice', 'bob'];

async function listen(link) {
  const port = Number(process.env.PORT || 3000);
  try {
    return await link.listen(port);
  } catch (error) {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`(port ${port} is taken: using a free one)`);
    return link.listen(0);
  }
}

async function main() {
  // Real WhatsApp timings, except a slower offline sync so the progress bar can be seen.
  const sim = await startSimulator({ syncStepMs: 400 });
  const link = createLinkServer({
    clientOptions: { puppeteer: { args: sim.chromiumArgs }, webVersionCache: { type: 'none' } },
  });

  // What each account's page shows, for the simulated phone.
  // Clients come and go ("Start again", the idle timeout): follow whichever runs now.
  const shown = new Map();
  link.on('client', (id, client) => {
    const entry = { qr: null, code: null };
    shown.set(id, entry);
    client.on('qr', (qr) => Object.assign(entry, { qr, code: null }));
    client.on('code', (code) => Object.assign(entry, { code, qr: null }));
  });
  link.on('ready', (id, client) => console.log(`\n[${id}] ready: linked as ${client.info.wid._serialized}`));

  const url = await listen(link);
  for (const id of ACCOUNTS) link.addAccount(id);

  console.log(`
Linking pages (open one in a browser):
${ACCOUNTS.map((id) => `  ${id.padEnd(6)} ${url}/accounts/${id}/`).join('\n')}
  ${'all'.padEnd(6)} ${url}/

This terminal is the phone (the simulator's test phone):
  scan <account>     scan the QR code the account's page shows
  code <account>     type the code the account's page shows, on the phone of the number entered
  logout <account>   remove the linked device from the phone (the page offers "Start again")
  add <account>      add an account (letters, digits, _ and -)
  remove <account>   remove an account (its client is destroyed)
  quit               stop everything (Ctrl-C works too)
The simulator's control API is at ${sim.httpUrl}_sim/ (see simulator/README.md).
`);

  const phone = {
    async scan(id) {
      const entry = shown.get(id);
      if (!entry || !entry.qr) return `${id}'s page shows no QR code right now`;
      const result = await sim.phone.scan(entry.qr);
      return result.ok ? `the phone scanned ${id}'s QR code and linked ${result.wid}` : `the phone refused the QR code: ${result.reason}`;
    },
    async code(id) {
      const entry = shown.get(id);
      if (!entry || !entry.code) return `${id}'s page shows no code right now (enter a phone number on the page first)`;
      const issued = sim.events.filter((e) => e.type === 'code-issued' && e.code === entry.code).at(-1);
      if (!issued) return 'the simulator has no record of that code';
      const result = await sim.phone.typeCode(issued.phone, entry.code);
      return result.ok ? `the phone of +${issued.phone} typed ${entry.code.slice(0, 4)}-${entry.code.slice(4)} and linked ${result.wid}` : `the phone refused the code: ${result.reason}`;
    },
    async logout(id) {
      const client = link.client(id);
      const wid = client && client.info && client.info.wid && client.info.wid._serialized;
      if (!wid) return `${id} is not linked`;
      const { told } = sim.logoutFromPhone({ wid });
      return `the phone removed ${wid} (${told} page told)`;
    },
    async add(id) {
      link.addAccount(id);
      return `added: ${url}/accounts/${id}/`;
    },
    async remove(id) {
      return (await link.removeAccount(id)) ? `removed ${id}` : `no account ${id}`;
    },
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await link.close();
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (!process.stdin.isTTY) {
    console.log('(stdin is not a terminal: no phone commands; Ctrl-C stops)');
    return;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'phone> ' });
  rl.prompt();
  rl.on('line', async (line) => {
    const [command, id] = line.trim().split(/\s+/);
    if (command === 'quit' || command === 'exit') return stop();
    if (command && Object.hasOwn(phone, command)) {
      try {
        console.log(id ? await phone[command](id) : `which account? e.g. ${command} ${ACCOUNTS[0]}`);
      } catch (error) {
        console.log(`error: ${error.message}`);
      }
    } else if (command) {
      console.log('commands: scan, code, logout, add, remove (each followed by an account), quit');
    }
    rl.prompt();
  });
  rl.on('close', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
