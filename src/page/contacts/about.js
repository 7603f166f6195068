// contact.getAbout(): WAWebContactStatusBridge.getStatus, as whatsapp-web.js's Contact.js;
// null when the status is not a string (none, or not shown to us).
async function about(contactId) {
  const M = accountModels();
  const result = await need('WAWebContactStatusBridge', 'getStatus').getStatus({ token: '', wid: M.WidFactory.createWid(contactId) });
  return result && typeof result.status === 'string' ? result.status : null;
}
