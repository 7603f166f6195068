//! The thin I/O shell around the session machine.
//!
//! One task per client owns the [`Session`], the browser and the reply
//! channels. Everything reaches it as a message (user calls, page
//! callbacks, command results, timer expiries) and is handled one at a
//! time, so the order the machine decides is the order users observe.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;

use crate::browser::{run_command, BrowserSession, BrowserSignal};
use crate::errors::ClientError;
use crate::options::ClientOptions;
use crate::remote_auth::RemoteStore;
use crate::session::{Call, CallId, Event, Input, Output, Reply, Session, ShutdownReason, Timer};

/// Hands an event to JavaScript.
pub type Emit = Arc<dyn Fn(Event) + Send + Sync>;
type Responder = oneshot::Sender<Result<Reply, ClientError>>;

enum Request {
    Call(Call, Responder),
    /// RemoteAuth's store, set by `initialize()`.
    SetStore(RemoteStore),
    /// Events go here from now on (set by `initialize()`, dropped at shutdown
    /// so a finished client does not keep Node's event loop alive).
    SetEmitter(Emit),
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
}

impl ClientHandle {
    pub fn spawn(options: ClientOptions) -> Self {
        let (tx, rx) = unbounded_channel();
        napi::bindgen_prelude::spawn(Driver::new(options).run(rx));
        ClientHandle { requests: tx }
    }

    pub fn set_store(&self, store: RemoteStore) {
        let _ = self.requests.send(Request::SetStore(store));
    }

    pub fn set_emitter(&self, emit: Emit) {
        let _ = self.requests.send(Request::SetEmitter(emit));
    }

    /// Queues a call now (on the caller's thread, so calls keep their order)
    /// and returns the future of its answer.
    pub fn call(&self, call: Call) -> impl std::future::Future<Output = Result<Reply, ClientError>> + Send + 'static {
        let (tx, rx) = oneshot::channel();
        let sent = self.requests.send(Request::Call(call, tx));
        async move {
            sent.map_err(|_| ClientError::Internal("the client task has stopped".into()))?;
            rx.await.unwrap_or_else(|_| Err(ClientError::Internal("the client task stopped before answering".into())))
        }
    }
}

struct Driver {
    options: ClientOptions,
    session: Session,
    internal_tx: UnboundedSender<Msg>,
    internal_rx: UnboundedReceiver<Msg>,
    responders: HashMap<CallId, Responder>,
    next_call: CallId,
    emitter: Option<Emit>,
    browser: Option<BrowserSession>,
    signals: Option<UnboundedReceiver<BrowserSignal>>,
    launching: bool,
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
    fn new(options: ClientOptions) -> Self {
        let (internal_tx, internal_rx) = unbounded_channel();
        Driver {
            session: Session::new(options.login.clone()),
            options,
            internal_tx,
            internal_rx,
            responders: HashMap::new(),
            next_call: 0,
            emitter: None,
            browser: None,
            signals: None,
            launching: false,
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
                    Some(Request::Call(call, responder)) => {
                        self.next_call += 1;
                        self.responders.insert(self.next_call, responder);
                        Input::Call(self.next_call, call)
                    }
                    Some(Request::SetEmitter(emit)) => {
                        self.emitter = Some(emit);
                        continue;
                    }
                    Some(Request::SetStore(store)) => {
                        self.store = Some(store);
                        continue;
                    }
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
                    for (_, responder) in self.responders.drain() {
                        let _ = responder.send(Err(ClientError::Internal(message.clone())));
                    }
                    break;
                }
            };
            for output in outputs {
                self.execute(output);
            }
            // A finished client must not keep Node's event loop alive: the
            // thread-safe functions into JavaScript go (initialize() brings them back).
            if self.session.is_closed() && self.browser.is_none() && !self.launching {
                self.emitter = None;
                self.store = None;
            }
        }
        self.signals = None;
        if let Some(browser) = self.browser.take() {
            browser.close().await;
        }
    }

    async fn on_launched(&mut self, result: Result<(BrowserSession, UnboundedReceiver<BrowserSignal>), ClientError>) -> Input {
        self.launching = false;
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
        if let Some(emit) = &self.emitter {
            emit(event);
        }
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
                }
            }
            Output::Reply(id, result) => {
                if let Some(responder) = self.responders.remove(&id) {
                    let _ = responder.send(result);
                }
            }
            Output::Launch => {
                self.launching = true;
                let options = self.options.clone();
                let store = self.store.clone();
                self.send_later(async move {
                    let (tx, rx) = unbounded_channel();
                    let opened = AssertUnwindSafe(BrowserSession::open(&options, store.as_ref(), tx))
                        .catch_unwind()
                        .await
                        .unwrap_or_else(|p| Err(ClientError::Internal(panic_message(&*p))));
                    Msg::Launched(opened.map(|b| (b, rx)))
                });
            }
            Output::Run(cmd, command) => {
                let Some(browser) = &self.browser else {
                    let _ = self.internal_tx.send(Msg::Input(Input::Done(cmd, Err(ClientError::BrowserClosed(String::new())))));
                    return;
                };
                let page = browser.page();
                let device = (self.options.device_name.clone(), self.options.browser_name.clone());
                self.send_later(async move {
                    let result = AssertUnwindSafe(run_command(&page, &command, &device))
                        .catch_unwind()
                        .await
                        .unwrap_or_else(|p| Err(ClientError::Internal(panic_message(&*p))));
                    Msg::Input(Input::Done(cmd, result))
                });
            }
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
                } else {
                    let _ = self.internal_tx.send(Msg::ShutdownDone);
                }
            }
        }
    }
}

pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("a bug in whatsapp-web-rs stopped this client ({text}); please report it")
}
