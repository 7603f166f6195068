//! After `ready`: messages, chats and contacts, sans I/O.
//!
//! User calls arrive as `(method, args)` and are checked into an
//! [`AccountCall`] before anything is queued (`parse.rs`: bad ids and options
//! become typed errors); the session runs them as page commands once logged
//! in. What the page answers is checked and mapped to whatsapp-web.js's
//! shapes by [`decode`] (`decode.rs`); page callbacks (new messages, acks,
//! edits, chat changes) become events by [`AccountState::emits`]
//! (`events.rs`), each message once.

mod decode;
mod events;
mod groups;
mod lids;
pub mod page;
mod parse;

pub use decode::{decode, decode_text};
pub use events::{parse_event, AccountEmit, AccountEvent, AccountState, EVENT_TYPES};

/// A file to send (whatsapp-web.js's `MessageMedia`), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Media {
    pub mimetype: String,
    /// Base64.
    pub data: String,
    pub filename: Option<String>,
}

/// WhatsApp's limits: 16 MiB for pictures, video and audio; 100 MiB for documents
/// (current apps allow more, but the file crosses the DevTools connection as base64).
pub const MEDIA_LIMIT: usize = 16 * 1024 * 1024;
pub const DOCUMENT_LIMIT: usize = 100 * 1024 * 1024;


/// A `Location` to send, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationArg {
    pub latitude: f64,
    pub longitude: f64,
    pub description: Option<String>,
    pub url: Option<String>,
}


/// `sendMessage()` options whatsapp-web-rs carries out (whatsapp-web.js's names).
#[derive(Debug, Clone, PartialEq)]
pub struct SendOptions {
    pub quoted_message_id: Option<String>,
    pub mentions: Vec<String>,
    pub link_preview: bool,
    pub send_seen: bool,
    pub ignore_quote_errors: bool,
    /// The file to send; `content` is then its caption.
    pub media: Option<Media>,
    /// A location to send instead of text.
    pub location: Option<LocationArg>,
    pub send_media_as_document: bool,
}

/// A checked user call of the account.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountCall {
    SendMessage { chat_id: String, content: String, options: SendOptions },
    GetChats,
    GetChatById(String),
    GetContacts,
    GetContactById(String),
    GetMessageById(String),
    GetQuotedMessage(String),
    FetchMessages { chat_id: String, limit: Option<u32>, from_me: Option<bool> },
    SendSeen(String),
    GetNumberId(String),
    IsRegisteredUser(String),
    GetFormattedNumber(String),
    GetCountryCode(String),
    /// `sendReaction(messageId, reaction)` / `message.react()`; `""` takes it back.
    SendReaction { message_id: String, reaction: String },
    /// `message.delete(everyone, clearMedia)`.
    DeleteMessage { message_id: String, everyone: bool, clear_media: bool },
    /// `message.downloadMedia()`.
    DownloadMedia(String),
    /// `message.forward(chat)`.
    ForwardMessage { message_id: String, chat_id: String },
    /// `archiveChat()` / `unarchiveChat()`.
    ArchiveChat { chat_id: String, archive: bool },
    /// `pinChat()` / `unpinChat()`.
    PinChat { chat_id: String, pin: bool },
    /// `muteChat(chatId, unmuteDate)` (`until`: Unix seconds, -1 for ever) / `unmuteChat()` (None).
    MuteChat { chat_id: String, until: Option<i64> },
    MarkChatUnread(String),
    /// `getProfilePicUrl(contactId)`.
    GetProfilePicUrl(String),
    /// `contact.getAbout()`.
    GetAbout(String),
    /// `chat.sendStateTyping()`, `sendStateRecording()`, `clearState()`.
    SendChatState { chat_id: String, state: ChatState },
    /// `contact.block()` / `unblock()`.
    BlockContact { contact_id: String, block: bool },
    /// `getBlockedContacts()`.
    GetBlockedContacts,
    /// `getContactLidAndPhone(userIds)`: each id's LID and phone number, as far as WhatsApp knows.
    GetContactLidAndPhone(Vec<String>),
    /// `createGroup(title, participants, options)`: options as whatsapp-web.js takes them, checked.
    CreateGroup { title: String, participants: Vec<String>, options: serde_json::Value },
    /// `groupChat.addParticipants(ids, { sleep })`: `sleep_ms` between participants.
    AddParticipants { chat_id: String, participants: Vec<String>, sleep_ms: u32 },
    /// `groupChat.removeParticipants(ids)`.
    RemoveParticipants { chat_id: String, participants: Vec<String> },
    /// `groupChat.leave()`.
    LeaveGroup(String),
    /// `groupChat.getInviteCode()`.
    GetInviteCode(String),
    /// `acceptInvite(code)`.
    AcceptInvite(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatState {
    Typing,
    Recording,
    Stop,
}

impl ChatState {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatState::Typing => "typing",
            ChatState::Recording => "recording",
            ChatState::Stop => "stop",
        }
    }
}


#[cfg(test)]
mod tests;
