//! Relay mode: byte-identical relaying, envelopes and DSN parameters, and the before-queue
//! guarantee when the upstream refuses, fails, hangs or is absent.

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::support::{
    Behavior, Client, Sentinelle, Sink, dead_port, message, relay_config, relay_pair,
    strip_received,
};

fn lettre_client(addr: std::net::SocketAddr) -> AsyncSmtpTransport<Tokio1Executor> {
    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(addr.ip().to_string())
        .port(addr.port())
        .build()
}

/// lettre always ends DATA with `\r\n.\r\n`, so it is given the message without its final
/// CRLF (lettre's own messages never end with one); what arrives is the whole message.
fn for_lettre(raw: &[u8]) -> &[u8] {
    raw.strip_suffix(b"\r\n").unwrap_or(raw)
}

fn envelope(from: &str, to: &[String]) -> Envelope {
    Envelope::new(
        Some(from.parse().unwrap()),
        to.iter().map(|t| t.parse().unwrap()).collect(),
    )
    .unwrap()
}

/// A body that exercises dot-stuffing and 8-bit text.
fn tricky_body() -> String {
    ".ligne qui commence par un point\r\n..deux points\r\n.\r\nPatiente fictive: Émilie Côté\r\n \r\n\tfin".into()
}

#[tokio::test]
async fn relays_one_recipient_byte_identical_with_lettre() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let raw = message("one", &tricky_body());
    let to = vec!["collegue@ssss.gouv.qc.ca".to_owned()];
    let response = lettre_client(sentinelle.addr())
        .send_raw(
            &envelope("julie.gagnon@ssss.gouv.qc.ca", &to),
            for_lettre(&raw),
        )
        .await
        .unwrap();
    assert_eq!(response.code().to_string(), "250");
    let deliveries = sink.wait_for(1).await;
    assert_eq!(deliveries.len(), 1);
    let got = &deliveries[0];
    assert_eq!(strip_received(&got.data), raw.as_slice());
    assert!(
        got.mail
            .starts_with("MAIL FROM:<julie.gagnon@ssss.gouv.qc.ca>"),
        "{}",
        got.mail
    );
    assert_eq!(got.rcpts, vec!["RCPT TO:<collegue@ssss.gouv.qc.ca>"]);
    assert!(!got.used_bdat);
    sentinelle.stop().await;
}

#[tokio::test]
async fn relays_fifty_recipients_in_one_transaction_over_bdat() {
    let (sink, sentinelle) = relay_pair(
        Behavior {
            chunking: true,
            ..Behavior::default()
        },
        "",
    )
    .await;
    let raw = message("fifty", &tricky_body());
    let to: Vec<String> = (0..50)
        .map(|i| format!("medecin{i:02}@ssss.gouv.qc.ca"))
        .collect();
    lettre_client(sentinelle.addr())
        .send_raw(
            &envelope("julie.gagnon@ssss.gouv.qc.ca", &to),
            for_lettre(&raw),
        )
        .await
        .unwrap();
    let deliveries = sink.wait_for(1).await;
    assert_eq!(deliveries.len(), 1);
    assert!(deliveries[0].used_bdat);
    assert_eq!(strip_received(&deliveries[0].data), raw.as_slice());
    let expected: Vec<String> = to.iter().map(|t| format!("RCPT TO:<{t}>")).collect();
    assert_eq!(deliveries[0].rcpts, expected);
    sentinelle.stop().await;
}

#[tokio::test]
async fn dsn_and_body_parameters_reach_the_upstream() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    assert_eq!(client.cmd("EHLO exchange01.test").await.code, 250);
    let raw = message("dsn", "corps");
    let mail = format!(
        "MAIL FROM:<julie.gagnon@ssss.gouv.qc.ca> SIZE={} BODY=8BITMIME RET=HDRS ENVID=QQ314159",
        raw.len()
    );
    assert_eq!(client.cmd(&mail).await.code, 250);
    let rcpt = "RCPT TO:<b@ssss.gouv.qc.ca> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@ssss.gouv.qc.ca";
    assert_eq!(client.cmd(rcpt).await.code, 250);
    assert_eq!(client.cmd("DATA").await.code, 354);
    client.send(&raw).await;
    let reply = client.cmd(".").await;
    assert_eq!(reply.code, 250, "{reply:?}");
    let got = &sink.wait_for(1).await[0];
    assert!(got.mail.contains("BODY=8BITMIME"), "{}", got.mail);
    assert!(got.mail.contains("RET=HDRS"), "{}", got.mail);
    assert!(got.mail.contains("ENVID=QQ314159"), "{}", got.mail);
    // SIZE is re-announced with Sentinelle's Received header counted.
    assert!(
        got.mail.contains(&format!("SIZE={}", got.data.len())),
        "{}",
        got.mail
    );
    assert_eq!(
        got.rcpts,
        vec!["RCPT TO:<b@ssss.gouv.qc.ca> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@ssss.gouv.qc.ca"]
    );
    sentinelle.stop().await;
}

#[tokio::test]
async fn client_bdat_chunks_are_reassembled_and_relayed() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO exchange01.test").await;
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await;
    let raw = message("bdat", ".dot\r\nligne");
    let (first, second) = raw.split_at(40);
    client
        .send(format!("BDAT {}\r\n", first.len()).as_bytes())
        .await;
    client.send(first).await;
    assert_eq!(client.reply().await.code, 250);
    client
        .send(format!("BDAT {} LAST\r\n", second.len()).as_bytes())
        .await;
    client.send(second).await;
    let reply = client.reply().await;
    assert_eq!(reply.code, 250, "{reply:?}");
    assert_eq!(
        strip_received(&sink.wait_for(1).await[0].data),
        raw.as_slice()
    );
    sentinelle.stop().await;
}

/// Sends one message with a raw client and returns the final reply code.
async fn send_one(addr: std::net::SocketAddr, recipients: &[&str]) -> u16 {
    let mut client = Client::greeted(addr).await;
    client.start_data("a@ssss.gouv.qc.ca", recipients).await;
    let code = client.finish_data(&message("retry", "corps")).await.code;
    client.cmd("QUIT").await;
    code
}

#[tokio::test]
async fn upstream_permanent_refusal_reaches_the_client_as_5xx() {
    let (sink, sentinelle) = relay_pair(
        Behavior {
            data_reply: Some("554 5.7.1 rejected by policy".into()),
            ..Behavior::default()
        },
        "",
    )
    .await;
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        554
    );
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn upstream_recipient_refusal_stops_the_whole_message() {
    let (sink, sentinelle) = relay_pair(
        Behavior {
            rcpt_reply: Some(("inconnu".into(), "550 5.1.1 no such user".into())),
            ..Behavior::default()
        },
        "",
    )
    .await;
    let code = send_one(
        sentinelle.addr(),
        &["b@ssss.gouv.qc.ca", "inconnu@ssss.gouv.qc.ca"],
    )
    .await;
    assert_eq!(code, 550);
    sentinelle.stop().await;
    assert_eq!(
        sink.count(),
        0,
        "nothing is delivered when one recipient is refused"
    );
}

#[tokio::test]
async fn upstream_temporary_failure_then_retry_delivers_exactly_once() {
    let (sink, sentinelle) = relay_pair(
        Behavior {
            data_reply: Some("451 4.3.0 try later".into()),
            ..Behavior::default()
        },
        "",
    )
    .await;
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        451
    );
    assert_eq!(sink.count(), 0);
    sink.set(Behavior::default());
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        250
    );
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn upstream_that_never_answers_gives_4xx_then_retry_delivers_once() {
    let (sink, sentinelle) = relay_pair(
        Behavior {
            silent: true,
            ..Behavior::default()
        },
        "",
    )
    .await;
    let code = send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await;
    assert_eq!(code / 100, 4, "got {code}");
    sink.set(Behavior::default());
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        250
    );
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn upstream_not_listening_gives_4xx_then_retry_delivers_once() {
    let addr = dead_port().await;
    let sentinelle = Sentinelle::start(&relay_config(addr, "")).await;
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        451
    );
    let sink = Sink::start_on(addr, Behavior::default()).await;
    assert_eq!(
        send_one(sentinelle.addr(), &["b@ssss.gouv.qc.ca"]).await,
        250
    );
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn client_disconnecting_in_the_middle_of_data_relays_nothing() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO exchange01.test").await;
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await;
    assert_eq!(client.cmd("DATA").await.code, 354);
    client
        .send(b"Subject: coupe\r\n\r\nla moitie du message")
        .await;
    drop(client);
    // stop() returns once every session has ended, so the session saw the disconnect.
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn python_smtplib_client_is_relayed() {
    if !crate::support::tool("python3") {
        return;
    }
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let port = sentinelle.addr().port();
    let script = format!(
        "import smtplib\n\
         s = smtplib.SMTP('127.0.0.1', {port})\n\
         s.ehlo('python.test')\n\
         r = s.sendmail('a@ssss.gouv.qc.ca', ['b@ssss.gouv.qc.ca', 'c@ssss.gouv.qc.ca'], b'Subject: py\\r\\n\\r\\n.dot\\r\\nbody\\r\\n')\n\
         assert r == {{}}, r\n\
         s.quit()\n"
    );
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got = &sink.wait_for(1).await[0];
    assert_eq!(
        strip_received(&got.data),
        b"Subject: py\r\n\r\n.dot\r\nbody\r\n"
    );
    assert_eq!(got.rcpts.len(), 2);
    sentinelle.stop().await;
}

#[tokio::test]
async fn upstream_starttls_is_verified_against_the_configured_ca() {
    let dir = tempfile::tempdir().unwrap();
    let ca = crate::support::TestCa::new(dir.path());
    let sink = Sink::start(Behavior {
        tls: Some(ca.server_config()),
        chunking: true,
        ..Behavior::default()
    })
    .await;
    let upstream = |extra: &str| {
        relay_config(sink.addr, "").replace(
            &format!("upstream = {{ kind = \"smtp\", address = \"{}\" }}", sink.addr),
            &format!(
                "upstream = {{ kind = \"smtp\", address = \"{}\", tls = \"starttls\", server_name = \"localhost\"{extra} }}",
                sink.addr
            ),
        )
    };
    // Verified with the establishment's CA: relayed over TLS.
    let trusted = Sentinelle::start(&upstream(&format!(
        ", ca_file = \"{}\"",
        ca.ca_path.display()
    )))
    .await;
    assert_eq!(send_one(trusted.addr(), &["b@ssss.gouv.qc.ca"]).await, 250);
    trusted.stop().await;
    let deliveries = sink.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert!(deliveries[0].tls, "the upstream leg must be encrypted");

    // Against the system roots the test CA is unknown: nothing is sent in clear, 4xx.
    let untrusted = Sentinelle::start(&upstream("")).await;
    assert_eq!(
        send_one(untrusted.addr(), &["b@ssss.gouv.qc.ca"]).await,
        451
    );
    untrusted.stop().await;
    assert_eq!(sink.count(), 1);
}
