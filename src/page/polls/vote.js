// message.vote(selectedOptions): as whatsapp-web.js (main 2dc9466 src/structures/Message.js:
// 1006-1038): the poll by id, the options' local ids by name, then
// WAWebPollsSendVoteMsgAction.sendVote(poll, Set of local ids). Unlike whatsapp-web.js, a
// name the poll does not have, or more than one on a single-choice poll, is refused before
// anything is sent. Returns null or { error, detail }.
async function vote(messageId, names) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { error: 'not-found' };
  if (msg.type !== 'poll_creation') return { error: 'not-a-poll' };
  const ids = new Set();
  for (const name of names) {
    const option = (msg.pollOptions || []).find((o) => o.name === name);
    if (!option) return { error: 'unknown-option', detail: name };
    ids.add(option.localId);
  }
  if (msg.pollSelectableOptionsCount > 0 && ids.size > msg.pollSelectableOptionsCount) return { error: 'single-choice' };
  await need('WAWebPollsSendVoteMsgAction', 'sendVote').sendVote(msg, ids);
  return null;
}
