// client.getBlockedContacts(): the contacts of the Blocklist collection
// (whatsapp-web.js: src/Client.js:2869-2880, each read as WWebJS.getContact does).
async function getBlockedContacts() {
  const M = accountModels();
  need('WAWebCollections', 'Blocklist', 'Contact');
  const ids = M.Collections.Blocklist.getModelsArray().map((blocked) => M.text(blocked.id));
  const contacts = await Promise.all(ids.map((id) => M.Collections.Contact.find(M.WidFactory.createWid(id))));
  return contacts.map((contact) => M.contact(contact));
}
