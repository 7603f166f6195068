//! A message: the record the page sends (`RawMessage`, read from WhatsApp
//! Web's `Msg` model the way whatsapp-web.js reads it, src/util/Injected/Utils.js
//! `getMessageModel`) and the public shape (`Message`, the fields of
//! whatsapp-web.js's src/structures/Message.js, same names and defaults).
//! The page is untrusted: a record that does not hold together is refused.

use serde::{Deserialize, Serialize};

use crate::errors::ClientError;

mod record;
pub use record::{RawFields, RawGroupMention, RawMessage, MAX_RAW_BYTES};
use record::RawExtras;

/// The message key as the page sends it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct MessageId {
    #[serde(rename = "fromMe")]
    pub from_me: bool,
    pub remote: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub participant: Option<String>,
    #[serde(rename = "_serialized")]
    pub serialized: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Link {
    pub link: String,
    #[serde(rename = "isSuspicious", default)]
    pub is_suspicious: bool,
}

/// whatsapp-web.js's `Location` (src/structures/Location.js), as a location message carries it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub description: String,
}

impl Location {
    /// As whatsapp-web.js reads a location message: `loc` is "name\naddress".
    fn from_raw(raw: &RawMessage) -> Option<Location> {
        let (latitude, longitude) = (raw.lat?, raw.lng?);
        if !(latitude.abs() <= 90.0 && longitude.abs() <= 180.0) {
            return None;
        }
        let mut lines = raw.loc.as_deref().unwrap_or("").splitn(2, '\n');
        let name = lines.next().filter(|s| !s.is_empty()).map(str::to_string);
        let address = lines.next().filter(|s| !s.is_empty()).map(str::to_string);
        let description = match (&name, &address) {
            (Some(n), Some(a)) => format!("{n}\n{a}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        };
        Some(Location { latitude, longitude, name, address, url: raw.client_url.clone(), description })
    }
}

/// whatsapp-web.js's `Message` fields (the methods are in lib/structures/Message.js).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: MessageId,
    pub ack: i64,
    pub has_media: bool,
    pub body: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub timestamp: i64,
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub device_type: &'static str,
    pub is_forwarded: bool,
    pub forwarding_score: u32,
    pub is_status: bool,
    pub is_starred: bool,
    pub broadcast: bool,
    pub from_me: bool,
    pub has_quoted_msg: bool,
    pub has_reaction: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<serde_json::Value>,
    pub v_cards: Vec<String>,
    pub mentioned_ids: Vec<String>,
    pub group_mentions: Vec<serde_json::Value>,
    pub is_gif: bool,
    pub is_ephemeral: bool,
    pub links: Vec<Link>,
    /// For `location` messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// For edited messages (whatsapp-web.js sets them only then, src/structures/Message.js:286-293).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_edit_sender_timestamp_ms: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_edit_msg_key: Option<MessageId>,
    /// For `poll_creation` messages: `pollName`, `pollOptions`, `allowMultipleAnswers`, `messageSecret`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub poll: Option<crate::account::PollFields>,
    /// For `event_creation` messages: `eventName`, `eventDescription`, `eventStartTime`,
    /// `eventEndTime`, `eventLocation`, `eventJoinLink`, `isEventCanceled`, `messageSecret`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub event: Option<crate::account::EventFields>,
    /// For `groups_v4_invite` messages: `{ inviteCode, inviteCodeExp, groupId, groupName, fromId,
    /// toId }` (whatsapp-web.js Message.js:204-222).
    #[serde(rename = "inviteV4", skip_serializing_if = "Option::is_none")]
    pub invite_v4: Option<serde_json::Value>,
    /// The model's fields whatsapp-web.js copies onto the message when they are set
    /// (`mediaKey`, `orderId`, `token`, `title`, …; [`copied_fields`]).
    #[serde(flatten)]
    pub copied: serde_json::Map<String, serde_json::Value>,
    /// `msg._data` / `msg.rawData`: the page's serialized model (lib/structures/Message.js).
    #[serde(rename = "_data")]
    pub data: RawFields,
}

/// The fields of [`RawExtras`] whatsapp-web.js copies when they are set (JavaScript-truthy, as
/// whatsapp-web.js tests them), and `selectedRowId` from a list reply. They come from the raw
/// fields, so they are bounded as those are.
fn copied_fields(extras: &RawExtras) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let truthy = |v: &&Value| match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        _ => true,
    };
    let copied = [
        ("mediaKey", &extras.media_key),
        ("orderId", &extras.order_id),
        ("token", &extras.token),
        ("title", &extras.title),
        ("description", &extras.description),
        ("businessOwnerJid", &extras.business_owner_jid),
        ("productId", &extras.product_id),
        ("protocolMessageKey", &extras.protocol_message_key),
        ("dynamicReplyButtons", &extras.dynamic_reply_buttons),
        ("selectedButtonId", &extras.selected_button_id),
    ];
    let mut out: serde_json::Map<String, Value> = copied.into_iter().filter_map(|(k, v)| v.as_ref().filter(truthy).map(|v| (k.to_string(), v.clone()))).collect();
    let row = extras.list_response.as_ref().and_then(|l| l.get("singleSelectReply")).and_then(|s| s.get("selectedRowId"));
    if let Some(row) = row.filter(truthy) {
        out.insert("selectedRowId".into(), row.clone());
    }
    out
}

/// whatsapp-web.js's `inviteV4` from the raw fields of a `groups_v4_invite` message.
fn invite_v4(extras: &RawExtras, from: &str, to: &str) -> serde_json::Value {
    use serde_json::Value;
    let get = |v: &Option<Value>| v.clone().unwrap_or(Value::Null);
    // The group's wid comes as `{ server, user, _serialized }`: its text, as the client passes it on.
    let group = match get(&extras.invite_grp) {
        Value::Object(w) => w.get("_serialized").cloned().unwrap_or(Value::Null),
        other => other,
    };
    serde_json::json!({
        "inviteCode": get(&extras.invite_code),
        "inviteCodeExp": get(&extras.invite_code_exp),
        "groupId": group,
        "groupName": get(&extras.invite_grp_name),
        "fromId": from,
        "toId": to,
    })
}

/// whatsapp-web.js's `GroupNotification` fields (a `gp2` message, src/structures/GroupNotification.js).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupNotification {
    pub id: MessageId,
    pub body: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub timestamp: i64,
    pub chat_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub recipient_ids: Vec<String>,
}

impl GroupNotification {
    /// From a `gp2` page record; None for any other kind of message.
    pub fn from_value(v: &serde_json::Value) -> Result<Option<GroupNotification>, ClientError> {
        GroupNotification::from_raw(RawMessage::deserialize(v).map_err(|e| bad(&e.to_string()))?)
    }

    /// From a page record already read; None for any other kind of message.
    pub fn from_raw(raw: RawMessage) -> Result<Option<GroupNotification>, ClientError> {
        if raw.kind != "gp2" {
            return Ok(None);
        }
        // The same checks as for any message.
        Message::from_page(raw.clone())?;
        Ok(Some(GroupNotification {
            chat_id: raw.id.remote.clone(),
            id: raw.id,
            body: raw.body.unwrap_or_default(),
            kind: raw.subtype.unwrap_or_default(),
            timestamp: raw.t.unwrap_or(0),
            author: raw.author,
            recipient_ids: raw.recipients,
        }))
    }

    /// The event whatsapp-web.js emits for it (src/Client.js:589-644).
    pub fn event_name(&self) -> &'static str {
        match self.kind.as_str() {
            "add" | "invite" | "linked_group_join" => "group_join",
            "remove" | "leave" => "group_leave",
            "promote" | "demote" => "group_admin_changed",
            "membership_approval_request" => "group_membership_request",
            _ => "group_update",
        }
    }
}

/// `-1` error … `4` played: whatsapp-web.js's `MessageAck`.
pub const ACK_RANGE: std::ops::RangeInclusive<i64> = -1..=4;

fn bad(what: &str) -> ClientError {
    ClientError::PageScript(format!("the page sent a malformed message ({what})"))
}

impl Message {
    /// Checks a page record and turns it into the public shape.
    pub fn from_page(mut raw: RawMessage) -> Result<Message, ClientError> {
        let key = &raw.id;
        let mut expected = format!("{}_{}_{}", key.from_me, key.remote, key.id);
        if let Some(p) = &key.participant {
            expected = format!("{expected}_{p}");
        }
        if key.serialized != expected || key.id.is_empty() || !key.remote.contains('@') {
            return Err(bad("its id does not hold together"));
        }
        let ack = raw.ack.unwrap_or(0);
        if !ACK_RANGE.contains(&ack) {
            return Err(bad("ack out of range"));
        }
        // Device type from the stanza id, as whatsapp-web.js tells it.
        let device_type = if key.id.len() > 25 {
            "android"
        } else if key.id.starts_with("3A") {
            "ios"
        } else {
            "web"
        };
        let mut body = if raw.has_media { raw.caption.clone().unwrap_or_default() } else { raw.body.clone().unwrap_or_default() };
        // A poll's body is its name when it has none (whatsapp-web.js Message.js:57).
        let poll = if raw.kind == "poll_creation" { raw.poll.clone().map(crate::account::PollFields::from_raw) } else { None };
        if let (true, Some(p)) = (body.is_empty(), &poll) {
            body = p.poll_name.clone();
        }
        // So is an event's (whatsapp-web.js Message.js:57).
        let event = if raw.kind == "event_creation" { raw.event.clone().map(crate::account::EventFields::from_raw) } else { None };
        if let (true, Some(e)) = (body.is_empty(), &event) {
            body = e.event_name.clone();
        }
        let data = match raw.raw.take() {
            Some(text) if text.get().len() > MAX_RAW_BYTES => return Err(bad("its raw fields are over 512 KiB")),
            Some(text) if !text.get().starts_with('{') => return Err(bad("its raw fields are not an object")),
            Some(text) => text,
            None => RawFields::empty(),
        };
        let extras = std::mem::take(&mut raw.extras);
        let from = raw.from.clone().ok_or_else(|| bad("no sender"))?;
        let to = raw.to.clone().ok_or_else(|| bad("no recipient"))?;
        let invite_v4 = (raw.kind == "groups_v4_invite").then(|| invite_v4(&extras, &from, &to));
        let location = if raw.kind == "location" { Some(Location::from_raw(&raw).ok_or_else(|| bad("a location without valid coordinates"))?) } else { None };
        Ok(Message {
            is_status: raw.is_status_v3 || key.remote == "status@broadcast",
            from_me: key.from_me,
            id: raw.id.clone(),
            ack,
            has_media: raw.has_media,
            body,
            // As whatsapp-web.js (Message.js:193-198): a card's body, or each card of a list.
            v_cards: match raw.kind.as_str() {
                "vcard" => vec![raw.body.clone().unwrap_or_default()],
                "multi_vcard" => raw.vcards.clone(),
                _ => Vec::new(),
            },
            kind: raw.kind,
            timestamp: raw.t.unwrap_or(0),
            from,
            to,
            author: raw.author,
            device_type,
            is_forwarded: raw.is_forwarded,
            forwarding_score: raw.forwarding_score,
            is_starred: raw.star,
            broadcast: raw.broadcast,
            has_quoted_msg: raw.has_quoted_msg,
            has_reaction: raw.has_reaction,
            duration: raw.duration.filter(|d| !d.is_null()),
            mentioned_ids: raw.mentioned_jid_list,
            // `{ groupSubject, groupJid }`, the group's wid as an object (msg.getGroupMentions() reads
            // `groupJid._serialized`); one that names no group is left out.
            group_mentions: raw
                .group_mentions
                .iter()
                .filter_map(|g| {
                    let jid = crate::wid::Wid::parse(&g.group_jid).filter(|w| w.server == "g.us")?;
                    Some(serde_json::json!({ "groupSubject": g.group_subject, "groupJid": jid.to_value() }))
                })
                .collect(),
            is_gif: raw.is_gif,
            is_ephemeral: raw.is_ephemeral,
            links: raw.links,
            location,
            latest_edit_sender_timestamp_ms: raw.latest_edit_sender_timestamp_ms,
            latest_edit_msg_key: raw.latest_edit_msg_key,
            poll,
            event,
            invite_v4,
            copied: copied_fields(&extras),
            data,
        })
    }

    /// Reads and checks a page record given as JSON.
    pub fn from_value(v: &serde_json::Value) -> Result<Message, ClientError> {
        let raw = RawMessage::deserialize(v).map_err(|e| bad(&e.to_string()))?;
        Message::from_page(raw)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// A message record as src/page/models.js sends it: the serialized model under `raw` (wids
    /// as whatsapp-web.js hands them over), and what is not among its fields.
    pub fn record(from_me: bool, id: &str, body: &str) -> serde_json::Value {
        let remote = "15557654321@c.us";
        let wid = |w: &str| json!({ "server": w.split('@').nth(1), "user": w.split('@').next(), "_serialized": w });
        let me = "15550100001@c.us";
        json!({
            "raw": {
                "id": { "fromMe": from_me, "remote": remote, "id": id, "_serialized": format!("{from_me}_{remote}_{id}") },
                "type": "chat", "body": body, "t": 1700000000, "ack": 1,
                "from": wid(if from_me { me } else { remote }),
                "to": wid(if from_me { remote } else { me }),
                "mentionedJidList": [wid("15551112222@c.us")], "quotedMsg": { "body": "earlier" },
            },
            "hasQuotedMsg": true,
        })
    }

    #[test]
    fn maps_to_whatsapp_web_js_fields() {
        let m = Message::from_value(&record(false, "ABCDEF0123456789ABCDEF0123456789", "!ping")).unwrap();
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["body"], "!ping");
        assert_eq!(v["type"], "chat");
        assert_eq!(v["timestamp"], 1700000000);
        assert_eq!(v["fromMe"], false);
        assert_eq!(v["hasQuotedMsg"], true);
        assert_eq!(v["mentionedIds"], json!(["15551112222@c.us"]));
        assert_eq!(v["deviceType"], "android");
        assert_eq!(v["id"]["_serialized"], "false_15557654321@c.us_ABCDEF0123456789ABCDEF0123456789");
        assert!(v.get("author").is_none());
        let web = Message::from_value(&record(true, "3EB0AAAABBBBCCCCDDDD", "x")).unwrap();
        assert_eq!(web.device_type, "web");
    }

    #[test]
    fn carries_the_raw_fields_and_a_private_invite() {
        let mut r = record(false, "INV1", "join us");
        r["raw"]["type"] = json!("groups_v4_invite");
        for (k, v) in [("notifyName", json!("Alice")), ("inviteCode", json!("AbC")), ("inviteCodeExp", json!(1900000000)), ("inviteGrp", json!({ "server": "g.us", "user": "1203", "_serialized": "1203@g.us" })), ("inviteGrpName", json!("Team"))] {
            r["raw"][k] = v;
        }
        let v = serde_json::to_value(Message::from_value(&r).unwrap()).unwrap();
        assert_eq!(v["_data"]["notifyName"], "Alice");
        assert_eq!(v["inviteV4"], json!({ "inviteCode": "AbC", "inviteCodeExp": 1900000000, "groupId": "1203@g.us", "groupName": "Team", "fromId": "15557654321@c.us", "toId": "15550100001@c.us" }));
        let plain = serde_json::to_value(Message::from_value(&record(false, "P", "x")).unwrap()).unwrap();
        // `_data` is the model as the page sent it.
        assert_eq!((&plain["_data"]["body"], &plain["_data"]["from"]["user"]), (&json!("x"), &json!("15557654321")));
        assert!(plain.get("inviteV4").is_none());
        r["raw"]["body"] = json!("x".repeat(MAX_RAW_BYTES));
        assert_eq!(Message::from_value(&r).unwrap_err().code(), "ERR_PAGE_SCRIPT");
    }

    #[test]
    fn reads_the_typed_fields_out_of_the_model_as_whatsapp_web_js_types_them() {
        let mut r = record(false, "T1", "hi");
        r["raw"]["star"] = json!(1);
        r["raw"]["t"] = json!("soon");
        r["raw"]["mentionedJidList"] = json!([{ "server": "c.us", "user": "1", "_serialized": "1@c.us" }, "2@c.us", 5]);
        let m = Message::from_value(&r).unwrap();
        // Truthy is set, a timestamp that is not a number is absent, wids come as objects or text.
        assert!(m.is_starred);
        assert_eq!(m.timestamp, 0);
        assert_eq!(m.mentioned_ids, ["1@c.us", "2@c.us"]);
        assert_eq!(m.from, "15557654321@c.us");
        r["raw"] = json!([1]);
        assert_eq!(Message::from_value(&r).unwrap_err().code(), "ERR_PAGE_SCRIPT");
    }

    #[test]
    fn copies_the_raw_fields_whatsapp_web_js_copies_when_they_are_set() {
        let mut r = record(false, "ORD1", "");
        r["raw"]["type"] = json!("order");
        let key = json!({ "fromMe": true, "remote": "15557654321@c.us", "id": "X", "_serialized": "true_15557654321@c.us_X" });
        let fields = json!({ "mediaKey": "a2V5", "orderId": "1234", "token": "tok", "title": "", "description": "Two mugs", "productId": 0, "protocolMessageKey": key, "selectedButtonId": null, "listResponse": { "singleSelectReply": { "selectedRowId": "row-2" } } });
        for (k, v) in fields.as_object().unwrap() {
            r["raw"][k] = v.clone();
        }
        let v = serde_json::to_value(Message::from_value(&r).unwrap()).unwrap();
        assert_eq!((&v["mediaKey"], &v["orderId"], &v["token"], &v["description"], &v["selectedRowId"]), (&json!("a2V5"), &json!("1234"), &json!("tok"), &json!("Two mugs"), &json!("row-2")));
        assert_eq!(v["protocolMessageKey"], key);
        // Unset as whatsapp-web.js tests them: empty, zero, null.
        for absent in ["title", "productId", "selectedButtonId", "businessOwnerJid", "dynamicReplyButtons"] {
            assert!(v.get(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn refuses_records_that_do_not_hold_together() {
        let mut r = record(false, "ABC", "x");
        r["raw"]["id"]["_serialized"] = json!("true_15557654321@c.us_ABC");
        assert_eq!(Message::from_value(&r).unwrap_err().code(), "ERR_PAGE_SCRIPT");
        let mut r = record(false, "ABC", "x");
        r["raw"]["ack"] = json!(9);
        assert!(Message::from_value(&r).is_err());
        assert!(Message::from_value(&json!({ "id": 1 })).is_err());
    }
}
