//! The Chromium driver: one browser, one WhatsApp Web page, over CDP.
//!
//! chromiumoxide's handler task owns the DevTools connection; this module
//! only opens the page, forwards binding callbacks to the session driver,
//! runs page functions (commands.rs: small `.js` functions called with arguments,
//! never spliced into script text) and closes everything down. It knows the
//! login's callbacks and commands; those of the account (src/account/) pass
//! through it unread: callbacks go up raw, and the account brings its own
//! page functions to [`call`].

mod args;
#[cfg(unix)]
mod devtools_pipe;
#[cfg(unix)]
mod pipe_fds;
mod page_gate;
mod commands;
mod page_events;
mod page_returns;
mod page_functions;
#[cfg(unix)]
mod cdp_cbor;
mod page_support;
pub mod find;
mod cache;
mod process;
mod resources;
mod shared;
mod web_cache;

use std::time::Duration;

use chromiumoxide::browser::Browser;
use chromiumoxide::cdp::browser_protocol::page::{
    AddScriptToEvaluateOnNewDocumentParams, EventFrameNavigated, NavigateParams, SetBypassCspParams,
};
use chromiumoxide::auth::Credentials;
use chromiumoxide::cdp::browser_protocol::emulation::{SetDeviceMetricsOverrideParams, SetUserAgentOverrideParams};
use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::target::{CloseTargetParams, CreateTargetParams};
use chromiumoxide::cdp::js_protocol::runtime::{AddBindingParams, EventBindingCalled};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use chromiumoxide::handler::HandlerConfig;
use chromiumoxide::Page;
use futures::StreamExt;
use serde_json::{json, Value};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

pub use args::chromium_args;
pub use commands::call;
pub use commands::run_command;
use commands::map_cdp_error;
use page_events::page_event_of;
#[cfg(test)]
use page_events::parse_page_event;
pub use process::{Cancel, ChromiumProcess, DevToolsLink};
#[cfg(unix)]
pub use devtools_pipe::{DevToolsPipe, RelayId, RelayOutput};
use process::cancelled;

use crate::auth::Profile;
use crate::errors::ClientError;
use crate::options::ClientOptions;
use crate::remote_auth::RemoteStore;
use crate::session::PageEvent;

pub const WHATSAPP_WEB_URL: &str = "https://web.whatsapp.com/";
/// The CDP binding every page callback goes through (named in bootstrap.js too).
pub const BINDING: &str = "__wwrs_binding";

const BOOTSTRAP_JS: &str = include_str!("../page/bootstrap.js");

pub(crate) const LAUNCH_TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const CDP_TIMEOUT: Duration = Duration::from_secs(20);

/// What the browser side tells the session driver.
#[derive(Debug)]
pub enum BrowserSignal {
    /// A login callback, checked.
    Page(PageEvent),
    /// A callback of the layer above (its `t` is one of the `raw_events`
    /// given to [`BrowserSession::open`]), as the page sent it: unchecked.
    Raw(Value),
    /// The browser process exited or the DevTools connection dropped.
    Lost(String),
}

/// The page plus the JavaScript context of its current WhatsApp Web document.
///
/// The context id comes from the bootstrap script's own binding calls, so
/// page commands run in exactly the document that reported itself, without
/// depending on chromiumoxide's frame bookkeeping (which misses documents
/// served through Fetch interception, e.g. from the web version cache).
#[derive(Clone)]
pub struct PageHandle {
    page: Page,
    context: Arc<AtomicI64>,
    returns: page_returns::PageReturns,
    functions: Arc<page_functions::Filed>,
}

/// Who owns the browser, and so what closing the session means.
enum Owner {
    /// We launched it: closing kills it and releases the profile.
    Launched {
        browser: Browser,
        process: ChromiumProcess,
        /// Held, not read: dropped after the browser is gone, which deletes a temporary profile.
        #[allow(dead_code)]
        profile: Profile,
        /// The shared cache slot this browser uses (NoAuth), released after it exited.
        #[allow(dead_code)]
        cache: Option<cache::CacheLease>,
        /// The DevTools pipe, for puppeteer's relays (None where there is no pipe).
        pipe: Option<DevToolsPipeHandle>,
    },
    /// We attached to it (`browserWSEndpoint` / `browserURL`): closing closes
    /// our page and leaves the browser running for its owner.
    Attached { browser: Browser },
    /// `sharedBrowser`: our own browser context in a Chromium shared with
    /// other clients; closing disposes of the context, and the last client
    /// closes the browser.
    Shared { shared: Arc<shared::SharedBrowser>, context: BrowserContextId },
}

impl Owner {
    fn browser(&self) -> &Browser {
        match self {
            Owner::Launched { browser, .. } | Owner::Attached { browser } => browser,
            Owner::Shared { shared, .. } => &shared.browser,
        }
    }

    fn pipe(&self) -> Option<&DevToolsPipeHandle> {
        match self {
            Owner::Launched { pipe, .. } => pipe.as_ref(),
            Owner::Attached { .. } => None,
            Owner::Shared { shared, .. } => shared.pipe.as_ref(),
        }
    }
}

/// The relay handle of a DevTools pipe; nothing where there are no pipes.
#[cfg(unix)]
pub(crate) type DevToolsPipeHandle = DevToolsPipe;
#[cfg(not(unix))]
pub(crate) type DevToolsPipeHandle = std::convert::Infallible;

/// Connects to a browser somebody else started (`browserWSEndpoint` / `browserURL`).
async fn connect_url(url: String, config: HandlerConfig) -> Result<(Browser, chromiumoxide::Handler), ClientError> {
    match tokio::time::timeout(CDP_TIMEOUT, Browser::connect_with_config(url.clone(), config)).await {
        Ok(Ok(pair)) => Ok(pair),
        Ok(Err(e)) => Err(ClientError::BrowserLaunch(format!("cannot connect to DevTools at {url}: {e}"))),
        Err(_) => Err(ClientError::BrowserLaunch(format!("no answer from DevTools at {url}"))),
    }
}

/// Drives a browser we launched over the link its launch gave: the pipe
/// (chromiumoxide's handler on our socket, see vendor/chromiumoxide/PATCH.md).
pub(crate) async fn connect_launched(link: DevToolsLink, config: HandlerConfig) -> Result<(Browser, chromiumoxide::Handler, Option<DevToolsPipeHandle>), ClientError> {
    match link {
        #[cfg(unix)]
        DevToolsLink::Pipe { socket, pipe } => {
            let (browser, handler) = Browser::connect_with_socket(socket, "pipe:", config);
            Ok((browser, handler, Some(pipe)))
        }
        #[cfg(not(unix))]
        DevToolsLink::Url(url) => {
            let (browser, handler) = connect_url(url, config).await?;
            Ok((browser, handler, None))
        }
    }
}

/// A browser with the WhatsApp Web page open.
pub struct BrowserSession {
    page: Page,
    /// The execution context of the current WhatsApp Web document (0: none yet).
    context: Arc<AtomicI64>,
    /// Calls waiting for an answer the page hands back through the binding.
    returns: page_returns::PageReturns,
    /// The page functions the current document has filed (page_functions.rs).
    functions: Arc<page_functions::Filed>,
    owner: Owner,
    tasks: Vec<JoinHandle<()>>,
    /// Set when the live page is loaded and a local web version cache wants it saved.
    index_html: Option<web_cache::IndexHtml>,
    /// Puppeteer relays opened on the pipe for this session, closed with it
    /// (a shared browser's pipe outlives the session).
    #[cfg(unix)]
    relays: Vec<RelayId>,
}

impl BrowserSession {
    /// Launches Chromium (or attaches to a running one), prepares the page
    /// (binding, bootstrap script, options) and starts the navigation to
    /// WhatsApp Web without waiting for it to load: the bootstrap script
    /// reports progress through the binding.
    ///
    /// `cancel` (set by `destroy()`) stops a download, a restore or a launch
    /// under way; whatever was started is closed before this returns.
    /// Callbacks whose `t` is one of `raw_events` are handed up raw
    /// (`BrowserSignal::Raw`), any other unknown one is dropped.
    pub async fn open(
        options: &ClientOptions,
        store: Option<&RemoteStore>,
        signals: UnboundedSender<BrowserSignal>,
        raw_events: &'static [&'static str],
        cancel: &Cancel,
    ) -> Result<Self, ClientError> {
        web_cache::install_crypto_provider();
        // Before anything is started, so a slow download holds no browser.
        let cached = tokio::select! {
            r = web_cache::resolve(&options.web_version_cache, &options.web_version) => r?,
            _ = cancelled(cancel) => return Err(ClientError::Destroyed),
        };
        let config = HandlerConfig {
            // A wrong certificate must fail as it would for a person; the
            // simulator is reached by trusting its key (--ignore-certificate-errors-spki-list).
            ignore_https_errors: false,
            viewport: None,
            request_timeout: CDP_TIMEOUT,
            ..HandlerConfig::default()
        };
        let mut tasks = Vec::new();
        // The handler task owns the DevTools connection; its end means the browser is gone.
        let own_handler = |mut handler: chromiumoxide::Handler, tasks: &mut Vec<JoinHandle<()>>| {
            let signals = signals.clone();
            tasks.push(tokio::spawn(async move {
                // Invalid messages (protocol drift with newer Chromium) are
                // skipped; only the end of the stream means the connection is gone.
                while let Some(event) = handler.next().await {
                    if let Err(e) = event {
                        crate::debug_log!("CDP handler: {e}");
                    }
                }
                crate::debug_log!("CDP handler stream ended");
                let _ = signals.send(BrowserSignal::Lost("the DevTools connection closed".into()));
            }));
        };
        let watch_exit = |mut exited: tokio::sync::watch::Receiver<Option<String>>, tasks: &mut Vec<JoinHandle<()>>| {
            let signals = signals.clone();
            tasks.push(tokio::spawn(async move {
                if let Ok(why) = exited.wait_for(|e| e.is_some()).await {
                    let why = why.clone().unwrap_or_default();
                    let _ = signals.send(BrowserSignal::Lost(why));
                }
            }));
        };
        let mut shared_page = None;
        let owner = if let Some(url) = &options.browser.connect {
            let (browser, handler) = connect_url(url.clone(), config.clone()).await?;
            own_handler(handler, &mut tasks);
            Owner::Attached { browser }
        } else if options.browser.shared {
            let shared = shared::acquire(&options.browser).await?;
            watch_exit(shared.process.exited(), &mut tasks);
            watch_exit(shared.lost.clone(), &mut tasks);
            match shared.open_context().await {
                Ok((context, page)) => {
                    shared_page = Some(page);
                    Owner::Shared { shared, context }
                }
                Err(e) => {
                    shared::release(shared).await;
                    return Err(e);
                }
            }
        } else {
            let profile = tokio::select! {
                p = options.auth.prepare_profile(options.browser.user_data_dir.as_deref(), store) => p?,
                _ = cancelled(cancel) => return Err(ClientError::Destroyed),
            };
            let mut args = chromium_args(&options.browser, profile.path())?;
            // A temporary profile (NoAuth) starts empty: give it the shared cache.
            let no_profile = matches!(options.auth, crate::auth::AuthStrategy::NoAuth) && options.browser.user_data_dir.is_none();
            let cache = if no_profile && options.browser.shared_cache { cache::lease() } else { None };
            if let Some(lease) = &cache {
                cache::apply(&mut args, lease);
            }
            let executable = find::browser_executable(options.browser.executable_path.as_deref())?;
            let (process, link) = ChromiumProcess::spawn_cancellable(&executable, &args, LAUNCH_TIMEOUT, cancel).await?;
            let (browser, handler, pipe) = connect_launched(link, config.clone()).await?;
            own_handler(handler, &mut tasks);
            watch_exit(process.exited(), &mut tasks);
            if !args.iter().any(|a| a == "--no-startup-window") {
                shared_page = startup_page(&browser).await;
            }
            Owner::Launched { browser, process, profile, cache, pipe }
        };

        crate::debug_log!("browser ready; opening a page");
        let page = match shared_page {
            Some(page) => page,
            None => match timeout("opening a page", owner.browser().new_page(CreateTargetParams::new("about:blank"))).await {
                Ok(page) => page,
                Err(e) => {
                    BrowserSession::release(owner, None, Vec::new()).await;
                    return Err(e);
                }
            },
        };
        crate::debug_log!("page opened; preparing it");
        let mut session = BrowserSession {
            page: page.clone(),
            context: Arc::new(AtomicI64::new(0)),
            returns: page_returns::PageReturns::default(),
            functions: Arc::default(),
            owner,
            tasks,
            index_html: None,
            #[cfg(unix)]
            relays: Vec::new(),
        };
        let prepared = tokio::select! {
            r = session.prepare_page(options, signals, raw_events, cached) => r,
            _ = cancelled(cancel) => Err(ClientError::Destroyed),
        };
        if let Err(e) = prepared {
            // Close what was started (and wait for it) instead of dropping it.
            session.close().await;
            return Err(e);
        }
        let navigate = NavigateParams::builder()
            .url(WHATSAPP_WEB_URL)
            .referrer("https://whatsapp.com/")
            .build()
            .map_err(ClientError::Internal)?;
        crate::debug_log!("page prepared; navigating");
        // Not awaited: chromiumoxide answers Page.navigate only once its own
        // network bookkeeping saw the document load, which never happens for a
        // document served from the web version cache. Progress is reported by
        // the bootstrap script; a navigation that never loads ends in the auth
        // timeout.
        session.tasks.push(tokio::spawn(async move {
            if let Err(e) = page.execute(navigate).await {
                crate::debug_log!("navigation: {e}");
            }
        }));
        Ok(session)
    }

    /// Everything that must be in place before WhatsApp Web's first script runs.
    async fn prepare_page(
        &mut self,
        options: &ClientOptions,
        signals: UnboundedSender<BrowserSignal>,
        raw_events: &'static [&'static str],
        cached: Option<String>,
    ) -> Result<(), ClientError> {
        let page = self.page.clone();
        let mut bindings = timeout("listening to the page", page.event_listener::<EventBindingCalled>()).await?;
        let page_signals = signals.clone();
        let context = self.context.clone();
        let returns = self.returns.clone();
        self.tasks.push(tokio::spawn(async move {
            let signals = page_signals;
            let mut gate = page_gate::PageGate::default();
            while let Some(call) = bindings.next().await {
                if call.name != BINDING || !gate.admit_payload(&call.payload) {
                    continue;
                }
                let Ok(message) = serde_json::from_str::<Value>(&call.payload) else { continue };
                if returns.deliver(&message) {
                    continue;
                }
                let signal = match page_event_of(&message) {
                    Some(event) if gate.admit_event(&event) => {
                        // Only the top frame's bootstrap reports documents.
                        if matches!(event, PageEvent::Document { .. } | PageEvent::Version { .. }) {
                            context.store(*call.execution_context_id.inner(), Ordering::SeqCst);
                        }
                        BrowserSignal::Page(event)
                    }
                    Some(_) => continue,
                    None if message.get("t").and_then(Value::as_str).is_some_and(|t| raw_events.contains(&t)) && gate.admit_raw() => BrowserSignal::Raw(message),
                    None => continue,
                };
                if signals.send(signal).is_err() {
                    break;
                }
            }
        }));

        // Documents outside WhatsApp Web (navigation away, error pages) may never
        // run the bootstrap script; the frame navigation tells about them. WhatsApp
        // Web's own documents are reported by the bootstrap, in order with the
        // other page callbacks.
        let mut navigations = timeout("listening to navigations", page.event_listener::<EventFrameNavigated>()).await?;
        self.tasks.push(tokio::spawn(async move {
            while let Some(nav) = navigations.next().await {
                let url = &nav.frame.url;
                if nav.frame.parent_id.is_none() && !url.starts_with(WHATSAPP_WEB_URL) && url != "about:blank" {
                    crate::debug_log!("navigated away to {url}");
                    let _ = signals.send(BrowserSignal::Page(PageEvent::Document { url: url.clone() }));
                }
            }
        }));

        if std::env::var_os("WWRS_DEBUG").is_some() {
            // Page errors and console output help when a page does not come up.
            use chromiumoxide::cdp::js_protocol::runtime::{EventConsoleApiCalled, EventExceptionThrown};
            let mut exceptions = timeout("listening to page errors", page.event_listener::<EventExceptionThrown>()).await?;
            let mut console = timeout("listening to the console", page.event_listener::<EventConsoleApiCalled>()).await?;
            self.tasks.push(tokio::spawn(async move {
                loop {
                    tokio::select! {
                        Some(e) = exceptions.next() => crate::debug_log!("page exception: {:?}", e.exception_details.exception.as_ref().and_then(|x| x.description.clone()).unwrap_or_else(|| e.exception_details.text.clone())),
                        Some(c) = console.next() => crate::debug_log!("page console.{:?}: {:?}", c.r#type, c.args.iter().map(|a| a.value.clone().map(|v| v.to_string()).or_else(|| a.description.clone()).unwrap_or_default()).collect::<Vec<_>>()),
                        else => break,
                    }
                }
            }));
        }
        let browser = &options.browser;
        crate::debug_log!("page listeners ready; adding the binding and the bootstrap script");
        // Sent together: neither depends on the other's answer (the script
        // only runs in the next document), so one round trip instead of two.
        futures::try_join!(
            timeout("adding the binding", page.execute(AddBindingParams::new(BINDING))),
            timeout("adding the bootstrap script", page.execute(AddScriptToEvaluateOnNewDocumentParams::new(BOOTSTRAP_JS))),
        )?;
        crate::debug_log!("binding and bootstrap script added");
        if let Some(script) = &browser.eval_on_new_doc {
            timeout("adding evalOnNewDoc", page.execute(AddScriptToEvaluateOnNewDocumentParams::new(script.clone()))).await?;
        }
        if browser.bypass_csp {
            timeout("bypassing CSP", page.execute(SetBypassCspParams::new(true))).await?;
        }
        // The launch flag covers a browser we start; an attached one needs it per page.
        if let (Some(ua), Owner::Attached { .. }) = (&browser.user_agent, &self.owner) {
            timeout("setting the user agent", page.execute(SetUserAgentOverrideParams::new(ua.clone()))).await?;
        }
        if let Some(v) = &browser.viewport {
            let metrics = SetDeviceMetricsOverrideParams::builder()
                .width(v.width as i64)
                .height(v.height as i64)
                .device_scale_factor(v.device_scale_factor)
                .mobile(v.is_mobile)
                .build()
                .map_err(ClientError::Internal)?;
            timeout("setting the viewport", page.execute(metrics)).await?;
        }
        match cached {
            Some(html) => self.tasks.push(web_cache::serve(&page, html).await?),
            None if matches!(options.web_version_cache, crate::options::WebVersionCache::Local { .. }) => {
                let (index, task) = web_cache::IndexHtml::watch(&page).await?;
                self.index_html = Some(index);
                self.tasks.push(task);
            }
            None => {}
        }
        if let Some((username, password)) = &browser.proxy_credentials {
            timeout("setting proxy credentials", page.authenticate(Credentials { username: username.clone(), password: password.clone() })).await?;
        }
        Ok(())
    }

    /// Where a second DevTools client (puppeteer) reaches this browser, and
    /// our page's target: a browser we launched through a new relay on its
    /// pipe (`relay`: its number; its messages come out of the receiver), an
    /// attached one through the endpoint the user gave.
    #[cfg(unix)]
    pub fn dev_tools(&mut self) -> (Value, Option<UnboundedReceiver<RelayOutput>>) {
        let target = self.page.target_id().as_ref().to_string();
        match self.owner.pipe() {
            Some(pipe) => {
                let (relay, output) = pipe.open_relay();
                self.relays.push(relay);
                (json!({ "relay": relay, "targetId": target }), Some(output))
            }
            None => (json!({ "browserWSEndpoint": self.owner.browser().websocket_address(), "targetId": target }), None),
        }
    }

    #[cfg(not(unix))]
    pub fn dev_tools(&mut self) -> (Value, Option<UnboundedReceiver<()>>) {
        let target = self.page.target_id().as_ref().to_string();
        (json!({ "browserWSEndpoint": self.owner.browser().websocket_address(), "targetId": target }), None)
    }

    /// A command from puppeteer for one of this session's relays.
    #[cfg(unix)]
    pub fn dev_tools_send(&self, relay: RelayId, message: String) {
        if let (Some(pipe), true) = (self.owner.pipe(), self.relays.contains(&relay)) {
            pipe.relay_send(relay, message);
        }
    }

    /// Puppeteer disconnected from one of this session's relays.
    #[cfg(unix)]
    pub fn dev_tools_close(&mut self, relay: RelayId) {
        if let (Some(pipe), true) = (self.owner.pipe(), self.relays.contains(&relay)) {
            pipe.close_relay(relay);
            self.relays.retain(|r| *r != relay);
        }
    }

    pub fn page(&self) -> PageHandle {
        PageHandle { page: self.page.clone(), context: self.context.clone(), returns: self.returns.clone(), functions: self.functions.clone() }
    }

    /// After login: saves the live page into a local web version cache, if one wants it.
    pub fn persist_web_version(&self, options: &ClientOptions, version: String) -> Option<impl std::future::Future<Output = ()> + Send + 'static> {
        let index = self.index_html.clone()?;
        if !crate::options::is_web_version(&version) {
            // A page version that is not digits and dots logs in but names no cache file.
            crate::debug_log!("webVersionCache: not saving a page of version {version:?} (not digits and dots)");
            return None;
        }
        let (page, cache) = (self.page.clone(), options.web_version_cache.clone());
        Some(async move {
            if let Err(e) = index.persist(&page, &cache, &version).await {
                crate::debug_log!("webVersionCache: could not save the page: {e}");
            }
        })
    }

    /// After login, with `sharedBrowser`: lets go of the context's in-memory
    /// HTTP cache (shared.rs, `release_context_cache`). A browser of our own
    /// keeps its cache on disk, shared with later clients: left alone.
    pub fn release_memory_after_ready(&self) -> Option<impl std::future::Future<Output = ()> + Send + 'static> {
        matches!(self.owner, Owner::Shared { .. }).then(|| shared::release_context_cache(self.page.clone()))
    }

    /// Closes the session: a launched browser politely, then by force, and
    /// its profile is released (and deleted, for a temporary one) only once no
    /// process holds it; an attached browser only loses our page; a shared one
    /// loses our context, and the last client closes it.
    pub async fn close(self) {
        #[cfg(unix)]
        if let Some(pipe) = self.owner.pipe() {
            for relay in &self.relays {
                pipe.close_relay(*relay);
            }
        }
        let BrowserSession { page, owner, tasks, .. } = self;
        BrowserSession::release(owner, Some(page), tasks).await;
    }

    async fn release(owner: Owner, page: Option<Page>, tasks: Vec<JoinHandle<()>>) {
        match owner {
            Owner::Launched { mut browser, process, profile, cache, pipe } => {
                if !process.has_exited() {
                    let _ = tokio::time::timeout(Duration::from_secs(3), browser.close()).await;
                }
                process.wait_or_kill(Duration::from_secs(3)).await;
                for t in tasks {
                    t.abort();
                }
                drop(browser);
                drop(pipe);
                drop(process);
                drop(profile);
                drop(cache);
            }
            Owner::Attached { browser } => {
                if let Some(page) = page {
                    let close = CloseTargetParams::new(page.target_id().clone());
                    let _ = tokio::time::timeout(Duration::from_secs(3), browser.execute(close)).await;
                }
                for t in tasks {
                    t.abort();
                }
            }
            Owner::Shared { shared, context } => {
                for t in tasks {
                    t.abort();
                }
                // Disposing of the context closes its pages and frees its storage.
                let _ = tokio::time::timeout(Duration::from_secs(3), shared.browser.dispose_browser_context(context)).await;
                drop(page);
                shared::release(shared).await;
            }
        }
    }
}

/// The blank tab a browser we launched opened at start-up, once chromiumoxide
/// has attached to it. Its renderer started with the browser, so using it
/// saves a process start (~0.3-1 s on a busy machine) before the page can
/// load. None when it does not show up in time: the caller opens a new page.
async fn startup_page(browser: &Browser) -> Option<Page> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while tokio::time::Instant::now() < deadline {
        if let Ok(mut pages) = browser.pages().await {
            if let Some(page) = pages.pop() {
                crate::debug_log!("using the start-up tab");
                return Some(page);
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    crate::debug_log!("no start-up tab within 2 s; opening a page");
    None
}

async fn timeout<T, E: std::fmt::Display>(
    what: &str,
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, ClientError> {
    match tokio::time::timeout(CDP_TIMEOUT, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            crate::debug_log!("{what}: {e}");
            Err(map_cdp_error(&e.to_string()))
        }
        Err(_) => Err(ClientError::PageTimeout(what.to_string())),
    }
}
