//! What every console page shares: the frame (language, who is signed in, the way back
//! after a language switch), rendering a template into a response, the error page, and
//! the headers every answer carries (a strict Content-Security-Policy: no script at all,
//! styles from this origin only; no framing; no caching of pages).

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::lang::Lang;
use super::session::Session;

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// What the base template reads.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The page's language.
    pub l: Lang,
    /// Who is signed in (none on the login page).
    pub who: Option<Session>,
    /// The language switch's query (`back=` this page).
    pub back: String,
}

impl Frame {
    /// The frame of a page at `path` (with its query).
    pub fn new(l: Lang, who: Option<Session>, path: &str) -> Frame {
        let back = serde_urlencoded::to_string([("back", path)]).unwrap_or_default();
        Frame { l, who, back }
    }
}

/// `template` as an HTML answer with `status`, or a 500 that names no content.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "console page failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "page failed to render\n").into_response()
        }
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "problem.html")]
pub struct Problem {
    /// The frame.
    pub f: Frame,
    /// The heading.
    pub title: String,
    /// What happened (never message content).
    pub detail: String,
}

/// The error page with `status`.
pub fn problem(f: Frame, status: StatusCode, title: &str, detail: &str) -> Response {
    let page = Problem {
        f,
        title: title.to_owned(),
        detail: detail.to_owned(),
    };
    render(status, &page)
}

/// The error page when the incident store does not answer (the driver's words go to the
/// log only).
pub fn unavailable(f: Frame, err: &crate::incident::store::StoreError) -> Response {
    tracing::error!(error = %err, "console: incident store");
    let l = f.l;
    problem(
        f,
        StatusCode::SERVICE_UNAVAILABLE,
        l.t("Registre indisponible", "Store unavailable"),
        l.t(
            "Le registre des incidents ne répond pas : réessayez dans un instant.",
            "The incident store does not answer: try again in a moment.",
        ),
    )
}

/// Adds the security headers to every answer.
pub async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The console's style sheet (no external font or script).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../../templates/console.css"),
    )
        .into_response()
}
