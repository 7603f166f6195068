// After `ready`, once per document: votes on polls go to the client through the CDP
// binding as `vote` events. Votes are rows of the poll vote table: wrap its bulkUpsert,
// as whatsapp-web.js does (main 2dc9466 src/Client.js:1197-1235 through
// WWebJS.injectToFunction), calling the original after. Each vote goes with its poll
// (Msg.get, else getMessagesById, as whatsapp-web.js finds it). Without the table only
// vote_update is lost.
function subscribeVotes(bindingName) {
  if (window.__wwrsVotes) return { subscribed: false };
  const M = accountModels();
  let table;
  try {
    table = need('WAWebAddonPollVoteTableMode', 'pollVoteTableMode').pollVoteTableMode;
  } catch (_) {
    return { subscribed: false };
  }
  if (typeof table.bulkUpsert !== 'function') return { subscribed: false };
  window.__wwrsVotes = true;
  const original = table.bulkUpsert;
  const forward = async (row) => {
    const vote = M.pollVote(row);
    const parent = await M.findMessage(vote.parentMsgKey._serialized);
    await window[bindingName](JSON.stringify({ t: 'vote', v: vote, parent: parent ? M.message(parent) : null }));
  };
  table.bulkUpsert = function (rows, ...rest) {
    for (const row of rows || []) {
      try {
        forward(row).catch((error) => console.error('whatsapp-web-rs: a poll vote could not be read', error));
      } catch (error) {
        console.error('whatsapp-web-rs: a poll vote could not be read', error);
      }
    }
    return original.call(this, rows, ...rest);
  };
  return { subscribed: true };
}
