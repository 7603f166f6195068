//! A page that lacks internals: the login's bounded wait for the QR's
//! internals, `getPageSupport()`, the warning after `ready`, and page-changed
//! errors carrying the page's version.

use super::*;

fn missing(internal: &str, login: bool) -> MissingInternal {
    MissingInternal { internal: internal.into(), features: vec!["feature".into()], login }
}

fn armed_login_internals(out: &[Output]) -> Option<(Timer, Duration)> {
    out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::LoginInternals { .. }, after) => Some((*t, *after)),
        _ => None,
    })
}

fn check_cmd(out: &[Output]) -> Option<CmdId> {
    run_of(out, |c| *c == PageCommand::CheckSupport)
}

/// initialize() on a page that loaded but never announced itself (a QR module missing).
fn loaded_without_version(h: &mut Harness) -> (CallId, Timer) {
    let (init, _) = h.call(Call::Initialize);
    h.feed(Input::Launched);
    let out = h.feed(Input::Page(PageEvent::Loaded));
    let (timer, after) = armed_login_internals(&out).expect("a bound from the load event");
    assert_eq!(after, Duration::from_secs(30));
    (init, timer)
}

#[test]
fn a_missing_login_module_ends_initialize_30_s_after_load_naming_it() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_secs(300), ..Default::default() });
    let (init, timer) = loaded_without_version(&mut h);
    let out = h.feed(Input::Timer(timer));
    let check = check_cmd(&out).expect("the page is checked");
    assert!(reply_of(&out, init).is_none());
    let found = vec![missing("WAWebMiscBrowserUtils", false), missing("WAWebConnModel", true)];
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(found))));
    assert_eq!(reply_of(&out, init), Some(Err(ClientError::PageChanged { internal: "WAWebConnModel".into(), version: None })));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)), "Chromium is closed");
}

#[test]
fn the_missing_version_is_named_with_its_field() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_secs(300), ..Default::default() });
    let (init, timer) = loaded_without_version(&mut h);
    let check = check_cmd(&h.feed(Input::Timer(timer))).unwrap();
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(vec![missing("Debug.VERSION", true)]))));
    let err = match reply_of(&out, init) {
        Some(Err(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(err.code(), "ERR_PAGE_CHANGED");
    assert!(err.to_string().contains("Debug.VERSION"), "{err}");
}

#[test]
fn a_page_that_is_only_slow_keeps_waiting() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_secs(300), ..Default::default() });
    let (init, timer) = loaded_without_version(&mut h);
    let check = check_cmd(&h.feed(Input::Timer(timer))).unwrap();
    // Only features outside the login are missing: the QR's modules may still come.
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(vec![missing("WAWebCmd", false)]))));
    assert!(reply_of(&out, init).is_none());
    assert!(!out.iter().any(|o| matches!(o, Output::Shutdown(_))));
    // And a page that announced itself meanwhile is not checked at all.
    let mut h = Harness::new(LoginConfig::default());
    let (_, timer) = loaded_without_version(&mut h);
    h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
    let attach = h.log.iter().rev().find_map(|o| match o {
        Output::Run(id, PageCommand::Attach) => Some(*id),
        _ => None,
    });
    h.feed(Input::Done(attach.unwrap(), Ok(PageResult::Attached { state: Some("UNPAIRED".into()), has_synced: false })));
    assert!(check_cmd(&h.feed(Input::Timer(timer))).is_none());
}

#[test]
fn a_reload_voids_the_bound_of_the_document_before() {
    let mut h = Harness::new(LoginConfig::default());
    let (_, timer) = loaded_without_version(&mut h);
    h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
    h.feed(Input::Page(PageEvent::Document { url: "https://web.whatsapp.com/".into() }));
    assert!(check_cmd(&h.feed(Input::Timer(timer))).is_none(), "the old document's timer is stale");
}

#[test]
fn the_auth_timeout_names_a_missing_login_module_of_a_loaded_page() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_millis(10), ..Default::default() });
    let (init, out) = h.call(Call::Initialize);
    assert!(out.contains(&Output::Launch));
    let out = h.feed(Input::Launched);
    let auth = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::AuthTimeout { .. }, _) => Some(*t),
        _ => None,
    });
    h.feed(Input::Page(PageEvent::Loaded));
    let check = check_cmd(&h.feed(Input::Timer(auth.unwrap()))).expect("checked before failing");
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(vec![missing("WAWebSocketModel", true)]))));
    assert_eq!(reply_of(&out, init), Some(Err(ClientError::PageChanged { internal: "WAWebSocketModel".into(), version: None })));

    // Nothing missing: the auth timeout as before.
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_millis(10), ..Default::default() });
    let (init, _) = h.call(Call::Initialize);
    let out = h.feed(Input::Launched);
    let auth = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::AuthTimeout { .. }, _) => Some(*t),
        _ => None,
    });
    h.feed(Input::Page(PageEvent::Loaded));
    let check = check_cmd(&h.feed(Input::Timer(auth.unwrap()))).unwrap();
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(vec![]))));
    assert_eq!(reply_of(&out, init), Some(Err(ClientError::AuthTimeout(10))));
}

#[test]
fn a_load_reported_before_the_launch_still_bounds_the_wait() {
    let mut h = Harness::new(LoginConfig::default());
    h.call(Call::Initialize);
    assert!(h.feed(Input::Page(PageEvent::Loaded)).is_empty());
    assert!(armed_login_internals(&h.feed(Input::Launched)).is_some());
}

/// Logs in up to `ready`; returns the outputs of the info read's answer.
fn ready(h: &mut Harness) -> Vec<Output> {
    let (_, attach) = h.boot();
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("CONNECTED".into()), has_synced: true })));
    let read = run_of(&out, |c| *c == PageCommand::ReadInfo).expect("info read");
    h.feed(Input::Done(read, Ok(PageResult::Info(ClientInfo::default()))))
}

#[test]
fn after_ready_each_missing_internal_is_warned_about_once() {
    let mut h = Harness::new(LoginConfig::default());
    let out = ready(&mut h);
    let check = check_cmd(&out).expect("checked after ready");
    let found = vec![missing("WAWebSendReactionMsgAction", false), missing("WAWebCmd.Cmd.on", false)];
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(found.clone()))));
    let warned: Vec<_> = emitted(&out)
        .into_iter()
        .map(|e| match e {
            Event::PageChanged { internal, message, .. } => {
                assert!(message.contains("2.3000.1") && message.contains(&internal), "{message}");
                internal
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(warned, vec!["WAWebSendReactionMsgAction", "WAWebCmd.Cmd.on"]);
    // The page reloads and logs in again: nothing new, nothing said.
    h.feed(Input::Page(PageEvent::Document { url: "https://web.whatsapp.com/".into() }));
    let out = h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: true }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("CONNECTED".into()), has_synced: true })));
    let read = run_of(&out, |c| *c == PageCommand::ReadInfo).unwrap();
    let check = check_cmd(&h.feed(Input::Done(read, Ok(PageResult::Info(ClientInfo::default()))))).unwrap();
    assert!(emitted(&h.feed(Input::Done(check, Ok(PageResult::Support(found))))).is_empty());
}

#[test]
fn get_page_support_answers_from_the_live_page_once_it_loaded() {
    let mut h = Harness::new(LoginConfig::default());
    let (id, out) = h.call(Call::GetPageSupport);
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::NotInitialized)));

    h.call(Call::Initialize);
    let (id, out) = h.call(Call::GetPageSupport);
    assert!(out.is_empty(), "waits for a page");
    h.feed(Input::Launched);
    let out = h.feed(Input::Page(PageEvent::Version { version: "2.3000.0-beta".into(), had_session: false }));
    let check = check_cmd(&out).expect("runs once the page announced itself");
    let out = h.feed(Input::Done(check, Ok(PageResult::Support(vec![missing("WAWebAltDeviceLinkingApi", false)]))));
    assert_eq!(
        reply_of(&out, id),
        Some(Ok(Reply::Value(serde_json::json!({
            "version": "2.3000.0-beta",
            "missing": [{ "internal": "WAWebAltDeviceLinkingApi", "features": ["feature"] }],
        }))))
    );

    // A call waiting when the client is destroyed is answered too.
    let mut h = Harness::new(LoginConfig::default());
    h.call(Call::Initialize);
    let (id, _) = h.call(Call::GetPageSupport);
    let (_, out) = h.call(Call::Destroy);
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::Destroyed)));
}

#[test]
fn a_page_changed_error_carries_the_pages_version() {
    let mut h = Harness::new(LoginConfig::default());
    ready(&mut h);
    let call = crate::account::AccountCall::parse("getChats", &serde_json::json!([])).unwrap();
    let (id, out) = h.call(Call::Account(call.clone()));
    let cmd = out
        .iter()
        .find_map(|o| match o {
            Output::RunAccount(cmd, crate::account::AccountCommand::Call(c)) if *c == call => Some(*cmd),
            _ => None,
        })
        .unwrap();
    let err = ClientError::PageChanged { internal: "WAWebCollections.Chat".into(), version: None };
    let out = h.feed(Input::Done(cmd, Err(err)));
    let expected = ClientError::PageChanged { internal: "WAWebCollections.Chat".into(), version: Some("2.3000.1".into()) };
    assert_eq!(reply_of(&out, id), Some(Err(expected.clone())));
    assert!(expected.to_string().contains("WAWebCollections.Chat") && expected.to_string().contains("2.3000.1"));
}

#[test]
fn pairing_codes_missing_from_the_page_fall_back_to_its_qr() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (id, out) = h.call(Call::RequestCode(req("15551234567", 180_000)));
    let (cmd, _) = code_cmd(&out).unwrap();
    let out = h.feed(Input::Done(cmd, Err(ClientError::PageChanged { internal: "WAWebAltDeviceLinkingApi".into(), version: None })));
    match reply_of(&out, id) {
        Some(Err(ClientError::PageChanged { internal, version })) => {
            assert_eq!(internal, "WAWebAltDeviceLinkingApi");
            assert_eq!(version.as_deref(), Some("2.3000.1"));
        }
        other => panic!("{other:?}"),
    }
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_some(), "the page's QR is read again");
    assert!(run_of(&out, |c| *c == PageCommand::RestoreQr).is_none(), "not restored through the missing module");
}

#[test]
fn page_changed_errors_are_recognised_in_a_page_exception_and_checked() {
    let from = |text: &str| ClientError::page_changed_in(text);
    let js = r#"JavascriptException(ExceptionDetails { text: "Uncaught", exception: Some(RemoteObject { description: Some("Error: WWRS_PAGE_CHANGED:WAWebSendReactionMsgAction.sendReactionToMsg is not on the page\n    at need") }) })"#;
    assert_eq!(from(js), Some(ClientError::PageChanged { internal: "WAWebSendReactionMsgAction.sendReactionToMsg".into(), version: None }));
    assert_eq!(from("WWRS_PAGE_CHANGED:Debug.VERSION"), Some(ClientError::PageChanged { internal: "Debug.VERSION".into(), version: None }));
    assert_eq!(from("no marker"), None);
    assert_eq!(from("WWRS_PAGE_CHANGED:<img>"), None, "nothing that is not a name");
    assert_eq!(from("WWRS_PAGE_CHANGED:a..b"), None);
    assert_eq!(from(&format!("WWRS_PAGE_CHANGED:{}", "A".repeat(161))), None, "nor a long one");
}
