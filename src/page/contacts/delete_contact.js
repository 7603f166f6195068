// deleteAddressbookContact(phoneNumber): WAWebDeleteContactAction.deleteContactAction with the
// number's wid, as whatsapp-web.js main 2dc9466 (src/Client.js:3292-3302). A number the page
// knows no saved name for is answered { error: 'not-saved' } without asking (WAWebFrontendContactGetters.getIsMyContact,
// as contact.isMyContact is read): nothing is sent. The server's refusal is a ServerRefusal
// (server_refusal.js).
async function deleteContact(userId) {
  const M = accountModels();
  const wid = M.WidFactory.createWid(userId);
  const contact = need('WAWebCollections', 'Contact').Contact.get(wid);
  if (!contact || !need('WAWebFrontendContactGetters', 'getIsMyContact').getIsMyContact(contact)) return { error: 'not-saved' };
  const actions = need('WAWebDeleteContactAction', 'deleteContactAction');
  const refused = await serverRefusal(() => actions.deleteContactAction({ phoneNumber: wid }));
  return refused instanceof ServerRefusal ? refused : null;
}
