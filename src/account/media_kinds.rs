//! The kinds of media `sendMessage` sends, in whatsapp-web.js 1.34.7's option
//! names (src/Client.js:1356-1371, 1457-1461, 1478-1528): `sendMediaAsSticker`
//! (with `stickerName`, `stickerAuthor`, `stickerCategories`), `sendAudioAsVoice`,
//! `sendVideoAsGif`, `sendMediaAsHd`, `isViewOnce`. Checked here; the sticker's
//! file is made here, off Node's thread before the page call (src/sticker.rs
//! for pictures, src/sticker_video.rs with ffmpeg for video); the page side is
//! src/page/messages/media_kinds.js, called from send_message.js.

use base64::Engine;
use serde_json::{json, Value};

use super::{invalid, AccountCall, Tools};
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

    /// Checks that a sticker can be made of `media` (checked by messages.rs:
    /// `{ mimetype, data, filename }`): a picture, or a video in a container
    /// ffmpeg is given. The sticker itself is made later, off Node's thread
    /// (`prepare`).
    pub(super) fn check(&self, media: &Value) -> Result<(), ClientError> {
        if !self.sticker || media.is_null() {
            return Ok(());
        }
        // whatsapp-web.js looks for "image" / "video" anywhere in the type.
        let mimetype = media.get("mimetype").and_then(Value::as_str).unwrap_or_default();
        if mimetype.contains("image") {
            Ok(())
        } else if mimetype.contains("video") {
            match crate::sticker_video::input_format(mimetype) {
                Some(_) => Ok(()),
                None => Err(invalid("content", format!("sendMediaAsSticker: {mimetype} is not a video type made into stickers (mp4, quicktime, webm, matroska, 3gpp, gif, mpeg, ogg, avi, flv)"))),
            }
        } else {
            Err(invalid("content", format!("sendMediaAsSticker: a sticker is made from a picture or a video, got {mimetype}")))
        }
    }

    /// `call` (sendMessage's), which for a sticker first makes the sticker's
    /// WebP of the file in its options (page argument 2, `media`), off Node's
    /// thread; any other call as it is.
    pub(super) fn prepare(&self, call: AccountCall) -> AccountCall {
        if !self.sticker || call.args().get(2).and_then(|o| o.get("media")).is_none_or(Value::is_null) {
            return call;
        }
        let metadata = self.metadata.clone();
        call.prepare_with(move |mut args, tools| {
            let metadata = metadata.clone();
            async move {
                let media = args[2]["media"].take();
                args[2]["media"] = sticker_file(media, metadata, tools).await?;
                Ok(args)
            }
        })
    }

    /// What the page function needs to know (media_kinds.js).
    pub(super) fn to_page(&self) -> Value {
        json!({ "sticker": self.sticker, "voice": self.voice, "gif": self.gif, "hd": self.hd, "viewOnce": self.view_once })
    }
}

/// The sticker's file (`{ mimetype: 'image/webp', data, filename }`) made from
/// `media`: a picture in Rust, a video with ffmpeg, then the metadata. The
/// decoding and encoding run on tokio's blocking threads, ffmpeg as a child process.
async fn sticker_file(media: Value, metadata: StickerMetadata, tools: Tools) -> Result<Value, ClientError> {
    let mimetype = media.get("mimetype").and_then(Value::as_str).unwrap_or_default().to_string();
    let filename = media.get("filename").cloned().unwrap_or(Value::Null);
    let mut media = media;
    let data = match media.get_mut("data").map(Value::take) {
        Some(Value::String(data)) => data,
        _ => String::new(),
    };
    let webp = if mimetype.contains("image") {
        let mimetype = mimetype.clone();
        blocking(move || {
            sticker::make(&mimetype, &decode(&data)?, &metadata).map_err(|e| match e {
                StickerError::NeedsFfmpeg | StickerError::NotAPicture => invalid("content", format!("sendMediaAsSticker: a sticker is made from a picture or a video, got {mimetype}")),
                StickerError::Unreadable(why) => invalid("content.data", format!("sendMediaAsSticker: the picture could not be read ({why})")),
            })
        })
        .await?
    } else {
        let video = blocking(move || decode(&data)).await?;
        let webp = crate::sticker_video::to_webp(&tools.ffmpeg_path, &mimetype, &video).await?;
        blocking(move || sticker::with_metadata(webp, &metadata).map_err(|why| ClientError::FfmpegFailed(format!("ffmpeg wrote a WebP that cannot carry metadata ({why})")))).await?
    };
    let data = blocking(move || Ok(base64::engine::general_purpose::STANDARD.encode(webp))).await?;
    Ok(json!({ "mimetype": "image/webp", "data": data, "filename": filename }))
}

/// The file's bytes from its base64 (padded or not).
fn decode(data: &str) -> Result<Vec<u8>, ClientError> {
    base64::engine::general_purpose::STANDARD
        .decode(data.trim_end_matches('='))
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(data.trim_end_matches('=')))
        .map_err(|e| invalid("content.data", format!("must be the file as base64: {e}")))
}

/// `work` on tokio's blocking threads; a panic in it is an internal error.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, ClientError> + Send + 'static) -> Result<T, ClientError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(ClientError::Internal(format!("a bug in whatsapp-web-rs panicked while making a sticker ({e}); please report it"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sticker call carries its conversion as a preparation (nothing is
    /// converted while the call is checked); other sends do not.
    #[tokio::test]
    async fn a_sticker_is_made_when_the_call_is_prepared() {
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(30, 10, image::Rgba([0, 0, 255, 255])).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let media = json!({ "mimetype": "image/png", "data": base64::engine::general_purpose::STANDARD.encode(&png), "filename": "b.png" });
        let send = |options: Value| AccountCall::parse("sendMessage", &json!(["15557654321@c.us", media, options]));
        let plain = send(json!({})).unwrap();
        assert!(!plain.needs_preparing());
        let call = send(json!({ "sendMediaAsSticker": true, "stickerName": "N" })).unwrap();
        assert!(call.needs_preparing());
        assert_eq!(call.args()[2]["media"]["mimetype"], "image/png", "not converted yet");
        let tools = Tools { ffmpeg_path: "ffmpeg".into() };
        let ready = call.prepared(tools.clone()).await.unwrap();
        assert!(!ready.needs_preparing());
        let out = &ready.args()[2]["media"];
        assert_eq!((out["mimetype"].as_str(), out["filename"].as_str()), (Some("image/webp"), Some("b.png")));
        let webp = decode(out["data"].as_str().unwrap()).unwrap();
        assert_eq!(&webp[8..16], b"WEBPVP8X");
        // A picture that cannot be read fails when prepared, as a named error.
        let bad = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "image/png", "data": "AAAA" }, { "sendMediaAsSticker": true }])).unwrap();
        assert_eq!(bad.prepared(tools.clone()).await.unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        // A missing ffmpeg is named.
        let video = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "video/mp4", "data": "AAAA" }, { "sendMediaAsSticker": true }])).unwrap();
        let missing = Tools { ffmpeg_path: "/nonexistent/ffmpeg".into() };
        let err = video.prepared(missing).await.unwrap_err();
        assert_eq!(err.code(), "ERR_FFMPEG_NOT_FOUND");
        assert!(err.to_string().contains("/nonexistent/ffmpeg"));
    }
}
