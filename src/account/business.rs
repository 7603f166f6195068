//! WhatsApp Business: customer notes (`addOrEditCustomerNote`, `getCustomerNote`), with
//! whatsapp-web.js 1.34.7's names and shapes (src/Client.js addOrEditCustomerNote /
//! getCustomerNote, src/structures/Chat.js; main 2dc9466 src/Client.js:3333-3398). The page
//! functions are src/page/business/*.js; a business contact's profile comes with the contact
//! (src/page/business/profile.js, src/contact.rs).
//!
//! Where whatsapp-web.js quietly does nothing (adding) or answers null (reading) on an account
//! that is not WhatsApp Business, here it is ERR_NOT_SUPPORTED: the note was not kept.

use serde_json::{json, Value};

use super::{AccountCall, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("addOrEditCustomerNote", |args| {
        let user = customer_id(&args.get(0))?;
        let note = match args.get(1) {
            Value::String(s) if s.chars().count() <= MAX_NOTE => s,
            Value::String(_) => return Err(ClientError::InvalidArgument { name: "note".into(), reason: format!("at most {MAX_NOTE} characters") }),
            other => return Err(ClientError::InvalidArgument { name: "note".into(), reason: format!("must be a string, got {}", crate::options::describe(&other)) }),
        };
        Ok(AccountCall::new("saving a customer note", ADD_NOTE, vec![json!(user), json!(note)]).answer(|raw| {
            not_business(&raw, "addOrEditCustomerNote")?;
            match raw.get("ok") {
                Some(Value::Bool(true)) => Ok(Value::Null),
                _ => Err(bad_answer("an unknown verdict on addOrEditCustomerNote")),
            }
        }))
    }),
    ("getCustomerNote", |args| {
        let user = customer_id(&args.get(0))?;
        Ok(AccountCall::new("reading a customer note", GET_NOTE, vec![json!(user)]).answer(|raw| {
            not_business(&raw, "getCustomerNote")?;
            match raw.get("note") {
                Some(Value::Null) => Ok(Value::Null),
                Some(note) => customer_note(note),
                None => Err(bad_answer("an unknown answer to getCustomerNote")),
            }
        }))
    }),
];

const ADD_NOTE: &str = page_fn!("business/add_note.js");
const GET_NOTE: &str = page_fn!("business/get_note.js");

/// A customer note's length at most (the simulator's bound for a text; WhatsApp's is not known).
const MAX_NOTE: usize = 65536;

/// A customer's id: a person's chat, `<digits>@c.us` (a note belongs to a person's chat).
fn customer_id(value: &Value) -> Result<String, ClientError> {
    let id = wid::chat_id(value)?;
    if id.ends_with("@c.us") {
        Ok(id)
    } else {
        Err(ClientError::InvalidChatId(format!("{id:?} is not a person's chat: a customer note belongs to a \"<digits>@c.us\" chat")))
    }
}

fn not_business(raw: &Value, method: &str) -> Result<(), ClientError> {
    if raw.get("notBusiness") == Some(&Value::Bool(true)) {
        return Err(ClientError::NotSupported(format!("{method}: customer notes are for WhatsApp Business accounts only; this account is not one")));
    }
    Ok(())
}

fn bad_answer(why: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered with {why}"))
}

/// whatsapp-web.js's note: `{ chatId, content, createdAt, id, modifiedAt, type }`.
fn customer_note(raw: &Value) -> Result<Value, ClientError> {
    let text = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_owned);
    let time = |key: &str| raw.get(key).and_then(Value::as_f64).filter(|t| t.is_finite());
    match (text("chatId"), text("content"), time("createdAt"), text("id"), time("modifiedAt"), text("type")) {
        (Some(chat_id), Some(content), Some(created), Some(id), Some(modified), Some(kind)) => {
            Ok(json!({ "chatId": chat_id, "content": content, "createdAt": created, "id": id, "modifiedAt": modified, "type": kind }))
        }
        _ => Err(bad_answer("a malformed customer note")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_ids() {
        assert_eq!(customer_id(&json!("15551234567@c.us")).unwrap(), "15551234567@c.us");
        assert!(matches!(customer_id(&json!("123-456@g.us")), Err(ClientError::InvalidChatId(_))));
        assert!(matches!(customer_id(&json!(5)), Err(ClientError::InvalidChatId(_))));
        assert!(matches!(not_business(&json!({ "notBusiness": true }), "x"), Err(ClientError::NotSupported(_))));
        let note = json!({ "chatId": "1555@c.us", "content": "hi", "createdAt": 1, "id": "A", "modifiedAt": 2, "type": "unstructured" });
        assert_eq!(customer_note(&note).unwrap(), note);
        assert!(customer_note(&json!({ "chatId": "1555@c.us" })).is_err());
    }
}
