//! What the page answered to an account call, checked and put into
//! whatsapp-web.js's shapes.

use serde_json::{json, Value};

use super::AccountCall;
use crate::chat::Chat;
use crate::contact::Contact;
use crate::errors::ClientError;
use crate::message::{Message, RawMessage};
use crate::wid::Wid;

/// Checks the JSON text the page answered to `call` and returns it, as JSON
/// text, in whatsapp-web.js's shape. The long lists go from text to typed
/// records and back to text with no tree of values in between; the rest
/// goes through `decode`.
pub fn decode_text(call: &AccountCall, text: &str) -> Result<String, ClientError> {
    fn records<R: serde::de::DeserializeOwned, T: serde::Serialize>(
        text: &str,
        what: &str,
        check: impl Fn(R) -> Result<T, ClientError>,
    ) -> Result<String, ClientError> {
        let raw: Vec<R> = serde_json::from_str(text).map_err(|e| ClientError::PageScript(format!("the page sent a malformed list of {what} ({e})")))?;
        let checked = raw.into_iter().map(check).collect::<Result<Vec<T>, _>>()?;
        serde_json::to_string(&checked).map_err(|e| ClientError::Internal(e.to_string()))
    }
    match call {
        AccountCall::GetChats => records(text, "chats", Chat::from_raw),
        AccountCall::GetContacts | AccountCall::GetBlockedContacts => records(text, "contacts", Contact::from_raw),
        AccountCall::FetchMessages { .. } => records(text, "messages", |m: Option<RawMessage>| m.map(Message::from_page).transpose()),
        _ => {
            let raw: Value = serde_json::from_str(text).map_err(|e| ClientError::PageScript(format!("the page answered with malformed JSON ({e})")))?;
            serde_json::to_string(&decode(call, raw)?).map_err(|e| ClientError::Internal(e.to_string()))
        }
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
        AccountCall::CreateGroup { .. }
        | AccountCall::AddParticipants { .. }
        | AccountCall::RemoveParticipants { .. }
        | AccountCall::LeaveGroup(_)
        | AccountCall::GetInviteCode(_)
        | AccountCall::AcceptInvite(_) => super::groups::decode(call, raw),
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
        AccountCall::GetContacts | AccountCall::GetBlockedContacts => list(&raw)?
            .iter()
            .map(|c| to_json(serde_json::to_value(Contact::from_value(c)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        AccountCall::GetContactById(_) => to_json(serde_json::to_value(Contact::from_value(&raw)?)),
        AccountCall::SendSeen(_) => Ok(Value::Bool(raw.as_bool().unwrap_or(false))),
        AccountCall::SendReaction { .. } | AccountCall::DeleteMessage { .. } => Ok(Value::Null),
        AccountCall::DownloadMedia(_) => downloaded_media(raw),
        AccountCall::BlockContact { contact_id, .. } if raw.get("error").and_then(Value::as_str) == Some("no-lid") => Err(ClientError::InvalidArgument {
            name: "contactId".into(),
            reason: format!("WhatsApp gives no LID for {contact_id} (is it on WhatsApp?), and its block list holds LIDs only"),
        }),
        AccountCall::GetContactLidAndPhone(ids) => super::lids::decode_lid_and_phone(ids, &raw),
        AccountCall::ArchiveChat { .. } | AccountCall::PinChat { .. } | AccountCall::SendChatState { .. } | AccountCall::BlockContact { .. } => {
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
    if !data.is_empty() && super::parse::base64_decoded_len(data).is_err() {
        return Err(bad("data is not base64"));
    }
    let mimetype = raw.get("mimetype").and_then(Value::as_str).filter(|m| m.contains('/') && m.len() <= 255).ok_or_else(|| bad("mimetype"))?;
    let filename = raw.get("filename").and_then(Value::as_str).filter(|f| f.len() <= 255);
    let filesize = raw.get("filesize").and_then(Value::as_u64);
    Ok(json!({ "data": data, "mimetype": mimetype, "filename": filename, "filesize": filesize }))
}
