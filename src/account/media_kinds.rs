//! The kinds of media `sendMessage` sends, in whatsapp-web.js 1.34.7's option
//! names (src/Client.js:1356-1371, 1457-1461, 1478-1528): `sendMediaAsSticker`
//! (with `stickerName`, `stickerAuthor`, `stickerCategories`), `sendAudioAsVoice`,
//! `sendVideoAsGif`, `sendMediaAsHd`, `isViewOnce`. Checked here; the sticker's
//! file is made here (src/sticker.rs); the page side is
//! src/page/messages/media_kinds.js, called from send_message.js.

use base64::Engine;
use serde_json::{json, Value};

use super::invalid;
use crate::errors::ClientError;
use crate::options::describe;
use crate::sticker::{self, StickerError, StickerMetadata};

/// The media kinds a send asks for.
#[derive(Debug, Default)]
pub(super) struct MediaKinds {
    sticker: bool,
    voice: bool,
    gif: bool,
    hd: bool,
    view_once: bool,
    metadata: StickerMetadata,
}

impl MediaKinds {
    /// The options, type-checked (booleans; the sticker's name and author
    /// strings, its categories a list of emoji strings).
    pub(super) fn parse(options: &Value) -> Result<MediaKinds, ClientError> {
        let flag = |key: &str| match options.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(invalid(&format!("options.{key}"), format!("must be a boolean, got {}", describe(other)))),
        };
        let text = |key: &str| match options.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.chars().count() <= 256 => Ok(Some(s.clone())),
            Some(other) => Err(invalid(&format!("options.{key}"), format!("must be a string of at most 256 characters, got {}", describe(other)))),
        };
        let categories = match options.get("stickerCategories") {
            None | Some(Value::Null) => None,
            Some(Value::Array(list)) if list.len() <= 30 => Some(
                list.iter()
                    .map(|v| match v {
                        Value::String(s) if s.chars().count() <= 32 => Ok(s.clone()),
                        other => Err(invalid("options.stickerCategories", format!("must be a list of emoji strings, got an item {}", describe(other)))),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(other) => return Err(invalid("options.stickerCategories", format!("must be a list of at most 30 emoji strings, got {}", describe(other)))),
        };
        Ok(MediaKinds {
            sticker: flag("sendMediaAsSticker")?,
            voice: flag("sendAudioAsVoice")?,
            gif: flag("sendVideoAsGif")?,
            hd: flag("sendMediaAsHd")?,
            view_once: flag("isViewOnce")?,
            metadata: StickerMetadata { name: text("stickerName")?, author: text("stickerAuthor")?, categories },
        })
    }

    /// The file to send: for a sticker, the WebP made from `media` (checked by
    /// messages.rs: `{ mimetype, data, filename }`); any other file as it is.
    pub(super) fn prepare(&self, media: Value) -> Result<Value, ClientError> {
        if !self.sticker || media.is_null() {
            return Ok(media);
        }
        let mimetype = media.get("mimetype").and_then(Value::as_str).unwrap_or_default();
        let data = media.get("data").and_then(Value::as_str).unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim_end_matches('='))
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(data.trim_end_matches('=')))
            .map_err(|e| invalid("content.data", format!("must be the file as base64: {e}")))?;
        let webp = sticker::make(mimetype, &bytes, &self.metadata).map_err(|e| match e {
            StickerError::NeedsFfmpeg => invalid(
                "content",
                format!("sendMediaAsSticker: a sticker from a video ({mimetype}) is an animated WebP made with ffmpeg, which whatsapp-web-rs does not do yet; send a picture or a WebP"),
            ),
            StickerError::NotAPicture => invalid("content", format!("sendMediaAsSticker: a sticker is made from a picture, got {mimetype}")),
            StickerError::Unreadable(why) => invalid("content.data", format!("sendMediaAsSticker: the picture could not be read ({why})")),
        })?;
        let filename = media.get("filename").cloned().unwrap_or(Value::Null);
        Ok(json!({ "mimetype": "image/webp", "data": base64::engine::general_purpose::STANDARD.encode(webp), "filename": filename }))
    }

    /// What the page function needs to know (media_kinds.js).
    pub(super) fn to_page(&self) -> Value {
        json!({ "sticker": self.sticker, "voice": self.voice, "gif": self.gif, "hd": self.hd, "viewOnce": self.view_once })
    }
}
