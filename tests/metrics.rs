//! The admin listener through real HTTP: `/metrics` counts what the SMTP path did (verdicts,
//! refusals by category, recipients by class, upstream outcomes, incident writes) and holds
//! nothing from a message; `/healthz` and `/readyz` answer for a load balancer.

use std::net::SocketAddr;

use crate::support::{Behavior, relay_pair, send};

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Suivi de Gaston Tremblay\r\n\r\n\
Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete, ordonnance jointe.\r\n";
const ORDINARY: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Reunion\r\n\r\n\
La reunion du comite est reportee a jeudi.\r\n";

/// GETs `path` from `addr` with a real HTTP client: (status, body).
pub(crate) async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let url = format!("http://{addr}{path}");
    tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent.get(&url).call().expect("HTTP answer");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    })
    .await
    .expect("client task")
}

#[tokio::test]
async fn metrics_count_the_smtp_path_and_hold_nothing_from_a_message() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (code, _) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    let (code, _) = send(&sentinelle, &["b@msss.gouv.qc.ca"], ORDINARY).await;
    assert_eq!(code, 250);
    sink.wait_for(1).await;

    let (status, text) = get(sentinelle.console, "/metrics").await;
    assert_eq!(status, 200);
    for line in [
        "sentinelle_messages_total{verdict=\"refuse\",mode=\"relay\"} 1",
        "sentinelle_messages_total{verdict=\"relay\",mode=\"relay\"} 1",
        "sentinelle_refusals_total{category=\"",
        "sentinelle_recipients_total{class=\"public_webmail\",action=\"refuse\"} 1",
        "sentinelle_upstream_transactions_total{outcome=\"accepted\"} 1",
        "sentinelle_incident_writes_total{result=\"ok\"} 1",
        "sentinelle_analysis_duration_seconds_count 2",
        "sentinelle_sessions_open ",
        "sentinelle_outbox_waiting{channel=\"email\"} 0",
        "sentinelle_auth_failures_total 0",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    // Nothing from the message: no identifier, name, subject or address.
    for leak in [
        "TREG",
        "5401",
        "Tremblay",
        "Gaston",
        "Suivi",
        "gmail",
        "dre.gagnon",
        "diabete",
    ] {
        assert!(!text.contains(leak), "{leak} in /metrics");
    }
    sentinelle.stop().await;
}

#[tokio::test]
async fn health_and_readiness_answer_for_a_load_balancer() {
    let (_sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (status, body) = get(sentinelle.console, "/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (status, body) = get(sentinelle.console, "/readyz").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("store: writable") && body.contains("rules: loaded"),
        "{body}"
    );
    let (status, _) = get(sentinelle.console, "/nothing-here").await;
    assert_eq!(status, 404);
    sentinelle.stop().await;
}

#[tokio::test]
async fn readiness_fails_while_the_upstream_refuses_for_now() {
    let behavior = Behavior {
        data_reply: Some("451 4.3.0 queue full, try later".into()),
        ..Behavior::default()
    };
    let (_sink, sentinelle) = relay_pair(behavior, "").await;
    let (code, _) = send(&sentinelle, &["b@msss.gouv.qc.ca"], ORDINARY).await;
    assert_eq!(code / 100, 4, "the client keeps the message");
    let (status, body) = get(sentinelle.console, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("upstream: NOT reachable"), "{body}");
    let (_, text) = get(sentinelle.console, "/metrics").await;
    assert!(text.contains("sentinelle_upstream_transactions_total{outcome=\"temporary\"} 1"));
    sentinelle.stop().await;
}
