// Type definitions for whatsapp-web-rs.
// Shapes follow whatsapp-web.js 1.34's index.d.ts so a program type-checks
// with only the import changed. Members whatsapp-web-rs does not implement
// yet are left out on purpose: the compiler then says so at once.
import { EventEmitter } from 'events';

declare namespace WhatsAppWebRs {
    export class Client extends EventEmitter {
        constructor(options?: ClientOptions);

        /** The options as given, merged over `DefaultOptions`. */
        options: ClientOptions;

        /** The auth strategy in use (`NoAuth` when none was given). */
        authStrategy: AuthStrategy;

        /** Current connection information; set just before `ready`. */
        public info: ClientInfo;

        /** Starts Chromium, opens WhatsApp Web and begins the login. Resolves once the login has started (first `qr` or `code`, or a restored session). */
        initialize(): Promise<void>;

        /** Closes the browser and releases the session folder. Safe at any moment and more than once. */
        destroy(): Promise<void>;

        /** Logs out in WhatsApp Web, closes the browser and removes the saved session (LocalAuth's folder, RemoteAuth's backup); emits `disconnected('LOGOUT')`. */
        logout(): Promise<void>;

        /** Force reset of connection state for the client (reconnects WhatsApp Web's socket) */
        resetState(): Promise<void>;

        /** The socket state last reported by WhatsApp Web, or null before it loaded. */
        getState(): Promise<WAState>;

        /** The version of WhatsApp Web the page runs (`window.Debug.VERSION`). */
        getWWebVersion(): Promise<string>;

        /**
         * Request authentication via pairing code instead of QR code.
         * Works on a client started in QR mode too; QR events stop until `cancelPairingCode()`.
         * @param phoneNumber - Phone number in international format, e.g. "12025550108" (a leading "+", spaces, dashes, dots and parentheses are accepted)
         * @param showNotification - Ask the phone to show a notification (first code only)
         * @param intervalMs - How often a fresh code is generated while unpaired
         * @returns The pairing code, 8 characters without a dash, e.g. "ABCDEFGH"
         */
        requestPairingCode(
            phoneNumber: string,
            showNotification?: boolean,
            intervalMs?: number,
        ): Promise<string>;

        /** Stops the pairing-code refresh and returns to QR login; resolves after the fresh `qr` was emitted. */
        cancelPairingCode(): Promise<void>;

        /** Generic event */
        on(event: string, listener: (...args: any) => void): this;

        /** Emitted when there has been an error while trying to restore an existing session; a fresh login follows */
        on(event: 'auth_failure', listener: (message: string) => void): this;

        /** Emitted when authentication is successful */
        on(event: 'authenticated', listener: () => void): this;

        /** Emitted when the RemoteAuth session is saved successfully on the external Database */
        on(event: 'remote_session_saved', listener: () => void): this;

        /** Emitted when the connection state changes (after `ready`) */
        on(
            event: 'change_state',
            listener: (
                /** the new connection state */
                state: WAState,
            ) => void,
        ): this;

        /** Emitted when the client has been disconnected */
        on(
            event: 'disconnected',
            listener: (
                /** reason that caused the disconnect: a socket state, 'LOGOUT', 'Max qrcode retries reached' or 'BROWSER_CLOSED' */
                reason: WAState | 'LOGOUT',
            ) => void,
        ): this;

        /** Emitted while WhatsApp Web loads after login (the percent is a number at run time, as in whatsapp-web.js) */
        on(
            event: 'loading_screen',
            listener: (percent: string, message: string) => void,
        ): this;

        /** Emitted when the QR code is received: `ref,noiseKey,identityKey,advSecret,platform` */
        on(
            event: 'qr',
            listener: (
                /** qr code string */
                qr: string,
            ) => void,
        ): this;

        /** Emitted when the phone number pairing code is received */
        on(
            event: 'code',
            listener: (
                /** pairing code string
                 *  @example `8W2WZ3TS` */
                code: string,
            ) => void,
        ): this;

        /** whatsapp-web-rs: an automatic pairing-code refresh was refused; the client went back to QR login */
        on(
            event: 'code_error',
            listener: (error: { code: string; message: string }) => void,
        ): this;

        /** Emitted when the client has initialized and is ready to receive messages */
        on(event: 'ready', listener: () => void): this;
    }

    /** Puppeteer-style browser options: launch a Chromium, or attach to a running one. */
    export interface PuppeteerOptions {
        /** Attach to a running Chromium (its DevTools WebSocket URL); destroy() then only closes our page. */
        browserWSEndpoint?: string;
        /** Attach to a running Chromium by its DevTools HTTP URL (e.g. http://127.0.0.1:9222). */
        browserURL?: string;
        /** @default true */
        headless?: boolean | 'new' | 'shell';
        /** @default process.env.CHROME_PATH or '/usr/bin/chromium' */
        executablePath?: string;
        /** Extra Chromium flags, e.g. '--host-resolver-rules=…' */
        args?: string[];
        /** Profile folder (NoAuth only; LocalAuth chooses its own) */
        userDataDir?: string;
        /** Emulated viewport; null (the default) keeps the window size. */
        defaultViewport?: null | { width: number; height: number; deviceScaleFactor?: number; isMobile?: boolean };
    }

    /** Options for initializing the whatsapp client */
    export interface ClientOptions {
        /** How long to wait for WhatsApp Web to load; 0 means 30 s.
         * @default 0 */
        authTimeoutMs?: number;
        /** Browser options */
        puppeteer?: PuppeteerOptions;
        /** Determines how to save and restore sessions. Otherwise, NoAuth will be used. */
        authStrategy?: AuthStrategy;
        /** How many `qr` events to emit before giving up (exactly that many); 0 means no limit.
         * @default 0 */
        qrMaxRetries?: number;
        /** User agent; false keeps Chromium's own.
         * @default 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.67 Safari/537.36' */
        userAgent?: string | false;
        /** Sets bypassing of page's Content-Security-Policy
         * @default false */
        bypassCSP?: boolean;
        /** Sets the device name of a current linked device., i.e.: 'TEST' */
        deviceName?: string;
        /**
         * Sets the browser name of a current linked device, i.e.: 'Firefox'.
         */
        browserName?: string;
        /** The version of WhatsApp Web to use with webVersionCache.
         * @default '2.3000.1017054665' */
        webVersion?: string;
        /** Where the WhatsApp Web page comes from: 'local' serves `<path>/<webVersion>.html` when present and saves the page there after login; 'remote' fetches `remotePath` (`{version}` replaced; http:// only); 'none' always uses the live page.
         * @default { type: 'local' } */
        webVersionCache?: WebCacheOptions;
        /** If another WhatsApp Web session takes over (CONFLICT), take it back after takeoverTimeoutMs instead of disconnecting
         * @default false */
        takeoverOnConflict?: boolean;
        /** How long to wait before taking over the session
         * @default 0 */
        takeoverTimeoutMs?: number;
        /** Proxy credentials for a proxy given with `--proxy-server` in puppeteer.args */
        proxyAuthentication?: { username: string; password: string } | undefined;
        /** A function (or script) evaluated in every new document before WhatsApp Web's own scripts */
        evalOnNewDoc?: Function | string;
        /** Accepted for compatibility; used once media handling exists
         * @default 'ffmpeg' */
        ffmpegPath?: string;
        /** whatsapp-web-rs: share one Chromium among all clients created with this option and the same
         * puppeteer launch options, each in its own browser context (NoAuth only). The browser starts
         * with the first client and stops with the last; a second client starts in the time of a tab.
         * @default false */
        sharedBrowser?: boolean;
        /** whatsapp-web-rs: NoAuth sessions keep Chromium's HTTP and V8 code cache in one per-user folder
         * ($XDG_CACHE_HOME/whatsapp-web-rs/chromium, else ~/.cache/whatsapp-web-rs/chromium), so later
         * processes load WhatsApp Web's bundles from disk, already compiled. No session data goes there.
         * @default true */
        sharedCache?: boolean;
        /** whatsapp-web-rs: a browser the client launches loads no images and web fonts, which a headless
         * session never shows. Set false to take screenshots.
         * @default true */
        blockMedia?: boolean;
        /** Start in pairing-code mode. Refer the requestPairingCode function of Client.
         * @default
         * {
         *   phoneNumber: "",
         *   showNotification: true,
         *   intervalMs: 180000,
         * }
         */
        pairWithPhoneNumber?: {
            phoneNumber: string;
            showNotification?: boolean;
            intervalMs?: number;
        };
    }

    /**
     * Base class of the authentication strategies
     */
    export abstract class AuthStrategy {
        setup: (client: Client) => void;
    }

    /**
     * No session restoring functionality
     * Will need to authenticate via QR code every time
     */
    export class NoAuth extends AuthStrategy {}

    /**
     * Local directory-based authentication: `<dataPath>/session-<clientId>`, as whatsapp-web.js
     */
    export class LocalAuth extends AuthStrategy {
        public clientId?: string;
        public dataPath?: string;
        constructor(options?: {
            clientId?: string;
            dataPath?: string;
            rmMaxRetries?: number;
        });
    }

    export interface LocalWebCacheOptions {
        type: 'local';
        path?: string;
        strict?: boolean;
    }

    export interface RemoteWebCacheOptions {
        type: 'remote';
        remotePath: string;
        strict?: boolean;
    }

    export interface NoWebCacheOptions {
        type: 'none';
    }

    export type WebCacheOptions = NoWebCacheOptions | LocalWebCacheOptions | RemoteWebCacheOptions;

    /**
     * Remote-based authentication: the session is backed up to `store` as whatsapp-web.js's RemoteAuth does,
     * so stores written for it (wwebjs-mongo, wwebjs-aws-s3) work unchanged.
     */
    export class RemoteAuth extends AuthStrategy {
        public clientId?: string;
        public dataPath?: string;
        constructor(options?: {
            store: Store;
            clientId?: string;
            dataPath?: string;
            /** At least 60000 */
            backupSyncIntervalMs: number;
            rmMaxRetries?: number;
            /** whatsapp-web-rs only: wait before the first backup after a new login (default 60000, as whatsapp-web.js) */
            initialBackupDelayMs?: number;
        });
    }

    /**
     * Remote store interface
     */
    export interface Store {
        sessionExists: (options: { session: string }) => Promise<boolean> | boolean;
        delete: (options: { session: string }) => Promise<any> | any;
        save: (options: { session: string }) => Promise<any> | any;
        extract: (options: { session: string; path: string }) => Promise<any> | any;
    }

    /** Serialized ID of the logged-in account */
    export interface ContactId {
        server: string;
        user: string;
        _serialized: string;
    }

    export interface ClientInfo {
        /**
         * Current user ID
         * @deprecated Use .wid instead
         */
        me: ContactId;
        /** Current user ID */
        wid: ContactId;
        /** Platform the phone is running on */
        platform: string;
        /** Name configured to be shown in push notifications */
        pushname: string;
    }

    /** An error from whatsapp-web-rs: `code` is stable (e.g. 'ERR_PAIRING_RATE_LIMITED'). */
    export interface WhatsAppWebRsError extends Error {
        code: string;
    }

    export const WhatsWebURL: string;
    export const DefaultOptions: ClientOptions;

    export enum Status {
        INITIALIZING = 0,
        AUTHENTICATING = 1,
        READY = 3,
    }

    export enum WAState {
        CONFLICT = 'CONFLICT',
        CONNECTED = 'CONNECTED',
        DEPRECATED_VERSION = 'DEPRECATED_VERSION',
        OPENING = 'OPENING',
        PAIRING = 'PAIRING',
        PROXYBLOCK = 'PROXYBLOCK',
        SMB_TOS_BLOCK = 'SMB_TOS_BLOCK',
        TIMEOUT = 'TIMEOUT',
        TOS_BLOCK = 'TOS_BLOCK',
        UNLAUNCHED = 'UNLAUNCHED',
        UNPAIRED = 'UNPAIRED',
        UNPAIRED_IDLE = 'UNPAIRED_IDLE',
    }

    export enum Events {
        AUTHENTICATED = 'authenticated',
        AUTHENTICATION_FAILURE = 'auth_failure',
        READY = 'ready',
        QR_RECEIVED = 'qr',
        CODE_RECEIVED = 'code',
        CODE_ERROR = 'code_error',
        LOADING_SCREEN = 'loading_screen',
        DISCONNECTED = 'disconnected',
        STATE_CHANGED = 'change_state',
        REMOTE_SESSION_SAVED = 'remote_session_saved',
    }
}

export = WhatsAppWebRs;
