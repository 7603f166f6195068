//! Calls: the `call` event's record ([`Call`]), `call.reject()` and
//! `createCallLink()`, as whatsapp-web.js 1.34.7 has them (main 2dc9466:
//! src/Client.js:1073-1097 hooks the call collection, :3198-3222 makes links;
//! src/structures/Call.js; Injected/Utils.js:1265-1286 rejects). The page
//! functions are src/page/calls/*.js; the hook is in src/page/events/subscribe.js.

use serde::Serialize;
use serde_json::{json, Value};

use super::{invalid, AccountCall, Method};
use crate::errors::ClientError;
use crate::wid::Wid;

pub(super) const METHODS: &[Method] = &[
    // `call.reject()` (lib/structures/Call.js): the caller and the call's id, as the event gave them.
    ("rejectCall", |args| {
        let from = args.get(0);
        let caller = from.as_str().and_then(Wid::parse).filter(|w| is_jid(&w.serialized)).ok_or_else(|| {
            invalid("call.from", format!("must be the caller's id as the call event gave it (\"15551234567@c.us\"), got {}", crate::options::describe(&from)))
        })?;
        let id = call_id(&args.get(1)).ok_or_else(|| invalid("call.id", "must be the call's id as the call event gave it".into()))?;
        Ok(AccountCall::new("rejecting a call", REJECT_CALL, vec![json!(caller.serialized), json!(id)]))
    }),
    ("createCallLink", |args| {
        // index.js passes a Date as its milliseconds; whatsapp-web.js sends whole seconds.
        let start = args.get(0);
        let seconds = start
            .as_f64()
            .filter(|ms| ms.is_finite() && ms.abs() <= 8.64e15)
            .map(|ms| (ms / 1000.0).floor() as i64)
            .ok_or_else(|| invalid("startTime", format!("must be a valid Date, got {}", crate::options::describe(&start))))?;
        // whatsapp-web.js's own check and words (src/Client.js:3198-3207).
        let call_type = match args.get(1) {
            Value::String(t) if t == "video" || t == "voice" => t,
            _ => return Err(invalid("callType", "Invalid 'callType' parameter value is provided. Valid values are: 'voice' | 'video'.".into())),
        };
        let call = AccountCall::new("creating a call link", CREATE_CALL_LINK, vec![json!(seconds), json!(call_type)]);
        // An empty string when WhatsApp made none, as whatsapp-web.js answers.
        Ok(call.answer(|raw| match raw {
            Value::Null => Ok(json!("")),
            Value::String(link) if link.is_empty() || (link.starts_with("https://call.whatsapp.com/") && link.len() <= 200) => Ok(Value::String(link)),
            _ => Err(ClientError::PageScript("the page did not answer with a call link".into())),
        }))
    }),
];

const REJECT_CALL: &str = page_fn!("calls/reject_call.js");
const CREATE_CALL_LINK: &str = page_fn!("calls/create_call_link.js");

/// whatsapp-web.js's `Call` fields (the method is in lib/structures/Call.js).
///
/// whatsapp-web.js 1.34.7 hands `from` over as the page's wid object and
/// leaves `timestamp` undefined (it does not pass `offerTime` on,
/// main Client.js:1085-1095); its index.d.ts promises a string and a number,
/// which is what this gives. `participants` (index.d.ts: `object`) are the
/// wids as whatsapp-web.js's listeners see them: `{ server, user, _serialized }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    pub id: String,
    pub from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    pub is_video: bool,
    pub is_group: bool,
    pub from_me: bool,
    pub can_handle_locally: bool,
    pub web_client_should_handle: bool,
    pub participants: Vec<Wid>,
}

impl Call {
    /// From the page's record (src/page/events/subscribe.js): `id`, `peerJid`,
    /// `offerTime`, `outgoing` and the flags as the call model has them.
    pub fn from_value(v: &Value) -> Result<Call, ClientError> {
        let bad = |what: &str| ClientError::PageScript(format!("the page sent a call with a malformed {what}"));
        let id = call_id(v.get("id").unwrap_or(&Value::Null)).ok_or_else(|| bad("id"))?;
        let from = v.get("peerJid").and_then(Value::as_str).and_then(Wid::parse).filter(|w| is_jid(&w.serialized)).ok_or_else(|| bad("caller"))?;
        let flag = |k: &str| match v.get(k) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(k)),
        };
        // Unix seconds, as the model's `offerTime`.
        let timestamp = match v.get("offerTime") {
            None | Some(Value::Null) => None,
            Some(t) => Some(t.as_i64().filter(|t| (0..=1 << 40).contains(t)).ok_or_else(|| bad("offerTime"))?),
        };
        let participants = match v.get("participants") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) if list.len() <= 1024 => list
                .iter()
                .map(|p| p.as_str().and_then(Wid::parse).filter(|w| is_jid(&w.serialized)).ok_or_else(|| bad("participant")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(bad("participants")),
        };
        Ok(Call {
            id,
            from: from.serialized,
            timestamp,
            is_video: flag("isVideo")?,
            is_group: flag("isGroup")?,
            from_me: flag("outgoing")?,
            can_handle_locally: flag("canHandleLocally")?,
            web_client_should_handle: flag("webClientShouldHandle")?,
            participants,
        })
    }
}

/// A call id: WhatsApp's are hex digits; letters, digits, `.`, `-` and `_`, at most 128.
fn call_id(v: &Value) -> Option<String> {
    v.as_str().filter(|s| (1..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))).map(str::to_string)
}

/// A jid of a stanza attribute: `user@server` (a device `user:device@server`), no spaces or markup.
fn is_jid(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'-' | b'_' | b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_in_and_out() {
        let raw = json!({ "id": "ABCDEF0123", "peerJid": "15551234567@c.us", "offerTime": 1_700_000_000, "isVideo": true, "isGroup": true, "outgoing": false,
            "canHandleLocally": false, "webClientShouldHandle": false, "participants": ["15551234567@c.us", "15551234568@c.us"] });
        let call = Call::from_value(&raw).unwrap();
        assert_eq!((call.from.as_str(), call.timestamp, call.is_video, call.participants.len()), ("15551234567@c.us", Some(1_700_000_000), true, 2));
        let out = serde_json::to_value(&call).unwrap();
        assert_eq!(out["participants"][1], json!({ "server": "c.us", "user": "15551234568", "_serialized": "15551234568@c.us" }));
        assert_eq!(out["fromMe"], json!(false));
        assert!(Call::from_value(&json!({ "id": "<x>", "peerJid": "1@c.us" })).is_err());
        assert!(Call::from_value(&json!({ "id": "A1", "peerJid": "1 @c.us" })).is_err());
        assert!(Call::from_value(&json!({ "id": "A1", "peerJid": "1@c.us", "isVideo": "yes" })).is_err());

        let reject = AccountCall::parse("rejectCall", &json!(["15551234567@c.us", "ABCDEF0123"])).unwrap();
        assert_eq!(reject.args(), &[json!("15551234567@c.us"), json!("ABCDEF0123")]);
        for bad in [json!([{ "_serialized": "1@c.us" }, "A1"]), json!(["15551234567@c.us", "a b"]), json!(["x\"y@c.us", "A1"])] {
            assert_eq!(AccountCall::parse("rejectCall", &bad).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        }

        let link = AccountCall::parse("createCallLink", &json!([1_893_492_000_123.0, "video"])).unwrap();
        assert_eq!(link.args(), &[json!(1_893_492_000), json!("video")]);
        assert_eq!(link.read(json!(null)).unwrap(), json!(""));
        assert!(link.read(json!("javascript:alert(1)")).is_err());
        for bad in [json!([0, "audio"]), json!(["[number NaN]", "voice"]), json!([null, "voice"])] {
            assert_eq!(AccountCall::parse("createCallLink", &bad).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        }
    }
}
