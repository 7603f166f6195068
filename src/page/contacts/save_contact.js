// saveOrEditAddressbookContact(phoneNumber, firstName, lastName, syncToAddressbook):
// WAWebSaveContactAction.saveContactAction with the object whatsapp-web.js main 2dc9466 passes
// (src/Client.js:3261-3290): the number as its own previous number, no username. Answers nothing,
// or the server's refusal as a ServerRefusal (server_refusal.js).
async function saveContact(phoneNumber, firstName, lastName, syncToAddressbook) {
  const actions = need('WAWebSaveContactAction', 'saveContactAction');
  const refused = await serverRefusal(() => actions.saveContactAction({
    firstName,
    lastName,
    phoneNumber,
    prevPhoneNumber: phoneNumber,
    syncToAddressbook,
    username: undefined,
  }));
  return refused instanceof ServerRefusal ? refused : null;
}
