//! The admin listener (`[console] address`): the security team's console (server-rendered
//! pages in French and English, behind a login) and, without login, `/metrics`, `/healthz`
//! and `/readyz` for the people who run Sentinelle. It reads and writes the incident store
//! only (so every instance on one PostgreSQL shows the same console); it never touches the
//! SMTP path, and no page holds anything read from a message: incidents hold none.
//!
//! Called by [`crate::server::run`], which hands it the bound socket and the shutdown
//! signal; tests drive [`router`] directly.

pub mod accounts;
mod annual;
pub mod auth;
mod certificate;
mod dashboard;
mod health;
pub mod https;
mod incidents;
mod keys;
pub mod lang;
pub mod page;
pub mod session;
pub mod verification;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;

use crate::incident::Store;
use crate::metrics::Metrics;

/// How long a failure to reach the next hop keeps `/readyz` at 503 (unless a message got
/// through since).
pub const UPSTREAM_FRESH: Duration = Duration::from_secs(60);

/// What the admin pages read.
#[derive(Clone)]
pub struct AppState {
    /// The counters.
    pub metrics: Arc<Metrics>,
    /// The incident store.
    pub incidents: Arc<dyn Store>,
    /// The rules in force.
    pub rules: Arc<crate::rules::Live>,
    /// Wrong passwords by address (sessions themselves are the store's).
    pub throttle: Arc<session::Throttle>,
    /// Served over HTTPS (cookies are marked Secure).
    pub secure: bool,
    /// The retention checkpoints' trusted public key (`certs/checkpoint.pub`), if any.
    pub trusted: Option<String>,
    /// The last chain verification run from the console.
    pub verified: Arc<std::sync::Mutex<Option<verification::Checked>>>,
    /// Verified client-certificate subjects and the account each signs in as
    /// (`[console] client_accounts`).
    pub client_accounts: Arc<std::collections::BTreeMap<String, String>>,
}

impl AppState {
    /// The state of a console over `incidents`, plain HTTP.
    pub fn new(
        metrics: Arc<Metrics>,
        incidents: Arc<dyn Store>,
        rules: Arc<crate::rules::Live>,
    ) -> AppState {
        AppState {
            metrics,
            incidents,
            rules,
            throttle: Arc::default(),
            secure: false,
            trusted: None,
            verified: Arc::default(),
            client_accounts: Arc::default(),
        }
    }
}

/// An access-log entry by `account`, now.
pub fn access(
    account: &str,
    action: &str,
    target: Option<&str>,
) -> crate::incident::store::accounts::Access {
    crate::incident::store::accounts::Access {
        at: crate::incident::store::timestamp(time::OffsetDateTime::now_utc()),
        account: account.to_owned(),
        action: action.to_owned(),
        target: target.map(str::to_owned),
    }
}

/// Runs `f` on the store off the async threads (the PostgreSQL client blocks).
pub async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&dyn Store) -> Result<T, crate::incident::store::StoreError> + Send + 'static,
) -> Result<T, crate::incident::store::StoreError> {
    let store = Arc::clone(&state.incidents);
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .unwrap_or_else(|_| {
            Err(crate::incident::store::StoreError::Unavailable {
                location: "console".into(),
                reason: "store call failed".into(),
            })
        })
}

/// The admin routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(health::metrics))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/static/console.css", get(page::stylesheet))
        .route("/login", get(auth::form).post(auth::login))
        .route("/login/certificate", post(certificate::sign_in))
        .route("/logout", post(auth::logout))
        .route("/lang/{code}", get(auth::switch))
        .route("/", get(dashboard::show))
        .route("/incidents", get(incidents::list))
        .route("/incidents.csv", get(incidents::csv))
        .route("/incidents/{reference}", get(incidents::show))
        .route("/incidents/{reference}/review", post(incidents::review))
        .route("/report", get(annual::show))
        .route("/report.csv", get(annual::csv))
        .route("/report.html", get(annual::download))
        .route("/keys", get(keys::show))
        .route(
            "/verification",
            get(verification::show).post(verification::run),
        )
        .layer(axum::middleware::map_response(page::secure_headers))
        .with_state(state)
}

/// Serves the admin routes on `listener` until `shutdown` resolves: over HTTPS when `tls`
/// is given (handshakes bounded by `handshake`), else plain HTTP.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    tls: Option<(Arc<rustls::ServerConfig>, Duration)>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<https::Peer>();
    match tls {
        Some((config, handshake)) => {
            let listener = https::TlsListener::new(listener, config, handshake)?;
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
        }
        None => {
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
        }
    }
}
