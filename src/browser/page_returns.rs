//! Answers a page function hands back through the binding before it returns.
//!
//! A `Runtime.callFunctionOn` with `awaitPromise` answers only once the
//! function's promise has settled, after everything the function still does
//! after it has its result. `restore_qr.js` has its fresh QR the moment the
//! page pushes it, while its own answer comes after the waits of its loop
//! unwind. Such a function gets an id as its last argument and calls
//! `window.__wwrs.ret(id, value)` (attach.js) as soon as it knows its result;
//! the value travels as a `{"t":"ret"}` binding callback, and the caller
//! takes whichever of the two arrives first. Both carry the same value, and
//! the CDP answer still brings errors and results of functions that never
//! call `ret`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::sync::oneshot;

/// The calls of one page waiting for an early answer, by id.
#[derive(Clone, Default)]
pub struct PageReturns {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, oneshot::Sender<Value>>>,
}

/// One call's claim on its early answer; dropping it forgets the call, so
/// a late `ret` for it is ignored.
pub struct Pending {
    id: u64,
    returns: PageReturns,
    pub answer: oneshot::Receiver<Value>,
}

impl Pending {
    pub fn id(&self) -> u64 {
        self.id
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.returns.waiting().remove(&self.id);
    }
}

impl PageReturns {
    fn waiting(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<Value>>> {
        // A panic while holding this lock leaves a plain map behind: still usable.
        self.inner.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn register(&self) -> Pending {
        let id = self.inner.next.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, rx) = oneshot::channel();
        self.waiting().insert(id, tx);
        Pending { id, returns: self.clone(), answer: rx }
    }

    /// Hands a `{"t":"ret","id":…,"v":…}` callback to the call waiting for it.
    /// Returns false when `message` is not one (it is then a page event).
    /// Anything in the page can call the binding: an id nobody waits for is
    /// dropped, and the value is checked by the caller as a CDP answer is.
    pub fn deliver(&self, message: &Value) -> bool {
        if message.get("t").and_then(Value::as_str) != Some("ret") {
            return false;
        }
        let id = message.get("id").and_then(Value::as_u64);
        if let Some(tx) = id.and_then(|id| self.waiting().remove(&id)) {
            let _ = tx.send(message.get("v").cloned().unwrap_or(Value::Null));
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_return_reaches_its_call_once_and_only_while_it_waits() {
        let returns = PageReturns::default();
        let mut a = returns.register();
        let b = returns.register();
        assert_ne!(a.id(), b.id());
        assert!(returns.deliver(&json!({ "t": "ret", "id": a.id(), "v": { "seq": 2 } })));
        assert_eq!(a.answer.try_recv().unwrap(), json!({ "seq": 2 }));
        // A second answer for the same call, an unknown id, or a forgotten call: nothing happens.
        assert!(returns.deliver(&json!({ "t": "ret", "id": a.id(), "v": 1 })));
        assert!(returns.deliver(&json!({ "t": "ret", "id": 999, "v": 1 })));
        let b_id = b.id();
        drop(b);
        assert!(returns.deliver(&json!({ "t": "ret", "id": b_id, "v": 1 })));
        assert!(returns.waiting().is_empty());
        // Page events are not returns.
        assert!(!returns.deliver(&json!({ "t": "qr", "seq": 1, "qr": "2@x" })));
    }
}
