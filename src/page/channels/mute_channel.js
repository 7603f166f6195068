// channel.mute() / unmute(), as whatsapp-web.js main 2dc9466 (src/structures/Channel.js:427-456):
// WAWebNewsletterUpdateUserSettingJob.updateNewsletterUserSetting with the channel's jid
// (WAJids.toNewsletterJid), WAWebNewsletterModelUtils.ADMIN_NOTIFICATIONS and MUTED_STATE /
// UNMUTED_STATE; false when the server refuses.
async function muteChannel(channelId, mute) {
  const Utils = need('WAWebNewsletterModelUtils', 'ADMIN_NOTIFICATIONS', 'MUTED_STATE', 'UNMUTED_STATE');
  try {
    await need('WAWebNewsletterUpdateUserSettingJob', 'updateNewsletterUserSetting').updateNewsletterUserSetting({
      newsletterJid: need('WAJids', 'toNewsletterJid').toNewsletterJid(channelId),
      type: Utils.ADMIN_NOTIFICATIONS,
      muteExpirationValue: mute ? Utils.MUTED_STATE : Utils.UNMUTED_STATE,
    });
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
