//! The message record the page sends (src/page/models.js `message`): WhatsApp Web's serialized
//! `Msg` model once, as whatsapp-web.js's `msg._data` has it (`raw`), plus the few things that
//! are not among its fields (`hasQuotedMsg`, `hasMedia`, a poll's or an event's secret, …).
//!
//! The model's fields used to come twice, once typed and once raw. Every message event and every
//! chat of `getChats()` carries one, and Chromium's DevTools moves a page's answer at roughly
//! 30-50 ms per MiB, so the record is sent once and the typed fields are read out of it here.
//! The page is untrusted and WhatsApp Web changes: a field of an unexpected type reads as absent
//! (as whatsapp-web.js's own `typeof` checks make it), a record that does not hold together is
//! refused by `Message::from_page`.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Link, MessageId};

/// What the client reads of a message record (built by [`RawMessage::deserialize`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RawMessage {
    pub id: MessageId,
    pub kind: String,
    pub body: Option<String>,
    pub caption: Option<String>,
    pub t: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub author: Option<String>,
    pub ack: Option<i64>,
    pub star: bool,
    pub broadcast: bool,
    pub is_forwarded: bool,
    pub forwarding_score: u32,
    pub mentioned_jid_list: Vec<String>,
    pub has_quoted_msg: bool,
    pub has_media: bool,
    pub is_status_v3: bool,
    pub is_ephemeral: bool,
    pub has_reaction: bool,
    pub is_gif: bool,
    pub duration: Option<Value>,
    pub links: Vec<Link>,
    pub is_new_msg: bool,
    /// Notifications (`gp2`): what happened (`add`, `remove`, `leave`, …) and to whom.
    pub subtype: Option<String>,
    pub recipients: Vec<String>,
    /// Locations: coordinates, "name\naddress" and a link.
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub loc: Option<String>,
    pub client_url: Option<String>,
    /// Edited messages: when, and the key of the edit.
    pub latest_edit_sender_timestamp_ms: Option<i64>,
    pub latest_edit_msg_key: Option<MessageId>,
    /// Polls (`poll_creation`): name, options, selectable count, secret.
    pub poll: Option<crate::account::RawPoll>,
    /// Scheduled events (`event_creation`): name, times, description, location, call link, canceled, secret.
    pub event: Option<crate::account::RawEvent>,
    /// Contact cards of a `multi_vcard` message: each card's vCard text.
    pub vcards: Vec<String>,
    /// Groups mentioned: `{ groupSubject, groupJid }`.
    pub group_mentions: Vec<RawGroupMention>,
    /// The raw fields whatsapp-web.js copies onto the message, read in the same pass.
    pub extras: Box<RawExtras>,
    /// The model's own fields as whatsapp-web.js's `msg._data` has them (src/page/models.js
    /// `rawOf`), kept as the page's JSON text.
    pub raw: Option<RawFields>,
}

/// The record as the page sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageMessage {
    raw: RawFields,
    #[serde(default)]
    has_quoted_msg: bool,
    #[serde(default)]
    has_media: bool,
    #[serde(default)]
    poll: Option<crate::account::RawPoll>,
    #[serde(default)]
    event: Option<crate::account::RawEvent>,
    #[serde(default)]
    vcards: Vec<String>,
    #[serde(default)]
    group_mentions: Vec<RawGroupMention>,
}

/// The fields of the serialized model the client reads, with the types whatsapp-web.js's
/// `getMessageModel` hands over (wids as `{ server, user, _serialized }`). Every other field is
/// skipped without being built.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ModelFields {
    id: MessageId,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, deserialize_with = "text")]
    body: Option<String>,
    #[serde(default, deserialize_with = "text")]
    caption: Option<String>,
    #[serde(default, deserialize_with = "integer")]
    t: Option<i64>,
    #[serde(default, deserialize_with = "wid")]
    from: Option<String>,
    #[serde(default, deserialize_with = "wid")]
    to: Option<String>,
    #[serde(default, deserialize_with = "wid")]
    author: Option<String>,
    #[serde(default, deserialize_with = "integer")]
    ack: Option<i64>,
    #[serde(default, deserialize_with = "truthy")]
    star: bool,
    #[serde(default, deserialize_with = "truthy")]
    broadcast: bool,
    #[serde(default, deserialize_with = "truthy")]
    is_forwarded: bool,
    #[serde(default, deserialize_with = "count")]
    forwarding_score: u32,
    #[serde(default, deserialize_with = "wids")]
    mentioned_jid_list: Vec<String>,
    #[serde(default, deserialize_with = "truthy")]
    is_status_v3: bool,
    #[serde(default, deserialize_with = "truthy")]
    is_ephemeral: bool,
    #[serde(default, deserialize_with = "truthy")]
    has_reaction: bool,
    #[serde(default, deserialize_with = "truthy")]
    is_gif: bool,
    #[serde(default)]
    duration: Option<Value>,
    #[serde(default, deserialize_with = "links")]
    links: Vec<Link>,
    #[serde(default, deserialize_with = "truthy")]
    is_new_msg: bool,
    #[serde(default, deserialize_with = "text")]
    subtype: Option<String>,
    #[serde(default, deserialize_with = "wids")]
    recipients: Vec<String>,
    #[serde(default, deserialize_with = "number")]
    lat: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    lng: Option<f64>,
    #[serde(default, deserialize_with = "text")]
    loc: Option<String>,
    #[serde(default, deserialize_with = "text")]
    client_url: Option<String>,
    #[serde(default, deserialize_with = "integer")]
    latest_edit_sender_timestamp_ms: Option<i64>,
    #[serde(default, deserialize_with = "key")]
    latest_edit_msg_key: Option<MessageId>,
    // What whatsapp-web.js copies (RawExtras), in the same pass: serde's `flatten` would
    // buffer every other field of the model to find them.
    #[serde(default)]
    media_key: Option<Value>,
    #[serde(default)]
    order_id: Option<Value>,
    #[serde(default)]
    token: Option<Value>,
    #[serde(default)]
    title: Option<Value>,
    #[serde(default)]
    description: Option<Value>,
    #[serde(default)]
    business_owner_jid: Option<Value>,
    #[serde(default)]
    product_id: Option<Value>,
    #[serde(default)]
    protocol_message_key: Option<Value>,
    #[serde(default)]
    dynamic_reply_buttons: Option<Value>,
    #[serde(default)]
    selected_button_id: Option<Value>,
    #[serde(default)]
    list_response: Option<Value>,
    #[serde(default)]
    invite_code: Option<Value>,
    #[serde(default)]
    invite_code_exp: Option<Value>,
    #[serde(default)]
    invite_grp: Option<Value>,
    #[serde(default)]
    invite_grp_name: Option<Value>,
}

impl<'de> Deserialize<'de> for RawMessage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawMessage, D::Error> {
        let page = PageMessage::deserialize(d)?;
        let m: ModelFields = serde_json::from_str(page.raw.get()).map_err(serde::de::Error::custom)?;
        Ok(RawMessage {
            id: m.id,
            kind: m.kind,
            body: m.body,
            caption: m.caption,
            t: m.t,
            from: m.from,
            to: m.to,
            author: m.author,
            ack: m.ack,
            star: m.star,
            broadcast: m.broadcast,
            is_forwarded: m.is_forwarded,
            forwarding_score: m.forwarding_score,
            mentioned_jid_list: m.mentioned_jid_list,
            has_quoted_msg: page.has_quoted_msg,
            has_media: page.has_media,
            is_status_v3: m.is_status_v3,
            is_ephemeral: m.is_ephemeral,
            has_reaction: m.has_reaction,
            is_gif: m.is_gif,
            duration: m.duration.filter(|d| !d.is_null()),
            links: m.links,
            is_new_msg: m.is_new_msg,
            subtype: m.subtype,
            recipients: m.recipients,
            lat: m.lat,
            lng: m.lng,
            loc: m.loc,
            client_url: m.client_url,
            latest_edit_sender_timestamp_ms: m.latest_edit_sender_timestamp_ms,
            latest_edit_msg_key: m.latest_edit_msg_key,
            poll: page.poll,
            event: page.event,
            vcards: page.vcards,
            group_mentions: page.group_mentions,
            extras: Box::new(RawExtras { media_key: m.media_key, order_id: m.order_id, token: m.token, title: m.title, description: m.description, business_owner_jid: m.business_owner_jid, product_id: m.product_id, protocol_message_key: m.protocol_message_key, dynamic_reply_buttons: m.dynamic_reply_buttons, selected_button_id: m.selected_button_id, list_response: m.list_response, invite_code: m.invite_code, invite_code_exp: m.invite_code_exp, invite_grp: m.invite_grp, invite_grp_name: m.invite_grp_name }),
            raw: Some(page.raw),
        })
    }
}

// Readers that take what WhatsApp Web's value is when it has the expected type, and read
// anything else as absent, as whatsapp-web.js's `typeof` checks do.

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        _ => None,
    })
}

fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64)),
        _ => None,
    })
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_f64(),
        _ => None,
    })
}

fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    Ok(integer(d)?.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
}

/// JavaScript truthiness, as the page's `Boolean(…)` would read the field.
fn truthy<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => false,
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    })
}

/// A wid: its `_serialized` text (or the text itself).
fn wid_text(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(mut o) => match o.remove("_serialized") {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn wid<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(wid_text(Value::deserialize(d)?))
}

fn wids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(list) => list.into_iter().filter_map(wid_text).collect(),
        _ => Vec::new(),
    })
}

fn key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<MessageId>, D::Error> {
    Ok(MessageId::deserialize(Value::deserialize(d)?).ok())
}

fn links<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Link>, D::Error> {
    Ok(Vec::<Link>::deserialize(Value::deserialize(d)?).unwrap_or_default())
}

/// `msg._data`: the page's serialized model as the JSON text the page sent (an object, at most
/// [`MAX_RAW_BYTES`]). It is passed on to JavaScript as that text, never built here as values:
/// the few fields the client reads come from [`ModelFields`], in one pass.
#[derive(Debug, Clone)]
pub struct RawFields(Box<serde_json::value::RawValue>);

impl RawFields {
    pub(super) fn empty() -> RawFields {
        RawFields(serde_json::value::RawValue::from_string("{}".into()).expect("an empty object is JSON"))
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for RawFields {
    fn eq(&self, other: &RawFields) -> bool {
        self.get() == other.get()
    }
}

impl<'de> Deserialize<'de> for RawFields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawFields, D::Error> {
        Box::<serde_json::value::RawValue>::deserialize(d).map(RawFields)
    }
}

impl Serialize for RawFields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The raw fields the client reads besides the typed ones: those whatsapp-web.js copies onto
/// the message when they are set (main src/structures/Message.js:31, 246-251, 266-283,
/// 299-318), a list reply's row (Message.js:321-327), and a private group invite's
/// (Message.js:204-222). Read with [`ModelFields`], in the same pass over the raw text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawExtras {
    pub media_key: Option<Value>,
    pub order_id: Option<Value>,
    pub token: Option<Value>,
    pub title: Option<Value>,
    pub description: Option<Value>,
    pub business_owner_jid: Option<Value>,
    pub product_id: Option<Value>,
    pub protocol_message_key: Option<Value>,
    pub dynamic_reply_buttons: Option<Value>,
    pub selected_button_id: Option<Value>,
    pub list_response: Option<Value>,
    pub invite_code: Option<Value>,
    pub invite_code_exp: Option<Value>,
    pub invite_grp: Option<Value>,
    pub invite_grp_name: Option<Value>,
}

/// The most `msg._data` may take, as JSON (the page cuts strings and lists well below it).
pub const MAX_RAW_BYTES: usize = 512 * 1024;

/// A group mention as the page sends it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RawGroupMention {
    pub group_subject: String,
    pub group_jid: String,
}
