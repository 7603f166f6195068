// Events and models, Backbone-like: the shape WhatsApp Web's models have (on/off/once/listenTo,
// trigger with change:<attr>, attributes as properties). Every other part builds on them, and
// page/account.js gets them through window.__waSimPage.
//
// A part of the page script: simulator/page-assets.js serves page/app.js with its parts put where
// it marks them, in one function scope and a fixed order (events, state, login-modules, registry,
// socket), so the names below are shared with the other parts exactly as in one file.

    // ---- events and models (Backbone-like: the shape WhatsApp Web's models have) -------------

    // Listener lists live outside the objects: clients scan modules with Object.keys looking for
    // a Map (whatsapp-web.js does so on WAWebCallCollection) and must not find our internals.
    const listenerTable = new WeakMap();
    function listenersOf(obj) {
        let table = listenerTable.get(obj);
        if (!table) listenerTable.set(obj, (table = new Map()));
        return table;
    }
    const splitNames = (names) => String(names).split(/\s+/).filter(Boolean);

    class Events {
        on(names, callback, context) {
            if (typeof callback !== 'function') return this;
            const table = listenersOf(this);
            for (const name of splitNames(names)) {
                if (!table.has(name)) table.set(name, []);
                table.get(name).push({ callback, context, once: false });
            }
            return this;
        }
        once(names, callback, context) {
            this.on(names, callback, context);
            for (const name of splitNames(names)) {
                const list = listenersOf(this).get(name);
                list[list.length - 1].once = true;
            }
            return this;
        }
        off(names, callback) {
            const table = listenersOf(this);
            const targets = names == null ? [...table.keys()] : splitNames(names);
            for (const name of targets) {
                if (!table.has(name)) continue;
                if (!callback) table.delete(name);
                else table.set(name, table.get(name).filter((l) => l.callback !== callback));
            }
            return this;
        }
        trigger(name, ...args) {
            const list = listenersOf(this).get(name);
            if (!list || list.length === 0) return this;
            // Copy first: listeners commonly remove themselves while being called.
            for (const l of [...list]) {
                if (l.once) this.off(name, l.callback);
                try {
                    l.callback.apply(l.context || this, args);
                } catch (err) {
                    // A broken listener must not stop the page; WhatsApp Web logs and carries on.
                    console.error(`listener for '${name}' threw`, err);
                }
            }
            return this;
        }
        emit(name, ...args) {
            return this.trigger(name, ...args);
        }
        // As Node's EventEmitter: lets a soak test see that a client does not pile up listeners.
        listenerCount(name) {
            const list = listenersOf(this).get(name);
            return list ? list.length : 0;
        }
        addListener(names, callback) {
            return this.on(names, callback);
        }
        removeListener(names, callback) {
            return this.off(names, callback);
        }
        removeAllListeners(names) {
            return this.off(names);
        }
        listenTo(other, names, callback) {
            if (other && typeof other.on === 'function') other.on(names, callback, this);
            return this;
        }
        stopListening() {
            return this;
        }
    }

    class Model extends Events {
        constructor(attrs) {
            super();
            this.attributes = {};
            for (const [key, value] of Object.entries(attrs)) {
                this.attributes[key] = value;
                // Attributes read and written as plain properties, as clients do (Socket.state).
                Object.defineProperty(this, key, {
                    get: () => this.attributes[key],
                    set: (v) => this.set(key, v),
                    enumerable: true,
                    configurable: true,
                });
            }
        }
        get(key) {
            return this.attributes[key];
        }
        set(key, value) {
            const changes = typeof key === 'object' && key !== null ? key : { [key]: value };
            const changed = [];
            for (const [k, v] of Object.entries(changes)) {
                if (Object.is(this.attributes[k], v)) continue;
                changed.push([k, this.attributes[k]]);
                this.attributes[k] = v;
            }
            // (model, value, previous value): whatsapp-web.js reads the previous value as the third
            // argument (Chat 'change:archive' prevState, Msg 'change:body' prevBody; Client.js:1057, 1103).
            for (const [k, previous] of changed) this.trigger(`change:${k}`, this, this.attributes[k], previous);
            if (changed.length) this.trigger('change', this);
            return this;
        }
        toJSON() {
            return { ...this.attributes };
        }
    }
