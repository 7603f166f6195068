//! Placement: which worker should claim which unowned account.
//!
//! Every worker runs the same pure function on its own snapshot of the
//! registry and claims only the accounts it gives to itself. Snapshots taken
//! at slightly different moments may disagree; that costs a lost claim race
//! (claim.lua answers `Held` to the slower worker), never two owners.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::keys::{AccountId, WorkerId};

/// One live worker as its heartbeat last described it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerLoad {
    pub id: WorkerId,
    /// How many sessions it may run.
    pub capacity: u32,
    /// How many it runs or is claiming.
    pub load: u32,
    /// Shutting down: takes nothing new.
    pub draining: bool,
}

impl WorkerLoad {
    /// Places it still has for new sessions (none while draining).
    pub fn free(&self) -> u32 {
        if self.draining {
            0
        } else {
            self.capacity.saturating_sub(self.load)
        }
    }
}

/// Gives each unowned account (in id order, each once) to the worker with the
/// most free capacity at that point, ties to the smallest worker id, never to
/// the worker its client last failed to start on (`failed_on`); an account no
/// worker has room for stays unowned until the next snapshot.
pub fn assign(workers: &[WorkerLoad], unowned: &[AccountId], failed_on: &HashMap<AccountId, WorkerId>) -> Vec<(AccountId, WorkerId)> {
    let mut free: Vec<(u32, &WorkerId)> = workers.iter().map(|w| (w.free(), &w.id)).collect();
    let mut accounts: Vec<&AccountId> = unowned.iter().collect();
    accounts.sort();
    accounts.dedup();
    let mut plan = Vec::new();
    for account in accounts {
        // Most free first, then the smallest id.
        let avoid = failed_on.get(account);
        let Some(best) = free.iter_mut().filter(|(f, id)| *f > 0 && Some(*id) != avoid).min_by_key(|(f, id)| (Reverse(*f), *id)) else {
            continue;
        };
        best.0 -= 1;
        plan.push((account.clone(), best.1.clone()));
    }
    plan
}
