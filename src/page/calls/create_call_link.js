// createCallLink(startTime, callType): WAWebGenerateEventCallLink.createEventCallLink with
// Unix seconds and 'voice' | 'video' (checked by Rust), as whatsapp-web.js main 2dc9466
// (src/Client.js:3198-3222); null when WhatsApp made no link.
async function createCallLink(startSeconds, callType) {
  const link = await need('WAWebGenerateEventCallLink', 'createEventCallLink').createEventCallLink(startSeconds, callType);
  return typeof link === 'string' ? link : null;
}
