'use strict';
// Code pairing, server side: companion_hello (the page asks for an 8-character code for a phone
// number), the test phone typing it (attempts, lifetime), and the three-stage link-code exchange
// that yields the ADV secret. Simulator methods, mixed in by index.js; apart because this flow has
// its own validation, failure injection (failNextCodeRequest) and cryptography.

const crypto = require('crypto');
const {
    LINKING_CODE_RE,
    newRef,
    normaliseCode,
    x25519Generate,
    x25519PublicFromRaw,
    x25519Shared,
    pbkdf2Key,
    aesGcmEncrypt,
    aesGcmDecrypt,
    aesCtr,
    hkdf,
} = require('./protocol');

// The display name the server accepts in companion_hello: "Browser (OS)".
const DISPLAY_RE = /^.+ \(.+\)$/;
// A phone number as WhatsApp wants it: digits with the country code, no '+', no leading 0,
// more than 6 digits, at most 15 (E.164).
const PHONE_RE = /^[1-9]\d{6,14}$/;
// What failNextCodeRequest can inject, as the server's error for companion_hello.
const CODE_FAILURES = {
    429: { status: 429, text: 'rate-overlimit' },
    400: { status: 400, text: 'bad-request' },
    unavailable: { status: 501, text: 'feature-not-available' },
};

class PairingCode {
    failNextCodeRequest(spec = {}) {
        const status = spec && typeof spec === 'object' ? spec.status : spec;
        const failure = CODE_FAILURES[status];
        if (!failure) {
            throw Object.assign(new Error(`failNextCodeRequest: status must be 429, 400 or 'unavailable', not ${JSON.stringify(status)}`), { status: 400 });
        }
        this.failNext = { ...failure };
        this._log('fail-next-code-armed', { status: failure.status, text: failure.text });
        return this.failNext;
    }

    _onCompanionHello(sock, msg) {
        const { id, phone, showPushNotification, display, wrappedCompanionEphPub, code } = msg;
        this._log('companion-hello', {
            socketId: sock.id,
            phone,
            showPushNotification: !!showPushNotification,
            display,
        });
        const refuse = (failure, why) => {
            this._send(sock, { type: 'companion_hello_error', id, status: failure.status, text: failure.text });
            this._log('code-refused', { socketId: sock.id, phone, status: failure.status, text: failure.text, why });
        };
        if (this.failNext) {
            const failure = this.failNext;
            this.failNext = null;
            return refuse(failure, 'injected');
        }
        if (typeof display !== 'string' || !DISPLAY_RE.test(display)) {
            return refuse(CODE_FAILURES[400], 'display');
        }
        if (typeof phone !== 'string' || !PHONE_RE.test(phone)) {
            return refuse(CODE_FAILURES[400], 'phone');
        }
        if (!['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state)) {
            return refuse(CODE_FAILURES[400], 'state');
        }
        // The page's key, wrapped under the code: salt (32) | iv (16) | AES-CTR ciphertext (32).
        const wrapped = typeof wrappedCompanionEphPub === 'string' ? Buffer.from(wrappedCompanionEphPub, 'base64') : null;
        if (!wrapped || wrapped.length !== 80 || typeof code !== 'string' || !LINKING_CODE_RE.test(code)) {
            return refuse(CODE_FAILURES[400], 'wrapped-key');
        }
        if (sock.code) {
            this._log('code-superseded', { socketId: sock.id, phone: sock.code.phone });
        }
        sock.code = { phone, code, createdAt: Date.now(), attempts: 0, wrappedCompanionEphPub: wrapped, display };
        // WhatsApp answers with a pairing ref; the code never left the companion (see `code` in
        // the page's companion_hello for why the simulator's server knows it all the same).
        this._send(sock, { type: 'companion_hello_ok', id, ref: newRef() });
        this._log('code-issued', {
            socketId: sock.id,
            phone,
            code,
            showPushNotification: !!showPushNotification,
        });
    }

    async _typeCode(phoneIn, codeIn) {
        if (this.closed) return { ok: false, reason: 'closed' };
        const phone = String(phoneIn).replace(/^\+/, '');
        const typed = normaliseCode(codeIn);
        const refuse = (reason, extra = {}) => {
            this._log('code-attempt-refused', { phone, reason, ...extra });
            return { ok: false, reason };
        };
        // The live code for this number: the newest one on a socket still waiting for a login.
        let sock = null;
        for (const s of this.sockets.values()) {
            if (s.code && s.code.phone === phone && (!sock || s.code.createdAt >= sock.code.createdAt)) sock = s;
        }
        if (!sock || !['UNPAIRED', 'UNPAIRED_IDLE'].includes(sock.state) || sock.pendingPair) {
            return refuse('no-live-code');
        }
        const entry = sock.code;
        entry.attempts++; // every attempt counts, right or wrong
        const extra = { socketId: sock.id, attempt: entry.attempts };
        if (entry.attempts > this.options.codeMaxAttempts) return refuse('too-many-attempts', extra);
        if (Date.now() - entry.createdAt > this.options.codeTtlMs) return refuse('expired', extra);
        if (typed !== entry.code) return refuse('wrong-code', extra);

        sock.code = null;
        this._log('code-accepted', { ...extra, phone });
        // From here the socket is pairing by code: its refs stop, and neither a scan nor a
        // second code can interfere.
        this._stopRefs(sock);
        sock.state = 'CODE_EXCHANGE';
        try {
            const secret = await this._codeExchange(sock, entry);
            return await this._sendPairSuccess(sock, { secret, wid: `${phone}@c.us`, via: 'code' });
        } catch (err) {
            if (!sock.closed) sock.state = 'UNPAIRED_IDLE';
            this._log('pair-failed', { socketId: sock.id, reason: 'exchange-failed', error: err.message });
            return { ok: false, reason: sock.closed ? 'socket-closed' : 'exchange-failed' };
        }
    }

    // A model of the three-stage link-code exchange: the phone wraps its ephemeral X25519 key with
    // a PBKDF2-SHA256 (131072 iterations) key derived from the code (primary_hello); the page
    // unwraps it, sends its key bundle encrypted under the shared secret (companion_finish); both
    // sides derive the same ADV secret from the shared secret. The server never sends the secret.
    async _codeExchange(sock, entry) {
        const primary = x25519Generate();
        const salt = crypto.randomBytes(32);
        const iv = crypto.randomBytes(12);
        const key = await pbkdf2Key(entry.code, salt);
        const wrapped = aesGcmEncrypt(key, iv, primary.publicRaw);
        const finished = new Promise((resolve, reject) => {
            sock.pendingFinish = { resolve, reject };
            sock.pendingFinishTimer = this._setTimer(() => {
                sock.pendingFinish = null;
                reject(new Error('no companion_finish'));
            }, this.options.pairAnswerTimeoutMs);
        });
        if (!this._send(sock, { type: 'primary_hello', salt: salt.toString('base64'), iv: iv.toString('base64'), wrapped: wrapped.toString('base64') })) {
            this._clearTimer(sock.pendingFinishTimer);
            sock.pendingFinish = null;
            throw new Error('socket closed');
        }
        this._log('primary-hello-sent', { socketId: sock.id });
        let finish;
        try {
            finish = await finished;
        } finally {
            this._clearTimer(sock.pendingFinishTimer);
            sock.pendingFinish = null;
        }
        // The phone unwraps the companion's key with the code its user typed.
        const w = entry.wrappedCompanionEphPub;
        const companionKey = await pbkdf2Key(entry.code, w.subarray(0, 32));
        const companionPub = aesCtr(companionKey, w.subarray(32, 48), w.subarray(48));
        const shared = x25519Shared(primary.privateKey, x25519PublicFromRaw(companionPub));
        const bundleKey = hkdf(shared, salt, 'link_code_pairing_key_bundle_encryption_key');
        const bundle = aesGcmDecrypt(bundleKey, Buffer.from(finish.iv, 'base64'), Buffer.from(finish.bundle, 'base64'));
        const expected = Buffer.concat([
            Buffer.from((sock.keys && sock.keys.identityPub) || '', 'base64'),
            Buffer.from((sock.keys && sock.keys.noisePub) || '', 'base64'),
        ]);
        if (!bundle.equals(expected)) throw new Error('companion key bundle does not match hello');
        this._log('companion-finish', { socketId: sock.id });
        return hkdf(shared, salt, 'adv_secret').toString('base64');
    }

    _onCompanionFinish(sock, msg) {
        if (!sock.pendingFinish) return;
        if (msg.error) sock.pendingFinish.reject(new Error(`page: ${msg.error}`));
        else sock.pendingFinish.resolve(msg);
    }
}

module.exports = { PairingCode };
