// The document's table of the client's page functions (src/browser/page_functions.rs):
// each is sent once per document, filed under a number, and called by that number after.
// The table is a fixed, frozen property of the window holding a private Map: it only adds,
// so nothing else in the page can drop or replace a filed function.
function pageFunctions() {
  const NAME = '__wwrsFunctions';
  const existing = Object.getOwnPropertyDescriptor(window, NAME);
  if (existing) return existing.value;
  const filed = new Map();
  const shared = new Map();
  const table = Object.freeze({
    // What every function would build the same way (the account models): kept once built.
    shared(name) {
      return shared.get(name);
    },
    share(name, value) {
      if (!shared.has(name)) shared.set(name, value);
      return shared.get(name);
    },
    add(key, fn) {
      if (!filed.has(key)) filed.set(key, fn);
    },
    call(key, self, args) {
      const fn = filed.get(key);
      // Nothing has run; Rust files the function again on the next call.
      if (typeof fn !== 'function') throw new Error('whatsapp-web-rs: page function not filed');
      return fn.apply(self, args);
    },
  });
  Object.defineProperty(window, NAME, { value: table, writable: false, configurable: false, enumerable: false });
  return table;
}
