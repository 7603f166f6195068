'use strict';
// Medians and ratios, shared by every phase and the table.

function stats(values) {
    const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
    if (!v.length) return null;
    const mid = v.length >> 1;
    const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return { n: v.length, median, min: v[0], max: v[v.length - 1], samples: values };
}

function ratio(a, b) {
    return a && b && b.median ? a.median / b.median : null;
}

/** The median of the numbers among `values`, or null when there are none. */
function median(values) {
    const s = stats(values);
    return s ? s.median : null;
}

module.exports = { stats, ratio, median };
