//! Messages: send (text, media, locations, replies, mentions; contact cards and
//! mentions in cards.rs), read one or a
//! chat's history, react, delete, forward, download media. The page
//! functions are src/page/messages/*.js.

use serde_json::{json, Value};

use super::{cards, invalid, to_json, AccountCall, Args, Method, LONG};
use crate::browser::PageHandle;
use crate::errors::ClientError;
use crate::message::{Message, RawMessage};
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("sendMessage", send_message),
    ("getMessageById", |args| Ok(AccountCall::new("reading a message", GET_MESSAGE, vec![json!(message_id(&args.get(0), "messageId")?)]).answer(message))),
    ("getQuotedMessage", |args| {
        Ok(AccountCall::new("reading a quoted message", GET_QUOTED_MESSAGE, vec![json!(message_id(&args.get(0), "messageId")?)]).answer(message))
    }),
    ("fetchMessages", fetch_messages),
    ("sendReaction", send_reaction),
    ("deleteMessage", delete_message),
    // Files can be large: their base64 crosses the DevTools connection.
    ("downloadMedia", |args| {
        Ok(AccountCall::new("downloading media", DOWNLOAD_MEDIA, vec![json!(message_id(&args.get(0), "messageId")?)]).within(LONG).answer(downloaded_media))
    }),
    ("forwardMessage", |args| {
        let args = vec![json!(message_id(&args.get(0), "messageId")?), json!(wid::chat_id(&args.get(1))?)];
        Ok(AccountCall::new("forwarding a message", FORWARD_MESSAGE, args).within(LONG))
    }),
];

// With the media kinds' declarations in front (media_kinds.rs).
const SEND_MESSAGE: &str = page_fn!("messages/send_message.js", "messages/media_kinds.js", "messages/prepare_media.js", "messages/poll_fields.js");
const GET_MESSAGE: &str = page_fn!("messages/get_message.js");
const GET_QUOTED_MESSAGE: &str = page_fn!("messages/get_quoted_message.js");
const FETCH_MESSAGES: &str = page_fn!("messages/fetch_messages.js", "messages/history_window.js");
const SEND_REACTION: &str = page_fn!("messages/send_reaction.js");
const DELETE_MESSAGE: &str = page_fn!("messages/delete_message.js");
const DOWNLOAD_MEDIA: &str = page_fn!("messages/download_media.js");
const FORWARD_MESSAGE: &str = page_fn!("messages/forward_message.js");
const LOCATION_PATCH: &str = page_fn!("messages/location_patch.js");

/// WhatsApp's limits: 16 MiB for pictures, video and audio; 100 MiB for documents
/// (current apps allow more, but the file crosses the DevTools connection as base64).
pub(super) const MEDIA_LIMIT: usize = 16 * 1024 * 1024;
pub(super) const DOCUMENT_LIMIT: usize = 100 * 1024 * 1024;

/// As whatsapp-web.js injects it after login: locations are sent as text
/// stanzas (run with the subscription, once per document).
pub(super) async fn patch_locations(page: &PageHandle) -> Result<(), ClientError> {
    crate::browser::call(page, "patching how locations are sent", LOCATION_PATCH, vec![], super::LIMIT).await.map(|_| ())
}

/// `sendMessage(chatId, content, options)`: the options whatsapp-web-rs carries
/// out, in whatsapp-web.js's names.
fn send_message(args: &Args) -> Result<AccountCall, ClientError> {
    let chat_id = wid::chat_id(&args.get(0))?;
    let options = match args.get(2) {
        Value::Null => Value::Object(Default::default()),
        o @ Value::Object(_) => o,
        other => return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&other)))),
    };
    // Stickers, voice notes, GIFs, HD and view once: media_kinds.rs.
    let kinds = super::media_kinds::MediaKinds::parse(&options)?;
    let as_document = opt_bool(&options, "sendMediaAsDocument", false)?;
    let caption = match options.get("caption") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.clone()),
        Some(other) => return Err(invalid("options.caption", format!("must be a string, got {}", crate::options::describe(other)))),
    };
    // As whatsapp-web.js: a MessageMedia as content (its caption in options), or text
    // with options.media (the text is the caption).
    let mut location = Value::Null;
    let mut poll = Value::Null;
    let mut event = Value::Null;
    let mut contact_cards = Value::Null;
    let mut buttons = Value::Null;
    let mut list = Value::Null;
    let card_options = cards::contact_cards(&args.get(1)).transpose()?;
    let (content, media) = match (args.get(1), options.get("media").filter(|m| !m.is_null())) {
        (Value::String(text), None) => (text, Value::Null),
        (Value::String(text), Some(m)) => (text, media(m, "options.media", as_document)?),
        (m @ Value::Object(_), _) if m.get("mimetype").is_some() => (caption.unwrap_or_default(), media(&m, "content", as_document)?),
        (l @ Value::Object(_), _) if l.get("latitude").is_some() => {
            location = self::location(&l)?;
            (String::new(), Value::Null)
        }
        // A Poll (src/account/polls.rs).
        (p @ Value::Object(_), _) if p.get("pollName").is_some() => {
            poll = super::polls::poll(&p)?;
            (String::new(), Value::Null)
        }
        // A ScheduledEvent (src/account/scheduled_events.rs).
        (e @ Value::Object(_), _) if e.get("eventSendOptions").is_some() => {
            event = super::scheduled_events::event(&e, "content")?;
            (String::new(), Value::Null)
        }
        // A Buttons or a List, deprecated but still sent (src/account/buttons.rs).
        (b @ Value::Object(_), _) if super::buttons::is_buttons(&b) => {
            buttons = super::buttons::buttons(&b)?;
            (String::new(), Value::Null)
        }
        (l @ Value::Object(_), _) if super::buttons::is_list(&l) => {
            list = super::buttons::list(&l)?;
            (String::new(), Value::Null)
        }
        // A Contact or a list of them: contact cards (src/account/cards.rs).
        (_, _) if card_options.is_some() => {
            contact_cards = card_options.clone().unwrap_or_default();
            (String::new(), Value::Null)
        }
        (other, _) => {
            return Err(invalid(
                "content",
                format!("must be a string, a MessageMedia, a Location, a Poll, a ScheduledEvent, a Contact, a list of Contacts, a Buttons or a List, got {}", crate::options::describe(&other)),
            ))
        }
    };
    kinds.check(&media)?;
    let quoted_message_id = match options.get("quotedMessageId") {
        None | Some(Value::Null) => None,
        Some(v) => Some(message_id(v, "options.quotedMessageId")?),
    };
    let mentions = cards::mentions(&options)?;
    let group_mentions = cards::group_mentions(&options)?;
    let invoked_bot = invoked_bot_wid(&options)?;
    let options = json!({
        "quotedMessageId": quoted_message_id,
        "mentions": mentions,
        "linkPreview": opt_bool(&options, "linkPreview", true)?,
        "sendSeen": opt_bool(&options, "sendSeen", true)?,
        "ignoreQuoteErrors": opt_bool(&options, "ignoreQuoteErrors", true)?,
        "media": media,
        "sendMediaAsDocument": as_document,
        "location": location,
        "poll": poll,
        "event": event,
        "kinds": kinds.to_page(),
        "groupMentions": group_mentions,
        "contactCards": contact_cards,
        "buttons": buttons,
        "list": list,
        "parseVCards": opt_bool(&options, "parseVCards", true)?,
        "waitUntilMsgSent": opt_bool(&options, "waitUntilMsgSent", false)?,
        "extra": extra(&options)?,
        "invokedBotWid": invoked_bot,
    });
    let call = AccountCall::new("sending a message", SEND_MESSAGE, vec![json!(chat_id), json!(content), options]).within(LONG).answer(move |raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(match error {
                "quoted-not-found" => ClientError::MessageNotFound("the quoted message".into()),
                // whatsapp-web.js's own words (Injected/Utils.js:385-390).
                "list-on-business" => ClientError::NotSupported(
                    "[LT01] Whatsapp business can't send this yet: a WhatsApp Business account cannot send a List (whatsapp-web.js refuses it the same way); nothing was sent".into(),
                ),
                "unknown-bot" => invalid(
                    "options.invokedBotWid",
                    format!("{} is not a bot this WhatsApp Web knows (it has no bot profile for it); nothing was sent", invoked_bot.as_deref().unwrap_or_default()),
                ),
                other => ClientError::PageScript(other.to_string()),
            });
        }
        message(raw.get("message").cloned().unwrap_or(Value::Null))
    });
    // A sticker is made before the page call, off Node's thread.
    Ok(kinds.prepare(call))
}

/// `options.invokedBotWid`: the bot a message mentions ("@Meta AI", `13135550002@c.us`), as
/// whatsapp-web.js main takes it: a user id, `<digits>@c.us` or `<digits>@lid`. None when not
/// given (or empty, which whatsapp-web.js skips too).
fn invoked_bot_wid(options: &Value) -> Result<Option<String>, ClientError> {
    let is_user = |s: &str| {
        s.rsplit_once('@').is_some_and(|(user, server)| matches!(server, "c.us" | "lid") && (1..=20).contains(&user.len()) && user.bytes().all(|b| b.is_ascii_digit()))
    };
    match options.get("invokedBotWid") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) if is_user(s) => Ok(Some(s.clone())),
        Some(other) => Err(invalid(
            "options.invokedBotWid",
            format!("must be a bot's user id such as \"13135550002@c.us\" (Meta AI), got {}", crate::options::describe(other)),
        )),
    }
}

/// `options.extra`: fields whatsapp-web.js spreads over the new message last (after every
/// field it sets itself), as they are. An object or nothing.
pub(super) fn extra(options: &Value) -> Result<Value, ClientError> {
    match options.get("extra") {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(o @ Value::Object(_)) => Ok(o.clone()),
        Some(other) => Err(invalid("options.extra", format!("must be an object of message fields, got {}", crate::options::describe(other)))),
    }
}

/// A file to send (whatsapp-web.js's `MessageMedia`), checked:
/// `{ mimetype, data (base64), filename }`.
pub(super) fn media(v: &Value, name: &str, as_document: bool) -> Result<Value, ClientError> {
    let field = |k: &str| v.get(k).and_then(Value::as_str);
    let mimetype = field("mimetype")
        .filter(|m| m.len() <= 255 && m.split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !m.contains(char::is_whitespace)))
        .ok_or_else(|| invalid(&format!("{name}.mimetype"), "must be a MIME type such as \"image/png\"".into()))?;
    let data = field("data").ok_or_else(|| invalid(&format!("{name}.data"), "must be the file as a base64 string (media.data)".into()))?;
    let size = base64_decoded_len(data).map_err(|why| invalid(&format!("{name}.data"), format!("must be the file as base64 (media.data): {why}")))?;
    let document = as_document || !["image/", "video/", "audio/"].iter().any(|p| mimetype.starts_with(p));
    let (limit, what) = if document { (DOCUMENT_LIMIT, "documents") } else { (MEDIA_LIMIT, "pictures, video and audio") };
    if size > limit {
        return Err(ClientError::MediaTooLarge { size, limit, what });
    }
    let filename = match v.get("filename") {
        None | Some(Value::Null) => None,
        Some(Value::String(f)) if f.len() <= 255 => Some(f.clone()),
        Some(other) => return Err(invalid(&format!("{name}.filename"), format!("must be a file name, got {}", crate::options::describe(other)))),
    };
    Ok(json!({ "mimetype": mimetype, "data": data, "filename": filename }))
}

/// A `Location` to send, checked: `{ latitude, longitude, description, url }`.
fn location(v: &Value) -> Result<Value, ClientError> {
    let coordinate = |k: &str, max: f64| match v.get(k).and_then(Value::as_f64) {
        Some(x) if x.is_finite() && x.abs() <= max => Ok(x),
        _ => Err(invalid(&format!("content.{k}"), format!("must be a number from -{max} to {max}"))),
    };
    let text = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty() && s.len() <= 2000).map(str::to_string);
    Ok(json!({ "latitude": coordinate("latitude", 90.0)?, "longitude": coordinate("longitude", 180.0)?, "description": text("description"), "url": text("url") }))
}

/// `chat.fetchMessages({ limit, fromMe })`.
fn fetch_messages(args: &Args) -> Result<AccountCall, ClientError> {
    let chat_id = wid::chat_id(&args.get(0))?;
    let (limit, from_me) = search_options(&args.get(1))?;
    Ok(AccountCall::new("fetching messages", FETCH_MESSAGES, vec![json!(chat_id), json!(limit), json!(from_me)])
        .within(LONG)
        .records("messages", |m: Option<RawMessage>| m.map(Message::from_page).transpose()))
}

/// fetchMessages' `{ limit, fromMe }` (a chat's or a channel's): the limit (none: what is
/// held) and whose messages (none: all).
pub(super) fn search_options(search: &Value) -> Result<(Option<u32>, Option<bool>), ClientError> {
    let limit = match search.get("limit") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64() {
            // Infinity crosses as null through JSON: no limit, as in whatsapp-web.js.
            Some(f) if f >= 1.0 => Some(f.min(u32::MAX as f64) as u32),
            Some(_) => None,
            None => None,
        },
        Some(other) => return Err(invalid("searchOptions.limit", format!("must be a number, got {}", crate::options::describe(other)))),
    };
    let from_me = match search.get("fromMe") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => return Err(invalid("searchOptions.fromMe", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    Ok((limit, from_me))
}

/// `sendReaction(messageId, reaction)` / `message.react()`; `""` takes it back.
fn send_reaction(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    let reaction = match args.get(1) {
        Value::String(s) if s.chars().count() <= 32 => s,
        other => return Err(invalid("reaction", format!("must be an emoji string (\"\" removes the reaction), got {}", crate::options::describe(&other)))),
    };
    Ok(AccountCall::new("reacting to a message", SEND_REACTION, vec![json!(message_id), json!(reaction)]))
}

/// `message.delete(everyone, clearMedia)`.
fn delete_message(args: &Args) -> Result<AccountCall, ClientError> {
    let flag = |v: Value, name: &str, default: bool| match v {
        Value::Null => Ok(default),
        Value::Bool(b) => Ok(b),
        other => Err(invalid(name, format!("must be a boolean, got {}", crate::options::describe(&other)))),
    };
    let args = vec![json!(message_id(&args.get(0), "messageId")?), json!(flag(args.get(1), "everyone", false)?), json!(flag(args.get(2), "clearMedia", true)?)];
    Ok(AccountCall::new("deleting a message", DELETE_MESSAGE, args))
}

fn opt_bool(options: &Value, key: &str, default: bool) -> Result<bool, ClientError> {
    match options.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(invalid(&format!("options.{key}"), format!("must be a boolean, got {}", crate::options::describe(other)))),
    }
}

/// A serialized message id: `true_<chat>_<id>` or `false_<chat>_<id>[_<participant>]`.
pub(super) fn message_id(value: &Value, name: &str) -> Result<String, ClientError> {
    let Value::String(s) = value else {
        return Err(invalid(name, format!("must be a serialized message id like \"false_15551234567@c.us_3EB0…\", got {}", crate::options::describe(value))));
    };
    let parts: Vec<&str> = s.split('_').collect();
    let ok = matches!(parts.len(), 3 | 4)
        && matches!(parts[0], "true" | "false")
        && parts[1].contains('@')
        && !parts[2].is_empty()
        && parts[2].bytes().all(|b| b.is_ascii_alphanumeric())
        && s.len() <= 300;
    if ok {
        Ok(s.clone())
    } else {
        Err(invalid(name, format!("{s:?} is not a serialized message id (\"<fromMe>_<chat>_<id>\")")))
    }
}

/// The number of bytes standard base64 text decodes to, after checking that it
/// is base64: only `A-Z a-z 0-9 + /`, then at most two `=` that complete the
/// last group of four (unpadded text is accepted, as the page's `atob` does).
/// The size decides which limit applies, so it must never wrap: `"="` alone
/// once counted as 2^64-1 bytes.
pub(super) fn base64_decoded_len(data: &str) -> Result<usize, &'static str> {
    let bytes = data.as_bytes();
    let body = bytes.iter().rposition(|b| *b != b'=').map_or(0, |last| last + 1);
    let padding = bytes.len() - body;
    if body == 0 {
        return Err("it is empty");
    }
    if !bytes[..body].iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/')) {
        return Err("only A-Z, a-z, 0-9, '+' and '/' may come before the '=' padding at the end");
    }
    // A last group of one character holds no whole byte; padding only fills a group to four.
    let tail = body % 4;
    if tail == 1 || padding > 2 || (padding > 0 && (body + padding) % 4 != 0) {
        return Err("its length does not fit base64 (the last group of four is incomplete or over-padded)");
    }
    let whole = (body / 4).checked_mul(3).ok_or("it is too long")?;
    whole.checked_add(tail.saturating_sub(1)).ok_or("it is too long")
}

/// A message record the page sent, checked, or null.
fn message(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        Ok(Value::Null)
    } else {
        to_json(Message::from_value(&raw)?)
    }
}

/// `{ data, mimetype, filename, filesize }` as `MessageMedia` takes it, or null.
fn downloaded_media(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let bad = |what: &str| ClientError::PageScript(format!("the page sent malformed media ({what})"));
    let data = raw.get("data").and_then(Value::as_str).ok_or_else(|| bad("no data"))?;
    if !data.is_empty() && base64_decoded_len(data).is_err() {
        return Err(bad("data is not base64"));
    }
    let mimetype = raw.get("mimetype").and_then(Value::as_str).filter(|m| m.contains('/') && m.len() <= 255).ok_or_else(|| bad("mimetype"))?;
    let filename = raw.get("filename").and_then(Value::as_str).filter(|f| f.len() <= 255);
    let filesize = raw.get("filesize").and_then(Value::as_u64);
    Ok(json!({ "data": data, "mimetype": mimetype, "filename": filename, "filesize": filesize }))
}
