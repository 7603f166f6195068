// Types of require('whatsapp-web-rs/pool'): the session pool on Redis (docs/pool.md).
import { EventEmitter } from 'events';
import { Client, ClientOptions } from '../../index';

/** A RemoteAuth store, shared by every worker: sessions move between workers through it. */
export interface PoolStore {
  sessionExists(options: { session: string }): Promise<boolean> | boolean;
  save(options: { session: string; path?: string }): Promise<any> | any;
  extract(options: { session: string; path: string }): Promise<any> | any;
  delete(options: { session: string }): Promise<any> | any;
}

export interface SessionPoolOptions {
  /** The application's ioredis client, or a connected node-redis v4+ client. */
  redis: object;
  /** This worker's name, unique in the pool: letters, digits, '.', '_', '-', ':' (a host or pod name). */
  workerId: string;
  /** How many sessions this worker may run. */
  capacity: number;
  store: PoolStore;
  /** Options of every Client this worker starts; authStrategy and takeoverOnConflict are the pool's, and sharedBrowser cannot be used (pool sessions move through RemoteAuth backups). */
  clientOptions?: Omit<ClientOptions, 'authStrategy' | 'takeoverOnConflict' | 'sharedBrowser'>;
  /** Where this worker keeps its sessions' profiles (default ./.wwebjs_pool/<workerId>). */
  dataPath?: string;
  /** How long a lease lasts without renewal (default 15000 ms; renewed every third of it). */
  leaseMs?: number;
  /** How often the worker heartbeats and looks for accounts without an owner (default 5000 ms). */
  placementMs?: number;
  /** Hand running sessions over, one at a time, to a worker with at least two more free places (a new one, say); each stops for the move as in a clean shutdown (default false). */
  rebalance?: boolean;
  /** Time limit of each Redis command (default 2000 ms). */
  redisTimeoutMs?: number;
  /** Prefix of the pool's Redis keys (default "wwrs:pool:"). */
  prefix?: string;
  /** RemoteAuth's backup period for pool sessions (default 60000 ms, at least 60000). */
  backupSyncIntervalMs?: number;
  /** The first backup of a newly linked session, this long after ready (default 60000 ms). */
  firstBackupMs?: number;
  /** How often the worker reads its mailbox for pool.call() (default 250 ms). */
  pollMs?: number;
  /** How long pool.call() waits for the owner's answer (default 30000 ms). */
  callTimeoutMs?: number;
}

export interface PoolEvent {
  /** The stream entry id; pass it as `after` to read on from there. */
  id: string;
  /** The fencing token of the owner that recorded it: it changes where the session moved. */
  token: number;
  workerId: string;
  event: string;
  /** The event's arguments as JSON (structures as their fields). */
  args: unknown[];
}

export declare class SessionPool extends EventEmitter {
  readonly workerId: string;
  /** Sessions this worker runs or is claiming. */
  readonly load: number;
  add(accountId: string): Promise<void>;
  remove(accountId: string): Promise<void>;
  accounts(): Promise<string[]>;
  locate(accountId: string): Promise<{ workerId: string; token: number } | null>;
  /** The account's Client if this worker runs it, else null. */
  client(accountId: string): Client | null;
  /** Accounts this worker runs. */
  sessions(): string[];
  readEvents(accountId: string, options?: { after?: string; count?: number }): Promise<PoolEvent[]>;
  /** Calls `listener` for each new event of the account, on any worker, until `stop()`. */
  follow(accountId: string, listener: (event: PoolEvent) => void, options?: { after?: string; intervalMs?: number }): { stop(): void };
  /** Runs a Client method on the account's owner, from any worker; arguments and result as JSON. */
  call<T = unknown>(accountId: string, method: string, ...args: unknown[]): Promise<T>;
  setCapacity(capacity: number): void;
  /** Hands every session over to other workers, leaves the registry and stops. */
  shutdown(): Promise<void>;

  on(event: 'session_started', listener: (accountId: string, client: Client) => void): this;
  on(event: 'ready', listener: (accountId: string, client: Client) => void): this;
  on(event: 'qr', listener: (accountId: string, qr: string) => void): this;
  on(event: 'backup', listener: (accountId: string) => void): this;
  on(event: 'session_stopped', listener: (accountId: string, reason: 'hand-over' | 'removed' | 'lease-lost' | 'deadline-passed' | 'failed' | 'ended') => void): this;
  on(event: 'fault' | 'error', listener: (error: Error & { code?: string }) => void): this;
  on(event: 'drained', listener: () => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}

export declare function createSessionPool(options: SessionPoolOptions): SessionPool;
