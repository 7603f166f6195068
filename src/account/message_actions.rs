//! Actions on a message already there: `message.edit()`, `pin()` /
//! `unpin()`, `star()` / `unstar()`, `getReactions()`, and
//! `client.getPinnedMessages(chatId)`. whatsapp-web.js main 2dc9466:
//! structures/Message.js:670-740 (star, pin), 843-867 (getReactions), 875-943
//! (edit), Client.js:1779-1815 (getPinnedMessages), Injected/Utils.js:588-628
//! (editMessage), 1653-1678 (pinUnpinMsgAction). The page functions are
//! src/page/message_actions/*.js.

use serde::Serialize;
use serde_json::{json, Value};

use super::messages::message_id;
use super::{invalid, to_json, AccountCall, Args, Method};
use crate::errors::ClientError;
use crate::message::{Message, RawMessage};
use crate::options::describe;
use crate::reaction::Reaction;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("editMessage", edit_message),
    ("pinMessage", |args| pin(args, PinAction::Pin)),
    ("unpinMessage", |args| pin(args, PinAction::Unpin)),
    ("starMessage", |args| star(args, true)),
    ("unstarMessage", |args| star(args, false)),
    ("getReactions", get_reactions),
    ("getPinnedMessages", |args| {
        Ok(AccountCall::new("reading pinned messages", GET_PINNED_MESSAGES, vec![json!(wid::chat_id(&args.get(0))?)])
            .records("messages", |m: Option<RawMessage>| m.map(Message::from_page).transpose()))
    }),
];

const EDIT_MESSAGE: &str = page_fn!("message_actions/edit_message.js");
const PIN_MESSAGE: &str = page_fn!("message_actions/pin_message.js");
const STAR_MESSAGE: &str = page_fn!("message_actions/star_message.js");
const GET_REACTIONS: &str = page_fn!("message_actions/get_reactions.js");
const GET_PINNED_MESSAGES: &str = page_fn!("message_actions/get_pinned_messages.js");

/// WhatsApp's limit on a message's text, in bytes (as the events read it).
const MAX_TEXT_BYTES: usize = 65536;
/// The longest pin WhatsApp's apps offer (30 days), in seconds; they also offer 24 hours and 7
/// days. Whether WhatsApp's server takes other durations is not known.
pub const MAX_PIN_SECONDS: u64 = 30 * 24 * 3600;

/// `message.edit(content, options)`: the new text of a message this account sent. An empty
/// (or blank) text edits nothing and answers null, whatsapp-web.js's answer for an edit it does
/// not make: its example.js `!edit` edits to the command's text after "!edit", always "".
fn edit_message(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    let content = match args.get(1) {
        Value::String(s) if s.len() > MAX_TEXT_BYTES => return Err(invalid("content", format!("must be at most {MAX_TEXT_BYTES} bytes"))),
        Value::String(s) => s,
        other => return Err(invalid("content", format!("must be the new text (a string): only text and captions can be edited, got {}", describe(&other)))),
    };
    let options = match args.get(2) {
        Value::Null => Value::Object(Default::default()),
        o @ Value::Object(_) => o,
        other => return Err(invalid("options", format!("must be an object, got {}", describe(&other)))),
    };
    let mentions: Vec<String> = match options.get("mentions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.iter().map(wid::chat_id).collect::<Result<_, _>>()?,
        Some(one) => vec![wid::chat_id(one)?],
    };
    let link_preview = match options.get("linkPreview") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid("options.linkPreview", format!("must be a boolean, got {}", describe(other)))),
    };
    // As in sendMessage: group mentions checked the same way, `extra` spread over the rest.
    let page_options = json!({
        "mentions": mentions,
        "linkPreview": link_preview,
        "groupMentions": super::cards::group_mentions(&options)?,
        "extra": super::messages::extra(&options)?,
    });
    Ok(AccountCall::new("editing a message", EDIT_MESSAGE, vec![json!(message_id), json!(content), page_options]).answer(|raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(action_error(error, &raw, "edited"));
        }
        match raw.get("message") {
            Some(m) if !m.is_null() => to_json(Message::from_value(m)?),
            _ => Ok(Value::Null),
        }
    }))
}

#[derive(Clone, Copy)]
enum PinAction {
    Pin = 1,
    Unpin = 2,
}

/// `message.pin(duration)` (seconds) and `message.unpin()`: true when WhatsApp took it.
fn pin(args: &Args, action: PinAction) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    let duration = match action {
        PinAction::Unpin => 0,
        PinAction::Pin => pin_duration(&args.get(1))?,
    };
    let what = match action {
        PinAction::Pin => "pinning a message",
        PinAction::Unpin => "unpinning a message",
    };
    Ok(AccountCall::new(what, PIN_MESSAGE, vec![json!(message_id), json!(action as u8), json!(duration)]).answer(|raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(action_error(error, &raw, "pinned"));
        }
        Ok(Value::Bool(raw.get("ok").and_then(Value::as_bool).unwrap_or(false)))
    }))
}

/// A pin's duration: whatsapp-web.js refuses anything but a number (it answers false); here also
/// a number that is no whole count of seconds from 1 to 30 days.
fn pin_duration(v: &Value) -> Result<u64, ClientError> {
    let hint = "must be the pin's duration in seconds (WhatsApp's apps offer 86400 = 24 hours, 604800 = 7 days, 2592000 = 30 days)";
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f >= 1.0 && f <= MAX_PIN_SECONDS as f64 => Ok(f as u64),
            _ => Err(invalid("duration", format!("{hint}, from 1 to {MAX_PIN_SECONDS}; got {n}"))),
        },
        other => Err(invalid("duration", format!("{hint}, got {}", describe(other)))),
    }
}

/// `message.star()` / `message.unstar()`.
fn star(args: &Args, star: bool) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    let what = if star { "starring a message" } else { "unstarring a message" };
    Ok(AccountCall::new(what, STAR_MESSAGE, vec![json!(message_id), json!(star)]).answer(|raw| match raw.get("error").and_then(Value::as_str) {
        Some(error) => Err(action_error(error, &raw, "starred")),
        None => Ok(Value::Null),
    }))
}

/// whatsapp-web.js's `ReactionList`: one emoji's reactions.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReactionList {
    id: String,
    aggregate_emoji: String,
    has_reaction_by_me: bool,
    senders: Vec<Reaction>,
}

/// `message.getReactions()`: null when there are none (undefined in JavaScript).
fn get_reactions(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    Ok(AccountCall::new("reading reactions", GET_REACTIONS, vec![json!(message_id)]).answer(|raw| {
        let Value::Array(lists) = raw else {
            return if raw.is_null() { Ok(Value::Null) } else { Err(ClientError::PageScript("the page sent no list of reactions".into())) };
        };
        let bad = |what: &str| ClientError::PageScript(format!("the page sent a malformed reaction list ({what})"));
        let mut out = Vec::with_capacity(lists.len());
        for list in &lists {
            let text = |k: &str| list.get(k).and_then(Value::as_str).filter(|s| s.chars().count() <= 32).map(str::to_string).ok_or_else(|| bad(k));
            let senders = list.get("senders").and_then(Value::as_array).ok_or_else(|| bad("senders"))?;
            let senders = senders
                .iter()
                .map(|s| {
                    // As whatsapp-web.js: whole seconds (Math.round(ms / 1000)).
                    Reaction::from_value(s).map(|mut r| {
                        r.timestamp = r.timestamp.round();
                        r
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            out.push(ReactionList { id: text("id")?, aggregate_emoji: text("aggregateEmoji")?, has_reaction_by_me: list.get("hasReactionByMe").and_then(Value::as_bool).unwrap_or(false), senders });
        }
        to_json(out)
    }))
}

/// The page's refusals, as named errors.
fn action_error(error: &str, raw: &Value, done: &str) -> ClientError {
    let detail = raw.get("detail").and_then(Value::as_str).unwrap_or_default();
    match error {
        "not-found" => ClientError::MessageNotFound(format!("the message to be {done}")),
        "not-sender" => invalid("messageId", "was not sent by this account: only your own messages can be edited".into()),
        "not-editable" => invalid(
            "messageId",
            format!("is a {detail} message that cannot be edited now: only a text, or the caption of a picture or video, within 15 minutes of sending"),
        ),
        other => ClientError::PageScript(format!("{other} {detail}").trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_pin_durations() {
        assert_eq!(pin_duration(&json!(86400)).unwrap(), 86400);
        for bad in [json!("86400"), json!(null), json!(0), json!(-5), json!(1.5), json!(MAX_PIN_SECONDS + 1), json!(true)] {
            assert!(matches!(pin_duration(&bad), Err(ClientError::InvalidArgument { .. })), "{bad}");
        }
    }
}
