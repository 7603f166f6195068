//! The session machine driven by hand, with no browser: the harness that
//! plays the driver, then the pairing tests (`pairing.rs`) and the rest of a
//! session's life (`lifecycle.rs`).

mod lifecycle;
mod page_changes;
mod pairing;
mod strategy;

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
