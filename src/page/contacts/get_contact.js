// client.getContactById(id): Contact.find makes the contact if it is not known yet
// (whatsapp-web.js: WWebJS.getContact).
async function getContact(contactId) {
  const M = accountModels();
  const contact = await need('WAWebCollections', 'Contact').Contact.find(M.WidFactory.createWid(contactId));
  return M.contact(contact);
}
