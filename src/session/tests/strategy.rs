//! A custom auth strategy's hooks: asked at whatsapp-web.js's moments, waited for,
//! and a hook that fails or does not answer ends initialize() with ERR_AUTH_STRATEGY.

use super::*;
use serde_json::json;

fn custom() -> Harness {
    Harness::new(LoginConfig { custom_strategy: true, ..Default::default() })
}

fn asked(out: &[Output]) -> Vec<StrategyHook> {
    out.iter()
        .filter_map(|o| match o {
            Output::AskStrategy(h) => Some(*h),
            _ => None,
        })
        .collect()
}

fn strategy_timer(out: &[Output]) -> Option<Timer> {
    out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::StrategyTimeout { .. }, _) => Some(*t),
        _ => None,
    })
}

/// initialize() to the moment the page says UNPAIRED; returns the init call and that batch.
fn to_auth_needed(h: &mut Harness) -> (CallId, Vec<Output>) {
    let (init, out) = h.call(Call::Initialize);
    assert!(out.contains(&Output::Launch));
    let out = h.feed(Input::Launched);
    assert_eq!(asked(&out), vec![StrategyHook::AfterBrowserInitialized]);
    h.feed(Input::StrategyAnswer(StrategyHook::AfterBrowserInitialized, Ok(json!(null))));
    let out = h.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
    let attach = run_of(&out, |c| *c == PageCommand::Attach).unwrap();
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("UNPAIRED".into()), has_synced: false })));
    (init, out)
}

#[test]
fn the_qr_waits_for_on_authentication_needed() {
    let mut h = custom();
    let (init, out) = to_auth_needed(&mut h);
    assert_eq!(asked(&out), vec![StrategyHook::AuthenticationNeeded]);
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_none(), "no QR before the strategy answered");
    assert!(reply_of(&out, init).is_none());
    let out = h.feed(Input::StrategyAnswer(StrategyHook::AuthenticationNeeded, Ok(json!({ "failed": false, "restart": false }))));
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)));
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_some());
}

#[test]
fn a_failed_authentication_emits_auth_failure_and_closes() {
    let mut h = custom();
    let (init, _) = to_auth_needed(&mut h);
    let out = h.feed(Input::StrategyAnswer(StrategyHook::AuthenticationNeeded, Ok(json!({ "failed": true, "restart": true }))));
    assert_eq!(emitted(&out), vec![Event::StrategyAuthFailure]);
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Value(json!({ "authFailed": true, "restart": true })))));
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)));
}

#[test]
fn a_hook_that_throws_or_never_answers_is_err_auth_strategy() {
    let mut h = custom();
    let (init, _) = to_auth_needed(&mut h);
    let out = h.feed(Input::StrategyAnswer(StrategyHook::AuthenticationNeeded, Err("threw: boom".into())));
    match reply_of(&out, init) {
        Some(Err(e)) => assert_eq!((e.code(), e.to_string().as_str()), ("ERR_AUTH_STRATEGY", "the auth strategy's onAuthenticationNeeded() threw: boom")),
        other => panic!("{other:?}"),
    }
    assert!(out.contains(&Output::Shutdown(ShutdownReason::InitFailed)));

    let mut h = custom();
    let (init, out) = to_auth_needed(&mut h);
    let timer = strategy_timer(&out).expect("the question is bounded");
    let out = h.feed(Input::Timer(timer));
    match reply_of(&out, init) {
        Some(Err(e)) => assert!(e.to_string().contains("onAuthenticationNeeded() did not answer within"), "{e}"),
        other => panic!("{other:?}"),
    }
    // A late answer changes nothing.
    assert!(h.feed(Input::StrategyAnswer(StrategyHook::AuthenticationNeeded, Ok(json!({})))).is_empty());
}

#[test]
fn authenticated_waits_for_get_auth_event_payload() {
    let mut h = custom();
    to_auth_needed(&mut h);
    h.feed(Input::StrategyAnswer(StrategyHook::AuthenticationNeeded, Ok(json!({}))));
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    let out = h.feed(Input::Page(PageEvent::Synced));
    assert_eq!(asked(&out), vec![StrategyHook::AuthEventPayload]);
    assert!(emitted(&out).is_empty());
    assert!(asked(&h.feed(Input::Page(PageEvent::Synced))).is_empty(), "asked once");
    let out = h.feed(Input::StrategyAnswer(StrategyHook::AuthEventPayload, Ok(json!(null))));
    assert_eq!(emitted(&out), vec![Event::Authenticated]);
    assert!(run_of(&out, |c| *c == PageCommand::ReadInfo).is_some());
}

#[test]
fn built_in_strategies_ask_nothing() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    assert!(asked(&h.log).is_empty());
}
