// A program as a whatsapp-web.js user writes it, limited to the login and session layer. It is
// type-checked, never run: __test__/types.test.js compiles it with `tsc --noEmit --strict` twice,
// once as it is and once with the import below changed to 'whatsapp-web-rs', so our index.d.ts
// has to accept everything whatsapp-web.js's own types accept here.
import * as fs from 'fs';
import * as path from 'path';
import {
    Client,
    ClientOptions,
    DefaultOptions,
    Events,
    LocalAuth,
    NoAuth,
    RemoteAuth,
    Status,
    Store,
    WAState,
    WhatsWebURL,
} from 'whatsapp-web.js';

// ---- a RemoteAuth store, as wwebjs-mongo and friends implement one ----------------------------

class FolderStore implements Store {
    constructor(private readonly dir: string) {}

    async sessionExists({ session }: { session: string }): Promise<boolean> {
        return fs.existsSync(path.join(this.dir, `${session}.zip`));
    }

    // RemoteAuth leaves `${session}.zip` for the store to pick up.
    async save({ session }: { session: string }): Promise<void> {
        await fs.promises.copyFile(`${session}.zip`, path.join(this.dir, `${session}.zip`));
    }

    async extract({ session, path: target }: { session: string; path: string }): Promise<void> {
        await fs.promises.copyFile(path.join(this.dir, `${session}.zip`), target);
    }

    async delete({ session }: { session: string }): Promise<void> {
        await fs.promises.rm(path.join(this.dir, `${session}.zip`), { force: true });
    }
}

// ---- the login events -------------------------------------------------------------------------

function watchLogin(client: Client, name: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
        client.on('qr', (qr: string) => {
            console.log(`[${name}] scan this QR: ${qr}`);
        });
        client.on('code', (code: string) => {
            console.log(`[${name}] enter this code on the phone: ${code.slice(0, 4)}-${code.slice(4)}`);
        });
        client.on('authenticated', () => {
            console.log(`[${name}] authenticated`);
        });
        client.on('auth_failure', (message: string) => {
            console.error(`[${name}] could not restore the session: ${message}`);
            reject(new Error(message));
        });
        client.on('loading_screen', (percent: string, message: string) => {
            console.log(`[${name}] loading ${percent}% ${message}`);
        });
        client.on('ready', async () => {
            const wid: string = client.info.wid._serialized;
            const user: string = client.info.wid.user;
            console.log(`[${name}] ready as ${wid} (${user}), ${client.info.pushname} on ${client.info.platform}`);
            const version: string = await client.getWWebVersion();
            const state: WAState = await client.getState();
            console.log(`[${name}] WhatsApp Web ${version}, ${state}`);
            resolve(wid);
        });
        client.on('change_state', (state: WAState) => {
            if (state === WAState.CONFLICT) console.warn(`[${name}] opened elsewhere`);
        });
        client.on('disconnected', (reason: WAState | 'LOGOUT') => {
            console.warn(`[${name}] disconnected: ${reason}`);
            if (reason === 'LOGOUT' || reason === WAState.UNPAIRED) reject(new Error('logged out'));
        });
        client.on('remote_session_saved', () => {
            console.log(`[${name}] session saved to the store`);
        });
        // The same events by their constants.
        client.on(Events.QR_RECEIVED, (qr: string) => void qr);
        client.on(Events.AUTHENTICATION_FAILURE, (message: string) => void message);
        client.on(Events.REMOTE_SESSION_SAVED, () => undefined);
        client.on(Events.DISCONNECTED, (reason: string) => void reason);
    });
}

// ---- clients with options ---------------------------------------------------------------------

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

const options: ClientOptions = {
    authStrategy: new LocalAuth({ clientId: 'bot-1', dataPath: './.wwebjs_auth' }),
    authTimeoutMs: 60000,
    qrMaxRetries: 5,
    puppeteer: {
        headless: true,
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
    },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    bypassCSP: true,
    deviceName: 'Support desk',
    browserName: 'Chrome',
    webVersion: '2.3000.1017054665',
    webVersionCache: { type: 'none' },
    takeoverOnConflict: true,
    takeoverTimeoutMs: 5000,
    proxyAuthentication: { username: 'user', password: 'secret' },
    ffmpegPath: '/usr/bin/ffmpeg',
    evalOnNewDoc: () => {
        (globalThis as { __injected?: boolean }).__injected = true;
    },
};
const qrClient = new Client(options);

// Pairing by phone number from the start, in a profile folder of our own.
const codeClient = new Client({
    authStrategy: new NoAuth(),
    puppeteer: { headless: true, executablePath: CHROMIUM, userDataDir: '/tmp/wa-profile', args: ['--no-sandbox'] },
    pairWithPhoneNumber: { phoneNumber: '12025550108', showNotification: true, intervalMs: 180000 },
    webVersionCache: { type: 'local', path: './.wwebjs_cache' },
});

// A session kept in a remote store, on a browser that is already running.
const remoteClient = new Client({
    authStrategy: new RemoteAuth({
        clientId: 'bot-2',
        store: new FolderStore('/var/lib/wa-sessions'),
        backupSyncIntervalMs: 300000,
        dataPath: './.wwebjs_auth',
    }),
    puppeteer: { browserWSEndpoint: 'ws://127.0.0.1:9222/devtools/browser/0d6f1e6c' },
    webVersionCache: { type: 'remote', remotePath: 'https://example.com/{version}.html' },
});

// ---- the session lifecycle --------------------------------------------------------------------

async function main(): Promise<void> {
    console.log(`opening ${WhatsWebURL}; default auth timeout ${DefaultOptions.authTimeoutMs} ms`);
    const states: Status[] = [Status.INITIALIZING, Status.AUTHENTICATING, Status.READY];
    console.log(states.join(' -> '));

    const loggedIn = watchLogin(qrClient, 'qr');
    await qrClient.initialize();
    // The user prefers a code after all, then changes their mind.
    const code: string = await qrClient.requestPairingCode('12025550108', false, 120000);
    console.log(`code ${code}`);
    await qrClient.cancelPairingCode();
    const wid = await loggedIn;
    console.log(`logged in as ${wid}, state ${await qrClient.getState()}`);
    if ((await qrClient.getState()) === WAState.CONFLICT) await qrClient.resetState();
    await qrClient.logout();
    await qrClient.destroy();

    const codeLogin = watchLogin(codeClient, 'code');
    await codeClient.initialize();
    await codeLogin;
    await codeClient.destroy();

    await Promise.all([watchLogin(remoteClient, 'remote'), remoteClient.initialize()]);
    await remoteClient.destroy();
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
