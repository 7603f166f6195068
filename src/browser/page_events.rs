//! The page's callbacks through the CDP binding, checked: anything in the
//! page can call the binding, so each field must have the shape WhatsApp
//! Web's own values have before it becomes a `PageEvent`.

use serde_json::Value;

use crate::session::PageEvent;

/// A page callback, checked: anything in the page can call the binding, so
/// each field must have the shape WhatsApp Web's own values have.
#[cfg(test)]
pub(super) fn parse_page_event(payload: &str) -> Option<PageEvent> {
    page_event_of(&serde_json::from_str(payload).ok()?)
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
            if !crate::options::is_web_version(&version) {
                // It would name a cache file: only digits and dots, as whatsapp-web.js's versions.
                crate::debug_log!("page: ignored a version that is not digits and dots: {:?}", version.chars().take(80).collect::<String>());
                return None;
            }
            PageEvent::Version { version, had_session: v.get("hadSession").and_then(Value::as_bool).unwrap_or(false) }
        }
        "logout" => PageEvent::LoggedOut,
        "state" => PageEvent::State(state(s("v")?)?),
        "qr" => PageEvent::Qr { seq: v.get("seq")?.as_u64()?, text: qr_text(s("qr")?)? },
        "synced" => PageEvent::Synced,
        "progress" => PageEvent::Progress(v.get("v")?.as_f64()?.clamp(0.0, 100.0) as u8),
        t if crate::account::EVENT_TYPES.contains(&t) => PageEvent::Account(crate::account::parse_event(v)?),
        _ => return None,
    })
}
