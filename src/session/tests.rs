//! The session machine driven by hand, with no browser.

use std::time::Duration;

use super::*;
use crate::errors::ClientError;
use crate::phone::PhoneNumber;

fn req(phone: &str, interval_ms: u64) -> CodeRequest {
    CodeRequest {
        phone: PhoneNumber::parse(phone).unwrap(),
        show_notification: true,
        interval: Duration::from_millis(interval_ms),
    }
}

/// A session plus the outputs it produced, with helpers that play the driver.
struct Harness {
    s: Session,
    next_call: CallId,
    log: Vec<Output>,
}

impl Harness {
    fn new(config: LoginConfig) -> Self {
        Harness { s: Session::new(config), next_call: 100, log: Vec::new() }
    }

    fn feed(&mut self, input: Input) -> Vec<Output> {
        let out = self.s.handle(input);
        self.log.extend(out.iter().cloned());
        out
    }

    fn call(&mut self, call: Call) -> (CallId, Vec<Output>) {
        self.next_call += 1;
        let id = self.next_call;
        (id, self.feed(Input::Call(id, call)))
    }

    /// initialize() up to the attach command; returns the attach CmdId.
    fn boot(&mut self) -> (CallId, CmdId) {
        let (init, out) = self.call(Call::Initialize);
        assert!(out.contains(&Output::Launch));
        self.feed(Input::Launched);
        let out = self.feed(Input::Page(PageEvent::Version { version: "2.3000.1".into(), had_session: false }));
        (init, run_of(&out, |c| *c == PageCommand::Attach).expect("attach"))
    }

    /// Boots into QR mode and answers the initial QR read.
    fn boot_qr(&mut self) -> CallId {
        let (init, attach) = self.boot();
        let out = self.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("UNPAIRED".into()), has_synced: false })));
        assert!(out.contains(&Output::Reply(init, Ok(Reply::Unit))), "initialize resolves once login is awaited");
        let read = run_of(&out, |c| *c == PageCommand::ReadQr).expect("initial QR read");
        let out = self.feed(Input::Done(read, Ok(PageResult::Qr(Some((1, "2@a,k,i,s1,1".into()))))));
        assert_eq!(emitted(&out), vec![Event::Qr("2@a,k,i,s1,1".into())]);
        init
    }
}

fn run_of(out: &[Output], f: impl Fn(&PageCommand) -> bool) -> Option<CmdId> {
    out.iter().find_map(|o| match o {
        Output::Run(id, c) if f(c) => Some(*id),
        _ => None,
    })
}

fn emitted(out: &[Output]) -> Vec<Event> {
    out.iter()
        .filter_map(|o| match o {
            Output::Emit(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

fn reply_of(out: &[Output], id: CallId) -> Option<Result<Reply, ClientError>> {
    out.iter().find_map(|o| match o {
        Output::Reply(i, r) if *i == id => Some(r.clone()),
        _ => None,
    })
}

fn code_cmd(out: &[Output]) -> Option<(CmdId, bool)> {
    out.iter().find_map(|o| match o {
        Output::Run(id, PageCommand::RequestCode { show_notification, .. }) => Some((*id, *show_notification)),
        _ => None,
    })
}

/// The code-refresh timer an output batch armed.
fn armed_refresh(out: &[Output]) -> Option<Timer> {
    out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::CodeRefresh { .. }, _) => Some(*t),
        _ => None,
    })
}

impl Harness {
    /// From QR mode: requestPairingCode answered with `code`; returns the outputs of the answer.
    fn enter_code_mode(&mut self, code: &str, interval_ms: u64) -> Vec<Output> {
        let (_, out) = self.call(Call::RequestCode(req("15551234567", interval_ms)));
        let (cmd, _) = code_cmd(&out).expect("a code request");
        self.feed(Input::Done(cmd, Ok(PageResult::Code(code.into()))))
    }
}

fn qr(seq: u64, text: &str) -> Input {
    Input::Page(PageEvent::Qr { seq, text: text.into() })
}

#[test]
fn qr_login_to_ready() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    // Ref rotation and ADV rotation both reach the user; duplicates do not.
    assert_eq!(emitted(&h.feed(qr(2, "2@b,k,i,s1,1"))), vec![Event::Qr("2@b,k,i,s1,1".into())]);
    assert_eq!(emitted(&h.feed(qr(3, "2@b,k,i,s2,1"))), vec![Event::Qr("2@b,k,i,s2,1".into())]);
    assert!(emitted(&h.feed(qr(3, "2@b,k,i,s2,1"))).is_empty());
    // A QR built before the newest one arrives late: dropped.
    assert!(emitted(&h.feed(qr(2, "2@b,k,i,s1,1"))).is_empty());

    for s in ["OPENING", "PAIRING", "CONNECTED"] {
        assert!(emitted(&h.feed(Input::Page(PageEvent::State(s.into())))).is_empty());
    }
    // No QR once logged in, even if the page still builds one.
    assert!(emitted(&h.feed(qr(9, "undefined,k,i,s2,1"))).is_empty());
    for p in [0, 50, 50, 100] {
        h.feed(Input::Page(PageEvent::Progress(p)));
    }
    let out = h.feed(Input::Page(PageEvent::Synced));
    assert_eq!(emitted(&out), vec![Event::Authenticated]);
    let info_cmd = run_of(&out, |c| *c == PageCommand::ReadInfo).unwrap();
    let info = ClientInfo { pushname: Some("Test".into()), wid: serde_json::json!({"_serialized": "1@c.us"}), platform: None };
    let out = h.feed(Input::Done(info_cmd, Ok(PageResult::Info(info.clone()))));
    assert_eq!(emitted(&out), vec![Event::Ready(info)]);
    let screens: Vec<_> = emitted(&h.log).into_iter().filter(|e| matches!(e, Event::LoadingScreen(_))).collect();
    assert_eq!(screens, vec![Event::LoadingScreen(0), Event::LoadingScreen(50), Event::LoadingScreen(100)]);

    // Pairing calls after login are refused without touching the page.
    let (id, out) = h.call(Call::RequestCode(req("15551234567", 1000)));
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::AlreadyLoggedIn)));
    assert!(code_cmd(&out).is_none());
    // After ready, state changes are reported and a fatal one disconnects.
    let out = h.feed(Input::Page(PageEvent::State("CONFLICT".into())));
    assert_eq!(emitted(&out), vec![Event::ChangeState("CONFLICT".into()), Event::Disconnected("CONFLICT".into())]);
    assert!(out.iter().any(|o| matches!(o, Output::Shutdown(_))));
}

#[test]
fn qr_max_retries_means_exactly_n_qrs() {
    let mut h = Harness::new(LoginConfig { qr_max_retries: 3, ..Default::default() });
    h.boot_qr();
    h.feed(qr(2, "q2"));
    h.feed(qr(3, "q3"));
    let out = h.feed(qr(4, "q4"));
    assert_eq!(emitted(&out), vec![Event::Disconnected("Max qrcode retries reached".into())]);
    assert!(out.contains(&Output::Shutdown(ShutdownReason::MaxQrRetries)));
    let qrs = emitted(&h.log).into_iter().filter(|e| matches!(e, Event::Qr(_))).count();
    assert_eq!(qrs, 3);
    assert!(emitted(&h.feed(qr(5, "q5"))).is_empty());
    let out = h.feed(Input::ShutdownComplete);
    assert!(out.is_empty());
    let (id, out) = h.call(Call::Destroy);
    assert_eq!(reply_of(&out, id), Some(Ok(Reply::Unit)));
}

#[test]
fn unpaired_idle_fetches_a_fresh_batch_in_qr_mode_only() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let out = h.feed(Input::Page(PageEvent::State("UNPAIRED_IDLE".into())));
    assert!(run_of(&out, |c| *c == PageCommand::RefreshQr).is_some());

    h.enter_code_mode("ABCD1234", 1000);
    let out = h.feed(Input::Page(PageEvent::State("UNPAIRED_IDLE".into())));
    assert!(run_of(&out, |c| *c == PageCommand::RefreshQr).is_none());
}

#[test]
fn code_then_cancel_then_qr() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (rid, out) = h.call(Call::RequestCode(req("+1 555 123 4567", 1000)));
    let (cmd, notify) = code_cmd(&out).unwrap();
    assert!(notify);
    // While the request runs, QRs from the page are not shown.
    assert!(emitted(&h.feed(qr(2, "q2"))).is_empty());
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Code("ABCD1234".into()))));
    assert_eq!(emitted(&out), vec![Event::Code("ABCD1234".into())]);
    assert_eq!(reply_of(&out, rid), Some(Ok(Reply::Code("ABCD1234".into()))));
    let timer = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::CodeRefresh { .. }, d) => Some((*t, *d)),
        _ => None,
    });
    let (timer, delay) = timer.expect("refresh armed");
    assert_eq!(delay, Duration::from_millis(1000));

    // The refresh asks for a new code without the push notification.
    let out = h.feed(Input::Timer(timer));
    let (cmd2, notify2) = code_cmd(&out).unwrap();
    assert!(!notify2);
    let out = h.feed(Input::Done(cmd2, Ok(PageResult::Code("EFGH5678".into()))));
    assert_eq!(emitted(&out), vec![Event::Code("EFGH5678".into())]);
    let timer2 = armed_refresh(&out);

    // Cancel: restore, then the fresh QR, then the call resolves.
    let (cid, out) = h.call(Call::CancelCode);
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).unwrap();
    assert!(reply_of(&out, cid).is_none());
    // A QR the page built mid-restore (old secret possible) is not shown.
    assert!(emitted(&h.feed(qr(3, "mid"))).is_empty());
    let out = h.feed(Input::Done(restore, Ok(PageResult::Unit)));
    let read = run_of(&out, |c| *c == PageCommand::ReadQr).unwrap();
    let out = h.feed(Input::Done(read, Ok(PageResult::Qr(Some((4, "fresh".into()))))));
    assert_eq!(emitted(&out), vec![Event::Qr("fresh".into())]);
    assert_eq!(reply_of(&out, cid), Some(Ok(Reply::Unit)));
    // The old refresh timer fires after the mode changed: nothing happens.
    assert!(h.feed(Input::Timer(timer2.unwrap())).is_empty());
    // Cancel again in QR mode: resolves at once, touches nothing.
    let (cid2, out) = h.call(Call::CancelCode);
    assert_eq!(out, vec![Output::Reply(cid2, Ok(Reply::Unit))]);
}

#[test]
fn restore_waits_for_the_first_qr_built_after_it() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.enter_code_mode("ABCD1234", 1000);
    let (cid, out) = h.call(Call::CancelCode);
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).unwrap();
    let out = h.feed(Input::Done(restore, Ok(PageResult::Unit)));
    let read = run_of(&out, |c| *c == PageCommand::ReadQr).unwrap();
    // No ref yet in the page: the call waits for the page's next QR.
    let out = h.feed(Input::Done(read, Ok(PageResult::Qr(None))));
    assert!(reply_of(&out, cid).is_none());
    let out = h.feed(qr(2, "new"));
    assert_eq!(emitted(&out), vec![Event::Qr("new".into())]);
    assert_eq!(reply_of(&out, cid), Some(Ok(Reply::Unit)));
}

#[test]
fn calls_run_one_at_a_time_in_call_order() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (a, out_a) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let (b, out_b) = h.call(Call::CancelCode);
    let (c, out_c) = h.call(Call::RequestCode(req("15557654321", 1000)));
    assert!(code_cmd(&out_a).is_some());
    assert!(out_b.is_empty() && out_c.is_empty(), "queued behind the first call");
    let (cmd, _) = code_cmd(&out_a).unwrap();
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Code("AAAA1111".into()))));
    assert_eq!(reply_of(&out, a), Some(Ok(Reply::Code("AAAA1111".into()))));
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).expect("cancel starts next");
    let out = h.feed(Input::Done(restore, Ok(PageResult::Unit)));
    let read = run_of(&out, |c| *c == PageCommand::ReadQr).unwrap();
    let out = h.feed(Input::Done(read, Ok(PageResult::Qr(Some((5, "q5".into()))))));
    assert_eq!(reply_of(&out, b), Some(Ok(Reply::Unit)));
    let (cmd, _) = code_cmd(&out).expect("third call starts after the cancel resolved");
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Code("BBBB2222".into()))));
    assert_eq!(reply_of(&out, c), Some(Ok(Reply::Code("BBBB2222".into()))));
}

#[test]
fn refused_request_rejects_and_returns_to_qr() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (id, out) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let (cmd, _) = code_cmd(&out).unwrap();
    let out = h.feed(Input::Done(cmd, Err(ClientError::RateLimited)));
    assert_eq!(reply_of(&out, id), Some(Err(ClientError::RateLimited)));
    assert!(emitted(&out).is_empty());
    assert!(run_of(&out, |c| *c == PageCommand::RestoreQr).is_some());
}

#[test]
fn failed_refresh_emits_code_error_and_returns_to_qr() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let out = h.enter_code_mode("ABCD1234", 1000);
    let out = h.feed(Input::Timer(armed_refresh(&out).unwrap()));
    let (cmd, _) = code_cmd(&out).unwrap();
    let out = h.feed(Input::Done(cmd, Err(ClientError::RateLimited)));
    assert_eq!(
        emitted(&out),
        vec![Event::CodeError { code: "ERR_PAIRING_RATE_LIMITED", message: ClientError::RateLimited.to_string() }]
    );
    assert!(run_of(&out, |c| *c == PageCommand::RestoreQr).is_some());
}

#[test]
fn pair_with_phone_number_starts_in_code_mode() {
    let mut h = Harness::new(LoginConfig { pair_with_phone: Some(req("15551234567", 500)), ..Default::default() });
    let (init, attach) = h.boot();
    let out = h.feed(Input::Done(attach, Ok(PageResult::Attached { state: Some("UNPAIRED".into()), has_synced: false })));
    assert_eq!(reply_of(&out, init), Some(Ok(Reply::Unit)));
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_none());
    let (cmd, notify) = code_cmd(&out).unwrap();
    assert!(notify);
    assert!(emitted(&h.feed(qr(1, "q"))).is_empty());
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Code("ABCD1234".into()))));
    assert_eq!(emitted(&out), vec![Event::Code("ABCD1234".into())]);
    // Typing the code logs in: the refresh timer is void from then on.
    let timer = armed_refresh(&out);
    h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    assert!(h.feed(Input::Timer(timer.unwrap())).is_empty());
}

#[test]
fn login_while_a_call_is_queued_rejects_it() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (a, _) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let (b, _) = h.call(Call::CancelCode);
    let out = h.feed(Input::Page(PageEvent::State("CONNECTED".into())));
    assert_eq!(reply_of(&out, a), Some(Err(ClientError::AlreadyLoggedIn)));
    assert_eq!(reply_of(&out, b), Some(Err(ClientError::AlreadyLoggedIn)));
}

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
fn automatic_code_refreshes_restart_the_socket_first() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    let (_, out) = h.call(Call::RequestCode(req("15551234567", 1000)));
    let first = out.iter().find_map(|o| match o {
        Output::Run(id, PageCommand::RequestCode { refresh_socket, .. }) => Some((*id, *refresh_socket)),
        _ => None,
    });
    let (cmd, refresh) = first.unwrap();
    assert!(!refresh, "a user's request uses the live refs");
    let out = h.feed(Input::Done(cmd, Ok(PageResult::Code("ABCD1234".into()))));
    let out = h.feed(Input::Timer(armed_refresh(&out).unwrap()));
    assert!(out.iter().any(|o| matches!(o, Output::Run(_, PageCommand::RequestCode { refresh_socket: true, .. }))));
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

/// A tiny deterministic PRNG, so the randomized test needs no crate.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Random interleavings of calls, page events, command results and timers;
/// the invariants are checked on the output stream.
#[test]
fn randomized_interleavings_keep_the_ordering_guarantees() {
    for seed in 0..40u64 {
        let mut rng = Lcg(seed * 7919 + 1);
        let mut h = Harness::new(LoginConfig::default());
        h.boot_qr();
        let mut pending_cmds: Vec<(CmdId, PageCommand)> = Vec::new();
        let mut timers: Vec<Timer> = Vec::new();
        let mut seq = 10u64;
        let mut outstanding: Vec<(CallId, bool)> = Vec::new(); // (call, is_request)
        // Mode as seen by the user: Some(true) after a request resolved, Some(false) after a cancel resolved.
        let mut user_mode_code = false;
        for step in 0..250 {
            let out = match rng.next() % 6 {
                0 => {
                    let (id, out) = h.call(Call::RequestCode(req("15551234567", 1000)));
                    outstanding.push((id, true));
                    out
                }
                1 => {
                    let (id, out) = h.call(Call::CancelCode);
                    outstanding.push((id, false));
                    out
                }
                2 => {
                    seq += 1;
                    h.feed(qr(seq, &format!("qr{seq}")))
                }
                3 | 4 if !pending_cmds.is_empty() => {
                    let i = (rng.next() as usize) % pending_cmds.len();
                    let (cmd, c) = pending_cmds.remove(i);
                    let res = match c {
                        PageCommand::RequestCode { .. } if rng.next() % 10 == 0 => Err(ClientError::RateLimited),
                        PageCommand::RequestCode { .. } => Ok(PageResult::Code(format!("C{step:07}"))),
                        PageCommand::ReadQr => {
                            seq += 1;
                            Ok(PageResult::Qr(Some((seq, format!("qr{seq}")))))
                        }
                        _ => Ok(PageResult::Unit),
                    };
                    h.feed(Input::Done(cmd, res))
                }
                _ if !timers.is_empty() => {
                    let i = (rng.next() as usize) % timers.len();
                    let t = timers.remove(i);
                    h.feed(Input::Timer(t))
                }
                _ => Vec::new(),
            };
            // A batch that emits a code must either resolve a request with it,
            // or be a refresh while the user is in code mode.
            let resolves_cancel = out.iter().any(|o| match o {
                Output::Reply(id, Ok(Reply::Unit)) => outstanding.iter().any(|(c, r)| c == id && !r),
                _ => false,
            });
            let resolves_request = out.iter().any(|o| matches!(o, Output::Reply(_, Ok(Reply::Code(_)))));
            if out.iter().any(|o| matches!(o, Output::Emit(Event::Code(_)))) {
                assert!(resolves_request || user_mode_code, "seed {seed} step {step}: code outside code mode");
            }
            for o in &out {
                match o {
                    Output::Run(id, c) => pending_cmds.push((*id, c.clone())),
                    Output::Arm(t, _) => timers.push(*t),
                    // A cancel emits its fresh QR just before it resolves.
                    Output::Emit(Event::Qr(_)) => assert!(
                        !user_mode_code || resolves_cancel,
                        "seed {seed} step {step}: qr after requestPairingCode resolved"
                    ),
                    // A failed refresh goes back to QR on its own.
                    Output::Emit(Event::CodeError { .. }) => user_mode_code = false,
                    Output::Reply(id, res) => {
                        let pos = outstanding.iter().position(|(c, _)| c == id).expect("reply to a known call");
                        assert_eq!(pos, 0, "seed {seed} step {step}: reply out of call order");
                        let (_, is_request) = outstanding.remove(0);
                        user_mode_code = is_request && res.is_ok();
                    }
                    _ => {}
                }
            }
        }
    }
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
fn restore_that_returns_the_fresh_qr_finishes_in_one_step() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.enter_code_mode("ABCD1234", 1000);
    let (cid, out) = h.call(Call::CancelCode);
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).unwrap();
    let out = h.feed(Input::Done(restore, Ok(PageResult::Qr(Some((7, "fresh".into()))))));
    assert_eq!(emitted(&out), vec![Event::Qr("fresh".into())]);
    assert_eq!(reply_of(&out, cid), Some(Ok(Reply::Unit)));
    assert!(run_of(&out, |c| *c == PageCommand::ReadQr).is_none(), "no second round trip");
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
