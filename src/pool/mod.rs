//! The session pool's core (issue 23, design in docs/pool.md), sans I/O.
//!
//! Many workers share one Redis; each account (a WhatsApp session) is run by
//! at most one worker, the one holding its lease. This module decides, for
//! one worker, what to claim, when to renew, when to stop a client and how to
//! hand sessions over; it never talks to Redis or a browser. The driver feeds
//! [`Input`]s in with the time, sends the [`RedisCommand`]s that come out
//! (the Lua scripts in `lua/`), and starts or stops clients as told.
//!
//! `driver.rs` runs the machine on tokio over a [`Bridge`] to Redis (the
//! application's own client, through lib/pool/redis-adapter.js).
//!
//! Not there yet: the napi bridge, heartbeat and snapshots, the fenced
//! backup, event and call scripts, and anything exported to Node.

mod driver;
mod io;
mod keys;
mod lease;
mod placement;
pub mod registry;
#[cfg(test)]
mod tests;

pub use driver::{bridge_command, parse_reply, send_bounded, Bridge, Clock, DriverConfig, PoolDriver};
pub use io::{Fault, Input, Output, RedisCommand, ReqId, Script, ScriptReply, Snapshot, StopReason};
pub use keys::{backup_entry, lease_value, parse_lease_value, AccountId, Keys, WorkerId};
pub use lease::{LeaseConfig, Leases, DEFAULT_LEASE_MS};
pub use placement::{assign, WorkerLoad};
