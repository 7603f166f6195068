//! The login's page callbacks through the CDP binding, checked: anything in
//! the page can call the binding, so each field must have the shape WhatsApp
//! Web's own values have before it becomes a `PageEvent`. Callbacks of the
//! layer above (the account's) are not read here: they go up raw.

use serde_json::Value;

use crate::session::PageEvent;

/// A page callback, checked: anything in the page can call the binding, so
/// each field must have the shape WhatsApp Web's own values have.
#[cfg(test)]
pub(super) fn parse_page_event(payload: &str) -> Option<PageEvent> {
    page_event_of(&serde_json::from_str(payload).ok()?)
}

/// `Debug.VERSION` as the client accepts it: it goes into messages and
/// `getWWebVersion()`, so at most 64 printable ASCII characters.
pub(crate) fn is_page_version(v: &str) -> bool {
    !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| (0x20..0x7f).contains(&b))
}

pub(super) fn page_event_of(v: &Value) -> Option<PageEvent> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    // QR texts are `2@ref,key,key,secret,platform` (~250 printable characters).
    let qr_text = |t: String| (t.len() <= 2048 && t.bytes().all(|b| b.is_ascii_graphic())).then_some(t);
    let state = |t: String| (!t.is_empty() && t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then_some(t);
    Some(match v.get("t")?.as_str()? {
        "doc" => PageEvent::Document { url: s("url")? },
        "version" => {
            let version = s("v")?;
            if !is_page_version(&version) {
                crate::debug_log!("page: ignored a version that is not short printable text: {:?}", version.chars().take(80).collect::<String>());
                return None;
            }
            // One that is not digits and dots (`2.3000.0-beta`) still logs in; it only
            // never names a file of the web version cache (the driver skips saving it).
            PageEvent::Version { version, had_session: v.get("hadSession").and_then(Value::as_bool).unwrap_or(false) }
        }
        "loaded" => PageEvent::Loaded,
        "logout" => PageEvent::LoggedOut,
        "state" => PageEvent::State(state(s("v")?)?),
        "qr" => PageEvent::Qr { seq: v.get("seq")?.as_u64()?, text: qr_text(s("qr")?)? },
        "synced" => PageEvent::Synced,
        "progress" => PageEvent::Progress(v.get("v")?.as_f64()?.clamp(0.0, 100.0) as u8),
        _ => return None,
    })
}
