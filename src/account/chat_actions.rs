//! Actions on whole chats and what is known of a message's receipts:
//! `chat.clearMessages()`, `chat.delete()`, `message.getInfo()`,
//! `client.searchMessages()` and `client.syncHistory()`. The page functions
//! are src/page/chat_actions/*.js; `chat_removed` comes with the other page
//! events (events.rs).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::messages::message_id;
use super::{boolean, invalid, to_json, AccountCall, Args, Method, LONG};
use crate::errors::ClientError;
use crate::message::{Message, RawMessage};
use crate::wid::{self, Wid};

pub(super) const METHODS: &[Method] = &[
    ("clearMessages", |args| Ok(AccountCall::new("clearing a chat", CLEAR_CHAT, vec![json!(wid::chat_id(&args.get(0))?)]).answer(boolean))),
    // `chat.delete()`; whatsapp-web.js has no client method for it.
    ("deleteChat", |args| Ok(AccountCall::new("deleting a chat", DELETE_CHAT, vec![json!(wid::chat_id(&args.get(0))?)]).answer(boolean))),
    // `message.getInfo()`: the page waits up to 1.2 s for a message sent just now.
    ("getMessageInfo", |args| Ok(AccountCall::new("reading a message's receipts", MESSAGE_INFO, vec![json!(message_id(&args.get(0), "messageId")?)]).answer(message_info))),
    ("searchMessages", search_messages),
    ("syncHistory", |args| Ok(AccountCall::new("asking for a chat's history", SYNC_HISTORY, vec![json!(wid::chat_id(&args.get(0))?)]).answer(boolean))),
];

const CLEAR_CHAT: &str = page_fn!("chat_actions/clear_chat.js");
const DELETE_CHAT: &str = page_fn!("chat_actions/delete_chat.js");
const MESSAGE_INFO: &str = page_fn!("chat_actions/message_info.js");
const SEARCH_MESSAGES: &str = page_fn!("chat_actions/search_messages.js");
const SYNC_HISTORY: &str = page_fn!("chat_actions/sync_history.js");

/// The most receipts a message has: one per recipient, and a group has at most a few thousand.
const MAX_RECEIPTS: usize = 10_000;

/// One receipt: who, and when (Unix seconds).
#[derive(Debug, Deserialize, Serialize)]
struct Receipt {
    id: Wid,
    t: i64,
}

/// whatsapp-web.js's `MessageInfo` (index.d.ts): the receipts by kind and how
/// many recipients have not sent each yet.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct MessageInfo {
    delivery: Vec<Receipt>,
    delivery_remaining: u32,
    played: Vec<Receipt>,
    played_remaining: u32,
    read: Vec<Receipt>,
    read_remaining: u32,
}

/// The page's receipts, checked, or null (not held there, or not sent by this account).
fn message_info(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let info: MessageInfo = serde_json::from_value(raw).map_err(|e| ClientError::PageScript(format!("the page sent malformed receipts ({e})")))?;
    if [&info.delivery, &info.played, &info.read].iter().any(|l| l.len() > MAX_RECEIPTS) {
        return Err(ClientError::PageScript("the page sent more receipts than a message has recipients".into()));
    }
    to_json(info)
}

/// `searchMessages(query, { page, limit, chatId })`: page and limit are
/// whole numbers from 1; left out, WhatsApp Web's defaults apply.
fn search_messages(args: &Args) -> Result<AccountCall, ClientError> {
    let query = match args.get(0) {
        Value::String(s) if !s.trim().is_empty() && s.len() <= 4096 => s,
        Value::String(s) if s.len() > 4096 => return Err(invalid("query", format!("is {} bytes long; at most 4096", s.len()))),
        Value::String(_) => return Err(invalid("query", "must not be empty".into())),
        other => return Err(invalid("query", format!("must be a string, got {}", crate::options::describe(&other)))),
    };
    let options = match args.get(1) {
        Value::Null => Value::Object(Default::default()),
        o @ Value::Object(_) => o,
        other => return Err(invalid("options", format!("must be an object, got {}", crate::options::describe(&other)))),
    };
    let whole = |name: &str| -> Result<Option<u32>, ClientError> {
        match options.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v @ 1..=100_000) => Ok(Some(v as u32)),
                _ => Err(invalid(&format!("options.{name}"), format!("must be a whole number from 1 to 100000, got {n}"))),
            },
            Some(other) => Err(invalid(&format!("options.{name}"), format!("must be a number, got {}", crate::options::describe(other)))),
        }
    };
    let page = whole("page")?;
    let limit = whole("limit")?;
    let chat = match options.get("chatId") {
        None | Some(Value::Null) => None,
        Some(id) => Some(wid::chat_id(id)?),
    };
    Ok(AccountCall::new("searching messages", SEARCH_MESSAGES, vec![json!(query), json!(page), json!(limit), json!(chat)])
        .within(LONG)
        .records("messages", |m: Option<RawMessage>| m.map(Message::from_page).transpose()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(method: &str, args: Value) -> Result<AccountCall, ClientError> {
        AccountCall::parse(method, &args)
    }

    #[test]
    fn search_checks_its_arguments() {
        assert!(parse("searchMessages", json!(["hello"])).is_ok());
        assert!(parse("searchMessages", json!(["hello", { "page": 2, "limit": 10, "chatId": "15551234567@c.us" }])).is_ok());
        for bad in [json!([""]), json!([42]), json!(["x", { "page": 0 }]), json!(["x", { "limit": 1.5 }]), json!(["x", { "limit": "3" }]), json!(["x", "opts"])] {
            assert!(matches!(parse("searchMessages", bad.clone()), Err(ClientError::InvalidArgument { .. })), "{bad}");
        }
        assert!(matches!(parse("searchMessages", json!(["x", { "chatId": "nobody" }])), Err(ClientError::InvalidChatId(_))));
    }

    #[test]
    fn a_removed_chat_is_chat_removed_with_the_chat_as_it_was() {
        use crate::account::{parse_event, AccountState};
        let chat = json!({ "id": "15557654321@c.us", "formattedTitle": "Alice", "unreadCount": 0, "t": 1700000000 });
        let emits = AccountState::default().emits(parse_event(&json!({ "t": "chat-removed", "c": chat })).unwrap());
        assert_eq!(emits.iter().map(|e| e.name()).collect::<Vec<_>>(), ["chat_removed"]);
        assert_eq!(emits[0].args()[0]["id"]["_serialized"], json!("15557654321@c.us"));
        assert_eq!(emits[0].args()[0]["name"], json!("Alice"));
        assert!(parse_event(&json!({ "t": "chat-removed", "c": { "id": "../x" } })).is_none(), "a malformed chat is dropped");
    }

    #[test]
    fn receipts_are_read_into_whatsapp_web_js_shape() {
        let call = parse("getMessageInfo", json!(["true_15551234567@c.us_3EB0AAAA"])).unwrap();
        let raw = json!({ "delivery": [{ "id": "15551234567@c.us", "t": 5 }], "deliveryRemaining": 0, "read": [], "readRemaining": 1, "played": [], "playedRemaining": 1 });
        let info = call.read(raw).unwrap();
        assert_eq!(info["delivery"][0]["id"], json!({ "server": "c.us", "user": "15551234567", "_serialized": "15551234567@c.us" }));
        assert_eq!(info["readRemaining"], 1);
        assert_eq!(call.read(Value::Null).unwrap(), Value::Null);
        assert!(call.read(json!({ "delivery": "x" })).is_err());
    }
}
