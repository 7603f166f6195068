//! The address book and others' devices: `saveOrEditAddressbookContact`,
//! `deleteAddressbookContact` and `getContactDeviceCount`, as whatsapp-web.js
//! (main 2dc9466 src/Client.js:3150-3166, 3261-3302). The page functions are
//! src/page/contacts/{save_contact,delete_contact,device_count}.js.

use serde_json::{json, Value};

use super::{invalid, AccountCall, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("getContactDeviceCount", |args| {
        let user = wid::chat_id(&args.get(0))?;
        if user.ends_with("@g.us") {
            return Err(ClientError::InvalidChatId(format!("{user:?} is a group: only a person (<digits>@c.us or @lid) has devices")));
        }
        Ok(AccountCall::new("counting a contact's devices", DEVICE_COUNT, vec![json!(user)]).answer(|raw| match raw.as_u64() {
            Some(n) if n <= 1024 => Ok(json!(n)),
            _ => Err(ClientError::PageScript("the page did not answer with a device count".into())),
        }))
    }),
    ("saveOrEditAddressbookContact", |args| {
        // whatsapp-web.js documents "17182222222"; "+1 718…" and "…@c.us" are taken too.
        let number = wid::number_digits(&args.get(0))?;
        let first = name(&args.get(1), "firstName")?;
        let last = match args.get(2) {
            Value::Null => String::new(),
            v => name(&v, "lastName")?,
        };
        if first.trim().is_empty() && last.trim().is_empty() {
            return Err(invalid("firstName", "a contact needs a name: firstName and lastName are both empty".into()));
        }
        let sync = match args.get(3) {
            Value::Null => false,
            Value::Bool(b) => b,
            other => return Err(invalid("syncToAddressbook", format!("must be a boolean, got {}", crate::options::describe(&other)))),
        };
        Ok(AccountCall::new("saving a contact", SAVE_CONTACT, vec![json!(number), json!(first), json!(last), json!(sync)]))
    }),
    ("deleteAddressbookContact", |args| {
        // whatsapp-web.js documents the bare number but hands it to the strict createWid, which
        // refuses it; both forms are taken here, as `<digits>@c.us`.
        let user = wid::user_id(&args.get(0))?;
        let call = AccountCall::new("deleting a contact", DELETE_CONTACT, vec![json!(user)]);
        Ok(call.answer(move |raw| match raw.get("error").and_then(Value::as_str) {
            Some("not-saved") => Err(invalid("phoneNumber", format!("{user} is not in the address book"))),
            _ => Ok(Value::Null),
        }))
    }),
];

const DEVICE_COUNT: &str = page_fn!("contacts/device_count.js");
const SAVE_CONTACT: &str = page_fn!("contacts/save_contact.js", "server_refusal.js");
const DELETE_CONTACT: &str = page_fn!("contacts/delete_contact.js", "server_refusal.js");

/// A first or last name: a string of at most 256 characters (our bound).
fn name(v: &Value, what: &str) -> Result<String, ClientError> {
    match v {
        Value::String(s) if s.chars().count() <= 256 => Ok(s.clone()),
        Value::String(_) => Err(invalid(what, "must be at most 256 characters".into())),
        other => Err(invalid(what, format!("must be a string, got {}", crate::options::describe(other)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressbook_arguments() {
        let code = |m: &str, a: Value| AccountCall::parse(m, &a).unwrap_err().code();
        let save = AccountCall::parse("saveOrEditAddressbookContact", &json!(["+1 555 720 0003", "Ada", null])).unwrap();
        assert_eq!(save.args(), &[json!("15557200003"), json!("Ada"), json!(""), json!(false)]);
        assert_eq!(code("saveOrEditAddressbookContact", json!([15557200003u64, "Ada", "L"])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("saveOrEditAddressbookContact", json!(["15557200003", " ", ""])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("saveOrEditAddressbookContact", json!(["15557200003", "Ada", "L", "yes"])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("saveOrEditAddressbookContact", json!(["15557200003", 1, "L"])), "ERR_INVALID_ARGUMENT");
        let delete = AccountCall::parse("deleteAddressbookContact", &json!(["15557200003"])).unwrap();
        assert_eq!(delete.args(), &[json!("15557200003@c.us")]);
        assert_eq!(delete.read(json!({ "error": "not-saved" })).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("deleteAddressbookContact", json!(["120363000000000001@g.us"])), "ERR_INVALID_CHAT_ID");
        assert_eq!(code("getContactDeviceCount", json!(["120363000000000001@g.us"])), "ERR_INVALID_CHAT_ID");
        let count = AccountCall::parse("getContactDeviceCount", &json!(["15557200003@c.us"])).unwrap();
        assert_eq!(count.read(json!(3)).unwrap(), json!(3));
        assert!(count.read(json!(-1)).is_err());
    }
}
