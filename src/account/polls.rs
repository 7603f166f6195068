//! Polls: the `Poll` a `sendMessage` carries (checked here, sent by the
//! shared send path), `message.vote()`, `getPollVotes()`, and the
//! `vote_update` event's `PollVote`. whatsapp-web.js main 2dc9466:
//! structures/Poll.js, PollVote.js, Message.js:998-1038, Client.js:1197-1235
//! and 3404-3432, Injected/Utils.js:235-251. The page functions are
//! src/page/polls/*.js.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{invalid, AccountCall, Args, Method};
use crate::browser::{PageHandle, BINDING};
use crate::errors::ClientError;
use crate::message::{Message, MessageId};

pub(super) const METHODS: &[Method] = &[("vote", vote), ("getPollVotes", get_poll_votes)];

const VOTE: &str = page_fn!("polls/vote.js");
const GET_POLL_VOTES: &str = page_fn!("polls/get_poll_votes.js");
const SUBSCRIBE_VOTES: &str = page_fn!("polls/subscribe_votes.js");

/// WhatsApp's apps make polls of 2 to 12 options.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 12;
/// This client's cap on a poll's name and each option, in characters (what
/// WhatsApp's server takes is not known).
pub const MAX_TEXT: usize = 255;

/// A `Poll` to send (whatsapp-web.js's `new Poll(name, options, { allowMultipleAnswers,
/// messageSecret })`, as JSON), checked: `{ pollName, pollOptions: [{ name, localId }],
/// allowMultipleAnswers, messageSecret }` for the page's send function.
pub(super) fn poll(v: &Value) -> Result<Value, ClientError> {
    let text = |v: Option<&Value>, name: &str| match v {
        Some(Value::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_TEXT => Ok(s.trim().to_string()),
        Some(Value::String(s)) if s.trim().is_empty() => Err(invalid(name, "must not be empty".into())),
        Some(Value::String(_)) => Err(invalid(name, format!("must be at most {MAX_TEXT} characters"))),
        other => Err(invalid(name, format!("must be a string, got {}", crate::options::describe(other.unwrap_or(&Value::Null))))),
    };
    let name = text(v.get("pollName"), "poll.pollName")?;
    let Some(Value::Array(list)) = v.get("pollOptions") else {
        return Err(invalid("poll.pollOptions", "must be a list of option names (new Poll(name, ['a', 'b']))".into()));
    };
    if list.len() < MIN_OPTIONS || list.len() > MAX_OPTIONS {
        return Err(invalid("poll.pollOptions", format!("must hold {MIN_OPTIONS} to {MAX_OPTIONS} options (WhatsApp's limits), got {}", list.len())));
    }
    let mut options: Vec<Value> = Vec::with_capacity(list.len());
    for (i, o) in list.iter().enumerate() {
        let option = text(o.get("name"), &format!("poll.pollOptions[{i}]"))?;
        if o.get("localId").and_then(Value::as_u64) != Some(i as u64) {
            return Err(invalid(&format!("poll.pollOptions[{i}].localId"), format!("must be {i}, its place in the list")));
        }
        if options.iter().any(|seen| seen["name"] == option.as_str()) {
            return Err(invalid("poll.pollOptions", format!("{option:?} is there twice: options must be distinct")));
        }
        options.push(json!({ "name": option, "localId": i }));
    }
    let send = v.get("options").cloned().unwrap_or(Value::Null);
    let multiple = match send.get("allowMultipleAnswers") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid("poll.options.allowMultipleAnswers", format!("must be a boolean, got {}", crate::options::describe(other)))),
    };
    let secret = match send.get("messageSecret") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Array(bytes)) if bytes.len() == 32 && bytes.iter().all(|b| b.as_u64().is_some_and(|b| b <= 255)) => Value::Array(bytes.clone()),
        Some(other) => return Err(invalid("poll.options.messageSecret", format!("must be 32 numbers from 0 to 255, got {}", crate::options::describe(other)))),
    };
    Ok(json!({ "pollName": name, "pollOptions": options, "allowMultipleAnswers": multiple, "messageSecret": secret }))
}

/// `message.vote(selectedOptions)`: option names (one name alone is taken as
/// a list, as whatsapp-web.js does); `[]` takes the vote back. An empty name
/// selects nothing (no option is named ""): whatsapp-web.js's example.js `!vote`
/// votes with `''`, which whatsapp-web.js sends as an empty selection.
fn vote(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = super::messages::message_id(&args.get(0), "messageId")?;
    let mut names: Vec<String> = match args.get(1) {
        Value::String(s) => vec![s],
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, v)| v.as_str().map(str::to_string).ok_or_else(|| invalid(&format!("selectedOptions[{i}]"), format!("must be an option's name, got {}", crate::options::describe(v)))))
            .collect::<Result<_, _>>()?,
        other => return Err(invalid("selectedOptions", format!("must be a list of option names, got {}", crate::options::describe(&other)))),
    };
    names.retain(|name| !name.is_empty());
    if names.len() > MAX_OPTIONS {
        return Err(invalid("selectedOptions", format!("a poll has at most {MAX_OPTIONS} options, got {} names", names.len())));
    }
    Ok(AccountCall::new("voting on a poll", VOTE, vec![json!(message_id), json!(names)]).answer(|raw| match raw.get("error").and_then(Value::as_str) {
        None => Ok(Value::Null),
        Some(error) => Err(poll_error(error, &raw)),
    }))
}

/// `client.getPollVotes(messageId)` / `message.getPollVotes()`: [] for a
/// message the page does not hold, as whatsapp-web.js.
fn get_poll_votes(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = super::messages::message_id(&args.get(0), "messageId")?;
    Ok(AccountCall::new("reading poll votes", GET_POLL_VOTES, vec![json!(message_id)]).answer(|raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(poll_error(error, &raw));
        }
        let parent = raw.get("parent").filter(|p| !p.is_null()).map(Message::from_value).transpose()?;
        let rows = raw.get("votes").and_then(Value::as_array).ok_or_else(|| ClientError::PageScript("the page sent no list of votes".into()))?;
        // The poll goes once, not with each vote: the JS side shares one Message among them, as
        // whatsapp-web.js does (a copy per vote made 200 votes 2× slower than it).
        let votes = rows.iter().map(|row| PollVote::without_parent(row, parent.as_ref())).collect::<Result<Vec<_>, _>>()?;
        Ok(json!({ "parentMessage": super::to_json(parent)?, "votes": super::to_json(votes)? }))
    }))
}

/// The page's refusals of a vote or a votes read, as named errors.
fn poll_error(error: &str, raw: &Value) -> ClientError {
    let detail = raw.get("detail").and_then(Value::as_str).unwrap_or_default();
    match error {
        "not-found" => ClientError::MessageNotFound("the poll".into()),
        "not-a-poll" => invalid("messageId", "is not a poll (a poll_creation message)".into()),
        "unknown-option" => invalid("selectedOptions", format!("the poll has no option {detail:?}")),
        "single-choice" => invalid("selectedOptions", "the poll takes one option only (allowMultipleAnswers is false)".into()),
        other => ClientError::PageScript(format!("{other} {detail}").trim().to_string()),
    }
}

/// Hooks the poll vote table (once per document): votes come back through
/// the binding as `vote` events.
pub(super) async fn subscribe_votes(page: &PageHandle) -> Result<(), ClientError> {
    crate::browser::call(page, "subscribing to poll votes", SUBSCRIBE_VOTES, vec![json!(BINDING)], super::LIMIT).await.map(|_| ())
}

/// A poll message's fields as the page reads them (src/page/models.js).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RawPoll {
    pub name: String,
    pub options: Vec<PollOption>,
    #[serde(default)]
    pub selectable_count: u32,
    #[serde(default)]
    pub secret: Vec<u8>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollOption {
    pub name: String,
    pub local_id: u32,
}

/// whatsapp-web.js's fields of a `poll_creation` message (Message.js:329-342).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollFields {
    pub poll_name: String,
    pub poll_options: Vec<PollOption>,
    /// True when any number of options may be chosen (`pollSelectableOptionsCount` 0).
    pub allow_multiple_answers: bool,
    pub message_secret: Vec<u8>,
}

impl PollFields {
    pub fn from_raw(raw: RawPoll) -> PollFields {
        PollFields { poll_name: raw.name, poll_options: raw.options, allow_multiple_answers: raw.selectable_count == 0, message_secret: raw.secret }
    }
}

/// A vote as the page reads it (src/page/polls/*.js).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVote {
    sender: String,
    parent_msg_key: MessageId,
    selected_option_local_ids: Vec<u32>,
    #[serde(default)]
    sender_timestamp_ms: Option<f64>,
}

/// whatsapp-web.js's `SelectedPollOption`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SelectedOption {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub local_id: u32,
}

/// whatsapp-web.js's `PollVote` fields (structures/PollVote.js).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollVote {
    /// The voter's id (whatsapp-web.js's types say a string; 1.34.7 passes a wid object).
    pub voter: String,
    /// The voter's whole selection now; empty when they took their vote back.
    pub selected_options: Vec<SelectedOption>,
    /// When they voted, in milliseconds (whatsapp-web.js's spelling).
    pub interracted_at_ts: Option<f64>,
    /// The poll, when the page holds it.
    pub parent_message: Option<Message>,
    pub parent_msg_key: MessageId,
}

impl PollVote {
    /// From a page record `{ sender, parentMsgKey, selectedOptionLocalIds, senderTimestampMs }`
    /// and the poll it is for; option names come from the poll.
    pub fn from_value(v: &Value, parent: Option<Message>) -> Result<PollVote, ClientError> {
        let mut vote = PollVote::without_parent(v, parent.as_ref())?;
        vote.parent_message = parent;
        Ok(vote)
    }

    /// The same, with the option names from `parent` but no copy of it (`parent_message` None).
    pub fn without_parent(v: &Value, parent: Option<&Message>) -> Result<PollVote, ClientError> {
        let bad = |what: String| ClientError::PageScript(format!("the page sent a malformed poll vote ({what})"));
        let raw = RawVote::deserialize(v).map_err(|e| bad(e.to_string()))?;
        if !raw.sender.contains('@') || raw.selected_option_local_ids.len() > MAX_OPTIONS || raw.sender_timestamp_ms.is_some_and(|t| !t.is_finite()) {
            return Err(bad("sender, options or time".into()));
        }
        let options = parent.and_then(|p| p.poll.as_ref()).map(|p| p.poll_options.as_slice()).unwrap_or_default();
        let selected_options = raw
            .selected_option_local_ids
            .iter()
            .map(|id| SelectedOption { name: options.iter().find(|o| o.local_id == *id).map(|o| o.name.clone()), local_id: *id })
            .collect();
        Ok(PollVote { voter: raw.sender, selected_options, interracted_at_ts: raw.sender_timestamp_ms, parent_message: None, parent_msg_key: raw.parent_msg_key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll_of(name: &str, options: &[&str]) -> Value {
        let options: Vec<Value> = options.iter().enumerate().map(|(i, o)| json!({ "name": o, "localId": i })).collect();
        json!({ "pollName": name, "pollOptions": options, "options": { "allowMultipleAnswers": false } })
    }

    #[test]
    fn checks_polls() {
        assert_eq!(poll(&poll_of("Q", &["a", "b"])).unwrap()["pollOptions"][1]["name"], "b");
        for (p, field) in [
            (poll_of(" ", &["a", "b"]), "poll.pollName"),
            (poll_of("Q", &["a"]), "poll.pollOptions"),
            (poll_of("Q", &["a", "a"]), "poll.pollOptions"),
            (poll_of("Q", &["a", ""]), "poll.pollOptions[1]"),
            (poll_of("Q", &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"]), "poll.pollOptions"),
        ] {
            match poll(&p) {
                Err(ClientError::InvalidArgument { name, .. }) => assert_eq!(name, field),
                other => panic!("{p}: {other:?}"),
            }
        }
        let mut p = poll_of("Q", &["a", "b"]);
        p["options"]["messageSecret"] = json!([1, 2]);
        assert!(poll(&p).is_err());
    }
}
