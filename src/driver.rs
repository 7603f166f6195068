//! The thin I/O shell around the session machine.
//!
//! One task per client owns the [`Session`] and the browser. Everything
//! reaches it as a message (user calls, page callbacks, command results,
//! timer expiries) and is handled one at a time; everything it tells
//! JavaScript (events and call answers alike) leaves through one FIFO
//! [`Deliver`] channel, so the order the machine decides is exactly the
//! order users observe: a `qr` before the `cancelPairingCode()` it
//! completes, call answers in call order.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::browser::{run_command, BrowserSession, BrowserSignal, PageHandle};
use crate::errors::ClientError;
use crate::options::ClientOptions;
use crate::remote_auth::RemoteStore;
use crate::session::{Call, CallId, CmdId, Event, EventInterest, Input, Output, PageEvent, PageResult, Reply, Session, ShutdownReason, Timer};

/// The JavaScript side's id of a call (it holds the promise).
pub type JsCallId = u64;

/// What the client tells JavaScript, in order.
pub enum Delivery {
    Event(Event),
    Reply(JsCallId, Result<Reply, ClientError>),
    /// The client stopped (no browser, nothing pending): JavaScript may let
    /// the process exit.
    Closed,
    /// A CDP message for the puppeteer connection on relay `relay`; `None`
    /// when the relay closed (puppeteer's transport `onclose`).
    DevTools { relay: u32, message: Option<String> },
}

/// The one ordered channel into JavaScript.
pub type Deliver = Arc<dyn Fn(Delivery) + Send + Sync>;

enum Request {
    Call(Call, JsCallId),
    /// Where the browser's DevTools endpoint and our page are, for
    /// `client.pupBrowser` / `client.pupPage` (the escape hatch of
    /// whatsapp-web.js programs). Answered by the driver: it is about the
    /// browser it holds, not about the session.
    DevTools(JsCallId),
    /// A CDP command from puppeteer for one of our relays.
    DevToolsSend(u32, String),
    /// Puppeteer closed its transport.
    DevToolsClose(u32),
    /// RemoteAuth's store, or a custom strategy's hooks, set by `initialize()`.
    SetStore(RemoteStore),
    /// A custom strategy's profile folder (`puppeteer.userDataDir` as its
    /// `beforeBrowserInitialized()` left it), set by `initialize()`.
    SetUserDataDir(Option<std::path::PathBuf>),
    /// The application's listeners of optional events changed.
    Interest(EventInterest),
}

enum Msg {
    Input(Input),
    /// A RemoteAuth backup finished.
    Backup(Result<(), ClientError>),
    Launched(Result<(BrowserSession, UnboundedReceiver<BrowserSignal>), ClientError>),
    ShutdownDone,
}

/// The JavaScript side's handle on a client task. Dropping it (the JS object
/// was garbage-collected) closes the browser.
pub struct ClientHandle {
    requests: UnboundedSender<Request>,
    deliver: Deliver,
}

impl ClientHandle {
    pub fn spawn(options: ClientOptions, deliver: Deliver) -> Self {
        let (tx, rx) = unbounded_channel();
        napi::bindgen_prelude::spawn(Driver::new(options, deliver.clone()).run(rx));
        ClientHandle { requests: tx, deliver }
    }

    pub fn dev_tools(&self, id: JsCallId) {
        if self.requests.send(Request::DevTools(id)).is_err() {
            (self.deliver)(Delivery::Reply(id, Err(ClientError::Internal("the client task has stopped".into()))));
        }
    }

    /// `client.pupBrowser`'s transport: a command for relay `relay`.
    pub fn dev_tools_send(&self, relay: u32, message: String) {
        let _ = self.requests.send(Request::DevToolsSend(relay, message));
    }

    pub fn dev_tools_close(&self, relay: u32) {
        let _ = self.requests.send(Request::DevToolsClose(relay));
    }

    pub fn set_store(&self, store: RemoteStore) {
        let _ = self.requests.send(Request::SetStore(store));
    }

    pub fn set_user_data_dir(&self, dir: Option<std::path::PathBuf>) {
        let _ = self.requests.send(Request::SetUserDataDir(dir));
    }

    /// Which optional events the application listens to now (a stopped
    /// client has no page to tell).
    pub fn set_interest(&self, interest: EventInterest) {
        let _ = self.requests.send(Request::Interest(interest));
    }

    /// Queues a call now, on the caller's thread, so calls keep their order;
    /// its answer comes back through the delivery channel.
    pub fn call(&self, call: Call, id: JsCallId) {
        if self.requests.send(Request::Call(call, id)).is_err() {
            (self.deliver)(Delivery::Reply(id, Err(ClientError::Internal("the client task has stopped".into()))));
        }
    }

    /// Queues the call `prepare` ends with, once it has run on the runtime
    /// (work too slow for Node's thread, such as making a sticker), or
    /// answers with its error; nothing is queued before it is done.
    pub fn call_when_prepared(&self, id: JsCallId, prepare: impl std::future::Future<Output = Result<Call, ClientError>> + Send + 'static) {
        let (requests, deliver) = (self.requests.clone(), self.deliver.clone());
        napi::bindgen_prelude::spawn(async move {
            let prepared = AssertUnwindSafe(prepare).catch_unwind().await.unwrap_or_else(|p| Err(ClientError::Internal(panic_message(&*p))));
            match prepared {
                Ok(call) => {
                    if requests.send(Request::Call(call, id)).is_err() {
                        deliver(Delivery::Reply(id, Err(ClientError::Internal("the client task has stopped".into()))));
                    }
                }
                Err(e) => deliver(Delivery::Reply(id, Err(e))),
            }
        });
    }

    /// Answers a call at once (bad input found before queueing), through the
    /// same channel so it cannot overtake earlier answers.
    pub fn answer(&self, id: JsCallId, result: Result<Reply, ClientError>) {
        (self.deliver)(Delivery::Reply(id, result));
    }
}

struct Driver {
    options: ClientOptions,
    session: Session,
    internal_tx: UnboundedSender<Msg>,
    internal_rx: UnboundedReceiver<Msg>,
    /// Session call id -> JavaScript call id, for calls not answered yet.
    pending: HashMap<CallId, JsCallId>,
    next_call: CallId,
    deliver: Deliver,
    /// Whether JavaScript was last told the client is closed.
    told_closed: bool,
    browser: Option<BrowserSession>,
    signals: Option<UnboundedReceiver<BrowserSignal>>,
    launching: bool,
    /// Set to stop a launch under way (destroy() during a download or a start).
    launch_cancel: Option<tokio::sync::watch::Sender<bool>>,
    shutdown_pending: bool,
    /// The live timer of each kind. Arming a kind again supersedes the old
    /// one (its generation is void anyway), so a thousand request/cancel
    /// cycles leave one sleeping task, not a thousand.
    timers: HashMap<std::mem::Discriminant<Timer>, tokio::task::AbortHandle>,
    store: Option<RemoteStore>,
    /// RemoteAuth's backup loop, running while the client is logged in.
    backups: Option<tokio::task::AbortHandle>,
}

async fn recv_signal(signals: &mut Option<UnboundedReceiver<BrowserSignal>>) -> Option<BrowserSignal> {
    match signals {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

impl Driver {
    fn new(options: ClientOptions, deliver: Deliver) -> Self {
        let (internal_tx, internal_rx) = unbounded_channel();
        Driver {
            session: Session::new(options.login.clone()),
            options,
            internal_tx,
            internal_rx,
            pending: HashMap::new(),
            next_call: 0,
            deliver,
            told_closed: true,
            browser: None,
            signals: None,
            launching: false,
            launch_cancel: None,
            shutdown_pending: false,
            timers: HashMap::new(),
            store: None,
            backups: None,
        }
    }

    async fn run(mut self, mut requests: UnboundedReceiver<Request>) {
        loop {
            let input = tokio::select! {
                req = requests.recv() => match req {
                    Some(Request::Call(call, js_id)) => {
                        self.next_call += 1;
                        self.pending.insert(self.next_call, js_id);
                        Input::Call(self.next_call, call)
                    }
                    Some(Request::DevTools(js_id)) => {
                        let answer = match &mut self.browser {
                            Some(browser) => {
                                let (reach, relay_output) = browser.dev_tools();
                                if let (Some(output), Some(relay)) = (relay_output, reach["relay"].as_u64()) {
                                    tokio::spawn(forward_relay(relay as u32, output, self.deliver.clone()));
                                }
                                Ok(crate::session::Reply::Value(reach))
                            }
                            None if self.session.is_closed() => Err(ClientError::NotInitialized),
                            None => Err(ClientError::BrowserClosed(": the browser is not running".into())),
                        };
                        (self.deliver)(Delivery::Reply(js_id, answer));
                        continue;
                    }
                    Some(Request::DevToolsSend(relay, message)) => {
                        #[cfg(unix)]
                        if let Some(browser) = &self.browser {
                            browser.dev_tools_send(relay, message);
                        }
                        #[cfg(not(unix))]
                        let _ = (relay, message);
                        continue;
                    }
                    Some(Request::DevToolsClose(relay)) => {
                        #[cfg(unix)]
                        if let Some(browser) = &mut self.browser {
                            browser.dev_tools_close(relay);
                        }
                        #[cfg(not(unix))]
                        let _ = relay;
                        continue;
                    }
                    Some(Request::SetStore(store)) => {
                        self.store = Some(store);
                        continue;
                    }
                    Some(Request::SetUserDataDir(dir)) => {
                        if matches!(self.options.auth, crate::auth::AuthStrategy::Custom) {
                            self.options.browser.user_data_dir = dir;
                        }
                        continue;
                    }
                    Some(Request::Interest(interest)) => Input::Interest(interest),
                    None => break,
                },
                Some(msg) = self.internal_rx.recv() => match msg {
                    Msg::Input(input) => input,
                    Msg::Launched(result) => self.on_launched(result).await,
                    Msg::ShutdownDone => Input::ShutdownComplete,
                    Msg::Backup(result) => {
                        match result {
                            Ok(()) => self.emit(Event::RemoteSessionSaved),
                            Err(e) => crate::debug_log!("RemoteAuth backup failed: {e}"),
                        }
                        continue;
                    }
                },
                signal = recv_signal(&mut self.signals) => match signal {
                    Some(BrowserSignal::Page(event)) => {
                        crate::debug_log!("page: {event:?}");
                        Input::Page(event)
                    }
                    // The account's callbacks come up raw: the account layer checks them.
                    Some(BrowserSignal::Raw(payload)) => match crate::account::parse_event(&payload) {
                        Some(event) => {
                            let event = PageEvent::Account(event);
                            crate::debug_log!("page: {event:?}");
                            Input::Page(event)
                        }
                        None => continue,
                    },
                    Some(BrowserSignal::Lost(why)) => {
                        self.signals = None;
                        Input::BrowserLost(why)
                    }
                    None => {
                        self.signals = None;
                        continue;
                    }
                },
            };
            // A bug in the machine must not take Node down with it: the
            // client stops, its callers get an error, the browser is closed.
            crate::debug_log!("input: {input:?}");
            let outputs = match std::panic::catch_unwind(AssertUnwindSafe(|| self.session.handle(input))) {
                Ok(outputs) => outputs,
                Err(panic) => {
                    let message = panic_message(&*panic);
                    let mut ids: Vec<JsCallId> = self.pending.drain().map(|(_, id)| id).collect();
                    ids.sort_unstable();
                    for id in ids {
                        (self.deliver)(Delivery::Reply(id, Err(ClientError::Internal(message.clone()))));
                    }
                    (self.deliver)(Delivery::Closed);
                    // Calls already queued behind the panic would wait for ever:
                    // refuse new ones and answer the queued ones now.
                    requests.close();
                    while let Ok(request) = requests.try_recv() {
                        if let Request::Call(_, id) = request {
                            (self.deliver)(Delivery::Reply(id, Err(ClientError::Internal("the client task has stopped".into()))));
                        }
                    }
                    break;
                }
            };
            for output in outputs {
                self.execute(output);
            }
            // A finished client must not keep Node's event loop alive: say so,
            // and let go of the store (initialize() brings it back).
            let closed = self.session.is_closed() && self.browser.is_none() && !self.launching;
            if closed {
                self.store = None;
            }
            if closed != self.told_closed {
                self.told_closed = closed;
                if closed {
                    (self.deliver)(Delivery::Closed);
                }
            }
        }
        self.signals = None;
        if let Some(browser) = self.browser.take() {
            browser.close().await;
        }
    }

    async fn on_launched(&mut self, result: Result<(BrowserSession, UnboundedReceiver<BrowserSignal>), ClientError>) -> Input {
        self.launching = false;
        self.launch_cancel = None;
        if self.shutdown_pending {
            // destroy() came while Chromium was starting.
            self.shutdown_pending = false;
            if let Ok((browser, _)) = result {
                browser.close().await;
            }
            return Input::ShutdownComplete;
        }
        match result {
            Ok((browser, signals)) => {
                self.browser = Some(browser);
                self.signals = Some(signals);
                Input::Launched
            }
            Err(err) => Input::LaunchFailed(err),
        }
    }

    fn send_later(&self, fut: impl std::future::Future<Output = Msg> + Send + 'static) {
        let tx = self.internal_tx.clone();
        napi::bindgen_prelude::spawn(async move {
            let _ = tx.send(fut.await);
        });
    }

    fn emit(&self, event: Event) {
        (self.deliver)(Delivery::Event(event));
    }

    /// RemoteAuth: the first backup after the initial delay, then one every
    /// backupSyncIntervalMs, for as long as the client stays logged in.
    fn start_backups(&mut self) {
        let (crate::auth::AuthStrategy::Remote(remote), Some(store)) = (&self.options.auth, &self.store) else { return };
        let (remote, store, tx) = (remote.clone(), store.clone(), self.internal_tx.clone());
        if let Some(old) = self.backups.take() {
            old.abort();
        }
        let task = napi::bindgen_prelude::spawn(async move {
            let first = if store.session_exists(&remote.session_name()).await.unwrap_or(false) {
                remote.backup_interval
            } else {
                remote.initial_delay
            };
            tokio::time::sleep(first).await;
            loop {
                if tx.send(Msg::Backup(remote.backup(&store).await)).is_err() {
                    return;
                }
                tokio::time::sleep(remote.backup_interval).await;
            }
        });
        self.backups = Some(task.abort_handle());
    }

    /// Runs work in the page off the driver's loop; its result comes back as
    /// `Done` (an error if the browser is gone, or if the work panicked).
    fn run_in_page<Work>(&self, cmd: CmdId, work: impl FnOnce(PageHandle) -> Work)
    where
        Work: std::future::Future<Output = Result<PageResult, ClientError>> + Send + 'static,
    {
        let Some(browser) = &self.browser else {
            let _ = self.internal_tx.send(Msg::Input(Input::Done(cmd, Err(ClientError::BrowserClosed(String::new())))));
            return;
        };
        let work = work(browser.page());
        self.send_later(async move {
            let result = AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|p| Err(ClientError::Internal(panic_message(&*p))));
            Msg::Input(Input::Done(cmd, result))
        });
    }

    fn execute(&mut self, output: Output) {
        match output {
            Output::Emit(event) => {
                let ready = matches!(event, Event::Ready(_));
                self.emit(event);
                if ready {
                    self.start_backups();
                    let version = self.session.web_version().unwrap_or_default().to_string();
                    if let Some(persist) = self.browser.as_ref().and_then(|b| b.persist_web_version(&self.options, version)) {
                        napi::bindgen_prelude::spawn(persist);
                    }
                    if let Some(release) = self.browser.as_ref().and_then(|b| b.release_memory_after_ready()) {
                        napi::bindgen_prelude::spawn(release);
                    }
                }
            }
            Output::Reply(id, result) => {
                if let Some(js_id) = self.pending.remove(&id) {
                    (self.deliver)(Delivery::Reply(js_id, result));
                }
            }
            Output::Launch => {
                self.launching = true;
                let (cancel_tx, cancel) = tokio::sync::watch::channel(false);
                self.launch_cancel = Some(cancel_tx);
                let options = self.options.clone();
                let store = self.store.clone();
                self.send_later(async move {
                    let (tx, rx) = unbounded_channel();
                    let opened = AssertUnwindSafe(BrowserSession::open(&options, store.as_ref(), tx, &crate::account::EVENT_TYPES, &cancel))
                        .catch_unwind()
                        .await
                        .unwrap_or_else(|p| Err(ClientError::Internal(panic_message(&*p))));
                    Msg::Launched(opened.map(|b| (b, rx)))
                });
            }
            Output::AskStrategy(hook) => {
                let hooks = self.store.clone();
                self.send_later(async move {
                    let answer = match hooks {
                        Some(hooks) => hooks.call_hook(hook.name()).await,
                        None => Err("cannot be called: the client has no strategy bridge".into()),
                    };
                    Msg::Input(Input::StrategyAnswer(hook, answer))
                });
            }
            Output::Run(cmd, command) => {
                let device = (self.options.device_name.clone(), self.options.browser_name.clone());
                self.run_in_page(cmd, |page| async move { run_command(&page, &command, &device).await });
            }
            Output::RunAccount(cmd, command) => self.run_in_page(cmd, |page| async move { command.run(&page).await }),
            Output::Arm(timer, after) => {
                let tx = self.internal_tx.clone();
                let task = napi::bindgen_prelude::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::Input(Input::Timer(timer)));
                });
                if let Some(old) = self.timers.insert(std::mem::discriminant(&timer), task.abort_handle()) {
                    old.abort();
                }
            }
            Output::Shutdown(reason) => {
                self.signals = None;
                for (_, timer) in self.timers.drain() {
                    timer.abort();
                }
                if let Some(backups) = self.backups.take() {
                    backups.abort();
                }
                let auth = self.options.auth.clone();
                let store = self.store.clone();
                let logout = reason == ShutdownReason::Logout;
                if let Some(browser) = self.browser.take() {
                    self.send_later(async move {
                        browser.close().await;
                        if logout {
                            if let Err(e) = auth.remove_session(store.as_ref()).await {
                                crate::debug_log!("logout: {e}");
                            }
                        }
                        Msg::ShutdownDone
                    });
                } else if logout {
                    self.send_later(async move {
                        if let Err(e) = auth.remove_session(store.as_ref()).await {
                            crate::debug_log!("logout: {e}");
                        }
                        Msg::ShutdownDone
                    });
                } else if self.launching {
                    self.shutdown_pending = true;
                    if let Some(cancel) = &self.launch_cancel {
                        let _ = cancel.send(true);
                    }
                } else {
                    let _ = self.internal_tx.send(Msg::ShutdownDone);
                }
            }
        }
    }
}

pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    format!("a bug in whatsapp-web-rs stopped this client ({}); please report it", panic_text(panic))
}

/// What a panic said (its `&str` or `String` payload).
pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Hands a relay's messages to JavaScript, in order, then its end.
#[cfg(unix)]
async fn forward_relay(relay: u32, mut output: UnboundedReceiver<crate::browser::RelayOutput>, deliver: Deliver) {
    use crate::browser::RelayOutput;
    while let Some(RelayOutput::Message(message)) = output.recv().await {
        deliver(Delivery::DevTools { relay, message: Some(message) });
    }
    deliver(Delivery::DevTools { relay, message: None });
}

#[cfg(not(unix))]
async fn forward_relay(_relay: u32, _output: UnboundedReceiver<()>, _deliver: Deliver) {}
