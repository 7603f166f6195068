//! The DevTools pipe in CBOR (`--remote-debugging-pipe=cbor`).
//!
//! Chromium's DevTools keeps its messages in CBOR and turns each into JSON
//! text for a JSON client. For a large answer that conversion is most of
//! what Chromium spends: a 840 KB string came back in 24–27 ms over a JSON
//! pipe and in 10–11 ms over a CBOR one (time to the first byte, measured
//! with a bare client on this machine). The router and everything above it
//! keep speaking JSON text; this module converts at the pipe's two ends.
//!
//! What Chromium's CBOR looks like (its `crdtp` library), as this module
//! reads and writes it:
//! - a message is an envelope: tag 24, then a byte string (4-byte length)
//!   holding one map; there is no separator between messages;
//! - a map inside a message is an envelope too, holding an indefinite-length
//!   map; Chromium writes arrays indefinite-length and bare, and reads them
//!   so too, except as an `any` value (a function argument), where it takes
//!   only an enveloped one; ours are all enveloped, which it takes anywhere;
//! - a text with a non-ASCII character comes as a byte string of UTF-16LE
//!   code units; binary data (screenshots) as a byte string after tag 22,
//!   which JSON clients get as base64;
//! - integers are 32-bit; other numbers are doubles.
//!
//! What comes from the pipe is still Chromium's; a frame that does not read
//! is an error the router reports, never a panic.

use std::fmt::Write as _;

use base64::Engine as _;
use serde_json::Value;

/// Tag 24 with a byte string of a 4-byte length: crdtp's envelope.
const ENVELOPE_HEADER: [u8; 3] = [0xd8, 0x18, 0x5a];
const ENVELOPE_HEADER_LEN: usize = 7;
/// Tag 22: the byte string that follows is binary data, base64 in JSON.
const TAG_BASE64: u64 = 22;
const TAG_ENVELOPE: u64 = 24;
/// How deep a message may nest (crdtp's own parser stops at 300).
const MAX_DEPTH: usize = 300;

/// Why a frame from Chromium did not read.
#[derive(Debug, PartialEq)]
pub struct CborError(pub String);

impl std::fmt::Display for CborError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DevTools CBOR: {}", self.0)
    }
}

fn error<T>(why: impl Into<String>) -> Result<T, CborError> {
    Err(CborError(why.into()))
}

/// The length of the first whole message in `buffer`, once it is all there.
pub fn frame_len(buffer: &[u8]) -> Result<Option<usize>, CborError> {
    if buffer.len() < ENVELOPE_HEADER_LEN {
        return Ok(None);
    }
    if buffer[..3] != ENVELOPE_HEADER {
        return error(format!("a message does not start with an envelope (0x{:02x})", buffer[0]));
    }
    let body = u32::from_be_bytes([buffer[3], buffer[4], buffer[5], buffer[6]]) as usize;
    let total = ENVELOPE_HEADER_LEN + body;
    Ok((buffer.len() >= total).then_some(total))
}

/// One whole message from Chromium as the JSON text a JSON client would get.
pub fn to_json(frame: &[u8]) -> Result<String, CborError> {
    let mut reader = Reader { bytes: frame, at: 0 };
    let mut out = String::with_capacity(frame.len() + frame.len() / 8);
    reader.item(&mut out, 0)?;
    if reader.at != frame.len() {
        return error("bytes after the message");
    }
    Ok(out)
}

/// The `id` of an answer whose content did not read (`to_json` failed), if
/// its structure still holds: the router then answers the command with an
/// error rather than leave its caller waiting for a reply that never comes.
/// Values are skipped by their structure alone (lengths and counts), so a
/// bad text, tag or simple value elsewhere in the answer does not hide it.
pub fn answer_id(frame: &[u8]) -> Option<u64> {
    let mut reader = Reader { bytes: frame, at: 0 };
    let envelope = reader.head().ok()?;
    let body = reader.head().ok()?;
    if envelope.major != 6 || envelope.argument != TAG_ENVELOPE || body.major != 2 || body.indefinite {
        return None;
    }
    let mut reader = Reader { bytes: reader.take(body.argument).ok()?, at: 0 };
    let map = reader.head().ok()?;
    if map.major != 5 {
        return None;
    }
    let mut left = map.argument;
    loop {
        if map.indefinite {
            if reader.at_break() {
                return None;
            }
        } else if left == 0 {
            return None;
        } else {
            left -= 1;
        }
        let key = reader.head().ok()?;
        let key = if key.major == 3 { reader.text_string(&key).ok()? } else { return None };
        if key.as_ref() == b"id" {
            let id = reader.head().ok()?;
            return (id.major == 0).then_some(id.argument);
        }
        reader.skip().ok()?;
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// An item's head: major type, its argument, and whether it is indefinite.
struct Head {
    major: u8,
    argument: u64,
    indefinite: bool,
    /// The low five bits (for major 7: which simple value or float width).
    info: u8,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, CborError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| CborError("the message ends early".into()))?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], CborError> {
        let n = usize::try_from(n).map_err(|_| CborError("a length beyond memory".into()))?;
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or_else(|| CborError("the message ends early".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn head(&mut self) -> Result<Head, CborError> {
        let initial = self.byte()?;
        let (major, info) = (initial >> 5, initial & 0x1f);
        let mut indefinite = false;
        let argument = match info {
            0..=23 => info as u64,
            24 => self.byte()? as u64,
            25 => u16::from_be_bytes(self.take(2)?.try_into().expect("2 bytes")) as u64,
            26 => u32::from_be_bytes(self.take(4)?.try_into().expect("4 bytes")) as u64,
            27 => u64::from_be_bytes(self.take(8)?.try_into().expect("8 bytes")),
            31 if matches!(major, 2..=5 | 7) => {
                indefinite = true;
                0
            }
            _ => return error(format!("an unknown head 0x{initial:02x}")),
        };
        Ok(Head { major, argument, indefinite, info })
    }

    fn at_break(&self) -> bool {
        self.bytes.get(self.at) == Some(&0xff)
    }

    /// Passes over one item by its structure, without reading its content
    /// (no depth limit: it keeps a count per open container, not a stack frame).
    fn skip(&mut self) -> Result<(), CborError> {
        // Items still to pass in each open container; None: indefinite, to its break.
        let mut open: Vec<Option<u64>> = vec![Some(1)];
        while let Some(top) = open.last_mut() {
            match top {
                Some(0) => {
                    open.pop();
                    continue;
                }
                Some(n) => *n -= 1,
                None if self.at_break() => {
                    self.at += 1;
                    open.pop();
                    continue;
                }
                None => {}
            }
            let head = self.head()?;
            match head.major {
                0 | 1 | 7 => {}
                2 | 3 => {
                    self.string_bytes(&head, head.major)?;
                }
                4 | 5 => {
                    let per_entry = if head.major == 5 { 2 } else { 1 };
                    open.push(if head.indefinite { None } else { Some(head.argument.checked_mul(per_entry).ok_or_else(|| CborError("a count beyond memory".into()))?) });
                }
                // A tag is followed by its one item.
                _ => open.push(Some(1)),
            }
        }
        Ok(())
    }

    /// One item, written to `out` as JSON.
    fn item(&mut self, out: &mut String, depth: usize) -> Result<(), CborError> {
        if depth > MAX_DEPTH {
            return error("nested too deep");
        }
        let head = self.head()?;
        match head.major {
            0 => {
                let _ = write!(out, "{}", head.argument);
            }
            1 => {
                let _ = write!(out, "{}", -1 - head.argument as i128);
            }
            2 => {
                let bytes = self.byte_string(&head)?;
                write_utf16le(out, &bytes)?;
            }
            3 => {
                let bytes = self.text_string(&head)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| CborError("a text that is not UTF-8".into()))?;
                write_json_string(out, text);
            }
            4 => {
                out.push('[');
                self.entries(&head, out, |reader, out| reader.item(out, depth + 1))?;
                out.push(']');
            }
            5 => {
                out.push('{');
                self.entries(&head, out, |reader, out| {
                    // Keys are texts (crdtp writes them as text strings).
                    let key = reader.head()?;
                    match key.major {
                        3 => {
                            let bytes = reader.text_string(&key)?;
                            write_json_string(out, std::str::from_utf8(&bytes).map_err(|_| CborError("a key that is not UTF-8".into()))?);
                        }
                        2 => {
                            let bytes = reader.byte_string(&key)?;
                            write_utf16le(out, &bytes)?;
                        }
                        _ => return error("a map key that is not a text"),
                    }
                    out.push(':');
                    reader.item(out, depth + 1)
                })?;
                out.push('}');
            }
            6 => match head.argument {
                TAG_ENVELOPE => {
                    // A byte string holding exactly one item.
                    let inner = self.head()?;
                    if inner.major != 2 || inner.indefinite {
                        return error("an envelope that is not a byte string");
                    }
                    let body = self.take(inner.argument)?;
                    let mut nested = Reader { bytes: body, at: 0 };
                    nested.item(out, depth + 1)?;
                    if nested.at != body.len() {
                        return error("an envelope with bytes after its item");
                    }
                }
                TAG_BASE64 => {
                    let inner = self.head()?;
                    if inner.major != 2 {
                        return error("tag 22 on something other than bytes");
                    }
                    let bytes = self.byte_string(&inner)?;
                    out.push('"');
                    out.push_str(&base64::engine::general_purpose::STANDARD.encode(&bytes));
                    out.push('"');
                }
                // Any other tag says nothing JSON can carry: its item as is.
                _ => self.item(out, depth + 1)?,
            },
            _ => match head.info {
                20 => out.push_str("false"),
                21 => out.push_str("true"),
                22 | 23 => out.push_str("null"),
                25 => write_number(out, half_to_f64(head.argument as u16)),
                26 => write_number(out, f32::from_bits(head.argument as u32) as f64),
                27 => write_number(out, f64::from_bits(head.argument)),
                _ => return error(format!("an unknown simple value {}", head.info)),
            },
        }
        Ok(())
    }

    /// Reads each entry of an array or a map (`read` writes one), comma-separated,
    /// to its end: its count, or the break of an indefinite one.
    fn entries(&mut self, head: &Head, out: &mut String, mut read: impl FnMut(&mut Self, &mut String) -> Result<(), CborError>) -> Result<(), CborError> {
        let mut left = head.argument;
        let mut first = true;
        loop {
            if head.indefinite {
                if self.at_break() {
                    self.at += 1;
                    return Ok(());
                }
            } else if left == 0 {
                return Ok(());
            } else {
                left -= 1;
            }
            if !first {
                out.push(',');
            }
            first = false;
            read(self, out)?;
        }
    }

    /// A byte string's bytes (joined, if sent in chunks).
    fn byte_string(&mut self, head: &Head) -> Result<std::borrow::Cow<'a, [u8]>, CborError> {
        self.string_bytes(head, 2)
    }

    fn text_string(&mut self, head: &Head) -> Result<std::borrow::Cow<'a, [u8]>, CborError> {
        self.string_bytes(head, 3)
    }

    fn string_bytes(&mut self, head: &Head, major: u8) -> Result<std::borrow::Cow<'a, [u8]>, CborError> {
        if !head.indefinite {
            return Ok(std::borrow::Cow::Borrowed(self.take(head.argument)?));
        }
        let mut joined = Vec::new();
        loop {
            if self.at_break() {
                self.at += 1;
                return Ok(std::borrow::Cow::Owned(joined));
            }
            let chunk = self.head()?;
            if chunk.major != major || chunk.indefinite {
                return error("a string chunk of another kind");
            }
            joined.extend_from_slice(self.take(chunk.argument)?);
        }
    }
}

/// crdtp's non-ASCII texts: UTF-16LE code units. A lone surrogate (a
/// JavaScript string may hold one) becomes U+FFFD, which JSON text can carry.
fn write_utf16le(out: &mut String, bytes: &[u8]) -> Result<(), CborError> {
    if bytes.len() % 2 != 0 {
        return error("a UTF-16 text of an odd length");
    }
    let units = bytes.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    write_json_string(out, &text);
    Ok(())
}

fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escaped);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// As Chromium's JSON writes a double: whole numbers without a fraction, and
/// what JSON cannot hold (NaN, infinities) as null.
fn write_number(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        let _ = write!(out, "{}", n as i64);
    } else {
        let _ = write!(out, "{}", serde_json::Number::from_f64(n).expect("finite"));
    }
}

fn half_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = ((bits >> 10) & 0x1f) as i32;
    let fraction = (bits & 0x3ff) as f64;
    sign * match exponent {
        0 => fraction * 2f64.powi(-24),
        31 if fraction == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + fraction / 1024.0) * 2f64.powi(e - 15),
    }
}

/// A JSON text as the CBOR message Chromium reads.
#[cfg(test)]
pub fn from_json(text: &str) -> Result<Vec<u8>, serde_json::Error> {
    let value: Value = serde_json::from_str(text)?;
    Ok(encode(&value))
}

/// A command as the CBOR message Chromium reads.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_value(&mut out, value);
    out
}

fn write_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    match n {
        0..=23 => out.push(m | n as u8),
        24..=0xff => out.extend_from_slice(&[m | 24, n as u8]),
        0x100..=0xffff => {
            out.push(m | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(m | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
        _ => {
            out.push(m | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(0xf6),
        Value::Bool(false) => out.push(0xf4),
        Value::Bool(true) => out.push(0xf5),
        Value::Number(n) => match n.as_i64().filter(|i| i32::try_from(*i).is_ok()) {
            // crdtp's integers are 32-bit; as its own JSON reader, anything else is a double.
            Some(i) if i >= 0 => write_head(out, 0, i as u64),
            Some(i) => write_head(out, 1, (-1 - i) as u64),
            None => {
                out.push(0xfb);
                out.extend_from_slice(&n.as_f64().unwrap_or(0.0).to_bits().to_be_bytes());
            }
        },
        Value::String(s) => {
            write_head(out, 3, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        Value::Array(items) => enveloped(out, |out| {
            out.push(0x9f);
            for item in items {
                write_value(out, item);
            }
            out.push(0xff);
        }),
        Value::Object(map) => enveloped(out, |out| {
            out.push(0xbf);
            for (key, item) in map {
                write_head(out, 3, key.len() as u64);
                out.extend_from_slice(key.as_bytes());
                write_value(out, item);
            }
            out.push(0xff);
        }),
    }
}

/// An envelope around what `body` writes (an indefinite map or array); its
/// length is filled in after.
fn enveloped(out: &mut Vec<u8>, body: impl FnOnce(&mut Vec<u8>)) {
    out.extend_from_slice(&ENVELOPE_HEADER);
    let length_at = out.len();
    out.extend_from_slice(&[0; 4]);
    body(out);
    let length = (out.len() - length_at - 4) as u32;
    out[length_at..length_at + 4].copy_from_slice(&length.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(v: Value) -> Value {
        let cbor = from_json(&v.to_string()).unwrap();
        assert_eq!(frame_len(&cbor).unwrap(), Some(cbor.len()));
        serde_json::from_str(&to_json(&cbor).unwrap()).unwrap()
    }

    #[test]
    fn a_command_reads_back_as_it_was_written() {
        let command = json!({
            "id": 7, "method": "Runtime.callFunctionOn", "sessionId": "ABC",
            "params": { "functionDeclaration": "function (a) { return \"é😀\\n\" + a; }", "arguments": [{ "value": { "n": -5, "f": 2.5, "big": 1u64 << 40, "list": [true, false, null, []] } }], "returnByValue": true }
        });
        let back = round_trip(command.clone());
        assert_eq!(back["params"]["functionDeclaration"], command["params"]["functionDeclaration"]);
        assert_eq!(back["params"]["arguments"][0]["value"]["n"], -5);
        assert_eq!(back["params"]["arguments"][0]["value"]["f"], 2.5);
        // Beyond 32 bits a number goes as a double, and a whole one reads back whole.
        assert_eq!(back["params"]["arguments"][0]["value"]["big"], json!(1u64 << 40));
        assert_eq!(back["params"]["arguments"][0]["value"]["list"], json!([true, false, null, []]));
        assert_eq!(back["id"], 7);
    }

    #[test]
    fn the_wire_format_is_crdtps() {
        let cbor = from_json(r#"{"id":1,"params":{"a":[1]}}"#).unwrap();
        // The message: an envelope around an indefinite map.
        assert_eq!(&cbor[..3], &ENVELOPE_HEADER);
        assert_eq!(cbor[7], 0xbf);
        assert_eq!(*cbor.last().unwrap(), 0xff);
        // The nested map is enveloped too, and so is its (indefinite) array.
        let params = cbor.windows(3).skip(1).position(|w| w == ENVELOPE_HEADER).map(|i| i + 1).expect("an inner envelope");
        assert_eq!(cbor[params + 7], 0xbf);
        let array = cbor.windows(3).skip(params + 1).position(|w| w == ENVELOPE_HEADER).map(|i| i + params + 1).expect("an enveloped array");
        assert_eq!(&cbor[array + 7..array + 10], &[0x9f, 0x01, 0xff]);
    }

    #[test]
    fn chromiums_utf16_texts_and_binary_read_as_json_clients_get_them() {
        // {"v": <UTF-16LE "é😀">, "b": tag 22 <bytes 1,2,3>, "lone": <a lone surrogate>} as crdtp writes it.
        let mut map = vec![0xbf];
        map.extend_from_slice(&[0x61, b'v', 0x46, 0xe9, 0x00, 0x3d, 0xd8, 0x00, 0xde]);
        map.extend_from_slice(&[0x61, b'b', 0xd6, 0x43, 1, 2, 3]);
        map.extend_from_slice(&[0x64, b'l', b'o', b'n', b'e', 0x42, 0x00, 0xd8]);
        map.extend_from_slice(&[0x61, b'd', 0xfb]);
        map.extend_from_slice(&1.5f64.to_bits().to_be_bytes());
        map.extend_from_slice(&[0x61, b'w', 0xfb]);
        map.extend_from_slice(&3.0f64.to_bits().to_be_bytes());
        map.push(0xff);
        let mut frame = ENVELOPE_HEADER.to_vec();
        frame.extend_from_slice(&(map.len() as u32).to_be_bytes());
        frame.extend_from_slice(&map);
        let text = to_json(&frame).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["v"], "é😀");
        assert_eq!(v["b"], "AQID");
        assert_eq!(v["lone"], "\u{fffd}");
        assert_eq!(v["d"], 1.5);
        assert!(text.contains(r#""w":3"#), "a whole double is written as Chromium's JSON writes it: {text}");
    }

    #[test]
    fn texts_are_escaped_for_json() {
        let v = round_trip(json!({ "s": "quote \" back \\ nl \n tab \t nul \u{0} bell \u{7}" }));
        assert_eq!(v["s"], "quote \" back \\ nl \n tab \t nul \u{0} bell \u{7}");
    }

    #[test]
    fn frames_split_where_chromium_put_them() {
        let one = from_json(r#"{"id":1}"#).unwrap();
        let two = from_json(r#"{"id":2,"result":{}}"#).unwrap();
        let both = [one.clone(), two].concat();
        assert_eq!(frame_len(&both[..3]).unwrap(), None);
        assert_eq!(frame_len(&both[..one.len() - 1]).unwrap(), None);
        assert_eq!(frame_len(&both).unwrap(), Some(one.len()));
    }

    #[test]
    fn an_answer_that_does_not_read_still_names_its_id() {
        // {"id": 7, "result": {"text": <an odd-length UTF-16 text>, "n": 1}}: to_json refuses it.
        let mut body = vec![0xbf];
        for (key, value) in [("result", None), ("id", Some(7u8))] {
            body.push(0x60 | key.len() as u8);
            body.extend_from_slice(key.as_bytes());
            match value {
                Some(id) => body.push(id),
                None => body.extend_from_slice(&[0xbf, 0x64, b't', b'e', b'x', b't', 0x43, 1, 2, 3, 0x61, b'n', 0x01, 0xff]),
            }
        }
        body.push(0xff);
        let mut frame = ENVELOPE_HEADER.to_vec();
        frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
        frame.extend_from_slice(&body);
        assert!(to_json(&frame).is_err());
        assert_eq!(answer_id(&frame), Some(7), "the id after the bad result is found");
        // Whole messages: an answer's id; an event has none.
        assert_eq!(answer_id(&from_json(r#"{"id":12,"result":{"a":[1,{"b":"c"}]}}"#).unwrap()), Some(12));
        assert_eq!(answer_id(&from_json(r#"{"result":{"a":[1,2,3]},"id":99}"#).unwrap()), Some(99));
        assert_eq!(answer_id(&from_json(r#"{"method":"Page.loadEventFired","params":{}}"#).unwrap()), None);
        // Structure lost: no id to trust.
        let mut cut = frame[..frame.len() - 4].to_vec();
        let len = (cut.len() - ENVELOPE_HEADER_LEN) as u32;
        cut[3..7].copy_from_slice(&len.to_be_bytes());
        assert_eq!(answer_id(&cut), None);
    }

    #[test]
    fn what_does_not_read_is_an_error_not_a_panic() {
        assert!(frame_len(b"{\"id\":1}\0").is_err());
        let good = from_json(r#"{"id":1,"params":{"a":"text"}}"#).unwrap();
        // Every truncation of the body, and bytes out of place.
        for cut in ENVELOPE_HEADER_LEN..good.len() {
            let mut frame = good[..cut].to_vec();
            let body = (cut - ENVELOPE_HEADER_LEN) as u32;
            frame[3..7].copy_from_slice(&body.to_be_bytes());
            assert!(to_json(&frame).is_err(), "cut at {cut}");
        }
        let mut deep = vec![];
        for _ in 0..400 {
            deep.push(0x81);
        }
        deep.push(0x01);
        let mut frame = ENVELOPE_HEADER.to_vec();
        frame.extend_from_slice(&(deep.len() as u32).to_be_bytes());
        frame.extend_from_slice(&deep);
        assert_eq!(to_json(&frame), Err(CborError("nested too deep".into())));
        // A length past the end.
        let mut frame = ENVELOPE_HEADER.to_vec();
        frame.extend_from_slice(&6u32.to_be_bytes());
        frame.extend_from_slice(&[0xbf, 0x7b, 0xff, 0xff, 0xff, 0xff]);
        assert!(to_json(&frame).is_err());
    }
}
