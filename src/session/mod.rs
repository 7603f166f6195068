//! The session and pairing state machine, sans I/O.
//!
//! Nothing here touches a browser, a clock or a thread. The driver feeds
//! [`Input`]s in (user calls, page callbacks, page-command results, timers)
//! and carries out the [`Output`]s that come back (events to emit, page
//! commands to run, timers to arm, replies to settle). Because every
//! decision is made here, the ordering guarantees of the public API (one
//! call at a time, in call order; no `qr` in code mode; no `code` after a
//! cancel; nothing after login) are properties of this module and are
//! unit-tested without Chromium.

mod events;
mod io;
mod machine;
#[cfg(test)]
mod tests;

pub use events::{ClientInfo, Event};
pub use io::{
    Call, CallId, CmdId, CodeRequest, EventInterest, Input, LoginConfig, MissingInternal, Output, PageCommand, PageEvent, PageResult, Reply,
    ShutdownReason, StrategyHook, Timer,
};
pub use machine::Session;
