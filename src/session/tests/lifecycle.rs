//! A session's life outside pairing: start, attach, settle, log in, log out, endings.

use std::time::Duration;

use super::*;

#[test]
fn destroy_during_initialize_resolves_both() {
    let mut h = Harness::new(LoginConfig::default());
    let (init, _) = h.call(Call::Initialize);
    let (d, out) = h.call(Call::Destroy);
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::Destroyed)));
    assert!(reply_of(&out, d).is_none(), "destroy resolves after the browser is gone");
    let out = h.feed(Input::ShutdownComplete);
    assert_eq!(reply_of(&out, d), Some(Ok(Reply::Unit)));
    // Closed: pairing calls say so; initialize() may start again.
    let (id, out) = h.call(Call::CancelCode);
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::Destroyed)));
    let (_, out) = h.call(Call::Initialize);
    assert!(out.contains(&Output::Launch));
}

#[test]
fn calls_before_initialize_are_refused() {
    let mut h = Harness::new(LoginConfig::default());
    let (id, out) = h.call(Call::RequestCode(req("15551234567", 1000)));
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::NotInitialized)));
    let (id, out) = h.call(Call::GetState);
    assert_eq!(reply_of(&out, id), Some(Ok(Reply::State(None))));
    let (id, out) = h.call(Call::Destroy);
    assert_eq!(reply_of(&out, id), Some(Ok(Reply::Unit)));
}

fn armed_auth_timeout(out: &[Output]) -> Option<Timer> {
    out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::AuthTimeout { .. }, _) => Some(*t),
        _ => None,
    })
}

#[test]
fn auth_timeout_starts_with_the_page_and_fails_initialize() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_millis(10), ..Default::default() });
    let (init, out) = h.call(Call::Initialize);
    // The launch is bounded by the driver; authTimeoutMs covers the page only.
    assert_eq!(armed_auth_timeout(&out), None);
    let timer = armed_auth_timeout(&h.feed(Input::Launched)).expect("armed when the navigation starts");
    let out = h.feed(Input::Timer(timer));
    assert_eq!(reply_of(&out, init), Some(Err(ClientError::AuthTimeout(10))));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)));
}

fn armed_attach_retry(out: &[Output]) -> Option<Timer> {
    out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::AttachRetry { .. }, _) => Some(*t),
        _ => None,
    })
}

#[test]
fn an_attach_that_fails_is_tried_again_until_it_works() {
    let mut h = Harness::new(LoginConfig::default());
    let (init, attach) = h.boot();
    let missing = ClientError::PageScript("Requiring unknown module \"WAWebConnModel\"".into());
    let out = h.feed(Input::Done(attach, Err(missing)));
    assert_eq!(reply_of(&out, init), None, "not fatal");
    assert!(!out.iter().any(|o| matches!(o, Output::Shutdown(_))));
    let retry = armed_attach_retry(&out).expect("a retry is armed");
    let out = h.feed(Input::Timer(retry));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).expect("attached again");
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("UNPAIRED".into()), has_synced: false })));
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)));
}

#[test]
fn an_attach_that_never_works_names_its_cause_at_the_auth_timeout() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_millis(10), ..Default::default() });
    let (init, _) = h.call(Call::Initialize);
    let timer = armed_auth_timeout(&h.feed(Input::Launched)).unwrap();
    let out = h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    let out = h.feed(Input::Done(attach, Err(ClientError::PageScript("no Socket".into()))));
    h.feed(Input::Timer(armed_attach_retry(&out).unwrap()));
    let out = h.feed(Input::Timer(timer));
    match reply_of(&out, init) {
        Some(Err(ClientError::PageScript(why))) => assert!(why.contains("no Socket") && why.contains("10 ms"), "{why}"),
        other => panic!("expected a page error naming the cause, got {other:?}"),
    }
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)));
}

#[test]
fn a_page_stuck_connecting_ends_in_a_connect_timeout() {
    let mut h = Harness::new(LoginConfig { auth_timeout: Duration::from_millis(10), ..Default::default() });
    let (init, _) = h.call(Call::Initialize);
    let timer = armed_auth_timeout(&h.feed(Input::Launched)).unwrap();
    let out = h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("OPENING".into()), has_synced: false })));
    h.feed(Input::Page(PageEvent::State("TIMEOUT".into())));
    h.feed(Input::Page(PageEvent::State("OPENING".into())));
    let out = h.feed(Input::Timer(timer));
    assert_eq!(reply_of(&out, init), Some(Err(ClientError::ConnectTimeout { ms: 10, state: "OPENING".into() })));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)));
}

#[test]
fn synced_before_connected_still_reaches_ready() {
    // After a scan: the sync callbacks finish before the socket says CONNECTED.
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.feed(Input::Page(PageEvent::State("OPENING".into())));
    h.feed(Input::Page(PageEvent::State("PAIRING".into())));
    // Its progress is the login's, shown before CONNECTED too.
    assert_eq!(emitted(&h.feed(Input::Page(PageEvent::Progress(100)))), vec![Event::LoadingScreen(100)]);
    assert!(emitted(&h.feed(Input::Page(PageEvent::Synced))).is_empty());
    let out = h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    assert_eq!(emitted(&out), vec![Event::Authenticated]);
    let read = run_of(&out, |c| *c == PageCommand::ReadInfo).expect("info read");
    let out = h.feed(Input::Done(read, Ok(PageResult::Info(ClientInfo::default()))));
    assert_eq!(emitted(&out), vec![Event::Ready(ClientInfo::default())]);

    // A restored session whose attach saw hasSynced while the state was still PAIRING.
    let mut h = Harness::new(LoginConfig::default());
    let (init, attach) = h.boot();
    h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("PAIRING".into()), has_synced: true })));
    let out = h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)));
    assert_eq!(emitted(&out), vec![Event::Authenticated]);
}

#[test]
fn a_login_that_stops_syncing_ends_in_a_typed_failure() {
    let mut h = Harness::new(LoginConfig { login_timeout: Duration::from_millis(10), ..Default::default() });
    h.boot_qr();
    let out = h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let first = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::LoginTimeout { .. }, _) => Some(*t),
        _ => None,
    });
    let first = first.expect("the login is bounded");
    // Progress re-arms the bound (the driver keeps one timer per kind).
    let out = h.feed(Input::Page(PageEvent::Progress(40)));
    assert!(out.iter().any(|o| matches!(o, Output::Arm(Timer::LoginTimeout { .. }, _))));
    let out = h.feed(Input::Timer(first));
    let events = emitted(&out);
    assert!(matches!(&events[0], Event::AuthFailure(m) if m.starts_with("[ERR_LOGIN_TIMEOUT]")), "{events:?}");
    assert_eq!(events[1], Event::Disconnected("LOGIN_TIMEOUT".into()));
    assert!(out.iter().any(|o| matches!(o, Output::Shutdown(_))));
}

#[test]
fn page_reload_fails_the_running_call_and_reattaches() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (id, _) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let out = h.feed(Input::Page(PageEvent::Document { url: "https://web.whatsapp.com/?post_logout=1".into() }));
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::PageNavigated)));
    assert!(emitted(&out).is_empty(), "not logged in: no LOGOUT disconnect");
    let out = h.feed(Input::Page(PageEvent::Version { version: "2".into(), had_session: false }));
    assert!(run_of(&out, |c| *c == PageCommand::Attach).is_some());
}

#[test]
fn browser_lost_disconnects_and_rejects_pending_calls() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (id, _) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let out = h.feed(Input::BrowserLost("killed".into()));
    assert_eq!(emitted(&out), vec![Event::Disconnected("BROWSER_CLOSED".into())]);
    assert!(matches!(reply_of(&out, id), Some(Err(ClientError::BrowserClosed(_)))));
}

#[test]
fn navigating_away_disconnects() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let out = h.feed(Input::Page(PageEvent::Document { url: "https://example.com/".into() }));
    assert_eq!(emitted(&out), vec![Event::Disconnected("NAVIGATION".into())]);
    assert!(out.iter().any(|o| matches!(o, Output::Shutdown(_))));
}

#[test]
fn a_reload_that_never_loads_disconnects() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let out = h.feed(Input::Page(PageEvent::Document { url: "https://web.whatsapp.com/".into() }));
    let timer = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::AuthTimeout { .. }, _) => Some(*t),
        _ => None,
    });
    let out = h.feed(Input::Timer(timer.unwrap()));
    assert_eq!(emitted(&out), vec![Event::Disconnected("NAVIGATION".into())]);
}

#[test]
fn a_refused_saved_session_emits_auth_failure_then_a_fresh_login() {
    let mut h = Harness::new(LoginConfig::default());
    h.call(Call::Initialize);
    h.feed(Input::Launched);
    let out = h.feed(Input::Page(PageEvent::Version { version: "2".into(), had_session: true }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("OPENING".into()), has_synced: false })));
    let out = h.feed(Input::Page(PageEvent::State("UNPAIRED".into())));
    assert!(matches!(emitted(&out).first(), Some(Event::AuthFailure(_))));
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_some(), "then QR login");
}

#[test]
fn a_restored_session_does_not_emit_auth_failure() {
    let mut h = Harness::new(LoginConfig::default());
    h.call(Call::Initialize);
    h.feed(Input::Launched);
    let out = h.feed(Input::Page(PageEvent::Version { version: "2".into(), had_session: true }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("CONNECTED".into()), has_synced: false })));
    assert!(emitted(&out).is_empty());
}

#[test]
fn logout_waits_until_the_page_says_the_server_has_it() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let (id, out) = h.call(Call::Logout);
    let cmd = run_of(&out, |c| *c == PageCommand::Logout).unwrap();
    // Socket.logout() returned at once: the unpair has not reached the server yet.
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Unit)));
    assert!(out.is_empty(), "{out:?}");
    // Cmd `logout`: the server has it. The reload that follows is expected.
    let out = h.feed(Input::Page(PageEvent::LoggedOut));
    assert_eq!(emitted(&out), vec![Event::Disconnected("LOGOUT".into())]);
    assert!(out.contains(&Output::Shutdown(ShutdownReason::Logout)));
    assert!(h.feed(Input::Page(PageEvent::Document { url: "https://web.whatsapp.com/?post_logout=1".into() })).is_empty());
    let out = h.feed(Input::ShutdownComplete);
    assert_eq!(reply_of(&out, id), Some(Ok(Reply::Unit)));
}

#[test]
fn logout_is_bounded_and_closes_even_if_the_page_never_answers() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let (_, out) = h.call(Call::Logout);
    let cmd = run_of(&out, |c| *c == PageCommand::Logout).unwrap();
    let timer = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::LogoutTimeout { .. }, d) => Some((*t, *d)),
        _ => None,
    });
    let (timer, bound) = timer.expect("bounded");
    assert_eq!(bound, Duration::from_secs(25));
    h.feed(Input::Done(cmd, Ok(PageResult::Unit)));
    let out = h.feed(Input::Timer(timer));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::Logout)));

    // Before any login there is nothing to unlink: close once the call returned.
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (_, out) = h.call(Call::Logout);
    let cmd = run_of(&out, |c| *c == PageCommand::Logout).unwrap();
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Unit)));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::Logout)));
}

#[test]
fn conflict_with_takeover_reconnects_instead_of_disconnecting() {
    let mut h = Harness::new(LoginConfig { takeover_on_conflict: true, takeover_timeout: Duration::from_millis(5), ..Default::default() });
    h.boot_qr();
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let out = h.feed(Input::Page(PageEvent::Synced));
    let info = run_of(&out, |c| *c == PageCommand::ReadInfo).unwrap();
    h.feed(Input::Done(info, Ok(PageResult::Info(ClientInfo::default()))));
    let out = h.feed(Input::Page(PageEvent::State("CONFLICT".into())));
    assert_eq!(emitted(&out), vec![Event::ChangeState("CONFLICT".into())]);
    let timer = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::Takeover { .. }, _) => Some(*t),
        _ => None,
    });
    let out = h.feed(Input::Timer(timer.unwrap()));
    assert!(run_of(&out, |c| *c == PageCommand::Takeover).is_some());
}

#[test]
fn logout_from_the_phone_disconnects_then_waits_for_a_fresh_login() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let out = h.feed(Input::Page(PageEvent::LoggedOut));
    assert_eq!(emitted(&out), vec![Event::Disconnected("LOGOUT".into())]);
    let out = h.feed(Input::Page(PageEvent::Version { version: "2".into(), had_session: false }));
    assert!(run_of(&out, |c| *c == PageCommand::Attach).is_some());
}

#[test]
fn a_page_that_loads_before_the_launch_is_reported_is_attached() {
    let mut h = Harness::new(LoginConfig::default());
    h.call(Call::Initialize);
    assert!(h.feed(Input::Page(PageEvent::Version { version: "2".into(), had_session: false })).is_empty());
    let out = h.feed(Input::Launched);
    assert!(run_of(&out, |c| *c == PageCommand::Attach).is_some());
}

#[test]
fn a_state_callback_that_overtakes_the_attach_result_is_not_lost() {
    let mut h = Harness::new(LoginConfig::default());
    let (init, attach) = h.boot();
    // The page went UNPAIRED right after the listeners were installed; the
    // callback reached us before the attach result, which still says PAIRING.
    assert!(h.feed(Input::Page(PageEvent::State("UNPAIRED".into()))).is_empty());
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("PAIRING".into()), has_synced: false })));
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)), "login is awaited, not stuck settling");
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_some());
}
