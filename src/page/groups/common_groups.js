// client.getCommonGroups(contactId), as whatsapp-web.js (src/Client.js:2166-2199): the
// contact's `commonGroups` if the page has them, else
// WAWebFindCommonGroupsContactAction.findCommonGroups(contact); the groups' ids. The server
// refusing the lookup is handed on as a ServerRefusal (server_refusal.js).
async function commonGroups(contactId) {
  const M = accountModels();
  const Contact = need('WAWebCollections', 'Contact').Contact;
  let contact = Contact.get(contactId);
  if (!contact) {
    const wid = M.WidFactory.createWid(contactId);
    const someone = Contact.getModelsArray().find((c) => !c.isGroup);
    if (!someone) return [];
    contact = new someone.constructor({ id: wid });
  }
  if (!contact.commonGroups) {
    const actions = need('WAWebFindCommonGroupsContactAction', 'findCommonGroups');
    const found = await serverRefusal(() => actions.findCommonGroups(contact));
    if (found instanceof ServerRefusal) return found;
    if (!found) return [];
  }
  return contact.commonGroups.serialize().map((group) => M.text(group.id));
}
