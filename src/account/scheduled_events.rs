//! Scheduled events: the `ScheduledEvent` a `sendMessage` carries (checked
//! here, sent by the shared send path), `client.sendResponseToScheduledEvent()`
//! and `message.editScheduledEvent()`, and an event message's fields.
//! whatsapp-web.js main 2dc9466: structures/ScheduledEvent.js,
//! Injected/Utils.js:254-285 (the message), Client.js:3219-3251 (responses),
//! Message.js:945-992 (edits). The page functions are src/page/scheduled_events/*.js.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::messages::message_id;
use super::{invalid, to_json, AccountCall, Args, Method};
use crate::errors::ClientError;
use crate::message::Message;
use crate::options::describe;

pub(super) const METHODS: &[Method] = &[("sendResponseToScheduledEvent", send_response), ("editScheduledEvent", edit_event)];

const SEND_RESPONSE: &str = page_fn!("scheduled_events/send_response.js");
const EDIT_EVENT: &str = page_fn!("scheduled_events/edit_event.js");

/// This client's caps, in characters (what WhatsApp's server takes is not known).
pub const MAX_NAME: usize = 2048;
pub const MAX_TEXT: usize = 4096;
/// Times are seconds since 1970, 10 digits at most (whatsapp-web.js's types).
const MAX_TIME: u64 = 9_999_999_999;

/// A `ScheduledEvent` (whatsapp-web.js's `new ScheduledEvent(name, startTime, options)`, as JSON:
/// `{ name, startTimeTs, eventSendOptions: { description, endTimeTs, location, callType,
/// isEventCanceled, messageSecret } }`), checked under the argument's `name`: `{ name,
/// startTimeTs, description, endTimeTs, location, callType, isEventCanceled, messageSecret }`
/// for the page.
pub(super) fn event(v: &Value, arg: &str) -> Result<Value, ClientError> {
    let field = |k: &str| format!("{arg}.{k}");
    let name = match v.get("name") {
        Some(Value::String(s)) if s.trim().is_empty() => return Err(invalid(&field("name"), "must not be empty".into())),
        Some(Value::String(s)) if s.chars().count() > MAX_NAME => return Err(invalid(&field("name"), format!("must be at most {MAX_NAME} characters"))),
        Some(Value::String(s)) => s.trim().to_string(),
        other => return Err(invalid(&field("name"), format!("must be a string, got {}", describe(other.unwrap_or(&Value::Null))))),
    };
    let time = |v: Option<&Value>, name: &str| match v {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|t| t > 0 && t <= MAX_TIME) => Ok(n.as_u64()),
        None | Some(Value::Null) if name != "startTimeTs" => Ok(None),
        other => Err(invalid(&field(name), format!("must be a time in whole seconds (from a valid Date), got {}", describe(other.unwrap_or(&Value::Null))))),
    };
    let start = time(v.get("startTimeTs"), "startTimeTs")?;
    let send = match v.get("eventSendOptions") {
        Some(o @ Value::Object(_)) => o.clone(),
        None | Some(Value::Null) => json!({}),
        Some(other) => return Err(invalid(&field("eventSendOptions"), format!("must be an object, got {}", describe(other)))),
    };
    let options = |k: &str| format!("{arg}.eventSendOptions.{k}");
    let end = time(send.get("endTimeTs"), "eventSendOptions.endTimeTs")?;
    if end.is_some_and(|end| Some(end) < start) {
        return Err(invalid(&options("endTimeTs"), "must not be before the start time".into()));
    }
    let text = |k: &str| match send.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.chars().count() <= MAX_TEXT => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(other) => Err(invalid(&options(k), format!("must be a string of at most {MAX_TEXT} characters, got {}", describe(other)))),
    };
    let description = text("description")?;
    let location = text("location")?;
    let call_type = match send.get("callType") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if ["voice", "video", "none"].contains(&s.as_str()) => Some(s.clone()),
        Some(other) => return Err(invalid(&options("callType"), format!("must be 'voice', 'video' or 'none', got {}", describe(other)))),
    };
    let canceled = match send.get("isEventCanceled") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(invalid(&options("isEventCanceled"), format!("must be a boolean, got {}", describe(other)))),
    };
    let secret = match send.get("messageSecret") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Array(bytes)) if bytes.len() == 32 && bytes.iter().all(|b| b.as_u64().is_some_and(|b| b <= 255)) => Value::Array(bytes.clone()),
        Some(other) => return Err(invalid(&options("messageSecret"), format!("must be 32 numbers from 0 to 255, got {}", describe(other)))),
    };
    Ok(json!({
        "name": name, "startTimeTs": start, "description": description, "endTimeTs": end, "location": location,
        "callType": call_type, "isEventCanceled": canceled, "messageSecret": secret,
    }))
}

/// `client.sendResponseToScheduledEvent(response, eventMessageId)`: 0 none (takes a response
/// back), 1 going, 2 not going, 3 maybe. True when sent, false for a message the page does not
/// hold (as whatsapp-web.js); any other response is an error (whatsapp-web.js answers false).
fn send_response(args: &Args) -> Result<AccountCall, ClientError> {
    let response = match args.get(0) {
        Value::Number(n) if n.as_u64().is_some_and(|r| r <= 3) => n.as_u64().unwrap_or_default(),
        other => return Err(invalid("response", format!("must be 0 (none), 1 (going), 2 (not going) or 3 (maybe), got {}", describe(&other)))),
    };
    let message_id = message_id(&args.get(1), "eventMessageId")?;
    Ok(AccountCall::new("responding to an event", SEND_RESPONSE, vec![json!(response), json!(message_id)]).answer(|raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(event_error(error, &raw, "eventMessageId"));
        }
        Ok(Value::Bool(raw.get("sent").and_then(Value::as_bool).unwrap_or(false)))
    }))
}

/// `message.editScheduledEvent(editedEventObject)`: the account's own event, not canceled; the
/// message as it is now.
fn edit_event(args: &Args) -> Result<AccountCall, ClientError> {
    let message_id = message_id(&args.get(0), "messageId")?;
    let edited = match args.get(1) {
        e @ Value::Object(_) if e.get("eventSendOptions").is_some() => event(&e, "editedEventObject")?,
        other => return Err(invalid("editedEventObject", format!("must be a ScheduledEvent, got {}", describe(&other)))),
    };
    Ok(AccountCall::new("editing an event", EDIT_EVENT, vec![json!(message_id), edited]).answer(|raw| {
        if let Some(error) = raw.get("error").and_then(Value::as_str) {
            return Err(event_error(error, &raw, "messageId"));
        }
        match raw.get("message") {
            Some(m) if !m.is_null() => to_json(Message::from_value(m)?),
            _ => Ok(Value::Null),
        }
    }))
}

/// The page's refusals, as named errors.
fn event_error(error: &str, raw: &Value, arg: &str) -> ClientError {
    let detail = raw.get("detail").and_then(Value::as_str).unwrap_or_default();
    match error {
        "not-found" => ClientError::MessageNotFound("the event".into()),
        "not-an-event" => invalid(arg, format!("is a {detail} message, not a scheduled event (event_creation)")),
        "not-sender" => invalid(arg, "is an event this account did not send: only your own events can be edited".into()),
        "canceled" => invalid(arg, "is a canceled event: once canceled, an event cannot be edited".into()),
        other => ClientError::PageScript(format!("{other} {detail}").trim().to_string()),
    }
}

/// An event message's fields as the page reads them (src/page/models.js).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RawEvent {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub start_time: u64,
    #[serde(default)]
    pub end_time: Option<u64>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub join_link: Option<String>,
    #[serde(default)]
    pub canceled: bool,
    #[serde(default)]
    pub secret: Vec<u8>,
}

/// A location as whatsapp-web.js sends an event's (Utils.js:264-268): a name at 0, 0.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EventLocation {
    pub degrees_latitude: f64,
    pub degrees_longitude: f64,
    pub name: String,
}

/// The fields of an `event_creation` message, in the names of WhatsApp Web's model (which
/// whatsapp-web.js's types declare on Message; its Message.js reads only `eventName`, as the body).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EventFields {
    pub event_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_description: Option<String>,
    pub event_start_time: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_end_time: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_location: Option<EventLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_join_link: Option<String>,
    pub is_event_canceled: bool,
    pub message_secret: Vec<u8>,
}

impl EventFields {
    pub fn from_raw(raw: RawEvent) -> EventFields {
        EventFields {
            event_name: raw.name,
            event_description: raw.description.filter(|d| !d.is_empty()),
            event_start_time: raw.start_time,
            event_end_time: raw.end_time,
            event_location: raw.location.filter(|l| !l.is_empty()).map(|name| EventLocation { degrees_latitude: 0.0, degrees_longitude: 0.0, name }),
            event_join_link: raw.join_link.filter(|l| !l.is_empty()),
            is_event_canceled: raw.canceled,
            message_secret: raw.secret,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event_of(name: Value, start: Value, options: Value) -> Value {
        json!({ "name": name, "startTimeTs": start, "eventSendOptions": options })
    }

    #[test]
    fn checks_events() {
        let ok = event(&event_of(json!(" Party "), json!(1_900_000_000), json!({ "callType": "video", "location": " Home " })), "content").unwrap();
        assert_eq!(ok["name"], "Party");
        assert_eq!(ok["location"], "Home");
        assert_eq!(ok["isEventCanceled"], false);
        for (e, field) in [
            (event_of(json!(""), json!(1), json!({})), "content.name"),
            (event_of(json!(null), json!(1), json!({})), "content.name"),
            (event_of(json!("a"), json!(null), json!({})), "content.startTimeTs"),
            (event_of(json!("a"), json!(-5), json!({})), "content.startTimeTs"),
            (event_of(json!("a"), json!(1.5), json!({})), "content.startTimeTs"),
            (event_of(json!("a"), json!(100), json!({ "endTimeTs": 99 })), "content.eventSendOptions.endTimeTs"),
            (event_of(json!("a"), json!(100), json!({ "callType": "phone" })), "content.eventSendOptions.callType"),
            (event_of(json!("a"), json!(100), json!({ "isEventCanceled": "yes" })), "content.eventSendOptions.isEventCanceled"),
            (event_of(json!("a"), json!(100), json!({ "messageSecret": [1, 2] })), "content.eventSendOptions.messageSecret"),
        ] {
            match event(&e, "content") {
                Err(ClientError::InvalidArgument { name, .. }) => assert_eq!(name, field),
                other => panic!("{e}: {other:?}"),
            }
        }
    }
}
