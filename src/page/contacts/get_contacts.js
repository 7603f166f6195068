// client.getContacts(): every contact of the Contact collection (whatsapp-web.js: WWebJS.getContacts),
// a business's profile with it (business/profile.js).
async function getContacts() {
  const M = accountModels();
  const contacts = need('WAWebCollections', 'Contact').Contact.getModelsArray();
  return Promise.all(contacts.map(async (contact) => ({ ...M.contact(contact), businessProfile: await businessProfileOf(contact, true) })));
}
