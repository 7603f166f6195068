//! `sharedBrowser: true`: clients with the same launch options share one
//! Chromium, each in its own browser context (separate cookies, storage and
//! IndexedDB, like separate profiles kept in memory).
//!
//! A Chromium costs a browser process, a GPU and a network service and a
//! zygote before the first tab; a context costs a renderer. Sharing is what
//! lets many logged-in sessions fit in a few GiB, and makes a second
//! client's start-up the cost of a tab, not of a browser. The browser starts
//! with the first client and stops with the last.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use chromiumoxide::browser::Browser;
use chromiumoxide::handler::HandlerConfig;
use futures::StreamExt;
use tokio::sync::{watch, Mutex};
use tokio::task::JoinHandle;

use super::{chromium_args, ChromiumProcess, CDP_TIMEOUT, LAUNCH_TIMEOUT};
use crate::errors::ClientError;
use crate::options::BrowserOptions;

pub struct SharedBrowser {
    pub browser: Browser,
    pub process: ChromiumProcess,
    /// Becomes `Some(why)` when the DevTools connection is gone.
    pub lost: watch::Receiver<Option<String>>,
    handler: JoinHandle<()>,
    /// Deleted once the browser is gone (declared after `process`, so dropped after it).
    _profile: tempfile::TempDir,
}

impl Drop for SharedBrowser {
    fn drop(&mut self) {
        self.handler.abort();
    }
}

type Registry = Mutex<HashMap<String, Weak<SharedBrowser>>>;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Which clients may share: the same browser, flags and user agent.
fn key(opts: &BrowserOptions) -> String {
    format!("{:?}|{:?}|{:?}|{:?}", opts.executable_path, opts.headless, opts.args, opts.user_agent)
}

/// The shared browser for these options, launched if none runs. The registry
/// lock is held during a launch, so clients starting together share it too.
pub async fn acquire(opts: &BrowserOptions) -> Result<Arc<SharedBrowser>, ClientError> {
    let mut registry = registry().lock().await;
    registry.retain(|_, weak| weak.strong_count() > 0);
    let key = key(opts);
    if let Some(shared) = registry.get(&key).and_then(Weak::upgrade) {
        if shared.lost.borrow().is_none() && !shared.process.has_exited() {
            return Ok(shared);
        }
    }
    let profile = tempfile::Builder::new()
        .prefix("whatsapp-web-rs-shared-")
        .tempdir()
        .map_err(|e| ClientError::Storage(format!("cannot create a temporary profile: {e}")))?;
    let args = chromium_args(opts, profile.path())?;
    let (process, ws_url) = ChromiumProcess::spawn(&opts.executable_path, &args, LAUNCH_TIMEOUT).await?;
    let config = HandlerConfig { ignore_https_errors: false, viewport: None, request_timeout: CDP_TIMEOUT, ..HandlerConfig::default() };
    let (browser, mut handler) = match tokio::time::timeout(CDP_TIMEOUT, Browser::connect_with_config(ws_url, config)).await {
        Ok(Ok(pair)) => pair,
        Ok(Err(e)) => return Err(ClientError::BrowserLaunch(format!("cannot connect to DevTools: {e}"))),
        Err(_) => return Err(ClientError::BrowserLaunch("no answer from DevTools".into())),
    };
    let (lost_tx, lost) = watch::channel(None);
    let handler = tokio::spawn(async move {
        while let Some(event) = handler.next().await {
            if let Err(e) = event {
                crate::debug_log!("shared CDP handler: {e}");
            }
        }
        let _ = lost_tx.send(Some("the DevTools connection closed".into()));
    });
    let shared = Arc::new(SharedBrowser { browser, process, lost, handler, _profile: profile });
    registry.insert(key, Arc::downgrade(&shared));
    Ok(shared)
}

/// Called by the last client: close politely and wait for the processes.
pub async fn shut_down(shared: SharedBrowser) {
    let mut shared = shared;
    if !shared.process.has_exited() {
        let _ = tokio::time::timeout(Duration::from_secs(3), shared.browser.close()).await;
    }
    shared.process.wait_or_kill(Duration::from_secs(3)).await;
}
