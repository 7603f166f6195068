//! Channels (newsletters): `getChannels`, `getChannelByInviteCode`, `createChannel`,
//! `deleteChannel`, `subscribeToChannel`, `unsubscribeFromChannel`, `searchChannels`,
//! `getChatById` and `sendMessage`/`sendSeen` with a `…@newsletter` id, and the `Channel`
//! structure's calls, with whatsapp-web.js's names and shapes (main 2dc9466:
//! src/Client.js:1678-1720, 2447-2745; src/structures/Channel.js; src/util/Injected/
//! Utils.js:491-534, 843-935, 1620-1650). The page functions are src/page/channels/*.js.
//!
//! Where whatsapp-web.js answers false (a channel the page cannot find, the server refusing),
//! so do these; a malformed argument is a named error and nothing is sent.

use serde_json::{json, Map, Value};

use super::{boolean, invalid, AccountCall, Args, Method, LONG};
use crate::errors::ClientError;
use crate::message::{Message, RawMessage};
use crate::wid::Wid;

pub(super) const METHODS: &[Method] = &[
    ("getChannels", |_| Ok(AccountCall::new("reading the channels", CHANNELS, vec![]).within(LONG).answer(channel_list))),
    // getChatById(id) with a channel id (lib/client/chats.js).
    ("getChannelById", |args| Ok(AccountCall::new("reading a channel", GET_CHANNEL, vec![json!(channel_id(&args.get(0), "chatId")?), Value::Null]).answer(channel_or_null))),
    ("getChannelByInviteCode", |args| Ok(AccountCall::new("reading a channel by its invite code", GET_CHANNEL, vec![Value::Null, json!(invite_code(&args.get(0))?)]).answer(channel_or_null))),
    ("createChannel", create_channel),
    ("deleteChannel", |args| Ok(AccountCall::new("deleting a channel", DELETE_CHANNEL, vec![json!(channel_id(&args.get(0), "channelId")?)]).answer(boolean))),
    ("subscribeToChannel", |args| Ok(AccountCall::new("subscribing to a channel", SUBSCRIPTION, vec![json!(channel_id(&args.get(0), "channelId")?), json!(true), json!(true)]).answer(boolean))),
    ("unsubscribeFromChannel", |args| {
        let id = channel_id(&args.get(0), "channelId")?;
        // whatsapp-web.js main (Utils.js:1632-1635): deleteLocalModels defaults to true.
        let delete_local = match args.get(1).get("deleteLocalModels") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(invalid("options.deleteLocalModels", format!("must be a boolean, got {}", crate::options::describe(other)))),
        };
        if !matches!(args.get(1), Value::Null | Value::Object(_)) {
            return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&args.get(1)))));
        }
        Ok(AccountCall::new("unsubscribing from a channel", SUBSCRIPTION, vec![json!(id), json!(false), json!(delete_local)]).answer(boolean))
    }),
    ("searchChannels", search_channels),
    ("acceptChannelAdminInvite", |args| {
        Ok(AccountCall::new("accepting a channel admin invitation", ADMIN, vec![json!("accept"), json!(channel_id(&args.get(0), "channelId")?), Value::Null]).answer(boolean))
    }),
    ("sendChannelAdminInvite", send_admin_invite),
    ("revokeChannelAdminInvite", |args| admin(args, "revoke", "revoking a channel admin invitation")),
    ("demoteChannelAdmin", |args| admin(args, "demote", "demoting a channel admin")),
    ("transferChannelOwnership", transfer_ownership),
    // Channel's own calls (lib/structures/Channel.js).
    ("fetchChannelMessages", |args| {
        let id = channel_id(&args.get(0), "channelId")?;
        let (limit, from_me) = super::messages::search_options(&args.get(1))?;
        Ok(AccountCall::new("fetching a channel's messages", FETCH_MESSAGES, vec![json!(id), json!(limit), json!(from_me)])
            .within(LONG)
            .records("messages", |m: Option<RawMessage>| m.map(Message::from_page).transpose()))
    }),
    ("editChannel", edit_channel),
    // channel.setProfilePicture(media): (channelId, media).
    ("setChannelPicture", |args| {
        let id = channel_id(&args.get(0), "channelId")?;
        let media = super::group_admin::picture(&args.get(1))?;
        Ok(AccountCall::new("setting a channel's picture", SET_PICTURE, vec![json!(id), media]).within(LONG).answer(not_an_image_or_boolean))
    }),
    ("muteChannel", |args| {
        let id = channel_id(&args.get(0), "channelId")?;
        let mute = args.get(1).as_bool().ok_or_else(|| invalid("mute", "must be a boolean".into()))?;
        Ok(AccountCall::new("muting a channel", MUTE_CHANNEL, vec![json!(id), json!(mute)]).answer(boolean))
    }),
    ("sendChannelMessage", send_channel_message),
    ("sendChannelSeen", |args| Ok(AccountCall::new("marking a channel seen", SEND_SEEN, vec![json!(channel_id(&args.get(0), "chatId")?)]).answer(boolean))),
    ("getChannelSubscribers", |args| {
        let id = channel_id(&args.get(0), "channelId")?;
        let limit = match args.get(1) {
            Value::Null => Value::Null,
            Value::Number(n) if n.as_u64().is_some_and(|n| (1..=100_000).contains(&n)) => Value::Number(n),
            other => return Err(invalid("limit", format!("must be a whole number from 1 to 100000, got {}", crate::options::describe(&other)))),
        };
        Ok(AccountCall::new("reading a channel's subscribers", SUBSCRIBERS, vec![json!(id), limit]).within(LONG).answer(subscribers))
    }),
];

// With the models' readers in front (src/page/models.js, put in front of every page function).
const CHANNELS: &str = page_fn!("channels/channels.js", "channels/channel_model.js");
const GET_CHANNEL: &str = page_fn!("channels/get_channel.js", "channels/find_channel.js", "channels/channel_model.js");
const CREATE_CHANNEL: &str = page_fn!("channels/create_channel.js", "pictures/square_jpegs.js");
const DELETE_CHANNEL: &str = page_fn!("channels/delete_channel.js", "channels/find_channel.js");
const SUBSCRIPTION: &str = page_fn!("channels/subscription.js", "channels/find_channel.js");
const SEARCH: &str = page_fn!("channels/search_channels.js", "channels/channel_model.js");
const FETCH_MESSAGES: &str = page_fn!("channels/fetch_messages.js", "channels/find_channel.js", "messages/history_window.js");
const EDIT_CHANNEL: &str = page_fn!("channels/edit_channel.js", "channels/find_channel.js");
const MUTE_CHANNEL: &str = page_fn!("channels/mute_channel.js");
const SEND_MESSAGE: &str = page_fn!("channels/send_message.js", "channels/find_channel.js", "messages/media_kinds.js", "messages/prepare_media.js", "messages/poll_fields.js");
const SEND_SEEN: &str = page_fn!("channels/send_seen.js", "channels/find_channel.js");
const SUBSCRIBERS: &str = page_fn!("channels/subscribers.js", "channels/find_channel.js");
const ADMIN: &str = page_fn!("channels/admin.js");
const SEND_ADMIN_INVITE: &str = page_fn!("channels/send_admin_invite.js");
const TRANSFER_OWNERSHIP: &str = page_fn!("channels/transfer_ownership.js", "channels/find_channel.js");
const SET_PICTURE: &str = page_fn!("channels/set_picture.js", "channels/find_channel.js", "pictures/square_jpegs.js");

const MAX_NAME: usize = 100;
const MAX_DESCRIPTION: usize = 2048;
const MAX_TEXT: usize = 65536;
/// An admin invitation's comment (WhatsApp's caption limit).
const MAX_COMMENT: usize = 1024;

/// A channel id: `<digits>@newsletter`.
fn channel_id(value: &Value, name: &str) -> Result<String, ClientError> {
    match value {
        Value::String(s) if s.strip_suffix("@newsletter").is_some_and(|u| (1..=30).contains(&u.len()) && u.bytes().all(|b| b.is_ascii_digit())) => Ok(s.clone()),
        other => Err(ClientError::InvalidChatId(format!("{name}: {} is not a channel id: expected \"<digits>@newsletter\"", crate::options::describe(other)))),
    }
}

/// An invite code: the part after https://whatsapp.com/channel/.
fn invite_code(value: &Value) -> Result<String, ClientError> {
    match value {
        Value::String(s) if (1..=100).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()) => Ok(s.clone()),
        Value::String(s) if s.contains("whatsapp.com/channel/") => Err(invalid("inviteCode", format!("must be the code after https://whatsapp.com/channel/, not the whole link {s:?}"))),
        other => Err(invalid("inviteCode", format!("must be the letters and digits after https://whatsapp.com/channel/, got {}", crate::options::describe(other)))),
    }
}

fn text(value: &Value, name: &str, max: usize, allow_empty: bool) -> Result<String, ClientError> {
    match value {
        Value::String(s) if s.chars().count() <= max && (allow_empty || !s.trim().is_empty()) => Ok(s.clone()),
        Value::String(_) => Err(invalid(name, format!("must be a text of {} to {max} characters", if allow_empty { 0 } else { 1 }))),
        other => Err(invalid(name, format!("must be a string, got {}", crate::options::describe(other)))),
    }
}

fn options(value: Value) -> Result<Value, ClientError> {
    match value {
        Value::Null => Ok(json!({})),
        o @ Value::Object(_) => Ok(o),
        other => Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&other)))),
    }
}

/// `createChannel(title, { description, picture })`: whatsapp-web.js's result, or its
/// `CreateChannelError: …` text when creating is off or the server refuses.
fn create_channel(args: &Args) -> Result<AccountCall, ClientError> {
    let title = text(&args.get(0), "title", MAX_NAME, false)?;
    let options = options(args.get(1))?;
    let description = match options.get("description") {
        None | Some(Value::Null) => Value::Null,
        Some(d) => Value::String(text(d, "options.description", MAX_DESCRIPTION, true)?),
    };
    // A MessageMedia holding an image (whatsapp-web.js: cropAndResizeImage throws "Media is not an image").
    let picture = match options.get("picture") {
        None | Some(Value::Null) => Value::Null,
        Some(p) => super::group_admin::picture(p).map_err(|e| match e {
            ClientError::InvalidArgument { name, reason } => ClientError::InvalidArgument { name: format!("options.picture{}", name.strip_prefix("media").unwrap_or(&name)), reason },
            other => other,
        })?,
    };
    Ok(AccountCall::new("creating a channel", CREATE_CHANNEL, vec![json!(title), description, picture]).within(LONG).answer(|raw| match raw {
        Value::String(error) if error.starts_with("CreateChannelError: ") => Ok(Value::String(error)),
        Value::Object(o) if o.get("notAnImage") == Some(&Value::Bool(true)) => Err(invalid("options.picture.data", "is not an image the browser can decode".into())),
        Value::Object(o) => {
            let nid = o.get("nid").and_then(Value::as_str).and_then(Wid::parse).filter(|w| w.server == "newsletter").ok_or_else(|| bad_answer("a created channel without an id"))?;
            let invite = o.get("inviteLink").and_then(Value::as_str).filter(|l| l.starts_with("https://whatsapp.com/channel/")).ok_or_else(|| bad_answer("a created channel without an invite link"))?;
            Ok(json!({ "title": o.get("title").cloned().unwrap_or(Value::Null), "nid": nid.to_value(), "inviteLink": invite, "createdAtTs": o.get("createdAtTs").and_then(Value::as_i64) }))
        }
        _ => Err(bad_answer("something other than a created channel")),
    }))
}

/// `revokeChannelAdminInvite(channelId, userId)`, `demoteChannelAdmin(channelId, userId)`.
fn admin(args: &Args, action: &'static str, what: &'static str) -> Result<AccountCall, ClientError> {
    let id = channel_id(&args.get(0), "channelId")?;
    let user = crate::wid::person_id(&args.get(1))?;
    Ok(AccountCall::new(what, ADMIN, vec![json!(action), json!(id), json!(user)]).answer(boolean))
}

/// `sendChannelAdminInvite(chatId, channelId, { comment })`: whether the invitation message went.
fn send_admin_invite(args: &Args) -> Result<AccountCall, ClientError> {
    let chat = crate::wid::person_id(&args.get(0))?;
    let id = channel_id(&args.get(1), "channelId")?;
    let options = options(args.get(2))?;
    let comment = match options.get("comment") {
        None | Some(Value::Null) => Value::Null,
        Some(c) => Value::String(text(c, "options.comment", MAX_COMMENT, true)?),
    };
    Ok(AccountCall::new("sending a channel admin invitation", SEND_ADMIN_INVITE, vec![json!(chat), json!(id), comment]).within(LONG).answer(boolean))
}

/// `transferChannelOwnership(channelId, newOwnerId, { shouldDismissSelfAsAdmin })`.
fn transfer_ownership(args: &Args) -> Result<AccountCall, ClientError> {
    let id = channel_id(&args.get(0), "channelId")?;
    let owner = crate::wid::person_id(&args.get(1))?;
    let options = options(args.get(2))?;
    let dismiss = match options.get("shouldDismissSelfAsAdmin") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid("options.shouldDismissSelfAsAdmin", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    Ok(AccountCall::new("transferring a channel's ownership", TRANSFER_OWNERSHIP, vec![json!(id), json!(owner), json!(dismiss)]).within(LONG).answer(boolean))
}

fn not_an_image_or_boolean(raw: Value) -> Result<Value, ClientError> {
    if raw.get("notAnImage") == Some(&Value::Bool(true)) {
        return Err(invalid("media.data", "is not an image the browser can decode".into()));
    }
    boolean(raw)
}

/// `searchChannels({ searchText, countryCodes, skipSubscribedNewsletters, view, limit })`.
fn search_channels(args: &Args) -> Result<AccountCall, ClientError> {
    let o = options(args.get(0)).map_err(|_| invalid("searchOptions", "must be an object".into()))?;
    let search_text = match o.get("searchText") {
        None | Some(Value::Null) => String::new(),
        Some(t) => text(t, "searchOptions.searchText", 200, true)?.trim().to_string(),
    };
    let country_codes = match o.get("countryCodes") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(list)) if list.len() <= 250 => list
            .iter()
            .map(|c| match c {
                Value::String(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) => Ok(s.clone()),
                other => Err(invalid("searchOptions.countryCodes", format!("each must be an ISO 3166-1 alpha-2 code like \"US\", got {}", crate::options::describe(other)))),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => return Err(invalid("searchOptions.countryCodes", format!("must be a list of country codes, got {}", crate::options::describe(other)))),
    };
    let skip = match o.get("skipSubscribedNewsletters") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid("searchOptions.skipSubscribedNewsletters", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    let view = match o.get("view") {
        None | Some(Value::Null) => 0,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v <= 3) => n.as_u64().unwrap_or(0),
        Some(other) => return Err(invalid("searchOptions.view", format!("must be 0 (recommended), 1 (trending), 2 (popular) or 3 (new), got {}", crate::options::describe(other)))),
    };
    let limit = match o.get("limit") {
        None | Some(Value::Null) => 50,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| (1..=1000).contains(&v)) => n.as_u64().unwrap_or(50),
        Some(other) => return Err(invalid("searchOptions.limit", format!("must be a whole number from 1 to 1000, got {}", crate::options::describe(other)))),
    };
    let spec = json!({ "searchText": search_text, "countryCodes": country_codes, "skipSubscribedNewsletters": skip, "view": view, "limit": limit });
    Ok(AccountCall::new("searching channels", SEARCH, vec![spec]).within(LONG).answer(channel_list))
}

/// `channel.setSubject(name)`, `setDescription(text)`, `setReactionSetting(code)`:
/// (channelId, field, value).
fn edit_channel(args: &Args) -> Result<AccountCall, ClientError> {
    let id = channel_id(&args.get(0), "channelId")?;
    let (field, value) = match args.get(1).as_str() {
        Some("name") => ("name", json!(text(&args.get(2), "newSubject", MAX_NAME, false)?)),
        Some("description") => ("description", json!(text(&args.get(2), "newDescription", MAX_DESCRIPTION, true)?)),
        // whatsapp-web.js's 0 none, 1 basic, 2 all, sent as WhatsApp's 3, 1, 0 (Channel.js:191-203).
        Some("reactionCodesSetting") => match args.get(2).as_u64() {
            Some(0) => ("reactionCodesSetting", json!(3)),
            Some(1) => ("reactionCodesSetting", json!(1)),
            Some(2) => ("reactionCodesSetting", json!(0)),
            _ => return Err(invalid("reactionCode", format!("must be 0 (no reactions), 1 (basic) or 2 (all), got {}", crate::options::describe(&args.get(2))))),
        },
        _ => return Err(ClientError::Internal("editChannel: unknown field".into())),
    };
    Ok(AccountCall::new("changing a channel", EDIT_CHANNEL, vec![json!(id), json!(field), value]).answer(boolean))
}

/// `sendMessage(channelId, content, options)` / `channel.sendMessage(content, options)`: a text,
/// a picture, video or audio (`MessageMedia` as content with `options.caption`, or a text with
/// `options.media`; `sendVideoAsGif`, `sendAudioAsVoice`, `sendMediaAsHd`), a sticker made of a
/// picture or video (`sendMediaAsSticker`, with `stickerName`, `stickerAuthor`,
/// `stickerCategories`) or a `Poll`, as whatsapp-web.js posts in a channel (Injected/Utils.js:
/// 155-166, 491-534, 683-801: a sticker's WebP goes through processMediaData with forceSticker
/// and the newsletter media type, not processStickerData).
fn send_channel_message(args: &Args) -> Result<AccountCall, ClientError> {
    let id = channel_id(&args.get(0), "chatId")?;
    let options = options(args.get(2))?;
    let kinds = super::media_kinds::MediaKinds::parse(&options)?;
    let page_kinds = kinds.to_page();
    let caption = match options.get("caption") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(c)) if c.chars().count() <= MAX_TEXT => c.clone(),
        Some(other) => return Err(invalid("options.caption", format!("must be a text of at most {MAX_TEXT} characters, got {}", crate::options::describe(other)))),
    };
    let post_media = |m: &Value, name: &str| -> Result<Value, ClientError> {
        let media = super::messages::media(m, name, false)?;
        let mimetype = media["mimetype"].as_str().unwrap_or_default();
        if !["image/", "video/", "audio/"].iter().any(|p| mimetype.starts_with(p)) {
            return Err(invalid(&format!("{name}.mimetype"), format!("a channel post's file must be a picture, a video or audio (whatsapp-web.js: text, image, sticker, gif, video, voice and poll), got {mimetype}")));
        }
        Ok(media)
    };
    let (body, media, poll) = match (args.get(1), options.get("media").filter(|m| !m.is_null())) {
        (Value::String(s), None) if !s.is_empty() && s.chars().count() <= MAX_TEXT => (s, Value::Null, Value::Null),
        (Value::String(_), None) => return Err(invalid("content", format!("a channel post must be a text of 1 to {MAX_TEXT} characters"))),
        (Value::String(s), Some(m)) if s.chars().count() <= MAX_TEXT => (s, post_media(m, "options.media")?, Value::Null),
        (Value::String(_), Some(_)) => return Err(invalid("content", format!("a caption must be at most {MAX_TEXT} characters"))),
        (m @ Value::Object(_), _) if m.get("mimetype").is_some() => (caption, post_media(&m, "content")?, Value::Null),
        (p @ Value::Object(_), _) if p.get("pollName").is_some() => (String::new(), Value::Null, super::polls::poll(&p)?),
        (other, _) => return Err(invalid("content", format!("a channel post must be a string, a MessageMedia or a Poll, got {}", crate::options::describe(&other)))),
    };
    kinds.check(&media)?;
    let post = json!({ "media": media, "kinds": page_kinds, "poll": poll });
    let call = AccountCall::new("posting in a channel", SEND_MESSAGE, vec![json!(id), json!(body), post]).within(LONG).answer(move |raw| {
        if raw.get("notAdmin") == Some(&Value::Bool(true)) {
            return Err(ClientError::InvalidChatId("only a channel's owner and admins post in it; this account only follows it".into()));
        }
        if raw.get("noChannel") == Some(&Value::Bool(true)) {
            return Err(ClientError::InvalidChatId("the account has no such channel".into()));
        }
        if raw.get("refused") == Some(&Value::Bool(true)) {
            return Err(ClientError::PageScript("WhatsApp did not accept the channel post".into()));
        }
        super::to_json(Message::from_value(&raw)?)
    });
    // A sticker's WebP is made before the page call, off Node's thread, as for a chat (the post's
    // `media`, page argument 2, is what `prepare` converts).
    Ok(kinds.prepare(call))
}

fn bad_answer(why: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered with {why}"))
}

/// One channel as whatsapp-web.js's Channel reads it (Channel.js:24-99): `id`, `name`,
/// `description`, `isChannel`, `isGroup`, `isReadOnly`, `unreadCount`, `t`, `isMuted`,
/// `muteExpiration`, `lastMessage`, `channelMetadata`.
fn channel(raw: &Value) -> Result<Value, ClientError> {
    let id = raw.get("id").and_then(Value::as_str).and_then(Wid::parse).filter(|w| w.server == "newsletter").ok_or_else(|| bad_answer("a channel without a channel id"))?;
    let str_of = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let int_of = |key: &str| raw.get(key).and_then(Value::as_i64).unwrap_or(0);
    let last_message = match raw.get("lastMessage") {
        None | Some(Value::Null) => Value::Null,
        Some(m) => super::to_json(Message::from_value(m)?)?,
    };
    let meta = raw.get("channelMetadata").and_then(Value::as_object).ok_or_else(|| bad_answer("a channel without its metadata"))?;
    let mut metadata = Map::new();
    for key in ["name", "description", "inviteCode", "membershipType", "verified", "subscribersCount", "reactionCodesSetting", "createdAtTs", "creationTime"] {
        let value = meta.get(key).cloned().unwrap_or(Value::Null);
        if !matches!(value, Value::Null | Value::String(_) | Value::Number(_) | Value::Bool(_)) {
            return Err(bad_answer("a malformed channel metadata field"));
        }
        metadata.insert(key.into(), value);
    }
    metadata.insert("id".into(), Value::String(id.serialized.clone()));
    Ok(json!({
        "id": id.to_value(),
        "name": str_of(raw.get("name")).unwrap_or_default(),
        "description": str_of(meta.get("description")).unwrap_or_default(),
        "isChannel": true,
        "isGroup": false,
        "isReadOnly": raw.get("isReadOnly").and_then(Value::as_bool).unwrap_or(true),
        "unreadCount": int_of("unreadCount"),
        "t": int_of("t"),
        "isMuted": raw.get("isMuted").and_then(Value::as_bool).unwrap_or(false),
        "muteExpiration": int_of("muteExpiration"),
        "lastMessage": last_message,
        "channelMetadata": Value::Object(metadata),
    }))
}

fn channel_or_null(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        Ok(Value::Null)
    } else {
        channel(&raw)
    }
}

fn channel_list(raw: Value) -> Result<Value, ClientError> {
    raw.as_array().ok_or_else(|| bad_answer("something other than a list of channels"))?.iter().map(channel).collect::<Result<Vec<_>, _>>().map(Value::Array)
}

/// `channel.getSubscribers(limit)`: `[{ contact, role }]`, the contacts as getContactById gives them.
fn subscribers(raw: Value) -> Result<Value, ClientError> {
    let list = raw.as_array().ok_or_else(|| bad_answer("something other than a list of subscribers"))?;
    list.iter()
        .map(|s| {
            let role = s.get("role").and_then(Value::as_str).ok_or_else(|| bad_answer("a subscriber without a role"))?;
            let contact = s.get("contact").ok_or_else(|| bad_answer("a subscriber without a contact"))?;
            Ok(json!({ "contact": super::to_json(crate::contact::Contact::from_value(contact)?)?, "role": role }))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_codes_and_channels() {
        assert_eq!(channel_id(&json!("120363000000000001@newsletter"), "x").unwrap(), "120363000000000001@newsletter");
        for bad in [json!("1@c.us"), json!("@newsletter"), json!("a1@newsletter"), json!(1), json!(null)] {
            assert!(matches!(channel_id(&bad, "x"), Err(ClientError::InvalidChatId(_))), "{bad}");
        }
        assert!(invite_code(&json!("https://whatsapp.com/channel/abc")).is_err());
        assert_eq!(invite_code(&json!("Abc123")).unwrap(), "Abc123");
        let c = channel(&json!({ "id": "1@newsletter", "name": "N", "channelMetadata": { "description": "D", "membershipType": "owner" } })).unwrap();
        assert_eq!(c["id"]["_serialized"], "1@newsletter");
        assert_eq!(c["description"], "D");
        assert!(channel(&json!({ "id": "1@c.us", "channelMetadata": {} })).is_err());
    }
}
