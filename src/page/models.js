// Shared by every page function of the account, src/page/<area>/*.js (the Rust side,
// src/account/, puts it in front of each): reads WhatsApp Web's models into plain records the
// way whatsapp-web.js 1.34.7 reads them (src/util/Injected/Utils.js getMessageModel,
// getChatModel, getContactModel, getChat). Rust checks every record it gets.
// One set per document, shared by every function (src/page/functions.js): each function brings
// the same source, and sharing it keeps V8's warm code, so the first getChats() after a
// stream of messages runs the message reader that those events already warmed.
function accountModels() {
  const built = pageFunctions().shared('accountModels');
  if (built) return built;
  const Collections = need('WAWebCollections');
  const WidFactory = need('WAWebWidFactory', 'createWid');
  // A wid (or key) as its `user@server` text.
  const text = (w) => (w == null ? null : typeof w === 'string' ? w : String(w._serialized ?? w));

  // A message key as `{ fromMe, remote, id, participant, _serialized }`.
  const key = (k) => ({
    fromMe: Boolean(k.fromMe),
    remote: text(k.remote),
    id: String(k.id),
    participant: k.participant ? text(k.participant) : undefined,
    _serialized: text(k),
  });

  // A message: its serialized model once, as whatsapp-web.js's msg._data has it (`raw`; Rust
  // reads the typed fields out of it, src/message/record.rs), and what is not among its fields.
  // Sent once because DevTools moves a page's answer at tens of ms per MiB, and every message
  // event and every chat of getChats() carries one.
  const message = (model) => {
    const m = model.serialize();
    const { findLinks } = need('WALinkify', 'findLinks');
    const found = findLinks(model.mediaObject ? model.caption : model.body) || [];
    const out = { raw: rawOf(model, m, found), hasQuotedMsg: Boolean(m.quotedMsg), hasMedia: Boolean(m.directPath) };
    if (m.type === 'poll_creation') out.poll = pollOf(m);
    if (m.type === 'event_creation') out.event = eventOf(m);
    // Contact cards and group mentions, as whatsapp-web.js reads them (Message.js:193-198, 240).
    if (m.type === 'multi_vcard') out.vcards = (m.vcardList || []).map((c) => String(c?.vcard ?? ''));
    if (m.groupMentions && m.groupMentions.length) {
      out.groupMentions = m.groupMentions.map((g) => ({ groupSubject: String(g?.groupSubject ?? ''), groupJid: text(g?.groupJid) ?? '' }));
    }
    return out;
  };

  // msg._data / msg.rawData: the serialized model as whatsapp-web.js hands it over
  // (Injected/Utils.js:803-841 getMessageModel, then through puppeteer: wids become
  // { server, user, _serialized }, the key's remote its text), bounded: no binary data, no
  // thumbnails or media bodies, strings cut at 64 KiB, lists at 1024 entries (a mention of
  // every member of a full group fits), 4 levels deep.
  // Names looked up in a Set and substrings rather than one regular expression per field: this
  // runs for every field of every message the client hands over.
  const RAW_SKIP = new Set(['mediaObject', 'mediaData', 'pendingAckUpdate', 'msgChunk', 'streamingSidecar', 'scanLengths', 'scansSidecar', 'interactiveAnnotations']);
  const skipped = (k) => RAW_SKIP.has(k) || k.includes('humb') && (k.includes('Thumb') || k.includes('thumb')) || k.includes('JpegThum');
  const plain = (v, depth) => {
    if (v == null || typeof v === 'boolean') return v ?? null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string') return v.length > 65536 ? v.slice(0, 65536) : v;
    if (typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || depth > 4) return undefined;
    if (typeof v._serialized === 'string' && typeof v.id === 'string' && 'fromMe' in v) return key(v);
    if (typeof v._serialized === 'string') return { server: v.server, user: v.user, _serialized: v._serialized };
    if (Array.isArray(v)) return v.slice(0, 1024).map((x) => plain(x, depth + 1) ?? null);
    const out = {};
    for (const k of Object.keys(v)) {
      if (skipped(k)) continue;
      const x = v[k];
      if (typeof x === 'function') continue;
      const p = plain(x, depth + 1);
      if (p !== undefined) out[k] = p;
    }
    return out;
  };
  const rawOf = (model, m, found) => {
    const out = plain(m, 0);
    // A media message's body is its thumbnail in WhatsApp Web: left out.
    if (m.directPath) delete out.body;
    out.isEphemeral = Boolean(model.isEphemeral);
    out.isStatusV3 = Boolean(model.isStatusV3);
    out.links = found.map((l) => ({ link: l.href, isSuspicious: Boolean(l.suspiciousCharacters && l.suspiciousCharacters.size) }));
    return out;
  };

  // A poll's fields, as whatsapp-web.js reads them (src/structures/Message.js:329-342).
  const pollOf = (m) => ({
    name: String(m.pollName ?? ''),
    options: (m.pollOptions || []).map((o) => ({ name: String(o.name), localId: Number(o.localId) })),
    selectableCount: Number(m.pollSelectableOptionsCount) || 0,
    secret: m.messageSecret ? Array.from(m.messageSecret) : [],
  });

  // A scheduled event's fields, as WhatsApp Web's model holds them (whatsapp-web.js sends them so,
  // src/util/Injected/Utils.js:258-282; its Message.js reads eventName, line 57).
  const eventOf = (m) => ({
    name: String(m.eventName ?? ''),
    description: typeof m.eventDescription === 'string' ? m.eventDescription : null,
    startTime: Number(m.eventStartTime) || 0,
    endTime: Number.isInteger(m.eventEndTime) && m.eventEndTime > 0 ? m.eventEndTime : null,
    location: m.eventLocation && typeof m.eventLocation.name === 'string' ? m.eventLocation.name : null,
    joinLink: typeof m.eventJoinLink === 'string' ? m.eventJoinLink : null,
    canceled: Boolean(m.isEventCanceled),
    secret: m.messageSecret ? Array.from(m.messageSecret) : [],
  });

  // A poll vote (a vote message of the poll vote table, or a row of the votes table), as
  // whatsapp-web.js reads one (src/Client.js:1203-1230, 3413-3430).
  const pollVote = (v) => {
    const parent = v.pollUpdateParentKey ?? v.parentMsgKey;
    return {
      sender: text(v.author ?? v.from ?? v.sender),
      parentMsgKey: key(typeof parent === 'string' ? need('WAWebMsgKey', 'fromString').fromString(parent) : parent),
      selectedOptionLocalIds: Array.from(new Uint8Array(v.selectedOptionLocalIds || [])),
      senderTimestampMs: typeof v.senderTimestampMs === 'number' ? v.senderTimestampMs : null,
    };
  };

  const findMessage = async (id) =>
    need('WAWebCollections', 'Msg').Msg.get(id) || (await Collections.Msg.getMessagesById([id]))?.messages?.[0] || null;

  const chat = async (model) => {
    const c = model.serialize();
    let last = null;
    if (model.msgs && model.msgs.length && model.lastReceivedKey) {
      const found = await findMessage(model.lastReceivedKey._serialized);
      last = found ? message(found) : null;
    }
    let group = null;
    if (model.groupMetadata) {
      // As whatsapp-web.js's getChatModel: refresh the metadata, participants as phone numbers.
      const metadata = Collections.GroupMetadata || Collections.WAWebGroupMetadataCollection;
      await metadata.update(WidFactory.createWid(text(c.id)));
      const { toPn } = need('WAWebLidMigrationUtils', 'toPn');
      const g = model.groupMetadata.serialize();
      group = {
        owner: g.owner ? text(g.owner) : null,
        creation: g.creation ?? null,
        desc: g.desc ?? null,
        announce: Boolean(g.announce),
        restrict: Boolean(g.restrict),
        memberAddMode: typeof g.memberAddMode === 'string' ? g.memberAddMode : null,
        participants: (g.participants || []).map((p) => ({
          id: text(toPn(p.id) ?? p.id),
          isAdmin: Boolean(p.isAdmin),
          isSuperAdmin: Boolean(p.isSuperAdmin),
        })),
      };
    }
    return {
      id: text(c.id),
      groupMetadata: group,
      formattedTitle: model.formattedTitle ?? null,
      isGroup: Boolean(model.groupMetadata),
      isReadOnly: Boolean(model.groupMetadata && model.groupMetadata.announce),
      unreadCount: c.unreadCount || 0,
      t: c.t ?? null,
      archive: Boolean(c.archive),
      pin: c.pin || 0,
      isLocked: Boolean(c.isLocked),
      isMuted: model.mute?.expiration !== 0,
      muteExpiration: c.muteExpiration || 0,
      lastMessage: last,
    };
  };

  // Chat.get, else findOrCreateLatestChat, as whatsapp-web.js's getChat does. WhatsApp
  // Web makes no chat for a phone number it has no LID for ("No LID for user", thrown in
  // findOrCreateLatestChat): asking whether the number is on WhatsApp first gives the page
  // the LID, as whatsapp-web.js main's enforceLidAndPnRetrieval does (Injected/Utils.js:1705-1711).
  const findChat = async (chatId) => {
    const wid = WidFactory.createWid(chatId);
    if (wid.server === 'c.us' && !need('WAWebCollections', 'Chat').Chat.get(wid) && !need('WAWebApiContact', 'getCurrentLid').getCurrentLid(wid)) {
      await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(wid);
    }
    return (
      need('WAWebCollections', 'Chat').Chat.get(wid) ||
      (await need('WAWebFindChatAction', 'findOrCreateLatestChat').findOrCreateLatestChat(wid))?.chat ||
      null
    );
  };

  // As whatsapp-web.js main 2dc9466 (Injected/Utils.js:1007-1033): a LID contact is
  // named by its phone number where the page knows it, and blocked when its other id is.
  const contact = (model) => {
    const c = model.serialize();
    const get = need('WAWebContactGetters', 'getUserid', 'getName', 'getPushname', 'getShortName', 'getIsEnterprise', 'getIsMe', 'getIsUser', 'getIsGroup', 'getIsWAContact', 'getVerifiedName', 'getVerifiedLevel', 'getStatusMute');
    const wid = need('WAWebWidFactory', 'createWidFromWidLike').createWidFromWidLike(model.id);
    const phone = wid.isLid() && model.phoneNumber ? model.phoneNumber : null;
    let blocked = Boolean(model.isContactBlocked);
    if (!blocked) {
      const alt = need('WAWebApiContact', 'getAlternateUserWid').getAlternateUserWid(wid);
      blocked = Boolean(alt && need('WAWebCollections', 'Blocklist').Blocklist.get(alt));
    }
    return {
      id: text(phone || c.id),
      userid: get.getUserid(model) ?? (phone ? text(phone).split('@')[0] : null),
      name: get.getName(model) ?? null,
      pushname: get.getPushname(model) ?? null,
      shortName: get.getShortName(model) ?? null,
      isBusiness: model.isBusiness === undefined ? false : Boolean(model.isBusiness),
      isEnterprise: Boolean(get.getIsEnterprise(model)),
      isMe: Boolean(get.getIsMe(model)),
      isUser: Boolean(get.getIsUser(model)),
      isGroup: Boolean(get.getIsGroup(model)),
      isWAContact: Boolean(get.getIsWAContact(model)),
      isMyContact: Boolean(need('WAWebFrontendContactGetters', 'getIsMyContact').getIsMyContact(model)),
      isBlocked: blocked,
      verifiedName: get.getVerifiedName(model) ?? null,
      verifiedLevel: get.getVerifiedLevel(model) ?? null,
      statusMute: Boolean(get.getStatusMute(model)),
      type: c.type ?? null,
      labels: Array.isArray(c.labels) ? c.labels.map(String) : [],
      sectionHeader: c.sectionHeader ?? null,
    };
  };

  // A row of the reaction table, as whatsapp-web.js reads it (src/Client.js onReaction).
  const reaction = (r) => ({
    id: key(r.id),
    parent: key(r.reactionParentKey),
    reaction: String(r.reactionText ?? ''),
    timestamp: Number(r.reactionTimestamp) / 1000,
    sender: text(r.author ?? r.from),
    read: Boolean(r.read),
    orphan: Number(r.orphan) || 0,
    orphanReason: r.orphanReason ?? null,
    ack: r.ack ?? null,
  });

  // A chat's picture thumbnail in base64, or undefined, as WWebJS.getProfilePicThumbToBase64
  // (Injected/Utils.js:1384-1420): its ProfilePicThumb model's `img`, fetched and read as a data URL.
  const picThumbBase64 = async (wid) => {
    const thumb = await need('WAWebCollections', 'ProfilePicThumb').ProfilePicThumb.find(wid);
    if (!thumb?.img) return undefined;
    try {
      const response = await fetch(thumb.img);
      const blob = response.ok ? await response.blob() : null;
      const url = blob && (await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onloadend = () => resolve(reader.result);
        reader.readAsDataURL(blob);
      }));
      return url == null ? undefined : String(url).split(',')[1];
    } catch (_) {
      return undefined;
    }
  };

  // A private invite to a group for someone who only accepts invites (the server answered 403
  // with a code for them), as whatsapp-web.js sends it after adding or creating
  // (GroupChat.js:198-238, Client.js:2387-2411): the person's chat, the group's picture
  // thumbnail in base64 (WWebJS.getProfilePicThumbToBase64, Injected/Utils.js:1384-1420), then
  // WAWebChatSendMessages.sendGroupInviteMessage. Whether it was sent.
  const sendGroupInvite = async (personWid, groupWid, groupName, code, expiration, comment) => {
    need('WAWebCollections', 'Contact').Contact.gadd(personWid, { silent: true });
    const Chat = need('WAWebCollections', 'Chat').Chat;
    const chat = Chat.get(personWid) || (await Chat.find(personWid));
    if (!chat) return false;
    const thumbnail = await picThumbBase64(groupWid);
    const { sendGroupInviteMessage } = need('WAWebChatSendMessages', 'sendGroupInviteMessage');
    const sent = await sendGroupInviteMessage(chat, text(groupWid), groupName, code, expiration, comment, thumbnail);
    return sent?.messageSendResult === 'OK';
  };

  return pageFunctions().share('accountModels', { Collections, WidFactory, text, key, message, reaction, pollVote, findMessage, chat, findChat, contact, sendGroupInvite, picThumbBase64 });
}
