// getNumberId / isRegisteredUser: asks WhatsApp whether the number is on it
// (WAWebQueryExistsJob.queryWidExists, as in whatsapp-web.js). Returns the wid text or null.
async function numberId(userId) {
  const M = accountModels();
  const result = await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(M.WidFactory.createWid(userId));
  if (!result || result.wid === undefined) return null;
  return M.text(result.wid);
}
