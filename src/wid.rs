//! WhatsApp ids ("wids") as users pass them: `<digits>@c.us` for a person,
//! `<id>@g.us` for a group, `<digits>@lid` for a person's privacy id.
//! Checked here, before anything reaches the page, so a typo is a named
//! error instead of a message that silently goes nowhere.

use serde::Serialize;
use serde_json::{json, Value};

use crate::errors::ClientError;

/// Digits of a phone number with its country code (E.164: at most 15; WhatsApp
/// also has shorter service numbers, so from 5).
fn is_number(s: &str) -> bool {
    (5..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// A group id: digits, or the older `<creator>-<timestamp>` form.
fn is_group_user(s: &str) -> bool {
    let mut parts = s.split('-');
    let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit()));
    match (parts.next(), parts.next(), parts.next()) {
        (a, None, None) => ok(a),
        (a, b, None) => ok(a) && ok(b),
        _ => false,
    }
}

/// A chat id a message can go to: `<digits>@c.us`, `<id>@g.us` or `<digits>@lid`.
pub fn chat_id(value: &Value) -> Result<String, ClientError> {
    let Value::String(s) = value else {
        return Err(ClientError::InvalidChatId(format!("a chat id must be a string like \"15551234567@c.us\", got {}", crate::options::describe(value))));
    };
    not_a_call_for(s)?;
    let valid = match s.rsplit_once('@') {
        Some((user, "c.us")) => is_number(user),
        // LIDs are opaque digits, not phone numbers.
        Some((user, "lid")) => (1..=20).contains(&user.len()) && user.bytes().all(|b| b.is_ascii_digit()),
        Some((user, "g.us")) => is_group_user(user),
        _ => false,
    };
    if valid {
        Ok(s.clone())
    } else {
        Err(ClientError::InvalidChatId(format!(
            "{s:?} is not a chat id: expected \"<digits>@c.us\" (a person, e.g. \"15551234567@c.us\"), \"<id>@g.us\" (a group) or \"<digits>@lid\""
        )))
    }
}

/// Ids whatsapp-web.js takes that a call here cannot: broadcast lists (`…@broadcast`), which
/// WhatsApp Web does not have (they live on the phone), and status updates and channels where a
/// call is not one of theirs (statuses and channels have their own paths in lib/client/). A
/// named error saying so, rather than "not a chat id".
fn not_a_call_for(s: &str) -> Result<(), ClientError> {
    match s.rsplit_once('@') {
        Some(("status", "broadcast")) => Err(ClientError::NotSupported("status@broadcast: this call does not take status updates (post one with sendMessage('status@broadcast', …))".into())),
        Some((_, "broadcast")) => Err(ClientError::NotSupported(format!("{s:?}: broadcast lists (…@broadcast) are not on WhatsApp Web, only on the phone"))),
        Some((_, "newsletter")) => Err(ClientError::NotSupported(format!("{s:?} is a channel: this call does not take channels (…@newsletter); Channel and the channel calls do"))),
        _ => Ok(()),
    }
}

/// The user part of an id as whatsapp-web.js passes it on to WhatsApp without looking
/// at it (a mention, a group participant, a contact card, a group mention): anything
/// that can be part of an id, placeholders such as `number1` or `XXXXXXXXXX`
/// included; WhatsApp answers for the ones that name nobody. Only what can never be an
/// id is refused: empty, over-long, spaces, control characters, markup or quotes.
fn is_id_user(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+' | b':'))
}

/// A person's id as whatsapp-web.js passes it on (mentions, participants, contact
/// cards): `<user>@c.us` or `<user>@lid`, the user not checked further (see `is_id_user`).
pub fn person_id(value: &Value) -> Result<String, ClientError> {
    let Value::String(s) = value else {
        return Err(ClientError::InvalidChatId(format!("a person's id must be a string like \"15551234567@c.us\", got {}", crate::options::describe(value))));
    };
    match s.rsplit_once('@') {
        Some((user, "c.us" | "lid")) if is_id_user(user) => Ok(s.clone()),
        Some((_, "g.us")) => Err(ClientError::InvalidChatId(format!("{s:?} is a group, not a person"))),
        _ => Err(ClientError::InvalidChatId(format!("{s:?} is not a person's id: expected \"<number>@c.us\" (e.g. \"15551234567@c.us\") or \"<digits>@lid\""))),
    }
}

/// A group's id as whatsapp-web.js passes it on (a group mention): `<id>@g.us`, the id not
/// checked further (see `is_id_user`).
pub fn any_group_id(value: &Value) -> Result<String, ClientError> {
    match value {
        Value::String(s) if s.rsplit_once('@').is_some_and(|(user, server)| server == "g.us" && is_id_user(user)) => Ok(s.clone()),
        other => Err(ClientError::InvalidChatId(format!("{} is not a group id: expected \"<id>@g.us\"", crate::options::describe(other)))),
    }
}

/// A phone number or user id as `getNumberId()`/`isRegisteredUser()` take it:
/// whatsapp-web.js appends `@c.us` when missing. Returns `<digits>@c.us`.
pub fn user_id(value: &Value) -> Result<String, ClientError> {
    let Value::String(s) = value else {
        return Err(ClientError::InvalidChatId(format!("a number must be a string like \"15551234567\", got {}", crate::options::describe(value))));
    };
    let id = if s.ends_with("@c.us") { s.clone() } else { format!("{s}@c.us") };
    match id.strip_suffix("@c.us") {
        Some(user) if is_number(user) => Ok(id),
        _ => Err(ClientError::InvalidChatId(format!("{s:?} is not a phone number: expected digits with the country code, e.g. \"15551234567\""))),
    }
}

/// The digits of a number as `getFormattedNumber()`/`getCountryCode()` take it
/// (`+`, spaces and an `@c.us`/`@s.whatsapp.net` suffix are dropped).
pub fn number_digits(value: &Value) -> Result<String, ClientError> {
    let Value::String(s) = value else {
        return Err(ClientError::InvalidChatId(format!("a number must be a string like \"15551234567\", got {}", crate::options::describe(value))));
    };
    let bare = s.split('@').next().unwrap_or("");
    let digits: String = bare.chars().filter(|c| !matches!(c, '+' | ' ')).collect();
    if is_number(&digits) && (s.ends_with("@c.us") || s.ends_with("@s.whatsapp.net") || !s.contains('@')) {
        Ok(digits)
    } else {
        Err(ClientError::InvalidChatId(format!("{s:?} is not a phone number: expected digits with the country code, e.g. \"15551234567\"")))
    }
}

/// `{ server, user, _serialized }`: a wid as whatsapp-web.js's structures carry it.
/// Read from the page as its `user@server` text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct Wid {
    pub server: String,
    pub user: String,
    #[serde(rename = "_serialized")]
    pub serialized: String,
}

impl TryFrom<String> for Wid {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Wid::parse(&text).ok_or_else(|| format!("{text:?} is not a wid"))
    }
}

impl Wid {
    /// From the `user@server` text the page sends; None when it is not one.
    pub fn parse(text: &str) -> Option<Wid> {
        let (user, server) = text.rsplit_once('@')?;
        if user.is_empty() || server.is_empty() || text.len() > 200 {
            return None;
        }
        Some(Wid { server: server.into(), user: user.into(), serialized: text.into() })
    }

    pub fn to_value(&self) -> Value {
        json!({ "server": self.server, "user": self.user, "_serialized": self.serialized })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_ids() {
        for ok in ["15551234567@c.us", "120363040000000000@g.us", "15551234567-1600000000@g.us", "123456789012345@lid"] {
            assert_eq!(chat_id(&json!(ok)).unwrap(), ok);
        }
        for bad in ["15551234567", "+15551234567@c.us", "abc@c.us", "@c.us", "1555@c.us", "1-2-3@g.us", "x@g.us", "15551234567@s.whatsapp.net", ""] {
            let err = chat_id(&json!(bad)).unwrap_err();
            assert_eq!(err.code(), "ERR_INVALID_CHAT_ID", "{bad}");
        }
        assert_eq!(chat_id(&json!(15551234567u64)).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
    }

    #[test]
    fn ids_passed_on() {
        for ok in ["number1@c.us", "XXXXXXXXXX@c.us", "15551234567@c.us", "123@lid", "+15551234567@c.us"] {
            assert_eq!(person_id(&json!(ok)).unwrap(), ok);
        }
        for bad in ["bob", "a b@c.us", "<script>@c.us", "x\u{7}@c.us", "@c.us", "1@g.us", "1@x.us", "\"@c.us"] {
            assert_eq!(person_id(&json!(bad)).unwrap_err().code(), "ERR_INVALID_CHAT_ID", "{bad}");
        }
        assert_eq!(person_id(&json!(1)).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
        assert_eq!(any_group_id(&json!("YYYYYYYYYY@g.us")).unwrap(), "YYYYYYYYYY@g.us");
        assert_eq!(any_group_id(&json!("Y@c.us")).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
        for not_here in ["status@broadcast", "1234@broadcast", "1234@newsletter"] {
            assert_eq!(chat_id(&json!(not_here)).unwrap_err().code(), "ERR_NOT_SUPPORTED", "{not_here}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(user_id(&json!("15551234567")).unwrap(), "15551234567@c.us");
        assert_eq!(user_id(&json!("15551234567@c.us")).unwrap(), "15551234567@c.us");
        assert!(user_id(&json!("1555x")).is_err());
        assert_eq!(number_digits(&json!("+1 5551234567")).unwrap(), "15551234567");
        assert_eq!(number_digits(&json!("15551234567@c.us")).unwrap(), "15551234567");
        assert!(number_digits(&json!("15551234567@g.us")).is_err());
    }

    #[test]
    fn wid_parts() {
        let w = Wid::parse("15551234567@c.us").unwrap();
        assert_eq!((w.user.as_str(), w.server.as_str()), ("15551234567", "c.us"));
        assert!(Wid::parse("nope").is_none());
    }
}
