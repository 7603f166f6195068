//! Status updates and broadcasts: `getBroadcasts`, `getBroadcastById`,
//! `revokeStatusMessage`, and posting a status (`sendMessage('status@broadcast', …)`,
//! lib/client/status.js, as `sendStatus`), with whatsapp-web.js 1.34.7's names and
//! shapes (src/Client.js, src/structures/Broadcast.js; main 2dc9466 Client.js:1389-1433,
//! 2757-2826, Injected/Utils.js:146-170, 422-443, 537-574, 1681-1692, 1724-1738). The
//! page functions are src/page/status/*.js.

use serde_json::{json, Value};

use super::media_kinds::MediaKinds;
use super::messages::{media, message_id};
use super::{invalid, to_json, AccountCall, Method, LONG};
use crate::errors::ClientError;
use crate::message::Message;
use crate::wid::{self, Wid};

pub(super) const METHODS: &[Method] = &[
    ("getBroadcasts", |_| {
        Ok(AccountCall::new("reading the status updates", STATUSES, vec![Value::Null]).answer(|raw| match raw {
            Value::Array(items) => items.iter().map(broadcast).collect::<Result<Vec<_>, _>>().map(Value::Array),
            _ => Err(bad_answer("something other than a list of statuses")),
        }))
    }),
    ("getBroadcastById", |args| {
        let id = wid::person_id(&args.get(0))?;
        let wanted = id.clone();
        Ok(AccountCall::new("reading a contact's status updates", STATUSES, vec![json!(id)]).answer(move |raw| match raw {
            // A contact who posted nothing: an empty Broadcast (whatsapp-web.js gives one with no fields).
            Value::Null => Ok(json!({ "id": Wid::parse(&wanted).map(|w| w.to_value()), "t": null, "totalCount": 0, "unreadCount": 0, "msgs": [] })),
            one => broadcast(&one),
        }))
    }),
    ("revokeStatusMessage", |args| {
        let id = message_id(&args.get(0), "messageId")?;
        let wanted = id.clone();
        Ok(AccountCall::new("revoking a status", REVOKE_STATUS, vec![json!(id)]).answer(move |raw| match raw.get("error").and_then(Value::as_str) {
            None if raw.get("ok") == Some(&Value::Bool(true)) => Ok(Value::Null),
            Some("no-message") => Err(ClientError::MessageNotFound(format!("the status message {wanted:?}"))),
            Some("not-own-status") => Err(invalid("messageId", format!("{wanted:?} is not one of the account's own status messages (only those can be revoked)"))),
            Some("revoked") => Err(invalid("messageId", format!("the status message {wanted:?} was revoked already"))),
            _ => Err(bad_answer("something other than the revoke's outcome")),
        }))
    }),
    // Not a whatsapp-web.js name: Client.sendMessage('status@broadcast', …) calls it.
    ("sendStatus", send_status),
];

const STATUSES: &str = page_fn!("status/statuses.js");
const REVOKE_STATUS: &str = page_fn!("status/revoke_status.js");
const SEND_STATUS: &str = page_fn!("status/send_status.js", "messages/media_kinds.js", "messages/prepare_media.js");

/// whatsapp-web.js's default background of a text status (Injected/Utils.js:557-560).
const DEFAULT_COLOR: u32 = 0xff7a_cca5;

/// `sendStatus(content, options)`: a text (with `backgroundColor` and `fontStyle`, in
/// `options.extra` as whatsapp-web.js reads them, or in `options` as its example.js
/// passes them) or a MessageMedia (picture, video or audio; `caption`, `sendVideoAsGif`,
/// `sendAudioAsVoice`, `sendMediaAsHd`). The options whatsapp-web.js refuses for a status
/// are answered in lib/client/status.js before this.
fn send_status(args: &super::Args) -> Result<AccountCall, ClientError> {
    let options = match args.get(1) {
        Value::Null => Value::Object(Default::default()),
        o @ Value::Object(_) => o,
        other => return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&other)))),
    };
    let kinds = MediaKinds::parse(&options)?;
    let caption = match options.get("caption") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.clone()),
        Some(other) => return Err(invalid("options.caption", format!("must be a string, got {}", crate::options::describe(other)))),
    };
    let (text, file) = match (args.get(0), options.get("media").filter(|m| !m.is_null())) {
        (Value::String(text), None) if !text.trim().is_empty() => (text, Value::Null),
        (Value::String(_), None) => return Err(invalid("content", "a text status cannot be empty".into())),
        (Value::String(text), Some(m)) => (String::new(), with_caption(media(m, "options.media", false)?, Some(text))),
        (m @ Value::Object(_), _) if m.get("mimetype").is_some() => (String::new(), with_caption(media(&m, "content", false)?, caption)),
        (other, _) => return Err(invalid("content", format!("a status is a text or a MessageMedia (a picture, video or audio), got {}", crate::options::describe(&other)))),
    };
    if let Some(mimetype) = file.get("mimetype").and_then(Value::as_str) {
        if !["image/", "video/", "audio/"].iter().any(|p| mimetype.starts_with(p)) {
            return Err(invalid("content", format!("a status file is a picture, a video or audio, got {mimetype:?}")));
        }
    }
    kinds.check(&file)?;
    let extra = super::messages::extra(&options)?;
    let style = |key: &str| extra.get(key).filter(|v| !v.is_null()).or_else(|| options.get(key).filter(|v| !v.is_null()));
    let color = match style("backgroundColor") {
        None => DEFAULT_COLOR,
        Some(v) => color(v)?,
    };
    let font = match style("fontStyle") {
        None => 0,
        Some(v) => v.as_u64().filter(|f| *f <= 7).ok_or_else(|| invalid("options.fontStyle", format!("must be a whole number 0..7, got {}", crate::options::describe(v))))?,
    };
    let caption = file.get("caption").cloned().unwrap_or(Value::Null);
    let page_options = json!({ "media": file, "caption": caption, "kinds": kinds.to_page(), "color": color, "font": font });
    Ok(AccountCall::new("posting a status", SEND_STATUS, vec![json!(text), page_options]).within(LONG).answer(|raw| match raw.get("message") {
        Some(m @ Value::Object(_)) => to_json(Message::from_value(m)?),
        _ => Err(bad_answer("no status message")),
    }))
}

fn with_caption(mut file: Value, caption: Option<String>) -> Value {
    file["caption"] = caption.filter(|c| !c.is_empty()).map(Value::String).unwrap_or(Value::Null);
    file
}

/// A background colour as whatsapp-web.js's assertColor takes it (Injected/Utils.js:1724-1738):
/// a number (negative ones as their 32-bit two's complement) or a hex text `#rgb`-less
/// `RRGGBB` / `AARRGGBB` with or without `#` (six digits or fewer get an opaque alpha).
fn color(value: &Value) -> Result<u32, ClientError> {
    let bad = || invalid("options.backgroundColor", format!("must be a colour such as \"#0b3296\" or a number, got {}", crate::options::describe(value)));
    match value {
        Value::Number(n) => match n.as_i64() {
            Some(c @ 1..=0xffff_ffff) => Ok(c as u32),
            Some(c @ -0x8000_0000..=-1) => Ok((0x1_0000_0000 + c) as u32),
            _ => Err(bad()),
        },
        Value::String(s) => {
            let hex = s.trim().trim_start_matches('#');
            if hex.is_empty() || hex.len() > 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad());
            }
            let rgb = u32::from_str_radix(hex, 16).map_err(|_| bad())?;
            Ok(if hex.len() <= 6 { 0xff00_0000 | rgb } else { rgb })
        }
        _ => Err(bad()),
    }
}

/// A Status model as whatsapp-web.js's Broadcast takes it: `{ id, t, totalCount, unreadCount, msgs }`.
fn broadcast(raw: &Value) -> Result<Value, ClientError> {
    let id = raw.get("id").and_then(Value::as_str).and_then(Wid::parse).ok_or_else(|| bad_answer("a status without a poster"))?;
    let count = |k: &str| raw.get(k).and_then(Value::as_u64).ok_or_else(|| bad_answer("a status without its counts"));
    let msgs = match raw.get("msgs") {
        Some(Value::Array(items)) => items.iter().map(|m| Message::from_value(m).and_then(to_json)).collect::<Result<Vec<_>, _>>()?,
        _ => return Err(bad_answer("a status without its messages")),
    };
    Ok(json!({
        "id": id.to_value(),
        "t": raw.get("t").and_then(Value::as_u64),
        "totalCount": count("totalCount")?,
        "unreadCount": count("unreadCount")?,
        "msgs": msgs,
    }))
}

fn bad_answer(what: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_as_whatsapp_web_js_reads_them() {
        assert_eq!(color(&json!("#0b3296")).unwrap(), 0xff0b_3296);
        assert_eq!(color(&json!("800b3296")).unwrap(), 0x800b_3296);
        assert_eq!(color(&json!(-1)).unwrap(), 0xffff_ffff);
        assert_eq!(color(&json!(0xff7a_cca5u32)).unwrap(), DEFAULT_COLOR);
        for bad in [json!("blue"), json!(""), json!("#123456789"), json!(1.5), json!(null), json!(0)] {
            assert!(color(&bad).is_err(), "{bad}");
        }
    }
}
