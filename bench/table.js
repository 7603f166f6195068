'use strict';
// The table: every row with median [min-max] per kind and the ratios, printed and written to JSON.

const { CONFIG, MiB } = require('./harness');
const { ratio, stats } = require('./stats');

// ---- statistics and the table -------------------------------------------------------------------


function buildRows(latency, idle, sessions) {
    const rows = [];
    const pick = (kind, field, scale = 1) => stats((latency[kind] || []).map((r) => (r[field] == null ? null : r[field] / scale)));
    const latencyRow = (id, label, unit, field, withFloor = false, scale = 1, oursKind = 'ours') => {
        const ours = pick(oursKind, field, scale);
        const wwebjs = pick('wwebjs', field, scale);
        // The floor with the same cache state as our runs: warm for the shared-cache runs.
        const floor = withFloor ? pick(withFloor === 'cold' ? 'floor' : 'floor-warm', field, scale) : null;
        rows.push({ id, label, unit, ours, wwebjs, floor, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: floor ? ratio(ours, floor) : null });
    };
    // What a client spends above the bare client (the warm floor: same page, same run): each kind's
    // median minus the floor's median. The floor column holds the floor itself, ours/wwebjs compares
    // the two excesses, ours/floor the medians themselves (issue 24, item 3).
    const aboveFloorRow = (id, label, field) => {
        const floor = pick('floor-warm', field);
        if (!floor) return;
        const above = (s) => (s ? stats([s.median - floor.median]) : null);
        const ours = pick('ours', field);
        const ao = above(ours);
        const aw = above(pick('wwebjs', field));
        // A ratio of two excesses means something only when both are above the floor (on a noisy
        // machine a median can fall below it).
        const both = ao && aw && ao.median > 0 && aw.median > 0;
        rows.push({ id, label, unit: 'ms', ours: ao, wwebjs: aw, floor, oursOverWwebjs: both ? ratio(ao, aw) : null, oursOverFloor: ratio(ours, floor) });
    };
    if (latency) {
        latencyRow('a.first', '(a) initialize() -> first qr, 1st process', 'ms', 'qrMs', 'cold', 1, 'ours-first');
        latencyRow('a.first.socket', '    start -> page WebSocket open (sim)', 'ms', 'socketOpenMs', 'cold', 1, 'ours-first');
        latencyRow('a', '(a) initialize() -> first qr, 2nd process on', 'ms', 'qrMs', true);
        latencyRow('a.socket', '    start -> page WebSocket open (sim)', 'ms', 'socketOpenMs', true);
        latencyRow('a.ref', '    start -> first ref issued (sim)', 'ms', 'refIssuedMs', true);
        latencyRow('a.lag', '    ref issued -> qr / ref read', 'ms', 'refToQrMs', true);
        aboveFloorRow('a.above', '    first qr above the warm floor (medians)', 'qrMs');
        // Varied page only: each run's own drawn waits taken off (bench/latency.js, startBreakdown).
        if (pick('ours', 'qrLessDrawsMs')) {
            latencyRow('a.drawn', "    the page's drawn waits in those runs (modules + keys)", 'ms', 'drawnWaitMs', true);
            latencyRow('a.undrawn', "    first qr less the page's drawn waits", 'ms', 'qrLessDrawsMs', true);
            aboveFloorRow('a.undrawn.above', '    that, above the warm floor (medians)', 'qrLessDrawsMs');
        }
        latencyRow('a.init', '    initialize() resolves', 'ms', 'initMs');
        {
            const ours = stats((latency['ours-restart'] || []).map((r) => r.restartReadyMs));
            const wwebjs = stats((latency['wwebjs-restart'] || []).map((r) => r.restartReadyMs));
            rows.push({ id: 'a.restart', label: '(a) LocalAuth restart: initialize() -> ready', unit: 'ms', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        }
        latencyRow('b', `(b) requestPairingCode() (median of ${CONFIG.pairCycles})`, 'ms', 'pairMs', true);
        latencyRow('b.first', '    the first call, 1 s after the first qr', 'ms', 'firstPairMs', true);
        aboveFloorRow('b.above', '    requestPairingCode() above the warm floor (medians)', 'pairMs');
        latencyRow('b.hello', '    call -> code request at the server (sim)', 'ms', 'pairHelloMs');
        latencyRow('b.issued', '    call -> code issued (sim)', 'ms', 'pairIssuedMs');
        latencyRow('b.back', '    code issued -> resolves', 'ms', 'pairIssuedToResolveMs');
        latencyRow('c', `(c) cancelPairingCode() -> next qr (median of ${CONFIG.pairCycles})`, 'ms', 'cancelToQrMs', true);
        latencyRow('c.first', '    the first cancel', 'ms', 'firstCancelToQrMs', true);
        latencyRow('c.closed', '    call -> old socket closed (sim)', 'ms', 'cancelClosedMs');
        latencyRow('c.open', '    call -> new socket open (sim)', 'ms', 'cancelOpenMs');
        latencyRow('c.ref', '    call -> first ref issued (sim)', 'ms', 'cancelRefMs');
        latencyRow('c.back', '    ref issued -> qr', 'ms', 'cancelRefToQrMs');
        latencyRow('c.resolve', '    cancelPairingCode() resolves', 'ms', 'cancelResolveMs');
        latencyRow('d', '(d) scan -> ready', 'ms', 'scanToReadyMs');
        latencyRow('e.node', '(e) Node peak RSS (VmHWM)', 'MiB', 'nodePeakRss', false, MiB);
        latencyRow('e.chromium', '(e) Chromium tree peak RSS', 'MiB', 'chromiumPeakRss', false, MiB);
        latencyRow('e.total', '(e) peak RSS, Node + Chromium', 'MiB', 'totalPeakRss', false, MiB);
        latencyRow('e.pss', '    PSS after login, Node + Chromium', 'MiB', 'totalPss', false, MiB);
        latencyRow('e.procs', '    Chromium processes', '', 'chromiumProcesses');
        latencyRow('destroy', '    destroy()', 'ms', 'destroyMs');
        // The library's own share of Node's memory: the peak above a bare Node process.
        const bare = pick('node', 'nodePeakRss', MiB);
        if (bare) {
            const above = (kind) => stats((latency[kind] || []).map((r) => (r.nodePeakRss == null ? null : r.nodePeakRss / MiB - bare.median)));
            const ao = above('ours');
            const aw = above('wwebjs');
            rows.push({ id: 'e.node.bare', label: '    a bare Node process (baseline)', unit: 'MiB', ours: bare, wwebjs: bare, floor: null, oursOverWwebjs: null, oursOverFloor: null });
            rows.push({ id: 'e.node.lib', label: '(e) Node peak RSS above a bare Node', unit: 'MiB', ours: ao, wwebjs: aw, floor: null, oursOverWwebjs: ratio(ao, aw), oursOverFloor: null });
        }
        const second = stats((latency['ours-shared'] || []).map((r) => r.secondQrMs));
        const cold = pick('wwebjs', 'qrMs');
        if (second) {
            rows.splice(rows.findIndex((r) => r.id === 'a.init') + 1, 0, { id: 'a.shared', label: '(a) sharedBrowser: 2nd client -> first qr', unit: 'ms', ours: second, wwebjs: cold, floor: null, oursOverWwebjs: ratio(second, cold), oursOverFloor: null });
        }
    }
    if (idle) {
        const one = (kind, f) => (idle[kind] ? stats([f(idle[kind])]) : null);
        for (const [id, label, f] of [
            ['f.total', `(f) idle CPU, ${(CONFIG.idleMs / 1000).toFixed(0)} s in QR mode`, (r) => r.cpu.total],
            ['f.node', '    of which Node', (r) => r.cpu.node],
            ['f.chromium', '    of which Chromium', (r) => r.cpu.chromium],
        ]) {
            const ours = one('ours', f);
            const wwebjs = one('wwebjs', f);
            rows.push({ id, label, unit: 'CPU s', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        }
    }
    if (sessions) {
        const ours = sessions.ours ? stats([sessions.ours.fit]) : null;
        const wwebjs = sessions.wwebjs ? stats([sessions.wwebjs.fit]) : null;
        const shared = sessions['ours-shared'] ? stats([sessions['ours-shared'].fit]) : null;
        rows.push({ id: 'g', label: `(g) logged-in sessions in ${(CONFIG.rssLimitBytes / MiB / 1024).toFixed(0)} GiB RSS`, unit: 'sessions', ours, wwebjs, floor: null, oursOverWwebjs: ratio(ours, wwebjs), oursOverFloor: null });
        const byPss = (k) => (sessions[k] ? stats([sessions[k].fitPss]) : null);
        rows.push({ id: 'g.pss.count', label: `(g) logged-in sessions in ${(CONFIG.rssLimitBytes / MiB / 1024).toFixed(0)} GiB PSS`, unit: 'sessions', ours: byPss('ours'), wwebjs: byPss('wwebjs'), floor: null, oursOverWwebjs: ratio(byPss('ours'), byPss('wwebjs')), oursOverFloor: null });
        if (shared) {
            rows.push({ id: 'g.shared.pss', label: '(g) in PSS with sharedBrowser', unit: 'sessions', ours: byPss('ours-shared'), wwebjs: byPss('wwebjs'), floor: null, oursOverWwebjs: ratio(byPss('ours-shared'), byPss('wwebjs')), oursOverFloor: null });
            rows.push({ id: 'g.shared', label: '(g) in RSS with sharedBrowser', unit: 'sessions', ours: shared, wwebjs, floor: null, oursOverWwebjs: ratio(shared, wwebjs), oursOverFloor: null });
            // Added sessions: from the 2nd on (the 1st also launches the shared browser).
            const added = sessions['ours-shared'].steps.filter((st) => st.n > 1);
            const ps = added.length ? stats(added.map((st) => st.incrementRss / MiB)) : null;
            const pw0 = sessions.wwebjs && sessions.wwebjs.steps.length ? stats(sessions.wwebjs.steps.map((st) => st.incrementRss / MiB)) : null;
            rows.push({ id: 'g.shared.increment', label: '    RSS per added session, sharedBrowser', unit: 'MiB', ours: ps, wwebjs: pw0, floor: null, oursOverWwebjs: ratio(ps, pw0), oursOverFloor: null });
            const pps = added.length ? stats(added.map((st) => st.incrementPss / MiB)) : null;
            const ppw = sessions.wwebjs && sessions.wwebjs.steps.length ? stats(sessions.wwebjs.steps.map((st) => st.incrementPss / MiB)) : null;
            rows.push({ id: 'g.shared.increment.pss', label: '    PSS per added session, sharedBrowser', unit: 'MiB', ours: pps, wwebjs: ppw, floor: null, oursOverWwebjs: ratio(pps, ppw), oursOverFloor: null });
            // The same readings through the other estimators (bench/per_session.js), and the
            // anonymous part of PSS, which other processes on the machine cannot move.
            const est = (k, figure, e) => {
                const v = sessions[k] && sessions[k].perSession && sessions[k].perSession[figure][e];
                return v == null ? null : stats([v / MiB]);
            };
            // Theil-Sen is the estimate bench/README.md chose (the most stable across repeat runs).
            for (const [figure, e, label] of [
                ['pss', 'theilSen', '    PSS per added session, Theil-Sen'],
                ['pss', 'slope', '    PSS, least-squares slope'],
                ['pssAlone', 'theilSen', '    PSS alone on the machine, Theil-Sen'],
                ['pssAnon', 'theilSen', '    anonymous PSS, Theil-Sen'],
                ['rss', 'theilSen', '    RSS per added session, Theil-Sen'],
            ]) {
                const o = est('ours-shared', figure, e);
                const ww = est('wwebjs', figure, e);
                rows.push({ id: `g.shared.${figure}.${e}`, label, unit: 'MiB', ours: o, wwebjs: ww, floor: null, oursOverWwebjs: ratio(o, ww), oursOverFloor: null });
            }
        }
        const per = (r) => (r && r.steps.length ? stats(r.steps.map((s) => s.incrementRss / MiB)) : null);
        const po = per(sessions.ours);
        const pw = per(sessions.wwebjs);
        rows.push({ id: 'g.increment', label: '    RSS added per session', unit: 'MiB', ours: po, wwebjs: pw, floor: null, oursOverWwebjs: ratio(po, pw), oursOverFloor: null });
        // The same sessions counted without double-counting shared pages, for scale.
        const pssAt = (r) => {
            const fitting = r ? r.steps.filter((s) => s.totalRss <= CONFIG.rssLimitBytes) : [];
            return fitting.length ? stats([fitting[fitting.length - 1].totalPss / MiB]) : null;
        };
        const so = pssAt(sessions.ours);
        const sw = pssAt(sessions.wwebjs);
        rows.push({ id: 'g.pss', label: '    total PSS with those sessions', unit: 'MiB', ours: so, wwebjs: sw, floor: null, oursOverWwebjs: ratio(so, sw), oursOverFloor: null });
    }
    return rows;
}

function fmt(s, unit) {
    if (!s) return '-';
    const digits = unit === 'CPU s' ? 2 : unit === 'ms' && s.median < 100 ? 1 : 0;
    const f = (x) => x.toFixed(digits);
    return s.n > 1 ? `${f(s.median)} [${f(s.min)}–${f(s.max)}]` : f(s.median);
}

function printTable(rows) {
    const header = ['measure', 'unit', 'ours: median [min–max]', 'whatsapp-web.js', 'floor', 'ours/wwebjs', 'ours/floor'];
    const body = rows.map((r) => [
        r.label,
        r.unit,
        fmt(r.ours, r.unit),
        fmt(r.wwebjs, r.unit),
        r.floor ? fmt(r.floor, r.unit) : '',
        r.oursOverWwebjs == null ? '' : r.oursOverWwebjs.toFixed(2),
        r.oursOverFloor == null ? '' : r.oursOverFloor.toFixed(2),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const line = (cells) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of body) console.log(line(row));
}

module.exports = { buildRows, printTable };
