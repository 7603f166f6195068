//! DevTools over a pipe: how we talk to a Chromium we launch.
//!
//! With `--remote-debugging-pipe=cbor` Chromium reads CDP commands from file
//! descriptor 3 and writes answers and events to descriptor 4, in CBOR
//! (cdp_cbor.rs says why and converts; everything here speaks JSON text).
//! No TCP port is opened, so no other process on
//! the machine (of any user) can find a DevTools endpoint and read the
//! session keys out of the page; only we hold the pipe's ends.
//!
//! One pipe carries two kinds of client:
//! - the driver (chromiumoxide's handler), through [`PipeSocket`], on the
//!   pipe's root session, exactly as it would over a websocket;
//! - relays, one per puppeteer connection (`client.pupBrowser`): each gets a
//!   browser session of its own (`Target.attachToBrowserTarget`), which
//!   Chromium treats as a separate DevTools client, so puppeteer's
//!   auto-attach and target discovery never reach the driver. A relay's
//!   command ids are renumbered on the way in (Chromium parses ids as 32-bit
//!   integers; relays use the upper half, the driver counts up from 0) and
//!   restored on the way back.
//!
//! One router task owns the read end and the routing tables; one writer task
//! owns the write end. Everything else talks to them through channels.

use std::collections::HashMap;
use std::os::fd::OwnedFd;

pub use super::pipe_fds::PipePair;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use chromiumoxide::conn::{WsError, WsMessage};
use futures::{Sink, Stream};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::pipe;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;

use super::cdp_cbor;

/// The ids we put on relayed commands: the upper half of Chromium's 32-bit
/// range, where the driver's own counter (from 0) never gets.
const FIRST_RELAY_WIRE_ID: i64 = 1 << 30;
const LAST_RELAY_WIRE_ID: i64 = i32::MAX as i64;

/// One relay of a puppeteer connection, numbered per pipe.
pub type RelayId = u32;

/// What a relay hands up to its puppeteer transport.
#[derive(Debug, PartialEq)]
pub enum RelayOutput {
    /// One CDP message, as puppeteer would have read it from a websocket.
    Message(String),
    /// The relay or the whole pipe is gone.
    Closed,
}

/// The driver's side of the pipe, for `Browser::connect_with_socket`.
#[derive(Debug)]
pub struct PipeSocket {
    incoming: UnboundedReceiver<String>,
    outgoing: UnboundedSender<Vec<u8>>,
}

/// A handle on the pipe for relays (clone freely).
#[derive(Debug, Clone)]
pub struct DevToolsPipe {
    router: UnboundedSender<RouterInput>,
    next_relay: Arc<AtomicU32>,
}

#[derive(Debug)]
enum RouterInput {
    Open(RelayId, UnboundedSender<RelayOutput>),
    Send(RelayId, String),
    Close(RelayId),
}

/// Starts the router and writer tasks on the parent's ends of the two pipes.
/// `ready` resolves once Chromium has answered a first command.
pub fn start(from_browser: OwnedFd, to_browser: OwnedFd) -> std::io::Result<(PipeSocket, DevToolsPipe, oneshot::Receiver<()>)> {
    let reader = pipe::Receiver::from_owned_fd(from_browser)?;
    let writer = pipe::Sender::from_owned_fd(to_browser)?;
    let (out_tx, out_rx) = unbounded_channel::<Vec<u8>>();
    let (driver_tx, driver_rx) = unbounded_channel::<String>();
    let (router_tx, router_rx) = unbounded_channel::<RouterInput>();
    let (ready_tx, ready_rx) = oneshot::channel();
    tokio::spawn(write_loop(writer, out_rx));
    let mut router = Router::new(driver_tx, out_tx.clone());
    router.check_ready(ready_tx);
    tokio::spawn(router.run(reader, router_rx));
    let socket = PipeSocket { incoming: driver_rx, outgoing: out_tx };
    let handle = DevToolsPipe { router: router_tx, next_relay: Arc::new(AtomicU32::new(1)) };
    Ok((socket, handle, ready_rx))
}

impl DevToolsPipe {
    /// A new relay with a browser session of its own; its messages come out
    /// of the receiver, in order, ending with `Closed`.
    pub fn open_relay(&self) -> (RelayId, UnboundedReceiver<RelayOutput>) {
        let id = self.next_relay.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = unbounded_channel();
        if let Err(e) = self.router.send(RouterInput::Open(id, tx)) {
            if let RouterInput::Open(_, tx) = e.0 {
                let _ = tx.send(RelayOutput::Closed);
            }
        }
        (id, rx)
    }

    /// A CDP command from the relay's puppeteer (JSON text as puppeteer writes it).
    pub fn relay_send(&self, relay: RelayId, message: String) {
        let _ = self.router.send(RouterInput::Send(relay, message));
    }

    pub fn close_relay(&self, relay: RelayId) {
        let _ = self.router.send(RouterInput::Close(relay));
    }
}

async fn write_loop(mut writer: pipe::Sender, mut outgoing: UnboundedReceiver<Vec<u8>>) {
    while let Some(message) = outgoing.recv().await {
        if let Err(e) = writer.write_all(&message).await {
            crate::debug_log!("DevTools pipe: write failed: {e}");
            break;
        }
    }
}

/// A command as the pipe carries it (CBOR).
fn framed(command: &Value) -> Vec<u8> {
    cdp_cbor::encode(command)
}

/// What the router needs of a message from Chromium: whom it is for.
#[derive(Deserialize)]
struct Envelope<'a> {
    id: Option<i64>,
    #[serde(rename = "sessionId", borrow)]
    session_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
}

enum Pending {
    /// Our first command: Chromium is up.
    Ready(oneshot::Sender<()>),
    /// `Target.attachToBrowserTarget` for a new relay.
    Attach(RelayId),
    /// A relay's command: its own id, to be put back on the answer.
    Relayed { relay: RelayId, id: Value },
    /// An answer nobody waits for (detaching a closed relay).
    Discard,
}

struct Relay {
    out: UnboundedSender<RelayOutput>,
    /// The relay's browser session, once Chromium has attached it.
    browser_session: Option<String>,
    /// Commands sent before the browser session existed.
    queued: Vec<String>,
}

struct Router {
    driver: UnboundedSender<String>,
    writer: UnboundedSender<Vec<u8>>,
    relays: HashMap<RelayId, Relay>,
    pending: HashMap<i64, Pending>,
    /// Every session a relay owns (its browser session and what it attached
    /// through it) -> the relay.
    sessions: HashMap<String, RelayId>,
    /// Browser sessions of closed relays: Chromium's notice of their detach
    /// comes after the relay is gone, and is not the driver's either.
    retired: std::collections::HashSet<String>,
    next_wire_id: i64,
}

impl Router {
    fn new(driver: UnboundedSender<String>, writer: UnboundedSender<Vec<u8>>) -> Self {
        Router { driver, writer, relays: HashMap::new(), pending: HashMap::new(), sessions: HashMap::new(), retired: Default::default(), next_wire_id: FIRST_RELAY_WIRE_ID }
    }

    fn wire_id(&mut self) -> i64 {
        let id = self.next_wire_id;
        self.next_wire_id = if id >= LAST_RELAY_WIRE_ID { FIRST_RELAY_WIRE_ID } else { id + 1 };
        id
    }

    /// Sends a command of the router's own on the root session.
    fn send_own(&mut self, method: &str, params: Value, pending: Pending) {
        let id = self.wire_id();
        self.pending.insert(id, pending);
        let _ = self.writer.send(framed(&json!({ "id": id, "method": method, "params": params })));
    }

    fn check_ready(&mut self, ready: oneshot::Sender<()>) {
        self.send_own("Browser.getVersion", json!({}), Pending::Ready(ready));
    }

    async fn run(mut self, mut reader: pipe::Receiver, mut inputs: UnboundedReceiver<RouterInput>) {
        let mut buffer: Vec<u8> = Vec::with_capacity(64 * 1024);
        let mut chunk = vec![0u8; 64 * 1024];
        let mut broken = false;
        loop {
            tokio::select! {
                read = reader.read(&mut chunk) => match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // A message may span reads; each says its own length.
                        buffer.extend_from_slice(&chunk[..n]);
                        let mut from = 0;
                        loop {
                            match cdp_cbor::frame_len(&buffer[from..]) {
                                Ok(Some(len)) => {
                                    let frame = &buffer[from..from + len];
                                    match cdp_cbor::to_json(frame) {
                                        Ok(text) => self.from_browser(text.as_bytes()),
                                        // An answer that does not read still ends its command,
                                        // with an error, instead of leaving its caller waiting.
                                        Err(e) => match cdp_cbor::answer_id(frame) {
                                            Some(id) => {
                                                crate::debug_log!("DevTools pipe: the answer to {id} did not read: {e}");
                                                let error = json!({ "id": id, "error": { "code": -32603, "message": format!("{e} (the browser's answer could not be read)") } });
                                                self.from_browser(error.to_string().as_bytes());
                                            }
                                            None => crate::debug_log!("DevTools pipe: a message dropped: {e}"),
                                        },
                                    }
                                    from += len;
                                }
                                Ok(None) => break,
                                Err(e) => {
                                    // Framing is lost for good: nothing after this can be read.
                                    crate::debug_log!("DevTools pipe: {e}; closing");
                                    buffer.clear();
                                    from = 0;
                                    broken = true;
                                    break;
                                }
                            }
                        }
                        buffer.drain(..from);
                        if broken {
                            break;
                        }
                    }
                },
                input = inputs.recv() => match input {
                    Some(input) => self.from_relays(input),
                    // Every handle is gone: the browser is being closed.
                    None => break,
                },
            }
        }
        for relay in self.relays.values() {
            let _ = relay.out.send(RelayOutput::Closed);
        }
        // Dropping `driver` ends the driver's stream: the connection is gone.
    }

    fn from_browser(&mut self, raw: &[u8]) {
        let text = String::from_utf8_lossy(raw);
        let Ok(envelope) = serde_json::from_str::<Envelope<'_>>(&text) else {
            // Not ours to judge: the driver reports what it cannot parse.
            let _ = self.driver.send(text.into_owned());
            return;
        };
        if let Some(id) = envelope.id {
            match self.pending.remove(&id) {
                Some(pending) => self.answer(pending, &text),
                None => {
                    let _ = self.driver.send(text.into_owned());
                }
            }
            return;
        }
        let session = envelope.session_id.as_deref().map(str::to_string);
        let method = envelope.method.as_deref().unwrap_or("").to_string();
        match session.as_deref().and_then(|s| self.sessions.get(s).copied()) {
            Some(relay) => self.relay_event(relay, session.as_deref().unwrap_or(""), &method, &text),
            None if session.is_none() && self.is_relay_attachment(&method, &text) => {}
            None => {
                let _ = self.driver.send(text.into_owned());
            }
        }
    }

    /// Root-session notices about a relay's own browser session: the driver
    /// never attached to the browser target and must not see them.
    fn is_relay_attachment(&mut self, method: &str, text: &str) -> bool {
        if method != "Target.attachedToTarget" && method != "Target.detachedFromTarget" {
            return false;
        }
        let Ok(message) = serde_json::from_str::<Value>(text) else { return false };
        let params = &message["params"];
        let session = params["sessionId"].as_str().unwrap_or("");
        if method == "Target.detachedFromTarget" && self.retired.remove(session) {
            return true;
        }
        params["targetInfo"]["type"] == "browser" || self.sessions.contains_key(session)
    }

    fn answer(&mut self, pending: Pending, text: &str) {
        match pending {
            Pending::Ready(ready) => {
                let _ = ready.send(());
            }
            Pending::Discard => {}
            Pending::Attach(relay) => {
                let session = serde_json::from_str::<Value>(text).ok().and_then(|v| v["result"]["sessionId"].as_str().map(str::to_string));
                let Some(entry) = self.relays.get_mut(&relay) else {
                    // Closed while attaching: let the session go again.
                    if let Some(session) = session {
                        self.send_own("Target.detachFromTarget", json!({ "sessionId": session }), Pending::Discard);
                    }
                    return;
                };
                let Some(session) = session else {
                    crate::debug_log!("DevTools pipe: no browser session for a relay: {text}");
                    let _ = entry.out.send(RelayOutput::Closed);
                    self.relays.remove(&relay);
                    return;
                };
                entry.browser_session = Some(session.clone());
                let queued = std::mem::take(&mut entry.queued);
                self.sessions.insert(session, relay);
                for message in queued {
                    self.relay_command(relay, message);
                }
            }
            Pending::Relayed { relay, id } => {
                let Some(entry) = self.relays.get(&relay) else { return };
                let Ok(mut message) = serde_json::from_str::<Value>(text) else { return };
                message["id"] = id;
                strip_browser_session(&mut message, entry.browser_session.as_deref());
                let _ = entry.out.send(RelayOutput::Message(message.to_string()));
            }
        }
    }

    fn relay_event(&mut self, relay: RelayId, session: &str, method: &str, text: &str) {
        // Sessions the relay attaches through its own sessions are its too.
        if method == "Target.attachedToTarget" || method == "Target.detachedFromTarget" {
            if let Some(child) = serde_json::from_str::<Value>(text).ok().and_then(|v| v["params"]["sessionId"].as_str().map(str::to_string)) {
                if method == "Target.attachedToTarget" {
                    self.sessions.insert(child, relay);
                } else {
                    self.sessions.remove(&child);
                }
            }
        }
        let Some(entry) = self.relays.get(&relay) else { return };
        if entry.browser_session.as_deref() == Some(session) {
            let Ok(mut message) = serde_json::from_str::<Value>(text) else { return };
            strip_browser_session(&mut message, Some(session));
            let _ = entry.out.send(RelayOutput::Message(message.to_string()));
        } else {
            let _ = entry.out.send(RelayOutput::Message(text.to_string()));
        }
    }

    fn from_relays(&mut self, input: RouterInput) {
        match input {
            RouterInput::Open(relay, out) => {
                self.relays.insert(relay, Relay { out, browser_session: None, queued: Vec::new() });
                self.send_own("Target.attachToBrowserTarget", json!({}), Pending::Attach(relay));
            }
            RouterInput::Send(relay, message) => self.relay_command(relay, message),
            RouterInput::Close(relay) => {
                let Some(entry) = self.relays.remove(&relay) else { return };
                let _ = entry.out.send(RelayOutput::Closed);
                self.sessions.retain(|_, owner| *owner != relay);
                if let Some(session) = entry.browser_session {
                    self.send_own("Target.detachFromTarget", json!({ "sessionId": session.clone() }), Pending::Discard);
                    self.retired.insert(session);
                }
            }
        }
    }

    /// A command from a relay: checked, renumbered, put on its session.
    fn relay_command(&mut self, relay: RelayId, message: String) {
        let Some(entry) = self.relays.get_mut(&relay) else { return };
        let Some(browser_session) = entry.browser_session.clone() else {
            entry.queued.push(message);
            return;
        };
        let Ok(Value::Object(mut command)) = serde_json::from_str::<Value>(&message) else {
            crate::debug_log!("DevTools pipe: a relay sent something that is not a CDP command");
            return;
        };
        let Some(id) = command.get("id").filter(|id| id.is_number()).cloned() else { return };
        let refusal = match command.get("sessionId") {
            None => {
                command.insert("sessionId".into(), Value::String(browser_session));
                None
            }
            Some(Value::String(s)) if self.sessions.get(s) == Some(&relay) => None,
            // Only the relay's own sessions: the driver's and other relays' are not its to use.
            Some(other) => Some(json!({ "id": id, "sessionId": other, "error": { "code": -32001, "message": "Session with given id not found." } })),
        };
        if let Some(refusal) = refusal {
            let _ = entry.out.send(RelayOutput::Message(refusal.to_string()));
            return;
        }
        let wire = self.wire_id();
        command.insert("id".into(), json!(wire));
        self.pending.insert(wire, Pending::Relayed { relay, id });
        let _ = self.writer.send(framed(&Value::Object(command)));
    }
}

/// Puppeteer talks to its browser session as if it were the root one.
fn strip_browser_session(message: &mut Value, browser_session: Option<&str>) {
    if let (Some(object), Some(session)) = (message.as_object_mut(), browser_session) {
        if object.get("sessionId").and_then(Value::as_str) == Some(session) {
            object.remove("sessionId");
        }
    }
}

impl Stream for PipeSocket {
    type Item = Result<WsMessage, WsError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.incoming.poll_recv(cx).map(|text| text.map(|text| Ok(WsMessage::Text(text.into()))))
    }
}

impl Sink<WsMessage> for PipeSocket {
    type Error = WsError;

    fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), WsError>> {
        Poll::Ready(Ok(()))
    }

    fn start_send(self: Pin<&mut Self>, item: WsMessage) -> Result<(), WsError> {
        if let WsMessage::Text(text) = item {
            // chromiumoxide writes its commands as JSON text.
            let command: Value = serde_json::from_str(&text).map_err(|e| WsError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
            self.outgoing.send(framed(&command)).map_err(|_| WsError::ConnectionClosed)?;
        }
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), WsError>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), WsError>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router() -> (Router, UnboundedReceiver<String>, UnboundedReceiver<Vec<u8>>) {
        let (driver_tx, driver_rx) = unbounded_channel();
        let (writer_tx, writer_rx) = unbounded_channel();
        (Router::new(driver_tx, writer_tx), driver_rx, writer_rx)
    }

    fn written(rx: &mut UnboundedReceiver<Vec<u8>>) -> Value {
        let bytes = rx.try_recv().expect("a message written to the pipe");
        assert_eq!(cdp_cbor::frame_len(&bytes).unwrap(), Some(bytes.len()), "one whole CBOR message");
        serde_json::from_str(&cdp_cbor::to_json(&bytes).unwrap()).unwrap()
    }

    /// A relay whose browser session is `B`.
    fn attached(router: &mut Router, writes: &mut UnboundedReceiver<Vec<u8>>) -> UnboundedReceiver<RelayOutput> {
        let (tx, rx) = unbounded_channel();
        router.from_relays(RouterInput::Open(7, tx));
        let attach = written(writes);
        assert_eq!(attach["method"], "Target.attachToBrowserTarget");
        assert!(attach.get("sessionId").is_none());
        router.from_browser(json!({ "method": "Target.attachedToTarget", "params": { "sessionId": "B", "targetInfo": { "type": "browser" } } }).to_string().as_bytes());
        router.from_browser(json!({ "id": attach["id"], "result": { "sessionId": "B" } }).to_string().as_bytes());
        rx
    }

    fn relayed(rx: &mut UnboundedReceiver<RelayOutput>) -> Value {
        match rx.try_recv().expect("a message for the relay") {
            RelayOutput::Message(text) => serde_json::from_str(&text).unwrap(),
            RelayOutput::Closed => panic!("relay closed"),
        }
    }

    #[test]
    fn the_drivers_traffic_passes_untouched() {
        let (mut router, mut driver, _) = router();
        let answer = r#"{"id":3,"result":{}}"#;
        router.from_browser(answer.as_bytes());
        router.from_browser(br#"{"method":"Target.targetCreated","params":{}}"#);
        assert_eq!(driver.try_recv().unwrap(), answer);
        assert!(driver.try_recv().unwrap().contains("targetCreated"));
    }

    #[test]
    fn a_relay_talks_on_its_own_browser_session_with_its_own_ids() {
        let (mut router, mut driver, mut writes) = router();
        let mut relay = {
            let (tx, rx) = unbounded_channel();
            router.from_relays(RouterInput::Open(7, tx));
            // Queued until the browser session exists.
            router.from_relays(RouterInput::Send(7, r#"{"id":1,"method":"Target.getBrowserContexts","params":{}}"#.into()));
            let attach = written(&mut writes);
            router.from_browser(json!({ "method": "Target.attachedToTarget", "params": { "sessionId": "B", "targetInfo": { "type": "browser" } } }).to_string().as_bytes());
            router.from_browser(json!({ "id": attach["id"], "result": { "sessionId": "B" } }).to_string().as_bytes());
            rx
        };
        assert!(driver.try_recv().is_err(), "the driver never hears of the relay's browser session");
        let sent = written(&mut writes);
        assert_eq!(sent["sessionId"], "B");
        let wire = sent["id"].as_i64().unwrap();
        assert!(wire >= FIRST_RELAY_WIRE_ID && wire <= i32::MAX as i64);
        router.from_browser(json!({ "id": wire, "sessionId": "B", "result": { "browserContextIds": [] } }).to_string().as_bytes());
        let answer = relayed(&mut relay);
        assert_eq!(answer["id"], 1);
        assert!(answer.get("sessionId").is_none(), "puppeteer sees its browser session as the root");
        assert!(driver.try_recv().is_err());
    }

    #[test]
    fn sessions_attached_through_a_relay_are_the_relays() {
        let (mut router, mut driver, mut writes) = router();
        let mut relay = attached(&mut router, &mut writes);
        router.from_browser(json!({ "method": "Target.attachedToTarget", "sessionId": "B", "params": { "sessionId": "P", "targetInfo": { "type": "page" } } }).to_string().as_bytes());
        assert_eq!(relayed(&mut relay)["method"], "Target.attachedToTarget");
        router.from_browser(br#"{"method":"Runtime.consoleAPICalled","sessionId":"P","params":{}}"#);
        assert_eq!(relayed(&mut relay)["sessionId"], "P");
        router.from_relays(RouterInput::Send(7, r#"{"id":9,"sessionId":"P","method":"Runtime.evaluate","params":{}}"#.into()));
        assert_eq!(written(&mut writes)["sessionId"], "P");
        // The driver's own sessions are not the relay's to use.
        router.from_relays(RouterInput::Send(7, r#"{"id":10,"sessionId":"DRIVER","method":"Runtime.evaluate","params":{}}"#.into()));
        assert!(writes.try_recv().is_err());
        assert!(relayed(&mut relay)["error"]["message"].as_str().unwrap().contains("not found"));
        assert!(driver.try_recv().is_err());
    }

    #[test]
    fn closing_a_relay_detaches_its_session_and_says_closed() {
        let (mut router, mut driver, mut writes) = router();
        let mut relay = attached(&mut router, &mut writes);
        router.from_relays(RouterInput::Close(7));
        assert_eq!(relay.try_recv().unwrap(), RelayOutput::Closed);
        let detach = written(&mut writes);
        assert_eq!(detach["method"], "Target.detachFromTarget");
        assert_eq!(detach["params"]["sessionId"], "B");
        router.from_browser(json!({ "method": "Target.detachedFromTarget", "params": { "sessionId": "B" } }).to_string().as_bytes());
        router.from_browser(json!({ "id": detach["id"], "result": {} }).to_string().as_bytes());
        assert!(driver.try_recv().is_err(), "neither the detach notice nor the answer to our own detach is the driver's");
    }

    #[tokio::test]
    async fn messages_are_split_where_their_lengths_say_across_reads() {
        let (pair, child_reads, child_writes) = PipePair::new().unwrap().with_child_ends_for_tests();
        let (from_browser, to_browser) = pair;
        let (mut socket, _pipe, ready) = start(from_browser, to_browser).unwrap();
        let mut chromium_in = pipe::Receiver::from_owned_fd(child_reads).unwrap();
        let mut chromium_out = pipe::Sender::from_owned_fd(child_writes).unwrap();
        // The readiness probe arrives first, in CBOR.
        let mut probe = vec![0u8; 256];
        let n = chromium_in.read(&mut probe).await.unwrap();
        assert_eq!(cdp_cbor::frame_len(&probe[..n]).unwrap(), Some(n));
        let probe: Value = serde_json::from_str(&cdp_cbor::to_json(&probe[..n]).unwrap()).unwrap();
        assert_eq!(probe["method"], "Browser.getVersion");
        // Chromium's answer to it and a second message, cut in the middle of the second.
        let first = cdp_cbor::from_json(&format!("{{\"id\":{},\"result\":{{}}}}", probe["id"])).unwrap();
        let second = cdp_cbor::from_json(r#"{"id":1,"result":{"value":"é"}}"#).unwrap();
        let cut = second.len() / 2;
        chromium_out.write_all(&[first, second[..cut].to_vec()].concat()).await.unwrap();
        chromium_out.write_all(&second[cut..]).await.unwrap();
        ready.await.unwrap();
        use futures::StreamExt;
        match socket.next().await.unwrap().unwrap() {
            WsMessage::Text(text) => assert_eq!(text.as_str(), r#"{"id":1,"result":{"value":"é"}}"#),
            other => panic!("{other:?}"),
        }
        // An answer whose content does not read (a UTF-16 text of odd length) still ends its
        // command: the driver gets an error answer for its id.
        let mut bad = cdp_cbor::from_json(r#"{"id":5,"result":{"t":"x"}}"#).unwrap();
        let at = bad.windows(2).position(|w| w == [0x61, b'x']).unwrap();
        bad[at] = 0x41;
        assert!(cdp_cbor::to_json(&bad).is_err());
        chromium_out.write_all(&bad).await.unwrap();
        match socket.next().await.unwrap().unwrap() {
            WsMessage::Text(text) => {
                let answer: Value = serde_json::from_str(text.as_str()).unwrap();
                assert_eq!(answer["id"], 5);
                assert!(answer["error"]["message"].as_str().unwrap().contains("could not be read"), "{answer}");
            }
            other => panic!("{other:?}"),
        }
    }
}
