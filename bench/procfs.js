'use strict';
// Reading memory and CPU from /proc (Linux only). The bench runner measures its worker processes
// from the outside with these, so the measuring itself costs the measured processes nothing.

const fs = require('fs');
const { execFileSync } = require('child_process');

const PAGE_SIZE = (() => {
    try {
        return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
        return 4096;
    }
})();

// utime/stime in /proc/<pid>/stat are in clock ticks (USER_HZ), not in a fixed unit.
const CLK_TCK = (() => {
    try {
        return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
        return 100;
    }
})();

function read(file) {
    try {
        return fs.readFileSync(file, 'utf8');
    } catch {
        return null; // the process exited meanwhile: it simply no longer counts
    }
}

function numericEntries() {
    try {
        return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
    } catch {
        return [];
    }
}

// Every process whose command line contains `needle` (never `exclude`, i.e. the worker itself).
// The runner gives every worker a private directory that its Chromium profiles and the crash
// handler's database (XDG_CONFIG_HOME) live under, so this finds exactly that worker's
// Chromium tree: browser, zygotes, GPU, utility and renderer processes and both crashpad handlers.
function pidsMentioning(needle, exclude = []) {
    const out = [];
    for (const pid of numericEntries()) {
        if (exclude.includes(pid) || pid === process.pid) continue;
        const cmd = read(`/proc/${pid}/cmdline`);
        if (cmd && cmd.includes(needle)) out.push({ pid, cmdline: cmd });
    }
    return out;
}

function rssBytes(pid) {
    const statm = read(`/proc/${pid}/statm`);
    if (!statm) return 0;
    return Number(statm.split(' ')[1]) * PAGE_SIZE;
}

// VmRSS and VmHWM (the kernel's own peak RSS of the process), in bytes.
function memStatus(pid) {
    const status = read(`/proc/${pid}/status`);
    const field = (name) => {
        const m = status && new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
        return m ? Number(m[1]) * 1024 : 0;
    };
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

// Proportional set size: shared pages divided among the processes sharing them. Summed RSS counts
// Chromium's shared libraries and zygote-forked pages once per process; PSS does not.
function pssBytes(pid) {
    return smapsRollup(pid).pss;
}

// The parts of a process's memory from /proc/<pid>/smaps_rollup, in bytes. PSS splits into
// anonymous (heaps, zygote-forked pages: shared only within one Chromium tree, so it does not
// depend on what else runs on the machine), file-backed (the Chromium binary and libraries: split
// with every Chromium on the machine, ours or not) and shmem. USS (private clean + dirty) is what
// the process alone holds.
function smapsRollup(pid) {
    const text = read(`/proc/${pid}/smaps_rollup`);
    const field = (name) => {
        const m = text && new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
        return m ? Number(m[1]) * 1024 : 0;
    };
    return {
        pss: field('Pss'),
        pssAnon: field('Pss_Anon'),
        pssFile: field('Pss_File'),
        pssShmem: field('Pss_Shmem'),
        uss: field('Private_Clean') + field('Private_Dirty'),
    };
}

// CPU ticks of a process: its own (utime+stime) and its reaped children's (cutime+cstime).
function cpuTicks(pid) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) return null;
    // The command name (field 2) may contain spaces; everything after the last ") " is numeric.
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    // f[0] is field 3 (state); utime is field 14 -> f[11].
    return { self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
}

// What a Chromium process is, for the per-type breakdown: browser, renderer, zygote, gpu-process,
// utility:<service>, crashpad.
function processType(cmdline) {
    // Chromium's child processes rewrite their command line into one space-separated string.
    const args = cmdline.split(/[\0 ]/);
    if (/crashpad_handler$/.test(args[0])) return 'crashpad-handler';
    const type = args.find((a) => a.startsWith('--type='));
    if (!type) return 'browser';
    const t = type.slice('--type='.length);
    if (t === 'utility') {
        const sub = args.find((a) => a.startsWith('--utility-sub-type='));
        return sub ? `utility:${sub.slice('--utility-sub-type='.length).replace(/\.mojom\./, '.')}` : 'utility';
    }
    if (t === 'renderer' && args.includes('--top-chrome-webui')) return 'renderer(webui)';
    return t;
}

// The resident pages of files mapped by a set of processes, each page counted once: what their
// file-backed PSS would sum to if nothing else on the machine mapped those files (the Chromium
// binary and its libraries are otherwise split with every Chromium running, ours or not, which
// moves PSS as other programs start and stop). Reads each file mapping's page frame numbers from
// /proc/<pid>/pagemap; they read as zero without CAP_SYS_ADMIN, and then this returns null.
function distinctFilePageBytes(pids) {
    const frames = new Set();
    let present = 0;
    for (const pid of pids) {
        const maps = read(`/proc/${pid}/maps`);
        if (!maps) continue;
        let fd;
        try {
            fd = fs.openSync(`/proc/${pid}/pagemap`, 'r');
        } catch {
            continue;
        }
        try {
            for (const line of maps.split('\n')) {
                // start-end perms offset dev inode path; only readable mappings of real files.
                const m = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ (\d+)\s+(\/\S.*)$/.exec(line);
                if (!m || m[4] === '0' || m[3].startsWith('---') || m[5].startsWith('/dev/') || m[5].startsWith('/memfd:')) continue;
                const first = parseInt(m[1], 16) / PAGE_SIZE;
                const count = (parseInt(m[2], 16) - parseInt(m[1], 16)) / PAGE_SIZE;
                const buf = Buffer.alloc(count * 8);
                const got = fs.readSync(fd, buf, 0, buf.length, first * 8) / 8;
                for (let i = 0; i < got; i++) {
                    const hi = buf.readUInt32LE(i * 8 + 4);
                    if (!(hi & 0x80000000)) continue; // not present
                    // Bit 61 clear: a private copy (copy-on-write, e.g. the binary's relocated data),
                    // which is anonymous memory and already in Pss_Anon.
                    if (!(hi & 0x20000000)) continue;
                    present += 1;
                    const pfn = (hi & 0x7fffff) * 0x100000000 + buf.readUInt32LE(i * 8);
                    if (pfn) frames.add(pfn);
                }
            }
        } catch {
            /* the process exited meanwhile: what was read still counts */
        } finally {
            fs.closeSync(fd);
        }
    }
    return present && !frames.size ? null : frames.size * PAGE_SIZE;
}

const SMAPS_FIELDS = ['pss', 'pssAnon', 'pssFile', 'pssShmem', 'uss'];
function addSmaps(into, parts) {
    for (const f of SMAPS_FIELDS) into[f] = (into[f] || 0) + parts[f];
}

/**
 * One look at a worker: the Node process itself and its Chromium tree.
 * `withPss` adds PSS and its parts (slower: the kernel walks page tables), `withTypes` a
 * per-type breakdown, `withAlone` (with `withPss`) the PSS the worker would have alone on the
 * machine (`total.pssAlone`; slower still: reads every file mapping's page frames).
 */
function snapshot(workerPid, dir, { withPss = false, withTypes = false, withAlone = false } = {}) {
    const tree = pidsMentioning(dir, [workerPid]);
    const node = memStatus(workerPid);
    const out = {
        node: { rss: node.rss, hwm: node.hwm },
        tree: { rss: 0, processes: tree.length },
    };
    if (withPss) {
        addSmaps(out.node, smapsRollup(workerPid));
        addSmaps(out.tree, { pss: 0, pssAnon: 0, pssFile: 0, pssShmem: 0, uss: 0 });
    }
    const types = {};
    for (const { pid, cmdline } of tree) {
        const rss = rssBytes(pid);
        out.tree.rss += rss;
        const parts = withPss ? smapsRollup(pid) : null;
        if (parts) addSmaps(out.tree, parts);
        if (withTypes) {
            const t = processType(cmdline);
            const slot = (types[t] = types[t] || { count: 0, rss: 0 });
            slot.count += 1;
            slot.rss += rss;
            if (parts) addSmaps(slot, parts);
        }
    }
    if (withTypes) out.tree.byType = types;
    out.total = { rss: out.node.rss + out.tree.rss };
    if (withPss) for (const f of SMAPS_FIELDS) out.total[f] = out.node[f] + out.tree[f];
    if (withPss && withAlone) {
        // PSS as if the worker (Node and its Chromium tree) were alone on the machine: anonymous
        // and shmem PSS are shared only within the tree already; file pages once each.
        const files = distinctFilePageBytes([workerPid, ...tree.map((p) => p.pid)]);
        out.total.pssAlone = files == null ? null : out.total.pssAnon + out.total.pssShmem + files;
    }
    return out;
}

/**
 * CPU ticks of a worker and its Chromium tree, counted so that a difference of two readings is
 * the CPU spent in between: each process's own time plus its reaped children's, so a process that
 * exits in between is still counted (its time moves into its parent's cutime/cstime).
 */
function cpuReading(workerPid, dir) {
    const node = cpuTicks(workerPid) || { self: 0, children: 0 };
    let tree = 0;
    for (const { pid } of pidsMentioning(dir, [workerPid])) {
        const t = cpuTicks(pid);
        if (t) tree += t.self + t.children;
    }
    // The worker's reaped children are Chromium processes (ours spawns the browser directly,
    // puppeteer too), so that part is Chromium's.
    return { node: node.self, chromium: tree + node.children };
}

function cpuSeconds(before, after) {
    const node = (after.node - before.node) / CLK_TCK;
    const chromium = (after.chromium - before.chromium) / CLK_TCK;
    return { node, chromium, total: node + chromium };
}

/**
 * Samples a worker every `intervalMs` and keeps the peaks: of the Node process's RSS, of the sum
 * over its Chromium tree and of both together at the same instant. Started and stopped by the
 * runner around the part of a run it wants the peak of.
 */
class PeakSampler {
    constructor(workerPid, dir, intervalMs) {
        this.workerPid = workerPid;
        this.dir = dir;
        this.peak = { node: 0, tree: 0, total: 0, treeProcesses: 0 };
        this.samples = 0;
        this.timer = setInterval(() => this.sample(), intervalMs);
        this.timer.unref();
        this.sample();
    }
    sample() {
        const tree = pidsMentioning(this.dir, [this.workerPid]);
        let treeRss = 0;
        for (const { pid } of tree) treeRss += rssBytes(pid);
        const nodeRss = rssBytes(this.workerPid);
        this.samples += 1;
        this.peak.node = Math.max(this.peak.node, nodeRss);
        this.peak.tree = Math.max(this.peak.tree, treeRss);
        this.peak.total = Math.max(this.peak.total, nodeRss + treeRss);
        this.peak.treeProcesses = Math.max(this.peak.treeProcesses, tree.length);
    }
    stop() {
        clearInterval(this.timer);
        this.sample();
        return { ...this.peak, samples: this.samples };
    }
}

module.exports = { PAGE_SIZE, CLK_TCK, pidsMentioning, rssBytes, memStatus, pssBytes, smapsRollup, distinctFilePageBytes, cpuTicks, processType, snapshot, cpuReading, cpuSeconds, PeakSampler };
