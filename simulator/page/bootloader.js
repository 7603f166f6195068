// Real-sequence mode only: the first script of the page's <head>, as WhatsApp Web's HTML defines
// its module runtime inline (`__d`, `require`, `requireLazy`) before any bundle has arrived. The
// bundles come later through <script async> tags and define their modules with __d, so for a while
// `window.require` exists but throws for a module whose bundle has not run yet, with the runtime's
// message "Requiring unknown module "NAME"" (see simulator/README.md, "Real-sequence mode").
//
// As WhatsApp Web's runtime: `__d(name, deps, factory, flags)` only records a definition; a module
// runs when first required, after its dependencies, with the runtime's arguments
// (global, require, importDefault, importNamespace, requireLazy, module, exports), and its exports
// are what it put on `module.exports` / `exports`, or what it returned. requireLazy waits until
// the modules named and everything they depend on are defined.
(function () {
    var factories = Object.create(null); // name -> { deps, factory }
    var records = Object.create(null); // name -> module object, once it started running
    var complete = Object.create(null); // names whose dependencies are all defined, transitively
    var waiting = []; // requireLazy callbacks: { names, cb }
    var arrived = [];
    var onArrive = null;

    function defined(name) {
        return name in factories;
    }
    // Whether `name` and every module it depends on are defined (a cycle counts as defined).
    function resolvable(name, seen) {
        if (complete[name]) return true;
        if (!defined(name)) return false;
        seen = seen || Object.create(null);
        if (seen[name]) return true;
        seen[name] = true;
        var ok = factories[name].deps.every(function (d) {
            return resolvable(d, seen);
        });
        if (ok) complete[name] = true;
        return ok;
    }
    function unknown(name) {
        return new Error('Requiring unknown module "' + name + '"');
    }
    function load(name) {
        if (name in records) return records[name].exports; // done, or running (a cycle)
        if (!defined(name)) throw unknown(name);
        var def = factories[name];
        var module = { exports: {} };
        records[name] = module;
        try {
            def.deps.forEach(load);
            var ret = def.factory(window, req, importDefault, importNamespace, window.requireLazy, module, module.exports);
            if (ret !== undefined) module.exports = ret;
        } catch (err) {
            delete records[name];
            throw err;
        }
        return module.exports;
    }
    function req(name) {
        return load(name);
    }
    function importDefault(name) {
        var m = load(name);
        return m && m.__esModule ? m.default : m;
    }
    function importNamespace(name) {
        return load(name);
    }
    function flushLazy() {
        var ready = waiting.filter(function (w) {
            return w.names.every(function (n) {
                return resolvable(n);
            });
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
        factories[name] = { deps: [].concat(deps || []), factory: factory };
        if (waiting.length) flushLazy();
    };
    window.require = req;
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
