// client.getChatById(<id>@newsletter) and client.getChannelByInviteCode(code), as whatsapp-web.js
// main 2dc9466 (src/Client.js:1694-1720; src/util/Injected/Utils.js:843-926): by invite code, the
// account's role (WAWebNewsletterModelUtils.getRoleByIdentifier) and the channel's metadata
// (WAWebNewsletterMetadataQueryJob.queryNewsletterMetadataByInviteCode) give its id; then the
// channel as getChat finds it. Null when there is no such channel.
async function getChannel(channelId, inviteCode) {
  let id = channelId;
  if (inviteCode !== null) {
    const role = need('WAWebNewsletterModelUtils', 'getRoleByIdentifier').getRoleByIdentifier(inviteCode);
    try {
      const response = await need('WAWebNewsletterMetadataQueryJob', 'queryNewsletterMetadataByInviteCode').queryNewsletterMetadataByInviteCode(inviteCode, role);
      id = String(response.idJid);
    } catch (error) {
      if (error && error.name === 'ServerStatusCodeError') return null;
      throw error;
    }
  }
  const chat = await findChannel(id);
  return chat ? channelRecord(chat) : null;
}
