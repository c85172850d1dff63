//! The security team's console: route tests through `tower::ServiceExt::oneshot` on a real
//! SQLite store (login, lockout, CSRF, roles, review actions, filters, CSV, headers), and
//! through real HTTP on a running Sentinelle: refusals sent by SMTP, then every page read
//! signed in, none holding a value from the messages.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use sentinelle::console::{self, AppState, accounts};
use sentinelle::incident::store::accounts::Account;
use sentinelle::incident::store::{self, Backend, Store};
use tower::ServiceExt as _;

use crate::store::new_incident;
use crate::support::{Behavior, relay_pair, send};

const PASSWORD: &str = "correct horse battery staple";

fn add_account(store: &dyn Store, name: &str, role: &str) {
    let account = Account {
        name: name.into(),
        role: role.into(),
        password_hash: accounts::hash(PASSWORD).unwrap(),
        created_at: "2026-12-07T10:00:00Z".into(),
        failures: 0,
        locked_until: None,
    };
    assert!(store.add_account(&account).unwrap());
}

/// A console over a fresh store holding `incidents` refusals and three accounts.
struct Console {
    app: axum::Router,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

/// One answer: status, headers, body.
struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the first hidden `csrf` field.
    fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .map(|i| i + marker.len())
            .expect("a csrf field");
        self.body[start..start + 64].to_owned()
    }

    /// `name=value` of the cookies it sets.
    fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }
}

impl Console {
    async fn new(incidents: usize) -> Console {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("incidents.db");
        let store: Arc<dyn Store> = Arc::from(store::open(&Backend::Sqlite(path)).unwrap());
        let at = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
        for i in 0..incidents {
            let category = if i % 2 == 0 {
                "auto_forward"
            } else {
                "confidential_to_public_webmail"
            };
            store
                .record(new_incident(
                    category,
                    at + time::Duration::seconds(i as i64),
                ))
                .unwrap();
        }
        add_account(store.as_ref(), "admin", "admin");
        add_account(store.as_ref(), "lise", "reviewer");
        add_account(store.as_ref(), "andre", "auditor");
        let config = sentinelle::config::Config::embedded_default().unwrap();
        let rules =
            sentinelle::rules::Live::load(sentinelle::rules::Sources::of(&config, 2026)).unwrap();
        let state = AppState::new(
            Arc::new(sentinelle::metrics::Metrics::new()),
            Arc::clone(&store),
            Arc::new(rules),
        );
        Console {
            app: console::router(state),
            store,
            _dir: dir,
        }
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        cookies: &[String],
        form: &[(&str, &str)],
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if !cookies.is_empty() {
            request = request.header(header::COOKIE, cookies.join("; "));
        }
        let body = if method == "POST" {
            request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            Body::from(serde_urlencoded::to_string(form).unwrap())
        } else {
            Body::empty()
        };
        let mut request = request.body(body).unwrap();
        let peer: SocketAddr = "127.0.0.1:50000".parse().unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(sentinelle::console::https::Peer::plain(peer)));
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Tries to sign in: the login answer and the cookies to send next.
    async fn try_login(&self, name: &str, password: &str) -> (Answer, Vec<String>) {
        let form = self.call("GET", "/login", &[], &[]).await;
        let login_cookie: Vec<String> = form
            .cookies()
            .iter()
            .map(|c| c.split(';').next().unwrap().to_owned())
            .collect();
        let csrf = form.csrf();
        let answer = self
            .call(
                "POST",
                "/login",
                &login_cookie,
                &[("name", name), ("password", password), ("csrf", &csrf)],
            )
            .await;
        let session = answer
            .cookies()
            .iter()
            .filter(|c| {
                c.starts_with("sentinelle_session=") && !c.starts_with("sentinelle_session=;")
            })
            .map(|c| c.split(';').next().unwrap().to_owned())
            .collect();
        (answer, session)
    }

    async fn login(&self, name: &str) -> Vec<String> {
        let (answer, session) = self.try_login(name, PASSWORD).await;
        assert_eq!(
            (answer.status, answer.location()),
            (StatusCode::SEE_OTHER, "/"),
            "{}",
            answer.body
        );
        assert_eq!(session.len(), 1);
        session
    }
}

#[tokio::test]
async fn unauthenticated_access_redirects_to_the_login_page() {
    let console = Console::new(1).await;
    for path in [
        "/",
        "/incidents",
        "/incidents/INC-2026-000001",
        "/incidents.csv",
    ] {
        let answer = console.call("GET", path, &[], &[]).await;
        assert_eq!(
            (answer.status, answer.location()),
            (StatusCode::SEE_OTHER, "/login"),
            "{path}"
        );
    }
    let forged = ["sentinelle_session=00ff".to_owned()];
    let answer = console.call("GET", "/", &forged, &[]).await;
    assert_eq!(answer.location(), "/login");
    let answer = console
        .call(
            "POST",
            "/incidents/INC-2026-000001/review",
            &[],
            &[("action", "close")],
        )
        .await;
    assert_eq!(answer.location(), "/login");
    let login = console.call("GET", "/login", &[], &[]).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("Se connecter") && login.body.contains("English"));
}

#[tokio::test]
async fn a_session_opened_on_one_instance_is_honoured_by_another_on_the_same_store() {
    let first = Console::new(1).await;
    let config = sentinelle::config::Config::embedded_default().unwrap();
    let rules =
        sentinelle::rules::Live::load(sentinelle::rules::Sources::of(&config, 2026)).unwrap();
    let second = Console {
        app: console::router(AppState::new(
            Arc::new(sentinelle::metrics::Metrics::new()),
            Arc::clone(&first.store),
            Arc::new(rules),
        )),
        store: Arc::clone(&first.store),
        _dir: tempfile::tempdir().unwrap(),
    };
    let session = first.login("lise").await;
    let dashboard = second.call("GET", "/", &session, &[]).await;
    assert_eq!(
        dashboard.status,
        StatusCode::OK,
        "the fleet shares sessions"
    );
    // Signing out on one instance ends the session on the other.
    let csrf = dashboard.csrf();
    let out = second
        .call("POST", "/logout", &session, &[("csrf", &csrf)])
        .await;
    assert_eq!(out.location(), "/login");
    assert_eq!(
        first.call("GET", "/", &session, &[]).await.location(),
        "/login"
    );
    // Removing the account ends its sessions at once.
    let session = first.login("andre").await;
    assert_eq!(
        second.call("GET", "/", &session, &[]).await.status,
        StatusCode::OK
    );
    assert!(first.store.remove_account("andre").unwrap());
    assert_eq!(
        second.call("GET", "/", &session, &[]).await.location(),
        "/login"
    );
    // The store holds digests, not the cookie's token.
    let token = session[0].trim_start_matches("sentinelle_session=");
    assert!(first.store.session(token, 0, 0, 0).unwrap().is_none());
}

#[tokio::test]
async fn the_session_cookie_is_strict_and_every_page_carries_a_strict_csp() {
    let console = Console::new(1).await;
    let (answer, _) = console.try_login("lise", PASSWORD).await;
    let cookie = answer
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("sentinelle_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
    let session = console.login("lise").await;
    for path in [
        "/",
        "/incidents",
        "/incidents/INC-2026-000001",
        "/login",
        "/metrics",
    ] {
        let answer = console.call("GET", path, &session, &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let csp = answer
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(answer.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
        assert!(!answer.body.contains("<script"), "{path} holds a script");
    }
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_the_account_locks_after_five() {
    let console = Console::new(0).await;
    let (answer, session) = console.try_login("nobody", PASSWORD).await;
    assert_eq!(
        (answer.status, session.len()),
        (StatusCode::UNAUTHORIZED, 0)
    );
    assert!(answer.body.contains("Nom ou mot de passe incorrect"));
    for _ in 0..4 {
        let (answer, _) = console.try_login("lise", "wrong password here").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let (answer, _) = console.try_login("lise", "wrong password here").await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the fifth locks"
    );
    let (answer, session) = console.try_login("lise", PASSWORD).await;
    assert_eq!(
        (answer.status, session.len()),
        (StatusCode::TOO_MANY_REQUESTS, 0),
        "locked even with the right password"
    );
    assert!(answer.body.contains("Compte verrouillé"));
    assert!(
        console
            .store
            .account("lise")
            .unwrap()
            .unwrap()
            .locked_until
            .is_some()
    );
    // An administrator's new password unlocks it.
    console
        .store
        .set_password("lise", &accounts::hash(PASSWORD).unwrap())
        .unwrap();
    console.login("lise").await;
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let console = Console::new(1).await;
    let session = console.login("lise").await;
    let answer = console
        .call(
            "POST",
            "/incidents/INC-2026-000001/review",
            &session,
            &[("action", "review")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = console
        .call(
            "POST",
            "/incidents/INC-2026-000001/review",
            &session,
            &[("action", "review"), ("csrf", &"0".repeat(64))],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        console.store.get("INC-2026-000001").unwrap().reviews.len(),
        0
    );
    let answer = console
        .call("POST", "/logout", &session, &[("csrf", "forged")])
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // The login form is bound to its cookie.
    let answer = console
        .call(
            "POST",
            "/login",
            &[],
            &[("name", "lise"), ("password", PASSWORD), ("csrf", "x")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_auditor_reads_but_cannot_close() {
    let console = Console::new(1).await;
    let session = console.login("andre").await;
    let page = console
        .call("GET", "/incidents/INC-2026-000001", &session, &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("id=\"close\""),
        "no close button for an auditor"
    );
    let csrf = page.csrf();
    let answer = console
        .call(
            "POST",
            "/incidents/INC-2026-000001/review",
            &session,
            &[("action", "close"), ("note", "vu"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        console.store.get("INC-2026-000001").unwrap().reviews.len(),
        0
    );
}

#[tokio::test]
async fn a_reviewer_takes_an_incident_under_review_and_closes_it_with_a_note() {
    let console = Console::new(3).await;
    let session = console.login("lise").await;
    let dashboard = console.call("GET", "/", &session, &[]).await;
    assert!(
        dashboard.body.contains("id=\"awaiting\">3<"),
        "{}",
        dashboard.body
    );
    let page = console
        .call("GET", "/incidents/INC-2026-000002", &session, &[])
        .await;
    assert!(
        page.body.contains("DIR04 art. 6 (4)")
            && page.body.contains("Confidentiel vers un webmail public")
    );
    let csrf = page.csrf();
    let path = "/incidents/INC-2026-000002/review";
    let answer = console
        .call(
            "POST",
            path,
            &session,
            &[("action", "review"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        (answer.status, answer.location()),
        (StatusCode::SEE_OTHER, "/incidents/INC-2026-000002")
    );
    let answer = console
        .call(
            "POST",
            path,
            &session,
            &[("action", "close"), ("note", "  "), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Une note est requise"));
    let answer = console
        .call(
            "POST",
            path,
            &session,
            &[
                ("action", "close"),
                ("note", "Rappel fait au médecin"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let case = console.store.get("INC-2026-000002").unwrap();
    assert_eq!(case.status, sentinelle::incident::Status::Closed);
    assert_eq!(
        (case.reviews.len(), case.reviews[1].by.as_str()),
        (2, "lise")
    );
    let page = console
        .call("GET", "/incidents/INC-2026-000002", &session, &[])
        .await;
    assert!(page.body.contains("Rappel fait au médecin") && page.body.contains("id=\"reopen\""));

    let closed = console
        .call("GET", "/incidents?status=closed", &session, &[])
        .await;
    assert!(
        closed.body.contains("INC-2026-000002") && !closed.body.contains("INC-2026-000001<"),
        "{}",
        closed.body
    );
    let dashboard = console.call("GET", "/", &session, &[]).await;
    assert!(dashboard.body.contains("id=\"awaiting\">2<"));
    let csv = console
        .call("GET", "/incidents.csv?status=closed", &session, &[])
        .await;
    assert_eq!(
        csv.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(csv.body.lines().count(), 2, "{}", csv.body);
    assert!(csv.body.contains("INC-2026-000002,") && csv.body.contains(",closed,"));

    let answer = console
        .call(
            "POST",
            path,
            &session,
            &[("action", "reopen"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        console.store.get("INC-2026-000002").unwrap().status,
        sentinelle::incident::Status::UnderReview
    );
    let answer = console
        .call("POST", "/logout", &session, &[("csrf", &csrf)])
        .await;
    assert_eq!(answer.location(), "/login");
    // Who looked at what and did what: the access log, a chain that verifies.
    let log = console.store.access_log(100).unwrap();
    let actions: Vec<(&str, &str)> = log
        .iter()
        .rev()
        .map(|a| (a.action.as_str(), a.target.as_deref().unwrap_or("")))
        .collect();
    let reference = "INC-2026-000002";
    for expected in [
        ("sign_in", ""),
        ("view", reference),
        ("review", reference),
        ("close", reference),
        ("export", "status=closed"),
        ("reopen", reference),
        ("sign_out", ""),
    ] {
        assert!(
            actions.contains(&expected),
            "{expected:?} missing from {actions:?}"
        );
    }
    assert!(log.iter().all(|a| a.account == "lise"));
    assert!(console.store.verify_access().unwrap().problems.is_empty());
    assert_eq!(
        console.call("GET", "/", &session, &[]).await.location(),
        "/login",
        "the session ended"
    );
}

#[tokio::test]
async fn filters_stay_in_the_url_and_pages_follow_each_other() {
    let console = Console::new(120).await;
    let session = console.login("andre").await;
    let first = console
        .call(
            "GET",
            "/incidents?category=auto_forward&sort=created&dir=desc",
            &session,
            &[],
        )
        .await;
    assert!(first.body.contains("60 incident(s)"), "{}", first.body);
    assert!(
        first.body.contains("INC-2026-000119")
            || first.body.contains(&format!(
                "INC-{}-000119",
                time::OffsetDateTime::now_utc().year()
            ))
    );
    let next = "/incidents?category=auto_forward&#38;sort=created&#38;dir=desc&#38;page=1";
    assert!(
        first.body.contains(next),
        "the next page keeps the filter: {}",
        first.body
    );
    let second = console
        .call("GET", &next.replace("&#38;", "&"), &session, &[])
        .await;
    assert!(second.body.contains("51–60"), "{}", second.body);
    assert!(second.body.contains("rel=\"prev\""));
    let english = console
        .call(
            "GET",
            "/lang/en?back=%2Fincidents%3Fseverity%3Dhigh",
            &session,
            &[],
        )
        .await;
    assert_eq!(english.location(), "/incidents?severity=high");
    let mut cookies = session.clone();
    cookies.push("sentinelle_lang=en".into());
    let page = console
        .call("GET", "/incidents?severity=high", &cookies, &[])
        .await;
    assert!(page.body.contains("Recipient class") && page.body.contains("<html lang=\"en\">"));
    let elsewhere = console
        .call("GET", "/lang/en?back=%2F%2Fevil.example", &session, &[])
        .await;
    assert_eq!(elsewhere.location(), "/", "never a redirect elsewhere");
}

/// GET or POST through real HTTP, keeping cookies by hand (no redirects followed).
struct Browser {
    base: String,
    cookies: HashMap<String, String>,
}

impl Browser {
    async fn request(
        &mut self,
        method: &'static str,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let url = format!("{}{path}", self.base);
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let body = serde_urlencoded::to_string(form).unwrap();
        let (status, set, text) = tokio::task::spawn_blocking(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .build()
                .into();
            let mut response = if method == "POST" {
                agent
                    .post(&url)
                    .header("Cookie", cookie.join("; "))
                    .content_type("application/x-www-form-urlencoded")
                    .send(body)
            } else {
                agent.get(&url).header("Cookie", cookie.join("; ")).call()
            }
            .expect("HTTP answer");
            let set: Vec<String> = response
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_owned)
                .collect();
            (
                response.status().as_u16(),
                set,
                response.body_mut().read_to_string().unwrap_or_default(),
            )
        })
        .await
        .unwrap();
        for line in set {
            if let Some((name, value)) = line.split(';').next().and_then(|kv| kv.split_once('=')) {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        (status, text)
    }
}

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Suivi de Gaston Tremblay\r\n\r\n\
Patient Gaston Tremblay, NAM TREG 5401 0114, ne le 1954-01-01, diagnostic de diabete.\r\n";

#[tokio::test]
async fn no_console_page_holds_a_value_from_a_message() {
    let (_sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (code, _) = send(&sentinelle, &["famille.tremblay@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    let path = sentinelle.incidents.clone();
    tokio::task::spawn_blocking(move || {
        let store = store::open(&Backend::Sqlite(path)).unwrap();
        add_account(store.as_ref(), "lise", "reviewer");
    })
    .await
    .unwrap();
    let mut browser = Browser {
        base: format!("http://{}", sentinelle.console),
        cookies: HashMap::new(),
    };
    let (status, login) = browser.request("GET", "/login", &[]).await;
    assert_eq!(status, 200);
    let marker = "name=\"csrf\" value=\"";
    let start = login.find(marker).unwrap() + marker.len();
    let csrf = login[start..start + 64].to_owned();
    let (status, _) = browser
        .request(
            "POST",
            "/login",
            &[("name", "lise"), ("password", PASSWORD), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(status, 303);
    let year = time::OffsetDateTime::now_utc().year();
    let reference = format!("INC-{year}-000001");
    let mut pages = Vec::new();
    for path in [
        "/".to_owned(),
        "/incidents".into(),
        format!("/incidents/{reference}"),
        "/incidents.csv".into(),
        "/metrics".into(),
        "/report".into(),
        format!("/report.html?year={year}"),
        "/keys".into(),
        "/verification".into(),
    ] {
        let (status, body) = browser.request("GET", &path, &[]).await;
        assert_eq!(status, 200, "{path}: {body}");
        pages.push((path, body));
    }
    assert!(
        pages[2].1.contains(&reference) && pages[2].1.contains("famille.tremblay@gmail.com"),
        "the recipient address is the record's"
    );
    for (path, body) in &pages {
        // The redacted sample ("TREG •••• ••14") is the record's: no value beyond it.
        for leak in [
            "TREG 5401",
            "5401 0114",
            "54010114",
            "Gaston",
            "Suivi de",
            "diabete",
            "1954-01-01",
        ] {
            assert!(!body.contains(leak), "{leak} in {path}: {body}");
        }
    }
    sentinelle.stop().await;
}

#[tokio::test]
async fn the_annual_account_the_keyring_and_the_verification_pages() {
    let console = Console::new(4).await;
    let session = console.login("andre").await;
    let year = time::OffsetDateTime::now_utc().year();
    let report = console
        .call("GET", &format!("/report?year={year}"), &session, &[])
        .await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("id=\"total\">4<"), "{}", report.body);
    assert!(
        report.body.contains("Bilan annuel (art. 14)")
            && report.body.contains("Transfert automatique")
    );
    let csv = console
        .call("GET", &format!("/report.csv?year={year}"), &session, &[])
        .await;
    assert!(
        csv.headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let file = console
        .call("GET", &format!("/report.html?year={year}"), &session, &[])
        .await;
    assert!(
        file.body.contains("<svg"),
        "the standalone report keeps its charts"
    );
    let keys = console.call("GET", "/keys", &session, &[]).await;
    assert_eq!(keys.status, StatusCode::OK);
    assert!(keys.body.contains("Trousseau des destinataires"));

    let page = console.call("GET", "/verification", &session, &[]).await;
    assert!(
        page.body
            .contains("Aucune vérification depuis le démarrage")
    );
    let csrf = page.csrf();
    let answer = console
        .call("POST", "/verification", &session, &[("csrf", "forged")])
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = console
        .call("POST", "/verification", &session, &[("csrf", &csrf)])
        .await;
    assert_eq!(answer.location(), "/verification");
    let page = console.call("GET", "/verification", &session, &[]).await;
    assert!(page.body.contains("Chaînes intactes"), "{}", page.body);
    // A record changed behind the console's back shows on the next run.
    let path = console._dir.path().join("incidents.db");
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(
            "UPDATE incidents SET record = replace(record, 'CHUM', 'CHUQ') WHERE seq = 2",
        )
        .unwrap();
    console
        .call("POST", "/verification", &session, &[("csrf", &csrf)])
        .await;
    let page = console.call("GET", "/verification", &session, &[]).await;
    assert!(
        page.body.contains("problème(s)") && page.body.contains("content changed"),
        "{}",
        page.body
    );
}

/// Saves `png` as docs/screenshots/`name`.png when `SENTINELLE_SCREENSHOTS` is set (the
/// README's screenshots come from `scripts/screenshots.sh`, which sets it).
fn keep_screenshot(name: &str, png: &[u8]) {
    if std::env::var_os("SENTINELLE_SCREENSHOTS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

#[tokio::test]
async fn a_security_officer_reviews_a_refusal_in_headless_chromium() {
    if !crate::support::tool("chromedriver") {
        return;
    }
    let (_sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    for to in ["famille.tremblay@gmail.com", "dr.x@hotmail.com"] {
        let (code, _) = send(&sentinelle, &[to], CONFIDENTIAL).await;
        assert_eq!(code, 550);
    }
    let path = sentinelle.incidents.clone();
    let base = format!("http://{}", sentinelle.console);
    tokio::task::spawn_blocking(move || {
        let store = store::open(&Backend::Sqlite(path)).unwrap();
        add_account(store.as_ref(), "lise", "reviewer");
        let year = time::OffsetDateTime::now_utc().year();
        let reference = format!("INC-{year}-000002");
        let browser = crate::support::webdriver::Browser::start();

        browser.go(&format!("{base}/"));
        assert!(
            browser.url().ends_with("/login"),
            "signed out: the login page"
        );
        keep_screenshot("login", &browser.screenshot());
        browser.type_into("input[name=name]", "lise");
        browser.type_into("input[name=password]", PASSWORD);
        browser.click_to_load("#sign-in");
        assert_eq!(browser.text("h1"), "Tableau de bord");
        assert_eq!(browser.text("#awaiting"), "2");
        keep_screenshot("dashboard", &browser.screenshot());

        browser.go(&format!("{base}/incidents"));
        browser.click("select[name=severity] option[value=high]");
        browser.type_into("input[name=sender]", "dre.gagnon@ssss.gouv.qc.ca");
        browser.click_to_load("#filter");
        assert!(
            browser.url().contains("severity=high"),
            "the filter is in the URL: {}",
            browser.url()
        );
        let list = browser.text("#incidents");
        assert!(list.contains(&reference), "{list}");
        keep_screenshot("incidents", &browser.screenshot());

        browser.click_to_load(&format!("a[href='/incidents/{reference}']"));
        assert_eq!(browser.text("#status"), "Nouveau");
        browser.click_to_load("#take");
        assert_eq!(browser.text("#status"), "En examen");
        browser.type_into("#note", "Médecin rappelé ; envoi refait par la plateforme");
        keep_screenshot("incident", &browser.screenshot());
        browser.click_to_load("#close");
        assert_eq!(browser.text("#status"), "Fermé");
        assert!(browser.text("#reviews").contains("Médecin rappelé"));

        browser.go(&format!("{base}/incidents?status=closed"));
        let closed = browser.text("#incidents");
        assert!(
            closed.contains(&reference) && !closed.contains(&format!("INC-{year}-000001")),
            "{closed}"
        );
        browser.go(&format!("{base}/"));
        assert_eq!(browser.text("#awaiting"), "1", "the dashboard changed");

        browser.click_to_load("#lang");
        assert_eq!(browser.text("h1"), "Dashboard");
        browser.go(&format!("{base}/incidents"));
        assert!(
            browser.source().contains("Recipient class"),
            "the language is remembered"
        );

        browser.go(&format!("{base}/report"));
        assert_eq!(browser.text("#total"), "2");
        keep_screenshot("annual-account", &browser.screenshot());
        let pdf = browser.print();
        assert!(pdf.starts_with(b"%PDF"), "the annual account prints");
        browser.go(&format!("{base}/verification"));
        browser.click_to_load("#verify");
        assert!(browser.text("#verdict").contains("Chains intact"));
        keep_screenshot("verification", &browser.screenshot());
        browser.go(&format!("{base}/"));
        assert!(
            browser.text("#chains").contains("Chains intact"),
            "the dashboard shows it"
        );
        // No page of the walk held a value from the message.
        for leak in ["TREG 5401", "5401 0114", "Gaston", "diabete"] {
            assert!(!browser.source().contains(leak));
        }
    })
    .await
    .unwrap();
    sentinelle.stop().await;
}

#[tokio::test]
async fn the_console_is_served_over_https_with_secure_cookies_when_asked() {
    if !crate::support::tool("curl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ca = crate::support::TestCa::new(dir.path());
    let extra = format!(
        "[tls]\ncert = \"{}\"\nkey = \"{}\"\n[console]\ntls = true\n",
        ca.server_cert.display(),
        ca.server_key.display()
    );
    let (_sink, sentinelle) = relay_pair(Behavior::default(), &extra).await;
    let curl = |url: String, ca: std::path::PathBuf| {
        tokio::task::spawn_blocking(move || {
            let out = std::process::Command::new("curl")
                .args(["-s", "-i", "--max-time", "10", "--cacert"])
                .arg(ca)
                .arg(url)
                .output()
                .unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        })
    };
    let port = sentinelle.console.port();
    let (ok, answer) = curl(
        format!("https://localhost:{port}/login"),
        ca.ca_path.clone(),
    )
    .await
    .unwrap();
    assert!(ok, "{answer}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let cookie = answer
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie: sentinelle_login=")
        })
        .unwrap();
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let (ok, metrics) = curl(
        format!("https://localhost:{port}/metrics"),
        ca.ca_path.clone(),
    )
    .await
    .unwrap();
    assert!(
        ok && metrics.contains("sentinelle_sessions_open"),
        "{metrics}"
    );
    // Plain HTTP on the same port gets no page.
    let (status, _) = tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new("curl")
            .args([
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--max-time",
                "5",
            ])
            .arg(format!("http://127.0.0.1:{port}/login"))
            .output()
            .unwrap();
        (String::from_utf8_lossy(&out.stdout).into_owned(), ())
    })
    .await
    .unwrap();
    assert_ne!(status, "200");
    sentinelle.stop().await;
}
