//! After `ready`: messages, chats and contacts, sans I/O.
//!
//! User calls arrive as `(method, args)` and are checked here into an
//! [`AccountCall`] before anything is queued (bad ids and options become
//! typed errors); the session runs them as page commands once logged in.
//! What the page answers is checked and mapped to whatsapp-web.js's shapes
//! by [`decode`]; page callbacks (new messages, acks) become events by
//! [`AccountEvent::emits`], each message once.

pub mod page;

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{json, Value};

use crate::chat::Chat;
use crate::contact::Contact;
use crate::errors::ClientError;
use crate::message::{GroupNotification, Message, ACK_RANGE};
use crate::reaction::Reaction;
use crate::wid::{self, Wid};

/// A file to send (whatsapp-web.js's `MessageMedia`), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Media {
    pub mimetype: String,
    /// Base64.
    pub data: String,
    pub filename: Option<String>,
}

/// WhatsApp's limits: 16 MiB for pictures, video and audio; 100 MiB for documents
/// (current apps allow more, but the file crosses the DevTools connection as base64).
pub const MEDIA_LIMIT: usize = 16 * 1024 * 1024;
pub const DOCUMENT_LIMIT: usize = 100 * 1024 * 1024;

impl Media {
    fn parse(v: &Value, name: &str, as_document: bool) -> Result<Media, ClientError> {
        let field = |k: &str| v.get(k).and_then(Value::as_str);
        let mimetype = field("mimetype")
            .filter(|m| m.len() <= 255 && m.split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !m.contains(char::is_whitespace)))
            .ok_or_else(|| invalid(&format!("{name}.mimetype"), "must be a MIME type such as \"image/png\"".into()))?;
        let data = field("data").ok_or_else(|| invalid(&format!("{name}.data"), "must be the file as a base64 string".into()))?;
        if data.is_empty() || !data.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')) {
            return Err(invalid(&format!("{name}.data"), "must be the file as a non-empty base64 string".into()));
        }
        let size = data.len() / 4 * 3 - data.bytes().rev().take_while(|b| *b == b'=').count();
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
        Ok(Media { mimetype: mimetype.to_string(), data: data.to_string(), filename })
    }
}

/// A `Location` to send, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationArg {
    pub latitude: f64,
    pub longitude: f64,
    pub description: Option<String>,
    pub url: Option<String>,
}

impl LocationArg {
    fn parse(v: &Value) -> Result<LocationArg, ClientError> {
        let coordinate = |k: &str, max: f64| match v.get(k).and_then(Value::as_f64) {
            Some(x) if x.is_finite() && x.abs() <= max => Ok(x),
            _ => Err(invalid(&format!("content.{k}"), format!("must be a number from -{max} to {max}"))),
        };
        let text = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty() && s.len() <= 2000).map(str::to_string);
        Ok(LocationArg { latitude: coordinate("latitude", 90.0)?, longitude: coordinate("longitude", 180.0)?, description: text("description"), url: text("url") })
    }
}

/// `sendMessage()` options whatsapp-web-rs carries out (whatsapp-web.js's names).
#[derive(Debug, Clone, PartialEq)]
pub struct SendOptions {
    pub quoted_message_id: Option<String>,
    pub mentions: Vec<String>,
    pub link_preview: bool,
    pub send_seen: bool,
    pub ignore_quote_errors: bool,
    /// The file to send; `content` is then its caption.
    pub media: Option<Media>,
    /// A location to send instead of text.
    pub location: Option<LocationArg>,
    pub send_media_as_document: bool,
}

/// A checked user call of the account.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountCall {
    SendMessage { chat_id: String, content: String, options: SendOptions },
    GetChats,
    GetChatById(String),
    GetContacts,
    GetContactById(String),
    GetMessageById(String),
    GetQuotedMessage(String),
    FetchMessages { chat_id: String, limit: Option<u32>, from_me: Option<bool> },
    SendSeen(String),
    GetNumberId(String),
    IsRegisteredUser(String),
    GetFormattedNumber(String),
    GetCountryCode(String),
    /// `sendReaction(messageId, reaction)` / `message.react()`; `""` takes it back.
    SendReaction { message_id: String, reaction: String },
    /// `message.delete(everyone, clearMedia)`.
    DeleteMessage { message_id: String, everyone: bool, clear_media: bool },
    /// `message.downloadMedia()`.
    DownloadMedia(String),
    /// `message.forward(chat)`.
    ForwardMessage { message_id: String, chat_id: String },
    /// `archiveChat()` / `unarchiveChat()`.
    ArchiveChat { chat_id: String, archive: bool },
    /// `pinChat()` / `unpinChat()`.
    PinChat { chat_id: String, pin: bool },
    /// `muteChat(chatId, unmuteDate)` (`until`: Unix seconds, -1 for ever) / `unmuteChat()` (None).
    MuteChat { chat_id: String, until: Option<i64> },
    MarkChatUnread(String),
    /// `getProfilePicUrl(contactId)`.
    GetProfilePicUrl(String),
    /// `contact.getAbout()`.
    GetAbout(String),
    /// `chat.sendStateTyping()`, `sendStateRecording()`, `clearState()`.
    SendChatState { chat_id: String, state: ChatState },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatState {
    Typing,
    Recording,
    Stop,
}

impl ChatState {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatState::Typing => "typing",
            ChatState::Recording => "recording",
            ChatState::Stop => "stop",
        }
    }
}

fn invalid(name: &str, reason: String) -> ClientError {
    ClientError::InvalidArgument { name: name.into(), reason }
}

fn opt_bool(options: &Value, key: &str, default: bool) -> Result<bool, ClientError> {
    match options.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(invalid(&format!("options.{key}"), format!("must be a boolean, got {}", crate::options::describe(other)))),
    }
}

/// A serialized message id: `true_<chat>_<id>` or `false_<chat>_<id>[_<participant>]`.
fn message_id(value: &Value, name: &str) -> Result<String, ClientError> {
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

impl AccountCall {
    /// Checks a call as JavaScript made it: `args` is the argument list.
    pub fn parse(method: &str, args: &Value) -> Result<AccountCall, ClientError> {
        let empty = Vec::new();
        let args = args.as_array().unwrap_or(&empty);
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
        Ok(match method {
            "sendMessage" => {
                let chat_id = wid::chat_id(&arg(0))?;
                let options = match arg(2) {
                    Value::Null => Value::Object(Default::default()),
                    o @ Value::Object(_) => o,
                    other => return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&other)))),
                };
                for key in ["sendMediaAsSticker", "sendAudioAsVoice", "sendVideoAsGif", "isViewOnce"] {
                    if options.get(key).is_some_and(|v| !v.is_null() && v != &Value::Bool(false)) {
                        return Err(invalid(&format!("options.{key}"), "stickers, voice notes, GIFs and view-once media are not supported yet".into()));
                    }
                }
                let as_document = opt_bool(&options, "sendMediaAsDocument", false)?;
                let caption = match options.get("caption") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(c)) => Some(c.clone()),
                    Some(other) => return Err(invalid("options.caption", format!("must be a string, got {}", crate::options::describe(other)))),
                };
                // As whatsapp-web.js: a MessageMedia as content (its caption in options), or text
                // with options.media (the text is the caption).
                let mut location = None;
                let (content, media) = match (arg(1), options.get("media").filter(|m| !m.is_null())) {
                    (Value::String(text), None) => (text, None),
                    (Value::String(text), Some(m)) => (text, Some(Media::parse(m, "options.media", as_document)?)),
                    (m @ Value::Object(_), _) if m.get("mimetype").is_some() => (caption.unwrap_or_default(), Some(Media::parse(&m, "content", as_document)?)),
                    (l @ Value::Object(_), _) if l.get("latitude").is_some() => {
                        location = Some(LocationArg::parse(&l)?);
                        (String::new(), None)
                    }
                    (other, _) => {
                        return Err(invalid(
                            "content",
                            format!("must be a string or a MessageMedia (locations, polls and contacts are not supported yet), got {}", crate::options::describe(&other)),
                        ))
                    }
                };
                let options = SendOptions {
                    quoted_message_id: match options.get("quotedMessageId") {
                        None | Some(Value::Null) => None,
                        Some(v) => Some(message_id(v, "options.quotedMessageId")?),
                    },
                    mentions: match options.get("mentions") {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::Array(list)) => list.iter().map(wid::chat_id).collect::<Result<_, _>>()?,
                        Some(one) => vec![wid::chat_id(one)?],
                    },
                    link_preview: opt_bool(&options, "linkPreview", true)?,
                    send_seen: opt_bool(&options, "sendSeen", true)?,
                    ignore_quote_errors: opt_bool(&options, "ignoreQuoteErrors", true)?,
                    media,
                    location,
                    send_media_as_document: as_document,
                };
                AccountCall::SendMessage { chat_id, content, options }
            }
            "getChats" => AccountCall::GetChats,
            "getChatById" => AccountCall::GetChatById(wid::chat_id(&arg(0))?),
            "getContacts" => AccountCall::GetContacts,
            "getContactById" => AccountCall::GetContactById(wid::chat_id(&arg(0))?),
            "getMessageById" => AccountCall::GetMessageById(message_id(&arg(0), "messageId")?),
            "getQuotedMessage" => AccountCall::GetQuotedMessage(message_id(&arg(0), "messageId")?),
            "fetchMessages" => {
                let chat_id = wid::chat_id(&arg(0))?;
                let search = arg(1);
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
                AccountCall::FetchMessages { chat_id, limit, from_me }
            }
            "sendSeen" => AccountCall::SendSeen(wid::chat_id(&arg(0))?),
            "getNumberId" => AccountCall::GetNumberId(wid::user_id(&arg(0))?),
            "isRegisteredUser" => AccountCall::IsRegisteredUser(wid::user_id(&arg(0))?),
            "getFormattedNumber" => AccountCall::GetFormattedNumber(wid::number_digits(&arg(0))?),
            "getCountryCode" => AccountCall::GetCountryCode(wid::number_digits(&arg(0))?),
            "sendReaction" => AccountCall::SendReaction {
                message_id: message_id(&arg(0), "messageId")?,
                reaction: match arg(1) {
                    Value::String(s) if s.chars().count() <= 32 => s,
                    other => return Err(invalid("reaction", format!("must be an emoji string (\"\" removes the reaction), got {}", crate::options::describe(&other)))),
                },
            },
            "downloadMedia" => AccountCall::DownloadMedia(message_id(&arg(0), "messageId")?),
            "forwardMessage" => AccountCall::ForwardMessage { message_id: message_id(&arg(0), "messageId")?, chat_id: wid::chat_id(&arg(1))? },
            "archiveChat" | "unarchiveChat" => AccountCall::ArchiveChat { chat_id: wid::chat_id(&arg(0))?, archive: method == "archiveChat" },
            "pinChat" | "unpinChat" => AccountCall::PinChat { chat_id: wid::chat_id(&arg(0))?, pin: method == "pinChat" },
            "muteChat" => AccountCall::MuteChat {
                chat_id: wid::chat_id(&arg(0))?,
                // index.js turns the Date into milliseconds; none: for ever, as whatsapp-web.js.
                until: match arg(1) {
                    Value::Null => Some(-1),
                    Value::Number(n) => match n.as_f64() {
                        Some(ms) if ms.is_finite() && ms > 0.0 => Some((ms / 1000.0).floor() as i64),
                        _ => return Err(invalid("unmuteDate", format!("must be a Date in the future, got {n}"))),
                    },
                    other => return Err(invalid("unmuteDate", format!("must be a Date, got {}", crate::options::describe(&other)))),
                },
            },
            "unmuteChat" => AccountCall::MuteChat { chat_id: wid::chat_id(&arg(0))?, until: None },
            "markChatUnread" => AccountCall::MarkChatUnread(wid::chat_id(&arg(0))?),
            "getProfilePicUrl" => AccountCall::GetProfilePicUrl(wid::chat_id(&arg(0))?),
            "getAbout" => AccountCall::GetAbout(wid::chat_id(&arg(0))?),
            "sendChatState" => AccountCall::SendChatState {
                chat_id: wid::chat_id(&arg(0))?,
                state: match arg(1).as_str() {
                    Some("typing") => ChatState::Typing,
                    Some("recording") => ChatState::Recording,
                    Some("stop") => ChatState::Stop,
                    _ => return Err(invalid("state", "must be typing, recording or stop".into())),
                },
            },
            "deleteMessage" => {
                let flag = |v: Value, name: &str, default: bool| match v {
                    Value::Null => Ok(default),
                    Value::Bool(b) => Ok(b),
                    other => Err(invalid(name, format!("must be a boolean, got {}", crate::options::describe(&other)))),
                };
                AccountCall::DeleteMessage {
                    message_id: message_id(&arg(0), "messageId")?,
                    everyone: flag(arg(1), "everyone", false)?,
                    clear_media: flag(arg(2), "clearMedia", true)?,
                }
            }
            other => return Err(ClientError::Internal(format!("unknown account call {other}"))),
        })
    }
}

/// Checks what the page answered to `call` and returns it in whatsapp-web.js's shape.
pub fn decode(call: &AccountCall, raw: Value) -> Result<Value, ClientError> {
    let to_json = |v: Result<Value, serde_json::Error>| v.map_err(|e| ClientError::Internal(e.to_string()));
    fn list(raw: &Value) -> Result<&Vec<Value>, ClientError> {
        raw.as_array().ok_or_else(|| ClientError::PageScript("the page did not answer with a list".into()))
    }
    let message = |raw: &Value| -> Result<Value, ClientError> {
        if raw.is_null() {
            Ok(Value::Null)
        } else {
            to_json(serde_json::to_value(Message::from_value(raw)?))
        }
    };
    match call {
        AccountCall::SendMessage { .. } => {
            if let Some(error) = raw.get("error").and_then(Value::as_str) {
                return Err(match error {
                    "quoted-not-found" => ClientError::MessageNotFound("the quoted message".into()),
                    other => ClientError::PageScript(other.to_string()),
                });
            }
            message(raw.get("message").unwrap_or(&Value::Null))
        }
        AccountCall::GetMessageById(_) | AccountCall::GetQuotedMessage(_) => message(&raw),
        AccountCall::FetchMessages { .. } => list(&raw)?.iter().map(message).collect::<Result<Vec<_>, _>>().map(Value::Array),
        AccountCall::GetChats => list(&raw)?
            .iter()
            .map(|c| to_json(serde_json::to_value(Chat::from_value(c)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        AccountCall::GetChatById(_) => {
            if raw.is_null() {
                Ok(Value::Null)
            } else {
                to_json(serde_json::to_value(Chat::from_value(&raw)?))
            }
        }
        AccountCall::GetContacts => list(&raw)?
            .iter()
            .map(|c| to_json(serde_json::to_value(Contact::from_value(c)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        AccountCall::GetContactById(_) => to_json(serde_json::to_value(Contact::from_value(&raw)?)),
        AccountCall::SendSeen(_) => Ok(Value::Bool(raw.as_bool().unwrap_or(false))),
        AccountCall::SendReaction { .. } | AccountCall::DeleteMessage { .. } => Ok(Value::Null),
        AccountCall::DownloadMedia(_) => downloaded_media(raw),
        AccountCall::ArchiveChat { .. } | AccountCall::PinChat { .. } | AccountCall::SendChatState { .. } => {
            raw.as_bool().map(Value::Bool).ok_or_else(|| ClientError::PageScript("the page did not answer with a boolean".into()))
        }
        AccountCall::MarkChatUnread(_) | AccountCall::ForwardMessage { .. } => Ok(Value::Null),
        AccountCall::GetProfilePicUrl(_) => match raw {
            Value::Null => Ok(Value::Null),
            Value::String(url) if url.len() <= 2048 && (url.starts_with("https://") || url.starts_with("http://")) => Ok(Value::String(url)),
            _ => Err(ClientError::PageScript("the page answered with something that is not a picture URL".into())),
        },
        AccountCall::GetAbout(_) => match raw {
            Value::Null | Value::String(_) => Ok(raw),
            _ => Err(ClientError::PageScript("the page did not answer with a status text".into())),
        },
        AccountCall::MuteChat { .. } => {
            let expiration = raw.get("muteExpiration").and_then(Value::as_i64).ok_or_else(|| ClientError::PageScript("the page did not answer with a mute state".into()))?;
            Ok(json!({ "isMuted": expiration != 0, "muteExpiration": expiration }))
        }
        AccountCall::GetNumberId(_) | AccountCall::IsRegisteredUser(_) => {
            let wid = raw.as_str().and_then(Wid::parse).filter(|w| w.server == "c.us");
            if !raw.is_null() && wid.is_none() {
                return Err(ClientError::PageScript("the page answered with a malformed wid".into()));
            }
            Ok(match call {
                AccountCall::IsRegisteredUser(_) => Value::Bool(wid.is_some()),
                _ => wid.map(|w| w.to_value()).unwrap_or(Value::Null),
            })
        }
        AccountCall::GetFormattedNumber(_) | AccountCall::GetCountryCode(_) => match raw {
            Value::String(s) if s.len() <= 64 => Ok(Value::String(s)),
            _ => Err(ClientError::PageScript("the page did not answer with a string".into())),
        },
    }
}

/// `{ data, mimetype, filename, filesize }` as `MessageMedia` takes it, or null.
fn downloaded_media(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let bad = |what: &str| ClientError::PageScript(format!("the page sent malformed media ({what})"));
    let data = raw.get("data").and_then(Value::as_str).ok_or_else(|| bad("no data"))?;
    if !data.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')) {
        return Err(bad("data is not base64"));
    }
    let mimetype = raw.get("mimetype").and_then(Value::as_str).filter(|m| m.contains('/') && m.len() <= 255).ok_or_else(|| bad("mimetype"))?;
    let filename = raw.get("filename").and_then(Value::as_str).filter(|f| f.len() <= 255);
    let filesize = raw.get("filesize").and_then(Value::as_u64);
    Ok(json!({ "data": data, "mimetype": mimetype, "filename": filename, "filesize": filesize }))
}

/// A page callback of the account (see src/page/messages/subscribe.js).
#[derive(Debug, Clone, PartialEq)]
pub enum AccountEvent {
    /// `Msg` `add` of a new message (received, sent here, or sent from the phone).
    Message(Box<Message>),
    /// `Msg` `change:ack`.
    Ack(Box<Message>, i64),
    /// `Msg` `change:type` to `revoked`: deleted for everyone.
    Revoke(Box<Message>),
    /// Rows written to the reaction table (received, or sent by this account).
    Reaction(Box<Reaction>),
    /// A new `gp2` notification (someone joined, left, …).
    Group(Box<GroupNotification>),
}

/// What the client emits, in whatsapp-web.js's names.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountEmit {
    MessageCreate(Box<Message>),
    Message(Box<Message>),
    MessageAck(Box<Message>, i64),
    /// The revoked message now, and as it was before (when it was seen).
    MessageRevokeEveryone(Box<Message>, Option<Box<Message>>),
    MessageReaction(Box<Reaction>),
    /// `group_join`, `group_leave`, … (named by [`GroupNotification::event_name`]).
    Group(Box<GroupNotification>),
}

impl AccountEmit {
    pub fn name(&self) -> &'static str {
        match self {
            AccountEmit::MessageCreate(_) => "message_create",
            AccountEmit::Message(_) => "message",
            AccountEmit::MessageAck(..) => "message_ack",
            AccountEmit::MessageRevokeEveryone(..) => "message_revoke_everyone",
            AccountEmit::MessageReaction(_) => "message_reaction",
            AccountEmit::Group(n) => n.event_name(),
        }
    }

    pub fn args(&self) -> Vec<Value> {
        let m = |m: &Message| serde_json::to_value(m).unwrap_or(Value::Null);
        match self {
            AccountEmit::MessageCreate(msg) | AccountEmit::Message(msg) => vec![m(msg)],
            AccountEmit::MessageAck(msg, ack) => vec![m(msg), json!(ack)],
            AccountEmit::MessageRevokeEveryone(now, before) => vec![m(now), before.as_deref().map(m).unwrap_or(Value::Null)],
            AccountEmit::MessageReaction(r) => vec![serde_json::to_value(r).unwrap_or(Value::Null)],
            AccountEmit::Group(n) => vec![serde_json::to_value(n).unwrap_or(Value::Null)],
        }
    }
}

/// Parses a binding payload of the account (`t` is `msg`, `ack`, `revoke` or `reaction`).
pub fn parse_event(v: &Value) -> Option<AccountEvent> {
    let dropped = |e: ClientError| crate::debug_log!("dropped a page event: {e}");
    if v.get("t")?.as_str()? == "reaction" {
        return Reaction::from_value(v.get("r")?).map_err(dropped).ok().map(|r| AccountEvent::Reaction(Box::new(r)));
    }
    let record = v.get("m")?;
    let message = Message::from_value(record).map_err(dropped).ok()?;
    match v.get("t")?.as_str()? {
        // Group notifications are not messages to whatsapp-web.js: they have events of their own.
        "msg" if message.kind == "gp2" => GroupNotification::from_value(record).map_err(dropped).ok()?.map(|n| AccountEvent::Group(Box::new(n))),
        "msg" => Some(AccountEvent::Message(Box::new(message))),
        "revoke" => Some(AccountEvent::Revoke(Box::new(message))),
        "ack" => {
            let ack = v.get("ack")?.as_i64().filter(|a| ACK_RANGE.contains(a))?;
            Some(AccountEvent::Ack(Box::new(message), ack))
        }
        _ => None,
    }
}

/// How many message ids are remembered to keep a message from being emitted twice
/// (a page that reloads may hand the same new message over again).
const REMEMBERED: usize = 10_000;

/// How many of the latest messages are kept whole, to hand a revoked one over
/// as it was (`message_revoke_everyone`'s second argument).
const KEPT: usize = 1_000;

/// The account's part of the session state.
#[derive(Debug, Default)]
pub struct AccountState {
    seen: HashSet<String>,
    order: VecDeque<String>,
    kept: HashMap<String, Box<Message>>,
    kept_order: VecDeque<String>,
}

impl AccountState {
    /// The events for a page callback: `message_create` for every new message,
    /// `message` too when someone else sent it; each message once.
    pub fn emits(&mut self, event: AccountEvent) -> Vec<AccountEmit> {
        match event {
            AccountEvent::Message(msg) => {
                if !self.first_time(&msg.id.serialized) {
                    return Vec::new();
                }
                self.keep(&msg);
                let mut out = vec![AccountEmit::MessageCreate(msg.clone())];
                if !msg.from_me {
                    out.push(AccountEmit::Message(msg));
                }
                out
            }
            AccountEvent::Ack(msg, ack) => vec![AccountEmit::MessageAck(msg, ack)],
            AccountEvent::Revoke(msg) => {
                let before = self.kept.get(&msg.id.serialized).filter(|m| m.kind != "revoked").cloned();
                vec![AccountEmit::MessageRevokeEveryone(msg, before)]
            }
            AccountEvent::Reaction(r) => vec![AccountEmit::MessageReaction(r)],
            AccountEvent::Group(n) => {
                if !self.first_time(&n.id.serialized) {
                    return Vec::new();
                }
                vec![AccountEmit::Group(n)]
            }
        }
    }
}

impl AccountState {
    /// Whether this message id is new to the client (remembering the latest ones).
    fn first_time(&mut self, id: &str) -> bool {
        if !self.seen.insert(id.to_string()) {
            return false;
        }
        self.order.push_back(id.to_string());
        if self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        true
    }

    fn keep(&mut self, msg: &Message) {
        if self.kept.insert(msg.id.serialized.clone(), Box::new(msg.clone())).is_none() {
            self.kept_order.push_back(msg.id.serialized.clone());
            if self.kept_order.len() > KEPT {
                if let Some(old) = self.kept_order.pop_front() {
                    self.kept.remove(&old);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
