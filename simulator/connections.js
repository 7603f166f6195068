'use strict';
// The page's WebSocket as the server sees it: one record per connection, each JSON message routed
// to the part that handles it, login on a known token with the offline-sync steps that follow it,
// and the connection faults a test can cause (reload, drop, away). These are Simulator methods
// (index.js mixes them into the class); they live here because they are the transport that every
// login flow runs over, not any one flow.

class Connections {
    _onConnection(ws, req) {
        if (this.closed) {
            ws.terminate();
            return;
        }
        const sock = {
            id: this.nextSocketId++,
            ws,
            origin: req.headers.origin || null,
            state: 'PAIRING', // open, no hello yet (the page's state at that moment too)
            pageState: null,
            token: null,
            sessionWid: null,
            keys: null, // { noisePub, identityPub } from hello
            batch: [],
            batchIndex: -1,
            currentRef: null,
            refExpiresAt: null,
            refTimer: null,
            code: null,
            pendingPair: null,
            syncTimer: null,
            closed: false,
        };
        this.sockets.set(sock.id, sock);
        this._log('socket-open', { socketId: sock.id, origin: sock.origin });
        ws.on('message', (data) => {
            let msg;
            try {
                msg = JSON.parse(String(data));
            } catch {
                this._log('protocol-error', { socketId: sock.id, error: 'invalid JSON' });
                return;
            }
            try {
                this._onMessage(sock, msg);
            } catch (err) {
                this._log('protocol-error', { socketId: sock.id, error: err.message });
            }
        });
        ws.on('close', () => this._onClose(sock));
        ws.on('error', () => {});
    }

    _send(sock, msg) {
        if (sock.closed || sock.ws.readyState !== sock.ws.OPEN) return false;
        sock.ws.send(JSON.stringify(msg));
        return true;
    }

    _onClose(sock) {
        if (sock.closed) return;
        sock.closed = true;
        this._clearTimer(sock.refTimer);
        this._clearTimer(sock.syncTimer);
        sock.currentRef = null;
        sock.refExpiresAt = null;
        if (sock.code) {
            // A closed socket takes its pairing code with it.
            this._log('code-cancelled', { socketId: sock.id, phone: sock.code.phone, reason: 'socket-closed' });
            sock.code = null;
        }
        if (sock.pendingPair) this._finishPair(sock, { ok: false, reason: 'socket-closed' });
        if (sock.pendingFinish) sock.pendingFinish.reject(new Error('socket closed'));
        this.sockets.delete(sock.id);
        this._log('socket-closed', { socketId: sock.id });
    }

    _onMessage(sock, msg) {
        switch (msg.type) {
            case 'hello':
                return this._onHello(sock, msg);
            case 'page_state':
                sock.pageState = msg.state;
                this._log('page-state', { socketId: sock.id, state: msg.state });
                return;
            case 'companion_hello':
                return this._onCompanionHello(sock, msg);
            case 'qr_linking':
                // initializeQRLinking(): the page went back to QR, so any live code is void.
                if (sock.code) {
                    this._log('code-cancelled', { socketId: sock.id, phone: sock.code.phone, reason: 'qr-linking' });
                    sock.code = null;
                }
                return;
            case 'companion_finish':
                return this._onCompanionFinish(sock, msg);
            case 'pair_result':
                return this._onPairResult(sock, msg);
            case 'logout':
                return this._onLogout(sock, msg);
            default:
                if (this.account.onPageMessage(sock, msg)) return;
                this._log('protocol-error', { socketId: sock.id, error: `unknown message type ${msg.type}` });
        }
    }

    _onHello(sock, msg) {
        sock.keys = { noisePub: msg.noisePub || null, identityPub: msg.identityPub || null };
        // The window size comes along so tests can check a client's viewport option.
        this._log('hello', { socketId: sock.id, withToken: !!msg.token, viewport: msg.viewport || null });
        if (msg.token) {
            const session = this.sessions.get(msg.token);
            if (session) {
                sock.token = msg.token;
                sock.sessionWid = session.wid;
                this._log('session-restored', { socketId: sock.id, wid: session.wid });
                this._replaceOlderStreams(sock);
                this._connect(sock, session);
                return;
            }
            // Unknown (logged out elsewhere, or another simulator's) token: the page clears its
            // session and carries on unpaired on this same socket.
            this._log('session-unknown', { socketId: sock.id });
            this._send(sock, { type: 'session_invalid' });
        }
        this._startBatch(sock);
    }

    _connect(sock, session) {
        sock.state = 'CONNECTED';
        // syncBeforeConnected (real mode): on the first connection after a pairing the page's
        // hasSynced turns true before its Socket.state reads CONNECTED (the sync callbacks set it
        // independently of the socket state); the state follows connectedAfterSyncMs later.
        const syncFirst = this.options.realSequence && this.options.syncBeforeConnected && this._freshLogins.has(session.token);
        this._freshLogins.delete(session.token);
        this._send(sock, { type: 'connected', wid: session.wid, lid: session.lid, pushname: session.pushname, platform: this.account._platformOf(session.wid.split('@')[0]), deferState: syncFirst });
        this.account.onConnected(sock, session);
        // Offline delivery after login: 0, 25, 50, 75, 100 then the first critical sync is done.
        const steps = [0, 25, 50, 75, 100];
        let i = 0;
        const step = () => {
            sock.syncTimer = null;
            if (sock.closed) return;
            if (i < steps.length) {
                const value = steps[i++];
                this._send(sock, { type: 'offline_progress', value });
                this._log('sync-progress', { socketId: sock.id, value });
                sock.syncTimer = this._setTimer(step, this.options.syncStepMs);
            } else {
                this._send(sock, { type: 'synced' });
                this._log('synced', { socketId: sock.id, wid: session.wid });
                if (syncFirst) {
                    sock.syncTimer = this._setTimer(() => {
                        sock.syncTimer = null;
                        if (this._send(sock, { type: 'state_connected' })) this._log('connected-after-sync', { socketId: sock.id, wid: session.wid });
                    }, this.options.connectedAfterSyncMs);
                }
                this.account.onSynced(sock, session);
            }
        };
        sock.syncTimer = this._setTimer(step, this.options.syncStepMs);
    }

    // WhatsApp Web reloads itself (updates, some errors) and can be navigated away: tell pages to
    // do so, so clients can be tested for re-attaching. `url` navigates instead of reloading.
    reloadPages({ socketId, url } = {}) {
        let told = 0;
        for (const sock of this.sockets.values()) {
            if (socketId !== undefined && socketId !== null && sock.id !== Number(socketId)) continue;
            if (this._send(sock, url ? { type: 'navigate', url: String(url) } : { type: 'reload' })) {
                told++;
                this._log(url ? 'page-navigate' : 'page-reload', { socketId: sock.id, url: url || null });
            }
        }
        return told;
    }

    // Connection faults. dropConnections(): every page WebSocket ends abruptly (no close frame),
    // as when a network path breaks; pages reconnect by themselves with backoff. Returns how many.
    dropConnections() {
        const socks = [...this.sockets.values()];
        for (const sock of socks) {
            sock.ws.terminate();
            this._onClose(sock);
        }
        this._log('server-drop', { dropped: socks.length });
        return socks.length;
    }

    // goAway(ms): drop every WebSocket and refuse new ones for `ms`, then accept again
    // (`server-back`). Pages keep retrying meanwhile (TIMEOUT / OPENING). Returns how many dropped.
    goAway(ms) {
        if (!(Number.isFinite(ms) && ms >= 0)) {
            throw Object.assign(new Error(`goAway: ms must be a non-negative number, not ${JSON.stringify(ms)}`), { status: 400 });
        }
        this._awayUntil = Date.now() + ms;
        this._log('server-away', { ms });
        const dropped = this.dropConnections();
        this._clearTimer(this._awayTimer);
        this._awayTimer = this._setTimer(() => {
            this._awayTimer = null;
            this._awayUntil = 0;
            this._log('server-back', {});
        }, ms);
        return dropped;
    }
}

module.exports = { Connections };
