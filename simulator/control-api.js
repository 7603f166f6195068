'use strict';
// The simulator's HTTP control API (JSON, under /_sim/ on both ports): the test phone, the server's
// controls and its log, for tests and people that drive the simulator from outside Node. Every
// route calls the Simulator method of the same purpose; bad bodies get 400, unknown routes 404.

// Reads a JSON body (at most 1 MiB; empty means {}).
function readJson(req) {
    return new Promise((resolve, reject) => {
        let data = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => {
            data += chunk;
            if (data.length > 1 << 20) reject(new Error('body too large'));
        });
        req.on('end', () => {
            if (!data.trim()) return resolve({});
            try {
                resolve(JSON.parse(data));
            } catch {
                reject(Object.assign(new Error('invalid JSON body'), { status: 400 }));
            }
        });
        req.on('error', reject);
    });
}

async function handleControl(sim, req, res, url) {
    const reply = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
    };
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    let body;
    try {
        // The account's world (simulator/account.js) answers its own routes first.
        if ((await sim.account.control(route, url, () => readJson(req), reply)) !== false) return undefined;
        switch (route) {
            case 'GET /_sim/state':
                return reply(200, sim.state());
            case 'GET /_sim/events': {
                const since = Number(url.searchParams.get('since') || 0);
                return reply(200, sim.events.slice(Number.isFinite(since) ? since : 0));
            }
            case 'POST /_sim/phone/scan':
                body = await readJson(req);
                if (typeof body.qr !== 'string') return reply(400, { error: 'body must be {"qr": "<QR text>"}' });
                return reply(200, await sim.phone.scan(body.qr, { phone: body.phone }));
            case 'POST /_sim/phone/code':
                body = await readJson(req);
                if (body.phone === undefined || typeof body.code !== 'string')
                    return reply(400, { error: 'body must be {"phone": "<digits>", "code": "<8 chars>"}' });
                return reply(200, await sim.phone.typeCode(String(body.phone), body.code));
            case 'POST /_sim/adv-rotate':
                body = await readJson(req);
                return reply(200, { told: sim.rotateAdvSecret(body.socketId) });
            case 'POST /_sim/fail-next-code':
                body = await readJson(req);
                sim.failNextCodeRequest(body);
                return reply(200, { ok: true, failNext: sim.failNext });
            case 'POST /_sim/conflict':
                body = await readJson(req);
                return reply(200, { told: sim.conflict({ wid: body.wid }) });
            case 'POST /_sim/logout-from-phone':
                body = await readJson(req);
                return reply(200, sim.logoutFromPhone({ wid: body.wid }));
            case 'POST /_sim/forget-sessions':
                body = await readJson(req);
                return reply(200, { forgotten: sim.forgetSessions({ wid: body.wid }) });
            case 'POST /_sim/server/drop':
                return reply(200, { dropped: sim.dropConnections() });
            case 'POST /_sim/config':
                // A TypeError naming the bad value becomes a 400 below.
                body = await readJson(req);
                return reply(200, sim.configure(body));
            case 'POST /_sim/server/away':
                body = await readJson(req);
                return reply(200, { dropped: sim.goAway(body.ms), ms: body.ms });
            default:
                return reply(404, {
                    error: 'unknown control route',
                    routes: [
                        'GET /_sim/state',
                        'GET /_sim/events[?since=N]',
                        'POST /_sim/phone/scan {qr, phone?}',
                        'POST /_sim/phone/code {phone, code}',
                        'POST /_sim/adv-rotate {socketId?}',
                        'POST /_sim/fail-next-code {status: 429|400|"unavailable"}',
                        'POST /_sim/conflict {wid?}',
                        'POST /_sim/logout-from-phone {wid?}',
                        'POST /_sim/forget-sessions {wid?}',
                        'POST /_sim/server/drop',
                        'POST /_sim/server/away {ms}',
                        'POST /_sim/config {missingModules: [names]}',
                        ...sim.account.constructor.ROUTES,
                        ...require('./account-group-admin').ROUTES,
                    ],
                });
        }
    } catch (err) {
        return reply(err.status || 400, { error: err.message });
    }
}

module.exports = { handleControl };
