// Runs before any page script in every new document (Page.addScriptToEvaluateOnNewDocument).
// It tells the client that a document started, and when WhatsApp Web's bundle has
// loaded (window.Debug.VERSION set), without polling: the assignments are trapped.
(() => {
  // Only the top frame is WhatsApp Web; iframes are not ours to report.
  if (window !== window.top) return;
  const BINDING = '__wwrs_binding';
  const send = (message) => {
    try {
      window[BINDING](JSON.stringify(message));
    } catch (_) {
      // The binding is missing only if the client detached; nothing to tell then.
    }
  };
  send({ t: 'doc', url: location.href });

  let announced = false;
  const announce = () => {
    const debug = window.Debug;
    if (!announced && debug && debug.VERSION) {
      announced = true;
      // Read now, before the socket has answered: does the page hold a saved login?
      // If it then asks for a new login, the saved session was refused.
      let hadSession = false;
      try {
        const me = window.require('WAWebUserPrefsMeUser');
        hadSession = Boolean(me.getMaybeMePnUser() || me.getMaybeMeLidUser());
      } catch (_) {
        // Modules not reachable: no restore to report on.
      }
      send({ t: 'version', v: String(debug.VERSION), hadSession });
    }
  };
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
          announce();
        },
      });
    } catch (_) {
      // A frozen object cannot be trapped; the load listeners below still see it.
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
        announce();
      },
    });
  } catch (_) {
    // Already defined non-configurable by someone else: fall back to load events.
  }
  document.addEventListener('DOMContentLoaded', announce);
  window.addEventListener('load', announce);
})();
