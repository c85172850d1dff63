//! Signing in and out. A wrong password costs a second and counts against the account
//! (shared by the fleet through the store: locked after [`accounts::LOCK_AFTER`]) and the
//! address (this instance: locked after [`session::ADDRESS_FAILURES`]); an unknown name
//! costs the same hash as a known one. The login form carries a token bound to a cookie
//! (double submit), every signed-in form the session's CSRF token. Pages take a
//! [`Signed`] argument: without a live session they answer with a redirect to `/login`.

use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, FromRef, FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::accounts::{self, Role};
use super::https::Peer;
use super::lang::Lang;
use super::page::{Frame, render, unavailable};
use super::session::{self, Session, same_token};
use super::{AppState, blocking};

/// The session cookie.
pub const SESSION: &str = "sentinelle_session";
/// The login form's cookie (its token is the form's).
pub(super) const LOGIN: &str = "sentinelle_login";
/// What a wrong password costs.
const PENALTY: Duration = Duration::from_secs(1);

/// A signed-in request: its session and language.
pub struct Signed {
    /// Who.
    pub session: Session,
    /// The language.
    pub l: Lang,
}

impl<S> FromRequestParts<S> for Signed
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Signed, Response> {
        let state = AppState::from_ref(state);
        let jar = CookieJar::from_headers(&parts.headers);
        let l = Lang::of(&jar);
        let Some(cookie) = jar.get(SESSION) else {
            return Err(Redirect::to("/login").into_response());
        };
        match session::find(&state, cookie.value()).await {
            Ok(Some(session)) => Ok(Signed { session, l }),
            Ok(None) => Err(Redirect::to("/login").into_response()),
            Err(err) => Err(unavailable(Frame::new(l, None, "/login"), &err)),
        }
    }
}

impl Signed {
    /// True when `token` is this session's CSRF token.
    pub fn csrf_ok(&self, token: &str) -> bool {
        same_token(&self.session.csrf, token)
    }
}

/// A cookie as the console sets them: HttpOnly, SameSite=Strict, Secure under HTTPS.
pub fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.secure)
        .build()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    f: Frame,
    csrf: String,
    error: Option<String>,
    /// The verified client certificate's subject and the account it signs in as.
    certificate: Option<(String, String)>,
}

/// `GET /login`.
pub async fn form(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    jar: CookieJar,
) -> Response {
    let l = Lang::of(&jar);
    login_page(&state, &peer, jar, l, StatusCode::OK, None)
}

/// The login page (with its form token and cookie), offering certificate sign-in when
/// `peer` presented a listed one.
pub(super) fn login_page(
    state: &AppState,
    peer: &Peer,
    jar: CookieJar,
    l: Lang,
    status: StatusCode,
    error: Option<&str>,
) -> Response {
    let Some(token) = session::token() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no random source\n").into_response();
    };
    let page = LoginPage {
        f: Frame::new(l, None, "/login"),
        csrf: token.clone(),
        error: error.map(str::to_owned),
        certificate: super::certificate::listed(state, peer)
            .map(|(subject, account)| (subject.to_owned(), account.to_owned())),
    };
    (jar.add(cookie(state, LOGIN, token)), render(status, &page)).into_response()
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct Credentials {
    name: String,
    password: String,
    csrf: String,
}

/// `POST /login`.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    jar: CookieJar,
    Form(form): Form<Credentials>,
) -> Response {
    let l = Lang::of(&jar);
    if let Some(expired) = expired_form(&state, &peer, &jar, l, &form.csrf) {
        return expired;
    }
    let ip = peer.address.ip();
    if state.throttle.address_locked(ip) {
        let why = l.t(
            "Trop d'essais depuis cette adresse : réessayez dans 15 minutes.",
            "Too many attempts from this address: try again in 15 minutes.",
        );
        return login_page(
            &state,
            &peer,
            jar,
            l,
            StatusCode::TOO_MANY_REQUESTS,
            Some(why),
        );
    }
    match check(&state, form.name.clone(), form.password).await {
        Check::Valid => {
            state.throttle.address_succeeded(ip);
            tracing::info!(account = %form.name, "console sign-in");
            signed_in(&state, jar, &form.name).await
        }
        Check::Locked => {
            let why = l.t(
                "Compte verrouillé après trop d'essais : réessayez dans 15 minutes ou demandez à un administrateur (sentinelle console user passwd).",
                "Account locked after too many attempts: try again in 15 minutes or ask an administrator (sentinelle console user passwd).",
            );
            login_page(
                &state,
                &peer,
                jar,
                l,
                StatusCode::TOO_MANY_REQUESTS,
                Some(why),
            )
        }
        Check::Wrong => {
            state.throttle.address_failed(ip);
            tracing::warn!(address = %ip, "console sign-in refused");
            tokio::time::sleep(PENALTY).await;
            let why = l.t("Nom ou mot de passe incorrect.", "Wrong name or password.");
            login_page(&state, &peer, jar, l, StatusCode::UNAUTHORIZED, Some(why))
        }
        Check::Unavailable => store_silent(&state, &peer, jar, l),
    }
}

/// The login page again when the store does not answer the sign-in.
pub(super) fn store_silent(state: &AppState, peer: &Peer, jar: CookieJar, l: Lang) -> Response {
    let why = l.t(
        "Le registre des incidents ne répond pas : réessayez.",
        "The incident store does not answer: try again.",
    );
    login_page(
        state,
        peer,
        jar,
        l,
        StatusCode::SERVICE_UNAVAILABLE,
        Some(why),
    )
}

/// Checks the login form's token against its cookie: the answer when they differ.
pub(super) fn expired_form(
    state: &AppState,
    peer: &Peer,
    jar: &CookieJar,
    l: Lang,
    token: &str,
) -> Option<Response> {
    if jar.get(LOGIN).is_some_and(|c| same_token(c.value(), token)) {
        return None;
    }
    let why = l.t(
        "Formulaire expiré : recommencez.",
        "Form expired: try again.",
    );
    Some(login_page(
        state,
        peer,
        jar.clone(),
        l,
        StatusCode::FORBIDDEN,
        Some(why),
    ))
}

/// Opens a session for `account` and goes to the dashboard.
pub(super) async fn signed_in(state: &AppState, jar: CookieJar, account: &str) -> Response {
    let token = match session::open(state, account).await {
        Ok(Some(token)) => token,
        Ok(None) => {
            return (StatusCode::SERVICE_UNAVAILABLE, "no random source\n").into_response();
        }
        Err(err) => return unavailable(Frame::new(Lang::of(&jar), None, "/login"), &err),
    };
    let jar = jar
        .remove(Cookie::build(LOGIN).path("/"))
        .add(cookie(state, SESSION, token));
    (jar, Redirect::to("/")).into_response()
}

pub(super) enum Check {
    /// The name and password (or certificate) are right; the account's role is known.
    Valid,
    Locked,
    Wrong,
    Unavailable,
}

/// Checks a name and password against the store, counting a wrong one.
async fn check(state: &AppState, name: String, password: String) -> Check {
    let now = time::OffsetDateTime::now_utc();
    let lock_until = crate::incident::store::timestamp(now + accounts::LOCK_FOR);
    let now = crate::incident::store::timestamp(now);
    let checked = blocking(state, move |store| {
        let account = store.account(&name)?;
        let Some(account) = account else {
            accounts::verify(&password, accounts::decoy());
            return Ok(Check::Wrong);
        };
        if account
            .locked_until
            .as_deref()
            .is_some_and(|until| until > now.as_str())
        {
            return Ok(Check::Locked);
        }
        let role = Role::parse(&account.role);
        match role {
            Ok(_) if accounts::verify(&password, &account.password_hash) => {
                store.login_succeeded(&name)?;
                store.log_access(&super::access(&name, "sign_in", None))?;
                Ok(Check::Valid)
            }
            _ => {
                let failures = store.login_failed(&name, accounts::LOCK_AFTER, &lock_until)?;
                Ok(if failures >= accounts::LOCK_AFTER {
                    Check::Locked
                } else {
                    Check::Wrong
                })
            }
        }
    })
    .await;
    checked.unwrap_or(Check::Unavailable)
}

/// The logout form.
#[derive(Deserialize)]
pub struct Token {
    pub(super) csrf: String,
}

/// `POST /logout`.
pub async fn logout(
    State(state): State<AppState>,
    signed: Signed,
    jar: CookieJar,
    Form(form): Form<Token>,
) -> Response {
    if !signed.csrf_ok(&form.csrf) {
        return (StatusCode::FORBIDDEN, "CSRF token missing or wrong\n").into_response();
    }
    if let Some(cookie) = jar.get(SESSION)
        && let Err(err) = session::close(&state, cookie.value()).await
    {
        tracing::error!(error = %err, "console: closing a session");
    }
    let entry = super::access(&signed.session.account, "sign_out", None);
    if let Err(err) = blocking(&state, move |store| store.log_access(&entry)).await {
        tracing::error!(error = %err, "console: access log");
    }
    (
        jar.remove(Cookie::build(SESSION).path("/")),
        Redirect::to("/login"),
    )
        .into_response()
}

/// `GET /lang/{code}?back=/path`: remembers the language, returns to the page.
pub async fn switch(
    State(state): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<Back>,
    jar: CookieJar,
) -> Response {
    let code = if code == "en" { "en" } else { "fr" };
    // Only a path of this console: never an address elsewhere.
    let back = query
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".to_owned());
    let mut remembered = cookie(&state, super::lang::COOKIE, code.to_owned());
    remembered.set_max_age(time::Duration::days(365));
    (jar.add(remembered), Redirect::to(&back)).into_response()
}

/// The language switch's query.
#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}
