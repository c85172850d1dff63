//! Patient data must never reach logs: a message with a clinical subject, body and recipient
//! is judged (and refused: patient data to a public webmail) with every log level on, and
//! none of it appears in the output.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crate::support::{Behavior, Client, relay_pair};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_carry_ids_sizes_and_decisions_but_no_content() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    // The test runtime is single-threaded, so every task logs through this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);

    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO exchange01.test").await;
    client.cmd("MAIL FROM:<dre.gagnon@ssss.gouv.qc.ca>").await;
    client
        .cmd("RCPT TO:<gaston.tremblay.prive@gmail.com>")
        .await;
    client.cmd("DATA").await;
    client
        .send(
            "Subject: Resultats de Gaston Tremblay\r\nMessage-ID: <dossier-48213@chum>\r\n\r\nNAM TREG 5401 0112, ne le 1954-01-01, diagnostic: diabete\r\n"
                .as_bytes(),
        )
        .await;
    let refused = client.cmd(".").await;
    assert_eq!(refused.code, 550);
    assert!(
        refused.message.contains("DIR04 art. 6 (4)"),
        "{}",
        refused.message
    );
    client.cmd("QUIT").await;
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "nothing relayed");

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("\"decision\":\"refuse\""), "{logs}");
    assert!(logs.contains("confidential_to_public_webmail"), "{logs}");
    assert!(logs.contains("\"msgid_hash\""), "{logs}");
    assert!(logs.contains("\"size\""), "{logs}");
    for secret in [
        "Gaston",
        "Tremblay",
        "TREG",
        "5401",
        "diabete",
        "Resultats",
        "dossier-48213",
        "gmail",
    ] {
        assert!(!logs.contains(secret), "logs leak {secret:?}:\n{logs}");
    }
}
