// contact.block() / unblock(): through the contact's LID, as whatsapp-web.js main
// 2dc9466 does (src/structures/Contact.js:154-205, since f7e4d3d0f: the block list
// holds LIDs only). Block: the LID (the contact's own id, or
// WAWebApiContact.getAlternateUserWid of its phone number) as a plain contact to
// WAWebBlockContactAction.blockContact({ contact, blockEntryPoint }). Unblock: the
// LID's contact (Contact.find) to unblockContact(contact, 'ChatListBlock').
// A phone number the page has no LID for is asked of the server first
// (WAWebQueryExistsJob.queryWidExists, as main's enforceLidAndPnRetrieval does).
// Returns whether the contact is blocked now, or { error: 'no-lid' } when WhatsApp
// gives no LID for it (not on WhatsApp).
async function blockContact(contactId, block) {
  const M = accountModels();
  need('WAWebCollections', 'Contact', 'Blocklist');
  const contact = await M.Collections.Contact.find(M.WidFactory.createWid(contactId));
  const Api = need('WAWebApiContact', 'getAlternateUserWid');
  let lid = contact.id.isLid() ? contact.id : Api.getAlternateUserWid(contact.id);
  if (!lid && !contact.id.isLid()) {
    await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(contact.id);
    lid = Api.getAlternateUserWid(contact.id);
  }
  if (!lid) return { error: 'no-lid' };
  const action = need('WAWebBlockContactAction', 'blockContact', 'unblockContact');
  if (block) {
    await action.blockContact({ contact: { id: lid, isContactBlocked: false, phoneNumber: null }, blockEntryPoint: 'ChatListBlock' });
  } else {
    await action.unblockContact(await M.Collections.Contact.find(lid), 'ChatListBlock');
  }
  return Boolean(M.Collections.Blocklist.get(lid));
}
