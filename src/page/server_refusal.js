// WhatsApp's server refusing a request: WhatsApp Web's request layer rejects with a
// `ServerStatusCodeError` (WAWebBackendErrors) carrying the status as `status` (WhatsApp Web's
// own handlers read `e.status`; one reads `e.statusCode`); whatsapp-web.js tells it by its name
// (main src/structures/GroupChat.js:584, src/util/Injected/Utils.js:1361). Put in front of page
// functions (src/account/) that hand such a refusal to Rust as it is, `{ error: 'server-status',
// status }` (ClientError::ServerStatus, ERR_SERVER_REFUSED), instead of an exception dump:
//   const answer = await serverRefusal(() => need(...).request(...));
//   if (answer instanceof ServerRefusal) return answer;
// Anything else is thrown on.
class ServerRefusal {
  constructor(status) {
    this.error = 'server-status';
    this.status = status;
  }
}
async function serverRefusal(request) {
  try {
    return await request();
  } catch (error) {
    const status = error && error.name === 'ServerStatusCodeError' ? Number(error.status ?? error.statusCode) : NaN;
    if (Number.isInteger(status) && status >= 100 && status <= 999) return new ServerRefusal(status);
    throw error;
  }
}
