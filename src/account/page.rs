//! The page functions of the account (src/page/<area>/*.js), each called
//! with its values as arguments. `need.js` and `models.js` are put in front of
//! every one of them at compile time: our own constant sources, never user input.
//!
//! Each answers with JSON text rather than a value: a list of 500 chats is
//! ~400 KB, and as a CDP value it would be buffered, walked and copied several
//! times on its way through chromiumoxide (an untagged enum), where a string
//! is parsed once.

use std::time::Duration;

use serde_json::{json, Value};

use super::{decode_text, AccountCall};
use crate::browser::{call, PageHandle, BINDING};
use crate::errors::ClientError;
use crate::session::EventInterest;

macro_rules! page_fn {
    ($file:literal) => {
        concat!(
            "async function (...args) {\n",
            include_str!("../page/need.js"),
            include_str!("../page/models.js"),
            "\nconst answer = await (",
            include_str!(concat!("../page/", $file)),
            ")(...args);\nreturn answer === undefined ? null : JSON.stringify(answer);\n}"
        )
    };
}

const SUBSCRIBE: &str = page_fn!("events/subscribe.js");
const FORWARD_UNREAD: &str = page_fn!("events/forward_unread.js");
const SEND_MESSAGE: &str = page_fn!("messages/send_message.js");
const GET_CHATS: &str = page_fn!("chats/get_chats.js");
const GET_CHAT: &str = page_fn!("chats/get_chat.js");
const GET_CONTACTS: &str = page_fn!("contacts/get_contacts.js");
const GET_CONTACT: &str = page_fn!("contacts/get_contact.js");
const GET_MESSAGE: &str = page_fn!("messages/get_message.js");
const GET_QUOTED_MESSAGE: &str = page_fn!("messages/get_quoted_message.js");
const FETCH_MESSAGES: &str = page_fn!("messages/fetch_messages.js");
const SEND_SEEN: &str = page_fn!("chats/send_seen.js");
const NUMBER_ID: &str = page_fn!("contacts/number_id.js");
const FORMATTED_NUMBER: &str = page_fn!("contacts/formatted_number.js");
const COUNTRY_CODE: &str = page_fn!("contacts/country_code.js");
const SEND_REACTION: &str = page_fn!("messages/send_reaction.js");
const DELETE_MESSAGE: &str = page_fn!("messages/delete_message.js");
const DOWNLOAD_MEDIA: &str = page_fn!("messages/download_media.js");
const ARCHIVE_CHAT: &str = page_fn!("chats/archive_chat.js");
const PIN_CHAT: &str = page_fn!("chats/pin_chat.js");
const MUTE_CHAT: &str = page_fn!("chats/mute_chat.js");
const MARK_CHAT_UNREAD: &str = page_fn!("chats/mark_chat_unread.js");
const CHAT_STATE: &str = page_fn!("chats/chat_state.js");
const PROFILE_PIC_URL: &str = page_fn!("contacts/profile_pic_url.js");
const ABOUT: &str = page_fn!("contacts/about.js");
const FORWARD_MESSAGE: &str = page_fn!("messages/forward_message.js");
const BLOCK_CONTACT: &str = page_fn!("contacts/block_contact.js");
const GET_BLOCKED_CONTACTS: &str = page_fn!("contacts/get_blocked_contacts.js");
const CONTACT_LID_AND_PHONE: &str = page_fn!("lids/contact_lid_and_phone.js");
const LOCATION_PATCH: &str = page_fn!("messages/location_patch.js");
const CREATE_GROUP: &str = page_fn!("groups/create_group.js");
const ADD_PARTICIPANTS: &str = page_fn!("groups/add_participants.js");
const REMOVE_PARTICIPANTS: &str = page_fn!("groups/remove_participants.js");
const LEAVE_GROUP: &str = page_fn!("groups/leave_group.js");
const INVITE_CODE: &str = page_fn!("groups/invite_code.js");
const ACCEPT_INVITE: &str = page_fn!("groups/accept_invite.js");

const LIMIT: Duration = Duration::from_secs(20);
/// getChats() over thousands of chats, or a send waiting for a slow socket.
const LONG: Duration = Duration::from_secs(60);

/// Hooks the page's message collection (once per document): new messages and
/// acks come back through the binding.
pub async fn subscribe(page: &PageHandle, interest: &EventInterest) -> Result<(), ClientError> {
    let interest = json!({ "unreadCount": interest.unread_count });
    call(page, "subscribing to messages", SUBSCRIBE, vec![json!(BINDING), interest], LIMIT).await?;
    // As whatsapp-web.js injects it after login: locations are sent as text stanzas.
    call(page, "patching how locations are sent", LOCATION_PATCH, vec![], LIMIT).await.map(|_| ())
}

/// Has the page report one chat's unread count through the binding (see
/// `PageCommand::ForwardUnread`).
pub async fn forward_unread(page: &PageHandle, chat_id: &str) -> Result<(), ClientError> {
    call(page, "reading an unread count", FORWARD_UNREAD, vec![json!(chat_id)], LIMIT).await.map(|_| ())
}

/// Runs one account call in the page and returns its checked answer.
pub async fn run(page: &PageHandle, account_call: &AccountCall) -> Result<String, ClientError> {
    use AccountCall::*;
    let (what, function, args, limit) = match account_call {
        SendMessage { chat_id, content, options } => (
            "sending a message",
            SEND_MESSAGE,
            vec![
                json!(chat_id),
                json!(content),
                json!({
                    "quotedMessageId": options.quoted_message_id,
                    "mentions": options.mentions,
                    "linkPreview": options.link_preview,
                    "sendSeen": options.send_seen,
                    "ignoreQuoteErrors": options.ignore_quote_errors,
                    "media": options.media.as_ref().map(|m| json!({ "mimetype": m.mimetype, "data": m.data, "filename": m.filename })),
                    "sendMediaAsDocument": options.send_media_as_document,
                    "location": options.location.as_ref().map(|l| json!({ "latitude": l.latitude, "longitude": l.longitude, "description": l.description, "url": l.url })),
                }),
            ],
            LONG,
        ),
        GetChats => ("reading the chats", GET_CHATS, vec![], LONG),
        GetChatById(id) => ("reading a chat", GET_CHAT, vec![json!(id)], LIMIT),
        GetContacts => ("reading the contacts", GET_CONTACTS, vec![], LONG),
        GetContactById(id) => ("reading a contact", GET_CONTACT, vec![json!(id)], LIMIT),
        GetMessageById(id) => ("reading a message", GET_MESSAGE, vec![json!(id)], LIMIT),
        GetQuotedMessage(id) => ("reading a quoted message", GET_QUOTED_MESSAGE, vec![json!(id)], LIMIT),
        FetchMessages { chat_id, limit, from_me } => ("fetching messages", FETCH_MESSAGES, vec![json!(chat_id), json!(limit), json!(from_me)], LONG),
        SendSeen(id) => ("marking a chat seen", SEND_SEEN, vec![json!(id)], LIMIT),
        GetNumberId(id) | IsRegisteredUser(id) => ("looking a number up", NUMBER_ID, vec![json!(id)], LIMIT),
        GetFormattedNumber(digits) => ("formatting a number", FORMATTED_NUMBER, vec![json!(digits)], LIMIT),
        GetCountryCode(digits) => ("finding a country code", COUNTRY_CODE, vec![json!(digits)], LIMIT),
        SendReaction { message_id, reaction } => ("reacting to a message", SEND_REACTION, vec![json!(message_id), json!(reaction)], LIMIT),
        // Files can be large: their base64 crosses the DevTools connection.
        DownloadMedia(message_id) => ("downloading media", DOWNLOAD_MEDIA, vec![json!(message_id)], LONG),
        ArchiveChat { chat_id, archive } => ("archiving a chat", ARCHIVE_CHAT, vec![json!(chat_id), json!(archive)], LIMIT),
        PinChat { chat_id, pin } => ("pinning a chat", PIN_CHAT, vec![json!(chat_id), json!(pin)], LIMIT),
        MuteChat { chat_id, until } => ("muting a chat", MUTE_CHAT, vec![json!(chat_id), json!(until)], LIMIT),
        GetProfilePicUrl(id) => ("reading a profile picture", PROFILE_PIC_URL, vec![json!(id)], LIMIT),
        ForwardMessage { message_id, chat_id } => ("forwarding a message", FORWARD_MESSAGE, vec![json!(message_id), json!(chat_id)], LONG),
        GetAbout(id) => ("reading an about text", ABOUT, vec![json!(id)], LIMIT),
        MarkChatUnread(chat_id) => ("marking a chat unread", MARK_CHAT_UNREAD, vec![json!(chat_id)], LIMIT),
        BlockContact { contact_id, block } => ("blocking a contact", BLOCK_CONTACT, vec![json!(contact_id), json!(block)], LIMIT),
        GetBlockedContacts => ("reading the blocked contacts", GET_BLOCKED_CONTACTS, vec![], LONG),
        // Ids the page has no pair for are asked of the server, one query each.
        GetContactLidAndPhone(ids) => ("reading LIDs and phone numbers", CONTACT_LID_AND_PHONE, vec![json!(ids)], LONG),
        CreateGroup { title, participants, options } => ("creating a group", CREATE_GROUP, vec![json!(title), json!(participants), options.clone()], LONG),
        // whatsapp-web.js waits between participants: up to 1,024 of them at up to a minute each.
        AddParticipants { chat_id, participants, sleep_ms } => (
            "adding participants",
            ADD_PARTICIPANTS,
            vec![json!(chat_id), json!(participants), json!(sleep_ms)],
            LONG + Duration::from_millis(u64::from(*sleep_ms) * participants.len() as u64),
        ),
        RemoveParticipants { chat_id, participants } => ("removing participants", REMOVE_PARTICIPANTS, vec![json!(chat_id), json!(participants)], LONG),
        LeaveGroup(chat_id) => ("leaving a group", LEAVE_GROUP, vec![json!(chat_id)], LIMIT),
        GetInviteCode(chat_id) => ("reading an invite code", INVITE_CODE, vec![json!(chat_id)], LIMIT),
        AcceptInvite(code) => ("joining a group", ACCEPT_INVITE, vec![json!(code)], LIMIT),
        SendChatState { chat_id, state } => ("sending a chat state", CHAT_STATE, vec![json!(chat_id), json!(state.as_str())], LIMIT),
        DeleteMessage { message_id, everyone, clear_media } => {
            ("deleting a message", DELETE_MESSAGE, vec![json!(message_id), json!(everyone), json!(clear_media)], LIMIT)
        }
    };
    match call(page, what, function, args, limit).await? {
        Value::String(text) => decode_text(account_call, &text).map_err(|e| match e {
            ClientError::PageScript(why) => ClientError::PageScript(format!("{what}: {why}")),
            other => other,
        }),
        Value::Null => decode_text(account_call, "null"),
        _ => Err(ClientError::PageScript(format!("{what}: the page did not answer with JSON text"))),
    }
}
