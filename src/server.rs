//! Listeners, admission (concurrent sessions overall and per client address), implicit TLS
//! accept, and graceful shutdown: stop accepting, let transactions in flight finish until the
//! grace deadline, then 421 to whoever is left.
//!
//! [`run`] takes listeners that are already bound and a shutdown future, so tests bind
//! `127.0.0.1:0` and know the server is reachable as soon as `run` is called.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};

use crate::action::NextHop;
use crate::action::maildir::Maildir;
use crate::action::upstream::Target;
use crate::config::{Config, ListenerConfig, ListenerTls, SmtpUpstream, UpstreamConfig};
use crate::envelope::Mode;
use crate::metrics::Metrics;
use crate::shutdown::{self, Phase, Shutdown};
use crate::smtp::{Context, Session, reply};
use crate::stream::Stream;
use crate::tls::{self, TlsError};

/// What can stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A listener address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// TLS material is missing or unusable.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The configuration lacks what a listener needs.
    #[error("{0}")]
    Setup(String),
    /// The incident store cannot be opened.
    #[error(transparent)]
    Incidents(#[from] crate::incident::StoreError),
}

/// A bound listener and what it serves.
#[derive(Debug)]
pub struct Listener {
    /// The bound socket.
    pub socket: TcpListener,
    /// Its mode and TLS offer.
    pub config: ListenerConfig,
}

/// Pending connections the kernel may queue per listener. Tokio's own `bind` uses 128,
/// which a burst of a few hundred clients overflows (SYNs dropped, clients stalled 1 s or more).
pub const LISTEN_BACKLOG: u32 = 1024;

/// Binds one address with SO_REUSEADDR and a backlog of [`LISTEN_BACKLOG`].
pub fn listen(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match address {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Every bound socket: the SMTP listeners and the admin listener, if any.
#[derive(Debug)]
pub struct Bound {
    /// SMTP listeners.
    pub smtp: Vec<Listener>,
    /// The admin listener (`[console]`).
    pub console: Option<TcpListener>,
}

/// Binds every configured listener.
pub async fn bind(config: &Config) -> Result<Bound, ServerError> {
    let bind = |address: SocketAddr| {
        listen(address).map_err(|source| ServerError::Bind { address, source })
    };
    let mut smtp = Vec::with_capacity(config.listeners.len());
    for listener in &config.listeners {
        smtp.push(Listener {
            socket: bind(listener.address)?,
            config: listener.clone(),
        });
    }
    let console = config.console.address.map(bind).transpose()?;
    Ok(Bound { smtp, console })
}

/// Admission control: a global cap and a per-address cap on concurrent sessions.
struct Admission {
    global: Arc<Semaphore>,
    per_client: Mutex<HashMap<IpAddr, usize>>,
    max_per_client: usize,
}

/// Held by a session; releases its places when dropped.
struct Ticket {
    admission: Arc<Admission>,
    ip: IpAddr,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Admission {
    fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Ticket> {
        let permit = self.global.clone().try_acquire_owned().ok()?;
        let mut map = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
        let count = map.entry(ip).or_insert(0);
        if *count >= self.max_per_client {
            return None;
        }
        *count += 1;
        Some(Ticket {
            admission: self.clone(),
            ip,
            _permit: permit,
        })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut map = self
            .admission
            .per_client
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(count) = map.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

fn smtp_target(config: &Config, upstream: &SmtpUpstream) -> Result<Arc<Target>, ServerError> {
    let tls = match upstream.tls {
        crate::config::UpstreamTls::None => None,
        _ => Some(tls::client_config(upstream)?),
    };
    Ok(Arc::new(Target {
        config: upstream.clone(),
        tls,
        helo_name: config.hostname.clone(),
        timeouts: config.timeouts.clone(),
        pool: Default::default(),
    }))
}

/// What the sessions of one listener share: the next hop built from the configuration, the
/// rules in force, the incident store. `tls` is the server configuration when TLS is offered.
pub fn context(
    config: &Arc<Config>,
    listener: &ListenerConfig,
    tls: Option<Arc<rustls::ServerConfig>>,
    rules: Arc<crate::rules::Live>,
    incidents: Arc<dyn crate::incident::Store>,
    notifier: Arc<tokio::sync::Notify>,
    metrics: Arc<Metrics>,
) -> Result<Arc<Context>, ServerError> {
    let (next_hop, auth_target) = match listener.mode {
        Mode::Relay => match &config.relay.upstream {
            Some(UpstreamConfig::Smtp(smtp)) => (NextHop::Smtp(smtp_target(config, smtp)?), None),
            Some(UpstreamConfig::Maildir(path)) => (
                NextHop::Maildir(Arc::new(Maildir::new(path, &config.hostname))),
                None,
            ),
            None => {
                return Err(ServerError::Setup(
                    "relay listener without [relay] upstream".into(),
                ));
            }
        },
        Mode::Submission => match &config.submission.upstream {
            Some(smtp) => {
                let target = smtp_target(config, smtp)?;
                (NextHop::Smtp(target.clone()), Some(target))
            }
            None => {
                return Err(ServerError::Setup(
                    "submission listener without [submission] upstream".into(),
                ));
            }
        },
    };
    Ok(Arc::new(Context {
        config: config.clone(),
        listener: listener.clone(),
        tls,
        rules,
        next_hop,
        auth_target,
        incidents,
        notifier,
        metrics,
    }))
}

/// Starts the outbox worker when a notification channel is configured; emails go through the
/// relay upstream.
fn spawn_notifier(
    config: &Arc<Config>,
    incidents: &Arc<dyn crate::incident::Store>,
    wake: &Arc<tokio::sync::Notify>,
) -> Result<Option<tokio::task::JoinHandle<()>>, ServerError> {
    Ok(notifier(config, incidents, wake)?.map(|notifier| tokio::spawn(notifier.run())))
}

/// The outbox worker `run` starts for `config` (on the system clock), or `None` when no
/// notification channel is configured. Public so that tests can drive one pass at a time
/// ([`Notifier::deliver_due`]) on a clock of their own.
///
/// [`Notifier::deliver_due`]: crate::incident::notify::Notifier::deliver_due
pub fn notifier(
    config: &Config,
    incidents: &Arc<dyn crate::incident::Store>,
    wake: &Arc<tokio::sync::Notify>,
) -> Result<Option<crate::incident::notify::Notifier>, ServerError> {
    let notifications = &config.notifications;
    if notifications.channels().is_empty() {
        return Ok(None);
    }
    let hop = match &config.relay.upstream {
        Some(UpstreamConfig::Smtp(smtp)) => Some(NextHop::Smtp(smtp_target(config, smtp)?)),
        Some(UpstreamConfig::Maildir(path)) => Some(NextHop::Maildir(Arc::new(Maildir::new(
            path,
            &config.hostname,
        )))),
        None => None,
    };
    if notifications.email_to.is_some() && hop.is_none() {
        return Err(ServerError::Setup(
            "[notifications] email_to needs a [relay] upstream to send through".into(),
        ));
    }
    let notifier = crate::incident::notify::Notifier {
        store: Arc::clone(incidents),
        hop,
        config: notifications.clone(),
        hostname: config.hostname.clone(),
        wake: Arc::clone(wake),
        clock: crate::incident::notify::system_clock(),
    };
    Ok(Some(notifier))
}

/// Serves the `bound` listeners until `signal` resolves, then shuts down gracefully;
/// `metrics` counts what happens.
pub async fn run(
    config: Arc<Config>,
    rules: Arc<crate::rules::Live>,
    bound: Bound,
    metrics: Arc<Metrics>,
    signal: impl Future<Output = ()>,
) -> Result<(), ServerError> {
    let Bound {
        smtp: listeners,
        console,
    } = bound;
    let needs_tls = listeners.iter().any(|l| l.config.tls != ListenerTls::None)
        || (config.console.tls && console.is_some());
    let tls_config = if needs_tls {
        if tls::ensure_certificate(&config.tls, &config.hostname)? {
            tracing::warn!(
                cert = %config.tls.cert.display(),
                "generated a throwaway self-signed certificate: replace it for production"
            );
        }
        Some(tls::server_config(&config.tls, &config.relay)?)
    } else {
        None
    };
    // Stores are synchronous (the PostgreSQL client runs its own runtime): opened, used and
    // dropped on blocking threads.
    let location = config.incidents.store.clone();
    let incidents: Arc<dyn crate::incident::Store> = Arc::from(
        tokio::task::spawn_blocking(move || crate::incident::store::open_for_server(&location))
            .await
            .map_err(|e| ServerError::Setup(format!("incident store: {e}")))??,
    );
    let wake = Arc::new(tokio::sync::Notify::new());
    let notifier = spawn_notifier(&config, &incidents, &wake)?;
    let admission = Arc::new(Admission {
        global: Arc::new(Semaphore::new(config.limits.max_sessions)),
        per_client: Mutex::new(HashMap::new()),
        max_per_client: config.limits.max_sessions_per_client,
    });
    let (trigger, shutdown) = shutdown::channel();
    let console_tls = match (&tls_config, &config.console.client_ca) {
        (Some(_), Some(ca)) if config.console.tls => {
            Some(tls::server_config_with(&config.tls, Some(ca))?)
        }
        (Some(shared), _) if config.console.tls => Some(Arc::clone(shared)),
        _ => None,
    };
    let console = console.map(|socket| {
        let mut state = crate::console::AppState::new(
            Arc::clone(&metrics),
            Arc::clone(&incidents),
            Arc::clone(&rules),
        );
        state.trusted = crate::incident::checkpoint::trusted_key(&config.certs_dir);
        state.client_accounts = Arc::new(config.console.client_accounts.clone());
        let https = console_tls.map(|tls| (tls, config.timeouts.tls_handshake));
        state.secure = https.is_some();
        spawn_console(socket, state, https, shutdown.clone())
    });
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let mut accept_loops = Vec::new();
    for listener in listeners {
        let tls = tls_config
            .clone()
            .filter(|_| listener.config.tls != ListenerTls::None);
        let ctx = context(
            &config,
            &listener.config,
            tls,
            Arc::clone(&rules),
            Arc::clone(&incidents),
            Arc::clone(&wake),
            Arc::clone(&metrics),
        )?;
        tracing::info!(
            address = %listener.socket.local_addr().map_or_else(|_| "?".into(), |a| a.to_string()),
            mode = listener.config.mode.as_str(),
            "listening"
        );
        accept_loops.push(tokio::spawn(accept_loop(
            listener.socket,
            ctx,
            admission.clone(),
            shutdown.clone(),
            done_tx.clone(),
        )));
    }
    drop(done_tx);
    signal.await;
    tracing::info!("shutdown: no new sessions, letting transactions in flight finish");
    trigger.set(Phase::Draining);
    for handle in accept_loops {
        let _ = handle.await;
    }
    let grace = config.timeouts.shutdown_grace;
    if tokio::time::timeout(grace, done_rx.recv()).await.is_err() {
        tracing::warn!("shutdown grace deadline reached: closing remaining sessions with 421");
        trigger.set(Phase::Closing);
        let _ = tokio::time::timeout(Duration::from_secs(5), done_rx.recv()).await;
    }
    if let Some(console) = console {
        let _ = console.await;
    }
    // Undelivered notifications stay in the outbox for the next start.
    if let Some(notifier) = notifier {
        notifier.abort();
        let _ = notifier.await;
    }
    let _ = tokio::task::spawn_blocking(move || drop(incidents)).await;
    tracing::info!("shutdown complete");
    Ok(())
}

/// Serves the admin routes until shutdown starts.
fn spawn_console(
    socket: TcpListener,
    state: crate::console::AppState,
    https: Option<(Arc<rustls::ServerConfig>, Duration)>,
    mut shutdown: Shutdown,
) -> tokio::task::JoinHandle<()> {
    tracing::info!(
        address = %socket.local_addr().map_or_else(|_| "?".into(), |a| a.to_string()),
        https = https.is_some(),
        "admin listener (console, metrics, health)"
    );
    tokio::spawn(async move {
        let stop = async move { shutdown.reached(Phase::Draining).await };
        if let Err(err) = crate::console::serve(socket, state, https, stop).await {
            tracing::error!(error = %err, "admin listener stopped");
        }
    })
}

async fn accept_loop(
    socket: TcpListener,
    ctx: Arc<Context>,
    admission: Arc<Admission>,
    mut shutdown: Shutdown,
    done: mpsc::Sender<()>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = socket.accept() => accepted,
            () = shutdown.reached(Phase::Draining) => return,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(err) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(error = %err, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let ip = peer.ip();
        let Some(ticket) = admission.admit(ip) else {
            tracing::warn!(client = %ip, "session refused: too many concurrent sessions");
            tokio::spawn(refuse(tcp));
            continue;
        };
        let ctx = ctx.clone();
        let shutdown = shutdown.clone();
        let done = done.clone();
        let open = ctx.metrics.session();
        tokio::spawn(async move {
            let _open = open;
            let _ticket = ticket;
            let _done = done;
            if let Some(stream) = open_stream(&ctx, tcp).await {
                Session::new(ctx, stream, ip, shutdown).run().await;
            }
        });
    }
}

async fn open_stream(ctx: &Context, tcp: TcpStream) -> Option<Stream> {
    if ctx.listener.tls != ListenerTls::Implicit {
        return Some(Stream::Plain(tcp));
    }
    let config = ctx.tls.clone()?;
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let accepted =
        tokio::time::timeout(ctx.config.timeouts.tls_handshake, acceptor.accept(tcp)).await;
    ctx.metrics.tls_handshake(matches!(accepted, Ok(Ok(_))));
    match accepted {
        Ok(Ok(tls)) => Some(Stream::Tls(Box::new(tokio_rustls::TlsStream::Server(tls)))),
        _ => {
            tracing::info!("implicit TLS handshake failed");
            None
        }
    }
}

async fn refuse(mut tcp: TcpStream) {
    let mut out = Vec::new();
    reply::TOO_MANY_SESSIONS.write_to(&mut out);
    let _ = tokio::time::timeout(Duration::from_secs(5), tcp.write_all(&out)).await;
    let _ = tcp.shutdown().await;
}
