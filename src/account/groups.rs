//! Group calls (`createGroup`, `acceptInvite`, `GroupChat`'s `addParticipants`,
//! `removeParticipants`, `leave`, `getInviteCode`; administration is in
//! group_admin.rs): their arguments checked
//! before anything is queued, and the page's answers checked and put into
//! whatsapp-web.js's shapes. The page functions are src/page/groups/*.js.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use serde_json::{json, Map, Value};

use super::{invalid, AccountCall, Args, Method, LONG};
use crate::errors::ClientError;
use crate::wid::{self, Wid};

pub(super) const METHODS: &[Method] = &[
    ("createGroup", create_group),
    ("addParticipants", add_participants),
    ("removeParticipants", |args| modify_participants(args, "remove", "removing participants")),
    ("leaveGroup", |args| Ok(AccountCall::new("leaving a group", LEAVE_GROUP, vec![json!(group_id(&args.get(0))?)]))),
    ("getInviteCode", |args| {
        Ok(AccountCall::new("reading an invite code", INVITE_CODE, vec![json!(group_id(&args.get(0))?)]).answer(|raw| match raw {
            Value::Null => Ok(Value::Null),
            code => invite_code(&code).map(Value::String).ok_or_else(|| bad("something that is not an invite code")),
        }))
    }),
    ("acceptInvite", |args| {
        let code = invite_code(&args.get(0)).ok_or_else(|| {
            invalid("inviteCode", "must be a group invite code (the part after https://chat.whatsapp.com/), letters, digits, - and _".into())
        })?;
        Ok(AccountCall::new("joining a group by its invite code", ACCEPT_INVITE, vec![json!(code)])
            .answer(|raw| group_wid(&raw).map(|w| Value::String(w.serialized)).ok_or_else(|| bad("something that is not a group id"))))
    }),
];

const CREATE_GROUP: &str = page_fn!("groups/create_group.js");
const ADD_PARTICIPANTS: &str = page_fn!("groups/add_participants.js");
const MODIFY_PARTICIPANTS: &str = page_fn!("groups/modify_participants.js", "server_refusal.js");
const LEAVE_GROUP: &str = page_fn!("groups/leave_group.js", "server_refusal.js");
const INVITE_CODE: &str = page_fn!("groups/invite_code.js");
const ACCEPT_INVITE: &str = page_fn!("groups/accept_invite.js", "server_refusal.js");

/// `groupChat.removeParticipants(ids)`, `promoteParticipants(ids)`, `demoteParticipants(ids)`
/// (`action`: remove, promote, demote): ids that are no participants are dropped in the page, as
/// whatsapp-web.js does; `{ status: 200 }`.
pub(super) fn modify_participants(args: &Args, action: &'static str, what: &'static str) -> Result<AccountCall, ClientError> {
    let args = vec![json!(group_id(&args.get(0))?), json!(participants(&args.get(1), "participantIds", false)?), json!(action)];
    Ok(AccountCall::new(what, MODIFY_PARTICIPANTS, args).within(LONG).answer(|raw| {
        let status = raw.get("status").and_then(Value::as_i64).ok_or_else(|| bad("no status"))?;
        Ok(json!({ "status": status }))
    }))
}

/// At most this many participants in one call (WhatsApp's groups hold 1,024).
const MAX_PARTICIPANTS: usize = 1024;

/// A group's id: `<id>@g.us`.
pub(super) fn group_id(value: &Value) -> Result<String, ClientError> {
    let id = wid::chat_id(value)?;
    if id.ends_with("@g.us") {
        Ok(id)
    } else {
        Err(ClientError::InvalidChatId(format!("{id:?} is not a group: expected \"<id>@g.us\"")))
    }
}

/// One participant id or a list of them, each a person (`@c.us` or `@lid`; see `wid::person_id`).
pub(super) fn participants(value: &Value, name: &str, allow_none: bool) -> Result<Vec<String>, ClientError> {
    let list = match value {
        Value::Null if allow_none => return Ok(Vec::new()),
        Value::Array(list) => list.clone(),
        one @ Value::String(_) => vec![one.clone()],
        other => return Err(invalid(name, format!("must be a participant id or a list of them, got {}", crate::options::describe(other)))),
    };
    if list.len() > MAX_PARTICIPANTS || (list.is_empty() && !allow_none) {
        return Err(invalid(name, format!("must name 1 to {MAX_PARTICIPANTS} participants, got {}", list.len())));
    }
    // As whatsapp-web.js, an id that names nobody is passed on: WhatsApp answers it (404).
    list.iter().map(wid::person_id).collect()
}

/// whatsapp-web.js's `sleep` option of `addParticipants` (GroupChat.js:131-148): a number of
/// milliseconds, `[ms]`, or `[min, max]` for a random wait in between (widened to 100 ms when
/// narrower); default `[250, 500]`; `0`/`null` for none.
pub(super) fn sleep_ms(value: Option<&Value>) -> Result<u32, ClientError> {
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
            "comment" => Value::String(comment(v)?),
            _ => continue,
        };
        out.insert(key.clone(), checked);
    }
    Ok(Value::Object(out))
}

/// `createGroup(title, participants, options)`: options as whatsapp-web.js takes them, checked.
fn create_group(args: &Args) -> Result<AccountCall, ClientError> {
    let title = match args.get(0) {
        Value::String(t) if !t.trim().is_empty() && t.chars().count() <= 100 => t,
        other => return Err(invalid("title", format!("must be a group subject of 1 to 100 characters, got {}", crate::options::describe(&other)))),
    };
    let args = vec![json!(title), json!(participants(&args.get(1), "participants", true)?), create_options(&args.get(2))?];
    Ok(AccountCall::new("creating a group", CREATE_GROUP, args).within(LONG).answer(|raw| {
        // whatsapp-web.js answers some failures with a message instead of rejecting.
        if let Some(m) = failure(&raw, "CreateGroupError") {
            return Ok(m);
        }
        let gid = raw.get("gid").and_then(group_wid).ok_or_else(|| bad("no group id"))?;
        let title = raw.get("title").and_then(Value::as_str).ok_or_else(|| bad("no title"))?;
        let participants = participant_map(raw.get("participants").unwrap_or(&Value::Null), &[("statusCode", "int"), ("message", "string"), ("isGroupCreator", "bool"), ("isInviteV4Sent", "bool")])?;
        Ok(json!({ "title": title, "gid": gid.to_value(), "participants": participants }))
    }))
}

/// The `comment` of a private invite (at most 1,000 bytes).
fn comment(v: &Value) -> Result<String, ClientError> {
    v.as_str().filter(|c| c.len() <= 1000).map(str::to_string).ok_or_else(|| invalid("options.comment", format!("must be a string of at most 1000 bytes, got {}", crate::options::describe(v))))
}

/// `groupChat.addParticipants(ids, { sleep, autoSendInviteV4, comment })`: `sleep` milliseconds
/// between participants; a private invite to those who only accept invites unless
/// `autoSendInviteV4` is false (whatsapp-web.js's defaults: true, comment '').
fn add_participants(args: &Args) -> Result<AccountCall, ClientError> {
    let options = args.get(2);
    if !options.is_null() && !options.is_object() {
        return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&options))));
    }
    let chat_id = group_id(&args.get(0))?;
    let participants = participants(&args.get(1), "participantIds", false)?;
    let sleep_ms = sleep_ms(options.get("sleep"))?;
    let send = match options.get("autoSendInviteV4") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid("options.autoSendInviteV4", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    let comment = match options.get("comment") {
        None | Some(Value::Null) => String::new(),
        Some(v) => comment(v)?,
    };
    let invite = json!({ "send": send, "comment": comment });
    // whatsapp-web.js waits between participants: up to 1,024 of them at up to a minute each.
    let limit = LONG + Duration::from_millis(u64::from(sleep_ms) * participants.len() as u64);
    Ok(AccountCall::new("adding participants", ADD_PARTICIPANTS, vec![json!(chat_id), json!(participants), json!(sleep_ms), invite]).within(limit).answer(|raw| {
        match failure(&raw, "AddParticipantsError") {
            Some(m) => Ok(m),
            None => participant_map(&raw, &[("code", "int"), ("message", "string"), ("isInviteV4Sent", "bool")]),
        }
    }))
}

pub(super) fn group_wid(v: &Value) -> Option<Wid> {
    v.as_str().and_then(Wid::parse).filter(|w| w.server == "g.us")
}

/// whatsapp-web.js's message for a failure it answers instead of rejecting.
fn failure(raw: &Value, prefix: &str) -> Option<Value> {
    raw.as_str().filter(|s| s.starts_with(prefix) && s.len() <= 500).map(|s| Value::String(s.into()))
}

pub(super) fn invite_code(value: &Value) -> Option<String> {
    value.as_str().filter(|c| (1..=64).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).map(str::to_string)
}

pub(super) fn bad(what: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered a group call with {what}"))
}

/// `{ "<participant id>": { ...fields } }`, each key a person's id and each value an object
/// with exactly `fields` (integers, strings or booleans, as named).
fn participant_map(raw: &Value, fields: &[(&str, &str)]) -> Result<Value, ClientError> {
    let map = raw.as_object().ok_or_else(|| bad("no participant results"))?;
    let mut out = Map::new();
    for (id, result) in map {
        wid::person_id(&Value::String(id.clone())).map_err(|_| bad("a participant that is not an id"))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn call(method: &str, args: Value) -> Result<AccountCall, ClientError> {
        AccountCall::parse(method, &args)
    }

    #[test]
    fn group_calls_are_checked() {
        let create = call("createGroup", json!(["Team", "15557654321@c.us", { "messageTimer": 86400, "isRestrict": true, "unknown": 1 }])).unwrap();
        let [title, participants, options] = create.args() else { panic!() };
        assert_eq!((title, participants), (&json!("Team"), &json!(["15557654321@c.us"])));
        assert_eq!(options, &json!({ "messageTimer": 86400, "isRestrict": true }), "only what whatsapp-web.js reads");
        assert_eq!(call("createGroup", json!(["Team"])).unwrap().args()[1], json!([]));
        let code = |method: &str, args: Value| call(method, args).unwrap_err().code();
        assert_eq!(code("createGroup", json!([" ", []])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("createGroup", json!(["Team", ["120363000000000001@g.us"]])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("createGroup", json!(["Team", [], { "parentGroupId": "15557654321@c.us" }])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("addParticipants", json!(["15557654321@c.us", ["15551112222@c.us"]])), "ERR_INVALID_CHAT_ID", "a group's id");
        assert_eq!(code("addParticipants", json!(["120363000000000001@g.us", []])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("acceptInvite", json!(["https://chat.whatsapp.com/AbC"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(call("acceptInvite", json!(["AbC_d-9"])).unwrap().args(), [json!("AbC_d-9")]);
    }

    #[test]
    fn add_participants_waits_as_whatsapp_web_js() {
        let add = |options: Value| call("addParticipants", json!(["120363000000000001@g.us", "15551112222@c.us", options])).unwrap();
        let sleep = |options: Value| add(options).args()[2].as_u64().unwrap();
        for _ in 0..20 {
            assert!((250..=500).contains(&sleep(json!({}))), "default [250, 500]");
            assert!((950..=1050).contains(&sleep(json!({ "sleep": [900, 950] }))), "narrower than 100 ms: [max, max + 100]");
        }
        assert_eq!(sleep(json!({ "sleep": 0 })), 0);
        assert_eq!(sleep(json!({ "sleep": null })), 0);
        assert_eq!(sleep(json!({ "sleep": [300] })), 300);
        assert_eq!(sleep(json!({ "sleep": [700, 700] })), 700);
        assert_eq!(add(json!({ "sleep": [700, 700] })).limit(), LONG + Duration::from_millis(700), "the time limit counts the waits");
        assert_eq!(call("addParticipants", json!(["120363000000000001@g.us", "15551112222@c.us", { "sleep": -1 }])).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
    }

    #[test]
    fn group_answers_are_checked() {
        let create = call("createGroup", json!(["T"])).unwrap();
        let ok = create
            .read(json!({ "title": "T", "gid": "120363000000000001@g.us", "participants": { "15557654321@c.us": { "statusCode": 200, "message": "ok", "isGroupCreator": false, "isInviteV4Sent": false } } }))
            .unwrap();
        assert_eq!(ok["gid"], json!({ "server": "g.us", "user": "120363000000000001", "_serialized": "120363000000000001@g.us" }));
        assert!(create.read(json!({ "title": "T", "gid": "15557654321@c.us", "participants": {} })).is_err(), "not a group id");
        assert!(create.read(json!({ "title": "T", "gid": "120363000000000001@g.us", "participants": { "x": {} } })).is_err());
        assert_eq!(create.read(json!("CreateGroupError: An unknown error")).unwrap(), json!("CreateGroupError: An unknown error"));
        assert!(create.read(json!("something else")).is_err());
        let code = call("getInviteCode", json!(["120363000000000001@g.us"])).unwrap();
        assert_eq!(code.read(Value::Null).unwrap(), Value::Null);
        assert!(code.read(json!("<script>")).is_err());
        let accept = call("acceptInvite", json!(["abc"])).unwrap();
        assert_eq!(accept.read(json!("120363000000000001@g.us")).unwrap(), json!("120363000000000001@g.us"));
    }
}
