// A pool worker as an application writes it (README, "Many machines"): it must compile with
// `tsc --strict` against lib/pool/index.d.ts. Checked by pool-types.test.js.
import { createSessionPool, SessionPool, PoolEvent } from 'whatsapp-web-rs/pool';
import { Client } from 'whatsapp-web-rs';

declare const redis: object; // an ioredis client in a real application

const pool: SessionPool = createSessionPool({
    redis,
    workerId: 'worker-1',
    capacity: 20,
    store: { sessionExists: async () => true, save: async () => undefined, extract: async () => undefined, delete: async () => undefined },
    clientOptions: { puppeteer: { args: ['--no-sandbox'] }, authTimeoutMs: 60000 },
    leaseMs: 15000,
    rebalance: true,
});

pool.on('qr', (accountId: string, qr: string) => console.log(accountId, qr.length));
pool.on('ready', async (accountId: string, client: Client) => {
    await client.sendMessage('15551234567@c.us', `hello from ${accountId}`);
});
pool.on('session_stopped', (accountId, reason) => console.log(accountId, reason === 'hand-over'));

async function main(): Promise<void> {
    await pool.add('alice');
    const owner = await pool.locate('alice');
    if (owner) console.log(owner.workerId, owner.token + 1);
    const sent = await pool.call<{ id: { _serialized: string } }>('alice', 'sendMessage', '15551234567@c.us', 'hi');
    console.log(sent.id._serialized);
    const events: PoolEvent[] = await pool.readEvents('alice', { after: '0', count: 50 });
    for (const e of events) console.log(e.event, e.workerId, e.args.length);
    const following = pool.follow('alice', (e: PoolEvent) => console.log(e.event), { after: '0' });
    following.stop();
    const local: Client | null = pool.client('alice');
    console.log(local === null, pool.sessions().length, pool.load, pool.workerId);
    await pool.shutdown();
}
void main();
