//! Checking user calls of the account as JavaScript made them: ids, options
//! and contents become typed errors here, before anything is queued.

use serde_json::Value;

use super::{AccountCall, ChatState, LocationArg, Media, SendOptions, DOCUMENT_LIMIT, MEDIA_LIMIT};
use crate::errors::ClientError;
use crate::wid;

impl Media {
    fn parse(v: &Value, name: &str, as_document: bool) -> Result<Media, ClientError> {
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
        Ok(Media { mimetype: mimetype.to_string(), data: data.to_string(), filename })
    }
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

/// The number of bytes standard base64 text decodes to, after checking that it
/// is base64: only `A-Z a-z 0-9 + /`, then at most two `=` that complete the
/// last group of four (unpadded text is accepted, as the page's `atob` does).
/// The size decides which limit applies, so it must never wrap: `"="` alone
/// once counted as 2^64-1 bytes.
pub(crate) fn base64_decoded_len(data: &str) -> Result<usize, &'static str> {
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
            "blockContact" | "unblockContact" => {
                let contact_id = wid::chat_id(&arg(0))?;
                if contact_id.ends_with("@g.us") {
                    return Err(ClientError::InvalidChatId(format!("{contact_id:?} is a group: only a contact (<digits>@c.us or @lid) can be blocked")));
                }
                AccountCall::BlockContact { contact_id, block: method == "blockContact" }
            }
            "getBlockedContacts" => AccountCall::GetBlockedContacts,
            "getContactLidAndPhone" => super::lids::parse_user_ids(&arg(0))?,
            "createGroup" | "addParticipants" | "removeParticipants" | "leaveGroup" | "getInviteCode" | "acceptInvite" => super::groups::parse(method, arg)?,
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
