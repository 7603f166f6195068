// client.getContacts(): every contact of the Contact collection (whatsapp-web.js: WWebJS.getContacts).
async function getContacts() {
  const M = accountModels();
  return M.Collections.Contact.getModelsArray().map((contact) => M.contact(contact));
}
