//! The admin listener (`[console] address`): `/metrics` (Prometheus text format),
//! `/healthz` (the process answers) and `/readyz` (the incident store can be written, the
//! next hop has not failed within the last minute without a success since, the rules are
//! loaded). It reads the store and the counters; it never touches the SMTP path, and no
//! page holds anything read from a message.
//!
//! Called by [`crate::server::run`], which hands it the bound socket and the shutdown
//! signal; tests drive [`router`] directly.

pub mod accounts;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
}

/// The admin routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(state)
}

/// Serves the admin routes on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.encode(),
    )
        .into_response()
}

async fn healthz() -> &'static str {
    "ok\n"
}

/// 200 with one line per check when every check passes, 503 with the failing ones named.
async fn readyz(State(state): State<AppState>) -> Response {
    let incidents = Arc::clone(&state.incidents);
    let store = tokio::task::spawn_blocking(move || incidents.ready())
        .await
        .map_err(|_| "store check failed".to_owned())
        .and_then(|r| r.map_err(|e| e.to_string()));
    let upstream = state
        .metrics
        .upstream_healthy(SystemTime::now(), UPSTREAM_FRESH);
    // The rules are loaded before any listener opens, and a failed reload keeps them.
    let _rules = state.rules.current();
    let lines = [
        match &store {
            Ok(()) => "store: writable".to_owned(),
            Err(why) => format!("store: NOT writable ({why})"),
        },
        if upstream {
            "upstream: no failure within the last minute".to_owned()
        } else {
            "upstream: NOT reachable (temporary failures within the last minute)".to_owned()
        },
        "rules: loaded".to_owned(),
    ];
    let status = if store.is_ok() && upstream {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, lines.join("\n") + "\n").into_response()
}
