//! Animated stickers from video, as whatsapp-web.js 1.34.7 makes them
//! (`Util.formatVideoToWebpSticker`, src/util/Util.js): ffmpeg (the client's
//! `ffmpegPath`) turns the first 5 seconds into a looping animated WebP at 10
//! frames a second, scaled to fit 300×300 on a transparent square and then
//! written at 512×512, without sound. src/sticker.rs adds the EXIF metadata.
//!
//! There is no maintained video decoder in Rust, so the ffmpeg program runs as
//! whatsapp-web.js runs it, with these differences: the video goes in and the
//! sticker comes out through files in a private (0700) temporary folder below
//! this process's own (src/temp_profiles.rs), removed whatever happens; ffmpeg
//! reads only local files, only the container the type names, and has
//! [`TIME_LIMIT`] to finish (then it is killed); a sticker over
//! [`STICKER_LIMIT`] is refused.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

use crate::errors::ClientError;

/// How long ffmpeg may take over one sticker.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);
/// The largest sticker file taken from ffmpeg (WhatsApp's media limit).
pub const STICKER_LIMIT: usize = 16 * 1024 * 1024;
/// At most this much of ffmpeg's error output is put in an error.
const REASON_LIMIT: usize = 300;

/// whatsapp-web.js's ffmpeg output options (Util.js:103-123), with its
/// filter: scale to fit 300×300, RGBA, pad to a transparent 300×300 square,
/// square pixels, 10 frames a second; loop forever; the first 5 seconds; no
/// sound; every frame kept; a 512×512 WebP.
const OUTPUT_OPTIONS: [&str; 18] = [
    "-vcodec",
    "libwebp",
    "-vf",
    "scale='iw*min(300/iw,300/ih)':'ih*min(300/iw,300/ih)',format=rgba,pad=300:300:'(300-iw)/2':'(300-ih)/2':'#00000000',setsar=1,fps=10",
    "-loop",
    "0",
    "-ss",
    "00:00:00.0",
    "-t",
    "00:00:05.0",
    "-preset",
    "default",
    "-an",
    "-vsync",
    "0",
    "-s",
    "512:512",
    "-f",
];

/// The ffmpeg demuxer for a video type. whatsapp-web.js hands ffmpeg the
/// type's subtype as the input format (`inputFormat(mimetype.split('/')[1])`);
/// here only containers are taken, named as ffmpeg names them, so a file
/// cannot make ffmpeg read a playlist or a list of other files.
pub fn input_format(mimetype: &str) -> Option<&'static str> {
    let subtype = mimetype.split(';').next()?.split('/').nth(1)?.trim().to_ascii_lowercase();
    Some(match subtype.as_str() {
        "mp4" | "x-m4v" => "mp4",
        "quicktime" => "mov",
        "3gpp" => "3gp",
        "3gpp2" => "3g2",
        "webm" => "webm",
        "x-matroska" | "matroska" => "matroska",
        "gif" => "gif",
        "mpeg" => "mpeg",
        "mp2t" => "mpegts",
        "ogg" => "ogg",
        "x-msvideo" | "avi" => "avi",
        "x-flv" => "flv",
        _ => return None,
    })
}

/// The animated WebP (no metadata yet) ffmpeg at `ffmpeg` makes of the video
/// `bytes` of type `mimetype`.
pub async fn to_webp(ffmpeg: &str, mimetype: &str, bytes: &[u8]) -> Result<Vec<u8>, ClientError> {
    let format = input_format(mimetype).ok_or_else(|| {
        ClientError::FfmpegFailed(format!("{mimetype} is not a video type made into stickers (mp4, quicktime, webm, matroska, 3gpp, gif, mpeg, ogg, avi, flv)"))
    })?;
    let io = |what: &str, e: std::io::Error| ClientError::Internal(format!("{what} for the sticker: {e}"));
    // Removed when dropped, after ffmpeg (dropped first, below) is killed.
    let dir = crate::temp_profiles::new_profile("sticker").map_err(|e| io("making a temporary folder", e))?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(crate::private_fs::DIR_MODE)).map_err(|e| io("securing the temporary folder", e))?;
    let input = dir.path().join("video");
    let output = dir.path().join("sticker.webp");
    write_private(&input, bytes).await.map_err(|e| io("writing the video", e))?;
    let ran = run(ffmpeg, format, &input, &output).await;
    let result = match ran {
        Ok(()) => read_sticker(&output).await,
        Err(e) => Err(e),
    };
    drop(dir);
    result
}

async fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file = crate::private_fs::create_new_file(path)?;
    let mut file = tokio::fs::File::from_std(file);
    tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await?;
    tokio::io::AsyncWriteExt::flush(&mut file).await
}

/// Runs ffmpeg over `input` into `output`, within [`TIME_LIMIT`].
async fn run(ffmpeg: &str, format: &str, input: &Path, output: &Path) -> Result<(), ClientError> {
    let mut command = Command::new(ffmpeg);
    command
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-f", format, "-i"])
        .arg(input)
        .args(OUTPUT_OPTIONS)
        .arg("webp")
        .arg(output)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => ClientError::FfmpegNotFound(ffmpeg.to_string()),
        _ => ClientError::FfmpegFailed(format!("'{ffmpeg}' could not be started ({e})")),
    })?;
    // Dropping the child on time-out kills it (kill_on_drop).
    let finished = tokio::time::timeout(TIME_LIMIT, child.wait_with_output())
        .await
        .map_err(|_| ClientError::FfmpegFailed(format!("it took over {} seconds and was stopped", TIME_LIMIT.as_secs())))?
        .map_err(|e| ClientError::FfmpegFailed(format!("waiting for ffmpeg failed ({e})")))?;
    if finished.status.success() {
        return Ok(());
    }
    Err(ClientError::FfmpegFailed(reason(&finished.stderr, finished.status)))
}

/// The last line ffmpeg wrote to its error output (cut short), or its exit status.
fn reason(stderr: &[u8], status: std::process::ExitStatus) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().map(str::trim).rev().find(|l| !l.is_empty()).unwrap_or_default();
    let line: String = line.chars().filter(|c| !c.is_control()).take(REASON_LIMIT).collect();
    if line.is_empty() {
        format!("ffmpeg exited with {status}")
    } else {
        format!("{line} (ffmpeg exited with {status})")
    }
}

/// The sticker ffmpeg wrote, if it is a WebP within [`STICKER_LIMIT`].
async fn read_sticker(output: &Path) -> Result<Vec<u8>, ClientError> {
    let size = tokio::fs::metadata(output).await.map_err(|_| ClientError::FfmpegFailed("ffmpeg wrote no sticker".into()))?.len();
    if size > STICKER_LIMIT as u64 {
        return Err(ClientError::MediaTooLarge { size: size as usize, limit: STICKER_LIMIT, what: "stickers" });
    }
    let webp = tokio::fs::read(output).await.map_err(|e| ClientError::FfmpegFailed(format!("the sticker could not be read ({e})")))?;
    if webp.len() < 12 || &webp[0..4] != b"RIFF" || &webp[8..12] != b"WEBP" {
        return Err(ClientError::FfmpegFailed("ffmpeg did not write a WebP file".into()));
    }
    Ok(webp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_video_containers_are_read() {
        assert_eq!(input_format("video/mp4"), Some("mp4"));
        assert_eq!(input_format("video/quicktime; codecs=x"), Some("mov"));
        assert_eq!(input_format("video/gif"), Some("gif"));
        assert_eq!(input_format("application/vnd.apple.mpegurl"), None);
        assert_eq!(input_format("video/hls"), None);
        assert_eq!(input_format("video"), None);
    }
}
