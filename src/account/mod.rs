//! After `ready`: messages, chats, contacts, groups…, one file per feature area.
//!
//! Each area (`messages.rs`, `chats.rs`, `contacts.rs`, `groups.rs`,
//! `lids.rs`, `calls.rs`, `presence.rs`, `profile.rs`, `addressbook.rs`) lists its methods in a table, `METHODS`: whatsapp-web.js's name
//! and the function that checks the JavaScript arguments into an
//! [`AccountCall`] (bad ids and options become typed errors before anything
//! is queued). The call says which page function to run
//! (`src/page/<area>/*.js`), with which arguments and time limit, and how its
//! answer is checked and put into whatsapp-web.js's shape. This file only
//! looks the name up and runs what the area prepared: adding a method touches
//! its area, its page function, the thin JavaScript and its test.
//!
//! Page callbacks (new messages, acks, edits, chat changes) come up from the
//! browser raw and become events in `events.rs`, each message once.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::Value;

use crate::browser::PageHandle;
use crate::errors::ClientError;
use crate::session::{EventInterest, PageResult};

/// An account page function (`src/page/<area>/<file>`) with `need()` and the
/// models (`src/page/need.js`, `src/page/models.js`) in front of it: our own
/// constant sources, never user input.
///
/// Each answers with JSON text rather than a value: a list of 500 chats is
/// ~400 KB, and as a CDP value it would be buffered, walked and copied several
/// times on its way through chromiumoxide (an untagged enum), where a string
/// is parsed once.
macro_rules! page_fn {
    // `$helpers`: files under src/page/ of declarations the function calls, put in front of it.
    ($file:literal $(, $helpers:literal)*) => {
        concat!(
            "async function (...args) {\n",
            include_str!("../page/need.js"),
            include_str!("../page/models.js"),
            $(include_str!(concat!("../page/", $helpers)),)*
            "\nconst answer = await (",
            include_str!(concat!("../page/", $file)),
            ")(...args);\nreturn answer === undefined ? null : JSON.stringify(answer);\n}"
        )
    };
}

mod addressbook;
mod business;
mod buttons;
mod calls;
mod cards;
mod chat_actions;
mod channels;
mod chats;
mod contacts;
mod events;
mod group_admin;
mod group_invites;
mod groups;
mod interface;
mod labels;
mod lids;
mod media_kinds;
mod message_actions;
mod messages;
mod polls;
mod presence;
mod profile;
mod scheduled_events;
mod settings;
mod status;

pub use events::{parse_event, AccountEmit, AccountEvent, AccountState, EVENT_TYPES};
pub use polls::{PollFields, PollVote, RawPoll};
pub use scheduled_events::{EventFields, RawEvent};

/// The usual time limit of a page call.
const LIMIT: Duration = Duration::from_secs(20);
/// getChats() over thousands of chats, or a send waiting for a slow socket.
const LONG: Duration = Duration::from_secs(60);

/// One method of an area: whatsapp-web.js's name, and the check of its
/// arguments into the page call that carries it out.
type Method = (&'static str, fn(&Args) -> Result<AccountCall, ClientError>);

/// Every area's methods. A new area adds its table here; a new method only
/// its own area's.
const AREAS: [&[Method]; 21] = [
    messages::METHODS,
    chats::METHODS,
    contacts::METHODS,
    groups::METHODS,
    lids::METHODS,
    polls::METHODS,
    calls::METHODS,
    presence::METHODS,
    profile::METHODS,
    addressbook::METHODS,
    group_admin::METHODS,
    chat_actions::METHODS,
    message_actions::METHODS,
    scheduled_events::METHODS,
    group_invites::METHODS,
    settings::METHODS,
    interface::METHODS,
    labels::METHODS,
    business::METHODS,
    status::METHODS,
    channels::METHODS,
];

/// The arguments of a call as JavaScript passed them (made JSON-safe by
/// index.js); a missing one is null.
struct Args<'a>(&'a [Value]);

impl Args<'_> {
    fn get(&self, i: usize) -> Value {
        self.0.get(i).cloned().unwrap_or(Value::Null)
    }
}

/// How a call's answer is read: the page's JSON text in, whatsapp-web.js's
/// shape out, as JSON text.
type Answer = Arc<dyn Fn(&str) -> Result<String, ClientError> + Send + Sync>;

/// Work a call does before its page call, off Node's thread (a sticker made
/// from a picture or a video): the page arguments in, the page arguments to
/// send out.
type Prepare = Arc<dyn Fn(Vec<Value>, Tools) -> BoxFuture<'static, Result<Vec<Value>, ClientError>> + Send + Sync>;

/// What a call's preparation may use: the client's settings for it.
#[derive(Debug, Clone)]
pub struct Tools {
    /// whatsapp-web.js's `ffmpegPath`.
    pub ffmpeg_path: String,
}

/// A checked user call of the account, ready for the page: which page
/// function, its arguments and time limit, and how its answer is read.
#[derive(Clone)]
pub struct AccountCall {
    /// whatsapp-web.js's name of the method.
    method: &'static str,
    /// What the call does, for errors ("reading the chats").
    what: &'static str,
    /// The page function (`page_fn!`).
    function: &'static str,
    args: Vec<Value>,
    limit: Duration,
    answer: Answer,
    /// Run first, off Node's thread (`prepared`), when the call has such work.
    prepare: Option<Prepare>,
}

impl AccountCall {
    /// Checks a call as JavaScript made it: `args` is the argument list.
    pub fn parse(method: &str, args: &Value) -> Result<AccountCall, ClientError> {
        let empty = Vec::new();
        let args = Args(args.as_array().unwrap_or(&empty));
        let (name, parse) = AREAS
            .iter()
            .flat_map(|area| area.iter())
            .find(|(name, _)| *name == method)
            .ok_or_else(|| ClientError::Internal(format!("unknown account call {method}")))?;
        let mut call = parse(&args)?;
        call.method = name;
        Ok(call)
    }

    /// A call of `function` with `args` within the usual time limit, whose
    /// answer is null whatever the page said (once it is JSON); `what` names
    /// it in errors. `within`, `answer` and `records` change that.
    fn new(what: &'static str, function: &'static str, args: Vec<Value>) -> AccountCall {
        AccountCall { method: "", what, function, args, limit: LIMIT, answer: Arc::new(|text| value_answer(text, |_| Ok(Value::Null))), prepare: None }
    }

    fn within(mut self, limit: Duration) -> AccountCall {
        self.limit = limit;
        self
    }

    /// The answer is checked by `check` and handed on in the shape it returns.
    fn answer(mut self, check: impl Fn(Value) -> Result<Value, ClientError> + Send + Sync + 'static) -> AccountCall {
        self.answer = Arc::new(move |text| value_answer(text, &check));
        self
    }

    /// The answer is a list of `what`, each checked by `check`: the long lists
    /// go from text to typed records and back to text with no tree of values
    /// in between.
    fn records<R, T>(mut self, what: &'static str, check: impl Fn(R) -> Result<T, ClientError> + Send + Sync + 'static) -> AccountCall
    where
        R: serde::de::DeserializeOwned,
        T: serde::Serialize,
    {
        self.answer = Arc::new(move |text| {
            let raw: Vec<R> = serde_json::from_str(text).map_err(|e| ClientError::PageScript(format!("the page sent a malformed list of {what} ({e})")))?;
            let checked = raw.into_iter().map(&check).collect::<Result<Vec<T>, _>>()?;
            serde_json::to_string(&checked).map_err(|e| ClientError::Internal(e.to_string()))
        });
        self
    }

    /// Before the page call, `step` turns the page arguments into the ones
    /// sent, off Node's thread (see `prepared`): for work too slow to do while
    /// the arguments are checked.
    fn prepare_with<F, Work>(mut self, step: F) -> AccountCall
    where
        F: Fn(Vec<Value>, Tools) -> Work + Send + Sync + 'static,
        Work: std::future::Future<Output = Result<Vec<Value>, ClientError>> + Send + 'static,
    {
        self.prepare = Some(Arc::new(move |args, tools| Box::pin(step(args, tools))));
        self
    }

    /// Whether the call has work to do before its page call.
    pub fn needs_preparing(&self) -> bool {
        self.prepare.is_some()
    }

    /// The call with its preparation done (on the runtime, never on Node's
    /// thread), ready to be queued for the page.
    pub async fn prepared(mut self, tools: Tools) -> Result<AccountCall, ClientError> {
        if let Some(step) = self.prepare.take() {
            self.args = step(std::mem::take(&mut self.args), tools).await?;
        }
        Ok(self)
    }

    /// whatsapp-web.js's name of the method.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The arguments the page function gets.
    pub fn args(&self) -> &[Value] {
        &self.args
    }

    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Checks the JSON text the page answered and returns it, as JSON text,
    /// in whatsapp-web.js's shape.
    /// A page function's report of WhatsApp's server refusing the request
    /// (src/page/server_refusal.js) is the call's `ServerStatus` error.
    pub fn read_answer(&self, text: &str) -> Result<String, ClientError> {
        if let Some(refused) = server_refusal(self.what, text) {
            return Err(refused);
        }
        (self.answer)(text)
    }

    /// Runs the call in the page and returns its checked answer.
    async fn run(mut self, page: &PageHandle) -> Result<String, ClientError> {
        let what = self.what;
        let args = std::mem::take(&mut self.args);
        match crate::browser::call(page, what, self.function, args, self.limit).await? {
            Value::String(text) => self.read_answer(&text).map_err(|e| match e {
                ClientError::PageScript(why) => ClientError::PageScript(format!("{what}: {why}")),
                other => other,
            }),
            Value::Null => self.read_answer("null"),
            _ => Err(ClientError::PageScript(format!("{what}: the page did not answer with JSON text"))),
        }
    }
}

#[cfg(test)]
impl AccountCall {
    /// What the call makes of the page's answer `raw`, as a value.
    pub(crate) fn read(&self, raw: Value) -> Result<Value, ClientError> {
        Ok(serde_json::from_str(&self.read_answer(&raw.to_string())?).expect("JSON text"))
    }
}

/// The error of a page answer that reports WhatsApp's server refusing the request:
/// `{"error":"server-status","status":N}` exactly as src/page/server_refusal.js's
/// `ServerRefusal` turns into JSON text (only answers that start so are parsed twice).
fn server_refusal(what: &'static str, text: &str) -> Option<ClientError> {
    if !text.starts_with(r#"{"error":"server-status","#) {
        return None;
    }
    let raw: Value = serde_json::from_str(text).ok()?;
    let status = raw.get("status")?.as_u64().filter(|s| (100..=999).contains(s))?;
    Some(ClientError::ServerStatus { what, status: status as u16 })
}

/// Parses the page's answer and checks it with `check`.
fn value_answer(text: &str, check: impl Fn(Value) -> Result<Value, ClientError>) -> Result<String, ClientError> {
    let raw: Value = serde_json::from_str(text).map_err(|e| ClientError::PageScript(format!("the page answered with malformed JSON ({e})")))?;
    serde_json::to_string(&check(raw)?).map_err(|e| ClientError::Internal(e.to_string()))
}

/// Calls are equal when they run the same method with the same arguments
/// (the answer's reading follows from those).
impl PartialEq for AccountCall {
    fn eq(&self, other: &Self) -> bool {
        (self.method, self.what, &self.args, self.limit) == (other.method, other.what, &other.args, other.limit)
    }
}

impl fmt::Debug for AccountCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountCall").field("method", &self.method).field("args", &self.args).field("limit", &self.limit).finish()
    }
}

/// Work of the account the session has the driver run in the page.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountCommand {
    /// After `ready`: forward new messages and acks through the binding, and
    /// the optional events the application listens to. Run again when those
    /// change (the page keeps its listeners and takes the new interest).
    Subscribe(EventInterest),
    /// Read this chat and report its `unread_count` through the binding, as
    /// the subscription does while someone listens (one came after the page
    /// reported the change by its id alone).
    ForwardUnread(String),
    /// A user call.
    Call(AccountCall),
}

impl AccountCommand {
    pub async fn run(self, page: &PageHandle) -> Result<PageResult, ClientError> {
        match self {
            AccountCommand::Subscribe(interest) => events::subscribe(page, &interest).await.map(|_| PageResult::Unit),
            AccountCommand::ForwardUnread(chat_id) => events::forward_unread(page, &chat_id).await.map(|_| PageResult::Unit),
            AccountCommand::Call(call) => call.run(page).await.map(PageResult::Json),
        }
    }
}

fn invalid(name: &str, reason: String) -> ClientError {
    ClientError::InvalidArgument { name: name.into(), reason }
}

/// A checked record (a message, chat, contact) as whatsapp-web.js's value.
fn to_json(record: impl serde::Serialize) -> Result<Value, ClientError> {
    serde_json::to_value(record).map_err(|e| ClientError::Internal(e.to_string()))
}

/// What the page answered where whatsapp-web.js returns a boolean.
fn boolean(raw: Value) -> Result<Value, ClientError> {
    raw.as_bool().map(Value::Bool).ok_or_else(|| ClientError::PageScript("the page did not answer with a boolean".into()))
}

#[cfg(test)]
mod tests;
