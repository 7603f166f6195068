//! Group calls (`createGroup`, `acceptInvite`, `GroupChat`'s `addParticipants`,
//! `removeParticipants`, `leave`, `getInviteCode`): their arguments checked
//! before anything is queued, and the page's answers checked and put into
//! whatsapp-web.js's shapes.

use std::hash::{BuildHasher, Hasher};

use serde_json::{json, Map, Value};

use super::AccountCall;
use crate::errors::ClientError;
use crate::wid::{self, Wid};

/// At most this many participants in one call (WhatsApp's groups hold 1,024).
const MAX_PARTICIPANTS: usize = 1024;

fn invalid(name: &str, reason: String) -> ClientError {
    ClientError::InvalidArgument { name: name.into(), reason }
}

/// A group's id: `<id>@g.us`.
fn group_id(value: &Value) -> Result<String, ClientError> {
    let id = wid::chat_id(value)?;
    if id.ends_with("@g.us") {
        Ok(id)
    } else {
        Err(ClientError::InvalidChatId(format!("{id:?} is not a group: expected \"<id>@g.us\"")))
    }
}

/// One participant id or a list of them, each a person (`@c.us` or `@lid`).
fn participants(value: &Value, name: &str, allow_none: bool) -> Result<Vec<String>, ClientError> {
    let list = match value {
        Value::Null if allow_none => return Ok(Vec::new()),
        Value::Array(list) => list.clone(),
        one @ Value::String(_) => vec![one.clone()],
        other => return Err(invalid(name, format!("must be a participant id or a list of them, got {}", crate::options::describe(other)))),
    };
    if list.len() > MAX_PARTICIPANTS || (list.is_empty() && !allow_none) {
        return Err(invalid(name, format!("must name 1 to {MAX_PARTICIPANTS} participants, got {}", list.len())));
    }
    list.iter()
        .map(|v| {
            let id = wid::chat_id(v)?;
            if id.ends_with("@g.us") {
                return Err(ClientError::InvalidChatId(format!("{id:?} is a group, not a participant")));
            }
            Ok(id)
        })
        .collect()
}

/// whatsapp-web.js's `sleep` option of `addParticipants` (GroupChat.js:131-148): a number of
/// milliseconds, `[ms]`, or `[min, max]` for a random wait in between (widened to 100 ms when
/// narrower); default `[250, 500]`; `0`/`null` for none.
fn sleep_ms(value: Option<&Value>) -> Result<u32, ClientError> {
    let ms = |v: &Value| v.as_f64().filter(|f| f.is_finite() && *f >= 0.0 && *f <= 60_000.0).map(|f| f as u32);
    let bad = || invalid("options.sleep", "must be milliseconds (0 to 60000) or [min, max]".into());
    let (low, high) = match value {
        None => (250, 500),
        Some(Value::Null) | Some(Value::Bool(false)) => return Ok(0),
        Some(Value::Array(list)) => match list.as_slice() {
            [one] => return ms(one).ok_or_else(bad),
            [a, b] => (ms(a).ok_or_else(bad)?, ms(b).ok_or_else(bad)?),
            _ => return Err(bad()),
        },
        Some(v) => return ms(v).ok_or_else(bad),
    };
    if low == high {
        return Ok(low);
    }
    let (low, high) = if high.saturating_sub(low) < 100 { (high, high + 100) } else { (low, high) };
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    Ok(low + (random % u64::from(high - low + 1)) as u32)
}

/// `createGroup`'s options, only those whatsapp-web.js reads, checked.
fn create_options(value: &Value) -> Result<Value, ClientError> {
    let Value::Object(given) = value else {
        return match value {
            Value::Null => Ok(json!({})),
            other => Err(invalid("options", format!("must be an object, got {}", crate::options::describe(other)))),
        };
    };
    let mut out = Map::new();
    for (key, v) in given {
        let checked = match key.as_str() {
            "memberAddMode" | "membershipApprovalMode" | "isRestrict" | "isAnnounce" | "announce" | "autoSendInviteV4" => {
                v.as_bool().map(Value::Bool).ok_or_else(|| invalid(&format!("options.{key}"), "must be a boolean".into()))?
            }
            "messageTimer" => v
                .as_u64()
                .filter(|s| *s <= 366 * 24 * 3600)
                .map(Value::from)
                .ok_or_else(|| invalid("options.messageTimer", "must be a whole number of seconds".into()))?,
            "parentGroupId" => Value::String(group_id(v)?),
            "comment" => v
                .as_str()
                .filter(|c| c.len() <= 1000)
                .map(|c| Value::String(c.into()))
                .ok_or_else(|| invalid("options.comment", "must be a string".into()))?,
            _ => continue,
        };
        out.insert(key.clone(), checked);
    }
    Ok(Value::Object(out))
}

/// Checks a group call as JavaScript made it.
pub(super) fn parse(method: &str, arg: impl Fn(usize) -> Value) -> Result<AccountCall, ClientError> {
    Ok(match method {
        "createGroup" => {
            let title = match arg(0) {
                Value::String(t) if !t.trim().is_empty() && t.chars().count() <= 100 => t,
                other => return Err(invalid("title", format!("must be a group subject of 1 to 100 characters, got {}", crate::options::describe(&other)))),
            };
            AccountCall::CreateGroup { title, participants: participants(&arg(1), "participants", true)?, options: create_options(&arg(2))? }
        }
        "addParticipants" => {
            let options = arg(2);
            if !options.is_null() && !options.is_object() {
                return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&options))));
            }
            AccountCall::AddParticipants {
                chat_id: group_id(&arg(0))?,
                participants: participants(&arg(1), "participantIds", false)?,
                sleep_ms: sleep_ms(options.get("sleep"))?,
            }
        }
        "removeParticipants" => AccountCall::RemoveParticipants { chat_id: group_id(&arg(0))?, participants: participants(&arg(1), "participantIds", false)? },
        "leaveGroup" => AccountCall::LeaveGroup(group_id(&arg(0))?),
        "getInviteCode" => AccountCall::GetInviteCode(group_id(&arg(0))?),
        "acceptInvite" => AccountCall::AcceptInvite(invite_code(&arg(0)).ok_or_else(|| {
            invalid("inviteCode", "must be a group invite code (the part after https://chat.whatsapp.com/), letters, digits, - and _".into())
        })?),
        other => return Err(ClientError::Internal(format!("unknown group call {other}"))),
    })
}

fn invite_code(value: &Value) -> Option<String> {
    value.as_str().filter(|c| (1..=64).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).map(str::to_string)
}

fn bad(what: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered a group call with {what}"))
}

/// `{ "<participant id>": { ...fields } }`, each key a person's id and each value an object
/// with exactly `fields` (integers, strings or booleans, as named).
fn participant_map(raw: &Value, fields: &[(&str, &str)]) -> Result<Value, ClientError> {
    let map = raw.as_object().ok_or_else(|| bad("no participant results"))?;
    let mut out = Map::new();
    for (id, result) in map {
        wid::chat_id(&Value::String(id.clone())).map_err(|_| bad("a participant that is not an id"))?;
        let mut entry = Map::new();
        for (field, kind) in fields {
            let v = result.get(*field).ok_or_else(|| bad("a participant result without its fields"))?;
            let ok = match *kind {
                "int" => v.is_i64(),
                "string" => v.as_str().is_some_and(|s| s.len() <= 500),
                _ => v.is_boolean(),
            };
            if !ok {
                return Err(bad("a participant result of the wrong shape"));
            }
            entry.insert((*field).to_string(), v.clone());
        }
        out.insert(id.clone(), Value::Object(entry));
    }
    Ok(Value::Object(out))
}

/// What the page answered to a group call, in whatsapp-web.js's shape.
pub(super) fn decode(call: &AccountCall, raw: Value) -> Result<Value, ClientError> {
    let group_wid = |v: &Value| v.as_str().and_then(Wid::parse).filter(|w| w.server == "g.us");
    // whatsapp-web.js answers some failures with a message instead of rejecting.
    let message = |raw: &Value, prefix: &str| raw.as_str().filter(|s| s.starts_with(prefix) && s.len() <= 500).map(|s| Value::String(s.into()));
    match call {
        AccountCall::CreateGroup { .. } => {
            if let Some(m) = message(&raw, "CreateGroupError") {
                return Ok(m);
            }
            let gid = raw.get("gid").and_then(group_wid).ok_or_else(|| bad("no group id"))?;
            let title = raw.get("title").and_then(Value::as_str).ok_or_else(|| bad("no title"))?;
            let participants = participant_map(raw.get("participants").unwrap_or(&Value::Null), &[("statusCode", "int"), ("message", "string"), ("isGroupCreator", "bool"), ("isInviteV4Sent", "bool")])?;
            Ok(json!({ "title": title, "gid": gid.to_value(), "participants": participants }))
        }
        AccountCall::AddParticipants { .. } => match message(&raw, "AddParticipantsError") {
            Some(m) => Ok(m),
            None => participant_map(&raw, &[("code", "int"), ("message", "string"), ("isInviteV4Sent", "bool")]),
        },
        AccountCall::RemoveParticipants { .. } => {
            let status = raw.get("status").and_then(Value::as_i64).ok_or_else(|| bad("no status"))?;
            Ok(json!({ "status": status }))
        }
        AccountCall::LeaveGroup(_) => Ok(Value::Null),
        AccountCall::GetInviteCode(_) => match raw {
            Value::Null => Ok(Value::Null),
            code => invite_code(&code).map(Value::String).ok_or_else(|| bad("something that is not an invite code")),
        },
        AccountCall::AcceptInvite(_) => group_wid(&raw).map(|w| Value::String(w.serialized)).ok_or_else(|| bad("something that is not a group id")),
        _ => Err(ClientError::Internal("not a group call".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(method: &str, args: Value) -> Result<AccountCall, ClientError> {
        let args = args.as_array().cloned().unwrap_or_default();
        parse(method, |i| args.get(i).cloned().unwrap_or(Value::Null))
    }

    #[test]
    fn group_calls_are_checked() {
        let AccountCall::CreateGroup { title, participants, options } =
            call("createGroup", json!(["Team", "15557654321@c.us", { "messageTimer": 86400, "isRestrict": true, "unknown": 1 }])).unwrap()
        else {
            panic!()
        };
        assert_eq!((title.as_str(), participants), ("Team", vec!["15557654321@c.us".to_string()]));
        assert_eq!(options, json!({ "messageTimer": 86400, "isRestrict": true }), "only what whatsapp-web.js reads");
        assert!(matches!(call("createGroup", json!(["Team"])), Ok(AccountCall::CreateGroup { participants, .. }) if participants.is_empty()));
        let code = |method: &str, args: Value| call(method, args).unwrap_err().code();
        assert_eq!(code("createGroup", json!([" ", []])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("createGroup", json!(["Team", ["120363000000000001@g.us"]])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("createGroup", json!(["Team", [], { "parentGroupId": "15557654321@c.us" }])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("addParticipants", json!(["15557654321@c.us", ["15551112222@c.us"]])), "ERR_INVALID_CHAT_ID", "a group's id");
        assert_eq!(code("addParticipants", json!(["120363000000000001@g.us", []])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("acceptInvite", json!(["https://chat.whatsapp.com/AbC"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(call("acceptInvite", json!(["AbC_d-9"])).unwrap(), AccountCall::AcceptInvite("AbC_d-9".into()));
    }

    #[test]
    fn add_participants_waits_as_whatsapp_web_js() {
        let sleep = |options: Value| match call("addParticipants", json!(["120363000000000001@g.us", "15551112222@c.us", options])).unwrap() {
            AccountCall::AddParticipants { sleep_ms, .. } => sleep_ms,
            _ => panic!(),
        };
        for _ in 0..20 {
            assert!((250..=500).contains(&sleep(json!({}))), "default [250, 500]");
            assert!((950..=1050).contains(&sleep(json!({ "sleep": [900, 950] }))), "narrower than 100 ms: [max, max + 100]");
        }
        assert_eq!(sleep(json!({ "sleep": 0 })), 0);
        assert_eq!(sleep(json!({ "sleep": null })), 0);
        assert_eq!(sleep(json!({ "sleep": [300] })), 300);
        assert_eq!(sleep(json!({ "sleep": [700, 700] })), 700);
        assert_eq!(call("addParticipants", json!(["120363000000000001@g.us", "15551112222@c.us", { "sleep": -1 }])).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
    }

    #[test]
    fn group_answers_are_checked() {
        let create = AccountCall::CreateGroup { title: "T".into(), participants: vec![], options: json!({}) };
        let ok = decode(
            &create,
            json!({ "title": "T", "gid": "120363000000000001@g.us", "participants": { "15557654321@c.us": { "statusCode": 200, "message": "ok", "isGroupCreator": false, "isInviteV4Sent": false } } }),
        )
        .unwrap();
        assert_eq!(ok["gid"], json!({ "server": "g.us", "user": "120363000000000001", "_serialized": "120363000000000001@g.us" }));
        assert!(decode(&create, json!({ "title": "T", "gid": "15557654321@c.us", "participants": {} })).is_err(), "not a group id");
        assert!(decode(&create, json!({ "title": "T", "gid": "120363000000000001@g.us", "participants": { "x": {} } })).is_err());
        assert_eq!(decode(&create, json!("CreateGroupError: An unknown error")).unwrap(), json!("CreateGroupError: An unknown error"));
        assert!(decode(&create, json!("something else")).is_err());
        let code = AccountCall::GetInviteCode("120363000000000001@g.us".into());
        assert_eq!(decode(&code, Value::Null).unwrap(), Value::Null);
        assert!(decode(&code, json!("<script>")).is_err());
        let accept = AccountCall::AcceptInvite("abc".into());
        assert_eq!(decode(&accept, json!("120363000000000001@g.us")).unwrap(), json!("120363000000000001@g.us"));
    }
}
