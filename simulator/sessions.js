'use strict';
// Sessions, server side: pair-success (the HMAC the page checks, its answer, the session and token
// it then gets), and the ends of a session: the page logging out, the phone removing the device,
// the server forgetting it, and another browser taking it over (conflict). Simulator methods, mixed
// in by index.js; apart because both QR and code pairing end here, and every session ends here.

const crypto = require('crypto');
const { hmacB64, randomB64 } = require('./protocol');

// The WebSocket close code the server ends a stream with when another browser took the session
// over (4000-4999 are free for applications); the page knows it too.
const CONFLICT_CLOSE_CODE = 4409;

// `wid` as the controls take it: undefined/null for every account, '15551234567@c.us', or the
// bare number. Anything else is a caller's mistake (400 over HTTP).
function normaliseWid(wid) {
    if (wid === undefined || wid === null) return null;
    if (typeof wid === 'number' && Number.isInteger(wid) && wid > 0) wid = String(wid);
    if (typeof wid !== 'string' || !/^[^@\s]+(@[a-z.]+)?$/.test(wid)) {
        throw Object.assign(new Error(`wid must be like "15551234567@c.us" or "15551234567", not ${JSON.stringify(wid)}`), { status: 400 });
    }
    return wid.includes('@') ? wid : `${wid}@c.us`;
}

class Sessions {
    // pair-success: `details` with an HMAC keyed by the ADV secret the phone knows (from the QR it
    // scanned, or derived in the code exchange). The page checks it against the secret it holds now.
    _sendPairSuccess(sock, { secret, wid, via }) {
        this._stopRefs(sock);
        sock.state = 'PAIR_SUCCESS_SENT';
        const details = randomB64(64);
        const hmac = hmacB64(secret, details);
        return new Promise((resolve) => {
            sock.pendingPair = {
                resolve,
                wid,
                via,
                timer: this._setTimer(
                    () => this._finishPair(sock, { ok: false, reason: 'no-answer' }),
                    this.options.pairAnswerTimeoutMs,
                ),
            };
            if (!this._send(sock, { type: 'pair_success', details, hmac, wid, platform: 'android' })) {
                this._finishPair(sock, { ok: false, reason: 'socket-closed' });
                return;
            }
            this._log('pair-success-sent', { socketId: sock.id, via, wid });
        });
    }

    _onPairResult(sock, msg) {
        const pending = sock.pendingPair;
        if (!pending) return;
        if (msg.ok) {
            const token = randomB64(32);
            // The name the phone lists the linked device under, as the page reported it when it
            // accepted the pair-success (WAWebMiscBrowserUtils.info() at that moment). Only a
            // string of bounded length is kept: it comes from the page.
            const display = typeof msg.display === 'string' ? msg.display.slice(0, 200) : null;
            const session = {
                token,
                wid: pending.wid,
                // WhatsApp accounts also have a LID (a second, privacy-preserving id), one per
                // account: every linked device of it gets the same (account-lids.js).
                lid: this.account._lidOf(pending.wid.split('@')[0]),
                pushname: this.options.pushname,
                via: pending.via,
                display,
                createdAt: Date.now(),
            };
            this.sessions.set(token, session);
            this._freshLogins.add(token);
            sock.token = token;
            sock.sessionWid = session.wid;
            sock.state = 'PAIRED';
            // Like the real server after pair-device-sign, it hands over the login credentials;
            // the page then restarts its socket and logs in with them.
            this._send(sock, { type: 'session', token, wid: session.wid, lid: session.lid, pushname: session.pushname });
            this._log('pair-success', { socketId: sock.id, wid: session.wid, via: pending.via, display });
            this._finishPair(sock, { ok: true, wid: session.wid });
        } else {
            this._log('hmac-mismatch-logout', { socketId: sock.id, via: pending.via });
            this._finishPair(sock, { ok: false, reason: 'hmac-mismatch' });
        }
    }

    _finishPair(sock, result) {
        const pending = sock.pendingPair;
        if (!pending) return;
        sock.pendingPair = null;
        this._clearTimer(pending.timer);
        if (!result.ok && !sock.closed && sock.state === 'PAIR_SUCCESS_SENT') sock.state = 'UNPAIRED_IDLE';
        if (!result.ok && result.reason !== 'hmac-mismatch') {
            this._log('pair-failed', { socketId: sock.id, reason: result.reason });
        }
        pending.resolve(result);
    }

    // Another browser opened this account's session ("WhatsApp is open on another computer"):
    // the server tells every logged-in page of that wid (all when none is given) and ends its
    // stream. The page goes CONFLICT and stays there; the session itself stays valid, so
    // Socket.reconnect() logs straight back in (Socket.takeover() keeps rejecting: defect 5).
    // Returns how many pages were told.
    conflict({ wid } = {}) {
        const want = normaliseWid(wid);
        let told = 0;
        for (const sock of [...this.sockets.values()]) {
            if (sock.state !== 'CONNECTED' || !sock.sessionWid) continue;
            if (want && sock.sessionWid !== want) continue;
            if (this._conflictSocket(sock, 'control')) told++;
        }
        return told;
    }

    // The same device (session token) connecting again while an older connection of it is open:
    // the server keeps the newer one and replaces the older's stream, as whatsmeow reports it
    // (events.StreamReplaced, "disconnected by another client connecting with the same keys",
    // types/events/events.go). A second process on a copy of the session cannot run beside it.
    _replaceOlderStreams(sock) {
        for (const other of [...this.sockets.values()]) {
            if (other === sock || other.state !== 'CONNECTED' || other.token !== sock.token) continue;
            this._conflictSocket(other, 'replaced');
        }
    }

    _conflictSocket(sock, cause) {
        if (!this._send(sock, { type: 'conflict' })) return false;
        sock.state = 'CONFLICT';
        this._clearTimer(sock.syncTimer);
        this._log('conflict', { socketId: sock.id, wid: sock.sessionWid, cause });
        // The page closes on the message; the close code says the same for a page that
        // would see the close first.
        sock.ws.close(CONFLICT_CLOSE_CODE, 'conflict');
        return true;
    }

    // The phone removes the linked device: the server forgets the session(s) of that wid (all
    // when none is given) and tells the pages using them, which fire Cmd 'logout_from_bridge',
    // clear their storage and reload with ?post_logout=1. Returns { forgotten, told }.
    logoutFromPhone({ wid } = {}) {
        const want = normaliseWid(wid);
        let forgotten = 0;
        let told = 0;
        for (const [token, session] of [...this.sessions]) {
            if (want && session.wid !== want) continue;
            this.sessions.delete(token);
            forgotten++;
            let toldHere = 0;
            for (const sock of this.sockets.values()) {
                if (sock.token !== token) continue;
                sock.token = null;
                sock.sessionWid = null;
                if (this._send(sock, { type: 'device_removed' })) toldHere++;
            }
            told += toldHere;
            this._log('logout-from-phone', { wid: session.wid, told: toldHere });
        }
        return { forgotten, told };
    }

    // The server forgets saved sessions of that wid (all when none is given) WITHOUT telling any
    // page: pages already connected carry on, and the next page load presenting such a token gets
    // session_invalid (a saved session the server no longer accepts). Returns how many were
    // forgotten.
    forgetSessions({ wid } = {}) {
        const want = normaliseWid(wid);
        let forgotten = 0;
        for (const [token, session] of [...this.sessions]) {
            if (want && session.wid !== want) continue;
            this.sessions.delete(token);
            forgotten++;
            this._log('session-forgotten', { wid: session.wid });
        }
        return forgotten;
    }

    _onLogout(sock, msg) {
        const token = msg.token || sock.token;
        const session = token && this.sessions.get(token);
        if (session) this.sessions.delete(token);
        this._log('logout', { socketId: sock.id, wid: session ? session.wid : null, reason: msg.reason || 'user' });
        sock.token = null;
        sock.sessionWid = null;
        this._send(sock, { type: 'logout_ack' });
    }
}

module.exports = { Sessions, CONFLICT_CLOSE_CODE };
