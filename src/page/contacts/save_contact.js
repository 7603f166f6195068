// saveOrEditAddressbookContact(phoneNumber, firstName, lastName, syncToAddressbook):
// WAWebSaveContactAction.saveContactAction with the object whatsapp-web.js main 2dc9466 passes
// (src/Client.js:3261-3290): the number as its own previous number, no username. Answers nothing.
async function saveContact(phoneNumber, firstName, lastName, syncToAddressbook) {
  await need('WAWebSaveContactAction', 'saveContactAction').saveContactAction({
    firstName,
    lastName,
    phoneNumber,
    prevPhoneNumber: phoneNumber,
    syncToAddressbook,
    username: undefined,
  });
  return null;
}
