//! Contacts: the list and one contact, blocking, profile pictures and about
//! texts, and phone numbers (registered?, formatted, country code). The page
//! functions are src/page/contacts/*.js.

use serde_json::{json, Value};

use super::{boolean, to_json, AccountCall, Args, Method, LONG};
use crate::contact::Contact;
use crate::errors::ClientError;
use crate::wid::{self, Wid};

pub(super) const METHODS: &[Method] = &[
    ("getContacts", |_| Ok(AccountCall::new("reading the contacts", GET_CONTACTS, vec![]).within(LONG).records("contacts", Contact::from_raw))),
    ("getContactById", |args| {
        // A person's id is passed on as whatsapp-web.js does (a mention of nobody reads as an unknown contact).
        let id = wid::person_id(&args.get(0)).or_else(|_| wid::chat_id(&args.get(0)))?;
        Ok(AccountCall::new("reading a contact", GET_CONTACT, vec![json!(id)]).answer(|raw| to_json(Contact::from_value(&raw)?)))
    }),
    // `contact.block()` / `unblock()`.
    ("blockContact", |args| block(args, true)),
    ("unblockContact", |args| block(args, false)),
    ("getBlockedContacts", |_| {
        Ok(AccountCall::new("reading the blocked contacts", GET_BLOCKED_CONTACTS, vec![]).within(LONG).records("contacts", Contact::from_raw))
    }),
    ("getProfilePicUrl", |args| {
        Ok(AccountCall::new("reading a profile picture", PROFILE_PIC_URL, vec![json!(wid::chat_id(&args.get(0))?)]).answer(|raw| match raw {
            Value::Null => Ok(Value::Null),
            Value::String(url) if url.len() <= 2048 && (url.starts_with("https://") || url.starts_with("http://")) => Ok(Value::String(url)),
            _ => Err(ClientError::PageScript("the page answered with something that is not a picture URL".into())),
        }))
    }),
    // `contact.getAbout()`.
    ("getAbout", |args| {
        Ok(AccountCall::new("reading an about text", ABOUT, vec![json!(wid::chat_id(&args.get(0))?)]).answer(|raw| match raw {
            Value::Null | Value::String(_) => Ok(raw),
            _ => Err(ClientError::PageScript("the page did not answer with a status text".into())),
        }))
    }),
    ("getNumberId", |args| Ok(number_id(args)?.answer(|raw| Ok(registered(&raw)?.map(|w| w.to_value()).unwrap_or(Value::Null))))),
    ("isRegisteredUser", |args| Ok(number_id(args)?.answer(|raw| Ok(Value::Bool(registered(&raw)?.is_some()))))),
    ("getFormattedNumber", |args| Ok(AccountCall::new("formatting a number", FORMATTED_NUMBER, vec![json!(wid::number_digits(&args.get(0))?)]).answer(short_text))),
    ("getCountryCode", |args| Ok(AccountCall::new("finding a country code", COUNTRY_CODE, vec![json!(wid::number_digits(&args.get(0))?)]).answer(short_text))),
];

const GET_CONTACTS: &str = page_fn!("contacts/get_contacts.js", "business/profile.js");
const GET_CONTACT: &str = page_fn!("contacts/get_contact.js", "business/profile.js");
const BLOCK_CONTACT: &str = page_fn!("contacts/block_contact.js");
const GET_BLOCKED_CONTACTS: &str = page_fn!("contacts/get_blocked_contacts.js");
const PROFILE_PIC_URL: &str = page_fn!("contacts/profile_pic_url.js");
const ABOUT: &str = page_fn!("contacts/about.js");
const NUMBER_ID: &str = page_fn!("contacts/number_id.js");
const FORMATTED_NUMBER: &str = page_fn!("contacts/formatted_number.js");
const COUNTRY_CODE: &str = page_fn!("contacts/country_code.js");

/// Blocks or unblocks a contact: a person, never a group.
fn block(args: &Args, block: bool) -> Result<AccountCall, ClientError> {
    let contact_id = wid::chat_id(&args.get(0))?;
    if contact_id.ends_with("@g.us") {
        return Err(ClientError::InvalidChatId(format!("{contact_id:?} is a group: only a contact (<digits>@c.us or @lid) can be blocked")));
    }
    let call = AccountCall::new("blocking a contact", BLOCK_CONTACT, vec![json!(contact_id), json!(block)]);
    Ok(call.answer(move |raw| {
        if raw.get("error").and_then(Value::as_str) == Some("no-lid") {
            return Err(ClientError::InvalidArgument {
                name: "contactId".into(),
                reason: format!("WhatsApp gives no LID for {contact_id} (is it on WhatsApp?), and its block list holds LIDs only"),
            });
        }
        boolean(raw)
    }))
}

/// `getNumberId()` and `isRegisteredUser()` ask the same of the page.
fn number_id(args: &Args) -> Result<AccountCall, ClientError> {
    Ok(AccountCall::new("looking a number up", NUMBER_ID, vec![json!(wid::user_id(&args.get(0))?)]))
}

/// The account's wid if the number is on WhatsApp (the page answers null if not).
fn registered(raw: &Value) -> Result<Option<Wid>, ClientError> {
    let wid = raw.as_str().and_then(Wid::parse).filter(|w| w.server == "c.us");
    if !raw.is_null() && wid.is_none() {
        return Err(ClientError::PageScript("the page answered with a malformed wid".into()));
    }
    Ok(wid)
}

fn short_text(raw: Value) -> Result<Value, ClientError> {
    match raw {
        Value::String(s) if s.len() <= 64 => Ok(Value::String(s)),
        _ => Err(ClientError::PageScript("the page did not answer with a string".into())),
    }
}
