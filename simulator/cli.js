#!/usr/bin/env node
'use strict';
// Runs the WhatsApp Web login simulator standalone, with the real timings unless told otherwise,
// and prints how to point a client at it and how to play the phone.

const { startSimulator, DEFAULTS, REAL_DEFAULTS } = require('./index');
const { BASE_CHROMIUM_ARGS } = require('./chromium');

// --flag-name -> option name and how to read its value.
const FLAGS = {
    '--host': ['host', String],
    '--https-port': ['httpsPort', Number],
    '--http-port': ['httpPort', Number],
    '--refs-per-batch': ['refsPerBatch', Number],
    '--first-ref-ttl-ms': ['firstRefTtlMs', Number],
    '--next-ref-ttl-ms': ['nextRefTtlMs', Number],
    '--code-ttl-ms': ['codeTtlMs', Number],
    '--code-max-attempts': ['codeMaxAttempts', Number],
    '--sync-step-ms': ['syncStepMs', Number],
    '--version': ['version', String],
    // Real-sequence mode (simulator/README.md); the numbers below default to the real mode's.
    '--module-delay-ms': ['moduleDelayMs', Number],
    '--debug-variant': ['debugVariant', String],
    '--sync-before-connected': ['syncBeforeConnected', readBool],
    '--connected-after-sync-ms': ['connectedAfterSyncMs', Number],
    '--logout-delay-ms': ['logoutDelayMs', Number],
    '--reconnect-backoff-ms': ['reconnectBackoffMs', Number],
    '--reconnect-backoff-max-ms': ['reconnectBackoffMaxMs', Number],
    // Heavy page (with --real-sequence): bundle size in bytes.
    '--bundle-bytes': ['bundleBytes', Number],
    // Heavy page layout: varied (per-load draws, the default) or fixed.
    '--heavy-layout': ['heavyLayout', String],
    // Modules the page never defines, comma-separated (startSimulator's missingModules).
    '--missing-modules': ['missingModules', readList],
};

function readList(value) {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function readBool(value) {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new Error(`expected true or false, not ${value}`);
}

function usage() {
    const lines = Object.entries(FLAGS).map(
        ([flag, [name]]) => `  ${flag.padEnd(26)} (default ${JSON.stringify(name in DEFAULTS ? DEFAULTS[name] : REAL_DEFAULTS[name])})`,
    );
    return [
        'Usage: whatsapp-web-sim [options]',
        '',
        'Serves a simulated https://web.whatsapp.com/ and plays the WhatsApp server and a phone.',
        'Options (real WhatsApp timings by default):',
        '  --real-sequence            the real page\'s load, login, logout and reconnect sequence',
        '  --heavy-page               with --real-sequence: megabytes of modules, images, fonts, a service worker',
        ...lines,
        '  --quiet                    do not print every simulator event',
        '  --help                     this text',
    ].join('\n');
}

function parseArgs(argv) {
    const options = {};
    let quiet = false;
    for (let i = 0; i < argv.length; i++) {
        let arg = argv[i];
        let value;
        const eq = arg.indexOf('=');
        if (arg.startsWith('--') && eq > 0) {
            value = arg.slice(eq + 1);
            arg = arg.slice(0, eq);
        }
        if (arg === '--help' || arg === '-h') return { help: true };
        if (arg === '--quiet') {
            quiet = true;
            continue;
        }
        if (arg === '--real-sequence' && value === undefined) {
            options.realSequence = true;
            continue;
        }
        if (arg === '--heavy-page' && value === undefined) {
            options.heavyPage = true;
            continue;
        }
        const spec = FLAGS[arg];
        if (!spec) throw new Error(`unknown option ${arg}\n\n${usage()}`);
        if (value === undefined) value = argv[++i];
        if (value === undefined) throw new Error(`${arg} needs a value`);
        const [name, read] = spec;
        let parsed;
        try {
            parsed = read(value);
        } catch (err) {
            throw new Error(`${arg}: ${err.message}`);
        }
        if (read === Number && !(Number.isFinite(parsed) && parsed >= 0)) {
            throw new Error(`${arg} needs a non-negative number, not ${value}`);
        }
        options[name] = parsed;
    }
    return { options, quiet };
}

const shellQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

async function main() {
    let parsed;
    try {
        parsed = parseArgs(process.argv.slice(2));
    } catch (err) {
        console.error(err.message);
        process.exit(2);
    }
    if (parsed.help) {
        console.log(usage());
        return;
    }
    let sim;
    try {
        sim = await startSimulator(parsed.options);
    } catch (err) {
        if (!(err instanceof TypeError)) throw err;
        console.error(err.message);
        process.exit(2);
    }
    if (!['127.0.0.1', 'localhost', '::1'].includes(sim.options.host)) {
        // Host/Origin checks stop web pages, not other machines: anyone who can
        // reach the port can scan QRs, type codes and log sessions out.
        console.warn(
            `WARNING: listening on ${sim.options.host}: the control API (/_sim/...) is open to every machine that can reach this one.`,
        );
    }
    const o = sim.options;
    const api = sim.httpUrl.replace(/\/$/, '');
    const flags = [...BASE_CHROMIUM_ARGS, ...sim.chromiumArgs];
    console.log(
        [
            'WhatsApp Web login simulator',
            `  page (HTTPS)   ${sim.httpsUrl}   reached as https://web.whatsapp.com/ with the flags below`,
            `  page (HTTP)    ${sim.httpUrl}`,
            `  version        ${o.version}`,
            `  timings        ${o.refsPerBatch} refs per batch, first ${o.firstRefTtlMs} ms, next ${o.nextRefTtlMs} ms; ` +
                `codes live ${o.codeTtlMs} ms, ${o.codeMaxAttempts} attempts; sync step ${o.syncStepMs} ms`,
            `  mode           ${
                o.realSequence
                    ? `real sequence: modules over ${o.moduleDelayMs} ms after Debug (${o.debugVariant}), ` +
                      `hasSynced before CONNECTED ${o.syncBeforeConnected ? `(+${o.connectedAfterSyncMs} ms)` : 'off'}, ` +
                      `unpair ${o.logoutDelayMs} ms after logout(), reconnect ${o.reconnectBackoffMs}..${o.reconnectBackoffMaxMs} ms` +
                      (o.heavyPage ? `; heavy page, ${sim.state().heavyPage.bundleBytes} bytes of JavaScript in ${sim.state().heavyPage.moduleCount} modules` : '')
                    : `instant (--real-sequence for the real page's sequence); reconnect ${o.reconnectBackoffMs}..${o.reconnectBackoffMaxMs} ms`
            }`,
            ...(o.missingModules.length ? [`  missing        ${o.missingModules.join(', ')} (require() throws for them)`] : []),
            '',
            'Chromium flags to point a client at it:',
            ...sim.chromiumArgs.map((a) => `  ${shellQuote(a)}`),
            '',
            'For example:',
            `  chromium ${flags.filter((f) => f !== '--headless=new').map(shellQuote).join(' ')} --user-data-dir=$(mktemp -d) https://web.whatsapp.com/`,
            '',
            'Control API (JSON):',
            `  curl -s ${api}/_sim/state`,
            `  curl -s ${api}/_sim/events`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/phone/scan -d '{"qr":"2@...,...,...,...,1"}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/phone/code -d '{"phone":"15551234567","code":"ABCD1234"}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/adv-rotate`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/fail-next-code -d '{"status":429}'   # or 400, "unavailable"`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/conflict -d '{"wid":"15550100001@c.us"}'          # wid optional: all`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/logout-from-phone -d '{"wid":"15550100001@c.us"}' # wid optional: all`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/forget-sessions -d '{"wid":"15550100001@c.us"}'   # wid optional: all`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/server/drop                                      # drop every page WebSocket`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/server/away -d '{"ms":30000}'                    # and refuse new ones for ms`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/config -d '{"missingModules":["WAWebAltDeviceLinkingApi"]}' # pages loaded from now on`,
            'After login (the account\'s world; see simulator/README.md):',
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/peer/send -d '{"from":"15557654321","body":"!ping"}'`,
            `  curl -s '${api}/_sim/peer/inbox?peer=15557654321'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/peer/read -d '{"peer":"15557654321"}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/peer/react -d '{"from":"15557654321","messageId":"...","reaction":"👍"}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/peer/revoke -d '{"from":"15557654321","messageId":"..."}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/contacts -d '{"contacts":[{"number":"15557654321","name":"Alice"}]}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/groups -d '{"subject":"Team","participants":["15557654321"]}'`,
            `  curl -s -X POST -H 'content-type: application/json' ${api}/_sim/unregistered -d '{"numbers":["15550000000"]}'`,
            '',
            'Ctrl-C stops it.',
            '',
        ].join('\n'),
    );
    if (!parsed.quiet) {
        sim.on('event', (ev) => {
            const { t, type, ...rest } = ev;
            console.log(`${new Date(t).toISOString()} ${type} ${JSON.stringify(rest)}`);
        });
    }
    let stopping = false;
    const stop = async (signal) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: stopping`);
        await sim.close();
        process.exit(0);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
});
