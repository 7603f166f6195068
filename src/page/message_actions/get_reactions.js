// message.getReactions(): as whatsapp-web.js (main 2dc9466 src/structures/Message.js:843-867):
// WAWebCollections.Reactions.find(id); its reactions grouped by emoji with their senders.
// Returns null when there are none, else [{ id, aggregateEmoji, hasReactionByMe, senders:
// [reaction records as models.js reads the reaction table] }].
async function getReactions(messageId) {
  const M = accountModels();
  const found = await need('WAWebCollections', 'Reactions').Reactions.find(messageId);
  if (!found || !found.reactions || !found.reactions.length) return null;
  return found.reactions.serialize().map((r) => ({
    id: M.text(r.id),
    aggregateEmoji: M.text(r.aggregateEmoji),
    hasReactionByMe: Boolean(r.hasReactionByMe),
    senders: (r.senders || []).map((s) =>
      M.reaction({
        id: s.msgKey,
        reactionParentKey: s.parentMsgKey,
        reactionText: s.reactionText,
        reactionTimestamp: s.timestamp,
        from: s.senderUserJid,
        read: s.read,
        orphan: s.orphan,
        orphanReason: s.orphanReason,
        ack: s.ack,
      }),
    ),
  }));
}
