//! Submission mode: STARTTLS (587) and implicit TLS (465) with a CA made at test time, AUTH
//! passed through to the upstream submission server, and DIR04 art. 6 (2) sender rules.

use std::time::{Duration, Instant};

use base64::Engine as _;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::support::{Behavior, Client, Sentinelle, Sink, TestCa, message, strip_received};

const ACCOUNT: &str = "julie.gagnon@ssss.gouv.qc.ca";
const PASSWORD: &str = "mot-de-passe-fictif";

struct Setup {
    _dir: tempfile::TempDir,
    ca: TestCa,
    sink: Sink,
    sentinelle: Sentinelle,
}

impl Setup {
    async fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let ca = TestCa::new(dir.path());
        let sink = Sink::start(Behavior {
            auth: Some((ACCOUNT.into(), PASSWORD.into())),
            ..Behavior::default()
        })
        .await;
        let config = format!(
            r#"
hostname = "sentinelle.test"
[[listener]]
address = "127.0.0.1:0"
mode = "submission"
tls = "starttls"
[[listener]]
address = "127.0.0.1:0"
mode = "submission"
tls = "implicit"
[tls]
cert = "{cert}"
key = "{key}"
[submission]
upstream = {{ kind = "smtp", address = "{upstream}" }}
default_domain = "ssss.gouv.qc.ca"
aliases = {{ "{ACCOUNT}" = ["dre.gagnon@ssss.gouv.qc.ca"] }}
[limits]
auth_failure_delay_ms = 100
[timeouts]
upstream_connect = 2
upstream_command = 2
"#,
            cert = ca.server_cert.display(),
            key = ca.server_key.display(),
            upstream = sink.addr,
        );
        let sentinelle = Sentinelle::start(&config).await;
        Setup {
            _dir: dir,
            ca,
            sink,
            sentinelle,
        }
    }

    fn starttls_addr(&self) -> std::net::SocketAddr {
        self.sentinelle.addrs[0]
    }

    fn implicit_addr(&self) -> std::net::SocketAddr {
        self.sentinelle.addrs[1]
    }

    /// A client on the STARTTLS port, after STARTTLS and EHLO.
    async fn tls_client(&self) -> Client {
        let (mut client, _) = Client::connect(self.starttls_addr()).await;
        client.cmd("EHLO poste.test").await;
        let mut client = client.starttls(&self.ca.ca_pem, None).await;
        client.cmd("EHLO poste.test").await;
        client
    }
}

fn plain(user: &str, password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"))
}

#[tokio::test]
async fn auth_is_refused_before_tls_and_not_offered() {
    let setup = Setup::new().await;
    let (mut client, _) = Client::connect(setup.starttls_addr()).await;
    let ehlo = client.cmd("EHLO poste.test").await;
    assert!(ehlo.message.contains("STARTTLS"));
    assert!(
        !ehlo.message.contains("AUTH"),
        "AUTH must not be offered in clear"
    );
    let reply = client
        .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, PASSWORD)))
        .await;
    assert_eq!((reply.code, reply.esc), (538, [5, 7, 11]), "{reply:?}");
    let reply = client.cmd(&format!("MAIL FROM:<{ACCOUNT}>")).await;
    assert_eq!(reply.code, 530);
    setup.sentinelle.stop().await;
}

#[tokio::test]
async fn lettre_submits_over_starttls_with_auth_passed_through() {
    let setup = Setup::new().await;
    let addr = setup.starttls_addr();
    let tls = TlsParameters::builder("localhost".to_owned())
        .add_root_certificate(Certificate::from_pem(setup.ca.ca_pem.as_bytes()).unwrap())
        .build_rustls()
        .unwrap();
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(addr.port())
        .tls(Tls::Required(tls))
        .credentials(Credentials::new(ACCOUNT.into(), PASSWORD.into()))
        .authentication(vec![Mechanism::Plain])
        .build();
    let raw = message("soumission", "Bonjour");
    let envelope = lettre::address::Envelope::new(
        Some(ACCOUNT.parse().unwrap()),
        vec!["collegue@ssss.gouv.qc.ca".parse().unwrap()],
    )
    .unwrap();
    transport
        .send_raw(&envelope, raw.strip_suffix(b"\r\n").unwrap())
        .await
        .unwrap();
    let got = &setup.sink.wait_for(1).await[0];
    assert_eq!(got.auth_user.as_deref(), Some(ACCOUNT));
    assert_eq!(strip_received(&got.data), raw.as_slice());
    let received = String::from_utf8_lossy(&got.data);
    assert!(received.contains("with ESMTPSA"), "{received}");
    setup.sentinelle.stop().await;
}

#[tokio::test]
async fn implicit_tls_with_auth_login() {
    let setup = Setup::new().await;
    let (mut client, greeting) = Client::connect_tls(setup.implicit_addr(), &setup.ca.ca_pem).await;
    assert_eq!(greeting.code, 220);
    let ehlo = client.cmd("EHLO poste.test").await;
    assert!(
        ehlo.message.contains("AUTH PLAIN LOGIN"),
        "{}",
        ehlo.message
    );
    assert!(!ehlo.message.contains("STARTTLS"));
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    assert_eq!(client.cmd("AUTH LOGIN").await.code, 334);
    assert_eq!(client.cmd(&b64(ACCOUNT)).await.code, 334);
    let reply = client.cmd(&b64(PASSWORD)).await;
    assert_eq!(reply.code, 235, "{reply:?}");
    // The alias is accepted as sender.
    client
        .start_data("dre.gagnon@ssss.gouv.qc.ca", &["collegue@ssss.gouv.qc.ca"])
        .await;
    let reply = client
        .finish_data(b"From: <dre.gagnon@ssss.gouv.qc.ca>\r\nSubject: alias\r\n\r\ncorps\r\n")
        .await;
    assert_eq!(reply.code, 250, "{reply:?}");
    assert_eq!(
        setup.sink.wait_for(1).await[0].auth_user.as_deref(),
        Some(ACCOUNT)
    );
    setup.sentinelle.stop().await;
}

#[tokio::test]
async fn wrong_password_is_refused_by_the_upstream_check() {
    let setup = Setup::new().await;
    let mut client = setup.tls_client().await;
    let reply = client
        .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, "mauvais")))
        .await;
    assert_eq!((reply.code, reply.esc), (535, [5, 7, 8]), "{reply:?}");
    assert_eq!(
        client.cmd(&format!("MAIL FROM:<{ACCOUNT}>")).await.code,
        530
    );
    setup.sentinelle.stop().await;
}

#[tokio::test]
async fn auth_failures_are_slowed_down_and_counted() {
    let setup = Setup::new().await;
    let mut client = setup.tls_client().await;
    let started = Instant::now();
    for attempt in 1..=3 {
        let reply = client
            .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, "mauvais")))
            .await;
        assert_eq!(reply.code, 535, "attempt {attempt}");
    }
    // Delays of 100, 200 and 300 ms (the configured delay times the failure count).
    assert!(started.elapsed() >= Duration::from_millis(600));
    let reply = client.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 7, 0]), "{reply:?}");
    assert!(client.closed().await);
    setup.sentinelle.stop().await;
}

#[tokio::test]
async fn envelope_sender_other_than_the_account_is_refused() {
    let setup = Setup::new().await;
    let mut client = setup.tls_client().await;
    assert_eq!(
        client
            .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, PASSWORD)))
            .await
            .code,
        235
    );
    let reply = client.cmd("MAIL FROM:<julie.gagnon@gmail.com>").await;
    assert_eq!((reply.code, reply.esc), (550, [5, 7, 1]), "{reply:?}");
    assert!(reply.message.contains("DIR04"));
    // On record (art. 6 (2)), with the account, and named in the refusal.
    assert!(
        reply.message.contains("Incident reference: INC-"),
        "{reply:?}"
    );
    let db = rusqlite::Connection::open(&setup.sentinelle.incidents).unwrap();
    let record: String = db
        .query_row("SELECT record FROM incidents", [], |row| row.get(0))
        .unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(record["category"], "sender_not_corporate");
    assert_eq!(record["who"]["account"], ACCOUNT);
    assert_eq!(record["who"]["envelope_sender"], "julie.gagnon@gmail.com");
    drop(db);
    setup.sentinelle.stop().await;
    assert_eq!(setup.sink.count(), 0);
}

#[tokio::test]
async fn header_from_other_than_the_account_is_refused() {
    let setup = Setup::new().await;
    let mut client = setup.tls_client().await;
    assert_eq!(
        client
            .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, PASSWORD)))
            .await
            .code,
        235
    );
    client
        .start_data(ACCOUNT, &["collegue@ssss.gouv.qc.ca"])
        .await;
    let reply = client
        .finish_data(b"From: Julie <julie.gagnon@hotmail.com>\r\nSubject: x\r\n\r\ncorps\r\n")
        .await;
    assert_eq!((reply.code, reply.esc), (550, [5, 7, 1]), "{reply:?}");
    assert!(
        reply.message.contains("Incident reference: INC-"),
        "{reply:?}"
    );
    setup.sentinelle.stop().await;
    assert_eq!(setup.sink.count(), 0);
}

/// Submits `raw` as the account (AUTH, MAIL FROM the account, one internal recipient):
/// the final reply, the incident store path and the sink.
async fn submit(raw: &[u8]) -> (smtp_proto::Response<String>, Setup) {
    let setup = Setup::new().await;
    let mut client = setup.tls_client().await;
    let auth = client
        .cmd(&format!("AUTH PLAIN {}", plain(ACCOUNT, PASSWORD)))
        .await;
    assert_eq!(auth.code, 235, "{auth:?}");
    client
        .start_data(ACCOUNT, &["collegue@ssss.gouv.qc.ca"])
        .await;
    let reply = client.finish_data(raw).await;
    client.cmd("QUIT").await;
    (reply, setup)
}

/// The refusal is DIR04 art. 6 (2), French first, on record with every header From
/// address, and nothing reached the upstream.
async fn assert_sender_rule_refusal(reply: &smtp_proto::Response<String>, setup: Setup) {
    assert_eq!((reply.code, reply.esc), (550, [5, 7, 1]), "{reply:?}");
    assert!(reply.message.contains("DIR04 art. 6 (2)"), "{reply:?}");
    assert!(
        reply.message.find("Message refuse:").unwrap()
            < reply.message.find("Message refused:").unwrap()
    );
    assert!(
        reply.message.contains("Incident reference: INC-"),
        "{reply:?}"
    );
    let db = rusqlite::Connection::open(&setup.sentinelle.incidents).unwrap();
    let record: String = db
        .query_row("SELECT record FROM incidents", [], |row| row.get(0))
        .unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(record["category"], "sender_not_corporate");
    assert_eq!(record["who"]["account"], ACCOUNT);
    drop(db);
    setup.sentinelle.stop().await;
    assert_eq!(setup.sink.count(), 0);
}

#[tokio::test]
async fn second_from_field_cannot_hide_a_webmail_sender() {
    let raw = format!(
        "From: <julie.gagnon@gmail.com>\r\nFrom: Julie <{ACCOUNT}>\r\nSubject: x\r\n\r\ncorps\r\n"
    );
    let (reply, setup) = submit(raw.as_bytes()).await;
    assert!(reply.message.contains("un seul en-tete From"), "{reply:?}");
    let db = rusqlite::Connection::open(&setup.sentinelle.incidents).unwrap();
    let from: String = db
        .query_row("SELECT record FROM incidents", [], |row| row.get(0))
        .unwrap();
    assert!(from.contains("julie.gagnon@gmail.com"), "{from}");
    drop(db);
    assert_sender_rule_refusal(&reply, setup).await;
}

#[tokio::test]
async fn two_from_fields_of_the_account_itself_are_refused() {
    let raw = format!("From: <{ACCOUNT}>\r\nFrom: <{ACCOUNT}>\r\nSubject: x\r\n\r\ncorps\r\n");
    let (reply, setup) = submit(raw.as_bytes()).await;
    assert_sender_rule_refusal(&reply, setup).await;
}

#[tokio::test]
async fn two_sender_fields_are_refused() {
    let raw = format!(
        "From: <{ACCOUNT}>\r\nSender: <{ACCOUNT}>\r\nSender: <dre.gagnon@ssss.gouv.qc.ca>\r\n\r\ncorps\r\n"
    );
    let (reply, setup) = submit(raw.as_bytes()).await;
    assert_sender_rule_refusal(&reply, setup).await;
}

#[tokio::test]
async fn sender_field_other_than_the_account_is_refused() {
    let raw = format!("From: <{ACCOUNT}>\r\nSender: <julie.gagnon@gmail.com>\r\n\r\ncorps\r\n");
    let (reply, setup) = submit(raw.as_bytes()).await;
    assert_sender_rule_refusal(&reply, setup).await;
}

#[tokio::test]
async fn one_from_and_one_sender_of_the_account_are_relayed() {
    let raw = format!(
        "From: <{ACCOUNT}>\r\nSender: <dre.gagnon@ssss.gouv.qc.ca>\r\nSubject: x\r\n\r\ncorps\r\n"
    );
    let (reply, setup) = submit(raw.as_bytes()).await;
    assert_eq!(reply.code, 250, "{reply:?}");
    assert_eq!(
        strip_received(&setup.sink.wait_for(1).await[0].data),
        raw.as_bytes()
    );
    setup.sentinelle.stop().await;
}
