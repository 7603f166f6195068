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
  const forward = (model) => {
    try {
      send({ t: 'msg', m: M.message(model) });
    } catch (error) {
      console.error('whatsapp-web-rs: a message could not be read', error);
    }
  };
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
  return { subscribed: true };
}
