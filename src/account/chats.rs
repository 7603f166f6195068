//! Chats: the list and one chat, marking seen or unread, archive, pin, mute,
//! typing and recording states. The page functions are src/page/chats/*.js.

use serde_json::{json, Value};

use super::{boolean, invalid, to_json, AccountCall, Args, Method, LONG};
use crate::chat::Chat;
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("getChats", |_| Ok(AccountCall::new("reading the chats", GET_CHATS, vec![]).within(LONG).records("chats", Chat::from_raw))),
    ("getChatById", |args| Ok(AccountCall::new("reading a chat", GET_CHAT, vec![json!(wid::chat_id(&args.get(0))?)]).answer(chat))),
    ("sendSeen", |args| {
        Ok(AccountCall::new("marking a chat seen", SEND_SEEN, vec![json!(wid::chat_id(&args.get(0))?)]).answer(|raw| Ok(Value::Bool(raw.as_bool().unwrap_or(false)))))
    }),
    // `archiveChat()` / `unarchiveChat()`.
    ("archiveChat", |args| archive(args, true)),
    ("unarchiveChat", |args| archive(args, false)),
    // `pinChat()` / `unpinChat()`.
    ("pinChat", |args| pin(args, true)),
    ("unpinChat", |args| pin(args, false)),
    ("muteChat", mute_chat),
    ("unmuteChat", |args| mute(wid::chat_id(&args.get(0))?, None)),
    ("markChatUnread", |args| Ok(AccountCall::new("marking a chat unread", MARK_CHAT_UNREAD, vec![json!(wid::chat_id(&args.get(0))?)]))),
    ("sendChatState", send_chat_state),
];

const GET_CHATS: &str = page_fn!("chats/get_chats.js");
const GET_CHAT: &str = page_fn!("chats/get_chat.js");
const SEND_SEEN: &str = page_fn!("chats/send_seen.js");
const ARCHIVE_CHAT: &str = page_fn!("chats/archive_chat.js");
const PIN_CHAT: &str = page_fn!("chats/pin_chat.js");
const MUTE_CHAT: &str = page_fn!("chats/mute_chat.js");
const MARK_CHAT_UNREAD: &str = page_fn!("chats/mark_chat_unread.js");
const CHAT_STATE: &str = page_fn!("chats/chat_state.js");

/// A chat record the page sent, checked, or null.
fn chat(raw: Value) -> Result<Value, ClientError> {
    if raw.is_null() {
        Ok(Value::Null)
    } else {
        to_json(Chat::from_value(&raw)?)
    }
}

fn archive(args: &Args, archive: bool) -> Result<AccountCall, ClientError> {
    Ok(AccountCall::new("archiving a chat", ARCHIVE_CHAT, vec![json!(wid::chat_id(&args.get(0))?), json!(archive)]).answer(boolean))
}

fn pin(args: &Args, pin: bool) -> Result<AccountCall, ClientError> {
    Ok(AccountCall::new("pinning a chat", PIN_CHAT, vec![json!(wid::chat_id(&args.get(0))?), json!(pin)]).answer(boolean))
}

/// `muteChat(chatId, unmuteDate)`: index.js turns the Date into milliseconds;
/// none: for ever, as whatsapp-web.js.
fn mute_chat(args: &Args) -> Result<AccountCall, ClientError> {
    let chat_id = wid::chat_id(&args.get(0))?;
    let until = match args.get(1) {
        Value::Null => -1,
        Value::Number(n) => match n.as_f64() {
            Some(ms) if ms.is_finite() && ms > 0.0 => (ms / 1000.0).floor() as i64,
            _ => return Err(invalid("unmuteDate", format!("must be a Date in the future, got {n}"))),
        },
        other => return Err(invalid("unmuteDate", format!("must be a Date, got {}", crate::options::describe(&other)))),
    };
    mute(chat_id, Some(until))
}

/// Mutes until `until` (Unix seconds, -1 for ever), or unmutes (None).
fn mute(chat_id: String, until: Option<i64>) -> Result<AccountCall, ClientError> {
    Ok(AccountCall::new("muting a chat", MUTE_CHAT, vec![json!(chat_id), json!(until)]).answer(|raw| {
        let expiration = raw.get("muteExpiration").and_then(Value::as_i64).ok_or_else(|| ClientError::PageScript("the page did not answer with a mute state".into()))?;
        Ok(json!({ "isMuted": expiration != 0, "muteExpiration": expiration }))
    }))
}

/// `chat.sendStateTyping()`, `sendStateRecording()`, `clearState()`.
fn send_chat_state(args: &Args) -> Result<AccountCall, ClientError> {
    let chat_id = wid::chat_id(&args.get(0))?;
    let state = match args.get(1).as_str() {
        Some(state @ ("typing" | "recording" | "stop")) => state.to_string(),
        _ => return Err(invalid("state", "must be typing, recording or stop".into())),
    };
    Ok(AccountCall::new("sending a chat state", CHAT_STATE, vec![json!(chat_id), json!(state)]).answer(boolean))
}
