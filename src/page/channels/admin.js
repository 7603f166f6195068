// client.acceptChannelAdminInvite(channelId), revokeChannelAdminInvite(channelId, userId),
// demoteChannelAdmin(channelId, userId) (and Channel's), as whatsapp-web.js main 2dc9466
// (src/Client.js:1850-1915): WAWebMexAcceptNewsletterAdminInviteJob.acceptNewsletterAdminInvite,
// WAWebMexRevokeNewsletterAdminInviteJob.revokeNewsletterAdminInvite and
// WAWebDemoteNewsletterAdminAction.demoteNewsletterAdmin with the user as a wid
// (WAWebWidFactory.createWid); false when the server refuses.
async function channelAdmin(action, channelId, userId) {
  try {
    if (action === 'accept') {
      await need('WAWebMexAcceptNewsletterAdminInviteJob', 'acceptNewsletterAdminInvite').acceptNewsletterAdminInvite(channelId);
    } else {
      const userWid = need('WAWebWidFactory', 'createWid').createWid(userId);
      if (action === 'revoke') await need('WAWebMexRevokeNewsletterAdminInviteJob', 'revokeNewsletterAdminInvite').revokeNewsletterAdminInvite(channelId, userWid);
      else await need('WAWebDemoteNewsletterAdminAction', 'demoteNewsletterAdmin').demoteNewsletterAdmin(channelId, userWid);
    }
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
