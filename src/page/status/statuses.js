// client.getBroadcasts() (contactId null) and client.getBroadcastById(contactId): the Status
// collection's models as whatsapp-web.js reads them (main Client.js:2760-2789, Injected/
// Utils.js:1681-1692: serialize() without `_msgs`), each status message as a message record.
// One poster: Status.get, then Status.find; null when it has none.
async function statuses(contactId) {
  const M = accountModels();
  const { Status } = need('WAWebCollections', 'Status.getModelsArray', 'Status.get', 'Status.find', 'Msg');
  const record = (model) => {
    const s = model.serialize();
    delete s._msgs;
    // Its messages, as the Msg collection holds them (whatsapp-web.js's Broadcast makes Messages of them).
    const msgs = (Array.isArray(s.msgs) ? s.msgs : []).map((m) => M.Collections.Msg.get(m && m.id)).filter(Boolean);
    return { id: M.text(s.id), t: s.t, totalCount: s.totalCount, unreadCount: s.unreadCount, msgs: msgs.map(M.message) };
  };
  if (contactId == null) return Status.getModelsArray().map(record);
  const found = Status.get(contactId) || (await Status.find(contactId));
  return found ? record(found) : null;
}
