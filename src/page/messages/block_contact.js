// contact.block() / unblock(): WhatsApp Web blocks the contact behind a chat, as
// whatsapp-web.js does (src/structures/Contact.js:154-200: Contact.find,
// WAWebBlockContactUtils.getContactToBlockOnlyUseIfNoAssociatedChat(contact,
// 'ChatListBlock'), WAWebBlockContactAction.blockContact({ contact }) /
// unblockContact(contact)). Returns whether the contact is blocked now.
async function blockContact(contactId, block) {
  const M = accountModels();
  need('WAWebCollections', 'Contact');
  const contact = await M.Collections.Contact.find(M.WidFactory.createWid(contactId));
  const resolved = need('WAWebBlockContactUtils', 'getContactToBlockOnlyUseIfNoAssociatedChat').getContactToBlockOnlyUseIfNoAssociatedChat(contact, 'ChatListBlock');
  const action = need('WAWebBlockContactAction', 'blockContact', 'unblockContact');
  if (block) await action.blockContact({ contact: resolved });
  else await action.unblockContact(resolved);
  return Boolean(contact.isContactBlocked);
}
