// Put in front of every page function (src/browser/commands.rs, src/account/mod.rs):
// looks a WhatsApp Web internal up at the moment a feature uses it, so a module that a
// WhatsApp Web update renamed costs only the features that use it. `need('M', 'a',
// 'b.c')` returns module M after checking that M.a and M.b.c exist; if one does not,
// it throws an error whose message carries `WWRS_PAGE_CHANGED:<internal>`, which the
// client turns into ERR_PAGE_CHANGED naming that internal (after checking the name).
// Every internal named here is in src/page/internals.json (a unit test checks).
function need(name, ...members) {
  const changed = (internal) => new Error(`WWRS_PAGE_CHANGED:${internal} is not on the page`);
  let module;
  try {
    module = window.require(name);
  } catch (_) {
    throw changed(name); // "Requiring unknown module"
  }
  if (module == null) throw changed(name);
  for (const path of members) {
    let value = module;
    for (const key of path.split('.')) value = value == null ? undefined : value[key];
    if (value == null) throw changed(`${name}.${path}`);
  }
  return module;
}
