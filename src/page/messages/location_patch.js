// After login, once per document: locations go out as text stanzas with no media
// type, as whatsapp-web.js injects it (main 2dc9466 src/util/Injected/Utils.js:95-111,
// since ecf19eb9a "fix: sending locations"): WAWebBackendJobsCommon.mediaTypeFromProtobuf
// answers null and WAWebE2EProtoUtils.typeAttributeFromProtobuf 'text' for a
// locationMessage (and, the latter, a groupInviteMessage); everything else goes to
// the originals. A page without these functions is left alone, as whatsapp-web.js
// does; only sending locations then suffers. Returns how many functions were patched.
function patchLocation() {
  const MARK = '__wwrsLocationPatch';
  // `find`: the module, by need() (src/page/need.js), so the table of internals knows it.
  const wrap = (find, name, replace) => {
    let module;
    try {
      module = find();
    } catch {
      return 0;
    }
    const original = module && module[name];
    if (typeof original !== 'function') return 0;
    if (original[MARK]) return 1;
    const patched = function (...args) {
      const [proto] = args;
      try {
        const answer = replace(proto || {});
        if (answer !== undefined) return answer;
      } catch {
        /* fall through to the original */
      }
      return original.apply(this, args);
    };
    patched[MARK] = true;
    module[name] = patched;
    return 1;
  };
  return (
    wrap(() => need('WAWebBackendJobsCommon', 'mediaTypeFromProtobuf'), 'mediaTypeFromProtobuf', (proto) => (proto.locationMessage ? null : undefined)) +
    wrap(() => need('WAWebE2EProtoUtils', 'typeAttributeFromProtobuf'), 'typeAttributeFromProtobuf', (proto) => (proto.locationMessage || proto.groupInviteMessage ? 'text' : undefined))
  );
}
