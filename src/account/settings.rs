//! The page's own settings: media auto-download (`setAutoDownloadAudio`,
//! `setAutoDownloadDocuments`, `setAutoDownloadPhotos`, `setAutoDownloadVideos`)
//! and background sync (`setBackgroundSync`), as whatsapp-web.js (main 2dc9466:
//! src/Client.js:3046-3141): read the setting, and write it only when it
//! differs. The page functions are src/page/settings/*.js.

use serde_json::{json, Value};

use super::{invalid, AccountCall, Method};
use crate::errors::ClientError;

pub(super) const METHODS: &[Method] = &[
    ("setAutoDownloadAudio", |args| auto_download(args, "audio")),
    ("setAutoDownloadDocuments", |args| auto_download(args, "documents")),
    ("setAutoDownloadPhotos", |args| auto_download(args, "photos")),
    ("setAutoDownloadVideos", |args| auto_download(args, "videos")),
    // Resolves with the flag, as whatsapp-web.js's does (its type says void); it takes effect
    // once the client restarts (Client.js:3122-3124).
    ("setBackgroundSync", |args| {
        let flag = flag(&args.get(0))?;
        Ok(AccountCall::new("setting background sync", BACKGROUND_SYNC, vec![json!(flag)]).answer(|raw| match raw {
            Value::Bool(b) => Ok(Value::Bool(b)),
            _ => Err(ClientError::PageScript("the page did not answer with the background sync setting".into())),
        }))
    }),
];

const AUTO_DOWNLOAD: &str = page_fn!("settings/auto_download.js");
const BACKGROUND_SYNC: &str = page_fn!("settings/background_sync.js");

/// One of the four auto-download settings; resolves with nothing, as whatsapp-web.js's.
fn auto_download(args: &super::Args, kind: &'static str) -> Result<AccountCall, ClientError> {
    let flag = flag(&args.get(0))?;
    Ok(AccountCall::new("setting media auto-download", AUTO_DOWNLOAD, vec![json!(kind), json!(flag)]))
}

/// The setting's new value: whatsapp-web.js compares it with `===` to the page's boolean and
/// stores what it is given, so anything but true or false is refused before the page.
fn flag(v: &Value) -> Result<bool, ClientError> {
    v.as_bool().ok_or_else(|| invalid("flag", format!("must be true or false, got {}", crate::options::describe(v))))
}
