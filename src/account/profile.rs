//! The account's own profile: the about text (`setStatus`), the display name
//! (`setDisplayName`), the profile picture (`setProfilePicture`,
//! `deleteProfilePicture`) and `client.info.getBatteryStatus()`, as
//! whatsapp-web.js (main 2dc9466: src/Client.js:1945-1970, 2892-2914;
//! Injected/Utils.js:1288-1382; structures/ClientInfo.js:63-68). The page
//! functions are src/page/profile/*.js.

use serde_json::{json, Value};

use super::messages::media;
use super::{boolean, invalid, AccountCall, Method, LONG};
use crate::errors::ClientError;

pub(super) const METHODS: &[Method] = &[
    ("setStatus", |args| {
        let status = text(&args.get(0), "status", MAX_STATUS, true)?;
        Ok(AccountCall::new("setting the about text", SET_STATUS, vec![json!(status)]))
    }),
    ("setDisplayName", |args| {
        let name = text(&args.get(0), "displayName", MAX_NAME, false)?;
        Ok(AccountCall::new("setting the display name", SET_DISPLAY_NAME, vec![json!(name)]).answer(boolean))
    }),
    ("setProfilePicture", |args| {
        let media = media(&args.get(0), "media", false)?;
        // whatsapp-web.js's check and words (Injected/Utils.js:1289-1290).
        if !media["mimetype"].as_str().is_some_and(|m| m.contains("image")) {
            return Err(invalid("media.mimetype", "Media is not an image".into()));
        }
        let call = AccountCall::new("setting the profile picture", SET_PICTURE, vec![json!(media["mimetype"]), json!(media["data"])]).within(LONG);
        Ok(call.answer(|raw| {
            if raw.get("error").and_then(Value::as_str) == Some("undecodable") {
                return Err(invalid("media.data", "the browser could not decode it as an image".into()));
            }
            boolean(raw)
        }))
    }),
    // True once deleted, false when WhatsApp refused, undefined when there is no picture to delete.
    ("deleteProfilePicture", |_| {
        Ok(AccountCall::new("deleting the profile picture", DELETE_PICTURE, vec![]).answer(|raw| if raw.is_null() { Ok(raw) } else { boolean(raw) }))
    }),
    // `client.info.getBatteryStatus()`: `{ battery, plugged }` as WhatsApp Web's connection has them.
    ("getBatteryStatus", |_| {
        Ok(AccountCall::new("reading the battery status", BATTERY_STATUS, vec![]).answer(|raw| {
            let battery = match raw.get("battery") {
                Some(Value::Number(n)) if n.as_f64().is_some_and(|b| (0.0..=100.0).contains(&b)) => Value::Number(n.clone()),
                None | Some(Value::Null) => Value::Null,
                _ => return Err(ClientError::PageScript("the page answered with a malformed battery level".into())),
            };
            let plugged = match raw.get("plugged") {
                Some(Value::Bool(b)) => Value::Bool(*b),
                None | Some(Value::Null) => Value::Null,
                _ => return Err(ClientError::PageScript("the page answered with a malformed plugged state".into())),
            };
            Ok(json!({ "battery": battery, "plugged": plugged }))
        }))
    }),
];

const SET_STATUS: &str = page_fn!("profile/set_status.js");
const SET_DISPLAY_NAME: &str = page_fn!("profile/set_display_name.js", "server_refusal.js");
const SET_PICTURE: &str = page_fn!("profile/set_picture.js", "pictures/square_jpegs.js");
const DELETE_PICTURE: &str = page_fn!("profile/delete_picture.js");
const BATTERY_STATUS: &str = page_fn!("profile/battery_status.js");

/// Our bounds, not WhatsApp's (whose limits the client does not know): they
/// only keep a runaway string from going to the page.
const MAX_STATUS: usize = 4096;
const MAX_NAME: usize = 1024;

/// A text argument: a string of at most `max` characters; blank only if `blank_ok`.
fn text(v: &Value, name: &str, max: usize, blank_ok: bool) -> Result<String, ClientError> {
    let Value::String(s) = v else {
        return Err(invalid(name, format!("must be a string, got {}", crate::options::describe(v))));
    };
    if s.chars().count() > max {
        return Err(invalid(name, format!("must be at most {max} characters, got {}", s.chars().count())));
    }
    if !blank_ok && s.trim().is_empty() {
        return Err(invalid(name, "must not be empty".into()));
    }
    Ok(s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_arguments() {
        let code = |m: &str, a: Value| AccountCall::parse(m, &a).unwrap_err().code();
        assert_eq!(AccountCall::parse("setStatus", &json!([""])).unwrap().args(), &[json!("")]);
        assert_eq!(code("setStatus", json!([42])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setStatus", json!(["x".repeat(MAX_STATUS + 1)])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setDisplayName", json!(["  "])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setDisplayName", json!([null])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setProfilePicture", json!([{ "mimetype": "text/plain", "data": "aGk=" }])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setProfilePicture", json!([{ "mimetype": "image/png", "data": "not base64!" }])), "ERR_INVALID_ARGUMENT");
        assert_eq!(code("setProfilePicture", json!([null])), "ERR_INVALID_ARGUMENT");
        let set = AccountCall::parse("setProfilePicture", &json!([{ "mimetype": "image/png", "data": "iVBORw==" }])).unwrap();
        assert_eq!(set.args(), &[json!("image/png"), json!("iVBORw==")]);
        assert_eq!(set.read(json!({ "error": "undecodable" })).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        let delete = AccountCall::parse("deleteProfilePicture", &json!([])).unwrap();
        assert_eq!(delete.read(json!(null)).unwrap(), json!(null));
        assert_eq!(delete.read(json!(true)).unwrap(), json!(true));
        let battery = AccountCall::parse("getBatteryStatus", &json!([])).unwrap();
        assert_eq!(battery.read(json!({ "battery": 80, "plugged": true })).unwrap(), json!({ "battery": 80, "plugged": true }));
        assert!(battery.read(json!({ "battery": "<b>" })).is_err());
    }
}
