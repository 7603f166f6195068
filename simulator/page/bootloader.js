// Real-sequence mode only: the first script of the page's <head>, as WhatsApp Web's HTML defines
// its module runtime inline (`__d`, `require`, `requireLazy`) before any bundle has arrived. The
// bundles come later through <script async> tags and define their modules with __d, so for a while
// `window.require` exists but throws for a module whose bundle has not run yet, with the runtime's
// message "Requiring unknown module "NAME"" (see simulator/README.md, "Real-sequence mode").
(function () {
    var factories = Object.create(null);
    var exportsOf = Object.create(null);
    var waiting = []; // requireLazy callbacks: { names, cb }
    var arrived = [];
    var onArrive = null;

    function defined(name) {
        return name in factories;
    }
    function load(name) {
        if (!(name in exportsOf)) exportsOf[name] = factories[name]();
        return exportsOf[name];
    }
    function flushLazy() {
        var ready = waiting.filter(function (w) {
            return w.names.every(defined);
        });
        waiting = waiting.filter(function (w) {
            return ready.indexOf(w) < 0;
        });
        ready.forEach(function (w) {
            try {
                w.cb.apply(null, w.names.map(load));
            } catch (err) {
                console.error('requireLazy callback threw', err);
            }
        });
    }

    window.__d = function (name, deps, factory) {
        factories[name] = factory;
        flushLazy();
    };
    window.require = function (name) {
        if (defined(name)) return load(name);
        throw new Error('Requiring unknown module "' + name + '"');
    };
    window.requireLazy = function (names, cb) {
        waiting.push({ names: [].concat(names), cb: cb });
        flushLazy();
    };
    // The simulator's own plumbing between the bundles and app.js (not a WhatsApp Web API).
    window.__simLoader = {
        bundleArrived: function (n) {
            arrived.push(n);
            if (onArrive) onArrive(n);
        },
        onBundle: function (fn) {
            onArrive = fn;
            arrived.forEach(fn);
        },
    };
    /*__SIM_DEBUG_EARLY__*/
})();
