//! The verification page: runs the check of the three hash chains (incidents, reviews,
//! the console's access log; from the latest retention checkpoint, whose signature must
//! match `certs/checkpoint.pub` when it exists) and shows its result and the checkpoint
//! history. Any signed-in role may run it: it reads only (and is recorded).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::Signed;
use super::page::{Frame, render, unavailable};
use super::{AppState, blocking};
use crate::incident::checkpoint;

/// A verification's outcome.
#[derive(Debug, Clone)]
pub struct Checked {
    /// When (Montreal time).
    pub at: String,
    /// Who ran it.
    pub by: String,
    /// Records checked.
    pub checked: usize,
    /// What is wrong (none: intact).
    pub problems: Vec<String>,
}

/// One checkpoint's row.
pub struct Row {
    /// When the purge ran (UTC).
    pub at: String,
    /// Incidents created before this were purged.
    pub before: String,
    /// Purged so far.
    pub purged: i64,
    /// The signature checks out (against the trusted key when there is one).
    pub valid: Result<(), String>,
}

#[derive(Template)]
#[template(path = "verification.html")]
struct VerificationPage {
    f: Frame,
    last: Option<Checked>,
    checkpoints: Vec<Row>,
    trusted: bool,
}

/// `GET /verification`.
pub async fn show(State(state): State<AppState>, signed: Signed) -> Response {
    let l = signed.l;
    let f = Frame::new(l, Some(signed.session), "/verification");
    let signed_checkpoints = match blocking(&state, |store| store.checkpoints()).await {
        Ok(list) => list,
        Err(err) => return unavailable(f, &err),
    };
    let trusted = state.trusted.as_deref();
    let checkpoints = signed_checkpoints
        .iter()
        .map(|s| match checkpoint::check(s, trusted) {
            Ok(c) => Row {
                at: c.at,
                before: c.before,
                purged: c.purged,
                valid: Ok(()),
            },
            Err(why) => Row {
                at: String::new(),
                before: String::new(),
                purged: 0,
                valid: Err(why),
            },
        })
        .collect();
    let last = state
        .verified
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let page = VerificationPage {
        f,
        last,
        checkpoints,
        trusted: trusted.is_some(),
    };
    render(StatusCode::OK, &page)
}

/// The run form.
#[derive(Deserialize)]
pub struct RunForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /verification`: checks the chains now.
pub async fn run(
    State(state): State<AppState>,
    signed: Signed,
    Form(form): Form<RunForm>,
) -> Response {
    if !signed.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF token missing or wrong\n").into_response();
    }
    let trusted = state.trusted.clone();
    let entry = super::access(&signed.session.account, "verify", None);
    let outcome = blocking(&state, move |store| {
        store.log_access(&entry)?;
        let mut verification = store.verify(trusted.as_deref())?;
        let access = store.verify_access()?;
        verification.checked += access.checked;
        verification.problems.extend(access.problems);
        Ok(verification)
    })
    .await;
    let now = crate::incident::store::timestamp(time::OffsetDateTime::now_utc());
    let checked = match outcome {
        Ok(v) => Checked {
            at: crate::incident::clock::montreal(&now),
            by: signed.session.account.clone(),
            checked: v.checked,
            problems: v.problems,
        },
        Err(err) => Checked {
            at: crate::incident::clock::montreal(&now),
            by: signed.session.account.clone(),
            checked: 0,
            problems: vec![format!("store: {err}")],
        },
    };
    if !checked.problems.is_empty() {
        tracing::error!(
            problems = checked.problems.len(),
            "console: chain verification found problems"
        );
    }
    *state
        .verified
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(checked);
    Redirect::to("/verification").into_response()
}
