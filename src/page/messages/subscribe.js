// After `ready`, once per document: new messages and acks go to the client through
// the CDP binding, in the order the page saw them. whatsapp-web.js listens to the
// same collection events (src/Client.js attachEventListeners: Msg 'add' with
// isNewMsg, Msg 'change:ack'). Messages that became new before this ran (between
// the first sync and now) are handed over first, so none is lost; Rust drops repeats.
function subscribe(bindingName) {
  const M = accountModels();
  const send = (message) => window[bindingName](JSON.stringify(message));
  if (window.__wwrsMessages) return { subscribed: false };
  window.__wwrsMessages = true;
  const Msg = M.Collections.Msg;
  const forwardAs = (t, model) => {
    try {
      send({ t, m: M.message(model) });
    } catch (error) {
      console.error('whatsapp-web-rs: a message could not be read', error);
    }
  };
  const forward = (model) => forwardAs('msg', model);
  for (const model of Msg.getModelsArray()) {
    if (model.isNewMsg) forward(model);
  }
  Msg.on('add', (model) => {
    if (model.isNewMsg) forward(model);
  });
  Msg.on('change:ack', (model, ack) => {
    try {
      send({ t: 'ack', m: M.message(model), ack });
    } catch (error) {
      console.error('whatsapp-web-rs: an ack could not be read', error);
    }
  });
  // Deleted for everyone: the model turns into a `revoked` one (whatsapp-web.js:
  // Msg 'change:type', src/Client.js:1034).
  Msg.on('change:type', (model) => {
    if (model.type === 'revoked') forwardAs('revoke', model);
  });
  // Reactions are rows of the reaction table: wrap its bulkUpsert, as whatsapp-web.js does
  // (src/Client.js:1168-1194 through WWebJS.injectToFunction), calling the original after.
  const table = window.require('WAWebAddonReactionTableMode').reactionTableMode;
  const original = table.bulkUpsert;
  if (typeof original === 'function') {
    table.bulkUpsert = function (rows, ...rest) {
      try {
        for (const row of rows || []) send({ t: 'reaction', r: M.reaction(row) });
      } catch (error) {
        console.error('whatsapp-web-rs: a reaction could not be read', error);
      }
      return original.call(this, rows, ...rest);
    };
  }
  return { subscribed: true };
}
