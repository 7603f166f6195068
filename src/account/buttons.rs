//! Buttons and List: the `Buttons` or `List` a `sendMessage` carries (checked here,
//! sent by the shared send path in messages.rs and src/page/messages/send_message.js).
//! whatsapp-web.js (1.34.7 and main 2dc9466) deprecated both and still sends them:
//! structures/Buttons.js and List.js make the shapes, src/Client.js:1504-1518 warns
//! and passes them on, Injected/Utils.js:357-400 turns them into message fields.
//! Refused here, with nothing sent: anything those constructors cannot make.

use serde_json::{json, Value};

use super::invalid;
use crate::errors::ClientError;

/// Phones show at most 3 buttons (whatsapp-web.js's Buttons keeps the first 3).
pub const MAX_BUTTONS: usize = 3;
/// This client's cap on any one text of a Buttons or a List, in characters (what
/// WhatsApp's server takes is not known).
pub const MAX_TEXT: usize = 4096;

/// Whether `content` (a whatsapp-web.js structure as JSON) is a Buttons: its
/// `buttons` list and its kind, 'chat' or 'media'.
pub(super) fn is_buttons(content: &Value) -> bool {
    content.get("buttons").is_some() && content.get("type").is_some()
}

/// Whether `content` is a List: its `sections` and `buttonText`.
pub(super) fn is_list(content: &Value) -> bool {
    content.get("sections").is_some() && content.get("buttonText").is_some()
}

fn text(v: Option<&Value>, name: &str, empty_ok: bool) -> Result<String, ClientError> {
    match v {
        Some(Value::String(s)) if s.chars().count() > MAX_TEXT => Err(invalid(name, format!("must be at most {MAX_TEXT} characters"))),
        Some(Value::String(s)) if !empty_ok && s.is_empty() => Err(invalid(name, "must not be empty".into())),
        Some(Value::String(s)) => Ok(s.clone()),
        other => Err(invalid(name, format!("must be a string, got {}", crate::options::describe(other.unwrap_or(&Value::Null))))),
    }
}

/// A title or footer: none when missing or empty (whatsapp-web.js leaves out a falsy one).
fn optional_text(v: Option<&Value>, name: &str) -> Result<Option<String>, ClientError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        some => Ok(Some(text(some, name, true)?).filter(|s| !s.is_empty())),
    }
}

/// A `Buttons` to send, checked: `{ type, body, attachment, title, footer, buttons }` for the
/// page: a 'chat' Buttons has a text body; a 'media' one a file (sent as the message's
/// `attachment`, as whatsapp-web.js does, with no title).
pub(super) fn buttons(v: &Value) -> Result<Value, ClientError> {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or_default();
    let (body, attachment) = match kind {
        "chat" => (text(v.get("body"), "content.body", true)?, Value::Null),
        "media" => (String::new(), super::messages::media(v.get("body").unwrap_or(&Value::Null), "content.body", false)?),
        _ => return Err(invalid("content.type", "a Buttons is of type 'chat' (a text body) or 'media' (a MessageMedia body)".into())),
    };
    let Some(Value::Array(list)) = v.get("buttons") else {
        return Err(invalid("content.buttons", "[BT01] No buttons: must be a list of { buttonId, buttonText: { displayText }, type: 1 }".into()));
    };
    if list.is_empty() || list.len() > MAX_BUTTONS {
        return Err(invalid("content.buttons", format!("must hold 1 to {MAX_BUTTONS} buttons, got {}", list.len())));
    }
    let buttons = list
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let id = text(b.get("buttonId"), &format!("content.buttons[{i}].buttonId"), false)?;
            let shown = text(b.get("buttonText").and_then(|t| t.get("displayText")), &format!("content.buttons[{i}].buttonText.displayText"), false)?;
            if b.get("type").and_then(Value::as_u64) != Some(1) {
                return Err(invalid(&format!("content.buttons[{i}].type"), "must be 1 (a reply button)".into()));
            }
            Ok(json!({ "buttonId": id, "buttonText": { "displayText": shown }, "type": 1 }))
        })
        .collect::<Result<Vec<_>, ClientError>>()?;
    let title = if kind == "media" { None } else { optional_text(v.get("title"), "content.title")? };
    Ok(json!({ "type": kind, "body": body, "attachment": attachment, "title": title, "footer": optional_text(v.get("footer"), "content.footer")?, "buttons": buttons }))
}

/// A `List` to send, checked: `{ description, buttonText, title, footer, sections: [{ title,
/// rows: [{ rowId, title, description }] }] }` for the page, with whatsapp-web.js's rules
/// (its [LT02]-[LT05]): at least one section, at most one without a title, rows with titles.
pub(super) fn list(v: &Value) -> Result<Value, ClientError> {
    let description = text(v.get("description"), "content.description", true)?;
    let button_text = text(v.get("buttonText"), "content.buttonText", false)?;
    let Some(Value::Array(sections)) = v.get("sections").filter(|s| s.as_array().is_some_and(|a| !a.is_empty())) else {
        return Err(invalid("content.sections", "[LT02] List without sections".into()));
    };
    if sections.len() > 1 && sections.iter().filter(|s| s.get("title").is_none_or(Value::is_null)).count() > 1 {
        return Err(invalid("content.sections", "[LT05] You can't have more than one empty title.".into()));
    }
    let sections = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let Some(Value::Array(rows)) = s.get("rows").filter(|r| r.as_array().is_some_and(|a| !a.is_empty())) else {
                return Err(invalid(&format!("content.sections[{i}].rows"), "[LT03] Section without rows".into()));
            };
            let rows = rows
                .iter()
                .enumerate()
                .map(|(j, r)| {
                    let at = format!("content.sections[{i}].rows[{j}]");
                    // A row id is text or a number (whatsapp-web.js keeps what it was given).
                    let id = match r.get("rowId") {
                        Some(Value::Number(n)) => n.to_string(),
                        other => text(other, &format!("{at}.rowId"), false)?,
                    };
                    let title = match r.get("title") {
                        Some(Value::String(t)) if t.is_empty() => return Err(invalid(&format!("{at}.title"), "[LT04] Row without title".into())),
                        other => text(other, &format!("{at}.title"), false)?,
                    };
                    let description = optional_text(r.get("description"), &format!("{at}.description"))?.unwrap_or_default();
                    Ok(json!({ "rowId": id, "title": title, "description": description }))
                })
                .collect::<Result<Vec<_>, ClientError>>()?;
            Ok(json!({ "title": optional_text(s.get("title"), &format!("content.sections[{i}].title"))?, "rows": rows }))
        })
        .collect::<Result<Vec<_>, ClientError>>()?;
    Ok(json!({
        "description": description,
        "buttonText": button_text,
        "title": optional_text(v.get("title"), "content.title")?,
        "footer": optional_text(v.get("footer"), "content.footer")?,
        "sections": sections,
    }))
}
