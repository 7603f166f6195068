'use strict';
// Helpers to run Chromium against the simulator and to leave nothing behind: a fresh profile
// directory per browser, and a last-resort kill of every process whose command line names that
// directory (a crashed test must not leave Chromium running or its profile locked).

const fs = require('fs');
const os = require('os');
const path = require('path');

// Flags for a quiet, headless, root-friendly Chromium that reaches no real network service.
const BASE_CHROMIUM_ARGS = Object.freeze([
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--headless=new',
]);

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function makeProfileDir(prefix = 'wa-sim-profile-') {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Pids of processes whose command line contains `needle`, from /proc (Linux).
function pidsMentioning(needle) {
    const pids = [];
    let entries = [];
    try {
        entries = fs.readdirSync('/proc');
    } catch {
        return pids;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
        try {
            const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            if (cmdline.includes(needle)) pids.push(Number(entry));
        } catch {
            /* gone already */
        }
    }
    return pids;
}

// Kills (SIGKILL, by pid) every process started with this profile directory. Returns the pids.
function killProfileProcesses(dir) {
    if (!dir || dir.length < 8) return [];
    const pids = pidsMentioning(dir);
    for (const pid of pids) {
        try {
            process.kill(pid, 'SIGKILL');
        } catch {
            /* exited meanwhile */
        }
    }
    return pids;
}

async function removeProfileDir(dir) {
    if (!dir) return;
    killProfileProcesses(dir);
    // Chromium's children may take a moment to let go of files.
    for (let i = 0; i < 5; i++) {
        try {
            fs.rmSync(dir, { recursive: true, force: true });
            return;
        } catch {
            await new Promise((r) => setTimeout(r, 100));
        }
    }
}

// Launch Chromium (through puppeteer, which must be installed by the caller's project) pointed at
// the simulator: https://web.whatsapp.com/ resolves to it.
async function launchChromium({ sim, userDataDir, extraArgs = [], puppeteer } = {}) {
    const pptr = puppeteer || require('puppeteer');
    return pptr.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        userDataDir,
        args: [...BASE_CHROMIUM_ARGS, ...(sim ? sim.chromiumArgs : []), ...extraArgs],
    });
}

module.exports = {
    BASE_CHROMIUM_ARGS,
    CHROMIUM_PATH,
    makeProfileDir,
    killProfileProcesses,
    removeProfileDir,
    launchChromium,
};
