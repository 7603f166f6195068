// Types of require('whatsapp-web-rs/link'): the ready-made linking server.
import { EventEmitter } from 'events';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Client, ClientOptions } from '../../index';
import type { SessionPool } from '../pool/index';

export interface LinkServerOptions {
    /** Client options of every account, or a function of the account id. `sharedBrowser` defaults to true. */
    clientOptions?: ClientOptions | ((accountId: string) => ClientOptions);
    /** How long a login nobody watches may run before its client is stopped (default 300000). */
    idleTimeoutMs?: number;
    /** At most this many accounts (default 100). */
    maxAccounts?: number;
    /** The endpoints that add and remove accounts, and the account list at "/" (default true). */
    manage?: boolean;
    /** A prefix such as "/link" when mounted in a plain http server (default ""). */
    basePath?: string;
    /**
     * Host names (with or without ":port", matched case-insensitively) the page may be opened as,
     * besides localhost, 127.0.0.0/8 and [::1]; a request with any other Host is refused (421).
     * Required by listen() on a host that is not loopback.
     */
    allowedHosts?: string[];
    /**
     * A session pool (require('whatsapp-web-rs/pool')): accounts are the pool's, each page follows
     * its account on whichever worker runs it, and its actions go to that worker. `client(id)` is
     * the Client only on the worker that runs the account (else null); `ready` is emitted there,
     * `linked` on every worker.
     */
    pool?: SessionPool;
}

export type LinkPhase = 'starting' | 'qr' | 'code' | 'loading' | 'ready' | 'disconnected' | 'auth_failure' | 'failed' | 'stopped';

/** What a page is sent on every change. */
export interface LinkAccountState {
    account: string;
    phase: LinkPhase;
    qrSvg?: string;
    code?: string;
    percent?: number;
    message?: string;
    wid?: string;
    pushname?: string;
    reason?: string;
    error?: { code: string; message: string };
}

export declare class LinkServer extends EventEmitter {
    /** The server's URL once listen() resolved, e.g. "http://127.0.0.1:3000". */
    readonly url: string | null;
    /** Starts an http server of its own on `host` (default 127.0.0.1); resolves with its URL. Throws ERR_ALLOWED_HOSTS_REQUIRED for a host that is not loopback without `allowedHosts`. */
    listen(port?: number, host?: string): Promise<string>;
    /** Mount it: `http.createServer(link.handler)`, `app.use('/link', link.handler)`. */
    handler(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
    accountPath(accountId: string): string;
    addAccount(accountId: string): LinkAccountState;
    removeAccount(accountId: string): Promise<boolean>;
    client(accountId: string): Client | null;
    accounts(): LinkAccountState[];
    close(): Promise<void>;

    on(event: 'client', listener: (accountId: string, client: Client) => void): this;
    on(event: 'ready', listener: (accountId: string, client: Client) => void): this;
    /** On a pool: the account is linked, on whichever worker runs it. */
    on(event: 'linked', listener: (accountId: string, info: { wid?: string }) => void): this;
    on(event: 'pool_error', listener: (accountId: string, error: Error) => void): this;
    on(event: 'idle', listener: (accountId: string) => void): this;
}

export declare function createLinkServer(options?: LinkServerOptions): LinkServer;

/** Loads `qrcode` (throws ERR_QRCODE_MISSING naming `npm install qrcode` when absent). */
export declare function loadQrRenderer(load?: (name: string) => unknown): (text: string) => Promise<string>;
