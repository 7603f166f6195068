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
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use chromiumoxide::browser::Browser;
use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::network::ClearBrowserCacheParams;
use chromiumoxide::cdp::browser_protocol::target::{CreateBrowserContextParams, CreateTargetParams};
use chromiumoxide::handler::HandlerConfig;
use chromiumoxide::Page;
use futures::StreamExt;
use tokio::sync::{watch, Mutex};
use tokio::task::JoinHandle;

use super::{chromium_args, connect_launched, ChromiumProcess, DevToolsPipeHandle, CDP_TIMEOUT, LAUNCH_TIMEOUT};
use crate::errors::ClientError;
use crate::options::BrowserOptions;

pub struct SharedBrowser {
    pub browser: Browser,
    pub process: ChromiumProcess,
    /// Becomes `Some(why)` when the DevTools connection is gone.
    pub lost: watch::Receiver<Option<String>>,
    /// The DevTools pipe, for the clients' puppeteer relays.
    pub pipe: Option<DevToolsPipeHandle>,
    handler: JoinHandle<()>,
    key: String,
    /// Clients using the browser; the one that brings it to 0 closes it.
    users: AtomicUsize,
    /// A context with a blank tab made ahead of time: a new context cannot
    /// use Chromium's spare renderer, so opening one costs a process start,
    /// which the next client then does not wait for.
    spare: Mutex<Option<(BrowserContextId, Page)>>,
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

/// Which clients may share: the same browser, flags, user agent and blockMedia.
fn key(opts: &BrowserOptions, executable: &Path) -> String {
    format!("{:?}|{:?}|{:?}|{:?}|{}", executable, opts.headless, opts.args, opts.user_agent, opts.block_media)
}

/// The shared browser for these options, launched if none runs. The registry
/// lock is held during a launch, so clients starting together share it too.
pub async fn acquire(opts: &BrowserOptions) -> Result<Arc<SharedBrowser>, ClientError> {
    let mut registry = registry().lock().await;
    registry.retain(|_, weak| weak.strong_count() > 0);
    let executable = super::find::browser_executable(opts.executable_path.as_deref())?;
    let key = key(opts, &executable);
    if let Some(shared) = registry.get(&key).and_then(Weak::upgrade) {
        if shared.lost.borrow().is_none() && !shared.process.has_exited() {
            shared.users.fetch_add(1, Ordering::SeqCst);
            return Ok(shared);
        }
    }
    let profile = crate::temp_profiles::new_profile("shared")
        .map_err(|e| ClientError::Storage(format!("cannot create a temporary profile: {e}")))?;
    let args = chromium_args(opts, profile.path())?;
    let (process, link) = ChromiumProcess::spawn(&executable, &args, LAUNCH_TIMEOUT).await?;
    let config = HandlerConfig { ignore_https_errors: false, viewport: None, request_timeout: CDP_TIMEOUT, ..HandlerConfig::default() };
    let (browser, mut handler, pipe) = connect_launched(link, config).await?;
    let (lost_tx, lost) = watch::channel(None);
    let handler = tokio::spawn(async move {
        while let Some(event) = handler.next().await {
            if let Err(e) = event {
                crate::debug_log!("shared CDP handler: {e}");
            }
        }
        let _ = lost_tx.send(Some("the DevTools connection closed".into()));
    });
    let shared = Arc::new(SharedBrowser {
        browser,
        process,
        lost,
        handler,
        pipe,
        key: key.clone(),
        users: AtomicUsize::new(1),
        spare: Mutex::new(None),
        _profile: profile,
    });
    registry.insert(key, Arc::downgrade(&shared));
    Ok(shared)
}

async fn new_context_page(browser: &Browser) -> Result<(BrowserContextId, Page), ClientError> {
    let context = tokio::time::timeout(CDP_TIMEOUT, browser.create_browser_context(CreateBrowserContextParams::default()))
        .await
        .map_err(|_| ClientError::PageTimeout("creating a browser context".into()))?
        .map_err(|e| ClientError::BrowserLaunch(e.to_string()))?;
    let mut target = CreateTargetParams::new("about:blank");
    target.browser_context_id = Some(context.clone());
    match tokio::time::timeout(CDP_TIMEOUT, browser.new_page(target)).await {
        Ok(Ok(page)) => Ok((context, page)),
        other => {
            let _ = browser.dispose_browser_context(context).await;
            Err(match other {
                Ok(Err(e)) => ClientError::BrowserLaunch(e.to_string()),
                _ => ClientError::PageTimeout("opening a page".into()),
            })
        }
    }
}

impl SharedBrowser {
    /// A fresh context with a blank tab: the spare if there is one (then a
    /// new spare is made in the background), else made now.
    pub async fn open_context(self: &Arc<Self>) -> Result<(BrowserContextId, Page), ClientError> {
        let spare = self.spare.lock().await.take();
        let opened = match spare {
            Some(ready) => ready,
            None => new_context_page(&self.browser).await?,
        };
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            // Not while this client's page is loading: on two cores a process
            // start next to it slows it down more than the spare saves.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let Some(shared) = weak.upgrade() else { return };
            if shared.users.load(Ordering::SeqCst) == 0 || shared.spare.lock().await.is_some() {
                return;
            }
            if let Ok(made) = new_context_page(&shared.browser).await {
                let mut spare = shared.spare.lock().await;
                if spare.is_none() && shared.users.load(Ordering::SeqCst) > 0 {
                    *spare = Some(made);
                } else {
                    let _ = shared.browser.dispose_browser_context(made.0).await;
                }
            }
        });
        Ok(opened)
    }
}

/// After login: empties the HTTP cache of a client's context. A context made
/// over DevTools keeps its cache in the network service's memory, so every
/// session held a private copy of the page's bundles there: ~8 of the
/// ~9.5 MiB a context added to that process on the heavy simulator page
/// (bench/README.md, "What moves memory per session"). The logged-in page
/// has run them; what it fetches later is cached again as usual, and only a
/// reload of this context's page downloads them again. Clears this context's
/// cache alone (Chromium's per-context data remover); the page is not touched.
pub async fn release_context_cache(page: Page) {
    match tokio::time::timeout(CDP_TIMEOUT, page.execute(ClearBrowserCacheParams::default())).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => crate::debug_log!("clearing the context's HTTP cache: {e}"),
        Err(_) => crate::debug_log!("clearing the context's HTTP cache: no answer"),
    }
}

/// A client is done with the browser; the last one closes it and waits for it.
pub async fn release(shared: Arc<SharedBrowser>) {
    {
        let mut registry = registry().lock().await;
        if shared.users.fetch_sub(1, Ordering::SeqCst) != 1 {
            return;
        }
        // Last user: later clients launch a new browser instead of joining this one.
        if registry.get(&shared.key).is_some_and(|w| w.as_ptr() == Arc::as_ptr(&shared)) {
            registry.remove(&shared.key);
        }
    }
    // A spare being made holds the browser for a moment; wait for it to let go.
    let mut shared = shared;
    for _ in 0..200 {
        match Arc::try_unwrap(shared) {
            Ok(last) => return shut_down(last).await,
            Err(still_held) => {
                shared = still_held;
                tokio::time::sleep(Duration::from_millis(15)).await;
            }
        }
    }
    // Still held (a stuck CDP call): kill it rather than wait longer.
    shared.process.wait_or_kill(Duration::ZERO).await;
}

/// Called by the last client: close politely and wait for the processes.
pub async fn shut_down(shared: SharedBrowser) {
    let mut shared = shared;
    if !shared.process.has_exited() {
        let _ = tokio::time::timeout(Duration::from_secs(3), shared.browser.close()).await;
    }
    shared.process.wait_or_kill(Duration::from_secs(3)).await;
}
