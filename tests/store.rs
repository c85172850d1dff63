//! The same store suite against both incident store backends: SQLite (a fresh file) and
//! PostgreSQL (a fresh database on the server .ci/run starts; `SENTINELLE_TEST_POSTGRES`
//! gives another admin URL). Then one SMTP test on PostgreSQL: a locked table is a 4xx, and
//! delivery succeeds once it is free.

use sentinelle::incident::checkpoint::{self, Signer};
use sentinelle::incident::model::{Draft, Message, Recipient, Severity, Status, Who};
use sentinelle::incident::store::{self, Backend, Filter, NewIncident, Review, Store};

use crate::support::{Behavior, Sentinelle, Sink, relay_config, send};

pub(crate) fn new_incident(category: &str, at: time::OffsetDateTime) -> NewIncident {
    NewIncident {
        at,
        draft: Draft {
            category: sentinelle::policy::draft::Cause::try_from(category.to_owned()).unwrap(),
            rule: "DIR04 art. 6 (4)".into(),
            severity: Severity::High,
            action: sentinelle::policy::draft::Enforcement::Refused,
            recipients: vec![Recipient {
                address: "x@gmail.com".into(),
                class: sentinelle::policy::Class::PublicWebmail,
                action: sentinelle::policy::draft::RecipientAction::Refuse,
                reason: sentinelle::policy::Category::parse(category),
            }],
            findings: vec![],
            forward_signals: vec![],
            encryption: sentinelle::policy::EncryptionFound::None,
            unscannable: vec![],
            policy_version: "v1".into(),
        },
        who: Who {
            envelope_sender: "dre.gagnon@ssss.gouv.qc.ca".into(),
            establishment: Some("CHUM".into()),
            ..Who::default()
        },
        message: Message::default(),
        channels: vec!["email".into(), "syslog".into()],
    }
}

/// What every backend must do. `tamper` runs SQL on the backend's database.
fn suite(store: &dyn Store, tamper: &dyn Fn(&str)) {
    store.ready().expect("a fresh store can be written");
    let at = time::macros::datetime!(2026-03-10 15:00 UTC);
    let first = store.record(new_incident("auto_forward", at)).unwrap();
    let second = store
        .record(new_incident(
            "confidential_to_public_webmail",
            at + time::Duration::hours(1),
        ))
        .unwrap();
    let third = store
        .record(new_incident("auto_forward", at + time::Duration::hours(2)))
        .unwrap();
    assert_eq!(
        [&first.reference, &second.reference, &third.reference],
        ["INC-2026-000001", "INC-2026-000002", "INC-2026-000003"]
    );
    assert!(first.id < second.id, "ids sort by time");
    assert_eq!(store.get(&second.reference).unwrap().incident, second);
    assert!(matches!(
        store.get("INC-2026-999999"),
        Err(store::StoreError::NotFound(_))
    ));
    let filter = Filter {
        category: Some("auto_forward".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&filter).unwrap().len(), 2);
    let filter = Filter {
        since: Some("2026-03-10T16:00:00Z".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&filter).unwrap().len(), 2);

    // Reviews.
    let review = |status, note: Option<&str>| Review {
        at: "2026-03-11T12:00:00Z".into(),
        by: "securite".into(),
        status,
        note: note.map(str::to_owned),
    };
    store
        .review(&first.reference, review(Status::UnderReview, None))
        .unwrap();
    store
        .review(
            &first.reference,
            review(Status::Closed, Some("rappel fait")),
        )
        .unwrap();
    let entry = store.get(&first.reference).unwrap();
    assert_eq!(entry.status, Status::Closed);
    assert_eq!(entry.reviews.len(), 2);
    let closed = Filter {
        status: Some(Status::Closed),
        ..Filter::default()
    };
    assert_eq!(store.list(&closed).unwrap().len(), 1);
    assert!(
        store
            .review("INC-2026-999999", review(Status::Closed, None))
            .is_err()
    );

    // The outbox: queued with the incident, retried, delivered.
    let due = store.due("2026-03-10T23:00:00Z", 100).unwrap();
    assert_eq!(due.len(), 6);
    store
        .failed(due[0].id, "collector down", "2026-03-10T23:30:00Z")
        .unwrap();
    store.delivered(due[1].id, "2026-03-10T23:00:01Z").unwrap();
    assert_eq!(store.due("2026-03-10T23:00:02Z", 100).unwrap().len(), 4);
    let waiting = store.outbox().unwrap();
    assert_eq!(waiting.len(), 5);
    assert_eq!(waiting[0].attempts, 1);
    assert_eq!(waiting[0].last_error.as_deref(), Some("collector down"));

    // The chains verify.
    let verification = store.verify(None).unwrap();
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    assert_eq!(verification.checked, 5);

    // Retention: the first two go; a signed checkpoint keeps the rest verifiable, reviews stay.
    let keys = tempfile::tempdir().unwrap();
    let signer = Signer::load_or_create(keys.path()).unwrap();
    let trusted = checkpoint::trusted_key(keys.path());
    let purged = store
        .purge("2026-03-10T16:30:00Z", "2026-12-31T00:00:00Z", &signer)
        .unwrap();
    assert_eq!(purged, 2);
    assert!(store.get(&first.reference).is_err());
    assert_eq!(store.list(&Filter::default()).unwrap().len(), 1);
    assert_eq!(
        store.outbox().unwrap().len(),
        2,
        "the purged incidents' notifications go too"
    );
    let fourth = store
        .record(new_incident("auto_forward", at + time::Duration::hours(3)))
        .unwrap();
    assert_eq!(fourth.reference, "INC-2026-000004");
    store
        .record(new_incident("auto_forward", at + time::Duration::hours(4)))
        .unwrap();
    let verification = store.verify(trusted.as_deref()).unwrap();
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    let stranger = tempfile::tempdir().unwrap();
    let stranger = Signer::load_or_create(stranger.path())
        .unwrap()
        .public_key();
    let problems = store.verify(Some(&stranger)).unwrap().problems;
    assert!(
        problems.iter().any(|p| p.contains("checkpoint")),
        "{problems:?}"
    );

    // Every kind of tampering shows.
    tamper(
        "UPDATE incidents SET record = replace(record, 'auto_forward', 'restricted_system') WHERE seq = 4",
    );
    let problems = store.verify(trusted.as_deref()).unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("INC-2026-000004: content changed")),
        "{problems:?}"
    );
    tamper("UPDATE reviews SET record = replace(record, 'rappel fait', 'rien') WHERE seq = 2");
    let problems = store.verify(trusted.as_deref()).unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("review of INC-2026-000001")),
        "{problems:?}"
    );
    tamper("DELETE FROM outbox");
    tamper("DELETE FROM incidents WHERE seq = 3");
    let problems = store.verify(trusted.as_deref()).unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("INC-2026-000004") && p.contains("removed or inserted")),
        "{problems:?}"
    );
    tamper(
        "INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
         SELECT 6, id || 'x', 'INC-2026-000006', year, 6, created_at, category, establishment, record, previous_hash, hash
         FROM incidents WHERE seq = 5",
    );
    let problems = store.verify(trusted.as_deref()).unwrap().problems;
    assert!(
        problems.iter().any(|p| p.contains("INC-2026-000006")),
        "{problems:?}"
    );
    tamper("DELETE FROM checkpoints");
    let problems = store.verify(trusted.as_deref()).unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sequence 4 where 1 was expected")),
        "{problems:?}"
    );
}

#[test]
fn sqlite_passes_the_store_suite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incidents.db");
    let store = store::open(&Backend::Sqlite(path.clone())).unwrap();
    let admin = rusqlite::Connection::open(&path).unwrap();
    suite(store.as_ref(), &|sql| {
        admin.execute_batch(sql).unwrap();
    });
}

/// A fresh PostgreSQL database for one test, dropped at the end.
pub(crate) struct FreshDatabase {
    admin: String,
    name: String,
    pub(crate) url: String,
}

impl FreshDatabase {
    pub(crate) fn new() -> FreshDatabase {
        let admin = std::env::var("SENTINELLE_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://sentinelle:sentinelle@127.0.0.1:5432/postgres".into());
        let name = format!("sentinelle_test_{}", uuid::Uuid::now_v7().simple());
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap_or_else(|e| {
            panic!("PostgreSQL at {admin} (bash .ci/run starts it; SENTINELLE_TEST_POSTGRES overrides): {e}")
        });
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = match admin.rfind('/') {
            Some(slash) => format!("{}/{name}", &admin[..slash]),
            None => panic!("{admin} has no database part"),
        };
        FreshDatabase { admin, name, url }
    }

    pub(crate) fn sql(&self, sql: &str) {
        let mut client = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        client.batch_execute(sql).unwrap();
    }
}

impl FreshDatabase {
    /// The number of incidents recorded, then the database dropped (off the async threads:
    /// the PostgreSQL client runs its own runtime).
    async fn close_counting_incidents(self) -> i64 {
        tokio::task::spawn_blocking(move || {
            let mut client = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
            let count = client
                .query_one("SELECT COUNT(*) FROM incidents", &[])
                .unwrap()
                .get(0);
            drop(client);
            drop(self);
            count
        })
        .await
        .unwrap()
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

#[test]
fn postgres_passes_the_store_suite() {
    let database = FreshDatabase::new();
    let store = store::open(&Backend::Postgres(database.url.clone())).unwrap();
    suite(store.as_ref(), &|sql| database.sql(sql));
    drop(store);
}

/// Gaston Tremblay (fake), born 1954-01-01: NAM TREG 5401 0114.
const CONFIDENTIAL: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: Suivi\r\n\r\n\
Patient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";

#[tokio::test]
async fn postgres_locked_is_a_temporary_failure_then_recorded() {
    let database = tokio::task::spawn_blocking(FreshDatabase::new)
        .await
        .unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let toml = format!(
        "{}\n[incidents]\nstore = \"{}\"\n",
        relay_config(sink.addr, ""),
        database.url
    );
    let sentinelle = Sentinelle::start(&toml).await;
    assert_eq!(
        send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await.0,
        550
    );

    // Another session holds the table: Sentinelle's lock times out, the client retries later.
    let url = database.url.clone();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let mut tx = client.transaction().unwrap();
        tx.batch_execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE")
            .unwrap();
        locked_tx.send(()).unwrap();
        let _ = release_rx.recv();
        tx.rollback().unwrap();
    });
    locked_rx.recv().unwrap();
    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 451, "{text}");
    release_tx.send(()).unwrap();
    tokio::task::spawn_blocking(move || holder.join().unwrap())
        .await
        .unwrap();

    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550);
    assert!(text.contains("INC-"), "{text}");
    sentinelle.stop().await;
    assert_eq!(database.close_counting_incidents().await, 2);
}

/// A TCP relay in front of PostgreSQL that the test can take down (connections cut, new ones
/// refused) and bring back: PostgreSQL "stopped" and "started" as Sentinelle sees it.
struct Switch {
    addr: std::net::SocketAddr,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    links: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Switch {
    async fn start(server: String) -> Switch {
        use std::sync::atomic::Ordering;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let links = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (flag, list) = (up.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !flag.load(Ordering::SeqCst) {
                    continue; // dropped: connection refused in effect
                }
                let server = server.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut upstream) = tokio::net::TcpStream::connect(&server).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                });
                list.lock().unwrap().push(task.abort_handle());
            }
        });
        Switch { addr, up, links }
    }

    fn down(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn up(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[tokio::test]
async fn postgres_stopped_is_a_temporary_failure_and_delivery_resumes_when_it_is_back() {
    let database = tokio::task::spawn_blocking(FreshDatabase::new)
        .await
        .unwrap();
    // postgres://user:password@HOST:PORT/db -> HOST:PORT
    let after_at = &database.url[database.url.rfind('@').unwrap() + 1..];
    let server = after_at[..after_at.find('/').unwrap()].to_owned();
    let switch = Switch::start(server.clone()).await;
    let url = database.url.replace(&server, &switch.addr.to_string());
    let sink = Sink::start(Behavior::default()).await;
    let toml = format!(
        "{}\n[incidents]\nstore = \"{url}\"\n",
        relay_config(sink.addr, "")
    );
    let sentinelle = Sentinelle::start(&toml).await;
    assert_eq!(
        send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await.0,
        550
    );

    switch.down();
    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 451, "{text}");
    assert_eq!(sink.count(), 0, "nothing relayed unrecorded");
    let (status, body) = crate::metrics::get(sentinelle.console, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("store: NOT writable"), "{body}");

    switch.up();
    let (code, text) = send(&sentinelle, &["x@gmail.com"], CONFIDENTIAL).await;
    assert_eq!(code, 550, "{text}");
    assert!(text.contains("INC-"), "{text}");
    sentinelle.stop().await;
    assert_eq!(database.close_counting_incidents().await, 2);
}
