//! What `sendMessage` sends besides text and files, as whatsapp-web.js main builds it
//! (src/Client.js:1435-1506, src/util/Injected/Utils.js:206-217, 286-340):
//! contact cards (a `Contact`, or a list of them, as content: a `vcard` or
//! `multi_vcard` message), `parseVCards` (a text that is a vCard goes as a contact
//! card), mentions and group mentions (`groupMentions: [{ subject, id }]`). Ids
//! are passed on as whatsapp-web.js passes them: a placeholder or an id that names
//! nobody reaches WhatsApp, which answers it; only what can never be an id is
//! refused (src/wid.rs). The page side is src/page/messages/send_message.js.

use serde_json::{json, Value};

use super::invalid;
use crate::errors::ClientError;
use crate::options::describe;
use crate::wid;

/// At most this many contacts in one `multi_vcard` message (a guard; WhatsApp's apps
/// share a few hundred at most).
const MAX_CARDS: usize = 256;
/// At most this many mentions or group mentions in one message (a guard).
const MAX_MENTIONS: usize = 1024;

/// A `Contact` (lib/structures/Contact.js) as content: whatsapp-web.js tells it by
/// `instanceof Contact`; here by the fields every contact record has.
pub(super) fn is_contact(v: &Value) -> bool {
    v.get("isMyContact").is_some_and(Value::is_boolean) && v.get("id").and_then(|id| id.get("_serialized")).is_some_and(Value::is_string)
}

/// The contact cards of a content, as the page's options: `{ contactCard: id }` for a
/// `Contact` (a `vcard` message), `{ contactCardList: [ids…] }` for a list whose first
/// item is one (a `multi_vcard` message; whatsapp-web.js then takes every item's id);
/// None for other content.
pub(super) fn contact_cards(content: &Value) -> Option<Result<Value, ClientError>> {
    let id = |c: &Value, name: &str| match c.get("id").and_then(|id| id.get("_serialized")) {
        Some(id) if is_contact(c) => wid::person_id(id),
        _ => Err(invalid(name, format!("must be a Contact, like the first one, got {}", describe(c)))),
    };
    match content {
        c @ Value::Object(_) if is_contact(c) => Some(id(c, "content").map(|id| json!({ "contactCard": id }))),
        Value::Array(list) if list.first().is_some_and(is_contact) => Some(if list.len() > MAX_CARDS {
            Err(invalid("content", format!("may hold at most {MAX_CARDS} contacts, got {}", list.len())))
        } else {
            list.iter().enumerate().map(|(i, c)| id(c, &format!("content[{i}]"))).collect::<Result<Vec<_>, _>>().map(|ids| json!({ "contactCardList": ids }))
        }),
        _ => None,
    }
}

/// `options.mentions`: one id or a list (whatsapp-web.js wraps one in a list, and takes
/// a `Contact`'s id, deprecated). Each is passed on: one that names nobody is
/// WhatsApp's to answer, as in whatsapp-web.js.
pub(super) fn mentions(options: &Value) -> Result<Vec<String>, ClientError> {
    let one = |v: &Value| match v.get("id").and_then(|id| id.get("_serialized")) {
        Some(id) if is_contact(v) => wid::person_id(id),
        _ => wid::person_id(v),
    };
    match options.get("mentions") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(list)) if list.len() > MAX_MENTIONS => Err(invalid("options.mentions", format!("may hold at most {MAX_MENTIONS} ids, got {}", list.len()))),
        Some(Value::Array(list)) => list.iter().map(one).collect(),
        Some(v) => Ok(vec![one(v)?]),
    }
}

/// `options.groupMentions`: `{ subject, id }` or a list of them, as the page's
/// `{ groupSubject, groupJid }`; null when not given (whatsapp-web.js then sets none).
pub(super) fn group_mentions(options: &Value) -> Result<Value, ClientError> {
    let list = match options.get("groupMentions") {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(Value::Array(list)) if list.len() > MAX_MENTIONS => {
            return Err(invalid("options.groupMentions", format!("may hold at most {MAX_MENTIONS} groups, got {}", list.len())))
        }
        Some(Value::Array(list)) => list.clone(),
        Some(one) => vec![one.clone()],
    };
    let mention = |(i, m): (usize, &Value)| {
        let name = format!("options.groupMentions[{i}]");
        let Value::Object(_) = m else {
            return Err(invalid(&name, format!("must be {{ subject, id }}, got {}", describe(m))));
        };
        let subject = match m.get("subject") {
            Some(Value::String(s)) if s.chars().count() <= 1000 => s,
            other => return Err(invalid(&format!("{name}.subject"), format!("must be the text shown for the group, got {}", other.map_or("nothing".into(), describe)))),
        };
        let id = wid::any_group_id(m.get("id").unwrap_or(&Value::Null))?;
        Ok(json!({ "groupSubject": subject, "groupJid": id }))
    };
    list.iter().enumerate().map(mention).collect::<Result<Vec<_>, _>>().map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_and_mentions() {
        let contact = |id: &str| json!({ "id": { "server": "c.us", "user": "1", "_serialized": id }, "isMyContact": false });
        assert_eq!(contact_cards(&contact("number1@c.us")).unwrap().unwrap(), json!({ "contactCard": "number1@c.us" }));
        assert_eq!(contact_cards(&json!([contact("1@c.us"), contact("2@c.us")])).unwrap().unwrap(), json!({ "contactCardList": ["1@c.us", "2@c.us"] }));
        assert_eq!(contact_cards(&json!([contact("1@c.us"), "x"])).unwrap().unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        assert!(contact_cards(&json!("text")).is_none() && contact_cards(&json!([])).is_none());
        assert_eq!(mentions(&json!({ "mentions": "XXXXXXXXXX@c.us" })).unwrap(), vec!["XXXXXXXXXX@c.us"]);
        assert_eq!(mentions(&json!({ "mentions": [contact("1@c.us")] })).unwrap(), vec!["1@c.us"]);
        assert_eq!(mentions(&json!({ "mentions": ["<x>@c.us"] })).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
        assert_eq!(group_mentions(&json!({ "groupMentions": { "subject": "S", "id": "YYYYYYYYYY@g.us" } })).unwrap(), json!([{ "groupSubject": "S", "groupJid": "YYYYYYYYYY@g.us" }]));
        assert_eq!(group_mentions(&json!({})).unwrap(), Value::Null);
        assert_eq!(group_mentions(&json!({ "groupMentions": [{ "id": "1@g.us" }] })).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        assert_eq!(group_mentions(&json!({ "groupMentions": [{ "subject": "S", "id": "1@c.us" }] })).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
    }
}
