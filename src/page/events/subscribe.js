// After `ready`, once per document: new messages, acks, edits, deletions and chat
// changes go to the client through the CDP binding, in the order the page saw them.
// whatsapp-web.js listens to the same collection events (src/Client.js
// attachEventListeners: Msg 'add' with isNewMsg, Msg 'change:ack', …). Messages that became new before this ran (between
// the first sync and now) are handed over first, so none is lost; Rust drops repeats.
// `interest`: the optional events the application listens to ({ unreadCount }); a
// second call on the same document only changes it.
function subscribe(bindingName, interest) {
  const M = accountModels();
  const wanted = { unreadCount: Boolean(interest && interest.unreadCount) };
  if (window.__wwrsMessages) {
    window.__wwrsMessages.interest = wanted;
    return { subscribed: false };
  }
  const state = { interest: wanted };
  window.__wwrsMessages = state;
  const Msg = need('WAWebCollections', 'Msg').Msg;
  // Every callback leaves in the order the page saw it, even when one needs an asynchronous
  // read first (a chat: its last message, group metadata): those wait in a chain, and whatever
  // comes after one waits behind it. With nothing waiting, a callback leaves at once, inside the
  // page's own task, as whatsapp-web.js's do: a microtask would wait for the rest of that task
  // (about 0.3 ms for an incoming message on the heavy page).
  const post = (p) => window[bindingName](JSON.stringify(p));
  const failed = (error) => console.error('whatsapp-web-rs: an event could not be read', error);
  let chain = null;
  let waiting = 0;
  const queue = (payload) => {
    if (waiting === 0 && !(payload instanceof Promise)) {
      try {
        post(payload);
      } catch (error) {
        failed(error);
      }
      return;
    }
    waiting += 1;
    chain = (chain || Promise.resolve())
      .then(() => payload)
      .then(post)
      .catch(failed)
      .finally(() => {
        waiting -= 1;
        if (waiting === 0) chain = null;
      });
  };
  const send = (message) => queue(message);
  // A message is read at once: it may change right after (a revoke empties it).
  const forwardAs = (t, model, extra) => {
    try {
      send({ t, m: M.message(model), ...extra });
    } catch (error) {
      console.error('whatsapp-web-rs: a message could not be read', error);
    }
  };
  // A chat as getChatById reads it; whatsapp-web.js reads it in Node after the event
  // (src/Client.js:785-796, 939-955), we read it here, starting at once.
  const forwardChat = (t, model, extra) => {
    try {
      queue(M.chat(model).then((c) => ({ t, c, ...extra })));
    } catch (error) {
      console.error('whatsapp-web-rs: a chat could not be read', error);
    }
  };
  const forward = (model) => forwardAs('msg', model);
  // Messages that arrive encrypted (type 'ciphertext', no body), as whatsapp-web.js main
  // 2dc9466 handles them (src/Client.js:1028-1030, 1111-1163): 'ciphertext' at once, a
  // resend asked of the senders' phones (batched over 5 s), the message itself when its
  // `change:type` says it is decrypted, 'ciphertext-failed' if it still is not after 15 s.
  const pendingResend = new Set();
  let resendTimer = null;
  const requestResend = (model) => {
    pendingResend.add(model);
    if (resendTimer) return;
    resendTimer = setTimeout(() => {
      resendTimer = null;
      const models = [...pendingResend];
      pendingResend.clear();
      if (!models.length) return;
      try {
        // whatsapp-web.js turns the placeholder resend on; here only once it is needed.
        need('WAWebSyncGatingUtils', 'isPlaceholderMessageResendEnabled').isPlaceholderMessageResendEnabled = () => true;
        const resend = need('WAWebNonMessageDataRequestPlaceholderMessageResendUtils', 'handlePlaceholderMsgsSeen');
        Promise.resolve(resend.handlePlaceholderMsgsSeen(models, true)).catch((error) => console.error('whatsapp-web-rs: a resend request failed', error));
      } catch (error) {
        console.error('whatsapp-web-rs: a resend could not be requested', error);
      }
    }, 5000);
  };
  // Models that arrived as ciphertext: their decryption fills an empty body, which is no edit.
  const wasCiphertext = new WeakSet();
  const arrived = (model) => {
    if (model.type !== 'ciphertext') return forward(model);
    wasCiphertext.add(model);
    forwardAs('ciphertext', model);
    if (model.subtype && String(model.subtype).endsWith('_unavailable_fanout')) return;
    requestResend(model);
    const failTimer = setTimeout(() => {
      if (model.type === 'ciphertext') forwardAs('ciphertext-failed', model);
    }, 15000);
    model.once('change:type', (decrypted) => {
      clearTimeout(failTimer);
      pendingResend.delete(decrypted);
      if (decrypted.type !== 'revoked') forward(decrypted);
    });
  };
  for (const model of Msg.getModelsArray()) {
    if (model.isNewMsg) arrived(model);
  }
  Msg.on('add', (model) => {
    if (model.isNewMsg) arrived(model);
  });
  Msg.on('change:ack', (model, ack) => {
    try {
      send({ t: 'ack', m: M.message(model), ack });
    } catch (error) {
      console.error('whatsapp-web-rs: an ack could not be read', error);
    }
  });
  // A file of the account's message is uploaded (whatsapp-web.js main: Msg
  // 'change:isUnsentMedia' to false on a message from this account, src/Client.js:1046-1051).
  Msg.on('change:isUnsentMedia', (model, unsent) => {
    if (model.id.fromMe && !unsent) forwardAs('media-uploaded', model);
  });
  // Deleted for everyone: the model turns into a `revoked` one (whatsapp-web.js:
  // Msg 'change:type', src/Client.js:1034).
  Msg.on('change:type', (model) => {
    if (model.type === 'revoked') forwardAs('revoke', model);
  });
  // Edited: the text changes in place, with the previous one (whatsapp-web.js: Msg
  // 'change:body change:caption', src/Client.js:1057-1063, 956-976).
  Msg.on('change:body change:caption', (model, newBody, prevBody) => {
    if (wasCiphertext.has(model) && !prevBody) return;
    forwardAs('edit', model, { newBody: newBody ?? null, prevBody: prevBody ?? null });
  });
  // Deleted for me: a new message leaves the collection (whatsapp-web.js: Msg 'remove' with
  // isNewMsg, src/Client.js:1051-1056, 752-766).
  Msg.on('remove', (model) => {
    if (model.isNewMsg) forwardAs('removed', model);
  });
  // Archived or unarchived, here or on another device; unread counts (whatsapp-web.js: Chat
  // 'change:archive' and 'change:unreadCount', src/Client.js:1103-1109, 1164-1166).
  const Chat = need('WAWebCollections', 'Chat').Chat;
  Chat.on('change:archive', (model, now, before) => forwardChat('archive', model, { now: Boolean(now), before: Boolean(before) }));
  // Deleted here or on another device (whatsapp-web.js: Chat 'remove', src/Client.js:1099-1103,
  // 925-937, which reads the chat again by its id afterwards; here as it was when it left).
  Chat.on('remove', (model) => forwardChat('chat-removed', model));
  // The chat is read only while someone listens: that costs a chat read on every incoming
  // message. Otherwise only its id goes, so that a listener added meanwhile (the client tells
  // the page a moment later) still gets the change: the client then asks for forwardUnread.
  Chat.on('change:unreadCount', (model) => {
    if (state.interest.unreadCount) forwardChat('unread', model);
    else send({ t: 'unread-id', id: model.id._serialized });
  });
  state.forwardUnread = (chatId) => {
    const model = Chat.get(M.WidFactory.createWid(chatId));
    if (model) forwardChat('unread', model);
    return Boolean(model);
  };
  // A contact or a group participant changed its number (whatsapp-web.js: Msg 'change',
  // src/Client.js:1032-1034, 701-751): the notification as a message, with its template
  // parameters (the old and the new id) once they are there; Rust reads the ids, once per
  // notification.
  Msg.on('change', (model) => {
    const contact = model.type === 'notification_template' && model.subtype === 'change_number';
    const participant = model.type === 'gp2' && model.subtype === 'modify';
    if (!contact && !participant) return;
    const params = Array.isArray(model.templateParams) ? model.templateParams.map((p) => (typeof p === 'string' ? p : String(p && p._serialized))) : [];
    if (contact && params.length === 0) return;
    forwardAs('contact-changed', model, { params });
  });
  // Calls: whatsapp-web.js (src/Client.js:1073-1097) finds the call collection's own Map and
  // wraps its set(), through which every call model comes. Without the collection only the
  // `call` event is lost (the warning after `ready` names it).
  try {
    const Calls = need('WAWebCallCollection', 'on');
    const map = Object.values(Calls).find((v) => v instanceof Map);
    const originalSet = map && map.set;
    if (typeof originalSet === 'function') {
      const wid = (w) => (w == null ? null : typeof w === 'string' ? w : String(w._serialized ?? (w.id && w.id._serialized) ?? w));
      map.set = function (key, value) {
        try {
          if (value) {
            queue({
              t: 'call',
              c: {
                id: value.id == null ? null : String(value.id),
                peerJid: wid(value.peerJid),
                offerTime: value.offerTime ?? null,
                isVideo: value.isVideo ?? null,
                isGroup: value.isGroup ?? null,
                outgoing: value.outgoing ?? null,
                canHandleLocally: value.canHandleLocally ?? null,
                webClientShouldHandle: value.webClientShouldHandle ?? null,
                participants: Array.isArray(value.participants) ? value.participants.map(wid) : null,
              },
            });
          }
        } catch (error) {
          console.error('whatsapp-web-rs: a call could not be read', error);
        }
        return originalSet.call(this, key, value);
      };
    }
  } catch (error) {
    console.error('whatsapp-web-rs: incoming calls cannot be followed', error);
  }
  // Reactions are rows of the reaction table: wrap its bulkUpsert, as whatsapp-web.js does
  // (src/Client.js:1168-1194 through WWebJS.injectToFunction), calling the original after.
  // Without the table only message_reaction is lost (the warning after `ready` names it).
  let table = {};
  try {
    table = need('WAWebAddonReactionTableMode', 'reactionTableMode').reactionTableMode;
  } catch (_) {}
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
