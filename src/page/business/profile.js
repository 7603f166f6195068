// A business contact's profile as whatsapp-web.js hands it over as `businessProfile`
// (main 2dc9466 Injected/Utils.js:1021-1023, 1063-1072, 1077-1090): for a contact that
// isBusiness or isEnterprise, WAWebCollections.BusinessProfile.find(wid), kept only when it has
// profileOptions; its serialize(), with wids as their text (Rust makes them
// { server, user, _serialized }). `quiet`: a failed fetch leaves the profile out, as
// whatsapp-web.js's getContacts does; otherwise it fails the call, as its getContact does.
async function businessProfileOf(model, quiet) {
  if (!model.isBusiness && !model.isEnterprise) return undefined;
  const { BusinessProfile } = need('WAWebCollections', 'BusinessProfile.find');
  let profile;
  try {
    profile = await BusinessProfile.find(model.id);
  } catch (e) {
    if (quiet) return undefined;
    throw e;
  }
  if (!profile?.profileOptions) return undefined;
  const plain = (v, depth) => {
    if (v == null || typeof v === 'boolean' || typeof v === 'string') return v ?? null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v !== 'object' || depth > 5) return undefined;
    if (typeof v._serialized === 'string') return v._serialized;
    if (Array.isArray(v)) return v.slice(0, 256).map((x) => plain(x, depth + 1) ?? null);
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x, depth + 1);
      if (p !== undefined) out[k] = p;
    }
    return out;
  };
  return plain(profile.serialize(), 0);
}
