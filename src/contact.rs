//! A contact: the page record (read as whatsapp-web.js's `getContactModel`
//! does, through WhatsApp Web's contact getters, src/util/Injected/Utils.js)
//! and the public shape of whatsapp-web.js's src/structures/Contact.js.

use serde::{Deserialize, Serialize};

use crate::errors::ClientError;
use crate::wid::Wid;

fn malformed(what: String) -> ClientError {
    ClientError::PageScript(format!("the page sent a malformed contact ({what})"))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawContact {
    pub id: String,
    #[serde(default)]
    pub userid: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub pushname: Option<String>,
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub is_business: bool,
    #[serde(default)]
    pub is_enterprise: bool,
    #[serde(default)]
    pub is_me: bool,
    #[serde(default)]
    pub is_user: bool,
    #[serde(default)]
    pub is_group: bool,
    #[serde(default, rename = "isWAContact")]
    pub is_wa_contact: bool,
    #[serde(default)]
    pub is_my_contact: bool,
    #[serde(default)]
    pub is_blocked: bool,
    #[serde(default)]
    pub verified_name: Option<String>,
    #[serde(default)]
    pub verified_level: Option<serde_json::Value>,
    #[serde(default)]
    pub status_mute: bool,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub labels: Vec<serde_json::Value>,
    #[serde(default)]
    pub section_header: Option<String>,
    /// A business contact's profile (src/page/business/profile.js).
    #[serde(default)]
    pub business_profile: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: Wid,
    /// The phone number (whatsapp-web.js's `userid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub is_business: bool,
    pub is_enterprise: bool,
    pub labels: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pushname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_header: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub status_mute: bool,
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_level: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_name: Option<String>,
    pub is_me: bool,
    pub is_user: bool,
    pub is_group: bool,
    #[serde(rename = "isWAContact")]
    pub is_wa_contact: bool,
    pub is_my_contact: bool,
    pub is_blocked: bool,
    /// whatsapp-web.js's BusinessContact.businessProfile: the profile's serialize(), its id as
    /// `{ server, user, _serialized }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_profile: Option<serde_json::Value>,
}

impl Contact {
    pub fn from_value(v: &serde_json::Value) -> Result<Contact, ClientError> {
        Contact::from_raw(RawContact::deserialize(v).map_err(|e| malformed(e.to_string()))?)
    }

    /// Checks a page record and turns it into the public shape.
    pub fn from_raw(raw: RawContact) -> Result<Contact, ClientError> {
        let bad = malformed;
        let id = Wid::parse(&raw.id).ok_or_else(|| bad("its id is not a wid".into()))?;
        let business_profile = match raw.business_profile {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::Object(mut profile)) => {
                let wid = profile.get("id").and_then(serde_json::Value::as_str).and_then(Wid::parse).ok_or_else(|| bad("its business profile has no id".into()))?;
                profile.insert("id".into(), wid.to_value());
                Some(serde_json::Value::Object(profile))
            }
            Some(_) => return Err(bad("its business profile is not an object".into())),
        };
        let number = raw.userid.filter(|u| u.bytes().all(|b| b.is_ascii_digit()) && !u.is_empty());
        Ok(Contact {
            is_group: raw.is_group || id.server == "g.us",
            id,
            number,
            is_business: raw.is_business,
            is_enterprise: raw.is_enterprise,
            labels: raw.labels,
            name: raw.name,
            pushname: raw.pushname,
            section_header: raw.section_header,
            short_name: raw.short_name,
            status_mute: raw.status_mute,
            kind: raw.kind,
            verified_level: raw.verified_level,
            verified_name: raw.verified_name,
            is_me: raw.is_me,
            is_user: raw.is_user,
            is_wa_contact: raw.is_wa_contact,
            is_my_contact: raw.is_my_contact,
            is_blocked: raw.is_blocked,
            business_profile,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_to_whatsapp_web_js_fields() {
        let c = Contact::from_value(&json!({ "id": "15557654321@c.us", "userid": "15557654321", "name": "Alice", "isMyContact": true, "isUser": true, "isWAContact": true })).unwrap();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["number"], "15557654321");
        assert_eq!(v["isWAContact"], true);
        assert_eq!(v["isMyContact"], true);
        assert_eq!(v["id"]["user"], "15557654321");
        assert!(Contact::from_value(&json!({ "name": "x" })).is_err());
    }
}
