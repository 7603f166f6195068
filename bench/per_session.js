'use strict';
const { median } = require('./stats');
// Memory per added session, (g): two estimates from the same readings, for every figure.
//
// The sessions phase reads the total memory of a worker (Node + its Chromium tree) after each
// logged-in session: points (n, total). The runner starts them at n = 1 for every kind, so that
// what the 1st session brings in for all later ones (the shared browser; a browser per client's
// Chromium binary pages) is left out: "per added session" is from the 2nd session on. Every
// estimate uses the same points:
//
// - `median`: the median of the increments between consecutive points (the bench's first
//   estimator). Each increment is the difference of two readings, so a reading that is off (the
//   page still growing, a GC just run, another Chromium on the machine starting or stopping and
//   changing how its shared pages are split) spoils two increments, and for PSS, which is small
//   next to that noise, the increments scatter widely (-9 to 127 MiB around 54 in one run).
// - `slope`: the least-squares slope of the total against the session count over all points.
//   Every reading weighs in once and its standard error says how well the points lie on a line;
//   but it is pulled by a single outlier and by a step (another Chromium on the machine starting
//   or stopping moves every later PSS reading).
// - `theilSen`: the median of the slopes between every pair of points (Theil-Sen). It uses every
//   reading like the slope, and like the median it ignores a minority of bad readings and steps.
//
// PSS is split further: anonymous PSS (heaps, zygote-forked pages) is shared only within the
// worker's own tree, so other processes on the machine do not move it; file-backed PSS (the
// Chromium binary and libraries) is split with every Chromium on the machine, and carries almost
// all of the noise. `pssAlone` is the PSS the worker would have with the machine to itself:
// anonymous and shmem PSS plus every resident file page its processes map, counted once.

// Least-squares fit of y = a + b x; b with its standard error (null below 3 points).
function leastSquares(points) {
    const k = points.length;
    if (k < 2) return null;
    const mx = points.reduce((s, p) => s + p.x, 0) / k;
    const my = points.reduce((s, p) => s + p.y, 0) / k;
    let sxx = 0;
    let sxy = 0;
    for (const p of points) {
        sxx += (p.x - mx) ** 2;
        sxy += (p.x - mx) * (p.y - my);
    }
    if (!sxx) return null;
    const slope = sxy / sxx;
    const intercept = my - slope * mx;
    let sse = 0;
    for (const p of points) sse += (p.y - intercept - slope * p.x) ** 2;
    const stderr = k > 2 ? Math.sqrt(sse / (k - 2) / sxx) : null;
    return { slope, intercept, stderr, points: k };
}

// Theil-Sen: the median of the pairwise slopes.
function theilSen(points) {
    const slopes = [];
    for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
            if (points[j].x !== points[i].x) slopes.push((points[j].y - points[i].y) / (points[j].x - points[i].x));
        }
    }
    return median(slopes);
}


// The figures estimated, as named in the readings (bench/procfs.js snapshot().total).
// `pssAlone` is null where page frames cannot be read (not root).
const FIGURES = ['rss', 'pss', 'pssAnon', 'pssFile', 'uss', 'pssAlone'];

/**
 * Every estimate of every figure from the readings of one sessions run. `readings` are
 * { n, total: { rss, pss, ... } } in session order, the worker-alone reading (n = 0) first;
 * `firstN` is the first session count whose reading is a point.
 */
function perSession(readings, firstN) {
    const points = readings.filter((r) => r.n >= firstN);
    const out = { firstN, points: points.length };
    for (const f of FIGURES) {
        if (points.some((p) => typeof p.total[f] !== 'number')) {
            out[f] = { median: null, increments: [], slope: null, slopeStderr: null, theilSen: null };
            continue;
        }
        const increments = [];
        for (let i = 1; i < points.length; i++) increments.push(points[i].total[f] - points[i - 1].total[f]);
        const xy = points.map((p) => ({ x: p.n, y: p.total[f] }));
        const fit = leastSquares(xy);
        out[f] = {
            median: median(increments),
            increments,
            slope: fit && fit.slope,
            slopeStderr: fit && fit.stderr,
            theilSen: theilSen(xy),
        };
    }
    return out;
}

module.exports = { leastSquares, theilSen, median, perSession, FIGURES };
