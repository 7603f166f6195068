//! `client.interface`, whatsapp-web.js's InterfaceController (1.34.7 and main 2dc9466:
//! src/util/InterfaceController.js): the page's own window, opening a chat
//! (`openChatWindow`, `openChatWindowAt` a message), the right-hand drawers
//! (`openChatDrawer`, `openChatSearch`, `openMessageDrawer`, `closeRightDrawer`) and
//! WhatsApp Web's feature flags (`getFeatures`, `checkFeatureStatus`,
//! `enableFeatures`, `disableFeatures`). The page functions are src/page/interface/*.js.

use serde_json::{json, Value};

use super::messages::message_id;
use super::{boolean, invalid, AccountCall, Args, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    // Resolves with what Cmd.openChatBottom answers (whatsapp-web.js returns it), a boolean.
    ("interface.openChatWindow", |args| chat_call(args, "openChatWindow").map(|c| c.answer(|raw| if raw.is_null() { Ok(raw) } else { boolean(raw) }))),
    ("interface.openChatDrawer", |args| chat_call(args, "openChatDrawer")),
    ("interface.openChatSearch", |args| chat_call(args, "openChatSearch")),
    ("interface.openChatWindowAt", |args| message_call(args, "openChatWindowAt")),
    ("interface.openMessageDrawer", |args| message_call(args, "openMessageDrawer")),
    ("interface.closeRightDrawer", |_| Ok(AccountCall::new("closing the right drawer", CLOSE_DRAWER, vec![]))),
    // `Features.F`: WhatsApp Web's table of feature names.
    ("interface.getFeatures", |_| {
        Ok(AccountCall::new("reading the features", FEATURES, vec![json!("list")]).answer(|raw| match raw {
            Value::Object(_) => Ok(raw),
            _ => Err(ClientError::PageScript("the page did not answer with its features".into())),
        }))
    }),
    ("interface.checkFeatureStatus", |args| {
        let feature = feature(&args.get(0), "feature")?;
        Ok(AccountCall::new("checking a feature", FEATURES, vec![json!("check"), json!([feature])]).answer(answer_features))
    }),
    ("interface.enableFeatures", |args| set_features(args, true)),
    ("interface.disableFeatures", |args| set_features(args, false)),
];

const OPEN_CHAT: &str = page_fn!("interface/open_chat.js");
const OPEN_MESSAGE: &str = page_fn!("interface/open_message.js");
const CLOSE_DRAWER: &str = page_fn!("interface/close_drawer.js");
const FEATURES: &str = page_fn!("interface/features.js");

/// A feature name: a non-empty string of at most 200 characters (our bound).
fn feature(v: &Value, name: &str) -> Result<String, ClientError> {
    match v {
        Value::String(s) if !s.is_empty() && s.len() <= 200 => Ok(s.clone()),
        Value::String(_) => Err(invalid(name, "must be a feature name of 1 to 200 characters".into())),
        other => Err(invalid(name, format!("must be a feature name (a string), got {}", crate::options::describe(other)))),
    }
}

/// `enableFeatures(features)` / `disableFeatures(features)`: an array of feature names, all
/// known to the page, or nothing is changed.
fn set_features(args: &Args, on: bool) -> Result<AccountCall, ClientError> {
    let Value::Array(list) = args.get(0) else {
        return Err(invalid("features", format!("must be an array of feature names, got {}", crate::options::describe(&args.get(0)))));
    };
    let names = list.iter().enumerate().map(|(i, v)| feature(v, &format!("features[{i}]"))).collect::<Result<Vec<_>, _>>()?;
    let what = if on { "enabling features" } else { "disabling features" };
    Ok(AccountCall::new(what, FEATURES, vec![json!(if on { "enable" } else { "disable" }), json!(names)]).answer(|raw| answer_features(raw).map(|_| Value::Null)))
}

/// The page's answer to a feature call: a boolean, or the first name it does not know.
fn answer_features(raw: Value) -> Result<Value, ClientError> {
    if let Some(name) = raw.get("unknown").and_then(Value::as_str) {
        return Err(invalid("feature", format!("{name:?} is not one of WhatsApp Web's features (see client.interface.getFeatures())")));
    }
    match raw {
        Value::Bool(_) | Value::Null => Ok(raw),
        _ => Err(ClientError::PageScript("the page answered a feature call with something else".into())),
    }
}

/// A call on a chat's window or drawer; the chat must exist.
fn chat_call(args: &Args, action: &'static str) -> Result<AccountCall, ClientError> {
    let chat_id = wid::chat_id(&args.get(0))?;
    Ok(AccountCall::new("opening a chat", OPEN_CHAT, vec![json!(action), json!(chat_id)]).answer(|raw| match raw.get("error").and_then(Value::as_str) {
        Some(_) => Err(invalid("chatId", "is not a chat this account has or can open".into())),
        None => Ok(raw),
    }))
}

/// A call on a message's place in its chat or its info drawer; the message must exist.
fn message_call(args: &Args, action: &'static str) -> Result<AccountCall, ClientError> {
    let msg_id = message_id(&args.get(0), "msgId")?;
    Ok(AccountCall::new("opening a message", OPEN_MESSAGE, vec![json!(action), json!(msg_id)]).answer(|raw| match raw.get("error").and_then(Value::as_str) {
        Some(_) => Err(ClientError::MessageNotFound("the message to be opened".into())),
        None => Ok(Value::Null),
    }))
}
