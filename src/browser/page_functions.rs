//! Each page function's source goes to a document once.
//!
//! A page function is a constant source text (src/page/, with `need()` and
//! the models in front of an account function: ~13–33 KB). Sent with every
//! `Runtime.callFunctionOn`, that text was most of what a small call cost:
//! DevTools reads the whole message and V8 looks the source up in its
//! compilation cache each time (measured, heavy page: a 33 KB function took
//! 1.3–1.4 ms a call against 0.5–0.6 ms for an empty one).
//!
//! So the first call of a function in a document sends it wrapped in an
//! installer, which files it under a small number in the page and runs it;
//! the calls after that send a short caller with the number. What is filed is
//! known per execution context: a new document is a new context and starts
//! empty. The page's table only adds (src/page/functions.js), so the page's
//! own scripts can neither drop nor replace a filed function. Were one still
//! missing, the caller throws [`NOT_FILED`] before anything runs: that call
//! fails with a page error, and the next one sends the function again.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

/// Files `function` (an expression of the source, spliced in: our own constant
/// text, never user input) under the number in the first argument and calls it
/// with the rest.
const INSTALLER_HEAD: &str = concat!("function (key, ...args) {\n", include_str!("../page/functions.js"), "\nconst filed = (");
const INSTALLER_TAIL: &str = "\n);\npageFunctions().add(key, filed);\nreturn filed.apply(this, args);\n}";

/// Calls the function filed under the first argument with the rest.
pub(super) const CALL_FILED: &str = concat!("function (key, ...args) {\n", include_str!("../page/functions.js"), "\nreturn pageFunctions().call(key, this, args);\n}");

/// What the caller throws when the document has nothing under the number.
pub(super) const NOT_FILED: &str = "whatsapp-web-rs: page function not filed";

/// The number of a constant source: the same for every page of the process.
pub(super) fn key_of(function: &'static str) -> u32 {
    static KEYS: OnceLock<Mutex<HashMap<(usize, usize), u32>>> = OnceLock::new();
    let mut keys = KEYS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    // A `'static` text never moves or goes away, so its address names it.
    let next = keys.len() as u32 + 1;
    *keys.entry((function.as_ptr() as usize, function.len())).or_insert(next)
}

/// The installer of `function`, sent the first time in a document.
pub(super) fn installer(function: &'static str) -> String {
    let mut text = String::with_capacity(INSTALLER_HEAD.len() + function.len() + INSTALLER_TAIL.len());
    text.push_str(INSTALLER_HEAD);
    text.push_str(function);
    text.push_str(INSTALLER_TAIL);
    text
}

/// Which functions the current document of one page has filed.
#[derive(Default)]
pub struct Filed {
    inner: Mutex<FiledIn>,
}

#[derive(Default)]
struct FiledIn {
    /// The execution context the keys are filed in; another one starts empty.
    context: i64,
    keys: HashSet<u32>,
}

impl Filed {
    pub fn has(&self, context: i64, key: u32) -> bool {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.context == context && inner.keys.contains(&key)
    }

    /// The document said it has nothing under `key` after all.
    pub fn forget(&self, context: i64, key: u32) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.context == context {
            inner.keys.remove(&key);
        }
    }

    /// After an installer's call answered: the function is filed in `context`.
    pub fn add(&self, context: i64, key: u32) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.context != context {
            inner.context = context;
            inner.keys.clear();
        }
        inner.keys.insert(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "function () { return 1; }";
    const TWO: &str = "function () { return 2; }";

    #[test]
    fn each_constant_has_its_own_number_every_time() {
        let (one, two) = (key_of(ONE), key_of(TWO));
        assert_ne!(one, two);
        assert_eq!(key_of(ONE), one);
        assert_eq!(key_of(TWO), two);
    }

    #[test]
    fn a_new_document_starts_with_nothing_filed() {
        let filed = Filed::default();
        assert!(!filed.has(7, 1));
        filed.add(7, 1);
        filed.add(7, 2);
        assert!(filed.has(7, 1) && filed.has(7, 2));
        // The page navigated: context 8.
        assert!(!filed.has(8, 1));
        filed.add(8, 2);
        assert!(!filed.has(8, 1) && filed.has(8, 2));
        assert!(!filed.has(7, 2), "the old document's table is gone with it");
        filed.forget(8, 2);
        assert!(!filed.has(8, 2));
    }

    #[test]
    fn the_installer_files_the_function_it_runs() {
        let text = installer(ONE);
        assert!(text.starts_with("function (key, ...args) {"));
        assert!(text.contains("const filed = (function () { return 1; }\n);"));
        assert!(text.contains("pageFunctions().add(key, filed)"));
        assert!(CALL_FILED.contains("pageFunctions().call(key, this, args)"));
        assert!(include_str!("../page/functions.js").contains(NOT_FILED));
    }
}
