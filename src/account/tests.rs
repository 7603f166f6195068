//! The account module's checks, and its contract with the session.

use serde_json::{json, Value};

use super::messages::{base64_decoded_len, MEDIA_LIMIT};
use super::*;
use crate::errors::ClientError;
use crate::message::Message;
use crate::message::tests::record;

#[test]
fn send_message_is_checked_before_it_is_queued() {
    let call = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", "hi", { "quotedMessageId": "false_15557654321@c.us_ABC", "mentions": "15551112222@c.us", "sendSeen": false }])).unwrap();
    let [chat_id, content, options] = call.args() else { panic!() };
    assert_eq!((chat_id, content), (&json!("15557654321@c.us"), &json!("hi")));
    assert_eq!(options["quotedMessageId"], "false_15557654321@c.us_ABC");
    assert_eq!(options["mentions"], json!(["15551112222@c.us"]));
    assert_eq!((&options["sendSeen"], &options["linkPreview"], &options["ignoreQuoteErrors"]), (&json!(false), &json!(true), &json!(true)));
    assert_eq!((call.method(), call.limit()), ("sendMessage", LONG));

    let code = |args: Value| AccountCall::parse("sendMessage", &args).unwrap_err().code();
    assert_eq!(code(json!(["15557654321", "hi"])), "ERR_INVALID_CHAT_ID");
    assert_eq!(code(json!(["15557654321@c.us", 5])), "ERR_INVALID_ARGUMENT");
    assert_eq!(code(json!(["15557654321@c.us", "x", { "quotedMessageId": "nope" }])), "ERR_INVALID_ARGUMENT");
    assert_eq!(code(json!(["15557654321@c.us", "x", { "mentions": ["bad"] }])), "ERR_INVALID_CHAT_ID");
    assert_eq!(code(json!(["15557654321@c.us", "x", { "sendSeen": "yes" }])), "ERR_INVALID_ARGUMENT");
    assert_eq!(code(json!(["15557654321@c.us", "x", { "media": {} }])), "ERR_INVALID_ARGUMENT");
    assert_eq!(code(json!(["15557654321@c.us", { "mimetype": "image/png", "data": "not base64!" }])), "ERR_INVALID_ARGUMENT");
    assert_eq!(code(json!(["15557654321@c.us", { "mimetype": "png", "data": "AAAA" }])), "ERR_INVALID_ARGUMENT");
    let big = "A".repeat(MEDIA_LIMIT / 3 * 4 + 8);
    assert_eq!(code(json!(["15557654321@c.us", { "mimetype": "image/png", "data": big }])), "ERR_MEDIA_TOO_LARGE");
    // The same size is fine as a document.
    assert!(AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "image/png", "data": big }, { "sendMediaAsDocument": true }])).is_ok());
    let call = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "image/png", "data": "iVBORw==", "filename": "a.png" }, { "caption": "look" }])).unwrap();
    assert_eq!((&call.args()[1], &call.args()[2]["media"]), (&json!("look"), &json!({ "mimetype": "image/png", "data": "iVBORw==", "filename": "a.png" })));
}

#[test]
fn each_message_is_emitted_once() {
    let mut state = AccountState::default();
    let incoming = Message::from_value(&record(false, "AAA", "hi")).unwrap();
    let names = |v: Vec<AccountEmit>| v.iter().map(AccountEmit::name).collect::<Vec<_>>();
    assert_eq!(names(state.emits(AccountEvent::Message(Box::new(incoming.clone())))), ["message_create", "message"]);
    assert!(state.emits(AccountEvent::Message(Box::new(incoming.clone()))).is_empty());
    let own = Message::from_value(&record(true, "BBB", "yo")).unwrap();
    assert_eq!(names(state.emits(AccountEvent::Message(Box::new(own.clone())))), ["message_create"]);
    assert_eq!(names(state.emits(AccountEvent::Ack(Box::new(own), 2))), ["message_ack"]);

    // A revoke hands the message over as it was before.
    let mut revoked = record(false, "AAA", "");
    revoked["raw"]["type"] = json!("revoked");
    let revoked = Message::from_value(&revoked).unwrap();
    let emits = state.emits(AccountEvent::Revoke(Box::new(revoked)));
    let AccountEmit::MessageRevokeEveryone(now, Some(before)) = &emits[0] else { panic!("{emits:?}") };
    assert_eq!((now.kind.as_str(), before.body.as_str()), ("revoked", "hi"));
}

/// The session's side: account calls are refused before `ready`, run in the
/// page after it, the subscription starts at `ready`, and page events
/// become events only then, each message once.
#[test]
fn the_session_runs_account_calls_only_once_ready() {
    use crate::session::{Call, Event, EventInterest, Input, LoginConfig, Output, PageCommand, PageEvent, PageResult, Reply, Session};
    let reply = |out: &[Output], id| {
        out.iter().find_map(|o| match o {
            Output::Reply(i, r) if *i == id => Some(r.clone()),
            _ => None,
        })
    };
    let run = |out: &[Output], want: &dyn Fn(&PageCommand) -> bool| {
        out.iter().find_map(|o| match o {
            Output::Run(cmd, c) if want(c) => Some(*cmd),
            _ => None,
        })
    };
    let mut s = Session::new(LoginConfig::default());
    let get_chats = || AccountCall::parse("getChats", &json!([])).unwrap();
    let account = |out: &[Output], want: &dyn Fn(&AccountCommand) -> bool| {
        out.iter().find_map(|o| match o {
            Output::RunAccount(cmd, c) if want(c) => Some(*cmd),
            _ => None,
        })
    };
    let out = s.handle(Input::Call(1, Call::Account(get_chats())));
    assert_eq!(reply(&out, 1), Some(Err(ClientError::NotInitialized)));

    s.handle(Input::Call(2, Call::Initialize));
    s.handle(Input::Launched);
    let out = s.handle(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: true }));
    let attach = run(&out, &|c| *c == PageCommand::Attach).unwrap();
    let out = s.handle(Input::Call(3, Call::Account(get_chats())));
    assert_eq!(reply(&out, 3), Some(Err(ClientError::NotLoggedIn)));
    assert!(account(&out, &|_| true).is_none());
    // An event before ready (no subscription yet) is not emitted.
    let early = Message::from_value(&record(false, "EARLY", "x")).unwrap();
    assert!(s.handle(Input::Page(PageEvent::Account(AccountEvent::Message(Box::new(early))))).is_empty());

    // The application listens to unread_count before ready: the subscription will carry it.
    let listening = EventInterest { unread_count: true };
    assert!(s.handle(Input::Interest(listening)).is_empty(), "nothing to tell a page not subscribed yet");

    let out = s.handle(Input::Done(attach, Ok(PageResult::Attached { state: Some("CONNECTED".into()), has_synced: true })));
    let info = run(&out, &|c| *c == PageCommand::ReadInfo).unwrap();
    let out = s.handle(Input::Done(info, Ok(PageResult::Info(Default::default()))));
    assert!(out.iter().any(|o| matches!(o, Output::Emit(Event::Ready(_)))));
    assert!(account(&out, &|c| *c == AccountCommand::Subscribe(listening)).is_some(), "ready subscribes to messages, with the interest");

    // After ready a change goes to the page at once; no change, no command.
    let out = s.handle(Input::Interest(EventInterest::default()));
    assert!(account(&out, &|c| *c == AccountCommand::Subscribe(EventInterest::default())).is_some());
    assert!(s.handle(Input::Interest(EventInterest::default())).is_empty());

    // A change the page reported by the chat's id alone: read for a listener that came since.
    let changed = || Input::Page(PageEvent::Account(AccountEvent::UnreadChanged("15557654321@c.us".into())));
    assert!(s.handle(changed()).is_empty(), "nobody listens: nothing read");
    s.handle(Input::Interest(listening));
    let out = s.handle(changed());
    assert!(account(&out, &|c| *c == AccountCommand::ForwardUnread("15557654321@c.us".into())).is_some());
    assert_eq!(parse_event(&json!({ "t": "unread-id", "id": "15557654321@c.us" })), Some(AccountEvent::UnreadChanged("15557654321@c.us".into())));
    assert_eq!(parse_event(&json!({ "t": "unread-id", "id": "../../etc" })), None, "an id that is no chat id is dropped");

    let out = s.handle(Input::Call(4, Call::Account(get_chats())));
    let cmd = account(&out, &|c| *c == AccountCommand::Call(get_chats())).unwrap();
    let out = s.handle(Input::Done(cmd, Ok(PageResult::Value(json!([])))));
    assert_eq!(reply(&out, 4), Some(Ok(Reply::Value(json!([])))));

    let msg = Message::from_value(&record(false, "LIVE", "hi")).unwrap();
    let out = s.handle(Input::Page(PageEvent::Account(AccountEvent::Message(Box::new(msg.clone())))));
    let names: Vec<_> = out.iter().filter_map(|o| if let Output::Emit(e) = o { Some(e.name()) } else { None }).collect();
    assert_eq!(names, ["message_create", "message"]);
    assert!(s.handle(Input::Page(PageEvent::Account(AccountEvent::Message(Box::new(msg))))).is_empty());
}

#[test]
fn page_answers_are_checked() {
    let call = |method: &str, args: Value| AccountCall::parse(method, &args).unwrap();
    let registered = call("isRegisteredUser", json!(["15557654321@c.us"]));
    assert_eq!(registered.read(json!("15557654321@c.us")).unwrap(), json!(true));
    assert_eq!(registered.read(Value::Null).unwrap(), json!(false));
    let number_id = call("getNumberId", json!(["15557654321@c.us"]));
    assert_eq!(number_id.read(json!("15557654321@c.us")).unwrap()["user"], "15557654321");
    assert!(number_id.read(json!({ "x": 1 })).is_err());
    assert!(call("getChats", json!([])).read(json!({})).is_err());
    assert_eq!(call("getMessageById", json!(["false_1@c.us_X"])).read(Value::Null).unwrap(), Value::Null);
    let download = call("downloadMedia", json!(["false_1@c.us_X"]));
    let media = download.read(json!({ "data": "iVBORw0KGgo=", "mimetype": "image/png", "filename": "a.png", "filesize": 8 })).unwrap();
    assert_eq!((media["mimetype"].as_str(), media["filesize"].as_u64()), (Some("image/png"), Some(8)));
    assert!(download.read(json!({ "data": "<script>", "mimetype": "image/png" })).is_err());
    assert_eq!(download.read(Value::Null).unwrap(), Value::Null);
    assert!(download.read_answer("{").unwrap_err().to_string().contains("malformed JSON"));
}

#[test]
fn group_notifications_become_group_events() {
    let mut gp2 = record(false, "G1", "");
    gp2["raw"]["type"] = json!("gp2");
    gp2["raw"]["subtype"] = json!("add");
    gp2["raw"]["recipients"] = json!(["15550100001@c.us"]);
    gp2["raw"]["author"] = json!("15557654321@c.us");
    let ev = parse_event(&json!({ "t": "msg", "m": gp2 })).unwrap();
    let mut state = AccountState::default();
    let emits = state.emits(ev.clone());
    assert_eq!(emits.iter().map(AccountEmit::name).collect::<Vec<_>>(), ["group_join"]);
    let args = emits[0].args();
    assert_eq!(args[0]["type"], "add");
    assert_eq!(args[0]["recipientIds"], json!(["15550100001@c.us"]));
    assert_eq!(args[0]["author"], "15557654321@c.us");
    assert!(state.emits(ev).is_empty(), "once");
    for (subtype, name) in [("remove", "group_leave"), ("leave", "group_leave"), ("promote", "group_admin_changed"), ("subject", "group_update")] {
        let mut n = record(false, subtype, "");
        n["raw"]["type"] = json!("gp2");
        n["raw"]["subtype"] = json!(subtype);
        let Some(AccountEvent::Group(n)) = parse_event(&json!({ "t": "msg", "m": n })) else { panic!() };
        assert_eq!(n.event_name(), name);
    }
}

#[test]
fn page_events_are_checked() {
    let ev = parse_event(&json!({ "t": "ack", "m": record(true, "B", "x"), "ack": 3 })).unwrap();
    assert!(matches!(ev, AccountEvent::Ack(_, 3)));
    assert!(parse_event(&json!({ "t": "ack", "m": record(true, "B", "x"), "ack": 7 })).is_none());
    assert!(parse_event(&json!({ "t": "msg", "m": { "id": "x" } })).is_none());
}

#[test]
fn locations_are_checked_both_ways() {
    let call = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "latitude": 52.37, "longitude": 4.89, "description": "Dam\nAmsterdam" }])).unwrap();
    assert_eq!(call.args()[1], "");
    assert_eq!(call.args()[2]["location"], json!({ "latitude": 52.37, "longitude": 4.89, "description": "Dam\nAmsterdam", "url": null }));
    let code = AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "latitude": 91, "longitude": 0 }])).unwrap_err().code();
    assert_eq!(code, "ERR_INVALID_ARGUMENT");

    let mut r = record(true, "LOC", "");
    r["raw"]["type"] = json!("location");
    r["raw"]["lat"] = json!(52.37);
    r["raw"]["lng"] = json!(4.89);
    r["raw"]["loc"] = json!("Dam\nAmsterdam");
    let v = serde_json::to_value(Message::from_value(&r).unwrap()).unwrap();
    assert_eq!(v["location"], json!({ "latitude": 52.37, "longitude": 4.89, "name": "Dam", "address": "Amsterdam", "description": "Dam\nAmsterdam" }));
    r["raw"]["lat"] = json!(200);
    assert!(Message::from_value(&r).is_err());
}

#[test]
fn chat_settings_are_checked() {
    let parse = |m: &str, args: Value| AccountCall::parse(m, &args);
    assert_eq!(parse("muteChat", json!(["1555123456@c.us"])).unwrap().args(), [json!("1555123456@c.us"), json!(-1)]);
    assert_eq!(parse("muteChat", json!(["1555123456@c.us", 1_700_000_000_500u64])).unwrap().args(), [json!("1555123456@c.us"), json!(1_700_000_000)]);
    assert_eq!(parse("unmuteChat", json!(["1555123456@c.us"])).unwrap().args(), [json!("1555123456@c.us"), Value::Null]);
    assert_eq!(parse("muteChat", json!(["nope", "soon"])).unwrap_err().code(), "ERR_INVALID_CHAT_ID", "the chat first, then the date");
    assert_eq!(parse("muteChat", json!(["1555123456@c.us", "soon"])).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
    assert_eq!(parse("pinChat", json!(["nope"])).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
    assert_eq!(parse("sendChatState", json!(["1555123456@c.us", "dancing"])).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
    assert_eq!(parse("unmuteChat", json!(["1555123456@c.us"])).unwrap().read(json!({ "muteExpiration": 0 })).unwrap(), json!({ "isMuted": false, "muteExpiration": 0 }));
    assert_eq!(parse("sendChatState", json!(["1555123456@c.us", "typing"])).unwrap().args()[1], "typing");
}

#[test]
fn edits_deletions_for_me_and_chat_changes_become_their_events() {
    let mut state = AccountState::default();
    let names = |emits: Vec<AccountEmit>| emits.iter().map(|e| e.name()).collect::<Vec<_>>();
    let edit = parse_event(&json!({ "t": "edit", "m": record(false, "E", "at 6"), "newBody": "at 6", "prevBody": "at 5" })).unwrap();
    let emits = state.emits(edit);
    assert_eq!(names(emits.clone()), ["message_edit"]);
    assert_eq!(emits[0].args()[1..], [json!("at 6"), json!("at 5")]);
    // A revoke empties the body: that is message_revoke_everyone, not an edit; nor is an unchanged text.
    let mut revoked = record(false, "E", "");
    revoked["raw"]["type"] = json!("revoked");
    assert!(state.emits(parse_event(&json!({ "t": "edit", "m": revoked, "newBody": "", "prevBody": "at 6" })).unwrap()).is_empty());
    assert!(state.emits(parse_event(&json!({ "t": "edit", "m": record(false, "E", "x"), "newBody": "x", "prevBody": "x" })).unwrap()).is_empty());
    assert!(parse_event(&json!({ "t": "edit", "m": record(false, "E", "x"), "newBody": 5, "prevBody": "x" })).is_none());

    let removed = parse_event(&json!({ "t": "removed", "m": record(true, "R", "gone") })).unwrap();
    assert_eq!(names(state.emits(removed)), ["message_revoke_me"]);

    let chat = json!({ "id": "15557654321@c.us", "formattedTitle": "Alice", "unreadCount": 2, "t": 1700000000, "archive": true });
    let archived = parse_event(&json!({ "t": "archive", "c": chat, "now": true, "before": false })).unwrap();
    let emits = state.emits(archived);
    assert_eq!(names(emits.clone()), ["chat_archived"]);
    assert_eq!(emits[0].args()[1..], [json!(true), json!(false)]);
    assert_eq!(emits[0].args()[0]["archived"], json!(true));
    assert!(parse_event(&json!({ "t": "archive", "c": chat, "now": "yes", "before": false })).is_none());
    let unread = parse_event(&json!({ "t": "unread", "c": chat })).unwrap();
    let emits = state.emits(unread);
    assert_eq!(names(emits.clone()), ["unread_count"]);
    assert_eq!(emits[0].args()[0]["unreadCount"], json!(2));
    assert!(parse_event(&json!({ "t": "unread", "c": { "id": "not a wid" } })).is_none());
}

#[test]
fn blocking_takes_a_contact_not_a_group() {
    let parse = |m: &str, args: Value| AccountCall::parse(m, &args);
    assert_eq!(parse("blockContact", json!(["15557654321@c.us"])).unwrap().args(), [json!("15557654321@c.us"), json!(true)]);
    assert_eq!(parse("unblockContact", json!(["123456789@lid"])).unwrap().args(), [json!("123456789@lid"), json!(false)]);
    assert_eq!(parse("blockContact", json!(["120363000000000001@g.us"])).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
    assert_eq!(parse("blockContact", json!(["15557654321"])).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
    let block = parse("blockContact", json!(["15557654321@c.us"])).unwrap();
    assert_eq!(block.read(json!(true)).unwrap(), json!(true));
    let err = block.read(json!({ "error": "no-lid" })).unwrap_err();
    assert_eq!(err.code(), "ERR_INVALID_ARGUMENT");
    assert!(err.to_string().contains("15557654321@c.us"), "{err}");
}

#[test]
fn an_encrypted_arrival_is_announced_then_emitted_once_with_its_body() {
    let mut state = AccountState::default();
    let names = |v: Vec<AccountEmit>| v.iter().map(AccountEmit::name).collect::<Vec<_>>();
    let mut cipher = record(false, "CCC", "");
    cipher["raw"]["type"] = json!("ciphertext");
    let cipher = Message::from_value(&cipher).unwrap();
    // A `msg` of type ciphertext is never a message.
    assert!(state.emits(AccountEvent::Message(Box::new(cipher.clone()))).is_empty());
    assert_eq!(names(state.emits(AccountEvent::Ciphertext(Box::new(cipher.clone())))), ["message_ciphertext"]);
    assert!(state.emits(AccountEvent::Ciphertext(Box::new(cipher.clone()))).is_empty());
    let decrypted = Message::from_value(&record(false, "CCC", "the text")).unwrap();
    assert_eq!(names(state.emits(AccountEvent::Message(Box::new(decrypted)))), ["message_create", "message"]);
    // Decrypted already: a late failure notice is not emitted.
    assert!(state.emits(AccountEvent::CiphertextFailed(Box::new(cipher))).is_empty());

    let mut never = record(false, "DDD", "");
    never["raw"]["type"] = json!("ciphertext");
    let never = Message::from_value(&never).unwrap();
    assert_eq!(names(state.emits(AccountEvent::Ciphertext(Box::new(never.clone())))), ["message_ciphertext"]);
    assert_eq!(names(state.emits(AccountEvent::CiphertextFailed(Box::new(never)))), ["message_ciphertext_failed"]);
}

#[test]
fn contact_lid_and_phone_takes_people() {
    let call = AccountCall::parse("getContactLidAndPhone", &json!([["15557654321@c.us", "123456789012345@lid"]])).unwrap();
    assert_eq!(call.args(), [json!(["15557654321@c.us", "123456789012345@lid"])]);
    assert_eq!(AccountCall::parse("getContactLidAndPhone", &json!(["15557654321"])).unwrap_err().code(), "ERR_INVALID_CHAT_ID");
}

#[test]
fn media_size_is_counted_from_checked_base64_without_wrapping() {
    use base64_decoded_len as len;
    assert_eq!(len("AAAA"), Ok(3));
    assert_eq!(len("iVBORw=="), Ok(4));
    assert_eq!(len("iVBORwA="), Ok(5));
    // Unpadded, as atob on the page takes it.
    assert_eq!((len("iVBORw"), len("iVBORwA")), (Ok(4), Ok(5)));
    // Each of these wrapped or under-counted with `len / 4 * 3 - padding`
    // (a debug build panicked on the subtraction).
    for bad in ["=", "==", "===", "====", "A", "A=", "A===", "AA===", "AAAAA", "AA=A", "=AAA", "AAA\n", "AA AA", "AAA-", "é"] {
        assert!(len(bad).is_err(), "{bad:?} is not base64");
    }
    assert!(len("").is_err());

    let code = |data: &str| AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "image/png", "data": data }])).unwrap_err();
    let err = code("=");
    assert_eq!(err.code(), "ERR_INVALID_ARGUMENT");
    assert!(err.to_string().contains("content.data") && err.to_string().contains("media.data"), "{err}");
    assert_eq!(code("AA=A").code(), "ERR_INVALID_ARGUMENT");
    // The limit is measured on the decoded size: exactly the limit passes, a byte more does not.
    let at_limit = "A".repeat(MEDIA_LIMIT / 3 * 4) + "AA==";
    assert_eq!(len(&at_limit), Ok(MEDIA_LIMIT));
    assert!(AccountCall::parse("sendMessage", &json!(["15557654321@c.us", { "mimetype": "image/png", "data": at_limit }])).is_ok());
    let over = "A".repeat((MEDIA_LIMIT / 3 + 1) * 4);
    assert_eq!(code(&over).code(), "ERR_MEDIA_TOO_LARGE");
}

#[test]
fn each_method_belongs_to_one_area() {
    let names: Vec<&str> = AREAS.iter().flat_map(|area| area.iter().map(|(name, _)| *name)).collect();
    let unique: std::collections::HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name in two areas: {names:?}");
    assert!(names.len() >= 37, "{} methods", names.len());
    assert!(matches!(AccountCall::parse("noSuchMethod", &json!([])), Err(ClientError::Internal(m)) if m == "unknown account call noSuchMethod"));
}

#[test]
fn calls_and_number_changes_become_events_once() {
    let mut state = AccountState::default();
    let call = json!({ "t": "call", "c": { "id": "C0FFEE", "peerJid": "15557654321@c.us", "offerTime": 1_700_000_000, "isVideo": false, "isGroup": false,
        "outgoing": false, "canHandleLocally": false, "webClientShouldHandle": false, "participants": [] } });
    let ev = parse_event(&call).unwrap();
    let emits = state.emits(ev.clone());
    assert_eq!(emits.iter().map(AccountEmit::name).collect::<Vec<_>>(), ["call"]);
    assert_eq!((emits[0].args()[0]["from"].as_str(), emits[0].args()[0]["timestamp"].as_i64()), (Some("15557654321@c.us"), Some(1_700_000_000)));
    assert!(state.emits(ev).is_empty(), "the model set again is the same call");
    assert_eq!(parse_event(&json!({ "t": "call", "c": { "id": "C1", "peerJid": "<x>" } })), None);

    // The new number sorts first: the old id is still the other parameter.
    let mut note = record(false, "N1", "");
    note["raw"]["type"] = json!("notification_template");
    note["raw"]["subtype"] = json!("change_number");
    note["raw"]["to"] = json!("15557654300@c.us");
    let changed = json!({ "t": "contact-changed", "m": note, "params": ["15557654300@c.us", "15557654399@c.us"] });
    let ev = parse_event(&changed).unwrap();
    let emits = state.emits(ev.clone());
    assert_eq!(emits.iter().map(AccountEmit::name).collect::<Vec<_>>(), ["contact_changed"]);
    assert_eq!(emits[0].args()[1..], [json!("15557654399@c.us"), json!("15557654300@c.us"), json!(true)]);
    assert!(state.emits(ev).is_empty(), "once per notification");
    let mut participant = record(false, "N2", "");
    participant["raw"]["type"] = json!("gp2");
    participant["raw"]["subtype"] = json!("modify");
    participant["raw"]["author"] = json!("15557654321@c.us");
    participant["raw"]["recipients"] = json!(["15557654322@c.us"]);
    let emits = state.emits(parse_event(&json!({ "t": "contact-changed", "m": participant, "params": [] })).unwrap());
    assert_eq!(emits[0].args()[1..], [json!("15557654321@c.us"), json!("15557654322@c.us"), json!(false)]);
    // No old id, or a notification of another kind: dropped.
    assert_eq!(parse_event(&json!({ "t": "contact-changed", "m": note, "params": ["15557654300@c.us"] })), None);
    assert_eq!(parse_event(&json!({ "t": "contact-changed", "m": record(false, "N3", ""), "params": [] })), None);
}

#[test]
fn a_server_refusal_is_a_named_error_with_its_status() {
    let call = |method: &str, args: Value| AccountCall::parse(method, &args).unwrap();
    let accept = call("acceptInvite", json!(["NoSuchCode0000000000000"]));
    let err = accept.read_answer(r#"{"error":"server-status","status":404}"#).unwrap_err();
    assert_eq!(err, ClientError::ServerStatus { what: "joining a group by its invite code", status: 404 });
    assert_eq!(err.code(), "ERR_SERVER_REFUSED");
    assert!(!err.is_type_error());
    assert_eq!(err.to_string(), "WhatsApp refused joining a group by its invite code: 404 (not found: no such invite, group or user, or the invite is not the account's)");
    assert!(err.to_wire().starts_with("[Error:ERR_SERVER_REFUSED] WhatsApp refused"));
    let later = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 3600;
    let v4 = call("acceptGroupV4Invite", json!([{ "inviteCode": "AbCd", "inviteCodeExp": later, "groupId": "120363000000000001@g.us", "fromId": "15557654321@c.us" }]));
    for (status, meaning) in [(410, "expired or was revoked"), (409, "already in the group"), (503, "try again later"), (299, "refused by WhatsApp's server")] {
        let err = v4.read_answer(&format!(r#"{{"error":"server-status","status":{status}}}"#)).unwrap_err();
        assert_eq!(err.code(), "ERR_SERVER_REFUSED");
        assert!(err.to_string().starts_with(&format!("WhatsApp refused accepting a private group invite: {status} (")), "{err}");
        assert!(err.to_string().contains(meaning), "{err}");
    }
    assert_eq!(call("getInviteInfo", json!(["AbCd"])).read(json!({ "error": "server-status", "status": 410 })).unwrap_err().code(), "ERR_SERVER_REFUSED");
    assert_eq!(call("revokeInvite", json!(["120363000000000001@g.us"])).read(json!({ "error": "server-status", "status": 401 })).unwrap_err().code(), "ERR_SERVER_REFUSED");
    // Not a refusal: a status out of range or of the wrong kind is read as the call's answer.
    for text in [r#"{"error":"server-status","status":"404"}"#, r#"{"error":"server-status","status":7}"#, r#"{"error":"server-status"}"#] {
        assert_ne!(accept.read_answer(text).unwrap_err().code(), "ERR_SERVER_REFUSED", "{text}");
    }
    assert_eq!(accept.read(json!("120363000000000001@g.us")).unwrap(), json!("120363000000000001@g.us"));
}
