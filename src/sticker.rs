//! Stickers as whatsapp-web.js makes them (`Util.formatToWebpSticker`,
//! src/util/Util.js in 1.34.7): a picture becomes a 512×512 WebP (scaled to
//! fit, centred on a transparent square, as WhatsApp Web's
//! `WAWebImageUtils.toWebpSticker` does for whatsapp-web.js), a WebP is kept as
//! it is, and when the sticker has a name or an author the file carries
//! WhatsApp's sticker metadata as an EXIF chunk in whatsapp-web.js's layout.
//! Animated stickers from video are made with ffmpeg in src/sticker_video.rs
//! and get their metadata here ([`with_metadata`]).

use image::imageops::{self, FilterType};
use image::{ImageFormat, RgbaImage};

/// The side of a sticker, in pixels.
pub const SIDE: u32 = 512;

/// What a sticker is made from, and why it could not be.
#[derive(Debug, PartialEq)]
pub enum StickerError {
    /// A video: whatsapp-web.js makes an animated sticker with ffmpeg.
    NeedsFfmpeg,
    /// Neither a picture nor a video (whatsapp-web.js: "Invalid media format").
    NotAPicture,
    /// A picture whose bytes could not be read.
    Unreadable(String),
}

/// The sticker's metadata (`stickerName`, `stickerAuthor`, `stickerCategories`).
#[derive(Debug, Default, Clone)]
pub struct StickerMetadata {
    pub name: Option<String>,
    pub author: Option<String>,
    pub categories: Option<Vec<String>>,
}

/// The WebP file of a sticker made from a file of type `mimetype`.
pub fn make(mimetype: &str, bytes: &[u8], metadata: &StickerMetadata) -> Result<Vec<u8>, StickerError> {
    // whatsapp-web.js looks for "image" / "video" / "webp" anywhere in the type.
    let webp = if mimetype.contains("image") {
        if mimetype.contains("webp") {
            bytes.to_vec()
        } else {
            to_webp_sticker(bytes)?
        }
    } else if mimetype.contains("video") {
        return Err(StickerError::NeedsFfmpeg);
    } else {
        return Err(StickerError::NotAPicture);
    };
    with_metadata(webp, metadata).map_err(|why| StickerError::Unreadable(why.into()))
}

/// The sticker `webp` with its metadata: as whatsapp-web.js, only when the
/// sticker has a name or an author.
pub fn with_metadata(webp: Vec<u8>, metadata: &StickerMetadata) -> Result<Vec<u8>, &'static str> {
    let named = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    if named(&metadata.name) || named(&metadata.author) {
        with_exif(&webp, &exif(metadata, &pack_id()))
    } else {
        Ok(webp)
    }
}

/// A picture scaled to fit 512×512 (aspect kept), centred on a transparent
/// square, as a lossless WebP.
fn to_webp_sticker(bytes: &[u8]) -> Result<Vec<u8>, StickerError> {
    let format = image::guess_format(bytes).map_err(|_| StickerError::Unreadable("not a PNG, JPEG, GIF, WebP or BMP picture".into()))?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP | ImageFormat::Bmp) {
        return Err(StickerError::Unreadable(format!("{format:?} pictures are not supported")));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    // A picture bomb must not take the process's memory.
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| StickerError::Unreadable(e.to_string()))?.to_rgba8();
    let (w, h) = picture.dimensions();
    let scale = f64::from(SIDE) / f64::from(w.max(h));
    let (sw, sh) = (((f64::from(w) * scale).round() as u32).clamp(1, SIDE), ((f64::from(h) * scale).round() as u32).clamp(1, SIDE));
    // Shrinking (the usual case) by area averaging: several times faster than a
    // filtered resize on a large photo.
    let scaled = if sw <= w { imageops::thumbnail(&picture, sw, sh) } else { imageops::resize(&picture, sw, sh, FilterType::Triangle) };
    let mut canvas = RgbaImage::new(SIDE, SIDE);
    imageops::overlay(&mut canvas, &scaled, i64::from((SIDE - sw) / 2), i64::from((SIDE - sh) / 2));
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(canvas.as_raw(), SIDE, SIDE, image::ExtendedColorType::Rgba8)
        .map_err(|e| StickerError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// A sticker pack id as whatsapp-web.js makes one (`Util.generateHash(32)`):
/// 32 random letters and digits.
fn pack_id() -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 32];
    // Should the system's random source fail, a less random id is still an id.
    if getrandom::fill(&mut bytes).is_err() {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (t >> ((i % 16) * 8)) as u8 ^ i as u8;
        }
    }
    bytes.iter().map(|b| CHARS[usize::from(*b) % CHARS.len()] as char).collect()
}

/// The EXIF block whatsapp-web.js writes: a little-endian TIFF header, one IFD
/// entry (tag 0x5741, type UNDEFINED, count = the JSON's length, at offset 22)
/// and then the JSON `{"sticker-pack-id", "sticker-pack-name",
/// "sticker-pack-publisher", "emojis"}` in that order (a missing name or author
/// is left out, as `JSON.stringify` leaves out `undefined`; no categories is `[""]`).
pub fn exif(metadata: &StickerMetadata, pack_id: &str) -> Vec<u8> {
    let text = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let mut json = format!("{{\"sticker-pack-id\":{}", text(pack_id));
    if let Some(name) = &metadata.name {
        json += &format!(",\"sticker-pack-name\":{}", text(name));
    }
    if let Some(author) = &metadata.author {
        json += &format!(",\"sticker-pack-publisher\":{}", text(author));
    }
    let emojis = metadata.categories.clone().unwrap_or_else(|| vec![String::new()]);
    json += &format!(",\"emojis\":{}}}", serde_json::Value::from(emojis));
    let mut out = vec![0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x41, 0x57, 0x07, 0x00, 0, 0, 0, 0, 0x16, 0x00, 0x00, 0x00];
    out[14..18].copy_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(json.as_bytes());
    out
}

/// `webp` with `exif` as its EXIF chunk (replacing any), in the extended
/// (VP8X) layout with the EXIF flag set, as node-webpmux saves it for
/// whatsapp-web.js: VP8X, the image chunks, then EXIF.
pub fn with_exif(webp: &[u8], exif: &[u8]) -> Result<Vec<u8>, &'static str> {
    if webp.len() < 12 || &webp[0..4] != b"RIFF" || &webp[8..12] != b"WEBP" {
        return Err("not a WebP file");
    }
    let chunks = chunks(&webp[12..])?;
    let mut vp8x: Option<[u8; 10]> = None;
    let mut image_chunks = Vec::new();
    for (tag, data) in &chunks {
        match *tag {
            b"VP8X" if data.len() >= 10 => vp8x = Some(data[..10].try_into().unwrap()),
            b"EXIF" | b"VP8X" => {}
            _ => image_chunks.push((*tag, *data)),
        }
    }
    let mut header = match vp8x {
        Some(h) => h,
        None => {
            // A simple file: one VP8 or VP8L chunk, whose bitstream gives the canvas.
            let (tag, data) = image_chunks.first().ok_or("a WebP file without an image")?;
            let (w, h, alpha) = simple_size(tag, data).ok_or("a WebP file whose image header is unreadable")?;
            let mut h10 = [0u8; 10];
            h10[0] = if alpha { 0x10 } else { 0 };
            h10[4..7].copy_from_slice(&(w - 1).to_le_bytes()[..3]);
            h10[7..10].copy_from_slice(&(h - 1).to_le_bytes()[..3]);
            h10
        }
    };
    header[0] |= 0x08;
    let mut body = b"WEBP".to_vec();
    push_chunk(&mut body, b"VP8X", &header);
    for (tag, data) in image_chunks {
        push_chunk(&mut body, tag, data);
    }
    push_chunk(&mut body, b"EXIF", exif);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// A RIFF chunk: its tag and payload.
pub type Chunk<'a> = (&'a [u8; 4], &'a [u8]);

/// The chunks of a RIFF body (after "WEBP").
pub fn chunks(mut rest: &[u8]) -> Result<Vec<Chunk<'_>>, &'static str> {
    let mut out = Vec::new();
    while rest.len() >= 8 {
        let tag: &[u8; 4] = rest[0..4].try_into().unwrap();
        let size = u32::from_le_bytes(rest[4..8].try_into().unwrap()) as usize;
        let end = 8usize.checked_add(size).filter(|e| *e <= rest.len()).ok_or("a WebP chunk runs past the end of the file")?;
        out.push((tag, &rest[8..end]));
        rest = &rest[(end + size % 2).min(rest.len())..];
    }
    Ok(out)
}

fn push_chunk(out: &mut Vec<u8>, tag: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

/// Width, height and whether there is alpha, from a VP8 or VP8L chunk.
fn simple_size(tag: &[u8; 4], d: &[u8]) -> Option<(u32, u32, bool)> {
    match tag {
        b"VP8 " if d.len() >= 10 && d[3..6] == [0x9d, 0x01, 0x2a] => {
            Some((u32::from(u16::from_le_bytes([d[6], d[7]]) & 0x3fff), u32::from(u16::from_le_bytes([d[8], d[9]]) & 0x3fff), false))
        }
        b"VP8L" if d.len() >= 5 && d[0] == 0x2f => {
            let bits = u32::from_le_bytes([d[1], d[2], d[3], d[4]]);
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, bits >> 28 & 1 == 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_is_laid_out_as_whatsapp_web_js_writes_it() {
        let m = StickerMetadata { name: Some("Pack".into()), author: Some("Me".into()), categories: None };
        let e = exif(&m, "ID");
        let json = r#"{"sticker-pack-id":"ID","sticker-pack-name":"Pack","sticker-pack-publisher":"Me","emojis":[""]}"#;
        assert_eq!(&e[..14], &[0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x41, 0x57, 7, 0]);
        assert_eq!(u32::from_le_bytes(e[14..18].try_into().unwrap()) as usize, json.len());
        assert_eq!(&e[18..22], &[0x16, 0, 0, 0]);
        assert_eq!(std::str::from_utf8(&e[22..]).unwrap(), json);
    }

    #[test]
    fn a_picture_becomes_a_512_square_webp_with_its_exif() {
        let mut png = Vec::new();
        let picture = RgbaImage::from_pixel(300, 100, image::Rgba([255, 0, 0, 255]));
        picture.write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png).unwrap();
        let m = StickerMetadata { name: Some("N".into()), author: None, categories: Some(vec!["😀".into()]) };
        let webp = make("image/png", &png, &m).unwrap();
        let decoded = image::load_from_memory_with_format(&webp, ImageFormat::WebP).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (SIDE, SIDE));
        assert_eq!(decoded.get_pixel(0, 0)[3], 0, "the padding is transparent");
        assert_eq!(decoded.get_pixel(256, 256)[0], 255);
        let exif = chunks(&webp[12..]).unwrap().into_iter().find(|(t, _)| *t == b"EXIF").unwrap().1;
        assert!(std::str::from_utf8(&exif[22..]).unwrap().ends_with(r#""sticker-pack-name":"N","emojis":["😀"]}"#));
        assert_eq!(make("video/mp4", &png, &m), Err(StickerError::NeedsFfmpeg));
        assert_eq!(make("audio/ogg", &png, &m), Err(StickerError::NotAPicture));
        assert!(matches!(make("image/png", b"nope", &m), Err(StickerError::Unreadable(_))));
    }
}
