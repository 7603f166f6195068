'use strict';
// QR login, server side: the batch of refs a new unpaired socket gets and their lifetimes (the
// first shown firstRefTtlMs, the rest nextRefTtlMs, then UNPAIRED_IDLE), the test phone scanning a
// QR made of one, and companion_reg_refresh (rotateAdvSecret). Simulator methods, mixed in by
// index.js; apart because a ref's life is its own timer-driven state.

const { parseQr, newRef } = require('./protocol');

class Refs {
    _startBatch(sock) {
        sock.state = 'UNPAIRED';
        sock.batch = [];
        for (let i = 0; i < this.options.refsPerBatch; i++) {
            const ref = newRef();
            sock.batch.push(ref);
            this.refs.set(ref, sock.id);
        }
        sock.batchIndex = -1;
        this._log('batch-issued', { socketId: sock.id, size: sock.batch.length });
        this._nextRef(sock);
    }

    _nextRef(sock) {
        sock.refTimer = null;
        if (sock.closed || sock.state !== 'UNPAIRED') return;
        sock.batchIndex++;
        if (sock.batchIndex >= sock.batch.length) {
            // The batch is used up: nothing is current until the page restarts its socket.
            sock.currentRef = null;
            sock.refExpiresAt = null;
            sock.state = 'UNPAIRED_IDLE';
            this._send(sock, { type: 'refs_exhausted' });
            this._log('refs-exhausted', { socketId: sock.id });
            return;
        }
        const ttl = sock.batchIndex === 0 ? this.options.firstRefTtlMs : this.options.nextRefTtlMs;
        const ref = sock.batch[sock.batchIndex];
        sock.currentRef = ref;
        sock.refExpiresAt = Date.now() + ttl;
        this._send(sock, { type: 'ref', ref, ttl, index: sock.batchIndex, batchSize: sock.batch.length, batchStart: sock.batchIndex === 0 });
        this._log('ref-issued', { socketId: sock.id, ref, index: sock.batchIndex, ttlMs: ttl });
        sock.refTimer = this._setTimer(() => this._nextRef(sock), ttl);
    }

    _stopRefs(sock) {
        this._clearTimer(sock.refTimer);
        sock.refTimer = null;
        sock.currentRef = null;
        sock.refExpiresAt = null;
    }

    // `phone`: the number of the phone that scans (default: the `scanPhoneNumber` option), so one
    // simulator can link several accounts by QR, each with a world of its own (the bench gives
    // each run a fresh account).
    async _scan(qrText, { phone } = {}) {
        if (this.closed) return { ok: false, reason: 'closed' };
        if (phone !== undefined && phone !== null && !/^[1-9]\d{6,14}$/.test(String(phone))) {
            throw Object.assign(new TypeError(`phone must be 7-15 digits without a leading 0, not ${JSON.stringify(phone)}`), { status: 400 });
        }
        const qr = parseQr(qrText);
        if (!qr) {
            this._log('scan-refused', { reason: 'malformed', qr: String(qrText).slice(0, 200) });
            return { ok: false, reason: 'malformed' };
        }
        const socketId = this.refs.get(qr.ref);
        if (socketId === undefined) {
            this._log('scan-refused', { reason: 'unknown-ref', ref: qr.ref });
            return { ok: false, reason: 'unknown-ref' };
        }
        const sock = this.sockets.get(socketId);
        if (
            !sock ||
            sock.state !== 'UNPAIRED' ||
            sock.pendingPair ||
            sock.currentRef !== qr.ref ||
            Date.now() >= sock.refExpiresAt
        ) {
            this._log('scan-refused', { reason: 'stale-ref', ref: qr.ref, socketId });
            return { ok: false, reason: 'stale-ref' };
        }
        if (
            sock.keys &&
            (qr.noisePub !== sock.keys.noisePub || qr.identityPub !== sock.keys.identityPub)
        ) {
            // The phone would run the Noise handshake and sign for keys this browser does not
            // hold: pairing cannot work. Real WhatsApp fails later and less clearly; we say so.
            this._log('scan-refused', { reason: 'key-mismatch', ref: qr.ref, socketId });
            return { ok: false, reason: 'key-mismatch' };
        }
        const wid = `${phone || this.options.scanPhoneNumber}@c.us`;
        this._log('scan-ok', { socketId, ref: qr.ref, platform: qr.platform });
        return this._sendPairSuccess(sock, { secret: qr.advSecret, wid, via: 'qr' });
    }

    // companion_reg_refresh: tell unpaired pages to roll their ADV secret (Conn.ref stays).
    rotateAdvSecret(socketId) {
        let told = 0;
        for (const sock of this.sockets.values()) {
            if (socketId !== undefined && socketId !== null && sock.id !== Number(socketId)) continue;
            if (!['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state)) continue;
            if (this._send(sock, { type: 'companion_reg_refresh' })) {
                told++;
                this._log('adv-rotated', { socketId: sock.id });
            }
        }
        return told;
    }
}

module.exports = { Refs };
