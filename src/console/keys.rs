//! The keyring page: the recipients' certificates the gateway encrypts for, with status and
//! expiry; a certificate that expires within [`SOON`] stands out, so the team asks the
//! partner for a new one before physicians' messages start bouncing.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::AppState;
use super::auth::Signed;
use super::page::{Frame, render};
use crate::rules::keyring::Summary;

/// Expiring within this stands out.
pub const SOON: time::Duration = time::Duration::days(30);

/// One certificate's row.
pub struct Key {
    /// What `keys list` shows.
    pub summary: Summary,
    /// Expires within [`SOON`] (and has not yet).
    pub soon: bool,
}

#[derive(Template)]
#[template(path = "keys.html")]
struct KeysPage {
    f: Frame,
    keys: Vec<Key>,
    soon: usize,
}

/// True when `expires` (RFC 3339) falls between `now` and `now` + [`SOON`].
fn expiring(expires: Option<&str>, now: time::OffsetDateTime) -> bool {
    let format = time::format_description::well_known::Rfc3339;
    expires
        .and_then(|e| time::OffsetDateTime::parse(e, &format).ok())
        .is_some_and(|at| at > now && at <= now + SOON)
}

/// `GET /keys`.
pub async fn show(State(state): State<AppState>, signed: Signed) -> Response {
    let now = time::OffsetDateTime::now_utc();
    let summaries = state.rules.current().keyring.summaries(now.into());
    let keys: Vec<Key> = summaries
        .into_iter()
        .map(|summary| Key {
            soon: expiring(summary.expires.as_deref(), now),
            summary,
        })
        .collect();
    let page = KeysPage {
        soon: keys.iter().filter(|k| k.soon).count(),
        keys,
        f: Frame::new(signed.l, Some(signed.session), "/keys"),
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_expiring_within_thirty_days_stands_out() {
        let now = time::macros::datetime!(2026-12-07 12:00 UTC);
        assert!(expiring(Some("2026-12-20T00:00:00Z"), now));
        assert!(!expiring(Some("2027-03-01T00:00:00Z"), now));
        assert!(
            !expiring(Some("2026-12-01T00:00:00Z"), now),
            "already expired: its status says so"
        );
        assert!(!expiring(None, now));
    }
}
