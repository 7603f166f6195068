// Runs before any page script in every new document (Page.addScriptToEvaluateOnNewDocument).
// It tells the client that a document started, when it fired `load`, and when WhatsApp
// Web is ready to be attached to: `window.Debug.VERSION` is set AND the modules the QR
// needs can be required. The real page loads its bundles with <script async>, so the version can
// appear before the modules are defined (requiring one then throws "Requiring unknown
// module"); each bundle that finishes loading is a reason to look again.
(() => {
  // Only the top frame is WhatsApp Web; iframes are not ours to report.
  if (window !== window.top) return;
  const BINDING = '__wwrs_binding';
  // The modules the QR itself needs (src/page/internals.json marks them `login`):
  // every other one is looked up when its feature runs, so a page without it still
  // logs in and only that feature fails (docs/page-internals.md).
  const MODULES = [
    'WAWebSocketModel',
    'WAWebConnModel',
    'WAWebUserPrefsMultiDevice',
    'WABase64',
    'WAWebCompanionRegClientUtils',
    'WAWebUserPrefsInfoStore',
    'WAWebSignalStoreApi',
  ];
  // The fallback for pages that set the version in a way no trap sees
  // (Object.defineProperty on window) or define modules without a script event
  // (after an IndexedDB read, from a requireLazy callback): a cheap check every
  // FAST_CHECK_MS while the page is starting, so a QR is noticed within a few
  // milliseconds (at 250 ms the heavy page's QR waited ~200 ms for it), then
  // every FALLBACK_CHECK_MS for a page that is slow to come up.
  const FAST_CHECK_MS = 15;
  const FAST_PERIOD_MS = 15000;
  const FALLBACK_CHECK_MS = 250;

  const send = (message) => {
    try {
      window[BINDING](JSON.stringify(message));
    } catch (_) {
      // The binding is missing only if the client detached; nothing to tell then.
    }
  };
  send({ t: 'doc', url: location.href });

  const versionOf = () => {
    try {
      const debug = window.Debug;
      return debug && debug.VERSION ? String(debug.VERSION) : null;
    } catch (_) {
      return null;
    }
  };
  const modulesReady = () => {
    if (typeof window.require !== 'function') return false;
    try {
      for (const name of MODULES) {
        if (!window.require(name)) return false;
      }
      return true;
    } catch (_) {
      return false; // "Requiring unknown module": a bundle is still on its way
    }
  };

  let announced = false;
  let fallback = null;
  // A script element finishing (capture: load events do not bubble) means a
  // bundle has run and may have defined the missing modules.
  function onScriptLoad(event) {
    if (event.target && event.target.tagName === 'SCRIPT') check();
  }
  function stop() {
    document.removeEventListener('load', onScriptLoad, true);
    document.removeEventListener('DOMContentLoaded', check);
    window.removeEventListener('load', check);
    if (fallback !== null) clearTimeout(fallback);
    fallback = null;
  }
  function check() {
    if (announced) return;
    const version = versionOf();
    if (!version || !modulesReady()) return;
    announced = true;
    stop();
    // Read now, before the socket has answered: does the page hold a saved login?
    // If it then asks for a new login, the saved session was refused.
    let hadSession = false;
    try {
      const me = window.require('WAWebUserPrefsMeUser');
      hadSession = Boolean(me.getMaybeMePnUser() || me.getMaybeMeLidUser());
    } catch (_) {
      // No saved login to report on.
    }
    send({ t: 'version', v: version, hadSession });
  }

  // WhatsApp Web may assign `window.Debug = {...}` or set `Debug.VERSION` later
  // on an existing object: trap both, then let the value through unchanged.
  const watchVersion = (debug) => {
    if (!debug || typeof debug !== 'object') return debug;
    let version = debug.VERSION;
    try {
      Object.defineProperty(debug, 'VERSION', {
        configurable: true,
        enumerable: true,
        get: () => version,
        set: (value) => {
          version = value;
          check();
        },
      });
    } catch (_) {
      // A frozen object cannot be trapped; the other checks still see it.
    }
    return debug;
  };
  let debugObject = watchVersion(window.Debug);
  try {
    Object.defineProperty(window, 'Debug', {
      configurable: true,
      enumerable: true,
      get: () => debugObject,
      set: (value) => {
        debugObject = watchVersion(value);
        check();
      },
    });
  } catch (_) {
    // Already defined non-configurable by someone else: the other checks still see it.
  }
  // The page's own scripts have run: from here the client gives the QR's modules a
  // bounded time to appear before it names the missing one (src/session). Only for
  // WhatsApp Web's own documents: an error page (no network) is no page that changed.
  if (location.origin === 'https://web.whatsapp.com') {
    window.addEventListener('load', () => send({ t: 'loaded' }), { once: true });
  }
  document.addEventListener('load', onScriptLoad, true);
  document.addEventListener('DOMContentLoaded', check);
  window.addEventListener('load', check);
  const started = Date.now();
  const tick = () => {
    fallback = null;
    check();
    if (!announced) fallback = setTimeout(tick, Date.now() - started < FAST_PERIOD_MS ? FAST_CHECK_MS : FALLBACK_CHECK_MS);
  };
  fallback = setTimeout(tick, FAST_CHECK_MS);
})();
