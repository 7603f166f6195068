// client.getContacts(): every contact of the Contact collection (whatsapp-web.js: WWebJS.getContacts).
async function getContacts() {
  const M = accountModels();
  return need('WAWebCollections', 'Contact').Contact.getModelsArray().map((contact) => M.contact(contact));
}
