//! Incidents (DIR04 art. 8, 12-14): one record per enforcement, written before the client's
//! reply and named in it; no identifier value in the database; a store that cannot be written
//! holds the message back (4xx) until it can; `verify` finds edited, removed and inserted rows.

use std::path::Path;
use std::process::Command;

use crate::support::{Behavior, Sentinelle, Sink, relay_config, send};

const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Suivi de Gaston Tremblay\r\nMessage-ID: <suivi-1@ssss.gouv.qc.ca>\r\n\r\n\
Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete, ordonnance jointe.\r\n";

/// Sends `n` confidential messages to a webmail: each refused; their incident references.
async fn refuse(sentinelle: &Sentinelle, n: usize) -> Vec<String> {
    let mut references = Vec::with_capacity(n);
    for _ in 0..n {
        let (code, text) = send(sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
        assert_eq!(code, 550, "{text}");
        let reference = text.rsplit("Incident reference: ").next().unwrap();
        assert!(reference.starts_with("INC-"), "{text}");
        references.push(reference.to_owned());
    }
    references
}

fn config_for(store: &Path, dir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("incidents.toml");
    std::fs::write(
        &path,
        format!(
            "certs_dir = \"{}\"\n[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n\
             [relay]\ntrusted_networks = [\"127.0.0.0/8\"]\nupstream = {{ kind = \"maildir\", maildir = \"{}\" }}\n\
             [incidents]\nstore = \"{}\"\n",
            dir.join("certs").display(),
            dir.join("outbox").display(),
            store.display()
        ),
    )
    .unwrap();
    path
}

fn incidents(config: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .arg("incidents")
        .args(args)
        .arg("--config")
        .arg(config)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[tokio::test]
async fn a_refusal_makes_one_incident_named_in_the_reply_and_no_identifier_is_stored() {
    let sink = Sink::start(Behavior::default()).await;
    let toml = format!(
        "{}\n[incidents]\nestablishment = \"CIUSSS de test\"\nestablishments = {{ \"chum.ssss.gouv.qc.ca\" = \"CHUM\" }}\n",
        relay_config(sink.addr, "")
    );
    // The support starts its own store unless [incidents] names one: name one here.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sentinelle.db");
    let toml = toml.replace(
        "[incidents]\n",
        &format!("[incidents]\nstore = \"{}\"\n", store.display()),
    );
    let sentinelle = Sentinelle::start(&toml).await;
    let (code, text) = send(
        &sentinelle,
        &["x@gmail.com", "b@ssss.gouv.qc.ca"],
        CONFIDENTIAL,
    )
    .await;
    assert_eq!(code, 550);
    let reference = text
        .lines()
        .last()
        .and_then(|l| l.split("Incident reference: ").nth(1))
        .unwrap_or_else(|| panic!("no reference in {text}"))
        .to_owned();
    assert!(
        reference.starts_with("INC-") && reference.len() == 15,
        "{reference}"
    );
    // Ordinary internal mail makes none.
    let (code, _) = send(
        &sentinelle,
        &["b@ssss.gouv.qc.ca"],
        "Subject: reunion\r\n\r\nJeudi.\r\n",
    )
    .await;
    assert_eq!(code, 250);
    sentinelle.stop().await;

    let config = config_for(&store, dir.path());
    let (code, listing) = incidents(&config, &["list", "--json"]);
    assert_eq!(code, 0, "{listing}");
    let lines: Vec<serde_json::Value> = listing
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "exactly one incident: {listing}");
    let incident = &lines[0];
    assert_eq!(incident["reference"], reference.as_str());
    assert_eq!(incident["category"], "confidential_to_public_webmail");
    assert_eq!(incident["rule"], "DIR04 art. 6 (4)");
    assert_eq!(incident["severity"], "high");
    assert_eq!(incident["action"], "refused");
    assert_eq!(incident["status"], "new");
    assert_eq!(incident["who"]["establishment"], "CIUSSS de test");
    assert_eq!(
        incident["who"]["envelope_sender"],
        "dre.gagnon@ssss.gouv.qc.ca"
    );
    assert_eq!(incident["message"]["message_id"], "suivi-1@ssss.gouv.qc.ca");
    assert_eq!(incident["recipients"][0]["class"], "public_webmail");
    assert_eq!(incident["recipients"][1]["action"], "relay");
    assert_eq!(incident["findings"][0]["sample"], "TREG •••• ••14");

    // Nothing of the patient in the database file, WAL included.
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let path = file.unwrap().path();
        if !path.to_string_lossy().contains("sentinelle.db") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for secret in [
            "TREG54010114",
            "TREG 5401 0114",
            "5401 0114",
            "Tremblay",
            "diabete",
            "Suivi de",
        ] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret:?} found in {}",
                path.display()
            );
        }
    }

    // Review, close, and the chain still verifies.
    assert_eq!(
        incidents(&config, &["review", &reference, "--by", "securite"]).0,
        0
    );
    let (code, out) = incidents(
        &config,
        &[
            "close",
            &reference,
            "--note",
            "Medecin rappele",
            "--by",
            "securite",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let (_, shown) = incidents(&config, &["show", &reference]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["reviews"].as_array().unwrap().len(), 2);
    assert_eq!(
        incidents(&config, &["list", "--status", "new"])
            .1
            .lines()
            .count(),
        1,
        "header only"
    );
    let (code, out) = incidents(&config, &["verify"]);
    assert_eq!(code, 0, "{out}");

    // The annual account (art. 14), in its three forms.
    let year = &reference[4..8];
    let (code, md) = incidents(&config, &["report", "--year", year]);
    assert_eq!(code, 0, "{md}");
    assert!(
        md.contains("| confidential_to_public_webmail | 1 |"),
        "{md}"
    );
    assert!(md.contains("| CIUSSS de test | 1 |"), "{md}");
    let (_, html) = incidents(&config, &["report", "--year", year, "--format", "html"]);
    assert!(html.contains("<svg") && html.contains("annual account"));
    let (_, csv) = incidents(&config, &["report", "--year", year, "--format", "csv"]);
    assert!(csv.contains("action,refused,1"), "{csv}");
    let (_, csv) = incidents(&config, &["list", "--csv"]);
    assert!(
        csv.starts_with("reference,created_at_utc,category"),
        "{csv}"
    );

    // Retention: purged with a signed checkpoint, and the chain still verifies.
    assert_ne!(incidents(&config, &["purge", "--before", "soon"]).0, 0);
    let (code, out) = incidents(&config, &["purge", "--before", "2999-01-01"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("1 incident(s)"), "{out}");
    assert!(dir.path().join("certs/checkpoint.pub").exists());
    let (code, out) = incidents(&config, &["verify"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(incidents(&config, &["list", "--json"]).1.lines().count(), 0);
}

#[tokio::test]
async fn a_store_that_cannot_be_written_holds_the_message_back_until_it_can() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle = Sentinelle::start(&relay_config(sink.addr, "")).await;
    // A first incident creates the database.
    let (code, _) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);

    // Another process holds the database's write lock: no incident can be written.
    let blocker = rusqlite::Connection::open(&sentinelle.incidents).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 451, "{text}");
    // Gateway-encryption-free enforcement too: nothing relayed unrecorded.
    assert_eq!(sink.count(), 0);
    // Ordinary mail needs no incident and still flows.
    let (code, _) = send(
        &sentinelle,
        &["b@ssss.gouv.qc.ca"],
        "Subject: x\r\n\r\nJeudi.\r\n",
    )
    .await;
    assert_eq!(code, 250);

    // The store is back: the client's retry is judged and recorded.
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    assert!(text.contains("INC-"), "{text}");
    let db = rusqlite::Connection::open(&sentinelle.incidents).unwrap();
    let count: i64 = db
        .query_row("SELECT COUNT(*) FROM incidents", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 2, "the refused attempt while locked left no record");
    drop(db);
    sentinelle.stop().await;
}

#[tokio::test]
async fn verify_finds_an_edited_a_removed_and_an_inserted_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sentinelle.db");
    let config = config_for(&store, dir.path());
    let sink = Sink::start(Behavior::default()).await;
    let toml = format!(
        "{}\n[incidents]\nstore = \"{}\"\n",
        relay_config(sink.addr, ""),
        store.display()
    );
    let sentinelle = Sentinelle::start(&toml).await;
    for _ in 0..4 {
        assert_eq!(
            send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await.0,
            550
        );
    }
    sentinelle.stop().await;
    assert_eq!(incidents(&config, &["verify"]).0, 0);

    let copy = |name: &str| {
        let path = dir.path().join(name);
        let db = rusqlite::Connection::open(&store).unwrap();
        db.execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
        (
            config_for(&path, &dir.path().join(name.replace(".db", ""))),
            rusqlite::Connection::open(&path).unwrap(),
        )
    };
    // Edited: the category of the second incident softened.
    let (edited, db) = copy("edited.db");
    db.execute(
        "UPDATE incidents SET record = replace(record, 'confidential_to_public_webmail', 'auto_forward') WHERE seq = 2",
        [],
    )
    .unwrap();
    let (code, out) = incidents(&edited, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("-000002: content changed"), "{out}");

    // Removed: the third incident deleted.
    let (removed, db) = copy("removed.db");
    db.execute("DELETE FROM incidents WHERE seq = 3", [])
        .unwrap();
    let (code, out) = incidents(&removed, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("-000004") && out.contains("removed"), "{out}");

    // Inserted: a forged record slipped in at the end with a made-up link.
    let (inserted, db) = copy("inserted.db");
    db.execute(
        "INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
         SELECT 5, id || 'x', 'INC-2026-999999', year, 999999, created_at, category, establishment, record, previous_hash, hash
         FROM incidents WHERE seq = 1",
        [],
    )
    .unwrap();
    let (code, out) = incidents(&inserted, &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("INC-2026-999999"), "{out}");
}

#[tokio::test]
async fn notifications_wait_for_a_collector_that_is_down_and_arrive_once() {
    let sink = Sink::start(Behavior::default()).await;
    let collector = crate::support::dead_port().await;
    let siem = crate::support::dead_port().await;
    let toml = format!(
        "{}\n[notifications]\nemail_to = \"centre.services@ssss.gouv.qc.ca\"\nsyslog = \"tcp://{collector}\"\nwebhook = \"http://{siem}/hooks/dir04\"\nretry_initial = 0.1\nretry_max = 0.2\n",
        relay_config(sink.addr, "")
    );
    let sentinelle = Sentinelle::start(&toml).await;
    let references = refuse(&sentinelle, 3).await;

    // The service centre's emails go through the upstream, which is up.
    let emails = sink.wait_for(3).await;
    for (email, reference) in emails.iter().zip(&references) {
        assert_eq!(email.rcpts, ["RCPT TO:<centre.services@ssss.gouv.qc.ca>"]);
        let text = String::from_utf8_lossy(&email.data);
        assert!(text.contains(reference.as_str()), "{text}");
        assert!(!text.contains("TREG") && !text.contains("Tremblay"));
    }

    // The syslog collector is down: its notifications wait, retried.
    let db = rusqlite::Connection::open(&sentinelle.incidents).unwrap();
    let waiting = |db: &rusqlite::Connection| -> (i64, i64) {
        db.query_row(
            "SELECT COUNT(*), MIN(attempts) FROM outbox WHERE channel IN ('syslog', 'webhook') AND delivered_at IS NULL",
            [],
            |row| Ok((row.get(0)?, row.get::<_, Option<i64>>(1)?.unwrap_or(0))),
        )
        .unwrap()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    // Two failed attempts each.
    while waiting(&db).1 < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "no retries: {:?}",
            waiting(&db)
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(waiting(&db).0, 6);

    // Up again: every notification arrives, once.
    let webhook = tokio::net::TcpListener::bind(siem).await.unwrap();
    let posts = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let seen = posts.clone();
    tokio::spawn(async move {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
        while let Ok((stream, _)) = webhook.accept().await {
            let mut stream = tokio::io::BufReader::new(stream);
            let mut head = String::new();
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if stream.read_line(&mut line).await.unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            stream.read_exact(&mut body).await.unwrap();
            seen.lock()
                .unwrap()
                .push(format!("{head}\n{}", String::from_utf8_lossy(&body)));
            let _ = stream
                .get_mut()
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .await;
        }
    });
    let listener = tokio::net::TcpListener::bind(collector).await.unwrap();
    let mut received = Vec::new();
    while received.len() < 3 {
        let (mut stream, _) =
            tokio::time::timeout(std::time::Duration::from_secs(30), listener.accept())
                .await
                .expect("a notification")
                .unwrap();
        let mut text = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut stream, &mut text)
            .await
            .unwrap();
        received.push(text);
    }
    while waiting(&db).0 > 0 {
        assert!(std::time::Instant::now() < deadline, "outbox not emptied");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Nothing more comes once the outbox is empty.
    let more = tokio::time::timeout(std::time::Duration::from_millis(500), listener.accept()).await;
    assert!(more.is_err(), "a notification arrived twice");
    for reference in &references {
        let count = received
            .iter()
            .filter(|r| r.contains(reference.as_str()))
            .count();
        assert_eq!(count, 1, "{reference} in {received:?}");
    }
    assert!(
        received[0].contains("[incident@32473 reference=\"INC-"),
        "{}",
        received[0]
    );
    let posts = posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 3, "{posts:?}");
    for reference in &references {
        let post = posts
            .iter()
            .find(|p| p.contains(reference.as_str()))
            .unwrap();
        assert!(post.starts_with("POST /hooks/dir04 HTTP/1.1"), "{post}");
        assert!(
            post.to_ascii_lowercase()
                .contains("content-type: application/json")
        );
        let json: serde_json::Value =
            serde_json::from_str(post.rsplit('\n').next().unwrap()).unwrap();
        assert_eq!(json["category"], "confidential_to_public_webmail");
        assert!(!post.contains("TREG 5401") && !post.contains("Tremblay"));
    }
    drop(db);
    sentinelle.stop().await;
}
