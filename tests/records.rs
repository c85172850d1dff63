//! The README's promises about what Sentinelle records and sends: every gateway encryption is an
//! incident, a failed one is a 451 with nothing sent in clear and nothing recorded, email
//! notifications wait for an upstream that is down, syslog over UDP, and attachment names
//! appear neither in the logs nor in the incident database.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::docs::{Attachment, mime};
use crate::support::{Behavior, Sentinelle, Sink, relay_config, send};

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str =
    "Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete, ordonnance jointe.";

/// A confidential message with an attachment, subject tagged for encryption.
fn tagged() -> Vec<u8> {
    mime(
        "[chiffré] Résultats",
        CONFIDENTIAL,
        &[Attachment {
            filename: "resultats.txt",
            content_type: "text/plain",
            bytes: CONFIDENTIAL.as_bytes(),
        }],
    )
}

/// The encryption test configuration with its incident store in `dir`, the keyring holding
/// `cert` for ext@clinique.example.
fn keyed(dir: &Path, upstream: std::net::SocketAddr, cert: &[u8]) -> PathBuf {
    let config = crate::encryption::config_file(dir, &upstream.to_string());
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "\n[incidents]\nstore = \"{}\"\n",
        dir.join("incidents.db").display()
    ));
    std::fs::write(&config, text).unwrap();
    crate::encryption::import(&config, cert, dir);
    config
}

/// `incidents list --json`: one JSON value per incident.
fn listed(config: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(crate::cli::BIN)
        .args(["incidents", "list", "--json", "--config"])
        .arg(config)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A certificate for `address` whose ECDH (NIST P-256) encryption subkey is a point off the
/// curve: valid for the keyring (binding signature, flags, times), unusable for encryption.
fn off_curve_cert(address: &str) -> Vec<u8> {
    use sequoia_openpgp::cert::CertBuilder;
    use sequoia_openpgp::crypto::mpi;
    use sequoia_openpgp::packet::prelude::*;
    use sequoia_openpgp::serialize::SerializeInto;
    use sequoia_openpgp::types::{
        Curve, HashAlgorithm, KeyFlags, PublicKeyAlgorithm, SignatureType, SymmetricAlgorithm,
    };
    let created = std::time::SystemTime::now() - Duration::from_secs(3600);
    let (cert, _) = CertBuilder::new()
        .add_userid(format!("<{address}>"))
        .set_creation_time(created)
        .generate()
        .unwrap();
    let mut point = vec![0x04];
    point.extend_from_slice(&[0x01; 64]);
    let public = mpi::PublicKey::ECDH {
        curve: Curve::NistP256,
        q: mpi::MPI::new(&point),
        hash: HashAlgorithm::SHA256,
        sym: SymmetricAlgorithm::AES128,
    };
    let subkey: Key<key::PublicParts, key::SubordinateRole> =
        Key4::new(created, PublicKeyAlgorithm::ECDH, public)
            .unwrap()
            .into();
    let mut signer = cert
        .primary_key()
        .key()
        .clone()
        .parts_into_secret()
        .unwrap()
        .into_keypair()
        .unwrap();
    let binding = SignatureBuilder::new(SignatureType::SubkeyBinding)
        .set_key_flags(KeyFlags::empty().set_transport_encryption())
        .unwrap()
        .sign_subkey_binding(&mut signer, None, &subkey)
        .unwrap();
    let (cert, _) = cert
        .insert_packets(vec![Packet::PublicSubkey(subkey), binding.into()])
        .unwrap();
    cert.strip_secret_key_material().armored().to_vec().unwrap()
}

#[tokio::test]
async fn a_failed_gateway_encryption_is_answered_451_and_nothing_is_sent_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = keyed(
        dir.path(),
        sink.addr,
        &off_curve_cert("ext@clinique.example"),
    );
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;
    // Alone, and with an internal colleague who would get the message in clear: the whole
    // message is held back, every time the client retries.
    for recipients in [
        &["ext@clinique.example"][..],
        &["b@ssss.gouv.qc.ca", "ext@clinique.example"][..],
        &["ext@clinique.example"][..],
    ] {
        let (code, text) = send(&sentinelle, recipients, tagged()).await;
        assert_eq!(code, 451, "{text}");
    }
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "nothing sent, in clear or otherwise");
    // Nothing was enforced: no incident (the retry that succeeds is recorded).
    assert_eq!(listed(&config).len(), 0);
}

#[tokio::test]
async fn every_gateway_encryption_is_recorded_as_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let cert = crate::encryption::sequoia_cert("ext@clinique.example");
    let config = keyed(dir.path(), sink.addr, &cert);
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;
    for recipients in [
        &["ext@clinique.example"][..],
        &["b@ssss.gouv.qc.ca", "ext@clinique.example"][..],
    ] {
        let (code, text) = send(&sentinelle, recipients, tagged()).await;
        assert_eq!(code, 250, "{text}");
    }
    sentinelle.stop().await;
    assert_eq!(sink.count(), 3);
    let incidents = listed(&config);
    assert_eq!(incidents.len(), 2, "{incidents:?}");
    for incident in &incidents {
        assert_eq!(incident["action"], "encrypted", "{incident}");
        let recipients = incident["recipients"].as_array().unwrap();
        let outside = recipients
            .iter()
            .find(|r| r["address"] == "ext@clinique.example")
            .unwrap();
        assert_eq!(outside["action"], "relay_encrypted", "{incident}");
    }
}

/// Sends `n` confidential messages to a webmail through `sentinelle`: their references.
async fn refuse(sentinelle: &Sentinelle, n: usize) -> Vec<String> {
    let mut references = Vec::new();
    for _ in 0..n {
        let message = format!("Subject: Suivi\r\n\r\n{CONFIDENTIAL}\r\n");
        let (code, text) = send(sentinelle, &["x@gmail.com"], message).await;
        assert_eq!(code, 550, "{text}");
        let reference = text.rsplit("Incident reference: ").next().unwrap();
        references.push(reference.to_owned());
    }
    references
}

/// The notifications of `channel` not yet delivered, and their fewest attempts.
fn waiting(store: &Path, channel: &str) -> (i64, i64) {
    let db = rusqlite::Connection::open(store).unwrap();
    db.query_row(
        "SELECT COUNT(*), MIN(attempts) FROM outbox WHERE channel = ?1 AND delivered_at IS NULL",
        [channel],
        |row| Ok((row.get(0)?, row.get::<_, Option<i64>>(1)?.unwrap_or(0))),
    )
    .unwrap()
}

#[tokio::test]
async fn email_notifications_wait_for_an_upstream_that_is_down_and_arrive_once() {
    let upstream = crate::support::dead_port().await;
    let toml = format!(
        "{}\n[notifications]\nemail_to = \"centre.services@ssss.gouv.qc.ca\"\nretry_initial = 0.1\nretry_max = 0.2\n",
        relay_config(upstream, "")
    );
    let sentinelle = Sentinelle::start(&toml).await;
    // Refusals need no upstream; their emails do.
    let references = refuse(&sentinelle, 2).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while waiting(&sentinelle.incidents, "email").1 < 2 {
        assert!(std::time::Instant::now() < deadline, "no retries");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(waiting(&sentinelle.incidents, "email").0, 2);

    let sink = Sink::start_on(upstream, Behavior::default()).await;
    let emails = sink.wait_for(2).await;
    for reference in &references {
        let carrying = emails
            .iter()
            .filter(|e| String::from_utf8_lossy(&e.data).contains(reference.as_str()))
            .count();
        assert_eq!(carrying, 1, "{reference} once");
    }
    for email in &emails {
        let text = String::from_utf8_lossy(&email.data);
        assert!(
            !text.contains("TREG") && !text.contains("Tremblay"),
            "{text}"
        );
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while waiting(&sentinelle.incidents, "email").0 > 0 {
        assert!(std::time::Instant::now() < deadline, "not marked delivered");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sentinelle.stop().await;
    assert_eq!(sink.count(), 2, "each email once");
}

#[tokio::test]
async fn syslog_over_udp_carries_each_incident_without_patient_data() {
    let collector = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let toml = format!(
        "{}\n[notifications]\nsyslog = \"udp://{}\"\n",
        relay_config(sink.addr, ""),
        collector.local_addr().unwrap()
    );
    let sentinelle = Sentinelle::start(&toml).await;
    let references = refuse(&sentinelle, 2).await;
    let mut datagrams = Vec::new();
    let mut buf = vec![0u8; 65536];
    while datagrams.len() < 2 {
        let n = tokio::time::timeout(Duration::from_secs(30), collector.recv(&mut buf))
            .await
            .expect("a syslog datagram")
            .unwrap();
        datagrams.push(String::from_utf8_lossy(&buf[..n]).into_owned());
    }
    for (datagram, reference) in datagrams.iter().zip(&references) {
        assert!(datagram.starts_with('<'), "RFC 5424 priority: {datagram}");
        assert!(datagram.contains(reference.as_str()), "{datagram}");
        assert!(
            !datagram.contains("TREG") && !datagram.contains("Tremblay"),
            "{datagram}"
        );
    }
    sentinelle.stop().await;
}

#[tokio::test]
async fn attachment_names_reach_neither_the_logs_nor_the_incident_database() {
    let sink = Sink::start(Behavior::default()).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sentinelle.toml"),
        relay_config(sink.addr, "")
            + "[log]\nformat = \"json\"\n[incidents]\nstore = \"var/incidents.db\"\n",
    )
    .unwrap();
    let (child, addr, logs) = crate::cli::start(dir.path());
    let named = |body: &str| {
        mime(
            "Suivi",
            body,
            &[Attachment {
                filename: "Bouchard_Sylvie_dossier.txt",
                content_type: "text/plain",
                bytes: CONFIDENTIAL.as_bytes(),
            }],
        )
    };
    let deliver = |rcpt: &'static str, body: &'static str| {
        let message = named(body);
        async move {
            let mut client = crate::support::Client::greeted(addr).await;
            client
                .start_data("dre.gagnon@ssss.gouv.qc.ca", &[rcpt])
                .await;
            client.finish_data(&message).await.code
        }
    };
    // Refused to a webmail (an incident), relayed to a colleague (logged only).
    assert_eq!(deliver("x@gmail.com", CONFIDENTIAL).await, 550);
    assert_eq!(
        deliver("b@ssss.gouv.qc.ca", "Rendez-vous jeudi.").await,
        250
    );
    let database = |dir: &Path| -> Vec<u8> {
        let mut bytes = Vec::new();
        for file in ["incidents.db", "incidents.db-wal", "incidents.db-shm"] {
            bytes.extend(std::fs::read(dir.join("var").join(file)).unwrap_or_default());
        }
        bytes
    };
    let running = database(dir.path());
    crate::cli::kill(&child, "-TERM");
    let mut child = child;
    assert!(child.wait().unwrap().success());
    // The reading thread ends with the process's stderr.
    let lines: Vec<String> = logs.iter().collect();
    assert!(
        lines.iter().any(|l| l.contains("message analysed")),
        "{lines:?}"
    );
    let stopped = database(dir.path());
    assert!(!running.is_empty() && !stopped.is_empty());
    // (The NAM's redacted sample keeps its four letters: the value itself must not be there.)
    for secret in [
        "Bouchard",
        "Sylvie",
        "dossier.txt",
        "Tremblay",
        "Gaston",
        "5401 0114",
    ] {
        for line in &lines {
            assert!(!line.contains(secret), "{secret} in the log: {line}");
        }
        for bytes in [&running, &stopped] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} in the incident database"
            );
        }
    }
}
