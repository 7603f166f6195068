// getContactDeviceCount(userId): how many devices WhatsApp lists for the user (the phone and
// each linked device), through WAWebApiDeviceList.getDeviceIds, as whatsapp-web.js main 2dc9466
// (src/Client.js:3150-3166); 0 when it lists none.
async function deviceCount(userId) {
  const M = accountModels();
  const lists = await need('WAWebApiDeviceList', 'getDeviceIds').getDeviceIds([M.WidFactory.createWid(userId)]);
  const first = Array.isArray(lists) ? lists[0] : null;
  return first && Array.isArray(first.devices) ? first.devices.length : 0;
}
