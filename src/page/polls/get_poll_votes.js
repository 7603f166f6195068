// client.getPollVotes(messageId): as whatsapp-web.js (main 2dc9466 src/Client.js:3404-3432):
// the poll by id, then the votes table's rows whose parentMsgKey is its key (as text).
// Returns { parent, votes }, { parent: null, votes: [] } for a message the page does not
// hold, or { error }.
async function getPollVotes(messageId) {
  const M = accountModels();
  const msg = await M.findMessage(messageId);
  if (!msg) return { parent: null, votes: [] };
  if (msg.type !== 'poll_creation') return { error: 'not-a-poll' };
  const key = need('WAWebMsgKey', 'fromString').fromString(msg.id._serialized);
  const rows = await need('WAWebPollsVotesSchema', 'getTable').getTable().equals(['parentMsgKey'], key.toString());
  return { parent: M.message(msg), votes: rows.map(M.pollVote) };
}
