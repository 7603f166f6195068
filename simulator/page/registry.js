// The module registry as a client sees it: window.require(name) answers the modules the simulator
// models and throws "Requiring unknown module" for every other name (and for those the
// missingModules option hides), exactly as WhatsApp Web's own runtime does. WAWebCollections is a
// plain object holding only the collections the account's world really models (page/account*.js
// puts them in place through the hook window.__waSimPage), so a client that reaches for anything
// else gets undefined or a TypeError, as on a page where WhatsApp removed it.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, registry,
// socket), so the names below are shared with the other parts exactly as in one file.

    // The runtime's own message for a module nobody defined (see page/bootloader.js).
    const unknownModule = (name) => new Error(`Requiring unknown module "${name}"`);

    // Whether `name` is in the registry: a module the page models, unless missingModules hides it.
    function isRegistered(name) {
        return typeof name === 'string' && !MISSING.has(name) && Object.prototype.hasOwnProperty.call(modules, name);
    }

    function requireModule(name) {
        if (!isRegistered(name)) throw unknownModule(name);
        return modules[name];
    }

    // Filled by page/account*.js once loaded: Msg, Chat, Contact, GroupMetadata, Blocklist…
    modules.WAWebCollections = {};

    // ---- extensions: page/account*.js (the account's world after login) registers here --------
    const extensionHandlers = new Map();
    window.__waSimPage = {
        Events,
        Model,
        modules,
        makeWid,
        send: (msg) => send(msg),
        me: () => S.me,
        // Puts a collection the account's world models under WAWebCollections[name].
        setCollection: (name, collection) => {
            modules.WAWebCollections[name] = collection;
            return collection;
        },
        onServer: (type, handler) => extensionHandlers.set(type, handler),
    };
