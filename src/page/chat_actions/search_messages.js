// client.searchMessages(query, { page, limit, chatId }): WAWebCollections.Msg.search(query, page,
// count, remote) (main 2dc9466 Client.js:1646-1662); options left out stay undefined, as there.
async function searchMessages(query, page, count, remote) {
  const M = accountModels();
  const Msg = need('WAWebCollections', 'Msg.search').Msg;
  const given = (v) => (v === null ? undefined : v);
  const { messages } = await Msg.search(query, given(page), given(count), given(remote));
  return (messages || []).map(M.message);
}
