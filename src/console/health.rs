//! `/metrics` (Prometheus text format), `/healthz` (the process answers) and `/readyz` (the
//! incident store can be written, the next hop has not failed within the last minute
//! without a success since, the rules are loaded). No login: bind the listener to loopback
//! or protect it.

use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{AppState, UPSTREAM_FRESH};

pub(super) async fn metrics(State(state): State<AppState>) -> Response {
    // The outbox is the store's (shared by a fleet): read at each scrape.
    match super::blocking(&state, |store| store.outbox()).await {
        Ok(outbox) => state.metrics.outbox(&outbox),
        Err(err) => tracing::warn!(error = %err, "metrics: outbox not read"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.encode(),
    )
        .into_response()
}

pub(super) async fn healthz() -> &'static str {
    "ok\n"
}

/// 200 with one line per check when every check passes, 503 with the failing ones named.
pub(super) async fn readyz(State(state): State<AppState>) -> Response {
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
