'use strict';
// The features phase of the bench (BENCH_PHASES=features): two things a bot does that cost more
// than a text message, for our client and whatsapp-web.js 1.34.7 side by side on the same
// simulator (bench/README.md, "The features phase"). Runs alternate ours, whatsapp-web.js, ...
// after discarded warm-up rounds; each is a fresh worker logged in by QR scan into a fresh account
// (bench/after-login.js). In each run, after `ready` and a settle:
//   (s) STICKERS x client.sendMessage('<contact>@c.us', media, { sendMediaAsSticker: true,
//       stickerName, stickerAuthor }) with a 1 MP JPEG (bench/fixtures/pattern-1mp.jpg), timed from
//       the call to the simulator's `message-sent` event (the server stored it: it is in the
//       contact's inbox), so the conversion to a 512x512 WebP is included for both clients (ours
//       in Rust; whatsapp-web.js in the page, WAWebImageUtils.toWebpSticker, plus node-webpmux for
//       the name and author). The inbox is checked: a 512x512 sticker with that name and author.
//   (p) VOTERS contacts are in a group with the account; the account sends a poll there, every
//       contact votes (sim.peer.vote(), the in-process POST /_sim/peer/vote); once the client has
//       emitted a `vote_update` from each, client.getPollVotes(pollId) is timed POLL_CALLS times.
//       Every call must answer VOTERS votes from VOTERS different voters, or the step fails.

const fs = require('fs');
const path = require('path');
const { median } = require('./stats');
const { alternatingRuns, loggedInRun, runRow, timedSends } = require('./after-login');

// A generated pattern (no photo of anything): ffmpeg's mandelbrot source with uniform noise of a
// fixed seed, 1280x800 (1.02 MP), baseline JPEG at -q:v 4 (bench/README.md has the command).
const JPEG = path.join(__dirname, 'fixtures', 'pattern-1mp.jpg');

// Numbers: each run's account, the sticker's contact and the voters. The address book is one for
// the simulator, so the voters are added once.
const ACCOUNT_BASE = 15550300000;
const STICKER_PEER = '15557300004';
const VOTER_BASE = 15557600000;
const POLL_OPTIONS = ['Red', 'Green', 'Blue'];
const STICKER_AUTHOR = 'bench author';

function featureConfig(envInt) {
    return {
        stickers: envInt('BENCH_STICKER_SENDS', 5, 1),
        voters: envInt('BENCH_POLL_VOTERS', 200, 1),
        pollCalls: envInt('BENCH_POLL_CALLS', 5, 1),
        spacingMs: envInt('BENCH_MSG_SPACING_MS', 300, 0),
        quietMs: envInt('BENCH_MSG_QUIET_MS', 15000, 1000),
    };
}

// (s) STICKERS stickers from the JPEG, one at a time, spaced (bench/after-login.js, timedSends),
// each checked in the inbox: a 512x512 sticker with its own name and the author.
async function stickers(ctx, w) {
    // Untimed: the picture crosses IPC once.
    await w.request('loadMedia', { sid: 1, mimetype: 'image/jpeg', data: fs.readFileSync(JPEG).toString('base64'), filename: 'pattern-1mp.jpg' });
    return timedSends(ctx, w, STICKER_PEER, {
        count: ctx.feat.stickers,
        spacingMs: ctx.feat.spacingMs,
        send: (i) => w.request('sendSticker', { sid: 1, to: `${STICKER_PEER}@c.us`, name: `bench pack ${i}`, author: STICKER_AUTHOR }, ctx.T.call),
        check: (m, i) => {
            const meta = (m.sticker && m.sticker.metadata) || {};
            if (m.type !== 'sticker' || m.sticker.width !== 512 || m.sticker.height !== 512 || meta['sticker-pack-name'] !== `bench pack ${i}` || meta['sticker-pack-publisher'] !== STICKER_AUTHOR) {
                throw new Error(`${m.id} reached the inbox as ${JSON.stringify({ type: m.type, sticker: m.sticker })}, not a 512x512 sticker named bench pack ${i}`);
            }
            return { bytes: m.media && m.media.size };
        },
    });
}

// (p) A group of the account and VOTERS contacts, a poll in it, a vote from each contact, then
// getPollVotes() POLL_CALLS times.
async function pollVotes(ctx, w, account) {
    const voters = ctx.feat.voterNumbers;
    const group = ctx.sim.createGroup({ subject: 'Bench poll', participants: voters, account });
    await w.request('waitGroup', { sid: 1, chatId: group.id }, ctx.T.call);
    const since = ctx.sim.events.length;
    const poll = await w.request('sendPoll', { sid: 1, to: group.id, name: 'Colour?', options: POLL_OPTIONS }, ctx.T.call);
    // The votes need the poll at the server.
    await ctx.sim.waitFor('message-sent', (e) => e.key === poll.id, ctx.T.call, { since });
    const votedAt = ctx.hrNow();
    for (const [i, from] of voters.entries()) ctx.sim.peer.vote({ from, messageId: poll.id, options: [POLL_OPTIONS[i % POLL_OPTIONS.length]] });
    const seen = await w.request('waitVotes', { sid: 1, count: voters.length, quietMs: ctx.feat.quietMs }, 300000);
    await ctx.sleep(ctx.CONFIG.gapMs);
    const calls = [];
    for (let i = 0; i < ctx.feat.pollCalls; i++) {
        const r = await w.request('getPollVotes', { sid: 1, id: poll.id }, ctx.T.call);
        // The figure only counts if every vote came back, each from its own voter.
        if (r.count !== voters.length || r.voters !== voters.length) {
            throw new Error(`getPollVotes() answered ${r.count} votes from ${r.voters} voters, not ${voters.length} (vote_update seen from ${seen.voters}): ${JSON.stringify(r.tally)}`);
        }
        calls.push(r);
        await ctx.sleep(ctx.feat.spacingMs);
    }
    return {
        group: group.id,
        poll: poll.id,
        votesSeen: seen.voters,
        votesWait: seen.reason,
        votesToLastUpdateMs: seen.waitedMs,
        sinceVotesMs: ctx.hrNow() - votedAt,
        count: calls[0].count,
        tally: calls[0].tally,
        samples: calls.map((c) => c.ms),
        firstMs: calls[0].ms,
        ms: median(calls.map((c) => c.ms)),
    };
}

function featuresRun(ctx, kind, label, account) {
    return loggedInRun(ctx, kind, label, account, {
        beforeScan: (w) => w.request('watchFeatures', { sid: 1 }),
        steps: [
            ['sticker', 'sticker', (w) => stickers(ctx, w)],
            ['poll', 'getPollVotes', (w) => pollVotes(ctx, w, account)],
        ],
    });
}

function summary(r) {
    const f = (x) => (x == null ? '-' : x.toFixed(1));
    const parts = [];
    if (r.sticker) parts.push(`sticker -> inbox ${f(r.sticker.inboxMs)} ms, resolves ${f(r.sticker.resolveMs)} ms`);
    if (r.poll) parts.push(`getPollVotes ${f(r.poll.ms)} ms (${r.poll.count} votes)`);
    return parts.join('; ');
}

// ctx: run.js's { sim, CONFIG, T, envInt, log, sleep, hrNow, attempt, newWorker, scanToReady, procfs }.
async function featuresPhase(runnerCtx) {
    const feat = featureConfig(runnerCtx.envInt);
    feat.voterNumbers = Array.from({ length: feat.voters }, (_, i) => String(VOTER_BASE + i));
    const ctx = { ...runnerCtx, feat };
    // The voters in the address book, with names, as a group's members usually are.
    ctx.sim.addContacts(feat.voterNumbers.map((number, i) => ({ number, name: `Voter ${i + 1}` })));
    const runs = await alternatingRuns(ctx, 'features', ACCOUNT_BASE, (kind, label, account) => featuresRun(ctx, kind, label, account), summary);
    const { voterNumbers, ...config } = feat;
    return { config, runs };
}

function featureRows(features, statsFns) {
    const rows = [];
    const row = (...args) => rows.push(runRow(features.runs, statsFns, ...args));
    const c = features.config;
    const of = (part, f) => (r) => (r[part] ? f(r[part]) : null);
    row('s.sticker', `(s) 1 MP JPEG as a sticker -> in peer's inbox (median of ${c.stickers})`, 'ms', of('sticker', (x) => x.inboxMs));
    row('s.sticker.resolve', '    sendMessage() resolves', 'ms', of('sticker', (x) => x.resolveMs));
    row('p.votes', `(p) getPollVotes(), ${c.voters} votes (median of ${c.pollCalls})`, 'ms', of('poll', (x) => x.ms));
    row('p.votes.first', '    the first call', 'ms', of('poll', (x) => x.firstMs));
    row('p.votes.count', '    votes returned', '', of('poll', (x) => x.count));
    return rows;
}

function featuresNote(features) {
    const c = features.config;
    return (
        `(s) ${c.stickers} sendMessage(media, { sendMediaAsSticker, stickerName, stickerAuthor }) calls with a 1280x800 JPEG (bench/fixtures/pattern-1mp.jpg), ${c.spacingMs} ms apart, after one untimed getNumberId(); timed to the simulator's 'message-sent' event, conversion included; each checked in the inbox as a 512x512 sticker with its name and author. ` +
        `(p) ${c.voters} contacts in a group vote on the account's poll there (sim.peer.vote()); once the client emitted a vote_update from each, getPollVotes() is called ${c.pollCalls} times, each required to return the ${c.voters} votes.`
    );
}

module.exports = { featuresPhase, featureRows, featuresNote };
