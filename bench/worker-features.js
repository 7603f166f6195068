'use strict';
// The worker's side of the features phase (bench/features.js): a sticker made from a picture and
// getPollVotes() on a poll many contacts voted on, with the client's own classes (our MessageMedia
// and Poll, or whatsapp-web.js's), stamped with process.hrtime (CLOCK_MONOTONIC), the clock the
// runner stamps the simulator's events with.

module.exports = function featureOps({ session, now, withTimeout, lib }) {
    // Resolves once `done()` is true, or once `count()` has not changed for `quietMs`, or at
    // `timeoutMs`; never rejects: the runner checks what came.
    const settle = (done, count, quietMs, timeoutMs) => {
        const started = now();
        let last = count();
        let lastChange = started;
        return new Promise((resolve) => {
            const timer = setInterval(() => {
                const n = count();
                if (n !== last) {
                    last = n;
                    lastChange = now();
                }
                const reason = done() ? 'all' : now() - lastChange >= quietMs ? 'quiet' : now() - started >= timeoutMs ? 'timeout' : null;
                if (reason) {
                    clearInterval(timer);
                    resolve({ reason, waitedMs: now() - started });
                }
            }, 20);
        });
    };

    return {
        // Starts recording the groups joined and the voters seen in `vote_update` (done before the
        // scan, so none can be missed here). whatsapp-web.js 1.34.7 gives `voter` as a wid object.
        watchFeatures({ sid }) {
            const s = session(sid);
            if (s.voters) return {};
            s.voters = new Map();
            s.joined = new Set();
            s.client.on('vote_update', (vote) => {
                const voter = vote && vote.voter && typeof vote.voter === 'object' ? vote.voter._serialized : vote && vote.voter;
                s.voters.set(String(voter), now());
            });
            s.client.on('group_join', (n) => s.joined.add(n && n.chatId));
            return {};
        },

        // Waits for `group_join` of group `chatId`: the page has the group and can write to it.
        async waitGroup({ sid, chatId, timeoutMs }) {
            const s = session(sid);
            const r = await settle(() => s.joined.has(chatId), () => s.joined.size, timeoutMs, timeoutMs);
            if (r.reason !== 'all') throw new Error(`no group_join of ${chatId} within ${timeoutMs} ms`);
            return r;
        },

        // Waits until `count` different voters have been seen in `vote_update` (or none for
        // `quietMs`); answers how many were.
        async waitVotes({ sid, count, quietMs, timeoutMs }) {
            const s = session(sid);
            const r = await settle(() => s.voters.size >= count, () => s.voters.size, quietMs, timeoutMs);
            return { ...r, voters: s.voters.size };
        },

        // The picture the stickers are made from, handed over once, untimed (it crosses IPC as
        // base64), as the client's own MessageMedia.
        loadMedia({ sid, mimetype, data, filename }) {
            session(sid).media = new (lib().MessageMedia)(mimetype, data, filename);
            return {};
        },

        // sendMessage(to, media, { sendMediaAsSticker, stickerName, stickerAuthor }): when it was
        // called and when it resolved (conversion included for both clients).
        async sendSticker({ sid, to, name, author, timeoutMs }) {
            const s = session(sid);
            const calledAt = now();
            const msg = await withTimeout(s.client.sendMessage(to, s.media, { sendMediaAsSticker: true, stickerName: name, stickerAuthor: author }), timeoutMs, 'sendMessage(sticker)');
            return { calledAt, resolvedAt: now(), id: msg && msg.id ? msg.id._serialized : null, type: msg && msg.type };
        },

        // sendMessage(to, new Poll(name, options)): the poll's id.
        async sendPoll({ sid, to, name, options, timeoutMs }) {
            const msg = await withTimeout(session(sid).client.sendMessage(to, new (lib().Poll)(name, options)), timeoutMs, 'sendMessage(poll)');
            return { id: msg && msg.id ? msg.id._serialized : null, type: msg && msg.type };
        },

        // client.getPollVotes(id): call -> resolve, and how many votes (and different voters) came back.
        async getPollVotes({ sid, id, timeoutMs }) {
            const t0 = now();
            const votes = await withTimeout(session(sid).client.getPollVotes(id), timeoutMs, 'getPollVotes()');
            const ms = now() - t0;
            const list = Array.isArray(votes) ? votes : [];
            const voters = new Set(list.map((v) => (v.voter && typeof v.voter === 'object' ? v.voter._serialized : v.voter)));
            // How many votes each selection got, e.g. { Red: 67, Green: 67, Blue: 66 }.
            const tally = {};
            for (const v of list) {
                const key = (v.selectedOptions || []).map((o) => o && o.name).join('+');
                tally[key] = (tally[key] || 0) + 1;
            }
            return { ms, count: Array.isArray(votes) ? votes.length : null, voters: voters.size, tally };
        },
    };
};
