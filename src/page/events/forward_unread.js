// The unread_count of one chat, through the subscription's own channel (subscribe.js), so it
// keeps its place among the other callbacks: the page reported the change by the chat's id
// alone, and a listener came before the client heard of it.
async function forwardUnread(chatId) {
  const state = window.__wwrsMessages;
  return Boolean(state && state.forwardUnread && state.forwardUnread(chatId));
}
