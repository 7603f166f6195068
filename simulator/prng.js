'use strict';
// mulberry32: a tiny deterministic PRNG (same seed, same sequence), for the heavy page's generated
// files (the same bytes at every start) and the varied layout's per-load draws (a seed per load).
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

module.exports = { prng };
