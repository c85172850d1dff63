//! The README's promises, each shown: a message is never lost (SIGKILL before the reply,
//! SIGINT, an upstream that refuses or hangs up), TLS below 1.2 refused and a stalled handshake
//! closed, the upstream client deaf to bytes injected before its STARTTLS handshake.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cli::{kill, start};
use crate::support::{
    Behavior, Client, EndOfData, Sentinelle, Sink, TestCa, message, relay_config, send,
};

/// A relay configuration for the binary towards `upstream`, JSON logs.
fn binary_config(dir: &std::path::Path, upstream: std::net::SocketAddr) {
    std::fs::write(
        dir.join("sentinelle.toml"),
        format!(
            "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n\
             [relay]\ntrusted_networks = [\"127.0.0.0/8\"]\n\
             upstream = {{ kind = \"smtp\", address = \"{upstream}\" }}\n[log]\nformat = \"json\"\n"
        ),
    )
    .unwrap();
}

/// MAIL, RCPT, DATA and the message with its final dot, on a fresh session.
async fn up_to_the_final_dot(addr: std::net::SocketAddr, raw: &[u8]) -> Client {
    let mut client = Client::greeted(addr).await;
    client
        .start_data("dre.gagnon@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    client.send(raw).await;
    client.send(b".\r\n").await;
    client
}

#[tokio::test]
async fn sigkill_after_the_final_dot_leaves_the_message_with_the_client() {
    let sink = Sink::start(Behavior {
        end_of_data: EndOfData::Hold,
        ..Behavior::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    binary_config(dir.path(), sink.addr);
    let (mut child, addr, _logs) = start(dir.path());
    let raw = message("tue", "corps du message");
    let mut client = up_to_the_final_dot(addr, &raw).await;
    // The upstream has the whole message and has not answered: Sentinelle has not either.
    sink.wait_held().await;
    kill(&child, "-KILL");
    child.wait().unwrap();
    let reply = tokio::time::timeout(Duration::from_secs(10), client.try_reply())
        .await
        .expect("the connection ends with the process");
    assert!(reply.is_none(), "no reply from a killed process: {reply:?}");
    assert_eq!(sink.count(), 0, "the upstream never accepted it");

    // The client still has the message and retries against a new process: delivered once.
    sink.set(Behavior::default());
    let (mut child, addr, _logs) = start(dir.path());
    let mut client = up_to_the_final_dot(addr, &raw).await;
    assert_eq!(client.reply().await.code, 250);
    let delivered = sink.wait_for(1).await;
    assert_eq!(crate::support::strip_received(&delivered[0].data), &raw[..]);
    kill(&child, "-KILL");
    child.wait().unwrap();
}

#[tokio::test]
async fn sigint_is_a_graceful_shutdown_like_sigterm() {
    let sink = Sink::start(Behavior::default()).await;
    let dir = tempfile::tempdir().unwrap();
    binary_config(dir.path(), sink.addr);
    let (mut child, addr, _logs) = start(dir.path());
    let (mut idle, _) = Client::connect(addr).await;
    assert_eq!(idle.cmd("EHLO idle.test").await.code, 250);
    let mut busy = Client::greeted(addr).await;
    busy.start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    busy.send(b"Subject: en vol\r\n\r\ncorps\r\n").await;

    kill(&child, "-INT");
    let reply = idle.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 3, 2]), "{reply:?}");
    // The transaction in flight finishes, as on SIGTERM.
    assert_eq!(busy.cmd(".").await.code, 250);
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "graceful exit on SIGINT: {status:?}");
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn upstream_refusing_mail_from_is_passed_on_and_nothing_is_relayed() {
    for (refusal, code) in [
        ("550 5.7.1 sender refused", 550),
        ("451 4.3.0 try later", 451),
    ] {
        let (sink, sentinelle) = crate::support::relay_pair(
            Behavior {
                mail_reply: Some(refusal.into()),
                ..Behavior::default()
            },
            "",
        )
        .await;
        let (got, text) = send(&sentinelle, &["b@ssss.gouv.qc.ca"], message("m", "corps")).await;
        assert_eq!(got, code, "{refusal}: {text}");
        sentinelle.stop().await;
        assert_eq!(sink.count(), 0);
    }
}

#[tokio::test]
async fn upstream_cutting_the_connection_before_its_reply_gives_4xx_then_retry_delivers_once() {
    let (sink, sentinelle) = crate::support::relay_pair(
        Behavior {
            end_of_data: EndOfData::Cut,
            ..Behavior::default()
        },
        "",
    )
    .await;
    let raw = message("coupe", "corps");
    let (code, text) = send(&sentinelle, &["b@ssss.gouv.qc.ca"], &raw).await;
    assert_eq!(code / 100, 4, "the client keeps the message: {text}");
    assert_eq!(sink.count(), 0);
    sink.set(Behavior::default());
    let (code, _) = send(&sentinelle, &["b@ssss.gouv.qc.ca"], &raw).await;
    assert_eq!(code, 250);
    assert_eq!(sink.wait_for(1).await.len(), 1);
    sentinelle.stop().await;
}

/// A STARTTLS listener with the test CA's server certificate.
async fn tls_sentinelle(ca: &TestCa, extra: &str) -> (Sink, Sentinelle) {
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, extra).replace("tls = \"none\"", "tls = \"starttls\"")
        + &format!(
            "[tls]\ncert = \"{}\"\nkey = \"{}\"\n",
            ca.server_cert.display(),
            ca.server_key.display()
        );
    (sink, Sentinelle::start(&config).await)
}

/// `openssl s_client -starttls smtp` with `version` ("-tls1_1"): whether the handshake
/// succeeded, and what openssl said.
fn s_client(addr: std::net::SocketAddr, version: &str) -> (bool, String) {
    let out = Command::new("openssl")
        .args(["s_client", "-starttls", "smtp", "-connect"])
        .arg(addr.to_string())
        .args([version, "-cipher", "DEFAULT@SECLEVEL=0"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let negotiated = text.contains("Cipher is") && !text.contains("Cipher is (NONE)");
    (out.status.success() && negotiated, text)
}

#[tokio::test]
async fn tls_1_0_and_1_1_are_refused_and_tls_1_2_is_accepted() {
    if !crate::support::tool("openssl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let (_sink, sentinelle) = tls_sentinelle(&ca, "").await;
    let addr = sentinelle.addr();
    for version in ["-tls1", "-tls1_1"] {
        let (ok, text) = tokio::task::spawn_blocking(move || s_client(addr, version))
            .await
            .unwrap();
        assert!(!ok, "{version} must be refused: {text}");
        // Refused by the server (its alert), not by the local openssl.
        assert!(text.contains("SSL alert number"), "{version}: {text}");
    }
    let (ok, text) = tokio::task::spawn_blocking(move || s_client(addr, "-tls1_2"))
        .await
        .unwrap();
    assert!(ok, "TLS 1.2 is accepted: {text}");
    sentinelle.stop().await;
}

#[tokio::test]
async fn a_tls_handshake_that_stalls_is_closed_at_the_handshake_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let (sink, sentinelle) = tls_sentinelle(&ca, "tls_handshake = 1").await;
    // Silent after the 220, and stalled in the middle of a ClientHello.
    for partial in [&b""[..], &[0x16, 0x03, 0x01, 0x00, 0xa0, 0x01][..]] {
        let (mut client, _) = Client::connect(sentinelle.addr()).await;
        assert_eq!(client.cmd("EHLO poste.test").await.code, 250);
        assert_eq!(client.cmd("STARTTLS").await.code, 220);
        let mut stream = client.into_stream();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        stream.write_all(partial).await.unwrap();
        let mut buf = [0u8; 64];
        let read = tokio::time::timeout(Duration::from_secs(15), stream.read(&mut buf))
            .await
            .expect("closed by the handshake timeout, not left open");
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    }
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn the_upstream_client_discards_bytes_injected_before_its_starttls_handshake() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    // A man in the middle appends replies in clear after the 220: read after the handshake,
    // they would answer the client's EHLO and MAIL in the attacker's name.
    let sink = Sink::start(Behavior {
        tls: Some(ca.server_config()),
        starttls_inject: Some("250 injected\r\n554 5.7.1 injected refusal\r\n".into()),
        ..Behavior::default()
    })
    .await;
    let config = relay_config(sink.addr, "").replace(
        &format!("upstream = {{ kind = \"smtp\", address = \"{}\" }}", sink.addr),
        &format!(
            "upstream = {{ kind = \"smtp\", address = \"{}\", tls = \"starttls\", server_name = \"localhost\", ca_file = \"{}\" }}",
            sink.addr,
            ca.ca_path.display()
        ),
    );
    let sentinelle = Sentinelle::start(&config).await;
    let (code, text) = send(&sentinelle, &["b@ssss.gouv.qc.ca"], message("tls", "corps")).await;
    // Discarded: the real replies over TLS are read, and the message is delivered encrypted.
    // Read as replies, the injected 554 would have refused it.
    assert_eq!(code, 250, "{text}");
    let delivered = sink.wait_for(1).await;
    assert!(delivered[0].tls);
    sentinelle.stop().await;
}
