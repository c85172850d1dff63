//! The console's incident list at scale (issue 13): 100,000 incidents in the store, one page
//! of 50 read with its total, on SQLite and on PostgreSQL (when reachable: the server
//! `.ci/run` starts, or `SENTINELLE_TEST_POSTGRES`). Pages: the first (newest first), one
//! filtered by category and status, one sorted by severity, and the last (offset pagination
//! at its deepest). The rows are copies of one recorded incident made by SQL (their chain
//! does not verify; the list does not care).
//!
//! Run: `cargo bench --locked --bench console`

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use sentinelle::incident::model::{Draft, Message, Recipient, Severity, Status, Who};
use sentinelle::incident::store::pages::{Query, Sort};
use sentinelle::incident::store::{self, Backend, Filter, NewIncident, Store};

const ROWS: i64 = 100_000;

fn incident() -> NewIncident {
    NewIncident {
        at: time::macros::datetime!(2026-01-01 08:00 UTC),
        draft: Draft {
            category: sentinelle::policy::draft::Cause::try_from(
                "confidential_to_public_webmail".to_owned(),
            )
            .unwrap(),
            rule: "DIR04 art. 6 (4)".into(),
            severity: Severity::High,
            action: sentinelle::policy::draft::Enforcement::Refused,
            recipients: vec![Recipient {
                address: "x@gmail.com".into(),
                class: sentinelle::policy::Class::PublicWebmail,
                action: sentinelle::policy::draft::RecipientAction::Refuse,
                reason: sentinelle::policy::Category::parse("confidential_to_public_webmail"),
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
        channels: vec![],
    }
}

const SQLITE_FILL: &str = "
WITH RECURSIVE n(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM n WHERE k < 100000)
INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
SELECT k, id || k, printf('INC-2026-%06d', k), year, k,
       strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01 08:00:00', '+' || (k * 300) || ' seconds'),
       CASE k % 3 WHEN 0 THEN 'auto_forward' ELSE category END, establishment,
       replace(record, 'INC-2026-000001', printf('INC-2026-%06d', k)), previous_hash, hash
FROM incidents, n WHERE seq = 1;
INSERT INTO facets (seq, severity, status, sender, classes)
SELECT seq, CASE seq % 7 WHEN 0 THEN 'medium' ELSE 'high' END, CASE seq % 5 WHEN 0 THEN 'closed' ELSE 'new' END,
       'dre.gagnon@ssss.gouv.qc.ca', ',public_webmail,' FROM incidents WHERE seq > 1;";

const POSTGRES_FILL: &str = "
INSERT INTO incidents (seq, id, reference, year, number, created_at, category, establishment, record, previous_hash, hash)
SELECT k, id || k, 'INC-2026-' || lpad(k::text, 6, '0'), year, k,
       to_char(timestamp '2026-01-01 08:00:00' + k * interval '300 seconds', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
       CASE k % 3 WHEN 0 THEN 'auto_forward' ELSE category END, establishment,
       replace(record, 'INC-2026-000001', 'INC-2026-' || lpad(k::text, 6, '0')), previous_hash, hash
FROM incidents, generate_series(2, 100000) AS k WHERE seq = 1;
INSERT INTO facets (seq, severity, status, sender, classes)
SELECT seq, CASE seq % 7 WHEN 0 THEN 'medium' ELSE 'high' END, CASE seq % 5 WHEN 0 THEN 'closed' ELSE 'new' END,
       'dre.gagnon@ssss.gouv.qc.ca', ',public_webmail,' FROM incidents WHERE seq > 1;
ANALYZE;";

fn pages(c: &mut Criterion, name: &str, store: &dyn Store) {
    let total = store
        .page(&Query {
            limit: 1,
            ..Query::default()
        })
        .unwrap()
        .total;
    assert_eq!(total, ROWS as u64);
    let mut group = c.benchmark_group(format!("console_list_100k_{name}"));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    let newest = Query {
        descending: true,
        limit: 50,
        ..Query::default()
    };
    let filtered = Query {
        filter: Filter {
            category: Some("auto_forward".into()),
            status: Some(Status::New),
            ..Filter::default()
        },
        descending: true,
        limit: 50,
        ..Query::default()
    };
    let severity = Query {
        sort: Sort::Severity,
        descending: false,
        limit: 50,
        ..Query::default()
    };
    let last = Query {
        descending: true,
        offset: ROWS as u64 - 50,
        limit: 50,
        ..Query::default()
    };
    for (label, query) in [
        ("first_page", newest),
        ("filtered_page", filtered),
        ("by_severity", severity),
        ("last_page", last),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| black_box(store.page(black_box(&query)).unwrap()))
        });
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incidents.db");
    {
        let store = store::open(&Backend::Sqlite(path.clone())).unwrap();
        store.record(incident()).unwrap();
    }
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(SQLITE_FILL)
        .unwrap();
    let sqlite = store::open(&Backend::Sqlite(path)).unwrap();
    pages(&mut c, "sqlite", sqlite.as_ref());

    let admin = std::env::var("SENTINELLE_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://sentinelle:sentinelle@127.0.0.1:5432/postgres".into());
    match postgres::Client::connect(&admin, postgres::NoTls) {
        Ok(mut client) => {
            let name = format!("sentinelle_bench_{}", std::process::id());
            client
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            let url = format!("{}/{name}", &admin[..admin.rfind('/').unwrap()]);
            let store = store::open(&Backend::Postgres(url.clone())).unwrap();
            store.record(incident()).unwrap();
            postgres::Client::connect(&url, postgres::NoTls)
                .unwrap()
                .batch_execute(POSTGRES_FILL)
                .unwrap();
            pages(&mut c, "postgres", store.as_ref());
            drop(store);
            client
                .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .unwrap();
        }
        Err(err) => eprintln!("PostgreSQL at {admin} unreachable ({err}): its figures are skipped"),
    }
    c.final_summary();
}
