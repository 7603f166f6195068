// Everything else a client reaches for once logged in: permissive stand-ins for any other module,
// empty collections (WAWebCollections, the call collection), requireModule, and the hook
// (window.__waSimPage) through which page/account.js puts the account's real collections in place.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, stand-ins,
// socket), so the names below are shared with the other parts exactly as in one file.

    // ---- stand-ins for every other module ----------------------------------------------------

    // A callable, constructible, event-emitter-ish no-op whose members are stand-ins too, and which
    // keeps whatever is assigned to it (clients patch module functions). `then` is absent so that
    // awaiting one does not hang.
    function standIn(path) {
        const target = function () {};
        const children = new Map();
        const chain = () => proxy;
        const special = {
            on: chain,
            off: chain,
            once: chain,
            listenTo: chain,
            stopListening: chain,
            trigger: chain,
            emit: chain,
            addListener: chain,
            removeListener: chain,
            getModelsArray: () => [],
            toArray: () => [],
            toString: () => `[stand-in ${path}]`,
            valueOf: () => 0,
            toJSON: () => null,
        };
        const proxy = new Proxy(target, {
            get(tgt, prop) {
                if (typeof prop === 'symbol') {
                    if (prop === Symbol.iterator) return function* () {};
                    if (prop === Symbol.toPrimitive) return () => `[stand-in ${path}]`;
                    return Reflect.get(tgt, prop);
                }
                if (Object.prototype.hasOwnProperty.call(tgt, prop)) return Reflect.get(tgt, prop);
                if (prop === 'then') return undefined;
                if (prop in special) return special[prop];
                if (prop === 'models') return [];
                if (!children.has(prop)) children.set(prop, standIn(`${path}.${prop}`));
                return children.get(prop);
            },
            set(tgt, prop, value) {
                return Reflect.set(tgt, prop, value);
            },
            apply() {
                return undefined;
            },
            construct() {
                return standIn(`new ${path}`);
            },
        });
        return proxy;
    }

    // A collection (Msg, Chat, Contact, …): empty, with the usual members.
    class Collection extends Events {
        constructor(name) {
            super();
            this.models = [];
            this.length = 0;
            this.modelClass = class extends Model {
                constructor(attrs) {
                    super(attrs || {});
                }
            };
            Object.defineProperty(this, 'collectionName', { value: name });
        }
        get() {
            return undefined;
        }
        getModelsArray() {
            return [];
        }
        toArray() {
            return [];
        }
        filter() {
            return [];
        }
        map() {
            return [];
        }
        forEach() {}
        find() {
            return Promise.resolve(undefined);
        }
        add() {
            return [];
        }
        remove() {
            return [];
        }
        serialize() {
            return [];
        }
    }
    // Real members first, stand-ins for anything else a client reaches for.
    function permissive(obj, path) {
        const fallback = new Map();
        return new Proxy(obj, {
            get(tgt, prop, receiver) {
                if (typeof prop === 'symbol' || prop in tgt) return Reflect.get(tgt, prop, receiver);
                if (prop === 'then') return undefined;
                if (!fallback.has(prop)) fallback.set(prop, standIn(`${path}.${prop}`));
                return fallback.get(prop);
            },
        });
    }
    const collections = new Map();
    modules.WAWebCollections = new Proxy(
        {},
        {
            get(tgt, prop) {
                if (typeof prop === 'symbol' || prop === 'then') return undefined;
                if (!collections.has(prop)) collections.set(prop, permissive(new Collection(prop), `WAWebCollections.${prop}`));
                return collections.get(prop);
            },
        },
    );
    {
        // Clients find the call collection's internal Map by scanning its keys.
        const calls = new Collection('Call');
        calls._index = new Map();
        modules.WAWebCallCollection = permissive(calls, 'WAWebCallCollection');
    }

    function requireModule(name) {
        if (MISSING.has(String(name))) throw new Error(`Requiring unknown module "${name}"`);
        if (!(name in modules)) modules[name] = standIn(String(name));
        return modules[name];
    }

    // ---- extensions: page/account.js (the account's world after login) registers here --------
    const extensionHandlers = new Map();
    window.__waSimPage = {
        Events,
        Model,
        modules,
        makeWid,
        send: (msg) => send(msg),
        me: () => S.me,
        // Returns the wrapped collection: use only that one, so listeners see a single `this`.
        setCollection: (name, collection) => {
            collections.set(name, permissive(collection, `WAWebCollections.${name}`));
            return collections.get(name);
        },
        onServer: (type, handler) => extensionHandlers.set(type, handler),
    };
