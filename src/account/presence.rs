//! Presence: `sendPresenceAvailable()` / `sendPresenceUnavailable()`, as
//! whatsapp-web.js (main 2dc9466 src/Client.js:1985-2002) through
//! `WAWebPresenceChatAction`. The page function is src/page/presence/send_presence.js.

use serde_json::json;

use super::{AccountCall, Method};

pub(super) const METHODS: &[Method] = &[
    ("sendPresenceAvailable", |_| Ok(AccountCall::new("sending the presence", SEND_PRESENCE, vec![json!(true)]))),
    ("sendPresenceUnavailable", |_| Ok(AccountCall::new("sending the presence", SEND_PRESENCE, vec![json!(false)]))),
];

const SEND_PRESENCE: &str = page_fn!("presence/send_presence.js");
