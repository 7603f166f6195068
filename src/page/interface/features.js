// client.interface.getFeatures / checkFeatureStatus / enableFeatures / disableFeatures, as
// whatsapp-web.js 1.34.7 / main 2dc9466 (src/util/InterfaceController.js:108-170):
// WAWebCollections.Features (whatsapp-web.js throws "This version of Whatsapp Web does not
// support features" without it: here need() names it), its table F, supportsFeature(name) and
// setFeature(name, on) for each name. Unlike whatsapp-web.js, a name that is not in F is
// answered { unknown } (neither a key nor a value of F) before anything is set.
async function features(action, names) {
  const { Features } = need('WAWebCollections', 'Features.F', 'Features.supportsFeature', 'Features.setFeature');
  if (action === 'list') return { ...Features.F };
  // F's keys and values both count as names: which of them supportsFeature takes is not known.
  const known = new Set([...Object.keys(Features.F), ...Object.values(Features.F).filter((v) => typeof v === 'string')]);
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) return { unknown };
  if (action === 'check') return Boolean(Features.supportsFeature(names[0]));
  for (const name of names) Features.setFeature(name, action === 'enable');
  return null;
}
