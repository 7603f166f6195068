// call.reject(): the `call` stanza whatsapp-web.js builds (main 2dc9466
// src/util/Injected/Utils.js:1265-1286: WAWap.wap, cast by
// WADeprecatedSendIq.deprecatedCastStanza), from the account's phone-number wid to the
// caller, with a `reject` child naming the call. A cast has no answer: nothing comes back.
// `caller` and `callId` are strings Rust checked (src/account/calls.rs).
async function rejectCall(caller, callId) {
  const me = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser').getMaybeMePnUser();
  if (!me) throw new Error('the account has no phone-number id yet');
  const { wap, generateId } = need('WAWap', 'wap', 'generateId');
  const stanza = wap('call', { id: generateId(), from: me._serialized, to: caller }, [
    wap('reject', { 'call-id': callId, 'call-creator': caller, count: '0' }),
  ]);
  await need('WADeprecatedSendIq', 'deprecatedCastStanza').deprecatedCastStanza(stanza);
  return null;
}
