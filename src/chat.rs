//! A chat: the page record (read from WhatsApp Web's `Chat` model as
//! whatsapp-web.js's `getChatModel` does, src/util/Injected/Utils.js) and the
//! public shape of whatsapp-web.js's src/structures/Chat.js.

use serde::{Deserialize, Serialize};

use crate::errors::ClientError;
use crate::message::{Message, RawMessage};

fn malformed(what: String) -> ClientError {
    ClientError::PageScript(format!("the page sent a malformed chat ({what})"))
}
use crate::wid::Wid;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawChat {
    pub id: String,
    #[serde(default)]
    pub formatted_title: Option<String>,
    #[serde(default)]
    pub is_group: bool,
    #[serde(default)]
    pub is_read_only: bool,
    #[serde(default)]
    pub unread_count: i64,
    #[serde(default)]
    pub t: Option<i64>,
    #[serde(default)]
    pub archive: bool,
    #[serde(default)]
    pub pin: Option<i64>,
    #[serde(default)]
    pub is_locked: bool,
    #[serde(default)]
    pub is_muted: bool,
    #[serde(default)]
    pub mute_expiration: i64,
    #[serde(default)]
    pub last_message: Option<RawMessage>,
    #[serde(default)]
    pub group_metadata: Option<GroupMetadata>,
}

/// A participant of a group.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: Wid,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub is_super_admin: bool,
}

/// What a group chat carries (whatsapp-web.js's `GroupChat` reads `owner`,
/// `creation`, `desc` and `participants` from it).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct GroupMetadata {
    #[serde(default)]
    pub owner: Option<Wid>,
    #[serde(default)]
    pub creation: Option<i64>,
    #[serde(default)]
    pub desc: Option<String>,
    /// Only admins send messages, edit the info; who may add members (`admin_add` or
    /// `all_member_add`), as whatsapp-web.js's `groupMetadata` has them.
    #[serde(default)]
    pub announce: bool,
    #[serde(default)]
    pub restrict: bool,
    #[serde(default, rename = "memberAddMode", skip_serializing_if = "Option::is_none")]
    pub member_add_mode: Option<String>,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chat {
    pub id: Wid,
    pub name: String,
    pub is_group: bool,
    pub is_read_only: bool,
    pub unread_count: i64,
    pub timestamp: i64,
    pub archived: bool,
    pub pinned: bool,
    pub is_locked: bool,
    pub is_muted: bool,
    pub mute_expiration: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_message: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_metadata: Option<GroupMetadata>,
}

impl Chat {
    pub fn from_value(v: &serde_json::Value) -> Result<Chat, ClientError> {
        Chat::from_raw(RawChat::deserialize(v).map_err(|e| malformed(e.to_string()))?)
    }

    /// Checks a page record and turns it into the public shape.
    pub fn from_raw(raw: RawChat) -> Result<Chat, ClientError> {
        let id = Wid::parse(&raw.id).ok_or_else(|| malformed("its id is not a wid".into()))?;
        let last_message = raw.last_message.map(Message::from_page).transpose()?;
        Ok(Chat {
            is_group: raw.is_group || raw.group_metadata.is_some() || id.server == "g.us",
            name: raw.formatted_title.unwrap_or_else(|| id.user.clone()),
            id,
            is_read_only: raw.is_read_only,
            // -1: marked unread by hand (WhatsApp Web's own value).
            unread_count: raw.unread_count.max(-1),
            timestamp: raw.t.unwrap_or(0),
            archived: raw.archive,
            pinned: raw.pin.unwrap_or(0) != 0,
            is_locked: raw.is_locked,
            is_muted: raw.is_muted,
            mute_expiration: raw.mute_expiration,
            last_message,
            group_metadata: raw.group_metadata,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_to_whatsapp_web_js_fields() {
        let last = crate::message::tests::record(true, "3EB0AAAABBBBCCCCDDDD", "hi");
        let c = Chat::from_value(&json!({ "id": "15557654321@c.us", "formattedTitle": "Alice", "unreadCount": 2, "t": 5, "pin": 0, "lastMessage": last })).unwrap();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["id"]["_serialized"], "15557654321@c.us");
        assert_eq!(v["name"], "Alice");
        assert_eq!(v["unreadCount"], 2);
        assert_eq!(v["timestamp"], 5);
        assert_eq!(v["isGroup"], false);
        assert_eq!(v["pinned"], false);
        assert_eq!(v["lastMessage"]["body"], "hi");
        assert!(Chat::from_value(&json!({ "id": "nope" })).is_err());
    }
}
