//! A reaction: the page record (read from the reaction table the way
//! whatsapp-web.js's listener reads it, src/Client.js:1168-1194) and the
//! public shape of whatsapp-web.js's src/structures/Reaction.js.

use serde::{Deserialize, Serialize};

use crate::errors::ClientError;
use crate::message::MessageId;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawReaction {
    pub id: MessageId,
    pub parent: MessageId,
    #[serde(default)]
    pub reaction: String,
    #[serde(default)]
    pub timestamp: f64,
    pub sender: String,
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub orphan: i64,
    #[serde(default)]
    pub orphan_reason: Option<String>,
    #[serde(default)]
    pub ack: Option<i64>,
}

/// whatsapp-web.js's `Reaction` fields.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Reaction {
    pub id: MessageId,
    pub orphan: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orphan_reason: Option<String>,
    /// Seconds, with the milliseconds as a fraction (whatsapp-web.js divides the page's ms by 1000).
    pub timestamp: f64,
    /// The emoji; empty when the reaction was taken back.
    pub reaction: String,
    pub read: bool,
    /// The message reacted to.
    pub msg_id: MessageId,
    pub sender_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack: Option<i64>,
}

impl Reaction {
    pub fn from_value(v: &serde_json::Value) -> Result<Reaction, ClientError> {
        let bad = |what: String| ClientError::PageScript(format!("the page sent a malformed reaction ({what})"));
        let raw = RawReaction::deserialize(v).map_err(|e| bad(e.to_string()))?;
        for key in [&raw.id, &raw.parent] {
            if key.serialized != format!("{}_{}_{}", key.from_me, key.remote, key.id) && key.participant.is_none() {
                return Err(bad("a key does not hold together".into()));
            }
        }
        if raw.reaction.chars().count() > 32 || !raw.sender.contains('@') || !raw.timestamp.is_finite() {
            return Err(bad("reaction, sender or timestamp".into()));
        }
        Ok(Reaction {
            id: raw.id,
            orphan: raw.orphan,
            orphan_reason: raw.orphan_reason,
            timestamp: raw.timestamp,
            reaction: raw.reaction,
            read: raw.read,
            msg_id: raw.parent,
            sender_id: raw.sender,
            ack: raw.ack,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_to_whatsapp_web_js_fields() {
        let key = |from_me: bool, id: &str| json!({ "fromMe": from_me, "remote": "15557654321@c.us", "id": id, "_serialized": format!("{from_me}_15557654321@c.us_{id}") });
        let r = Reaction::from_value(&json!({ "id": key(false, "R1"), "parent": key(true, "M1"), "reaction": "👍", "timestamp": 1700000000.5, "sender": "15557654321@c.us" })).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["reaction"], "👍");
        assert_eq!(v["msgId"]["_serialized"], "true_15557654321@c.us_M1");
        assert_eq!(v["senderId"], "15557654321@c.us");
        assert_eq!(v["orphan"], 0);
        let mut broken = json!({ "id": key(false, "R1"), "parent": key(true, "M1"), "sender": "x@c.us" });
        broken["parent"]["_serialized"] = json!("nope");
        assert!(Reaction::from_value(&broken).is_err());
    }
}
