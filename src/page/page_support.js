// client.getPageSupport(), the warning after `ready` and the login's check: which
// internals of src/page/internals.json (passed in as `table`) the live page lacks.
// Nothing is called: a module is required (as every page function does) and its
// members are only read. Returns the missing ones' names, as need() would name them:
// `Module` when the module cannot be required, else `Module.member`.
function pageSupport(table) {
  const modules = new Map();
  const load = (name) => {
    if (!modules.has(name)) {
      let module = null;
      try {
        module = name === 'Debug' ? window.Debug : window.require(name);
      } catch (_) {
        module = null; // "Requiring unknown module"
      }
      modules.set(name, module ?? null);
    }
    return modules.get(name);
  };
  const missing = [];
  const add = (name) => {
    if (!missing.includes(name)) missing.push(name);
  };
  for (const { module, members } of table) {
    const found = load(module);
    // The version is a global's field: name the field, which is what a page lacks.
    if (found === null) {
      add(module === 'Debug' ? 'Debug.VERSION' : module);
      continue;
    }
    for (const member of members) {
      const isFunction = member.endsWith('()');
      const path = isFunction ? member.slice(0, -2) : member;
      let value = found;
      for (const key of path.split('.')) value = value == null ? undefined : value[key];
      if (value == null || (isFunction && typeof value !== 'function')) add(`${module}.${path}`);
    }
  }
  return missing;
}
