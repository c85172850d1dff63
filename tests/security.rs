//! Attacks the best MTAs test for: SMTP smuggling, STARTTLS command injection, open relay,
//! and trust by TLS client certificate.

use crate::support::{Behavior, Client, Sentinelle, Sink, TestCa, relay_config, relay_pair};

/// Sends a smuggling attempt and checks: refused, connection closed, nothing relayed.
async fn assert_smuggling_refused(payload: &[u8]) {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    client.send(payload).await;
    let reply = client.reply().await;
    assert_eq!(reply.code, 521, "{reply:?}");
    assert_eq!(reply.esc, [5, 5, 2]);
    assert!(
        client.closed().await,
        "the connection must be closed after a bare newline"
    );
    sentinelle.stop().await;
    assert_eq!(
        sink.count(),
        0,
        "the upstream must receive no message at all"
    );
}

#[tokio::test]
async fn smuggling_lf_dot_lf() {
    assert_smuggling_refused(
        b"Subject: a\r\n\r\nfirst\n.\nMAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@ssss.gouv.qc.ca>\r\nDATA\r\nSubject: smuggled\r\n\r\nsmuggled\r\n.\r\n",
    )
    .await;
}

#[tokio::test]
async fn smuggling_cr_dot_cr() {
    assert_smuggling_refused(
        b"Subject: a\r\n\r\nfirst\r.\rMAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@ssss.gouv.qc.ca>\r\nDATA\r\nsmuggled\r\n.\r\n",
    )
    .await;
}

#[tokio::test]
async fn smuggling_lf_dot_crlf() {
    assert_smuggling_refused(
        b"Subject: a\r\n\r\nfirst\n.\r\nMAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@ssss.gouv.qc.ca>\r\nDATA\r\nsmuggled\r\n.\r\n",
    )
    .await;
}

#[tokio::test]
async fn bare_lf_inside_data_is_refused() {
    assert_smuggling_refused(b"Subject: a\r\n\r\nline one\nline two\r\n.\r\n").await;
}

#[tokio::test]
async fn starttls_pipelined_command_is_not_executed() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, "").replace("tls = \"none\"", "tls = \"starttls\"")
        + &format!(
            "[tls]\ncert = \"{}\"\nkey = \"{}\"\n",
            ca.server_cert.display(),
            ca.server_key.display()
        );
    let sentinelle = Sentinelle::start(&config).await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    let ehlo = client.cmd("EHLO exchange01.test").await;
    assert!(ehlo.message.contains("STARTTLS"));
    // STARTTLS and MAIL FROM in one write: the MAIL FROM must be discarded, not run after TLS.
    client
        .send(b"STARTTLS\r\nMAIL FROM:<injected@attacker.test>\r\n")
        .await;
    assert_eq!(client.reply().await.code, 220);
    let mut client = client.starttls_after_reply(&ca.ca_pem).await;
    let ehlo = client.cmd("EHLO exchange01.test").await;
    assert_eq!(ehlo.code, 250);
    assert!(
        !ehlo.message.contains("STARTTLS"),
        "STARTTLS is not offered twice"
    );
    // Had the injected MAIL FROM run, RCPT would be accepted; it must need MAIL first.
    let rcpt = client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await;
    assert_eq!(rcpt.code, 503, "{rcpt:?}");
    sentinelle.stop().await;
}

#[tokio::test]
async fn open_relay_attempt_from_an_untrusted_address_is_refused() {
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, "").replace("[\"127.0.0.0/8\"]", "[\"10.0.0.0/8\"]");
    let sentinelle = Sentinelle::start(&config).await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO spammer.test").await;
    let reply = client.cmd("MAIL FROM:<spam@attacker.test>").await;
    assert_eq!((reply.code, reply.esc), (550, [5, 7, 1]), "{reply:?}");
    let reply = client.cmd("RCPT TO:<victim@gmail.com>").await;
    assert_eq!(reply.code, 503);
    let reply = client.cmd("DATA").await;
    assert_eq!(reply.code, 503);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn relay_client_is_trusted_by_its_certificate_subject_only() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, "")
        .replace("tls = \"none\"", "tls = \"starttls\"")
        .replace(
            "trusted_networks = [\"127.0.0.0/8\"]",
            &format!(
                "trusted_networks = [\"10.0.0.0/8\"]\nclient_ca = \"{}\"\ntrusted_client_subjects = [\"CN=exchange01.chum.test\"]",
                ca.ca_path.display()
            ),
        )
        + &format!(
            "[tls]\ncert = \"{}\"\nkey = \"{}\"\n",
            ca.server_cert.display(),
            ca.server_key.display()
        );
    let sentinelle = Sentinelle::start(&config).await;

    for (subject, expected) in [("exchange01.chum.test", 250), ("intrus.test", 550)] {
        let cert = ca.client(subject);
        let (mut client, _) = Client::connect(sentinelle.addr()).await;
        client.cmd("EHLO exchange01.test").await;
        let mut client = client.starttls(&ca.ca_pem, Some(&cert)).await;
        client.cmd("EHLO exchange01.test").await;
        let reply = client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
        assert_eq!(reply.code, expected, "{subject}: {reply:?}");
    }
    // Without a certificate, an untrusted network stays untrusted.
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO exchange01.test").await;
    let mut client = client.starttls(&ca.ca_pem, None).await;
    client.cmd("EHLO exchange01.test").await;
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 550);
    sentinelle.stop().await;
}
