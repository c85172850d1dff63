//! `sentinelle serve`: run the proxy until SIGTERM or Ctrl-C.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::{Config, UpstreamConfig};
use crate::metrics::Metrics;
use crate::rules;
use crate::{server, telemetry};

/// Loads the configuration (or the embedded default) and serves.
pub fn run(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let config = match path {
        Some(path) => Config::load(path)?,
        None => Config::embedded_default()?,
    };
    telemetry::init(&config.log);
    // The rules (detectors, domain lists, forwarding signals) are loaded and validated at
    // start-up, before any port is opened.
    let rules = Arc::new(rules::Live::load(rules::Sources::of(
        &config,
        super::current_year(),
    ))?);
    tracing::info!(rules = %config.rules_dir.display(), "DIR04 rules loaded");
    if let Some(why) = rules.current().ocr.unavailable() {
        tracing::warn!(
            reason = %why,
            "images are not read (no OCR): they count as risks for outside recipients"
        );
    }
    if path.is_none()
        && let Some(UpstreamConfig::Maildir(dir)) = &config.relay.upstream
    {
        tracing::info!(
            maildir = %dir.join("new").display(),
            "embedded default: relayed mail is delivered into this Maildir"
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let bound = server::bind(&config).await?;
        let metrics = Arc::new(Metrics::new());
        reload_on_hangup(Arc::clone(&rules), Arc::clone(&metrics));
        server::run(Arc::new(config), rules, bound, metrics, signal()).await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Reloads the rules on each SIGHUP; sessions in progress are not touched. A faulty rules
/// file is reported and the rules in force stay.
fn reload_on_hangup(rules: Arc<rules::Live>, metrics: Arc<Metrics>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangup) = signal(SignalKind::hangup()) else {
            tracing::warn!("SIGHUP cannot be caught: rules reload only on restart");
            return;
        };
        tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                let rules = Arc::clone(&rules);
                let reloaded = tokio::task::spawn_blocking(move || rules.reload()).await;
                metrics.reloaded(matches!(reloaded, Ok(Ok(()))));
                match reloaded {
                    Ok(Ok(())) => tracing::info!("rules reloaded"),
                    Ok(Err(err)) => {
                        tracing::error!(error = %err, "rules not reloaded: the previous rules stay in force");
                    }
                    Err(_) => {
                        tracing::error!("rules reload failed: the previous rules stay in force")
                    }
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = (rules, metrics);
}

/// Resolves on Ctrl-C or SIGTERM.
async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
