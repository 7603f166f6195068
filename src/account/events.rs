//! Page callbacks of the account (src/page/events/subscribe.js) and the
//! events they become, each message once. The browser hands them up raw
//! (their `t` is one of [`EVENT_TYPES`]); [`parse_event`] checks them.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{json, Value};

use super::calls::Call;
use crate::browser::{PageHandle, BINDING};
use crate::chat::Chat;
use crate::errors::ClientError;
use crate::message::{GroupNotification, Message, RawMessage, ACK_RANGE};
use serde::Deserialize;
use crate::reaction::Reaction;

use super::PollVote;
use crate::session::EventInterest;

const SUBSCRIBE: &str = page_fn!("events/subscribe.js");
const FORWARD_UNREAD: &str = page_fn!("events/forward_unread.js");

/// Hooks the page's message collection (once per document): new messages and
/// acks come back through the binding.
pub(super) async fn subscribe(page: &PageHandle, interest: &EventInterest) -> Result<(), ClientError> {
    let interest = json!({ "unreadCount": interest.unread_count });
    crate::browser::call(page, "subscribing to messages", SUBSCRIBE, vec![json!(BINDING), interest], super::LIMIT).await?;
    super::messages::patch_locations(page).await?;
    super::polls::subscribe_votes(page).await
}

/// Has the page report one chat's unread count through the binding (see
/// `AccountCommand::ForwardUnread`).
pub(super) async fn forward_unread(page: &PageHandle, chat_id: &str) -> Result<(), ClientError> {
    crate::browser::call(page, "reading an unread count", FORWARD_UNREAD, vec![json!(chat_id)], super::LIMIT).await.map(|_| ())
}

/// A page callback of the account (see src/page/events/subscribe.js).
#[derive(Debug, Clone, PartialEq)]
pub enum AccountEvent {
    /// `Msg` `add` of a new message (received, sent here, or sent from the phone).
    Message(Box<Message>),
    /// `Msg` `change:ack`.
    Ack(Box<Message>, i64),
    /// `Msg` `change:type` to `revoked`: deleted for everyone.
    Revoke(Box<Message>),
    /// Rows written to the reaction table (received, or sent by this account).
    Reaction(Box<Reaction>),
    /// A new `gp2` notification (someone joined, left, …).
    Group(Box<GroupNotification>),
    /// `Msg` `change:body` / `change:caption`: the message now, its new and its previous text.
    Edit(Box<Message>, String, String),
    /// `Msg` `remove` of a new message: deleted for me (on this device or another).
    RemovedForMe(Box<Message>),
    /// `Chat` `change:archive`: the chat now, the new and the previous state.
    ChatArchived(Box<Chat>, bool, bool),
    /// `Chat` `change:unreadCount`: the chat now.
    UnreadCount(Box<Chat>),
    /// `Chat` `remove`: the chat as it was, deleted here or on another device.
    ChatRemoved(Box<Chat>),
    /// A new message that arrived encrypted (`type: 'ciphertext'`, no body yet).
    Ciphertext(Box<Message>),
    /// Such a message still not decrypted 15 s later.
    CiphertextFailed(Box<Message>),
    /// `Msg` `change:isUnsentMedia` to false on a message of this account: its file is uploaded.
    MediaUploaded(Box<Message>),
    /// Rows written to the poll vote table (a vote, changed or taken back).
    Vote(Box<PollVote>),
    /// `Chat` `change:unreadCount` while the page was told nobody listens:
    /// only the chat's id (a listener may have come since; see EventInterest).
    UnreadChanged(String),
    /// A call model set in `WAWebCallCollection` (an incoming call).
    Call(Box<Call>),
    /// A `notification_template` `change_number` (a contact) or a `gp2` `modify` (a group
    /// participant) changed: the notification, the old id, the new id, whether a contact.
    ContactChanged(Box<Message>, String, String, bool),
}

/// What the client emits, in whatsapp-web.js's names.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountEmit {
    MessageCreate(Box<Message>),
    Message(Box<Message>),
    MessageAck(Box<Message>, i64),
    /// The revoked message now, and as it was before (when it was seen).
    MessageRevokeEveryone(Box<Message>, Option<Box<Message>>),
    MessageReaction(Box<Reaction>),
    /// `group_join`, `group_leave`, … (named by [`GroupNotification::event_name`]).
    Group(Box<GroupNotification>),
    /// `(message, newBody, prevBody)`.
    MessageEdit(Box<Message>, String, String),
    MessageRevokeMe(Box<Message>),
    /// `(chat, currState, prevState)`.
    ChatArchived(Box<Chat>, bool, bool),
    UnreadCount(Box<Chat>),
    ChatRemoved(Box<Chat>),
    MessageCiphertext(Box<Message>),
    MessageCiphertextFailed(Box<Message>),
    MediaUploaded(Box<Message>),
    VoteUpdate(Box<PollVote>),
    Call(Box<Call>),
    /// `(message, oldId, newId, isContact)`.
    ContactChanged(Box<Message>, String, String, bool),
}

impl AccountEmit {
    pub fn name(&self) -> &'static str {
        match self {
            AccountEmit::MessageCreate(_) => "message_create",
            AccountEmit::Message(_) => "message",
            AccountEmit::MessageAck(..) => "message_ack",
            AccountEmit::MessageRevokeEveryone(..) => "message_revoke_everyone",
            AccountEmit::MessageReaction(_) => "message_reaction",
            AccountEmit::Group(n) => n.event_name(),
            AccountEmit::MessageEdit(..) => "message_edit",
            AccountEmit::MessageRevokeMe(_) => "message_revoke_me",
            AccountEmit::ChatArchived(..) => "chat_archived",
            AccountEmit::UnreadCount(_) => "unread_count",
            AccountEmit::ChatRemoved(_) => "chat_removed",
            AccountEmit::MessageCiphertext(_) => "message_ciphertext",
            AccountEmit::MessageCiphertextFailed(_) => "message_ciphertext_failed",
            AccountEmit::MediaUploaded(_) => "media_uploaded",
            AccountEmit::VoteUpdate(_) => "vote_update",
            AccountEmit::Call(_) => "call",
            AccountEmit::ContactChanged(..) => "contact_changed",
        }
    }

    /// The listener arguments, each as JSON text: a message's raw fields stay the page's text
    /// (crate::message::RawFields) all the way to JavaScript, which parses them once.
    pub fn args_json(&self) -> Vec<Box<serde_json::value::RawValue>> {
        use serde_json::value::{to_raw_value, RawValue};
        // Serializing the client's own types cannot fail (no maps with non-string keys).
        fn raw<T: serde::Serialize + ?Sized>(v: &T) -> Box<RawValue> {
            to_raw_value(v).unwrap_or_else(|_| to_raw_value(&Value::Null).expect("null is JSON"))
        }
        let null = || raw(&Value::Null);
        let args: Vec<Box<serde_json::value::RawValue>> = match self {
            AccountEmit::MessageCreate(msg) | AccountEmit::Message(msg) => vec![raw(msg)],
            AccountEmit::MessageAck(msg, ack) => vec![raw(msg), raw(ack)],
            AccountEmit::MessageRevokeEveryone(now, before) => vec![raw(now), before.as_deref().map(|b| raw(b)).unwrap_or_else(null)],
            AccountEmit::MessageReaction(r) => vec![raw(r)],
            AccountEmit::Group(n) => vec![raw(n)],
            AccountEmit::MessageEdit(msg, new, prev) => vec![raw(msg), raw(new), raw(prev)],
            AccountEmit::MessageRevokeMe(msg) | AccountEmit::MessageCiphertext(msg) | AccountEmit::MessageCiphertextFailed(msg) | AccountEmit::MediaUploaded(msg) => vec![raw(msg)],
            AccountEmit::ChatArchived(chat, now, before) => vec![raw(chat), raw(now), raw(before)],
            AccountEmit::UnreadCount(chat) | AccountEmit::ChatRemoved(chat) => vec![raw(chat)],
            AccountEmit::VoteUpdate(vote) => vec![raw(vote)],
            AccountEmit::Call(call) => vec![raw(call)],
            AccountEmit::ContactChanged(msg, old, new, is_contact) => vec![raw(msg), raw(old), raw(new), raw(is_contact)],
        };
        args
    }

    /// The listener arguments as values (for tests and checks; the client takes [`Self::args_json`]).
    pub fn args(&self) -> Vec<Value> {
        self.args_json().iter().map(|a| serde_json::from_str(a.get()).unwrap_or(Value::Null)).collect()
    }
}

/// The page event types of the account (the `t` of a binding payload).
pub const EVENT_TYPES: [&str; 16] = [
    "msg",
    "ack",
    "revoke",
    "reaction",
    "edit",
    "removed",
    "archive",
    "unread",
    "unread-id",
    "ciphertext",
    "ciphertext-failed",
    "vote",
    "call",
    "contact-changed",
    "chat-removed",
    "media-uploaded",
];

/// The longest message text WhatsApp takes, in UTF-16 units as the page counts them (bytes here:
/// up to four per unit, and a previous body is checked the same way).
const MAX_BODY_BYTES: usize = 4 * 65_536;

/// Parses a binding payload of the account (`t` is one of [`EVENT_TYPES`]).
pub fn parse_event(v: &Value) -> Option<AccountEvent> {
    let dropped = |e: ClientError| crate::debug_log!("dropped a page event: {e}");
    let t = v.get("t")?.as_str()?;
    if t == "reaction" {
        return Reaction::from_value(v.get("r")?).map_err(dropped).ok().map(|r| AccountEvent::Reaction(Box::new(r)));
    }
    if t == "vote" {
        let parent = v.get("parent").filter(|p| !p.is_null()).map(Message::from_value).transpose().map_err(dropped).ok()?;
        return PollVote::from_value(v.get("v")?, parent).map_err(dropped).ok().map(|vote| AccountEvent::Vote(Box::new(vote)));
    }
    if t == "unread-id" {
        return crate::wid::chat_id(v.get("id")?).map_err(dropped).ok().map(AccountEvent::UnreadChanged);
    }
    if t == "call" {
        return Call::from_value(v.get("c")?).map_err(dropped).ok().map(|c| AccountEvent::Call(Box::new(c)));
    }
    if t == "archive" || t == "unread" || t == "chat-removed" {
        let chat = Box::new(Chat::from_value(v.get("c")?).map_err(dropped).ok()?);
        return Some(match t {
            "archive" => AccountEvent::ChatArchived(chat, v.get("now")?.as_bool()?, v.get("before")?.as_bool()?),
            "chat-removed" => AccountEvent::ChatRemoved(chat),
            _ => AccountEvent::UnreadCount(chat),
        });
    }
    let record = v.get("m")?;
    let raw = RawMessage::deserialize(record).map_err(|e| crate::debug_log!("dropped a page event: a malformed message ({e})")).ok()?;
    let message = Message::from_page(raw.clone()).map_err(dropped).ok()?;
    match v.get("t")?.as_str()? {
        // Group notifications are not messages to whatsapp-web.js: they have events of their own.
        "msg" if message.kind == "gp2" => GroupNotification::from_raw(raw).map_err(dropped).ok()?.map(|n| AccountEvent::Group(Box::new(n))),
        "msg" => Some(AccountEvent::Message(Box::new(message))),
        "revoke" => Some(AccountEvent::Revoke(Box::new(message))),
        "removed" => Some(AccountEvent::RemovedForMe(Box::new(message))),
        "ciphertext" => Some(AccountEvent::Ciphertext(Box::new(message))),
        "ciphertext-failed" => Some(AccountEvent::CiphertextFailed(Box::new(message))),
        // Only the account's own messages upload files.
        "media-uploaded" if message.from_me => Some(AccountEvent::MediaUploaded(Box::new(message))),
        "contact-changed" => {
            let (old, new, is_contact) = changed_ids(&raw, v.get("params")).map_err(dropped).ok()?;
            Some(AccountEvent::ContactChanged(Box::new(message), old, new, is_contact))
        }
        "edit" => {
            let text = |k: &str| match v.get(k) {
                Some(Value::String(s)) if s.len() <= MAX_BODY_BYTES => Some(s.clone()),
                Some(Value::Null) | None => Some(String::new()),
                _ => None,
            };
            Some(AccountEvent::Edit(Box::new(message), text("newBody")?, text("prevBody")?))
        }
        "ack" => {
            let ack = v.get("ack")?.as_i64().filter(|a| ACK_RANGE.contains(a))?;
            Some(AccountEvent::Ack(Box::new(message), ack))
        }
        _ => None,
    }
}

/// How many message ids are remembered to keep a message from being emitted twice
/// (a page that reloads may hand the same new message over again).
const REMEMBERED: usize = 10_000;

/// How many of the latest messages are kept whole, to hand a revoked one over
/// as it was (`message_revoke_everyone`'s second argument).
const KEPT: usize = 1_000;

/// The account's part of the session state.
#[derive(Debug, Default)]
pub struct AccountState {
    seen: HashSet<String>,
    order: VecDeque<String>,
    kept: HashMap<String, Box<Message>>,
    kept_order: VecDeque<String>,
}

impl AccountState {
    /// The events for a page callback: `message_create` for every new message,
    /// `message` too when someone else sent it; each message once.
    pub fn emits(&mut self, event: AccountEvent) -> Vec<AccountEmit> {
        match event {
            // Never a message without its body: it comes as `msg` again once decrypted.
            AccountEvent::Message(msg) if msg.kind == "ciphertext" => Vec::new(),
            AccountEvent::Message(msg) => {
                if !self.first_time(&msg.id.serialized) {
                    return Vec::new();
                }
                self.keep(&msg);
                let mut out = vec![AccountEmit::MessageCreate(msg.clone())];
                if !msg.from_me {
                    out.push(AccountEmit::Message(msg));
                }
                out
            }
            AccountEvent::Ack(msg, ack) => vec![AccountEmit::MessageAck(msg, ack)],
            AccountEvent::Revoke(msg) => {
                let before = self.kept.get(&msg.id.serialized).filter(|m| m.kind != "revoked").cloned();
                vec![AccountEmit::MessageRevokeEveryone(msg, before)]
            }
            AccountEvent::Reaction(r) => vec![AccountEmit::MessageReaction(r)],
            AccountEvent::Group(n) => {
                if !self.first_time(&n.id.serialized) {
                    return Vec::new();
                }
                vec![AccountEmit::Group(n)]
            }
            // As whatsapp-web.js (src/Client.js:956-976): a revoke also changes the body; that
            // is message_revoke_everyone, not an edit. So is a text that did not change.
            AccountEvent::Edit(msg, new, prev) => {
                if msg.kind == "revoked" || new == prev {
                    return Vec::new();
                }
                if let Some(kept) = self.kept.get_mut(&msg.id.serialized) {
                    kept.body = msg.body.clone();
                }
                vec![AccountEmit::MessageEdit(msg, new, prev)]
            }
            AccountEvent::RemovedForMe(msg) => vec![AccountEmit::MessageRevokeMe(msg)],
            // Once each, and never for a message already emitted whole.
            AccountEvent::Ciphertext(msg) => {
                if self.seen.contains(&msg.id.serialized) || !self.first_time(&format!("ciphertext:{}", msg.id.serialized)) {
                    return Vec::new();
                }
                vec![AccountEmit::MessageCiphertext(msg)]
            }
            AccountEvent::CiphertextFailed(msg) => {
                if self.seen.contains(&msg.id.serialized) || !self.first_time(&format!("failed:{}", msg.id.serialized)) {
                    return Vec::new();
                }
                vec![AccountEmit::MessageCiphertextFailed(msg)]
            }
            // Once per message: the flag goes back to true only if a send is retried.
            AccountEvent::MediaUploaded(msg) => {
                if !self.first_time(&format!("uploaded:{}", msg.id.serialized)) {
                    return Vec::new();
                }
                vec![AccountEmit::MediaUploaded(msg)]
            }
            AccountEvent::ChatArchived(chat, now, before) => vec![AccountEmit::ChatArchived(chat, now, before)],
            AccountEvent::UnreadCount(chat) => vec![AccountEmit::UnreadCount(chat)],
            AccountEvent::ChatRemoved(chat) => vec![AccountEmit::ChatRemoved(chat)],
            AccountEvent::Vote(vote) => vec![AccountEmit::VoteUpdate(vote)],
            // Nothing to emit from an id: the session asks the page for the chat if someone listens.
            AccountEvent::UnreadChanged(_) => Vec::new(),
            // whatsapp-web.js emits on every set() of the call map; once per call here.
            AccountEvent::Call(call) => {
                if !self.first_time(&format!("call:{}", call.id)) {
                    return Vec::new();
                }
                vec![AccountEmit::Call(call)]
            }
            // whatsapp-web.js emits on every `change` of the notification; once per notification here.
            AccountEvent::ContactChanged(msg, old, new, is_contact) => {
                if !self.first_time(&format!("changed:{}", msg.id.serialized)) {
                    return Vec::new();
                }
                vec![AccountEmit::ContactChanged(msg, old, new, is_contact)]
            }
        }
    }
}

impl AccountState {
    /// Whether this message id is new to the client (remembering the latest ones).
    fn first_time(&mut self, id: &str) -> bool {
        if !self.seen.insert(id.to_string()) {
            return false;
        }
        self.order.push_back(id.to_string());
        if self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        true
    }

    fn keep(&mut self, msg: &Message) {
        if self.kept.insert(msg.id.serialized.clone(), Box::new(msg.clone())).is_none() {
            self.kept_order.push_back(msg.id.serialized.clone());
            if self.kept_order.len() > KEPT {
                if let Some(old) = self.kept_order.pop_front() {
                    self.kept.remove(&old);
                }
            }
        }
    }
}

/// `contact_changed`'s ids, read as whatsapp-web.js reads them (main 2dc9466
/// src/Client.js:701-751): a participant's (`gp2` `modify`) new id is the first recipient and
/// the old one the author; a contact's (`notification_template` `change_number`) new id is the
/// notification's `to` and the old one the template parameter that is not the new id.
/// whatsapp-web.js compares the parameters (strings) with `to` as a wid object, so it always
/// takes the first parameter, the new number when it sorts first; and it hands the new id over
/// as that object where its index.d.ts promises a string. Both are strings here, the old id the
/// other parameter.
fn changed_ids(record: &RawMessage, params: Option<&Value>) -> Result<(String, String, bool), ClientError> {
    let bad = |why: &str| ClientError::PageScript(format!("the page sent a number change with {why}"));
    let user = |v: Option<&str>, what: &str| {
        let id = crate::wid::chat_id(&json!(v)).map_err(|_| bad(&format!("a malformed {what}")))?;
        if id.ends_with("@g.us") {
            return Err(bad(&format!("a group as the {what}")));
        }
        Ok(id)
    };
    match (record.kind.as_str(), record.subtype.as_deref()) {
        ("gp2", Some("modify")) => {
            let new = record.recipients.first().map(String::as_str);
            Ok((user(record.author.as_deref(), "old id")?, user(new, "new id")?, false))
        }
        ("notification_template", Some("change_number")) => {
            let new = user(record.to.as_deref(), "new id")?;
            let list = params.and_then(Value::as_array).filter(|l| l.len() <= 16).ok_or_else(|| bad("no template parameters"))?;
            let old = list.iter().filter_map(Value::as_str).find(|p| *p != new).ok_or_else(|| bad("no old id"))?;
            Ok((user(Some(old), "old id")?, new, true))
        }
        _ => Err(bad("a notification of another kind")),
    }
}
