'use strict';
// The Client's methods of one feature area: channels (newsletters) (src/account/channels.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in Channel.
// lib/client/index.js puts them on Client.prototype. getChatById, sendMessage and sendSeen with a
// `…@newsletter` id come here through the helpers at the end (lib/client/chats.js, messages.js).
const { accountCall } = require('../structures/Base');
const structures = require('../structures');
const Channel = require('../structures/Channel');

class Channels {
  /** The channels the page holds (owned, followed, or looked at). */
  async getChannels() {
    return (await this[accountCall]('getChannels')).map((data) => new Channel(this, data));
  }

  /** The channel an invite code (the part after https://whatsapp.com/channel/) names; undefined when none. */
  async getChannelByInviteCode(inviteCode) {
    const data = await this[accountCall]('getChannelByInviteCode', inviteCode);
    return data ? new Channel(this, data) : undefined;
  }

  /** `{ title, nid, inviteLink, createdAtTs }`, or whatsapp-web.js's `CreateChannelError: …` text. */
  createChannel(title, options = {}) {
    return this[accountCall]('createChannel', title, options);
  }

  /** True once deleted; false when the page cannot find it or the account does not own it. */
  deleteChannel(channelId) {
    return this[accountCall]('deleteChannel', channelId);
  }

  subscribeToChannel(channelId) {
    return this[accountCall]('subscribeToChannel', channelId);
  }

  /** `{ deleteLocalModels }` (default true, as whatsapp-web.js main). */
  unsubscribeFromChannel(channelId, options) {
    return this[accountCall]('unsubscribeFromChannel', channelId, options ?? null);
  }

  /** WhatsApp's channel directory: `{ searchText, countryCodes, skipSubscribedNewsletters, view, limit }`. */
  async searchChannels(searchOptions = {}) {
    return (await this[accountCall]('searchChannels', searchOptions)).map((data) => new Channel(this, data));
  }

  /** Invites a person (`<number>@c.us`) to be an admin of a channel the account owns: an invitation message in their chat. */
  sendChannelAdminInvite(chatId, channelId, options = {}) {
    return this[accountCall]('sendChannelAdminInvite', chatId, channelId, options ?? {});
  }

  /** Becomes an admin of a channel whose owner invited the account; false when there is no invitation. */
  acceptChannelAdminInvite(channelId) {
    return this[accountCall]('acceptChannelAdminInvite', channelId);
  }

  /** Takes back an admin invitation the account (the owner) sent; false when there is none. */
  revokeChannelAdminInvite(channelId, userId) {
    return this[accountCall]('revokeChannelAdminInvite', channelId, userId);
  }

  /** An admin back to a subscriber (the owner, or an admin demoting itself); false when refused. */
  demoteChannelAdmin(channelId, userId) {
    return this[accountCall]('demoteChannelAdmin', channelId, userId);
  }

  /** Hands the channel to one of its admins; `{ shouldDismissSelfAsAdmin }` then makes the account a subscriber. */
  transferChannelOwnership(channelId, newOwnerId, options = {}) {
    return this[accountCall]('transferChannelOwnership', channelId, newOwnerId, options ?? {});
  }
}

/** Whether `chatId` names a channel, as whatsapp-web.js tells (Client.js:1388). */
const isChannelId = (chatId) => typeof chatId === 'string' && /@\w*newsletter\b/.test(chatId);

/** getChatById(<id>@newsletter): the Channel, or undefined. */
async function channelById(client, chatId) {
  const data = await client[accountCall]('getChannelById', chatId);
  return data ? new Channel(client, data) : undefined;
}

/**
 * sendMessage(<id>@newsletter, …): as whatsapp-web.js (Client.js:1388-1411), the kinds it does not
 * send in channels get its warning and null; a text, a file or a poll goes as a post.
 */
async function sendToChannel(client, chatId, content, options = {}) {
  const o = options || {};
  const unsupported = [o.sendMediaAsDocument, o.quotedMessageId, o.parseVCards, o.isViewOnce].includes(true) || Boolean(o.quotedMessageId)
    || content instanceof structures.Location || content instanceof structures.Contact || content instanceof structures.Buttons || content instanceof structures.List
    || (Array.isArray(content) && content.length > 0 && content[0] instanceof structures.Contact);
  if (unsupported) {
    console.warn('The message type is currently not supported for sending in channels,\nthe supported message types are: text, image, sticker, gif, video, voice and poll.');
    return null;
  }
  return new structures.Message(client, await client[accountCall]('sendChannelMessage', chatId, content, o));
}

/** sendSeen(<id>@newsletter). */
function channelSeen(client, chatId) {
  return client[accountCall]('sendChannelSeen', chatId);
}

module.exports = Channels;
module.exports.isChannelId = isChannelId;
module.exports.channelById = channelById;
module.exports.sendToChannel = sendToChannel;
module.exports.channelSeen = channelSeen;
