// A custom auth strategy as whatsapp-web.js users write one: a subclass of AuthStrategy
// overriding its hooks (function properties, as whatsapp-web.js's types declare them).
// Type-checked, never run, like program.ts: __test__/types.test.js compiles it against
// whatsapp-web.js's types and, with the import changed, against whatsapp-web-rs's.
import { AuthStrategy, Client } from 'whatsapp-web.js';

class FolderAuth extends AuthStrategy {
    constructor(private readonly folder: string) {
        super();
    }
    setup = (client: Client): void => {
        this.owner = client;
    };
    owner?: Client;
    beforeBrowserInitialized = async (): Promise<void> => {
        // whatsapp-web.js's Client type has no `options`; its Client object does.
        const client: any = this.owner;
        if (client) client.options.puppeteer = { ...client.options.puppeteer, userDataDir: this.folder };
    };
    afterBrowserInitialized = async (): Promise<void> => {};
    onAuthenticationNeeded = async () => ({ failed: false, restart: false, failureEventPayload: undefined });
    getAuthEventPayload = async (): Promise<any> => ({ folder: this.folder });
    afterAuthReady = async (): Promise<void> => {};
    disconnect = async (): Promise<void> => {};
    destroy = async (): Promise<void> => {};
    logout = async (): Promise<void> => {};
}

const strategy: AuthStrategy = new FolderAuth('./profiles/bot');
const client = new Client({ authStrategy: strategy });
client.on('authenticated', (payload: any) => console.log(payload));
client.on('auth_failure', (message: string) => console.log(message));
client.initialize().catch(() => client.destroy());
