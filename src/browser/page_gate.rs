//! The gate every page callback passes before it reaches the session.
//!
//! Any script in the page can call the binding, as often and with whatever
//! it likes. The gate drops payloads above a size cap, repeated progress
//! values, and anything beyond a generous rate, in callbacks (login callbacks
//! and those handed up raw, the account's, each have their own bucket) and in bytes (far above what
//! WhatsApp Web sends even during a thousand pairing-code cycles or after a
//! long time offline), so a flood cannot grow the queues to the session and to
//! JavaScript without bound.

use std::time::Instant;

use crate::session::PageEvent;

/// The largest payload accepted. Login callbacks are small (a QR text is ~250
/// bytes), but a new message carries its text: up to 65,536 characters in
/// WhatsApp, which JSON may escape to six bytes each (`\uXXXX`), with its
/// fields around it. A smaller cap would drop long messages without a trace.
pub const MAX_PAYLOAD: usize = 512 * 1024;
/// Burst size and sustained rate of admitted login and socket callbacks
/// (QR, state, progress, …): far above what WhatsApp Web sends even during a
/// thousand pairing-code cycles.
const BURST: f64 = 2000.0;
const PER_SECOND: f64 = 1000.0;
/// The same for the callbacks handed up raw: the account's (messages, acks,
/// chat changes; src/account/events.rs). After
/// a long time offline WhatsApp Web hands over thousands of messages at once,
/// each with an `unread_count` callback besides: those must all pass
/// (measured: 4,000 messages in ~6 s were cut by the login bucket). Memory is
/// bounded by the byte bucket below.
const RAW_BURST: f64 = 20_000.0;
const RAW_PER_SECOND: f64 = 10_000.0;
/// Burst size and sustained rate of admitted payload bytes, all callbacks
/// together (a burst of 2,000 ordinary messages is a few MiB; 2,000 payloads
/// at the cap would be 1 GiB).
const BYTES_BURST: f64 = 32.0 * 1024.0 * 1024.0;
const BYTES_PER_SECOND: f64 = 16.0 * 1024.0 * 1024.0;

/// A token bucket: `burst` at once, refilled at `rate` per second.
struct Bucket {
    tokens: f64,
    refilled: Instant,
    burst: f64,
    rate: f64,
}

impl Bucket {
    fn new(burst: f64, rate: f64, now: Instant) -> Bucket {
        Bucket { tokens: burst, refilled: now, burst, rate }
    }

    /// Takes `amount` tokens if there are that many.
    fn take(&mut self, amount: f64, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.refilled).as_secs_f64();
        self.refilled = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if amount > self.tokens {
            return false;
        }
        self.tokens -= amount;
        true
    }
}

pub struct PageGate {
    callbacks: Bucket,
    raw_callbacks: Bucket,
    bytes: Bucket,
    last_progress: Option<u8>,
    dropped: u64,
}

impl Default for PageGate {
    fn default() -> Self {
        let now = Instant::now();
        PageGate {
            callbacks: Bucket::new(BURST, PER_SECOND, now),
            raw_callbacks: Bucket::new(RAW_BURST, RAW_PER_SECOND, now),
            bytes: Bucket::new(BYTES_BURST, BYTES_PER_SECOND, now),
            last_progress: None,
            dropped: 0,
        }
    }
}

impl PageGate {
    /// Whether a raw payload may be parsed at all.
    pub fn admit_payload(&mut self, payload: &str) -> bool {
        self.admit_payload_at(payload, Instant::now())
    }

    fn admit_payload_at(&mut self, payload: &str, now: Instant) -> bool {
        if payload.len() > MAX_PAYLOAD {
            self.drop_one(|| format!("a page callback of {} bytes (limit {MAX_PAYLOAD})", payload.len()));
            return false;
        }
        if !self.bytes.take(payload.len() as f64, now) {
            self.drop_one(|| "page callbacks beyond the byte rate limit".into());
            return false;
        }
        true
    }

    /// Whether a parsed login event goes on to the session.
    pub fn admit_event(&mut self, event: &PageEvent) -> bool {
        self.admit_event_at(event, Instant::now())
    }

    fn admit_event_at(&mut self, event: &PageEvent, now: Instant) -> bool {
        match event {
            // A new document starts its progress afresh.
            PageEvent::Document { .. } => self.last_progress = None,
            PageEvent::Progress(p) if self.last_progress == Some(*p) => return false,
            PageEvent::Progress(p) => self.last_progress = Some(*p),
            _ => {}
        }
        if !self.callbacks.take(1.0, now) {
            self.drop_one(|| "page callbacks beyond the rate limit".into());
            return false;
        }
        true
    }

    /// Whether a callback handed up raw (the account's) goes on to the session.
    pub fn admit_raw(&mut self) -> bool {
        self.admit_raw_at(Instant::now())
    }

    fn admit_raw_at(&mut self, now: Instant) -> bool {
        if !self.raw_callbacks.take(1.0, now) {
            self.drop_one(|| "page callbacks beyond the rate limit".into());
            return false;
        }
        true
    }

    fn drop_one(&mut self, what: impl FnOnce() -> String) {
        self.dropped += 1;
        // One line per power of two: a flood does not flood the log too.
        if self.dropped.is_power_of_two() {
            crate::debug_log!("page: dropped {} ({} dropped so far)", what(), self.dropped);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn callbacks_must_have_whatsapp_webs_shapes() {
        let parse = super::super::parse_page_event;
        assert!(matches!(parse(r#"{"t":"version","v":"2.3000.1017054665"}"#), Some(PageEvent::Version { .. })));
        assert!(matches!(parse(r#"{"t":"version","v":"2.3000.0-beta"}"#), Some(PageEvent::Version { .. })), "any short printable version logs in");
        assert!(parse(r#"{"t":"version","v":"2.3000\n1"}"#).is_none(), "not a control character");
        assert!(parse(&format!(r#"{{"t":"version","v":"{}"}}"#, "1".repeat(65))).is_none(), "nor a long text");
        assert!(parse(r#"{"t":"version","v":""}"#).is_none());
        assert!(matches!(parse(r#"{"t":"loaded"}"#), Some(PageEvent::Loaded)));
        assert!(matches!(parse(r#"{"t":"state","v":"CONNECTED"}"#), Some(PageEvent::State(_))));
        assert!(parse(r#"{"t":"state","v":"A B"}"#).is_none());
        assert!(parse(&format!(r#"{{"t":"state","v":"{}"}}"#, "A".repeat(65))).is_none());
        assert!(matches!(parse(r#"{"t":"qr","seq":1,"qr":"2@ref,key,key,secret,1"}"#), Some(PageEvent::Qr { .. })));
        assert!(parse(r#"{"t":"qr","seq":1,"qr":"2@ref key"}"#).is_none());
        assert!(parse(&format!(r#"{{"t":"qr","seq":1,"qr":"{}"}}"#, "x".repeat(2049))).is_none());
        assert!(parse(r#"{"t":"progress","v":"50"}"#).is_none());
        assert!(parse(r#"{"t":"unknown"}"#).is_none());
        assert!(parse(r#"{"t":"msg","m":{}}"#).is_none(), "the account's callbacks go up raw, unread here");
    }

    #[test]
    fn oversized_payloads_are_refused() {
        let mut gate = PageGate::default();
        assert!(gate.admit_payload(&"x".repeat(MAX_PAYLOAD)));
        assert!(!gate.admit_payload(&"x".repeat(MAX_PAYLOAD + 1)));
    }

    #[test]
    fn the_raw_callbacks_have_a_bucket_of_their_own() {
        let mut gate = PageGate::default();
        let start = Instant::now();
        let admitted = (0..100_000).filter(|_| gate.admit_raw_at(start)).count();
        assert_eq!(admitted, RAW_BURST as usize, "thousands of messages at once pass");
        assert!(gate.admit_event_at(&PageEvent::Synced, start), "and login callbacks still have theirs");
    }

    #[test]
    fn a_flood_of_large_payloads_is_cut_to_the_byte_rate() {
        let mut gate = PageGate::default();
        let start = Instant::now();
        let big = "x".repeat(MAX_PAYLOAD);
        let admitted = (0..1000).filter(|_| gate.admit_payload_at(&big, start)).count();
        assert_eq!(admitted, (BYTES_BURST / MAX_PAYLOAD as f64) as usize, "the byte bucket, not the callback count, bounds them");
        let later = start + Duration::from_millis(500);
        let admitted = (0..1000).filter(|_| gate.admit_payload_at(&big, later)).count();
        assert_eq!(admitted, (BYTES_PER_SECOND / 2.0 / MAX_PAYLOAD as f64) as usize, "then the sustained byte rate");
        // A long message (65,536 characters, each escaped) still fits the cap.
        assert!(format!(r#"{{"t":"msg","m":{{"body":"{}"}}}}"#, "\\u00e9".repeat(65_536)).len() <= MAX_PAYLOAD);
    }

    #[test]
    fn repeated_progress_is_coalesced_until_a_new_document() {
        let mut gate = PageGate::default();
        assert!(gate.admit_event(&PageEvent::Progress(10)));
        assert!(!gate.admit_event(&PageEvent::Progress(10)));
        assert!(gate.admit_event(&PageEvent::Progress(20)));
        assert!(gate.admit_event(&PageEvent::Document { url: "https://web.whatsapp.com/".into() }));
        assert!(gate.admit_event(&PageEvent::Progress(20)));
    }

    #[test]
    fn a_flood_is_cut_to_the_rate_and_recovers() {
        let mut gate = PageGate::default();
        let start = Instant::now();
        let admitted = (0..100_000).filter(|i| gate.admit_event_at(&PageEvent::State(format!("S{}", i % 2)), start)).count();
        assert_eq!(admitted, BURST as usize, "a burst beyond the bucket is dropped");
        let later = start + Duration::from_millis(100);
        let admitted = (0..1000).filter(|_| gate.admit_event_at(&PageEvent::Synced, later)).count();
        assert_eq!(admitted, (PER_SECOND / 10.0) as usize, "then the sustained rate");
    }
}
