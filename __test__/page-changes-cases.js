'use strict';
// A page without one of WhatsApp Web's modules, as after an update that renamed it (the
// simulator's missingModules): the client still logs in, the feature that needs the module
// rejects with ERR_PAGE_CHANGED naming it, getPageSupport() lists exactly what is missing, and a
// process warning says so once. One case per module outside the QR, in groups small enough that
// each page-changes-<group>.test.js file stays well inside the runner's per-file time limit
// (each case starts its own simulator and Chromium). page-changes.test.js checks every module is
// covered.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { MessageMedia, Poll, ScheduledEvent } = require('..');
const { setup, waitFor, loginByQr } = require('./helpers');
const { peerSend } = require('./account-helpers');
const { internals } = require('../src/page/internals.json');

const PEER = '15557100001';
const PEER_ID = `${PEER}@c.us`;
const OTHER = '15557100002@c.us';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');


/** ERR_PAGE_CHANGED naming `internal` (the whole module or one of its members), with the page's version. */
async function rejectsNaming(promise, internal) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, 'ERR_PAGE_CHANGED', error.message);
    assert.match(error.message, new RegExp(`\\b${internal.replace(/\$/g, '\\$')}(\\.[\\w$.]+)? is not on the page`));
    assert.match(error.message, /WhatsApp Web 2\.3000\./);
    return true;
  });
}

/** The warnings (code WWRS_PAGE_CHANGED) the process emits from now on until `stop()`. */
function pageWarnings() {
  const seen = [];
  const onWarning = (warning) => {
    if (warning.code === 'WWRS_PAGE_CHANGED') seen.push(warning.message);
  };
  process.on('warning', onWarning);
  const naming = (module) => seen.filter((m) => m.includes(` has no ${module} (`));
  // Resolves once a warning names `module` (at once if one did).
  const until = (module) =>
    naming(module).length ? Promise.resolve() : waitFor(process, 'warning', 20000, (w) => w.code === 'WWRS_PAGE_CHANGED' && w.message.includes(` has no ${module} (`));
  return { seen, naming, until, stop: () => process.off('warning', onWarning) };
}

// A message of the peer in the client's hands (the message events need the collections).
async function peerMessage(ctx, client, body = 'hello') {
  const received = waitFor(client, 'message', 20000, (m) => m.from === PEER_ID && m.body === body);
  await peerSend(ctx.sim, { from: PEER, body });
  return received;
}

async function ownChannel(client) {
  return client.getChatById((await client.createChannel('Degraded')).nid._serialized);
}

async function ownGroup(client) {
  const created = await client.createGroup('Degraded', [OTHER]);
  return client.getChatById(created.gid._serialized);
}


// Each module outside the QR's and what shows it missing. `act` gets (client, ctx) and returns
// the promise that must reject; none means the feature has no call (an event, the device name):
// then the login going on, getPageSupport() and the warning are what a user sees.
const CASES = {
  'chats': [
    { module: 'WAWebCmd', act: (c) => c.archiveChat(PEER_ID), prep: peerMessage },
    { module: 'WAWebOfflineHandler' },
    { module: 'WAWebMiscBrowserUtils', options: { deviceName: 'Box', browserName: 'Edge' } },
    { module: 'WAWebAddonReactionTableMode' },
    { module: 'WAWebAltDeviceLinkingApi', beforeLogin: (c) => c.requestPairingCode('15550100001') },
    { module: 'WAWebLaunchSocketUtils', beforeLogin: (c) => c.requestPairingCode('15550100001') },
    { module: 'WAWebUserPrefsMeUser', act: (c) => c.sendMessage(PEER_ID, 'hi') },
    { module: 'WAWebCollections', act: (c) => c.getChats() },
    { module: 'WAWebWidFactory', act: (c) => c.getChatById(PEER_ID) },
    { module: 'WALinkify', act: (c) => c.sendMessage(PEER_ID, 'see https://example.com') },
    { module: 'WAWebFindChatAction', act: (c) => c.getChatById('15557100099@c.us') },
    { module: 'WAWebLidMigrationUtils', act: async (c) => ownGroup(c) },
    { module: 'WAWebContactGetters', act: (c) => c.getContactById(PEER_ID), prep: peerMessage },
    { module: 'WAWebFrontendContactGetters', act: (c) => c.getContactById(PEER_ID), prep: peerMessage },
    { module: 'WAWebStreamModel', act: (c) => c.sendSeen(PEER_ID), prep: peerMessage },
    { module: 'WAWebUpdateUnreadChatAction', act: (c) => c.sendSeen(PEER_ID), prep: peerMessage },
    // Used only when WAWebMediaDataUtils says the blob should be cached (never on the simulator).
    { module: 'WAWebMediaInMemoryBlobCache' },
    ...['WAWebMediaOpaqueData', 'WAWebPrepRawMedia', 'WAWebMediaStorage', 'WAWebMmsMediaTypes', 'WAWebMediaDataUtils', 'WAWebMediaMmsV4Upload'].map(
      (module) => ({ module, act: (c) => c.sendMessage(PEER_ID, new MessageMedia('image/png', PNG.toString('base64'), 'dot.png')) }),
    ),
  ],
  'messages': [
    { module: 'WAWebMsgReply', act: async (c, ctx) => (await peerMessage(ctx, c)).reply('answer') },
    { module: 'WAWebLinkPreviewChatAction', act: (c) => c.sendMessage(PEER_ID, 'see https://example.com') },
    { module: 'WAWebMsgKey', act: (c) => c.sendMessage(PEER_ID, 'hi') },
    { module: 'WAWebGetEphemeralFieldsMsgActionsUtils', act: (c) => c.sendMessage(PEER_ID, 'hi') },
    { module: 'WAWebSendMsgChatAction', act: (c) => c.sendMessage(PEER_ID, 'hi') },
    { module: 'WAWebChatLoadMessages', act: async (c, ctx) => (await (await peerMessage(ctx, c)).getChat()).fetchMessages({ limit: 1000 }) },
    {
      module: 'WAWebDownloadManager',
      act: async (c, ctx) => {
        const received = waitFor(c, 'message', 20000, (m) => m.from === PEER_ID && m.hasMedia);
        await peerSend(ctx.sim, { from: PEER, media: { mimetype: 'image/png', data: PNG.toString('base64'), filename: 'dot.png' } });
        return (await received).downloadMedia();
      },
    },
    {
      module: 'WAWebQuotedMsgModelUtils',
      act: async (c, ctx) => {
        const first = await peerMessage(ctx, c, 'first');
        const quoting = waitFor(c, 'message', 20000, (m) => m.from === PEER_ID && m.body === 'second');
        await peerSend(ctx.sim, { from: PEER, body: 'second', quotedId: first.id._serialized });
        return (await quoting).getQuotedMessage();
      },
    },
    { module: 'WAWebSendReactionMsgAction', act: async (c, ctx) => (await peerMessage(ctx, c)).react('👍') },
    { module: 'WAWebMsgActionCapability', act: async (c, ctx) => (await peerMessage(ctx, c)).delete(true) },
    { module: 'WAWebChatStateBridge', act: async (c, ctx) => (await (await peerMessage(ctx, c)).getChat()).sendStateTyping() },
    { module: 'WAWebContactProfilePicThumbBridge', act: (c) => c.getProfilePicUrl(PEER_ID), prep: peerMessage },
    { module: 'WAWebContactStatusBridge', act: async (c) => (await c.getContactById(PEER_ID)).getAbout(), prep: peerMessage },
    { module: 'WAWebChatForwardMessage', act: async (c, ctx) => (await peerMessage(ctx, c)).forward(OTHER) },
    // A bot mention (@Meta AI).
    ...['WAWebBotProfileCollection', 'WAWebBotMessageSecret'].map((module) => ({ module, act: (c) => c.sendMessage(PEER_ID, '@Meta AI hi', { invokedBotWid: '13135550002@c.us' }) })),
    // The resend of an undecrypted message and the location patch: skipped when missing.
    { module: 'WAWebSyncGatingUtils' },
    { module: 'WAWebNonMessageDataRequestPlaceholderMessageResendUtils' },
    { module: 'WAWebBackendJobsCommon' },
    { module: 'WAWebE2EProtoUtils' },
  ],
  'contacts-groups': [
    { module: 'WAWebBlockContactAction', act: async (c) => (await c.getContactById(PEER_ID)).block(), prep: peerMessage },
    { module: 'WAWebQueryExistsJob', act: (c) => c.getNumberId(PEER) },
    { module: 'WAWebPhoneUtils', act: (c) => c.getFormattedNumber(PEER) },
    { module: 'WAPhoneFindCC', act: (c) => c.getCountryCode(PEER) },
    { module: 'WAWebGroupCreateJob', act: (c) => c.createGroup('Degraded', [OTHER]) },
    { module: 'WAWebApiContact', act: (c) => c.createGroup('Degraded', [OTHER]) },
    { module: 'WAWebGroupQueryJob', act: async (c) => (await ownGroup(c)).addParticipants([PEER_ID]) },
    { module: 'WAWebWidToJid', act: async (c) => (await ownGroup(c)).addParticipants([PEER_ID]) },
    { module: 'WASmaxGroupsAddParticipantsRPC', act: async (c) => (await ownGroup(c)).addParticipants([PEER_ID]) },
    { module: 'WAWebModifyParticipantsGroupAction', act: async (c) => (await ownGroup(c)).removeParticipants([OTHER]) },
    { module: 'WAWebExitGroupAction', act: async (c) => (await ownGroup(c)).leave() },
    { module: 'WAWebMexFetchGroupInviteCodeJob', act: async (c) => (await ownGroup(c)).getInviteCode() },
    { module: 'WAWebGroupInviteJob', act: (c) => c.acceptInvite('AbCdEfGhIjK') },
    { module: 'WAWebGroupInviteV4Job', act: (c) => c.acceptGroupV4Invite({ inviteCode: 'AbCdEfGhIjK', inviteCodeExp: Math.floor(Date.now() / 1000) + 3600, groupId: '120363000000000001@g.us', fromId: PEER_ID }) },
    // Polls: the vote subscription is an event (skipped when missing); voting and reading votes are calls.
    { module: 'WAWebAddonPollVoteTableMode' },
    { module: 'WAWebPollsSendVoteMsgAction', act: async (c) => (await c.sendMessage(PEER_ID, new Poll('Lunch?', ['Pizza', 'Soup']))).vote(['Soup']) },
    { module: 'WAWebPollsVotesSchema', act: async (c) => (await c.sendMessage(PEER_ID, new Poll('Lunch?', ['Pizza', 'Soup']))).getPollVotes() },
    // Stickers upload through their own manager.
    ...['WAWebUploadManager', 'WAWebStartMediaUploadQpl'].map((module) => ({
      module,
      act: (c) => c.sendMessage(PEER_ID, new MessageMedia('image/png', PNG.toString('base64'), 'dot.png'), { sendMediaAsSticker: true }),
    })),
  ],
  'calls-profile': [
    // Calls: the call event is hooked on the collection; rejecting sends a stanza.
    { module: 'WAWebCallCollection' },
    ...['WAWap', 'WADeprecatedSendIq'].map((module) => ({
      module,
      act: async (c, ctx) => {
        const call = waitFor(c, 'call');
        ctx.sim.peer.call({ from: PEER });
        return (await call).reject();
      },
    })),
    { module: 'WAWebGenerateEventCallLink', act: (c) => c.createCallLink(new Date(), 'voice') },
    { module: 'WAWebPresenceChatAction', act: (c) => c.sendPresenceAvailable() },
    { module: 'WAWebSetPushnameConnAction', act: (c) => c.setDisplayName('Degraded') },
    { module: 'WAWebApiDeviceList', act: (c) => c.getContactDeviceCount(PEER_ID), prep: peerMessage },
    { module: 'WAWebSaveContactAction', act: (c) => c.saveOrEditAddressbookContact(PEER, 'Ann', 'Lee') },
    {
      module: 'WAWebDeleteContactAction',
      act: async (c) => {
        await c.saveOrEditAddressbookContact(PEER, 'Ann', 'Lee');
        return c.deleteAddressbookContact(PEER_ID);
      },
      prep: peerMessage,
    },
  ],
  'group-admin-actions': [
    // Group administration.
    { module: 'WAWebGroupModifyInfoJob', act: async (c) => (await ownGroup(c)).setSubject('Renamed') },
    { module: 'WAWebSetPropertyGroupAction', act: async (c) => (await ownGroup(c)).setMessagesAdminsOnly(true) },
    { module: 'WAWebApiMembershipApprovalRequestStore', act: async (c) => c.getGroupMembershipRequests((await ownGroup(c)).id._serialized) },
    ...['WASmaxGroupsMembershipRequestsActionRPC', 'WAWebJidToWid'].map((module) => ({
      module,
      act: async (c) => c.approveGroupMembershipRequests((await ownGroup(c)).id._serialized, { requesterIds: [PEER_ID] }),
    })),
    { module: 'WAWebFindCommonGroupsContactAction', act: (c) => c.getCommonGroups(PEER_ID), prep: peerMessage },
    // Contact cards.
    { module: 'WAWebFrontendVcardUtils', act: async (c) => c.sendMessage(PEER_ID, await c.getContactById(PEER_ID)), prep: peerMessage },
    ...['WAWebVcardParsingUtils', 'WAWebVcardGetNameFromParsed'].map((module) => ({
      module,
      act: (c) => c.sendMessage(PEER_ID, 'BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nTEL;type=CELL;waid=15557100001:+1 555 710 0001\nEND:VCARD'),
    })),
    // Message actions.
    { module: 'WAWebSendMessageEditAction', act: async (c) => (await c.sendMessage(PEER_ID, 'hi')).edit('hello') },
    ...['WAWebPinMsgConstants', 'WAWebSendPinMessageAction'].map((module) => ({ module, act: async (c) => (await c.sendMessage(PEER_ID, 'hi')).pin(60) })),
    { module: 'WAWebPinInChatSchema', act: (c) => c.getPinnedMessages(PEER_ID) },
    // Chat actions.
    { module: 'WAWebChatClearBridge', act: async (c, ctx) => (await (await peerMessage(ctx, c)).getChat()).clearMessages() },
    { module: 'WAWebDeleteChatAction', act: async (c, ctx) => (await (await peerMessage(ctx, c)).getChat()).delete() },
    { module: 'WAWebApiMessageInfoStore', act: async (c) => (await c.sendMessage(PEER_ID, 'hi')).getInfo() },
    // Reached only for a chat whose history says more remains on the phone (a chat from before
    // this device was linked; chat-actions.test.js makes one with a second device).
    { module: 'WAWebSendNonMessageDataRequest' },
    {
      // A private invite goes to someone who can be added only by one.
      module: 'WAWebChatSendMessages',
      act: async (c, ctx) => {
        ctx.sim.addContacts([{ number: '15557100009', name: 'Ivy', invitesOnly: true }]);
        return (await ownGroup(c)).addParticipants(['15557100009@c.us'], { sleep: null });
      },
    },
    // Scheduled events.
    { module: 'WAWebSendEventResponseMsgAction', act: async (c) => c.sendResponseToScheduledEvent(1, (await c.sendMessage(PEER_ID, new ScheduledEvent('Party', new Date(Date.now() + 3600e3)))).id._serialized) },
    { module: 'WAWebSendEventEditMsgAction', act: async (c) => (await c.sendMessage(PEER_ID, new ScheduledEvent('Party', new Date(Date.now() + 3600e3)))).editScheduledEvent(new ScheduledEvent('Party!', new Date(Date.now() + 7200e3))) },
  ],
  'settings': [
    // The page's settings and window (client.interface).
    { module: 'WAWebUserPrefsGeneral', act: (c) => c.setAutoDownloadPhotos(false) },
    { module: 'WAWebUserPrefsNotifications', act: (c) => c.setBackgroundSync(true) },
    { module: 'WAWebDrawerManager', act: (c) => c.interface.closeRightDrawer() },
    { module: 'WAWebChatMessageSearch', act: async (c, ctx) => c.interface.openChatWindowAt((await peerMessage(ctx, c)).id._serialized) },
  ],
  'labels': [
    // WAWebCollections carries the Label collection too (its whole-module case is under 'chats').
    { module: 'WAWebCollections', act: (c) => c.getLabels() },
  ],
  'business': [
    // Notes are gated first: on a personal account the gate alone is asked.
    { module: 'WAWebBizGatingUtils', act: (c) => c.getCustomerNote(PEER_ID) },
    { module: 'WAWebNoteAction', act: async (c, ctx) => c.addOrEditCustomerNote(PEER_ID, await businessAccount(c, ctx)) },
    { module: 'WAWebBizOrderBridge', act: async (c, ctx) => (await orderMessage(c, ctx)).getOrder() },
    { module: 'WAWebBizProductCatalogBridge', act: async (c, ctx) => (await (await orderMessage(c, ctx)).getOrder()).products[0].getData() },
  ],
  'status': [
    { module: 'WAWebSendStatusMsgAction', act: (c) => c.sendMessage('status@broadcast', 'Hello there!') },
    { module: 'WAWebStatusGatingUtils', act: (c) => c.sendMessage('status@broadcast', 'Hello there!') },
    { module: 'WAWebMediaUpdateMsg', act: (c) => c.sendMessage('status@broadcast', new MessageMedia('image/png', PNG.toString('base64'), 'dot.png')) },
    // Posting works without it; revoking the posted status does not.
    { module: 'WAWebRevokeStatusAction', act: async (c) => c.revokeStatusMessage((await c.sendMessage('status@broadcast', 'short-lived')).id._serialized) },
  ],
  'channels': [
    // Channels (newsletters): finding, creating, deleting, following and searching them.
    { module: 'WAWebLoadNewsletterPreviewChatAction', act: (c) => c.getChatById('120363000000000099@newsletter') },
    { module: 'WAWebNewsletterModelUtils', act: (c) => c.getChannelByInviteCode('NoSuchInvite00000000') },
    { module: 'WAWebNewsletterMetadataQueryJob', act: (c) => c.getChannelByInviteCode('NoSuchInvite00000000') },
    { module: 'WAWebChatGetters', act: async (c) => (await c.createChannel('Degraded')) && c.getChannels() },
    { module: 'WAWebNewsletterGatingUtils', act: (c) => c.createChannel('Degraded') },
    { module: 'WAWebNewsletterCreateQueryJob', act: (c) => c.createChannel('Degraded') },
    { module: 'WAWebNewsletterDeleteAction', act: async (c) => c.deleteChannel((await c.createChannel('Degraded')).nid._serialized) },
    { module: 'WAWebNewsletterSubscribeAction', act: (c, ctx) => c.subscribeToChannel(ctx.sim.addChannel({ name: 'Theirs', owner: PEER }).id) },
    { module: 'WAWebNewsletterUnsubscribeAction', act: (c, ctx) => c.unsubscribeFromChannel(ctx.sim.addChannel({ name: 'Theirs', owner: PEER, subscribers: ['15550100001'] }).id) },
    { module: 'WAWebL10N', act: (c) => c.searchChannels({ searchText: 'x' }) },
    { module: 'WAWebCountriesNativeCountryNames', act: (c) => c.searchChannels({ searchText: 'x', countryCodes: ['FR'] }) },
    { module: 'WAWebNewsletterDirectorySearchAction', act: (c) => c.searchChannels({ searchText: 'x' }) },
  ],
  'channels-posts': [
    // A channel's own calls: editing, muting, posting, its subscribers.
    { module: 'WAWebEditNewsletterMetadataAction', act: async (c) => (await ownChannel(c)).setSubject('Renamed') },
    { module: 'WAWebNewsletterUpdateUserSettingJob', act: async (c) => (await ownChannel(c)).mute() },
    { module: 'WAJids', act: async (c) => (await ownChannel(c)).mute() },
    { module: 'WAWebMsgDataFromModel', act: async (c) => (await ownChannel(c)).sendMessage('post') },
    { module: 'WAWebNewsletterUpdateMsgsRecordsJob', act: async (c) => (await ownChannel(c)).sendMessage('post') },
    { module: 'WAWebNewsletterSendMessageJob', act: async (c) => (await ownChannel(c)).sendMessage('post') },
    { module: 'WAWebMexFetchNewsletterSubscribersJob', act: async (c) => (await ownChannel(c)).getSubscribers() },
    { module: 'WAWebNewsletterSubscriberListAction', act: async (c) => (await ownChannel(c)).getSubscribers() },
    { module: 'WAWebMexAcceptNewsletterAdminInviteJob', act: (c) => c.acceptChannelAdminInvite('120363000000000099@newsletter') },
    { module: 'WAWebMexRevokeNewsletterAdminInviteJob', act: async (c) => (await ownChannel(c)).revokeChannelAdminInvite(PEER_ID) },
    { module: 'WAWebDemoteNewsletterAdminAction', act: async (c) => (await ownChannel(c)).demoteChannelAdmin(PEER_ID) },
  ],
  'channels-admin': [
    // Inviting admins, handing a channel over and posting media (the new owner need not be an admin: the
    // missing module is looked up before anything is sent).
    { module: 'WAWebNewsletterSendMsgAction', act: async (c) => (await ownChannel(c)).sendChannelAdminInvite(PEER_ID) },
    { module: 'WAWebChangeNewsletterOwnerAction', act: async (c) => (await ownChannel(c)).transferChannelOwnership(PEER_ID) },
    { module: 'WAWebNewsletterDemoteAdminJob', act: async (c) => (await ownChannel(c)).transferChannelOwnership(PEER_ID, { shouldDismissSelfAsAdmin: true }) },
    { module: 'WAWebContactCollection', act: async (c) => (await ownChannel(c)).transferChannelOwnership(PEER_ID, { shouldDismissSelfAsAdmin: true }) },
    // A picture posted in a channel (the upload's token); a text post does without it.
    { module: 'WAMediaCalculateFilehash', act: async (c) => (await ownChannel(c)).sendMessage(new MessageMedia('image/png', PNG.toString('base64'), 'dot.png')) },
  ],
};

/** Makes the account a WhatsApp Business one and waits until its page has taken it (the notes'
 * gate opens, so a note call now gets past it); a note text to use. */
async function businessAccount(c, ctx) {
  ctx.sim.setLabels({ business: true });
  for (let i = 0; i < 100; i += 1) {
    const labels = await c.getLabels();
    if (labels.length) return 'a note';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the page never took the account for a business one');
}

/** A customer's order message, from the (business) account's catalog of one product. */
async function orderMessage(c, ctx) {
  await businessAccount(c, ctx);
  ctx.sim.setCatalog({ products: [{ id: '1001', name: 'Rye loaf', price1000: 4500, currency: 'USD' }] });
  const received = waitFor(c, 'message', 20000, (m) => m.type === 'order');
  await peerSend(ctx.sim, { from: PEER, order: { products: [{ id: '1001' }] } });
  return received;
}

/** Registers one test per case of `group` (a key of CASES). */
function testMissingModules(group) {
  if (!CASES[group]) throw new Error(`no page-change cases named ${group}`);
  for (const c of CASES[group]) {
    test(`${c.module}: the login goes on; ${c.act || c.beforeLogin ? 'its feature rejects with ERR_PAGE_CHANGED naming it' : 'getPageSupport() and a warning name it'}`, async () => {
      // A simulator of its own: a case that fails cannot leave its page settings to the next.
      const ctx = await setup({ missingModules: [c.module] });
      const warnings = pageWarnings();
      const client = ctx.client(c.options || {});
      try {
        if (c.beforeLogin) {
          let latest = null;
          client.on('qr', (qr) => (latest = qr));
          const first = waitFor(client, 'qr');
          await client.initialize();
          await first;
          await rejectsNaming(c.beforeLogin(client), c.module);
          // The page's QR is still there to scan.
          const ready = waitFor(client, 'ready', 30000);
          const scan = await ctx.sim.phone.scan(latest);
          assert.ok(scan.ok, scan.reason);
          await ready;
        } else {
          await loginByQr(ctx, client);
        }
        const support = await client.getPageSupport();
        assert.equal(support.version, await client.getWWebVersion());
        assert.deepEqual(support.missing.map((m) => m.internal), [c.module], 'exactly the removed module');
        const expected = new Set(internals.filter((row) => row.module === c.module).flatMap((row) => row.features));
        const found = support.missing.find((m) => m.internal === c.module);
        assert.deepEqual(new Set(found.features), expected, 'the features of all its members');
        if (c.prep) await c.prep(ctx, client);
        if (c.act) await rejectsNaming(c.act(client, ctx), c.module);
        await warnings.until(c.module);
        assert.equal(warnings.naming(c.module).length, 1, 'one warning per missing internal');
        assert.equal(warnings.seen.length, 1, 'and none about anything else');
      } finally {
        warnings.stop();
        await client.destroy();
        await ctx.close();
      }
    });
  }
}

module.exports = { CASES, testMissingModules, rejectsNaming, pageWarnings };
