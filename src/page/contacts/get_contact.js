// client.getContactById(id): Contact.find makes the contact if it is not known yet
// (whatsapp-web.js: WWebJS.getContact); a business's profile with it (business/profile.js).
async function getContact(contactId) {
  const M = accountModels();
  const contact = await need('WAWebCollections', 'Contact').Contact.find(M.WidFactory.createWid(contactId));
  const businessProfile = await businessProfileOf(contact, false);
  return { ...M.contact(contact), businessProfile };
}
