//! Labels (WhatsApp Business): `getLabels`, `getLabelById`, `getChatLabels`,
//! `getChatsByLabelId`, `addOrRemoveLabels`, with whatsapp-web.js 1.34.7's names
//! and shapes (src/Client.js getLabels…addOrRemoveLabels, src/structures/Label.js;
//! main 2dc9466 src/Client.js:2745-2960). The page functions are
//! src/page/labels/*.js.
//!
//! Label ids are WhatsApp Web's label ids: digit texts; whatsapp-web.js also takes
//! numbers (`Array<number|string>`), sent on as their text. Where whatsapp-web.js
//! skips a label or chat the page does not know, here it is an error and nothing
//! changes (a mistyped id would otherwise take every label off the chats).

use serde_json::{json, Value};

use super::{AccountCall, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("getLabels", |_| Ok(AccountCall::new("reading the labels", LABELS, vec![Value::Null]).answer(|raw| label_list(&raw)))),
    ("getLabelById", |args| {
        let id = label_id(&args.get(0), "labelId")?;
        let wanted = id.clone();
        Ok(AccountCall::new("reading a label", LABELS, vec![json!(id)]).answer(move |raw| match raw {
            Value::Null => Err(no_label(&wanted)),
            one => label(&one),
        }))
    }),
    ("getChatLabels", |args| {
        let chat = wid::chat_id(&args.get(0))?;
        let wanted = chat.clone();
        Ok(AccountCall::new("reading a chat's labels", CHAT_LABELS, vec![json!(chat)]).answer(move |raw| match raw {
            Value::Null => Err(ClientError::InvalidChatId(format!("there is no chat {wanted:?}"))),
            list => label_list(&list),
        }))
    }),
    ("getChatsByLabelId", |args| {
        let id = label_id(&args.get(0), "labelId")?;
        let wanted = id.clone();
        Ok(AccountCall::new("reading a label's chats", LABEL_CHATS, vec![json!(id)]).answer(move |raw| match raw {
            Value::Null => Err(no_label(&wanted)),
            Value::Array(ids) => ids.iter().map(|id| wid::chat_id(id).map(Value::String).map_err(|_| bad_answer("a malformed chat id"))).collect::<Result<Vec<_>, _>>().map(Value::Array),
            _ => Err(bad_answer("something other than a list of chat ids")),
        }))
    }),
    ("addOrRemoveLabels", |args| {
        let labels = list(&args.get(0), "labelIds")?.iter().map(|v| label_id(v, "labelIds")).collect::<Result<Vec<_>, _>>()?;
        let chats = list(&args.get(1), "chatIds")?.iter().map(wid::chat_id).collect::<Result<Vec<_>, _>>()?;
        Ok(AccountCall::new("changing labels", CHANGE_LABELS, vec![json!(labels), json!(chats)]).answer(changed))
    }),
];

const LABELS: &str = page_fn!("labels/labels.js");
const CHAT_LABELS: &str = page_fn!("labels/chat_labels.js");
const LABEL_CHATS: &str = page_fn!("labels/label_chats.js");
const CHANGE_LABELS: &str = page_fn!("labels/change_labels.js");

/// At most this many ids in one addOrRemoveLabels list.
const MAX_IDS: usize = 1024;

/// A label id: a digit text, or a whole number ≥ 0 (sent on as its text).
fn label_id(value: &Value, name: &str) -> Result<String, ClientError> {
    let bad = |what: String| ClientError::InvalidArgument { name: name.into(), reason: format!("a label id must be a digit string like \"1\" or a whole number ≥ 0, got {what}") };
    match value {
        Value::String(s) if (1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s.clone()),
        Value::Number(n) => n.as_u64().map(|n| n.to_string()).ok_or_else(|| bad(n.to_string())),
        other => Err(bad(crate::options::describe(other))),
    }
}

fn list(value: &Value, name: &str) -> Result<Vec<Value>, ClientError> {
    match value {
        Value::Array(items) if items.len() <= MAX_IDS => Ok(items.clone()),
        Value::Array(items) => Err(ClientError::InvalidArgument { name: name.into(), reason: format!("at most {MAX_IDS} ids at once, got {}", items.len()) }),
        other => Err(ClientError::InvalidArgument { name: name.into(), reason: format!("must be an array, got {}", crate::options::describe(other)) }),
    }
}

fn no_label(id: &str) -> ClientError {
    ClientError::InvalidArgument { name: "labelId".into(), reason: format!("the account has no label {id:?}") }
}

fn bad_answer(why: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered with {why}"))
}

/// whatsapp-web.js's label data: `{ id, name, hexColor }`.
fn label(raw: &Value) -> Result<Value, ClientError> {
    let text = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(id), Some(name)) = (text("id"), text("name")) else { return Err(bad_answer("a malformed label")) };
    let hex = match raw.get("hexColor") {
        Some(Value::String(c)) => Value::String(c.clone()),
        None | Some(Value::Null) => Value::Null,
        Some(_) => return Err(bad_answer("a malformed label colour")),
    };
    Ok(json!({ "id": id, "name": name, "hexColor": hex }))
}

fn label_list(raw: &Value) -> Result<Value, ClientError> {
    raw.as_array().ok_or_else(|| bad_answer("something other than a list of labels"))?.iter().map(label).collect::<Result<Vec<_>, _>>().map(Value::Array)
}

/// The page's verdict on addOrRemoveLabels; resolves undefined as whatsapp-web.js does.
fn changed(raw: Value) -> Result<Value, ClientError> {
    let ids = |key: &str| raw.get(key).and_then(Value::as_array).map(|l| l.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", "));
    if raw.get("notBusiness") == Some(&Value::Bool(true)) {
        return Err(ClientError::NotSupported("addOrRemoveLabels: labels are for WhatsApp Business accounts only; this account is not one ([LT01] in whatsapp-web.js)".into()));
    }
    if let Some(list) = ids("unknownLabels") {
        return Err(ClientError::InvalidArgument { name: "labelIds".into(), reason: format!("the account has no label {list}; nothing was changed") });
    }
    if let Some(list) = ids("unknownChats") {
        return Err(ClientError::InvalidChatId(format!("the account has no chat {list}; nothing was changed")));
    }
    if raw.get("ok") == Some(&Value::Bool(true)) {
        return Ok(Value::Null);
    }
    Err(bad_answer("an unknown verdict on addOrRemoveLabels"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_ids_and_answers() {
        assert_eq!(label_id(&json!(3), "x").unwrap(), "3");
        assert_eq!(label_id(&json!("12"), "x").unwrap(), "12");
        for bad in [json!(-1), json!(1.5), json!(""), json!("a1"), json!(null), json!({})] {
            assert!(matches!(label_id(&bad, "x"), Err(ClientError::InvalidArgument { .. })), "{bad}");
        }
        assert_eq!(label(&json!({ "id": "1", "name": "New", "hexColor": "#ff0000" })).unwrap(), json!({ "id": "1", "name": "New", "hexColor": "#ff0000" }));
        assert!(label(&json!({ "id": 1, "name": "New" })).is_err());
        assert!(matches!(changed(json!({ "notBusiness": true })), Err(ClientError::NotSupported(_))));
        assert!(matches!(changed(json!({ "unknownChats": ["1@c.us"] })), Err(ClientError::InvalidChatId(_))));
        assert_eq!(changed(json!({ "ok": true })).unwrap(), Value::Null);
    }
}
