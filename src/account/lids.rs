//! LIDs and phone numbers. `getContactLidAndPhone(userIds)`: the ids checked
//! on the way in, the page's pairs checked on the way out (whatsapp-web.js
//! main 2dc9466, src/Client.js:3307-3323). The page functions are
//! src/page/lids/*.js.

use serde_json::{json, Map, Value};

use super::{AccountCall, Method, LONG};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[("getContactLidAndPhone", |args| {
    let ids = user_ids(&args.get(0))?;
    // Ids the page has no pair for are asked of the server, one query each.
    let call = AccountCall::new("reading LIDs and phone numbers", CONTACT_LID_AND_PHONE, vec![json!(ids)]).within(LONG);
    Ok(call.answer(move |raw| decode_lid_and_phone(&ids, &raw)))
})];

const CONTACT_LID_AND_PHONE: &str = page_fn!("lids/contact_lid_and_phone.js");

/// As whatsapp-web.js: one id or a list; each a person, `<digits>@c.us` or `<digits>@lid`.
fn user_ids(value: &Value) -> Result<Vec<String>, ClientError> {
    const MAX: usize = 1024;
    let list = match value {
        Value::Array(list) => list.clone(),
        one => vec![one.clone()],
    };
    if list.len() > MAX {
        return Err(ClientError::InvalidArgument { name: "userIds".into(), reason: format!("at most {MAX} ids at once, got {}", list.len()) });
    }
    let ids = list
        .iter()
        .map(|v| {
            let id = wid::chat_id(v)?;
            if id.ends_with("@g.us") {
                return Err(ClientError::InvalidChatId(format!("{id:?} is a group: getContactLidAndPhone takes people (<digits>@c.us or <digits>@lid)")));
            }
            Ok(id)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

/// The page answers one `{ lid, pn }` per id, each a wid text or null; an unknown one is left
/// out of the record (whatsapp-web.js: `undefined`).
fn decode_lid_and_phone(ids: &[String], raw: &Value) -> Result<Value, ClientError> {
    let bad = |why: &str| ClientError::PageScript(format!("the page answered getContactLidAndPhone with {why}"));
    let list = raw.as_array().filter(|l| l.len() == ids.len()).ok_or_else(|| bad("a list of the wrong length"))?;
    list.iter()
        .map(|pair| {
            let mut out = Map::new();
            for (key, server) in [("lid", "lid"), ("pn", "c.us")] {
                match pair.get(key) {
                    None | Some(Value::Null) => {}
                    Some(Value::String(text)) if wid::chat_id(&Value::String(text.clone())).is_ok() && text.ends_with(&format!("@{server}")) => {
                        out.insert(key.into(), Value::String(text.clone()));
                    }
                    Some(_) => return Err(bad(&format!("a malformed {key}"))),
                }
            }
            Ok(Value::Object(out))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_and_pairs_out() {
        assert_eq!(user_ids(&json!("15551234567@c.us")).unwrap(), vec!["15551234567@c.us".to_string()]);
        assert!(user_ids(&json!(["120363040000000000@g.us"])).is_err());
        assert!(user_ids(&json!([42])).is_err());
        let ids = vec!["15551234567@c.us".to_string(), "99@lid".to_string()];
        let out = decode_lid_and_phone(&ids, &json!([{ "lid": "123456789012345@lid", "pn": "15551234567@c.us" }, { "lid": "99@lid", "pn": null }])).unwrap();
        assert_eq!(out, json!([{ "lid": "123456789012345@lid", "pn": "15551234567@c.us" }, { "lid": "99@lid" }]));
        assert!(decode_lid_and_phone(&ids, &json!([{ "lid": "15551234567@c.us" }, {}])).is_err());
        assert!(decode_lid_and_phone(&ids, &json!([{}])).is_err());
    }
}
