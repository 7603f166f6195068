//! QR codes, pairing codes and the way back, one call at a time.

use std::time::Duration;

use super::*;

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
fn a_fresh_qr_ahead_of_its_state_is_shown_at_once_and_the_call_answers_with_the_state() {
    let mut h = Harness::new(LoginConfig::default());
    h.boot_qr();
    h.enter_code_mode("ABCD1234", 1000);
    let (cid, out) = h.call(Call::CancelCode);
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).unwrap();
    // The page restarts its socket: the states before the first ref.
    for state in ["OPENING", "PAIRING"] {
        assert!(emitted(&h.feed(Input::Page(PageEvent::State(state.into())))).is_empty());
    }
    // The fresh QR comes back as its ref arrives, before UNPAIRED is reported.
    let out = h.feed(Input::Done(restore, Ok(PageResult::Qr(Some((7, "fresh".into()))))));
    assert_eq!(emitted(&out), vec![Event::Qr("fresh".into())], "shown at once");
    assert_eq!(reply_of(&out, cid), None, "getState() would still read PAIRING");
    let out = h.feed(Input::Page(PageEvent::State("UNPAIRED".into())));
    assert_eq!(reply_of(&out, cid), Some(Ok(Reply::Unit)));
    assert!(emitted(&out).is_empty(), "the QR is not shown twice");
    let (sid, out) = h.call(Call::GetState);
    assert_eq!(reply_of(&out, sid), Some(Ok(Reply::State(Some("UNPAIRED".into())))));
    // The same QR pushed by the page afterwards is not shown again.
    assert!(emitted(&h.feed(qr(7, "fresh"))).is_empty());

    // With no state report at all, the restore timeout answers: the QR is out.
    h.enter_code_mode("EFGH5678", 1000);
    let (cid, out) = h.call(Call::CancelCode);
    let restore = run_of(&out, |c| *c == PageCommand::RestoreQr).unwrap();
    let timeout = out.iter().find_map(|o| match o {
        Output::Arm(t @ Timer::RestoreQrTimeout { .. }, _) => Some(*t),
        _ => None,
    });
    h.feed(Input::Page(PageEvent::State("PAIRING".into())));
    let out = h.feed(Input::Done(restore, Ok(PageResult::Qr(Some((8, "fresh2".into()))))));
    assert_eq!(emitted(&out), vec![Event::Qr("fresh2".into())]);
    let out = h.feed(Input::Timer(timeout.expect("restore timeout armed")));
    assert_eq!(reply_of(&out, cid), Some(Ok(Reply::Unit)));
}
