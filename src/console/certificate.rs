//! Signing in by TLS client certificate (`[console] client_ca` and `client_accounts`), as
//! the relay listener trusts a listed subject: over HTTPS, a certificate rustls verified
//! against the establishment's CA whose subject is listed signs in as that subject's
//! account, with the account's role, after one click on the login page (a POST with the
//! login form's token: no session opens behind the user's back). The account must exist
//! in the store and not be locked; the sign-in is a link of the access log, with the
//! subject. Passwords keep working beside it.

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;

use super::accounts::Role;
use super::auth::{Check, Token, expired_form, login_page, signed_in, store_silent};
use super::https::Peer;
use super::lang::Lang;
use super::{AppState, blocking};

/// The listed subject of `peer`'s verified certificate and the account it signs in as.
pub fn listed<'a>(state: &'a AppState, peer: &'a Peer) -> Option<(&'a str, &'a str)> {
    let subject = peer.subject.as_deref()?;
    let account = state.client_accounts.get(subject)?;
    Some((subject, account.as_str()))
}

/// `POST /login/certificate`.
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    jar: CookieJar,
    Form(form): Form<Token>,
) -> Response {
    let l = Lang::of(&jar);
    if let Some(expired) = expired_form(&state, &peer, &jar, l, &form.csrf) {
        return expired;
    }
    let Some((subject, account)) = listed(&state, &peer) else {
        let why = l.t(
            "Aucun certificat client reconnu sur cette connexion : connectez-vous avec votre mot de passe.",
            "No recognised client certificate on this connection: sign in with your password.",
        );
        return login_page(&state, &peer, jar, l, StatusCode::FORBIDDEN, Some(why));
    };
    let (subject, account) = (subject.to_owned(), account.to_owned());
    match check(&state, account.clone(), subject).await {
        Check::Valid => {
            tracing::info!(account = %account, "console sign-in by client certificate");
            signed_in(&state, jar, &account).await
        }
        Check::Locked => {
            let why = l.t(
                "Compte verrouillé : demandez à un administrateur (sentinelle console user passwd).",
                "Account locked: ask an administrator (sentinelle console user passwd).",
            );
            login_page(&state, &peer, jar, l, StatusCode::FORBIDDEN, Some(why))
        }
        Check::Wrong => {
            tracing::warn!(account = %account, "console: a listed certificate names no account");
            let why = l.t(
                "Ce certificat désigne un compte qui n'existe pas : demandez à un administrateur (sentinelle console user add).",
                "This certificate names an account that does not exist: ask an administrator (sentinelle console user add).",
            );
            login_page(&state, &peer, jar, l, StatusCode::FORBIDDEN, Some(why))
        }
        Check::Unavailable => store_silent(&state, &peer, jar, l),
    }
}

/// The account's role if it exists and is not locked; the sign-in logged with `subject`.
async fn check(state: &AppState, name: String, subject: String) -> Check {
    let now = crate::incident::store::timestamp(time::OffsetDateTime::now_utc());
    let checked = blocking(state, move |store| {
        let Some(account) = store.account(&name)? else {
            return Ok(Check::Wrong);
        };
        if account
            .locked_until
            .as_deref()
            .is_some_and(|until| until > now.as_str())
        {
            return Ok(Check::Locked);
        }
        if Role::parse(&account.role).is_err() {
            return Ok(Check::Wrong);
        }
        store.log_access(&super::access(&name, "sign_in_certificate", Some(&subject)))?;
        Ok(Check::Valid)
    })
    .await;
    checked.unwrap_or(Check::Unavailable)
}
