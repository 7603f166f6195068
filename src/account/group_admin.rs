//! Group administration (issue 21, item 4), with whatsapp-web.js 1.34.7's names, arguments,
//! defaults and answers: `GroupChat`'s `promoteParticipants`, `demoteParticipants`,
//! `setSubject`, `setDescription`, `setPicture`, `deletePicture`, `setMessagesAdminsOnly`,
//! `setInfoAdminsOnly`, `setAddMembersAdminsOnly`, `revokeInvite`; the client's
//! `getInviteInfo`, `getGroupMembershipRequests`, `approveGroupMembershipRequests`,
//! `rejectGroupMembershipRequests` and `getCommonGroups`. The page functions are
//! src/page/groups/*.js; the events (`group_update`, `group_admin_changed`,
//! `group_membership_request`) come from the gp2 notifications (events.rs).

use std::time::Duration;

use serde_json::{json, Map, Value};

use super::groups::{bad, group_id, group_wid, invite_code, modify_participants, participants, sleep_ms};
use super::{boolean, invalid, AccountCall, Args, Method, LONG};
use crate::errors::ClientError;
use crate::wid::{self, Wid};

pub(super) const METHODS: &[Method] = &[
    ("promoteParticipants", |args| modify_participants(args, "promote", "promoting participants")),
    ("demoteParticipants", |args| modify_participants(args, "demote", "demoting participants")),
    ("setSubject", |args| {
        let subject = text(&args.get(1), "subject", 1, MAX_SUBJECT)?;
        Ok(AccountCall::new("changing a group's subject", SET_INFO, vec![json!(group_id(&args.get(0))?), json!("subject"), json!(subject)]).answer(boolean))
    }),
    ("setDescription", |args| {
        let description = text(&args.get(1), "description", 0, MAX_DESCRIPTION)?;
        Ok(AccountCall::new("changing a group's description", SET_INFO, vec![json!(group_id(&args.get(0))?), json!("description"), json!(description)]).answer(boolean))
    }),
    // whatsapp-web.js's values: announcement 1 and restrict 1 for admins only, member_add_mode 0.
    ("setMessagesAdminsOnly", |args| property(args, "announcement", u8::from)),
    ("setInfoAdminsOnly", |args| property(args, "restrict", u8::from)),
    ("setAddMembersAdminsOnly", |args| property(args, "member_add_mode", |only| u8::from(!only))),
    ("setPicture", |args| {
        let media = picture(&args.get(1))?;
        // Two canvases and an upload: more than the usual limit on a slow machine.
        Ok(AccountCall::new("setting a group's picture", PICTURE, vec![json!(group_id(&args.get(0))?), media]).within(LONG).answer(|raw| {
            if raw.get("notAnImage") == Some(&Value::Bool(true)) {
                return Err(invalid("media.data", "is not an image the browser can decode".into()));
            }
            boolean(raw)
        }))
    }),
    ("deletePicture", |args| {
        Ok(AccountCall::new("deleting a group's picture", PICTURE, vec![json!(group_id(&args.get(0))?), Value::Null]).answer(|raw| match raw {
            // whatsapp-web.js answers undefined when the picture may not be deleted; false here
            // (index.d.ts says Promise<boolean>).
            Value::Null => Ok(Value::Bool(false)),
            other => boolean(other),
        }))
    }),
    ("revokeInvite", |args| {
        Ok(AccountCall::new("revoking an invite code", REVOKE_INVITE, vec![json!(group_id(&args.get(0))?)])
            .answer(|raw| invite_code(&raw).map(Value::String).ok_or_else(|| bad("something that is not an invite code"))))
    }),
    ("getInviteInfo", |args| {
        let code = invite_code(&args.get(0)).ok_or_else(|| {
            invalid("inviteCode", "must be a group invite code (the part after https://chat.whatsapp.com/), letters, digits, - and _".into())
        })?;
        Ok(AccountCall::new("reading a group invite", INVITE_INFO, vec![json!(code)]).answer(invite_info))
    }),
    ("getGroupMembershipRequests", |args| {
        Ok(AccountCall::new("reading membership requests", MEMBERSHIP_REQUESTS, vec![json!(group_id(&args.get(0))?)]).answer(|raw| {
            let list = raw.as_array().ok_or_else(|| bad("no list of requests"))?;
            list.iter().map(request).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }))
    }),
    ("approveGroupMembershipRequests", |args| membership_action(args, true)),
    ("rejectGroupMembershipRequests", |args| membership_action(args, false)),
    ("getCommonGroups", |args| {
        let id = wid::chat_id(&args.get(0))?;
        if id.ends_with("@g.us") {
            return Err(ClientError::InvalidChatId(format!("{id:?} is a group: getCommonGroups takes a person's id")));
        }
        Ok(AccountCall::new("finding common groups", COMMON_GROUPS, vec![json!(id)]).answer(|raw| {
            let list = raw.as_array().ok_or_else(|| bad("no list of groups"))?;
            list.iter().map(|g| group_wid(g).map(|w| w.to_value()).ok_or_else(|| bad("something that is not a group id"))).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }))
    }),
];

const SET_INFO: &str = page_fn!("groups/set_info.js");
const SET_PROPERTY: &str = page_fn!("groups/set_property.js");
const PICTURE: &str = page_fn!("groups/picture.js", "pictures/square_jpegs.js");
const REVOKE_INVITE: &str = page_fn!("groups/revoke_invite.js", "server_refusal.js");
const INVITE_INFO: &str = page_fn!("groups/invite_info.js", "server_refusal.js");
const MEMBERSHIP_REQUESTS: &str = page_fn!("groups/membership_requests.js");
const MEMBERSHIP_ACTION: &str = page_fn!("groups/membership_action.js");
const COMMON_GROUPS: &str = page_fn!("groups/common_groups.js", "server_refusal.js");

/// WhatsApp's longest group subject and description, in characters.
const MAX_SUBJECT: usize = 100;
const MAX_DESCRIPTION: usize = 2048;
/// A group picture larger than this is refused before it reaches the page (the page decodes it
/// whole); WhatsApp's own limit for pictures sent as media.
const MAX_PICTURE: usize = super::messages::MEDIA_LIMIT;

/// A text argument of `min` to `max` characters.
fn text(value: &Value, name: &str, min: usize, max: usize) -> Result<String, ClientError> {
    match value {
        Value::String(s) if (min..=max).contains(&s.chars().count()) && (min == 0 || !s.trim().is_empty()) => Ok(s.clone()),
        other => Err(invalid(name, format!("must be a string of {min} to {max} characters, got {}", crate::options::describe(other)))),
    }
}

/// `setMessagesAdminsOnly(adminsOnly = true)` and its siblings: `property` set to `value(adminsOnly)`.
fn property(args: &Args, property: &'static str, value: fn(bool) -> u8) -> Result<AccountCall, ClientError> {
    let admins_only = match args.get(1) {
        Value::Null => true,
        Value::Bool(b) => b,
        other => return Err(invalid("adminsOnly", format!("must be a boolean, got {}", crate::options::describe(&other)))),
    };
    let args = vec![json!(group_id(&args.get(0))?), json!(property), json!(value(admins_only))];
    Ok(AccountCall::new("changing a group's settings", SET_PROPERTY, args).answer(boolean))
}

/// `setPicture(media)`: a `MessageMedia` holding an image, `{ mimetype, data }`. whatsapp-web.js
/// rejects another kind with "Media is not an image".
pub(super) fn picture(value: &Value) -> Result<Value, ClientError> {
    if !value.is_object() {
        return Err(invalid("media", format!("must be a MessageMedia holding an image, got {}", crate::options::describe(value))));
    }
    let mimetype = value
        .get("mimetype")
        .and_then(Value::as_str)
        .filter(|m| m.starts_with("image/") && m.len() <= 100 && m.bytes().all(|b| b.is_ascii_alphanumeric() || b"/+.-".contains(&b)))
        .ok_or_else(|| invalid("media.mimetype", "Media is not an image: the mimetype must be image/…".into()))?;
    let data = value.get("data").and_then(Value::as_str).ok_or_else(|| invalid("media.data", "must be the image as a base64 string".into()))?;
    let size = super::messages::base64_decoded_len(data).map_err(|why| invalid("media.data", format!("must be the image as base64: {why}")))?;
    if size == 0 {
        return Err(invalid("media.data", "is empty".into()));
    }
    if size > MAX_PICTURE {
        return Err(ClientError::MediaTooLarge { size, limit: MAX_PICTURE, what: "pictures, video and audio" });
    }
    Ok(json!({ "mimetype": mimetype, "data": data }))
}

/// The answer of `getInviteInfo`: the group the code leads to, with whatsapp-web.js's wid objects.
fn invite_info(raw: Value) -> Result<Value, ClientError> {
    let id = raw.get("id").and_then(group_wid).ok_or_else(|| bad("an invite without its group"))?;
    let person = |v: &Value| v.as_str().and_then(Wid::parse).filter(|w| w.server != "g.us");
    let mut out = Map::new();
    out.insert("id".into(), id.to_value());
    for (key, v) in raw.as_object().into_iter().flatten() {
        let checked = match (key.as_str(), v) {
            (_, Value::Null) | ("id", _) => continue,
            ("owner", v) => person(v).ok_or_else(|| bad("an owner that is not a person"))?.to_value(),
            ("subject" | "desc" | "descId", Value::String(s)) if s.len() <= 8192 => v.clone(),
            ("creation" | "size", Value::Number(n)) if n.is_i64() => v.clone(),
            ("announce" | "restrict" | "membershipApprovalMode" | "isLidAddressingMode", Value::Bool(_)) => v.clone(),
            ("participants", Value::Array(list)) if list.len() <= 5000 => Value::Array(
                list.iter()
                    .map(|p| {
                        let id = p.get("id").and_then(person).ok_or_else(|| bad("a participant that is not a person"))?;
                        let flag = |k: &str| p.get(k).and_then(Value::as_bool).unwrap_or(false);
                        Ok(json!({ "id": id.to_value(), "isAdmin": flag("isAdmin"), "isSuperAdmin": flag("isSuperAdmin") }))
                    })
                    .collect::<Result<Vec<_>, ClientError>>()?,
            ),
            _ => return Err(bad(&format!("an invite whose {key} is of the wrong kind"))),
        };
        out.insert(key.clone(), checked);
    }
    Ok(Value::Object(out))
}

/// One of `getGroupMembershipRequests`' answers: `{ id, addedBy, parentGroupId, requestMethod, t }`
/// with wid objects, as whatsapp-web.js hands the page's records over.
fn request(raw: &Value) -> Result<Value, ClientError> {
    let wid_of = |k: &str| raw.get(k).and_then(Value::as_str).and_then(Wid::parse).map(|w| w.to_value());
    let id = wid_of("id").ok_or_else(|| bad("a request without its requester"))?;
    let method = raw.get("requestMethod").and_then(Value::as_str).filter(|m| m.len() <= 64).ok_or_else(|| bad("a request without its method"))?;
    let t = raw.get("t").and_then(Value::as_i64).ok_or_else(|| bad("a request without its time"))?;
    Ok(json!({ "id": id, "addedBy": wid_of("addedBy"), "parentGroupId": wid_of("parentGroupId"), "requestMethod": method, "t": t }))
}

/// `approveGroupMembershipRequests(groupId, { requesterIds, sleep })` and the reject: one id, a
/// list, or none (every request the page holds); `sleep` as `addParticipants`' (default [250, 500]).
fn membership_action(args: &Args, approve: bool) -> Result<AccountCall, ClientError> {
    let options = args.get(1);
    if !options.is_null() && !options.is_object() {
        return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&options))));
    }
    let group = group_id(&args.get(0))?;
    let requesters = participants(options.get("requesterIds").unwrap_or(&Value::Null), "options.requesterIds", true)?;
    let sleep = sleep_ms(options.get("sleep"))?;
    let limit = LONG + Duration::from_millis(u64::from(sleep) * requesters.len().max(1) as u64);
    let what = if approve { "approving membership requests" } else { "rejecting membership requests" };
    Ok(AccountCall::new(what, MEMBERSHIP_ACTION, vec![json!(group), json!(approve), json!(requesters), json!(sleep)]).within(limit).answer(|raw| {
        let list = raw.as_array().ok_or_else(|| bad("no list of results"))?;
        list.iter()
            .map(|r| {
                let requester = r.get("requesterId").and_then(Value::as_str).and_then(Wid::parse).ok_or_else(|| bad("a result without its requester"))?;
                let message = r.get("message").and_then(Value::as_str).filter(|m| m.len() <= 200).ok_or_else(|| bad("a result without its message"))?;
                let mut out = json!({ "requesterId": requester.serialized });
                if let Some(error) = r.get("error").filter(|e| !e.is_null()) {
                    out["error"] = json!(error.as_i64().ok_or_else(|| bad("an error that is not a number"))?);
                }
                out["message"] = json!(message);
                Ok(out)
            })
            .collect::<Result<Vec<_>, ClientError>>()
            .map(Value::Array)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(method: &str, args: Value) -> Result<AccountCall, ClientError> {
        AccountCall::parse(method, &args)
    }
    const G: &str = "120363000000000001@g.us";

    #[test]
    fn admin_calls_are_checked() {
        let code = |method: &str, args: Value| call(method, args).unwrap_err().code();
        assert_eq!(call("promoteParticipants", json!([G, ["15551112222@c.us"]])).unwrap().args()[2], json!("promote"));
        assert_eq!(code("demoteParticipants", json!([G, 5])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setSubject", json!([G, ""])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setSubject", json!([G, "x".repeat(101)])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setSubject", json!(["15551112222@c.us", "x"])), "ERR_INVALID_CHAT_ID");
        assert_eq!(call("setDescription", json!([G, ""])).unwrap().args()[2], json!(""), "an empty description clears it");
        assert_eq!(call("setMessagesAdminsOnly", json!([G])).unwrap().args()[1..], [json!("announcement"), json!(1)]);
        assert_eq!(call("setAddMembersAdminsOnly", json!([G, true])).unwrap().args()[1..], [json!("member_add_mode"), json!(0)]);
        assert_eq!(call("setInfoAdminsOnly", json!([G, false])).unwrap().args()[1..], [json!("restrict"), json!(0)]);
        assert_eq!(code("setInfoAdminsOnly", json!([G, "yes"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setPicture", json!([G, { "mimetype": "video/mp4", "data": "AAAA" }])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setPicture", json!([G, { "mimetype": "image/png", "data": "not base64!" }])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setPicture", json!([G, "picture.png"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("getInviteInfo", json!(["https://chat.whatsapp.com/x"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("getCommonGroups", json!([G])), "ERR_INVALID_CHAT_ID");
        let approve = call("approveGroupMembershipRequests", json!([G, { "requesterIds": "15551112222@c.us", "sleep": null }])).unwrap();
        assert_eq!(approve.args()[1..], [json!(true), json!(["15551112222@c.us"]), json!(0)]);
        assert_eq!(call("rejectGroupMembershipRequests", json!([G])).unwrap().args()[2], json!([]), "none: every request");
        assert_eq!(code("rejectGroupMembershipRequests", json!([G, { "requesterIds": [G] }])), "ERR_INVALID_CHAT_ID");
    }

    #[test]
    fn admin_answers_are_shaped() {
        let info = call("getInviteInfo", json!(["AbC"])).unwrap();
        let read = info
            .read(json!({ "id": G, "subject": "S", "owner": "15551112222@c.us", "size": 2, "announce": false, "desc": null, "participants": [{ "id": "15551112222@c.us", "isAdmin": true }] }))
            .unwrap();
        assert_eq!(read["id"]["_serialized"], G);
        assert_eq!(read["participants"][0]["id"]["user"], "15551112222");
        assert!(read.get("desc").is_none());
        assert!(info.read(json!({ "id": "15551112222@c.us" })).is_err());
        assert!(info.read(json!({ "id": G, "size": "2" })).is_err());
        let requests = call("getGroupMembershipRequests", json!([G])).unwrap();
        let read = requests.read(json!([{ "id": "1234@lid", "addedBy": "1234@lid", "parentGroupId": null, "requestMethod": "InviteLink", "t": 5 }])).unwrap();
        assert_eq!(read[0]["id"]["server"], "lid");
        assert_eq!(read[0]["parentGroupId"], Value::Null);
        let approve = call("approveGroupMembershipRequests", json!([G, {}])).unwrap();
        let read = approve.read(json!([{ "requesterId": "15551112222@c.us", "error": 404, "message": "ParticipantRequestNotFoundError" }])).unwrap();
        assert_eq!(read, json!([{ "requesterId": "15551112222@c.us", "error": 404, "message": "ParticipantRequestNotFoundError" }]));
        assert_eq!(call("deletePicture", json!([G])).unwrap().read(Value::Null).unwrap(), json!(false));
        assert!(call("revokeInvite", json!([G])).unwrap().read(json!("<x>")).is_err());
        let picture = call("setPicture", json!([G, { "mimetype": "image/png", "data": "AAAA" }])).unwrap();
        assert_eq!(picture.read(json!({ "notAnImage": true })).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        assert_eq!(picture.read(json!(true)).unwrap(), json!(true));
        let common = call("getCommonGroups", json!(["15551112222@c.us"])).unwrap();
        assert_eq!(common.read(json!([G])).unwrap()[0]["_serialized"], G);
    }
}
