'use strict';
// The worker's side of the messages phase (bench/messages.js): it watches the client's `message`
// events and runs sendMessage() and getChats() when the runner asks, stamping everything with
// process.hrtime (CLOCK_MONOTONIC), the clock the runner stamps its sim.peer.send() calls with.
//
// A `message` event is kept as { t, body, id } only, not the Message object, so that what the
// burst adds to this process's memory is the client's own doing, not the bench's.

module.exports = function messageOps({ session, now, withTimeout }) {
    // Wakes the waiters of a session whenever a message is recorded.
    const wake = (s) => {
        for (const w of [...s.messageWaiters]) w.check();
    };

    return {
        // Starts recording `message` events (done before the scan, so none can be missed here).
        watchMessages({ sid }) {
            const s = session(sid);
            if (s.messages) return {};
            s.messages = [];
            s.messageWaiters = new Set();
            s.client.on('message', (msg) => {
                s.messages.push({ t: now(), body: typeof msg.body === 'string' ? msg.body : null, id: msg.id && msg.id._serialized });
                wake(s);
            });
            return {};
        },

        // The recorded messages whose body starts with `prefix`, once `count` different ones have
        // come (a copy of one already seen does not count), or once none has come for `quietMs`
        // (a client that loses messages), or at `timeoutMs`. Never rejects for missing messages:
        // the runner counts them.
        waitMessages({ sid, prefix, count, quietMs, timeoutMs }) {
            const s = session(sid);
            const matches = (m) => m.body !== null && m.body.startsWith(prefix);
            const started = now();
            return new Promise((resolve) => {
                // Counts incrementally (only the records added since the last look), so waiting
                // costs this process nothing measurable during a burst.
                const w = { scanned: 0, bodies: new Set(), lastChange: now() };
                const finish = (reason) => {
                    s.messageWaiters.delete(w);
                    clearInterval(w.timer);
                    resolve({ reason, messages: s.messages.filter(matches), waitedMs: now() - started });
                };
                w.check = () => {
                    const before = w.bodies.size;
                    for (; w.scanned < s.messages.length; w.scanned++) if (matches(s.messages[w.scanned])) w.bodies.add(s.messages[w.scanned].body);
                    if (w.bodies.size >= count) return finish('all');
                    if (w.bodies.size !== before) w.lastChange = now();
                    if (now() - w.lastChange >= quietMs) return finish('quiet');
                    if (now() - started >= timeoutMs) return finish('timeout');
                    return undefined;
                };
                s.messageWaiters.add(w);
                // For the quiet and overall bounds when no message comes at all.
                w.timer = setInterval(w.check, 250);
                w.check();
            });
        },

        // client.sendMessage(to, body): when it was called and when it resolved.
        async sendMessage({ sid, to, body, timeoutMs }) {
            const s = session(sid);
            const calledAt = now();
            const msg = await withTimeout(s.client.sendMessage(to, body), timeoutMs, 'sendMessage()');
            const resolvedAt = now();
            return { calledAt, resolvedAt, id: msg && msg.id ? msg.id._serialized : null };
        },

        // client.getNumberId(number): what a program asks before writing to a new number.
        async getNumberId({ sid, number, timeoutMs }) {
            const id = await withTimeout(session(sid).client.getNumberId(number), timeoutMs, 'getNumberId()');
            return { id: id ? id._serialized : null };
        },

        // client.getChats(): call -> resolve, and how many chats came back.
        async getChats({ sid, timeoutMs }) {
            const s = session(sid);
            const t0 = now();
            const chats = await withTimeout(s.client.getChats(), timeoutMs, 'getChats()');
            return { ms: now() - t0, count: Array.isArray(chats) ? chats.length : null };
        },
    };
};
