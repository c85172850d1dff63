//! Encryption through real tools (DIR04 art. 6 (3)): GnuPG and OpenSSL write the encrypted
//! messages Sentinelle must recognise, and GnuPG reads back what Sentinelle encrypted at the
//! gateway. The decision table, cell by cell, through `sentinelle check` and through SMTP.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::docs::{Attachment, mime, zip};
use crate::support::{Behavior, Sentinelle, Sink, relay_config, send};

const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str =
    "Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete, ordonnance jointe.";
const SENDER: &str = "dre.gagnon@ssss.gouv.qc.ca";

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("tool runs");
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A GnuPG home with a key pair for `address` (Ed25519 + Cv25519; GnuPG 2.2 advertises SEIPDv1).
struct Gpg {
    home: tempfile::TempDir,
}

impl Gpg {
    fn new(address: &str) -> Gpg {
        let home = tempfile::tempdir().unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let gpg = Gpg { home };
        run(gpg.cmd().args([
            "--quick-gen-key",
            &format!("Dr Externe <{address}>"),
            "future-default",
            "default",
            "never",
        ]));
        gpg
    }

    fn cmd(&self) -> Command {
        let mut command = Command::new("gpg");
        command
            .env("GNUPGHOME", self.home.path())
            .args(["--batch", "--yes", "--quiet", "--no-tty"])
            .args(["--pinentry-mode", "loopback", "--passphrase", ""])
            .args(["--trust-model", "always"]);
        command
    }

    fn export(&self, address: &str) -> Vec<u8> {
        run(self.cmd().args(["--armor", "--export", address])).stdout
    }

    fn encrypt(&self, address: &str, data: &[u8]) -> String {
        let input = self.home.path().join("plain");
        std::fs::write(&input, data).unwrap();
        let out = run(self
            .cmd()
            .args([
                "--armor",
                "--output",
                "-",
                "--encrypt",
                "--recipient",
                address,
            ])
            .arg(&input));
        let armored = String::from_utf8(out.stdout).unwrap();
        assert!(
            armored.starts_with("-----BEGIN PGP MESSAGE-----"),
            "{armored} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        armored
    }

    fn decrypt(&self, armored: &[u8]) -> Vec<u8> {
        let input = self.home.path().join("cipher.asc");
        std::fs::write(&input, armored).unwrap();
        run(self.cmd().arg("--decrypt").arg(&input)).stdout
    }
}

/// A PGP/MIME message (RFC 3156) around `armored`.
fn pgp_mime(armored: &str) -> Vec<u8> {
    format!(
        "From: {SENDER}\r\nSubject: Suivi\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b1\"\r\n\r\n\
--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n\
--b1\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n{}\r\n--b1--\r\n",
        armored
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .trim_end()
    )
    .into_bytes()
}

/// An OpenSSL S/MIME message: `openssl cms -encrypt -<cipher>` to a fresh certificate.
fn smime(dir: &Path, cipher: &str) -> Vec<u8> {
    let key = dir.join("smime-key.pem");
    let cert = dir.join("smime-cert.pem");
    if !cert.exists() {
        run(Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            ])
            .args(["-subj", "/CN=Dr Externe/emailAddress=ext@clinique.example"])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert));
    }
    let plain = dir.join("smime-plain.txt");
    std::fs::write(
        &plain,
        format!("Content-Type: text/plain\r\n\r\n{CONFIDENTIAL}\r\n"),
    )
    .unwrap();
    let out = run(Command::new("openssl")
        .args(["cms", "-encrypt", &format!("-{cipher}")])
        .arg("-in")
        .arg(&plain)
        .arg(&cert));
    message_from_openssl(&out.stdout)
}

/// OpenSSL's S/MIME output (a MIME entity, LF line ends) as a message from the physician.
fn message_from_openssl(entity: &[u8]) -> Vec<u8> {
    let entity = String::from_utf8(entity.to_vec()).unwrap();
    format!(
        "From: {SENDER}\r\nSubject: Suivi\r\n{}",
        entity.replace("\r\n", "\n").replace('\n', "\r\n")
    )
    .into_bytes()
}

/// An S/MIME detached signature (multipart/signed) over the confidential text.
fn smime_signed(dir: &Path) -> Vec<u8> {
    smime(dir, "aes256"); // makes the certificate
    let plain = dir.join("smime-plain.txt");
    let out = run(Command::new("openssl")
        .args(["cms", "-sign"])
        .arg("-in")
        .arg(&plain)
        .arg("-signer")
        .arg(dir.join("smime-cert.pem"))
        .arg("-inkey")
        .arg(dir.join("smime-key.pem")));
    message_from_openssl(&out.stdout)
}

/// A rules directory naming an approved and a restricted system (the rest is the shipped rules).
fn rules_dir(dir: &Path) -> PathBuf {
    let rules = dir.join("rules");
    std::fs::create_dir_all(rules.join("domains")).unwrap();
    std::fs::write(rules.join("domains/approved_systems.txt"), "ramq.example\n").unwrap();
    std::fs::write(
        rules.join("domains/restricted_systems.txt"),
        "assureur.example\n",
    )
    .unwrap();
    rules
}

pub(crate) fn config_file(dir: &Path, upstream: &str) -> PathBuf {
    let rules = rules_dir(dir);
    let path = dir.join("sentinelle.toml");
    let upstream = upstream.parse().unwrap();
    let extra = format!(
        "rules_dir = \"{}\"\ncerts_dir = \"{}\"\n",
        rules.display(),
        dir.join("certs").display()
    );
    // Top-level keys must come before the tables.
    std::fs::write(&path, format!("{extra}{}", relay_config(upstream, ""))).unwrap();
    path
}

pub(crate) fn import(config: &Path, cert: &[u8], dir: &Path) {
    let file = dir.join("import.asc");
    std::fs::write(&file, cert).unwrap();
    run(Command::new(BIN)
        .args(["keys", "import", "--config"])
        .arg(config)
        .arg(&file));
}

/// `sentinelle check` for `message` to `recipients`: the parsed JSON.
fn check(config: &Path, message: &[u8], recipients: &[&str]) -> serde_json::Value {
    let dir = config.parent().unwrap();
    let file = dir.join("check.eml");
    std::fs::write(&file, message).unwrap();
    let mut command = Command::new(BIN);
    command
        .args(["check", "--config"])
        .arg(config)
        .args(["--from", SENDER]);
    for recipient in recipients {
        command.args(["--to", recipient]);
    }
    let output = command.arg(&file).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn actions(report: &serde_json::Value) -> Vec<String> {
    report["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn gnupg_and_openssl_encryption_is_recognised_and_judged() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(dir.path(), "127.0.0.1:9");
    let gpg = Gpg::new("ext@clinique.example");
    let body = format!("Content-Type: text/plain\r\n\r\n{CONFIDENTIAL}\r\n");

    // PGP/MIME by GnuPG: approved; the outside recipient gets it, a webmail does not.
    let report = check(
        &config,
        &pgp_mime(&gpg.encrypt("ext@clinique.example", body.as_bytes())),
        &["ext@clinique.example", "x@gmail.com"],
    );
    assert_eq!(report["encryption"], "openpgp", "{report}");
    assert_eq!(report["encrypted_parts"][0]["algorithm"], "seipd_v1");
    assert_eq!(actions(&report), ["relay", "refuse"]);
    assert_eq!(
        report["recipients"][1]["reason"],
        "confidential_to_public_webmail"
    );

    // Inline armor in a text body, and a .pgp attachment, are OpenPGP too.
    let inline = format!(
        "From: {SENDER}\r\nSubject: Suivi\r\n\r\n{}",
        gpg.encrypt("ext@clinique.example", CONFIDENTIAL.as_bytes())
    );
    let report = check(&config, inline.as_bytes(), &["ext@clinique.example"]);
    assert_eq!(report["encryption"], "openpgp", "{report}");
    assert_eq!(report["verdict"], "relay");
    let binary = run(gpg
        .cmd()
        .args([
            "--encrypt",
            "--recipient",
            "ext@clinique.example",
            "--output",
            "-",
        ])
        .arg({
            let p = dir.path().join("resultats.txt");
            std::fs::write(&p, CONFIDENTIAL).unwrap();
            p
        }))
    .stdout;
    let attached = mime(
        "Resultats",
        "Voir la piece jointe.",
        &[Attachment {
            filename: "resultats.txt.gpg",
            content_type: "application/octet-stream",
            bytes: &binary,
        }],
    );
    let report = check(&config, &attached, &["ext@clinique.example"]);
    assert_eq!(report["encryption"], "openpgp", "{report}");

    // S/MIME by OpenSSL: AES approved (CBC and GCM), 3DES weak.
    for (cipher, expected, algorithm, verdict) in [
        ("aes256", "smime", "aes256-cbc", "relay"),
        ("aes-128-gcm", "smime", "aes128-gcm", "relay"),
        ("des3", "weak", "des-ede3-cbc", "refuse"),
    ] {
        let report = check(
            &config,
            &smime(dir.path(), cipher),
            &["ext@clinique.example"],
        );
        assert_eq!(report["encryption"], expected, "{cipher}: {report}");
        assert_eq!(report["encrypted_parts"][0]["algorithm"], algorithm);
        assert_eq!(report["verdict"], verdict, "{cipher}");
    }
    let report = check(
        &config,
        &smime(dir.path(), "des3"),
        &["ext@clinique.example"],
    );
    assert_eq!(report["recipients"][0]["reason"], "weak_encryption");

    // Signed only: not encrypted, the text is read and found confidential.
    let report = check(
        &config,
        &smime_signed(dir.path()),
        &["ext@clinique.example"],
    );
    assert_eq!(report["encryption"], "none", "{report}");
    assert_eq!(report["confidential"], true);
    assert_eq!(report["verdict"], "refuse");

    // A multipart/encrypted wrapper around plain text claims a layer it does not have:
    // invalid encryption, refused outside the platform.
    let fake = format!(
        "From: {SENDER}\r\nSubject: Suivi\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"b1\"\r\n\r\n\
--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n\
--b1\r\nContent-Type: application/octet-stream\r\n\r\n{CONFIDENTIAL}\r\n--b1--\r\n"
    );
    let report = check(&config, fake.as_bytes(), &["ext@clinique.example"]);
    assert_eq!(report["encryption"], "invalid", "{report}");
    assert_eq!(report["recipients"][0]["reason"], "weak_encryption");
    assert_eq!(report["verdict"], "refuse");

    // Armor that does not parse is invalid encryption: refused outside the platform.
    let broken = format!(
        "From: {SENDER}\r\nSubject: Suivi\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA5mangled\r\n-----END PGP MESSAGE-----\r\n"
    );
    let report = check(
        &config,
        broken.as_bytes(),
        &["ext@clinique.example", "b@ssss.gouv.qc.ca"],
    );
    assert_eq!(report["encryption"], "invalid", "{report}");
    assert_eq!(actions(&report), ["refuse", "relay"]);
}

/// One message per row of the decision table.
fn rows(dir: &Path) -> Vec<(&'static str, Vec<u8>)> {
    let confidential =
        format!("From: {SENDER}\r\nSubject: Suivi\r\n\r\n{CONFIDENTIAL}\r\n").into_bytes();
    let mut forwarded = b"X-MS-Exchange-Organization-AutoForwarded: true\r\n".to_vec();
    forwarded.extend_from_slice(&confidential);
    // A RAR archive: a format Sentinelle does not read.
    let rar = b"Rar!\x1a\x07\x01\x00\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00\x05\x01\x01\x80\x80\x00";
    let unscannable = mime(
        "Dossier",
        "Voir l'archive.",
        &[Attachment {
            filename: "dossier.rar",
            content_type: "application/vnd.rar",
            bytes: rar,
        }],
    );
    let clear = mime(
        "Reunion",
        "La reunion du comite est reportee a jeudi.",
        &[Attachment {
            filename: "ordre-du-jour.zip",
            content_type: "application/zip",
            bytes: &zip(&[("ordre.txt", b"1. budget 2. horaire")]),
        }],
    );
    vec![
        ("auto_forwarded", forwarded),
        ("weak_encryption", smime(dir, "des3")),
        ("confidential", confidential),
        ("unscannable", unscannable),
        ("encrypted", smime(dir, "aes256")),
        ("clear", clear),
    ]
}

/// The recipients, one per column, with the external one split: without and with a certificate.
const COLUMNS: [&str; 6] = [
    "b@chum.ssss.gouv.qc.ca",
    "z@ramq.example",
    "y@clinique.example",
    "ext@clinique.example",
    "x@gmail.com",
    "w@assureur.example",
];

/// The shipped table; "encrypt" shows as refuse without a certificate, relay_encrypted with.
fn expected(row: &str) -> [&'static str; 6] {
    const R: &str = "relay";
    const X: &str = "refuse";
    const E: &str = "relay_encrypted";
    match row {
        "auto_forwarded" | "weak_encryption" => [R, X, X, X, X, X],
        "confidential" | "unscannable" => [R, R, X, E, X, X],
        "encrypted" => [R, R, R, R, X, X],
        _ => [R, R, R, R, R, R],
    }
}

fn keyed_config(dir: &Path, upstream: &str) -> PathBuf {
    let config = config_file(dir, upstream);
    let cert = sequoia_cert("ext@clinique.example");
    import(&config, &cert, dir);
    config
}

/// A certificate made with Sequoia (SEIPDv1), armored.
pub fn sequoia_cert(address: &str) -> Vec<u8> {
    use sequoia_openpgp::cert::CertBuilder;
    use sequoia_openpgp::serialize::SerializeInto;
    use sequoia_openpgp::types::Features;
    let created = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let (cert, _) = CertBuilder::general_purpose(Some(format!("<{address}>")))
        .set_features(Features::empty().set_seipdv1())
        .unwrap()
        .set_creation_time(created)
        .generate()
        .unwrap();
    cert.armored().to_vec().unwrap()
}

#[test]
fn the_decision_table_cell_by_cell_through_check() {
    let dir = tempfile::tempdir().unwrap();
    let config = keyed_config(dir.path(), "127.0.0.1:9");
    for (row, message) in rows(dir.path()) {
        let report = check(&config, &message, &COLUMNS);
        assert_eq!(report["situation"], row, "{report}");
        assert_eq!(actions(&report), expected(row), "row {row}: {report}");
        let classes: Vec<&str> = report["recipients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["class"].as_str().unwrap())
            .collect();
        assert_eq!(
            classes,
            [
                "internal",
                "approved_system",
                "external",
                "external",
                "public_webmail",
                "restricted_system"
            ]
        );
    }
}

#[tokio::test]
async fn the_decision_table_cell_by_cell_through_smtp() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = keyed_config(dir.path(), &sink.addr.to_string());
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;
    let mut delivered = 0;
    for (row, message) in rows(dir.path()) {
        for (column, expected) in COLUMNS.iter().zip(expected(row)) {
            let (code, text) = send(&sentinelle, &[column], &message).await;
            if expected == "refuse" {
                assert_eq!(code, 550, "{row} / {column}: {text}");
                assert!(text.contains(column), "the refusal names {column}: {text}");
                continue;
            }
            assert_eq!(code, 250, "{row} / {column}: {text}");
            delivered += 1;
            let delivery = sink.wait_for(delivered).await.pop().unwrap();
            let data = String::from_utf8_lossy(&delivery.data).into_owned();
            assert_eq!(
                data.contains("multipart/encrypted"),
                expected == "relay_encrypted",
                "{row} / {column}"
            );
        }
    }
    sentinelle.stop().await;
}

#[tokio::test]
async fn gateway_encryption_is_read_by_gnupg_and_mixed_recipients_get_their_versions() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = config_file(dir.path(), &sink.addr.to_string());
    let gpg = Gpg::new("ext@clinique.example");
    import(&config, &gpg.export("ext@clinique.example"), dir.path());
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;

    let pdf = crate::support::docs::pdf(&[vec![CONFIDENTIAL.to_owned()]]);
    let original = mime(
        "[chiffré] Résultats",
        CONFIDENTIAL,
        &[Attachment {
            filename: "resultats.pdf",
            content_type: "application/pdf",
            bytes: &pdf,
        }],
    );
    // An internal colleague and an outside physician with a certificate: two versions.
    let (code, text) = send(
        &sentinelle,
        &["b@ssss.gouv.qc.ca", "ext@clinique.example"],
        &original,
    )
    .await;
    assert_eq!(code, 250, "{text}");
    let deliveries = sink.wait_for(2).await;
    let internal = deliveries
        .iter()
        .find(|d| d.rcpts == ["RCPT TO:<b@ssss.gouv.qc.ca>"])
        .unwrap_or_else(|| {
            panic!(
                "internal version: {:?}",
                deliveries.iter().map(|d| &d.rcpts).collect::<Vec<_>>()
            )
        });
    assert!(crate::support::strip_received(&internal.data) == original.as_slice());
    let outside = deliveries
        .iter()
        .find(|d| d.rcpts == ["RCPT TO:<ext@clinique.example>"])
        .expect("encrypted version");
    let data = String::from_utf8_lossy(crate::support::strip_received(&outside.data)).into_owned();
    assert!(data.contains("Content-Type: multipart/encrypted"), "{data}");
    assert!(!data.contains("TREG") && !data.contains("Tremblay"));
    assert!(data.contains("Subject: =?UTF-8?B?"), "{data}");
    let subject = data.lines().find(|l| l.starts_with("Subject:")).unwrap();
    assert_eq!(
        subject, "Subject: =?UTF-8?B?UsOpc3VsdGF0cw==?=",
        "tag removed"
    );
    let start = data.find("-----BEGIN PGP MESSAGE-----").unwrap();
    let end = data.find("-----END PGP MESSAGE-----").unwrap() + 25;
    let decrypted = gpg.decrypt(&data.as_bytes()[start..end]);
    // The original MIME entity: its Content-* fields and its body, attachment intact.
    let body_at = original.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert!(decrypted.ends_with(&original[body_at..]), "body intact");
    let decrypted_text = String::from_utf8_lossy(&decrypted);
    assert!(
        decrypted_text.starts_with("Content-Type: multipart/mixed"),
        "{decrypted_text}"
    );

    // Without a certificate for the outside recipient, nobody gets anything.
    let before = sink.count();
    let (code, text) = send(
        &sentinelle,
        &["b@ssss.gouv.qc.ca", "autre@clinique.example"],
        &original,
    )
    .await;
    assert_eq!(code, 550);
    assert!(
        text.contains("autre@clinique.example") && text.contains("OpenPGP"),
        "{text}"
    );
    assert_eq!(sink.count(), before);
    sentinelle.stop().await;
}

#[tokio::test]
async fn five_classes_in_one_message_in_both_refusal_modes() {
    let recipients = [
        "b@chum.ssss.gouv.qc.ca",
        "z@ramq.example",
        "ext@clinique.example",
        "x@gmail.com",
        "w@assureur.example",
    ];
    let message =
        format!("From: {SENDER}\r\nSubject: Suivi\r\n\r\n{CONFIDENTIAL}\r\n").into_bytes();

    // Whole message (the default): one 550 naming both refused recipients; nothing relayed.
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = keyed_config(dir.path(), &sink.addr.to_string());
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;
    let (code, text) = send(&sentinelle, &recipients, &message).await;
    assert_eq!(code, 550, "{text}");
    assert!(text.contains("x@gmail.com") && text.contains("w@assureur.example"));
    assert!(!text.contains("ext@clinique.example") && !text.contains("z@ramq.example"));
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);

    // Per recipient: the three allowed get their versions, the sender a notification.
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = keyed_config(dir.path(), &sink.addr.to_string());
    let policy =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/policy.toml"))
            .unwrap()
            .replace("refusal = \"whole_message\"", "refusal = \"per_recipient\"");
    std::fs::write(dir.path().join("rules/policy.toml"), policy).unwrap();
    let sentinelle = Sentinelle::start(&std::fs::read_to_string(&config).unwrap()).await;
    let (code, text) = send(&sentinelle, &recipients, &message).await;
    assert_eq!(code, 250, "{text}");
    assert!(
        text.contains("refused for x@gmail.com, w@assureur.example"),
        "{text}"
    );
    let deliveries = sink.wait_for(3).await;
    let by_rcpts = |rcpts: &[&str]| {
        let wanted: Vec<String> = rcpts.iter().map(|r| format!("RCPT TO:<{r}>")).collect();
        deliveries
            .iter()
            .find(|d| d.rcpts == wanted)
            .unwrap_or_else(|| {
                panic!(
                    "{rcpts:?} in {:?}",
                    deliveries.iter().map(|d| &d.rcpts).collect::<Vec<_>>()
                )
            })
    };
    let clear = by_rcpts(&["b@chum.ssss.gouv.qc.ca", "z@ramq.example"]);
    assert_eq!(
        crate::support::strip_received(&clear.data),
        message.as_slice()
    );
    let encrypted = by_rcpts(&["ext@clinique.example"]);
    assert!(String::from_utf8_lossy(&encrypted.data).contains("multipart/encrypted"));
    let notice = by_rcpts(&[SENDER]);
    assert!(notice.mail.contains("MAIL FROM:<>"), "{}", notice.mail);
    let notice = String::from_utf8_lossy(&notice.data);
    assert!(notice.contains("Final-Recipient: rfc822; x@gmail.com"));
    assert!(notice.contains("Final-Recipient: rfc822; w@assureur.example"));
    assert!(!notice.contains("TREG"), "no body in the notification");
    sentinelle.stop().await;
}
